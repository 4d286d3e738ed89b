// Compute and networking: Lambda functions, security groups, load balancers and target groups,
// RDS identifiers. Each entry names the provider file that declares it.
import { enumValues } from "./enums";
import { conflictsWith, CrossRule, exactlyOneOf, InputRule, inputRule, maxItems } from "./rule";
import {
  all,
  custom,
  goQuote,
  intAtLeast,
  intAtMost,
  intBetween,
  lenBetween,
  matches,
  notMatches,
  oneOf,
  validARN,
  Validator,
} from "./validators";

const FUNCTION = "aws:lambda/function:Function";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const ALB = "aws:alb/loadBalancer:LoadBalancer";
const TG = "aws:lb/targetGroup:TargetGroup";
const ALB_TG = "aws:alb/targetGroup:TargetGroup";
const DB = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";

/**
 * Lambda `validFunctionName()`: a name or function ARN, 1 to 140 characters, whose function name
 * (the whole value, or the name inside a full or partial ARN) is at most 64 characters
 * (internal/service/lambda/validate.go; AWS refuses a longer name at create in any version).
 */
export const functionName = all(
  matches(
    /^(arn:[\w-]+:lambda:)?([a-z]{2}-(?:[a-z]+-){1,2}\d{1}:)?(\d{12}:)?(function:)?([0-9A-Za-z_-]+)(:(\$LATEST|[0-9A-Za-z_-]+))?$/,
    "must be valid function name or function ARN",
  ),
  lenBetween(1, 140),
  (v) => {
    if (typeof v !== "string") return [];
    const full =
      /^arn:[\w-]+:lambda:[a-z]{2}-(?:[a-z]+-){1,2}\d{1}:\d{12}:function:([0-9A-Za-z_-]+)(:(\$LATEST|[0-9A-Za-z_-]+))?$/.exec(
        v,
      );
    const partial = /^\d{12}:function:([0-9A-Za-z_-]+)$/.exec(v);
    const name = full?.[1] ?? partial?.[1] ?? v;
    return Buffer.byteLength(name, "utf8") > 64
      ? [
          `expected length of the Lambda function name to be less than or equal to 64, got ${name} (${Buffer.byteLength(name, "utf8")} characters)`,
        ]
      : [];
  },
);

/**
 * Runtimes the provider accepts (`enum.Validate[awstypes.Runtime]()`: every value of the AWS SDK's
 * enum, deprecated ones included): those @pulumi/aws declares, and the SDK's older ones it no
 * longer lists (aws-sdk-go-v2 service/lambda/types/enums.go).
 */
const DECLARED_RUNTIMES = enumValues("lambda", "Runtime");
const RUNTIMES = [
  ...new Set([
    ...DECLARED_RUNTIMES,
    "nodejs",
    "nodejs4.3",
    "nodejs4.3-edge",
    "nodejs6.10",
    "nodejs8.10",
    "python3.6",
    "dotnetcore1.0",
    "dotnetcore2.0",
  ]),
];

/**
 * A later version of a runtime family the list knows (nodejs26.x, python3.15, java29, dotnet12,
 * ruby3.6, provided.al2029): the provider of a newer @pulumi/aws than the installed one, or an AWS
 * SDK ahead of the package's list, accepts it, so it is never refused. A value of no family shape
 * ("nodejs22", "python3", "Node.js 22") is still judged against the list.
 */
const RUNTIME_FAMILY =
  /^(nodejs\d+\.x|python3\.\d+|java\d+|dotnet\d+|ruby\d+\.\d+|provided\.al\d+)$/;

const runtime: Validator = (v, k) =>
  typeof v === "string" && RUNTIME_FAMILY.test(v) ? [] : oneOf(RUNTIMES)(v, k);

/** elbv2 `validName` (load balancers) and `validTargetGroupName` (internal/service/elbv2/validate.go). */
function elbName(k: string, loadBalancer: boolean): Validator {
  return (v) => {
    if (typeof v !== "string" || (loadBalancer && v === "")) return [];
    const q = goQuote(k);
    const at = loadBalancer ? `: ${goQuote(v)}` : "";
    const out: string[] = [];
    if (v.length > 32) out.push(`${q} cannot be longer than 32 characters${at}`);
    if (!/^[0-9A-Za-z-]+$/.test(v))
      out.push(`only alphanumeric characters and hyphens allowed in ${q}${at}`);
    if (v.startsWith("-")) out.push(`${q} cannot begin with a hyphen${at}`);
    if (v.endsWith("-")) out.push(`${q} cannot end with a hyphen${at}`);
    if (loadBalancer && v.startsWith("internal-"))
      out.push(`${q} cannot begin with "internal-"${at}`);
    return out;
  };
}

/**
 * elbv2 `validNamePrefix` (load balancers) and `validTargetGroupNamePrefix`: at most 6 characters
 * (32 less the provider's 26-character unique suffix), letters, digits and hyphens, not starting
 * with a hyphen, a load balancer's not with "internal-" (internal/service/elbv2/validate.go).
 */
