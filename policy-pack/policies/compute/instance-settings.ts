// EC2 instance and launch-template settings: detailed monitoring, an instance profile, EBS
// optimization, and no credentials in user data (also of Auto Scaling launch configurations). Spot
// instance requests and Spot fleet launch specifications name their instances' profile and user
// data the way instances do.
import { INSTANCE_LAUNCHERS } from "../../lib/compute/launch-templates";
import { resourcePolicy } from "../../lib/define";

import { asList, holdsValue, flagOn } from "../../lib/values";
import {
  EC2_INSTANCE,
  EC2_LAUNCH_TEMPLATE,
  EC2_SPOT_FLEET_REQUEST,
  EC2_SPOT_INSTANCE_REQUEST,
} from "../../lib/types";
import { awsDocs, cdkNag, checkov, trivy } from "../../lib/controls";
import { NATIVE_EC2_INSTANCE, NATIVE_EC2_LAUNCH_TEMPLATE } from "../../lib/native/types";

export const instanceDetailedMonitoring = resourcePolicy({
  name: "ec2-instance-detailed-monitoring",
  description:
    "EC2 instances and launch templates enable detailed (1-minute) CloudWatch monitoring.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Set `monitoring: true` (launch templates: `monitoring: { enabled: true }`).",
  references: [cdkNag("AwsSolutions-EC28"), checkov("CKV_AWS_126")],
  types: [EC2_INSTANCE, EC2_LAUNCH_TEMPLATE, NATIVE_EC2_INSTANCE, NATIVE_EC2_LAUNCH_TEMPLATE],
  check: (props, ctx, args) => {
    const on =
      args.type === EC2_INSTANCE ? flagOn(props.monitoring) : flagOn(props.monitoring?.enabled);
    if (!on) ctx.report("Detailed monitoring is off.");
  },
});

export const instanceProfileAttached = resourcePolicy({
  name: "ec2-instance-profile-attached",
  description:
    "EC2 instances, Spot instance requests, Spot fleet launch specifications and launch templates carry an instance profile, so software on them uses role credentials (and SSM) rather than stored keys.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set `iamInstanceProfile` (Spot fleet launch specifications: or `iamInstanceProfileArn`) to a profile whose role has only what the instance needs.",
  references: [checkov("CKV2_AWS_41")],
  types: [
    EC2_INSTANCE,
    EC2_SPOT_INSTANCE_REQUEST,
    EC2_SPOT_FLEET_REQUEST,
    EC2_LAUNCH_TEMPLATE,
    NATIVE_EC2_INSTANCE,
    NATIVE_EC2_LAUNCH_TEMPLATE,
  ],
  check: (props, ctx, args) => {
    if (args.type === EC2_SPOT_FLEET_REQUEST) {
      // Launch template configs carry the template's profile, judged on the template.
      const without = asList(props.launchSpecifications)
        .map((spec: any, k: number) =>
          holdsValue(() => spec?.iamInstanceProfile) ||
          holdsValue(() => spec?.iamInstanceProfileArn)
            ? 0
            : k + 1,
        )
        .filter((k) => k > 0);
      if (without.length)
        ctx.report(`Launch specification(s) #${without.join(", #")} attach no instance profile.`);
      return;
    }
    const has =
      args.type === EC2_LAUNCH_TEMPLATE
        ? holdsValue(() => props.iamInstanceProfile?.arn) ||
          holdsValue(() => props.iamInstanceProfile?.name)
        : holdsValue(() => props.iamInstanceProfile);
    if (!has) ctx.report("No instance profile is attached.");
  },
});

