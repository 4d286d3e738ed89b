// Queues, logs, keys and secrets: SQS queues, CloudWatch log groups, KMS keys and aliases,
// Secrets Manager secrets. Each entry names the provider file that declares it.
import type { CrossRule, InputRule } from "./rule";
import { conflictsWith, fifoCapableRules } from "./rule";
import {
  all,
  any,
  custom,
  goQuote,
  intBetween,
  intOneOf,
  lenBetween,
  oneOf,
  oneOfGrowing,
} from "./validators";
import { isJSON } from "./validators-formats";

const QUEUE = "aws:sqs/queue:Queue";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const KEY = "aws:kms/key:Key";
const ALIAS = "aws:kms/alias:Alias";
const SECRET = "aws:secretsmanager/secret:Secret";

const SQS = "internal/service/sqs/queue.go";

/** CloudWatch Logs `validLogGroupName` / `validLogGroupNamePrefix` (internal/service/logs/validate.go). */
export function logGroupName(max: number) {
  return all(
    custom(
      (s) => s.length <= max,
      (k, s) => `${goQuote(k)} cannot be longer than ${max} characters: ${goQuote(s)}`,
    ),
    custom(
      (s) => /^[0-9A-Za-z_./#-]+$/.test(s),
      (k, s) =>
        `${goQuote(k)} isn't a valid log group name (alphanumeric characters, underscores, ` +
        `hyphens, slashes, hash signs and dots are allowed): ${goQuote(s)}`,
    ),
  );
}

/**
 * KMS `validNameForResource`, the validator of an alias's `name` and `name_prefix`: `alias/` then
 * [0-9A-Za-z_/-] (no colon, which only the data source's pattern of old versions allowed), never
 * under the reserved `alias/aws/` (internal/service/kms/validate.go, aliasNamePattern).
 */
const aliasName = all(
  custom(
    (s) => !s.startsWith("alias/aws/"),
    (k) => `${goQuote(k)} cannot begin with reserved AWS CMK prefix 'alias/aws/'`,
  ),
  custom(
    (s) => /^alias\/[0-9A-Za-z_/-]+$/.test(s),
    (k) => `${goQuote(k)} must begin with 'alias/' and be comprised of only [0-9A-Za-z_/-]`,
  ),
);

export const DATA_RULES: readonly InputRule[] = [
  ...(
    [
      ["delaySeconds", "delay_seconds", 0, 900, "a delay in seconds from 0 to 900"],
      [
        "maxMessageSize",
        "max_message_size",
        1024,
        1_048_576,
        "a size in bytes from 1024 to 1048576 (1 MiB)",
      ],
      [
        "messageRetentionSeconds",
        "message_retention_seconds",
        60,
        1_209_600,
        "a retention in seconds from 60 to 1209600 (14 days)",
      ],
      [
        "visibilityTimeoutSeconds",
        "visibility_timeout_seconds",
        0,
        43_200,
        "a timeout in seconds from 0 to 43200 (12 hours)",
      ],
      [
        "kmsDataKeyReusePeriodSeconds",
        "kms_data_key_reuse_period_seconds",
        60,
        86_400,
        "a period in seconds from 60 to 86400 (24 hours)",
      ],
    ] as const
  ).map(([prop, attr, min, max, fix]): InputRule => ({
    type: QUEUE,
    prop,
    attr,
    validate: intBetween(min, max),
    fix,
    source: SQS,
  })),
  // deduplicationScope_Values and fifoThroughputLimit_Values (internal/service/sqs/consts.go).
  {
    type: QUEUE,
    prop: "deduplicationScope",
    attr: "deduplication_scope",
    validate: oneOf(["messageGroup", "queue"]),
    fix: "messageGroup or queue, as AWS spells them",
    source: SQS,
  },
  {
    type: QUEUE,
    prop: "fifoThroughputLimit",
    attr: "fifo_throughput_limit",
    validate: oneOf(["perQueue", "perMessageGroupId"]),
    fix: "perQueue or perMessageGroupId, as AWS spells them",
    source: SQS,
  },
  ...(
    [
      ["policy", "policy"],
      ["redrivePolicy", "redrive_policy"],
      ["redriveAllowPolicy", "redrive_allow_policy"],
    ] as const
  ).map(([prop, attr]): InputRule => ({
    type: QUEUE,
    prop,
    attr,
    validate: isJSON,
    fix: "a JSON document: JSON.stringify of an object (pulumi.jsonStringify when it holds outputs)",
    source: SQS,
  })),
  {
    type: LOG_GROUP,
    prop: "name",
    attr: "name",
    validate: logGroupName(512),
    fix: "letters, digits and _ . / # - only, at most 512 characters (e.g. /aws/lambda/<function>)",
    source: "internal/service/logs/validate.go",
  },
  {
    type: LOG_GROUP,
    prop: "namePrefix",
    attr: "name_prefix",
    validate: logGroupName(483),
    fix: "letters, digits and _ . / # - only, at most 483 characters",
    source: "internal/service/logs/validate.go",
  },
  {
    type: LOG_GROUP,
    prop: "retentionInDays",
    attr: "retention_in_days",
    validate: intOneOf([
      0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
      2922, 3288, 3653,
    ]),
    fix: "one of the retention periods CloudWatch Logs offers (e.g. 30, 90, 365, 731; 0 keeps logs forever)",
    source: "internal/service/logs/group.go",
  },
  {
    type: KEY,
    prop: "deletionWindowInDays",
    attr: "deletion_window_in_days",
    validate: intBetween(7, 30),
    fix: "a waiting period from 7 to 30 days",
    source: "internal/service/kms/key.go",
  },
  {
    type: KEY,
    prop: "description",
    attr: "description",
    validate: lenBetween(0, 8192),
    fix: "a description of at most 8192 characters",
    source: "internal/service/kms/key.go",
  },
  {
    type: KEY,
    prop: "keyUsage",
    attr: "key_usage",
    // enum.Validate[awstypes.KeyUsageType](): an AWS SDK enumeration, judged as growing.
    validate: oneOfGrowing([
      "ENCRYPT_DECRYPT",
      "SIGN_VERIFY",
      "GENERATE_VERIFY_MAC",
      "KEY_AGREEMENT",
    ]),
    fix: "ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC or KEY_AGREEMENT (upper case)",
    source: "internal/service/kms/key.go",
  },
  {
    type: KEY,
    prop: "customerMasterKeySpec",
    attr: "customer_master_key_spec",
    // enum.Validate[awstypes.KeySpec](): growing; which spec goes with which usage is AWS's check.
    validate: oneOfGrowing(["SYMMETRIC_DEFAULT", "RSA_2048", "ECC_NIST_P256", "HMAC_256"]),
    fix: "a key spec as AWS writes it: SYMMETRIC_DEFAULT, RSA_2048, ECC_NIST_P256, HMAC_256, …",
    source: "internal/service/kms/key.go",
  },
  {
    type: KEY,
    prop: "rotationPeriodInDays",
    attr: "rotation_period_in_days",
    validate: intBetween(90, 2560),
    fix: "a rotation period from 90 to 2560 days",
    source: "internal/service/kms/key.go",
  },
  {
    type: KEY,
    prop: "customKeyStoreId",
    attr: "custom_key_store_id",
    validate: lenBetween(1, 22),
    fix: "the key store's id (cks-…), at most 22 characters",
    source: "internal/service/kms/key.go",
  },
  {
    type: KEY,
    prop: "policy",
    attr: "policy",
    validate: isJSON,
    fix: "the key policy as JSON text: JSON.stringify({ Version, Statement }) or aws.iam.getPolicyDocumentOutput(...).json",
    source: "internal/service/kms/key.go",
  },
  {
    type: ALIAS,
    prop: "name",
    attr: "name",
    validate: aliasName,
    fix: "alias/<name> with letters, digits and / _ - only, not under alias/aws/ (a logical name Pulumi turns into the alias too)",
    source: "internal/service/kms/validate.go",
  },
  {
    type: ALIAS,
    prop: "namePrefix",
    attr: "name_prefix",
    validate: aliasName,
    fix: "alias/<prefix> with letters, digits and / _ - only, not under alias/aws/",
    source: "internal/service/kms/alias.go",
  },
  {
    type: SECRET,
    prop: "recoveryWindowInDays",
    attr: "recovery_window_in_days",
    validate: any(intBetween(7, 30), intOneOf([0])),
    fix: "a recovery window from 7 to 30 days, or 0 to delete without recovery",
    source: "internal/service/secretsmanager/secret.go",
  },
];

/** The checks of an SQS queue's name and FIFO settings when the provider plans a create. */
const queueChecks = fifoCapableRules(QUEUE, "queue", "fifoQueue", 80, "FIFO queue", SQS);

export const DATA_CROSS_RULES: readonly CrossRule[] = [
  ...queueChecks,
  conflictsWith(
    QUEUE,
    ["kmsMasterKeyId", "kms_master_key_id"],
    ["sqsManagedSseEnabled", "sqs_managed_sse_enabled"],
    SQS,
  ),
  ...[LOG_GROUP, ALIAS].map((type) =>
    conflictsWith(
      type,
      ["name", "name"],
      ["namePrefix", "name_prefix"],
      type === LOG_GROUP ? "internal/service/logs/group.go" : "internal/service/kms/alias.go",
    ),
  ),
];