function elbNamePrefix(k: string, loadBalancer: boolean): Validator {
  return (v) => {
    if (typeof v !== "string") return [];
    const q = goQuote(k);
    const at = loadBalancer ? `: ${goQuote(v)}` : "";
    const out: string[] = [];
    if (!/^[0-9A-Za-z-]+$/.test(v))
      out.push(`only alphanumeric characters and hyphens allowed in ${q}${at}`);
    if (v.length > 6) out.push(`${q} cannot be longer than 6 characters${at}`);
    if (v.startsWith("-")) out.push(`${q} cannot begin with a hyphen${at}`);
    if (loadBalancer && v.startsWith("internal-"))
      out.push(`${q} cannot begin with "internal-"${at}`);
    return out;
  };
}

const ELB_FIX =
  "at most 32 letters, digits and hyphens, not starting or ending with a hyphen (Pulumi adds 8 " +
  "characters to a logical name it turns into the name: keep that at most 24), or give `name`";

/**
 * rds `validIdentifier` (internal/service/rds/validate.go), or with `prefix` its
 * `validIdentifierPrefix`: the same checks, except that a prefix may end with a hyphen.
 */
const rdsIdentifier = (k: string, prefix = false): Validator =>
  all(
    custom(
      (s) => /^[0-9a-z-]+$/.test(s),
      () => `only lowercase alphanumeric characters and hyphens allowed in ${goQuote(k)}`,
    ),
    custom(
      (s) => /^[a-z]/.test(s),
      () => `first character of ${goQuote(k)} must be a letter`,
    ),
    custom(
      (s) => !s.includes("--"),
      () => `${goQuote(k)} cannot contain two consecutive hyphens`,
    ),
    custom(
      (s) => prefix || !s.endsWith("-"),
      () => `${goQuote(k)} cannot end with a hyphen`,
    ),
  );

const RDS_FIX = "lowercase letters, digits and single hyphens, starting with a letter";

const LAMBDA = "internal/service/lambda/function.go";

