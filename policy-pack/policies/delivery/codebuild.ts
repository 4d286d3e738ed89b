// CodeBuild projects and source credentials: no privileged mode without a waiver, no credentials in
// plaintext variables or source URLs, logs into a managed group, private projects and short build
// timeouts. Encryption of build artifacts and logs with customer-managed keys is the KMS policies'
// rule (../kms/service-keys.ts) and is not repeated here.
import { resourcePolicy } from "../../lib/define";
import {
  plaintextSecretReason,
  SecretNameConfig,
  secretNameSchema,
  VALUES_JUDGED,
} from "../../lib/secrets";
import { asList, flagOn, present } from "../../lib/values";
import { CODEBUILD_PROJECT, CODEBUILD_SOURCE_CREDENTIAL } from "../../lib/types";
import {
  NATIVE_CODEBUILD_PROJECT,
  NATIVE_CODEBUILD_SOURCE_CREDENTIAL,
} from "../../lib/native/types";
import { awsDocs, cdkNag, checkov, fsbp } from "../../lib/controls";

/** aws-native projects are judged as the classic ones (../../lib/native/twins.ts). */
const PROJECTS = [CODEBUILD_PROJECT, NATIVE_CODEBUILD_PROJECT];

export const codebuildPrivilegedMode = resourcePolicy({
  name: "codebuild-project-privileged-mode",
  description:
    "CodeBuild projects must not run in privileged mode unless a waiver says why. Privileged mode runs the build with " +
    "root access to a Docker daemon on the build host; it is needed only to build container images. Mandatory, with the " +
    "waiver (tag `waiver:codebuild-project-privileged-mode` = reason) as the explicit, reviewed exception.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `environment.privilegedMode: false`. For the one project that builds images, keep it privileged, give it only the " +
    "permissions the image build needs, keep it out of the VPC, and tag it `waiver:codebuild-project-privileged-mode` with the reason.",
  references: [
    cdkNag("AwsSolutions-CB3"),
    checkov("CKV_AWS_316"),
    fsbp("CodeBuild.5 (retired 2024-04)"),
  ],
  types: PROJECTS,
  check: (props, ctx) => {
    if (flagOn(props.environment?.privilegedMode)) {
      ctx.report(
        "The build environment runs in privileged mode (root access to the build host's Docker daemon).",
      );
    }
  },
});

export const codebuildNoPlaintextCredentials = resourcePolicy<SecretNameConfig>({
  name: "codebuild-project-no-plaintext-credentials",
  description:
    "CodeBuild environment variables of type PLAINTEXT (the default type) must not hold credentials. Mandatory: the value " +
    "is shown in the console and API to anyone who can read the project, and it sits in Pulumi state. " +
    VALUES_JUDGED,
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    'Store the credential in Secrets Manager or SSM Parameter Store and reference it with `type: "SECRETS_MANAGER"` or ' +
    '`type: "PARAMETER_STORE"` (value = secret or parameter name); let the service role read only that secret.',
  references: [fsbp("CodeBuild.2")],
  config: secretNameSchema,
  types: PROJECTS,
  check: (props, ctx) => {
    for (const v of asList(props.environment?.environmentVariables)) {
      const type = v?.type ?? "PLAINTEXT";
      if (type !== "PLAINTEXT") continue;
      const reason = plaintextSecretReason(v, ctx.config);
      if (reason) ctx.report(`Environment variable ${reason} (type PLAINTEXT).`);
    }
  },
});

export const codebuildLogging = resourcePolicy({
  name: "codebuild-project-logging",
  description:
    "CodeBuild projects should log to CloudWatch Logs into a log group this stack manages (KMS key, retention). Without " +
    "an explicit group CodeBuild writes to /aws/codebuild/<project>, a group it creates with no retention and no " +
    "customer key. Advisory: audit trail and data hygiene. (Encryption of S3 build logs is the KMS policies' rule.)",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `logsConfig.cloudwatchLogs: { status: "ENABLED", groupName: <managed log group> }`.',
  references: [checkov("CKV_AWS_314"), fsbp("CodeBuild.4")],
  types: [CODEBUILD_PROJECT, NATIVE_CODEBUILD_PROJECT],
  check: (props, ctx) => {
    const cw = props.logsConfig?.cloudwatchLogs;
    const s3 = props.logsConfig?.s3Logs;
    if (cw?.status === "DISABLED") {
      ctx.report(
        s3?.status === "ENABLED"
          ? "CloudWatch logging is disabled (builds log to S3 only)."
          : "CloudWatch logging is disabled and S3 logging is off: builds leave no logs.",
      );
    } else if (!present(cw, "groupName")) {
      ctx.report(
        "Builds log to the default group /aws/codebuild/<project>, which CodeBuild creates without retention or a customer-managed key.",
      );
    }
  },
});