/**
 * Patterns of credentials written into user data. The password pattern starts where no letter or
 * digit comes before the word, not at a word boundary: `_` is a word character, so `\bpassword`
 * never matched the environment-variable names scripts write (`DB_PASSWORD=`, `GITHUB_TOKEN=`).
 * It leaves a command's flag (`--db-password=...`) to `secretFlag`, which names it.
 */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/, "an AWS access key id"],
  [/aws_secret_access_key\s*[=:]/i, "an AWS secret access key"],
  [/-----BEGIN (?:RSA |EC |DSA |OPENSSH )?PRIVATE KEY-----/, "a private key"],
  [
    /(?<![a-z0-9])(?<!(?:^|[\s"'(])--?[\w-]*)(?:password|passwd|secret|api[_-]?key|token)\s*[=:]\s*["']?[^\s"'$]{8,}/im,
    "a password or token",
  ],
];

/**
 * A flag that takes a password, token or key, and its value: `--token`, `--db-password`,
 * `--clientSecret`, `--authToken`, `--auth-key` / `--authkey` (`tailscale up`), `--secret-key`,
 * `--secret-access-key` (`--s3-secret-access-key`). Bare `--secret` is left out: it names a secret
 * or a file, not its value (`docker service create --secret <name>`, Docker "Manage sensitive data
 * with Docker secrets"; `podman run --secret <name>`; `openvpn --secret <file>`).
 */
const SECRET_FLAG =
  /(?:^|[\s"'(])(--?[a-z0-9_-]{0,40}?(?:secret[-_]?access[-_]?key|password|passwd|secret|api[-_]?key|auth[-_]?key|token)(?:[-_]?key)?)(?:=|[ \t]+)["']?([^\s"'`]+)/gim;

/** mysql's password joined to its short flag, `-pS3cret` (MySQL "Command Options for Connecting"). */
const MYSQL_PASSWORD =
  /\b(?:mysql|mysqldump|mysqladmin|mariadb(?:-dump|-admin)?)\b[^\n;&|]*?[ \t](-p)["']?([^\s"'`]+)/g;

/**
 * Whether a flag's value is a literal secret: not one read at boot (`$VAR`, `$(...)`, `%VAR%`,
 * `{{ var }}`, `<placeholder>`), not a path (`/run/secrets/x`, `./x`, `~/x`, `secrets/db.txt`),
 * not an ARN, not a `key=value` list (a trailing `=` is base64 padding), and `min` long.
 */
function literalValue(raw: string, min: number): boolean {
  const v = raw.replace(/[;)]+$/, "");
  if (v.length < min || /^(?:[-/~.<{]|arn:)/i.test(v) || /[$`%]|\{\{/.test(v)) return false;
  if (/=[^=]/.test(v)) return false;
  const relativePath =
    v.includes("/") && (/\.[a-z0-9]{1,5}$/i.test(v) || /^[a-z0-9._-]+(?:\/[a-z0-9._-]+)+$/.test(v));
  return !relativePath;
}

/** The first flag in `text` given a literal secret (`--token`, `-p` of mysql), if any. */
function secretFlag(text: string): string | undefined {
  for (const m of text.matchAll(SECRET_FLAG)) {
    if (!/^--?secret$/i.test(m[1]) && literalValue(m[2], 8)) return m[1];
  }
  for (const m of text.matchAll(MYSQL_PASSWORD)) if (literalValue(m[2], 4)) return m[1];
  return undefined;
}

function decodeBase64(s: string): string {
  try {
    return Buffer.from(s, "base64").toString("utf8");
  } catch {
    return "";
  }
}

export const instanceNoSecretsInUserData = resourcePolicy({
  name: "ec2-instance-no-secrets-in-user-data",
  description:
    "EC2 user data (of instances, Spot instance requests, Spot fleet launch specifications, launch templates and Auto Scaling launch configurations) holds no credentials: anyone who can describe the instance or template can read it.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Keep secrets in Secrets Manager or SSM Parameter Store (SecureString) and read them at boot with the instance role.",
  references: [checkov("CKV_AWS_46"), trivy("AWS-0029"), trivy("AWS-0129")],
  types: [...INSTANCE_LAUNCHERS, NATIVE_EC2_INSTANCE, NATIVE_EC2_LAUNCH_TEMPLATE],
  check: (props, ctx, args) => {
    const texts: string[] = [];
    if (args.type === EC2_SPOT_FLEET_REQUEST) {
      // Launch specifications take plain `userData`, which the provider encodes; text already
      // encoded is read decoded too.
      for (const spec of asList(props.launchSpecifications))
        if (typeof spec?.userData === "string")
          texts.push(spec.userData, decodeBase64(spec.userData));
    } else if (args.type !== EC2_LAUNCH_TEMPLATE) {
      // Instances, Spot instance requests and launch configurations take plain `userData` or
      // encoded `userDataBase64`.
      if (typeof props.userData === "string") texts.push(props.userData);
      if (typeof props.userDataBase64 === "string") texts.push(decodeBase64(props.userDataBase64));
    } else if (typeof props.userData === "string") {
      // Launch template user data is base64-encoded.
      texts.push(decodeBase64(props.userData), props.userData);
    }
    const found = SECRET_PATTERNS.filter(([re]) => texts.some((t) => re.test(t))).map(
      ([, what]) => what,
    );
    const flag = texts.map(secretFlag).find((f) => f !== undefined);
    if (flag) found.push(`a password or token given to a command as a flag (${flag})`);
    if (found.length) ctx.report(`User data appears to contain ${found.join(", ")}.`);
  },
});

// Previous-generation types that support EBS optimization only when asked for it (the EC2 docs'
// table of them, "Amazon EBS-optimized instance types": not every size of these families); the
// other sizes of those families and t1/t2 cannot have it at all; every other type is
// EBS-optimized by default, at no cost, whatever the flag says.
const EBS_OPTIMIZED_ON_REQUEST = new Set([
  "c1.xlarge",
  "c3.xlarge",
  "c3.2xlarge",
  "c3.4xlarge",
  "g2.2xlarge",
  "i2.xlarge",
  "i2.2xlarge",
  "i2.4xlarge",
  "m1.large",
  "m1.xlarge",
  "m2.2xlarge",
  "m2.4xlarge",
  "m3.xlarge",
  "m3.2xlarge",
  "r3.xlarge",
  "r3.2xlarge",
  "r3.4xlarge",
]);
const NO_EBS_OPTIMIZATION = /^(t1|t2|c1|c3|g2|i2|m1|m2|m3|r3)\./;

export const instanceEbsOptimized = resourcePolicy({
  name: "ec2-instance-ebs-optimized",
  description:
    "EC2 instances should be EBS-optimized, so volume traffic has its own bandwidth instead of contending with the " +
    "network. Advisory. Current-generation types are EBS-optimized by default and pass whatever `ebsOptimized` " +
    "says; a previous-generation type that supports it must ask for it, and t1/t2 types, which cannot have it, are " +
    "reported to move to a current type, as are the sizes of previous-generation families that cannot have it.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Use a current-generation instance type (EBS-optimized by default), or set `ebsOptimized: true` on the " +
    "previous-generation sizes that support it (c3.xlarge, m3.xlarge, r3.xlarge and the others AWS lists).",
  references: [checkov("CKV_AWS_135"), awsDocs("Amazon EBS-optimized instance types")],
  types: [EC2_INSTANCE, NATIVE_EC2_INSTANCE],
  check: (props, ctx) => {
    const type = String(props.instanceType ?? "");
    if (EBS_OPTIMIZED_ON_REQUEST.has(type)) {
      if (!flagOn(props.ebsOptimized))
        ctx.report(`ebsOptimized is not true, and ${type} is not EBS-optimized by default.`);
    } else if (NO_EBS_OPTIMIZATION.test(type)) {
      ctx.report(`${type} cannot be EBS-optimized.`);
    }
  },
});
