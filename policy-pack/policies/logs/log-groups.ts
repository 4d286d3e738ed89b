// CloudWatch Logs policies: log groups encrypted with a customer-managed KMS key, and a retention
// period that keeps logs long enough without keeping them (and paying for them) forever.
import { resourcePolicy, stackPolicy } from "../../lib/define";
import { requireCustomerKeys } from "../../lib/kms/keys";
import { CLOUDWATCH_LOG_GROUP } from "../../lib/types";
import { NATIVE_LOGS_LOG_GROUP } from "../../lib/native/types";
import { checkov, kics, trivy } from "../../lib/controls";

export const logGroupKms = stackPolicy({
  name: "cloudwatch-log-group-kms-cmk",
  description: "CloudWatch log groups are encrypted with a customer-managed KMS key (kmsKeyId).",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set kmsKeyId to the ARN of a symmetric customer-managed key of this stack (key.arn) whose key " +
    "policy lets logs.<region>.amazonaws.com use it, limited with the " +
    "kms:EncryptionContext:aws:logs:arn condition to the log group's ARN.",
  references: [checkov("CKV_AWS_158"), trivy("AWS-0017"), kics("CloudWatch Log Group Without KMS")],
  types: [CLOUDWATCH_LOG_GROUP, NATIVE_LOGS_LOG_GROUP],
  appliesTo: [CLOUDWATCH_LOG_GROUP, NATIVE_LOGS_LOG_GROUP],
  // CloudWatch Logs user guide ("Encrypt log data ... using AWS KMS"): log data is always
  // encrypted, by default with a service key; a KMS key is associated per log group, and only
  // symmetric keys are supported. `kmsKeyId` is not computed: unset stays unset.
  check: (ctx) =>
    requireCustomerKeys(ctx, CLOUDWATCH_LOG_GROUP, {
      what: (group) => `log group "${group.name}"`,
      prop: "kmsKeyId",
      whenNone: "CloudWatch Logs then uses its service-owned key",
    }),
});

interface RetentionConfig {
  minRetentionDays: number;
  allowNeverExpire: boolean;
}

export const logGroupRetention = resourcePolicy<RetentionConfig>({
  name: "cloudwatch-log-group-retention",
  description:
    "CloudWatch log groups set retentionInDays to at least the configured minimum (never-expiring " +
    "groups only when allowed by config).",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set retentionInDays to one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, " +
    "120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653) at or above the " +
    "minimum. Unset or 0 means the logs never expire: complete for audits, but storage grows (and " +
    "is billed) without bound, so it needs allowNeverExpire.",
  references: [checkov("CKV_AWS_66"), checkov("CKV_AWS_338")],
  config: {
    minRetentionDays: {
      type: "integer",
      minimum: 1,
      description: "Smallest accepted retentionInDays (our staging keeps 30 days, prod longer).",
      default: 30,
    },
    allowNeverExpire: {
      type: "boolean",
      description: "Accept log groups that never expire (retentionInDays unset or 0).",
      default: false,
    },
  },
  types: [CLOUDWATCH_LOG_GROUP, NATIVE_LOGS_LOG_GROUP],
  check: (props, ctx) => {
    // An unset retention, or 0 in the provider, is CloudWatch Logs' "never expire". Our decision:
    // never-expiring groups are fine for audit completeness but grow cost without bound, so they
    // need an explicit allowNeverExpire in this policy's config.
    const days = props.retentionInDays;
    if (days === undefined || days === null || days === 0) {
      if (!ctx.config.allowNeverExpire) {
        ctx.report(
          "retentionInDays is not set: the logs never expire and their storage grows without bound.",
        );
      }
      return;
    }
    if (days < ctx.config.minRetentionDays) {
      ctx.report(
        `retentionInDays is ${days}, below the minimum of ${ctx.config.minRetentionDays}.`,
      );
    }
  },
});