/** Userinfo in a source URL that carries a secret: "user:password@" or a token as the user name. */
function credentialInUrl(location: string): boolean {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/@\s]+)@/i.exec(location);
  if (!m) return false;
  const userinfo = m[1];
  if (userinfo.includes(":")) return true;
  return (
    /^(ghp_|gho_|ghs_|github_pat_|glpat-|x-token-auth|x-access-token)/i.test(userinfo) ||
    userinfo.length >= 30
  );
}

export const codebuildSourceNoCredentialsInUrl = resourcePolicy({
  name: "codebuild-project-source-no-inline-credentials",
  description:
    "CodeBuild source locations must not embed credentials (https://user:password@... or a token as the user name). " +
    "Mandatory: the URL is readable by anyone who can read the project and is stored in Pulumi state.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Remove the credentials from `source.location` (and secondary sources) and authenticate through a CodeConnections " +
    "connection or a Secrets Manager secret (`source.auth`).",
  references: [fsbp("CodeBuild.1")],
  types: PROJECTS,
  check: (props, ctx) => {
    const sources = [{ label: "source", src: props.source }];
    asList(props.secondarySources).forEach((s: any, i: number) =>
      sources.push({ label: `secondarySources[${i}]`, src: s }),
    );
    for (const { label, src } of sources) {
      const type = src?.type;
      if (type === "CODEPIPELINE" || type === "NO_SOURCE" || !present(src, "location")) continue;
      const location = src.location;
      if (typeof location === "string" && credentialInUrl(location)) {
        ctx.report(`${label}.location embeds credentials in the URL.`);
      }
    }
  },
});

export const codebuildSourceCredentialUsesConnection = resourcePolicy({
  name: "codebuild-source-credential-uses-connection",
  description:
    "CodeBuild source credentials should not be long-lived personal access tokens or passwords stored in CodeBuild (and in " +
    "Pulumi config and state). Advisory: prefer a CodeConnections connection, or a token kept in Secrets Manager.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Use `authType: "CODECONNECTIONS"` with a connection ARN (or `SECRETS_MANAGER` with a secret ARN) instead of ' +
    "PERSONAL_ACCESS_TOKEN / BASIC_AUTH / OAUTH.",
  references: [awsDocs("CodeBuild source credentials (ImportSourceCredentials)")],
  types: [CODEBUILD_SOURCE_CREDENTIAL, NATIVE_CODEBUILD_SOURCE_CREDENTIAL],
  check: (props, ctx) => {
    const type = props.authType;
    if (type !== "CODECONNECTIONS" && type !== "SECRETS_MANAGER") {
      ctx.report(`authType '${type}' stores a long-lived credential in CodeBuild.`);
    }
  },
});

export const codebuildNotPublic = resourcePolicy({
  name: "codebuild-project-not-public",
  description:
    "CodeBuild projects must not be publicly visible. Mandatory: PUBLIC_READ exposes build logs and artifacts, which " +
    "routinely contain internal URLs, dependency lists and leaked secrets, to everyone on the internet.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps: 'Remove `projectVisibility` or set it to "PRIVATE".',
  references: [awsDocs("CodeBuild public build projects")],
  types: PROJECTS,
  check: (props, ctx) => {
    if (props.projectVisibility === "PUBLIC_READ") ctx.report("projectVisibility is PUBLIC_READ.");
  },
});

export const codebuildBuildTimeout = resourcePolicy<{ maxBuildTimeoutMinutes: number }>({
  name: "codebuild-project-build-timeout",
  description:
    "CodeBuild build timeouts should stay short, so a hung or hijacked build (crypto mining, exfiltration) cannot run for " +
    "hours on the project's role. Advisory: cost and blast radius.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Lower `buildTimeout` (minutes) to what a build really needs; the AWS default is 60.",
  references: [awsDocs("CodeBuild buildTimeout")],
  config: {
    maxBuildTimeoutMinutes: {
      type: "number",
      description: "Longest acceptable buildTimeout in minutes.",
      default: 60,
    },
  },
  types: [CODEBUILD_PROJECT, NATIVE_CODEBUILD_PROJECT],
  check: (props, ctx) => {
    const t = props.buildTimeout;
    if (typeof t === "number" && t > ctx.config.maxBuildTimeoutMinutes) {
      ctx.report(`buildTimeout is ${t} minutes (more than ${ctx.config.maxBuildTimeoutMinutes}).`);
    }
  },
});
