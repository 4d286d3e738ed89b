// KMS policies: key rotation, explicit key policies without wildcard principals, deletion window,
// descriptions; and encryption at rest with customer-managed keys for the other types the
// platform creates (ECR, Redshift Serverless, CodeBuild, CodePipeline; SNS and SQS advisory).
// A key reference counts as customer-managed when it was built from a key, alias or replica key of
// this stack (property dependency: works at preview, when the key's ARN is unknown) or is a literal
// key id/ARN/alias outside the reserved `alias/aws/` namespace.
import type {
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { resourcePolicy, stackPolicy, StackCheckContext } from "../lib/define";
import {
  actionsText,
  asList,
  classifyKey,
  DEFAULT_NARROWING_KEYS,
  describeKeyRef,
  KeyRef,
  parsePolicyDocument,
  programSetting,
  publicGrants,
} from "../lib/s3";

const KEY = "aws:kms/key:Key";
const KEY_TYPES = [
  KEY,
  "aws:kms/replicaKey:ReplicaKey",
  "aws:kms/externalKey:ExternalKey",
  "aws:kms/replicaExternalKey:ReplicaExternalKey",
];
const KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";

/**
 * For key policies, the S3-specific keys and aws:SourceIp are not narrowing enough: a key granted
 * to "*" from a network range is usable by principals of every AWS account there.
 */
const KMS_NARROWING_KEYS = DEFAULT_NARROWING_KEYS.filter(
  (k) => k !== "aws:SourceIp" && !k.startsWith("s3:"),
);

// ---------------------------------------------------------------------------------------------
// Keys

const keyRotationEnabled = resourcePolicy({
  name: "kms-key-rotation-enabled",
  description:
    "Symmetric customer-managed KMS keys have automatic rotation on (rotationPeriodInDays, if set, 90-2560).",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set enableKeyRotation: true on the aws.kms.Key (default period 365 days; rotationPeriodInDays " +
    "must be between 90 and 2560).",
  references: [
    { source: "AWSGuard", id: "cmk-backing-key-rotation-enabled" },
    { source: "cdk-nag", id: "AwsSolutions-KMS5" },
    { source: "Checkov", id: "CKV_AWS_7" },
    { source: "Trivy", id: "AWS-0065" },
    { source: "Security Hub FSBP", id: "KMS.4" },
    { source: "compliance-policies", id: "aws-kms-key-enable-key-rotation" },
  ],
  types: [KEY],
  check: (props, ctx) => {
    // KMS API reference, EnableKeyRotation: "Automatic key rotation is supported only on symmetric
    // encryption KMS keys. You cannot enable automatic rotation of asymmetric KMS keys, HMAC KMS
    // keys, KMS keys with imported key material, or KMS keys in a custom key store."
    const spec = props.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
    const usage = props.keyUsage ?? "ENCRYPT_DECRYPT";
    if (spec !== "SYMMETRIC_DEFAULT" || usage !== "ENCRYPT_DECRYPT") return;
    if (props.customKeyStoreId || props.xksKeyId) return;
    if (props.enableKeyRotation !== true) {
      ctx.report("automatic key rotation is off (enableKeyRotation is not true).");
    }
    // EnableKeyRotation: RotationPeriodInDays defaults to 365 and must be 90-2560 (AWS CDK
    // validates the same range before deploying).
    const period = props.rotationPeriodInDays;
    if (period !== undefined && period !== null && !(period >= 90 && period <= 2560)) {
      ctx.report(`rotationPeriodInDays ${period} is outside 90-2560.`);
    }
  },
});

interface NarrowingConfig {
  narrowingConditionKeys: string[];
}

const keyPolicyNoWildcard = stackPolicy<NarrowingConfig>({
  name: "kms-key-policy-no-wildcard-principal",
  description:
    "Every KMS key has an explicit key policy (on the key or an aws.kms.KeyPolicy) that grants " +
    'nothing to Principal "*" without a narrowing condition, and no policy bypasses the lockout check.',
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Give the key an explicit policy (aws.iam.getPolicyDocumentOutput) that separates key " +
    "administrators from key users, names its principals, limits service use with kms:ViaService / " +
    "kms:CallerAccount or aws:SourceArn, and leave bypassPolicyLockoutSafetyCheck unset.",
  references: [
    { source: "Checkov", id: "CKV_AWS_33" },
    { source: "Checkov", id: "CKV2_AWS_64" },
    { source: "Security Hub FSBP", id: "KMS.5" },
    {
      source: "compliance-policies",
      id: "aws-kms-key-disallow-bypass-policy-lockout-safety-check",
    },
  ],
  config: {
    narrowingConditionKeys: {
      type: "array",
      items: { type: "string" },
      description:
        'Condition keys that, compared for equality with fixed values, make a grant to Principal "*" non-public.',
      default: [...KMS_NARROWING_KEYS],
    },
  },
  types: [...KEY_TYPES, KEY_POLICY],
  check: (ctx) => {
    const keys = ctx.index.ofType(...KEY_TYPES);
    const linkedPolicies = new Set<PolicyResource>();
    const checkDoc = (owner: PolicyResource, source: PolicyResource, doc: unknown) => {
      const { statements, error } = parsePolicyDocument(doc);
      if (error) ctx.report(owner, `key policy of "${source.name}": ${error}.`, [source]);
      for (const { statement, why } of publicGrants(
        statements,
        ctx.config.narrowingConditionKeys,
      )) {
        ctx.report(
          owner,
          `key policy of "${source.name}", statement ${statement.label} (${actionsText(statement)}): ${why}.`,
          [source],
        );
      }
    };
    const checkBypass = (owner: PolicyResource, source: PolicyResource) => {
      if (source.props.bypassPolicyLockoutSafetyCheck === true) {
        ctx.report(owner, `"${source.name}" sets bypassPolicyLockoutSafetyCheck: true.`, [source]);
      }
    };
    for (const key of keys) {
      ctx.each(key, () => {
        const policies = ctx.index.referrers(key, "keyId", KEY_POLICY);
        for (const p of policies) linkedPolicies.add(p);
        checkBypass(key, key);
        // `policy` is computed by KMS (the default key policy) when the program leaves it unset.
        const own = programSetting(key, "policy");
        if ((own === undefined || own === null || own === "") && policies.length === 0) {
          ctx.report(
            key,
            `KMS key "${key.name}" has no explicit key policy: KMS applies the default policy, ` +
              "which hands every use of the key to IAM policies of the account.",
          );
        }
        if (own !== undefined && own !== null && own !== "") checkDoc(key, key, own);
        for (const p of policies) {
          checkBypass(key, p);
          checkDoc(key, p, p.props.policy);
        }
      });
    }
    // Key policies for keys outside the stack (literal keyId).
    for (const p of ctx.index.ofType(KEY_POLICY)) {
      if (linkedPolicies.has(p)) continue;
      ctx.each(p, () => {
        checkBypass(p, p);
        checkDoc(p, p, p.props.policy);
      });
    }
  },
});

interface DeletionWindowConfig {
  minDeletionWindowDays: number;
}

const keyDeletionWindow = resourcePolicy<DeletionWindowConfig>({
  name: "kms-key-deletion-window",
  description:
    "KMS keys keep a deletion waiting period of at least the configured days (AWS allows 7-30, default 30).",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set deletionWindowInDays to 30 (or leave it unset: KMS then waits 30 days), so a key scheduled " +
    "for deletion by mistake can be recovered before the data it protects becomes unreadable.",
  references: [{ source: "AWS docs", id: "kms/developerguide/deleting-keys" }],
  config: {
    minDeletionWindowDays: {
      type: "integer",
      minimum: 7,
      maximum: 30,
      description: "Smallest accepted deletionWindowInDays.",
      default: 30,
    },
  },
  types: KEY_TYPES,
  check: (props, ctx) => {
    // KMS API reference, ScheduleKeyDeletion: PendingWindowInDays "must be between 7 and 30,
    // inclusive. If you do not include a value, it defaults to 30."
    const days = props.deletionWindowInDays;
    if (days === undefined || days === null) return;
    if (days < ctx.config.minDeletionWindowDays) {
      ctx.report(
        `deletionWindowInDays is ${days}; use at least ${ctx.config.minDeletionWindowDays} (30 recommended).`,
      );
    }
  },
});

const keyDescription = resourcePolicy({
  name: "kms-key-description",
  description: "KMS keys carry a description saying what they protect.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: 'Set description, e.g. "Encrypts the API upload bucket (prod)".',
  references: [{ source: "compliance-policies", id: "aws-kms-key-missing-description" }],
  types: KEY_TYPES,
  check: (props, ctx) => {
    const d = props.description;
    if (typeof d !== "string" || d.trim() === "") ctx.report("the key has no description.");
  },
});

// ---------------------------------------------------------------------------------------------
// Customer-managed keys for the other services

/** Reports `resource` unless `ref` is a customer-managed key. */
function requireCustomerKey(
  ctx: StackCheckContext<unknown>,
  resource: PolicyResource,
  what: string,
  ref: KeyRef,
  whenNone: string,
): void {
  if (ref.kind === "customer") return;
  ctx.report(resource, `${what}: ${describeKeyRef(ref, whenNone)}, not a customer-managed key.`);
}

const ECR_REPOSITORY = "aws:ecr/repository:Repository";
const ecrKms = stackPolicy({
  name: "ecr-repository-kms-cmk",
  description:
    "ECR repositories encrypt images with a customer-managed KMS key (encryptionType KMS).",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    'Set encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.arn }] (replaces the ' +
    "repository: encryption is fixed at creation).",
  references: [
    { source: "Checkov", id: "CKV_AWS_136" },
    { source: "Trivy", id: "AWS-0033" },
  ],
  types: [ECR_REPOSITORY],
  check: (ctx) => {
    for (const repo of ctx.index.ofType(ECR_REPOSITORY)) {
      ctx.each(repo, () => {
        const what = `ECR repository "${repo.name}"`;
        // Computed by the provider (AES256) when unset.
        const configs = asList(programSetting(repo, "encryptionConfigurations"));
        if (configs.length === 0) {
          ctx.report(repo, `${what}: no encryption configuration, so ECR uses AES256 (SSE-S3).`);
          return;
        }
        for (const cfg of configs) {
          const type = cfg.encryptionType ?? "AES256";
          if (type !== "KMS" && type !== "KMS_DSSE") {
            ctx.report(
              repo,
              `${what}: encryptionType ${type}, not KMS with a customer-managed key.`,
            );
            continue;
          }
          const ref = classifyKey(ctx.index, repo, "encryptionConfigurations", () => cfg.kmsKey);
          requireCustomerKey(ctx, repo, what, ref, "ECR then uses the AWS-managed key aws/ecr");
        }
      });
    }
  },
});

const REDSHIFT_NAMESPACE = "aws:redshiftserverless/namespace:Namespace";
const redshiftKms = stackPolicy({
  name: "redshift-serverless-namespace-kms-cmk",
  description: "Redshift Serverless namespaces encrypt data with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps: "Set kmsKeyId to a customer-managed key of this stack (key.arn).",
  references: [
    { source: "Checkov", id: "CKV_AWS_282" },
    { source: "AWS docs", id: "redshift-serverless-namespace-cmk-encryption" },
  ],
  types: [REDSHIFT_NAMESPACE],
  check: (ctx) => {
    for (const ns of ctx.index.ofType(REDSHIFT_NAMESPACE)) {
      ctx.each(ns, () => {
        // Computed (AWS_OWNED_KMS_KEY) when unset.
        const ref = classifyKey(ctx.index, ns, "kmsKeyId", () => programSetting(ns, "kmsKeyId"));
        requireCustomerKey(
          ctx,
          ns,
          `Redshift Serverless namespace "${ns.name}"`,
          ref,
          "Redshift then uses an AWS-owned key",
        );
      });
    }
  },
});

const CODEBUILD_PROJECT = "aws:codebuild/project:Project";
const codebuildKms = stackPolicy({
  name: "codebuild-project-kms-cmk",
  description:
    "CodeBuild projects encrypt build artifacts with a customer-managed key and never disable " +
    "encryption of artifacts or S3 logs.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set encryptionKey to a customer-managed key of this stack (key.arn), and remove " +
    "encryptionDisabled: true from artifacts, secondaryArtifacts and logsConfig.s3Logs.",
  references: [
    { source: "cdk-nag", id: "AwsSolutions-CB4" },
    { source: "Checkov", id: "CKV_AWS_147" },
    { source: "Checkov", id: "CKV_AWS_78" },
    { source: "Checkov", id: "CKV_AWS_311" },
    { source: "Security Hub FSBP", id: "CodeBuild.3" },
  ],
  types: [CODEBUILD_PROJECT],
  check: (ctx) => {
    for (const project of ctx.index.ofType(CODEBUILD_PROJECT)) {
      ctx.each(project, () => {
        const what = `CodeBuild project "${project.name}"`;
        // CodeBuild user guide: "By default, CodeBuild uses the AWS managed key for Amazon S3";
        // the provider computes `encryptionKey` (alias/aws/s3) when it is unset.
        const ref = classifyKey(ctx.index, project, "encryptionKey", () =>
          programSetting(project, "encryptionKey"),
        );
        requireCustomerKey(
          ctx,
          project,
          what,
          ref,
          "CodeBuild then uses the AWS-managed key aws/s3",
        );
        const artifacts = [
          ...asList(project.props.artifacts).map((a: any) => ({ a, where: "artifacts" })),
          ...asList(project.props.secondaryArtifacts).map((a: any) => ({
            a,
            where: `secondary artifact ${String(a?.artifactIdentifier ?? "")}`,
          })),
        ];
        for (const { a, where } of artifacts) {
          if (a?.encryptionDisabled === true) {
            ctx.report(project, `${what}: ${where} set encryptionDisabled: true.`);
          }
        }
        if (project.props.logsConfig?.s3Logs?.encryptionDisabled === true) {
          ctx.report(project, `${what}: logsConfig.s3Logs sets encryptionDisabled: true.`);
        }
      });
    }
  },
});

const CODEPIPELINE = "aws:codepipeline/pipeline:Pipeline";
const codepipelineKms = stackPolicy({
  name: "codepipeline-artifact-store-kms-cmk",
  description: "Every CodePipeline artifact store is encrypted with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    'Set artifactStores[].encryptionKey: { type: "KMS", id: key.arn } on every store (without it ' +
    "CodePipeline uses the AWS-managed key aws/s3).",
  references: [{ source: "Checkov", id: "CKV_AWS_219" }],
  types: [CODEPIPELINE],
  check: (ctx) => {
    for (const pipeline of ctx.index.ofType(CODEPIPELINE)) {
      ctx.each(pipeline, () => {
        asList(pipeline.props.artifactStores).forEach((store: any, i: number) => {
          const what = `CodePipeline "${pipeline.name}" artifact store ${String(store?.region ?? i)}`;
          const key = store?.encryptionKey;
          if (key && key.type !== "KMS") {
            ctx.report(pipeline, `${what}: encryptionKey type ${String(key.type)}, not KMS.`);
            return;
          }
          const ref = classifyKey(ctx.index, pipeline, "artifactStores", () => key?.id);
          requireCustomerKey(
            ctx,
            pipeline,
            what,
            ref,
            "CodePipeline then uses the AWS-managed key aws/s3",
          );
        });
      });
    }
  },
});

const SNS_TOPIC = "aws:sns/topic:Topic";
const snsKms = stackPolicy({
  name: "sns-topic-kms-cmk",
  description: "SNS topics encrypt messages at rest with a customer-managed KMS key.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps: "Set kmsMasterKeyId to a customer-managed key of this stack (key.arn).",
  references: [
    { source: "Checkov", id: "CKV_AWS_26" },
    { source: "Security Hub FSBP", id: "SNS.1" },
  ],
  types: [SNS_TOPIC],
  check: (ctx) => {
    for (const topic of ctx.index.ofType(SNS_TOPIC)) {
      ctx.each(topic, () => {
        const ref = classifyKey(
          ctx.index,
          topic,
          "kmsMasterKeyId",
          () => topic.props.kmsMasterKeyId,
        );
        requireCustomerKey(
          ctx,
          topic,
          `SNS topic "${topic.name}"`,
          ref,
          "messages are stored without KMS encryption",
        );
      });
    }
  },
});

const SQS_QUEUE = "aws:sqs/queue:Queue";
const sqsKms = stackPolicy({
  name: "sqs-queue-kms-cmk",
  description: "SQS queues encrypt messages at rest with a customer-managed KMS key.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set kmsMasterKeyId to a customer-managed key of this stack (key.arn); SSE-SQS uses an " +
    "SQS-owned key you cannot audit or restrict.",
  references: [
    { source: "Checkov", id: "CKV_AWS_27" },
    { source: "Security Hub FSBP", id: "SQS.1" },
  ],
  types: [SQS_QUEUE],
  check: (ctx) => {
    for (const queue of ctx.index.ofType(SQS_QUEUE)) {
      ctx.each(queue, () => {
        const ref = classifyKey(
          ctx.index,
          queue,
          "kmsMasterKeyId",
          () => queue.props.kmsMasterKeyId,
        );
        requireCustomerKey(
          ctx,
          queue,
          `SQS queue "${queue.name}"`,
          ref,
          "SQS then applies SSE-SQS with an SQS-owned key, or nothing",
        );
      });
    }
  },
});

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  keyRotationEnabled,
  keyPolicyNoWildcard,
  keyDeletionWindow,
  keyDescription,
  ecrKms,
  redshiftKms,
  codebuildKms,
  codepipelineKms,
  snsKms,
  sqsKms,
];
