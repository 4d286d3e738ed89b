// Delivery pipeline guardrails: CodeBuild projects and source credentials, CodePipeline pipelines
// and CodeCommit repositories. Encryption of build and pipeline artifacts with customer-managed
// keys is the KMS policies' rule and is not repeated here.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { resourcePolicy, stackPolicy } from "../lib/define";
import { literalReferences, referrersOf } from "../lib/references";
import { plaintextSecretReason, SecretNameConfig, secretNameSchema } from "../lib/secrets";
import { asList, jsonDocument, present } from "../lib/values";

const PROJECT = "aws:codebuild/project:Project";
const SOURCE_CREDENTIAL = "aws:codebuild/sourceCredential:SourceCredential";
const PIPELINE = "aws:codepipeline/pipeline:Pipeline";
const CC_REPOSITORY = "aws:codecommit/repository:Repository";
const CC_TEMPLATE = "aws:codecommit/approvalRuleTemplate:ApprovalRuleTemplate";
const CC_TEMPLATE_ASSOCIATION =
  "aws:codecommit/approvalRuleTemplateAssociation:ApprovalRuleTemplateAssociation";

// ---------------------------------------------------------------------------------------------
// CodeBuild
// ---------------------------------------------------------------------------------------------

const codebuildPrivilegedMode = resourcePolicy({
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
    { source: "cdk-nag", id: "AwsSolutions-CB3" },
    { source: "Checkov", id: "CKV_AWS_316" },
    { source: "Security Hub FSBP", id: "CodeBuild.5 (retired 2024-04)" },
  ],
  types: [PROJECT],
  check: (props, ctx) => {
    if (props.environment?.privilegedMode === true) {
      ctx.report(
        "The build environment runs in privileged mode (root access to the build host's Docker daemon).",
      );
    }
  },
});

const codebuildNoPlaintextCredentials = resourcePolicy<SecretNameConfig>({
  name: "codebuild-project-no-plaintext-credentials",
  description:
    "CodeBuild environment variables of type PLAINTEXT (the default type) must not hold credentials. Mandatory: the value " +
    "is shown in the console and API to anyone who can read the project, and it sits in Pulumi state.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    'Store the credential in Secrets Manager or SSM Parameter Store and reference it with `type: "SECRETS_MANAGER"` or ' +
    '`type: "PARAMETER_STORE"` (value = secret or parameter name); let the service role read only that secret.',
  references: [{ source: "Security Hub FSBP", id: "CodeBuild.2" }],
  config: secretNameSchema,
  types: [PROJECT],
  check: (props, ctx) => {
    for (const v of asList(props.environment?.environmentVariables)) {
      const type = v?.type ?? "PLAINTEXT";
      if (type !== "PLAINTEXT") continue;
      const reason = plaintextSecretReason(v, ctx.config);
      if (reason) ctx.report(`Environment variable ${reason} (type PLAINTEXT).`);
    }
  },
});