export const COMPUTE_RULES: readonly InputRule[] = [
  {
    type: FUNCTION,
    prop: "name",
    attr: "function_name",
    validate: functionName,
    fix: "letters, digits, hyphens and underscores only (a logical name Pulumi turns into the name too)",
    source: "internal/service/lambda/validate.go",
  },
  {
    type: FUNCTION,
    prop: "handler",
    attr: "handler",
    validate: lenBetween(1, 128),
    fix: "a handler of 1 to 128 characters, e.g. index.handler",
    source: LAMBDA,
  },
  {
    type: FUNCTION,
    prop: "memorySize",
    attr: "memory_size",
    validate: intBetween(128, 10240),
    fix: "memory in MB from 128 to 10240",
    source: LAMBDA,
  },
  {
    type: FUNCTION,
    prop: "timeout",
    attr: "timeout",
    validate: intBetween(1, 900),
    fix: "a timeout in seconds from 1 to 900 (15 minutes)",
    source: LAMBDA,
  },
  // Without the installed package's list, a runtime newer than the older ones could be refused.
  ...(DECLARED_RUNTIMES.length === 0
    ? []
    : [
        {
          type: FUNCTION,
          prop: "runtime",
          attr: "runtime",
          validate: runtime,
          fix: "a runtime identifier as AWS spells it, e.g. nodejs22.x or python3.13 (aws.lambda.Runtime)",
          source: LAMBDA,
        },
      ]),
  {
    type: FUNCTION,
    prop: "ephemeralStorage.size",
    attr: "ephemeral_storage.0.size",
    validate: intBetween(512, 10240),
    fix: "ephemeral storage in MB from 512 to 10240",
    source: LAMBDA,
  },
  {
    type: FUNCTION,
    prop: "reservedConcurrentExecutions",
    attr: "reserved_concurrent_executions",
    validate: intAtLeast(-1),
    fix: "-1 (no reservation), 0 (throttled) or a number of concurrent executions",
    source: LAMBDA,
  },
  {
    // `enum.Validate[awstypes.Architecture]()`: the AWS SDK's two values, unchanged since arm64
    // (2021); "amd64", "x86-64" and "ARM64" are refused.
    type: FUNCTION,
    prop: "architectures",
    attr: "architectures.0",
    validate: oneOf(["x86_64", "arm64"]),
    fix: 'one architecture: ["x86_64"] (the default) or ["arm64"] (aws.lambda.Architecture)',
    source: LAMBDA,
  },
  {
    type: FUNCTION,
    prop: "fileSystemConfig.localMountPath",
    attr: "file_system_config.0.local_mount_path",
    validate: matches(/^\/mnt\/[0-9A-Za-z_.-]+$/, "must start with '/mnt/'"),
    fix: "a mount path /mnt/<name> (letters, digits, _ . - in the name)",
    source: LAMBDA,
  },
  ...(["role", "kmsKeyArn", "layers", "deadLetterConfig.targetArn"] as const).map(
    (prop): InputRule => ({
      type: FUNCTION,
      prop,
      attr: {
        role: "role",
        kmsKeyArn: "kms_key_arn",
        layers: "layers",
        "deadLetterConfig.targetArn": "dead_letter_config.0.target_arn",
      }[prop],
      validate: validARN,
      fix: "an ARN (a role's `arn` output, not its name or id)",
      source: LAMBDA,
    }),
  ),
  {
    type: SG,
    prop: "name",
    attr: "name",
    validate: all(lenBetween(0, 255), notMatches(/^sg-/, "cannot begin with sg-")),
    fix: "a name of at most 255 characters not starting with sg- (a logical name Pulumi turns into the name too)",
    source: "internal/service/ec2/vpc_security_group.go",
  },
  {
    type: SG,
    prop: "namePrefix",
    attr: "name_prefix",
    validate: all(lenBetween(0, 229), notMatches(/^sg-/, "cannot begin with sg-")),
    fix: "a prefix of at most 229 characters not starting with sg-",
    source: "internal/service/ec2/vpc_security_group.go",
  },
  {
    type: SG,
    prop: "description",
    attr: "description",
    validate: lenBetween(0, 255),
    fix: "a description of at most 255 characters",
    source: "internal/service/ec2/vpc_security_group.go",
  },
  ...[LB, ALB].map((type): InputRule => ({
    type,
    prop: "name",
    attr: "name",
    validate: elbName("name", true),
    fix: `${ELB_FIX}; not starting with internal-`,
    source: "internal/service/elbv2/validate.go",
  })),
  ...[TG, ALB_TG].map((type): InputRule => ({
    type,
    prop: "name",
    attr: "name",
    validate: elbName("name", false),
    fix: ELB_FIX,
    source: "internal/service/elbv2/validate.go",
  })),
  ...[LB, ALB, TG, ALB_TG].map((type): InputRule => ({
    type,
    prop: "namePrefix",
    attr: "name_prefix",
    validate: elbNamePrefix("name_prefix", type === LB || type === ALB),
    fix: "a prefix of at most 6 letters, digits and hyphens, not starting with a hyphen",
    source: "internal/service/elbv2/validate.go",
  })),
  {
    type: DB,
    prop: "identifier",
    attr: "identifier",
    validate: rdsIdentifier("identifier"),
    fix: RDS_FIX,
    source: "internal/service/rds/validate.go",
    skipAutoName: true,
  },
  ...(
    [
      [DB, "identifierPrefix", "identifier_prefix"],
      [CLUSTER, "clusterIdentifierPrefix", "cluster_identifier_prefix"],
    ] as const
  ).map(([type, prop, attr]): InputRule => ({
    type,
    prop,
    attr,
    validate: rdsIdentifier(attr, true),
    fix: RDS_FIX,
    source: "internal/service/rds/validate.go",
  })),
  {
    type: CLUSTER,
    prop: "clusterIdentifier",
    attr: "cluster_identifier",
    validate: rdsIdentifier("cluster_identifier"),
    fix: RDS_FIX,
    source: "internal/service/rds/validate.go",
    skipAutoName: true,
  },
  // `backup_retention_period`: `validation.IntBetween(0, 35)` on an instance, and
  // `validation.IntAtMost(35)` on a cluster (AWS's own lower bound of 1 for a cluster is a limit
  // of CreateDBCluster, in rules-create-data.ts).
  inputRule(
    DB,
    "backupRetentionPeriod",
    "backup_retention_period",
    intBetween(0, 35),
    "a backup retention of 0 (no automated backups) to 35 days",
    "internal/service/rds/instance.go",
  ),
  inputRule(
    CLUSTER,
    "backupRetentionPeriod",
    "backup_retention_period",
    intAtMost(35),
    "a backup retention of 1 to 35 days",
    "internal/service/rds/cluster.go",
  ),
];

/** `architectures` is a list of at most one item (MaxItems 1). */
const oneArchitecture = maxItems(FUNCTION, ["architectures", "architectures"], 1, LAMBDA, {
  what: "at most one architecture",
  fix: 'one architecture: ["x86_64"] or ["arm64"] (a function runs on one)',
});

export const COMPUTE_CROSS_RULES: readonly CrossRule[] = [
  oneArchitecture,
  exactlyOneOf(
    FUNCTION,
    [
      ["code", "filename"],
      ["imageUri", "image_uri"],
      ["s3Bucket", "s3_bucket"],
    ],
    LAMBDA,
  ),
  conflictsWith(
    SG,
    ["name", "name"],
    ["namePrefix", "name_prefix"],
    "internal/service/ec2/vpc_security_group.go",
  ),
  conflictsWith(
    DB,
    ["identifier", "identifier"],
    ["identifierPrefix", "identifier_prefix"],
    "internal/service/rds/instance.go",
  ),
  conflictsWith(
    CLUSTER,
    ["clusterIdentifier", "cluster_identifier"],
    ["clusterIdentifierPrefix", "cluster_identifier_prefix"],
    "internal/service/rds/cluster.go",
  ),
];