const codebuildLogging = resourcePolicy({
  name: "codebuild-project-logging",
  description:
    "CodeBuild projects should log to CloudWatch Logs into a log group this stack manages (KMS key, retention). Without " +
    "an explicit group CodeBuild writes to /aws/codebuild/<project>, a group it creates with no retention and no " +
    "customer key. Advisory: audit trail and data hygiene. (Encryption of S3 build logs is the KMS policies' rule.)",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `logsConfig.cloudwatchLogs: { status: "ENABLED", groupName: <managed log group> }`.',
  references: [
    { source: "Checkov", id: "CKV_AWS_314" },
    { source: "Security Hub FSBP", id: "CodeBuild.4" },
  ],
  types: [PROJECT],
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

const codebuildSourceNoCredentialsInUrl = resourcePolicy({
  name: "codebuild-project-source-no-inline-credentials",
  description:
    "CodeBuild source locations must not embed credentials (https://user:password@... or a token as the user name). " +
    "Mandatory: the URL is readable by anyone who can read the project and is stored in Pulumi state.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Remove the credentials from `source.location` (and secondary sources) and authenticate through a CodeConnections " +
    "connection or a Secrets Manager secret (`source.auth`).",
  references: [{ source: "Security Hub FSBP", id: "CodeBuild.1" }],
  types: [PROJECT],
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

const codebuildSourceCredentialUsesConnection = resourcePolicy({
  name: "codebuild-source-credential-uses-connection",
  description:
    "CodeBuild source credentials should not be long-lived personal access tokens or passwords stored in CodeBuild (and in " +
    "Pulumi config and state). Advisory: prefer a CodeConnections connection, or a token kept in Secrets Manager.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Use `authType: "CODECONNECTIONS"` with a connection ARN (or `SECRETS_MANAGER` with a secret ARN) instead of ' +
    "PERSONAL_ACCESS_TOKEN / BASIC_AUTH / OAUTH.",
  references: [
    { source: "AWS docs", id: "CodeBuild source credentials (ImportSourceCredentials)" },
  ],
  types: [SOURCE_CREDENTIAL],
  check: (props, ctx) => {
    const type = props.authType;
    if (type !== "CODECONNECTIONS" && type !== "SECRETS_MANAGER") {
      ctx.report(`authType '${type}' stores a long-lived credential in CodeBuild.`);
    }
  },
});

const codebuildNotPublic = resourcePolicy({
  name: "codebuild-project-not-public",
  description:
    "CodeBuild projects must not be publicly visible. Mandatory: PUBLIC_READ exposes build logs and artifacts, which " +
    "routinely contain internal URLs, dependency lists and leaked secrets, to everyone on the internet.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps: 'Remove `projectVisibility` or set it to "PRIVATE".',
  references: [{ source: "AWS docs", id: "CodeBuild public build projects" }],
  types: [PROJECT],
  check: (props, ctx) => {
    if (props.projectVisibility === "PUBLIC_READ") ctx.report("projectVisibility is PUBLIC_READ.");
  },
});

const codebuildBuildTimeout = resourcePolicy<{ maxBuildTimeoutMinutes: number }>({
  name: "codebuild-project-build-timeout",
  description:
    "CodeBuild build timeouts should stay short, so a hung or hijacked build (crypto mining, exfiltration) cannot run for " +
    "hours on the project's role. Advisory: cost and blast radius.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Lower `buildTimeout` (minutes) to what a build really needs; the AWS default is 60.",
  references: [{ source: "AWS docs", id: "CodeBuild buildTimeout" }],
  config: {
    maxBuildTimeoutMinutes: {
      type: "number",
      description: "Longest acceptable buildTimeout in minutes.",
      default: 60,
    },
  },
  types: [PROJECT],
  check: (props, ctx) => {
    const t = props.buildTimeout;
    if (typeof t === "number" && t > ctx.config.maxBuildTimeoutMinutes) {
      ctx.report(`buildTimeout is ${t} minutes (more than ${ctx.config.maxBuildTimeoutMinutes}).`);
    }
  },
});

// ---------------------------------------------------------------------------------------------
// CodePipeline. The artifact store is required by the provider schema and by AWS, and its
// encryption key is the KMS policies' rule, so no policy here repeats it.
// ---------------------------------------------------------------------------------------------

const codepipelineTypeV2 = resourcePolicy({
  name: "codepipeline-pipeline-type-v2",
  description:
    "Pipelines should be of type V2 (triggers with branch and file-path filters, pipeline-level variables, execution " +
    "modes). Advisory: V1 pipelines start on every push to the watched branch and cannot filter triggers.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Set `pipelineType: "V2"` and use `triggers` to filter what starts the pipeline.',
  references: [{ source: "AWS docs", id: "CodePipeline pipeline types" }],
  types: [PIPELINE],
  check: (props, ctx) => {
    if (props.pipelineType !== "V2")
      ctx.report(`pipelineType is '${props.pipelineType ?? "V1 (default)"}'.`);
  },
});

/** The words of a name: kebab, snake, dotted and camelCase parts, lower-cased. */
function words(name: unknown): string[] {
  if (typeof name !== "string") return [];
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w.toLowerCase());
}

const codepipelineApprovalBeforeProduction = resourcePolicy<{ productionWords: string[] }>({
  name: "codepipeline-approval-before-production",
  description:
    "A pipeline that deploys to production should pass a manual approval first. A deploy action counts as production when " +
    "its name, its stage's name or the pipeline's name contains one of `productionWords` as a word (DeployProd, " +
    "prod-deploy, platform_production). Advisory: the pack can only infer 'production' from names.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Add an action with `category: "Approval"`, `provider: "Manual"` in a stage before the production deploy (or ' +
    "earlier in the same stage by runOrder).",
  references: [{ source: "AWS docs", id: "CodePipeline manual approval actions" }],
  config: {
    productionWords: {
      type: "array",
      items: { type: "string" },
      description:
        "Words (case-insensitive) that mark a pipeline, stage or action name as production.",
      default: ["prod", "production", "live"],
    },
  },
  types: [PIPELINE],
  check: (props, ctx) => {
    const prodWords = new Set(ctx.config.productionWords.map((w) => w.toLowerCase()));
    const isProd = (name: unknown) => words(name).some((w) => prodWords.has(w));
    const pipelineIsProd = isProd(props.name);
    let approvedBefore = false; // a manual approval in an earlier stage
    for (const stage of asList(props.stages)) {
      const stageIsProd = pipelineIsProd || isProd(stage?.name);
      // Within a stage, actions with a lower runOrder finish before higher ones; equal ones run in parallel.
      const actions = asList(stage?.actions).map((a: any, i: number) => ({
        a,
        order: Number(a?.runOrder ?? 1),
        i,
      }));
      actions.sort((x, y) => x.order - y.order || x.i - y.i);
      let approvedEarlierOrder = false;
      let approvedThisOrder = false;
      let currentOrder = Number.NEGATIVE_INFINITY;
      for (const { a, order } of actions) {
        if (order !== currentOrder) {
          approvedEarlierOrder ||= approvedThisOrder;
          approvedThisOrder = false;
          currentOrder = order;
        }
        if (a?.category === "Approval" && a?.provider === "Manual") approvedThisOrder = true;
        if (a?.category !== "Deploy" || !(stageIsProd || isProd(a?.name))) continue;
        if (!approvedBefore && !approvedEarlierOrder) {
          ctx.report(
            `Deploy action '${a?.name}' in stage '${stage?.name}' runs without a manual approval before it.`,
          );
        }
      }
      approvedBefore ||= approvedEarlierOrder || approvedThisOrder;
    }
  },
});

// ---------------------------------------------------------------------------------------------
// CodeCommit
// ---------------------------------------------------------------------------------------------

const codecommitApprovalRule = stackPolicy<{ minApprovals: number }>({
  name: "codecommit-repository-approval-rule",
  description:
    "CodeCommit repositories should have an approval rule template associated that requires at least `minApprovals` " +
    "approvals on pull requests. Advisory: two-person review is a process control the platform can only encourage.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Create an `aws.codecommit.ApprovalRuleTemplate` (content: NumberOfApprovalsNeeded ≥ minApprovals) and an " +
    "`aws.codecommit.ApprovalRuleTemplateAssociation` for the repository.",
  references: [
    { source: "Checkov", id: "CKV2_AWS_37" },
    { source: "Checkov", id: "CKV_AWS_257" },
  ],
  config: {
    minApprovals: {
      type: "number",
      description: "Approvals an associated template must require.",
      default: 1,
    },
  },
  types: [CC_REPOSITORY, CC_TEMPLATE, CC_TEMPLATE_ASSOCIATION],
  check: (ctx) => {
    const min = ctx.config.minApprovals;
    // Template URN and literal name → the approvals it requires (undefined: unreadable).
    const approvalsByUrn = new Map<string, number>();
    const approvalsByName = new Map<string, number>();
    for (const t of ctx.index.ofType(CC_TEMPLATE)) {
      ctx.each(t, () => {
        const doc = jsonDocument(t.props.content);
        const needed = Math.max(
          0,
          ...asList(doc?.Statements).map((s: any) => Number(s?.NumberOfApprovalsNeeded ?? 0)),
        );
        approvalsByUrn.set(t.urn, needed);
        if (typeof t.props.name === "string") approvalsByName.set(t.props.name, needed);
      });
    }
    // Associations given a literal repository name correlate by that name.
    const literal = literalReferences(ctx, [CC_TEMPLATE_ASSOCIATION], "repositoryName");
    for (const repo of ctx.index.ofType(CC_REPOSITORY)) {
      ctx.each(repo, () => {
        const mine = referrersOf(
          ctx.index,
          repo,
          "repositoryName",
          CC_TEMPLATE_ASSOCIATION,
          literal,
          [() => repo.props.repositoryName],
        );
        if (mine === undefined) return;
        if (mine.length === 0) {
          ctx.report(repo, "No approval rule template is associated with this repository.");
          return;
        }
        let best = 0;
        for (const a of mine) {
          const byRef = ctx.index.referenced(a, "approvalRuleTemplateName", CC_TEMPLATE);
          const counts = byRef.length
            ? byRef.map((t) => approvalsByUrn.get(t.urn) ?? 0)
            : [approvalsByName.get(a.props.approvalRuleTemplateName) ?? Infinity]; // external template: trust it
          best = Math.max(best, ...counts);
        }
        if (best < min) {
          ctx.report(
            repo,
            `Associated approval rule templates require ${best} approval(s), fewer than ${min}.`,
          );
        }
      });
    }
  },
});

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  codebuildPrivilegedMode,
  codebuildNoPlaintextCredentials,
  codebuildLogging,
  codebuildSourceNoCredentialsInUrl,
  codebuildSourceCredentialUsesConnection,
  codebuildNotPublic,
  codebuildBuildTimeout,
  codepipelineTypeV2,
  codepipelineApprovalBeforeProduction,
  codecommitApprovalRule,
];
