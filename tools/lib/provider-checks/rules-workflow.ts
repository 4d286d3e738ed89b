// Buckets, file systems and workflows: S3 bucket names and versioning, EFS file systems and Step
// Functions state machines. Each entry names the provider file that declares it.
import type { CrossRule, InputRule } from "./rule";
import { conflictsWith, inputRule } from "./rule";
import { all, intBetween, lenBetween, matches, oneOf, oneOfGrowing, validARN } from "./validators";

const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const MACHINE = "aws:sfn/stateMachine:StateMachine";

const FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";

const S3 = "internal/service/s3/bucket.go";
const VERSIONINGS = [
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:s3/bucketVersioningV2:BucketVersioningV2",
];
const S3_VERSIONING = "internal/service/s3/bucket_versioning.go";
const EFS = "internal/service/efs/file_system.go";

/**
 * The AWS SDK's EFS enumerations (PerformanceMode, ThroughputMode, TransitionTo*Rules). AWS adds
 * throughput modes and transition periods over time (elastic in 2022, 1/180/270/365 days in
 * 2023): a value of the same shape is accepted, only a misspelt one is refused.
 */
const TRANSITIONS = [
  "AFTER_1_DAY",
  "AFTER_7_DAYS",
  "AFTER_14_DAYS",
  "AFTER_30_DAYS",
  "AFTER_60_DAYS",
  "AFTER_90_DAYS",
  "AFTER_180_DAYS",
  "AFTER_270_DAYS",
  "AFTER_365_DAYS",
];
const CAMEL_WORD = /^[a-z]+[A-Za-z]*$/;
const SFN = "internal/service/sfn/state_machine.go";

const machineName = (max: number) =>
  all(
    lenBetween(1, max),
    matches(/^[0-9A-Za-z_-]+$/, "the name should only contain 0-9, A-Z, a-z, - and _"),
  );

/**
 * A bucket's versioning resource: its bucket (1 to 63 characters), its status (the SDK's
 * `Enabled` and `Suspended`, and the provider's own `Disabled` for a bucket never versioned,
 * validation.StringInSlice, case-sensitive), and MFA delete (`enum.Validate[types.MFADelete]`).
 */
const versioningRules = (type: string): InputRule[] => [
  inputRule(
    type,
    "bucket",
    "bucket",
    lenBetween(1, 63),
    "the bucket's name (its `bucket` output)",
    S3_VERSIONING,
  ),
  inputRule(
    type,
    "versioningConfiguration.status",
    "versioning_configuration.0.status",
    oneOf(["Enabled", "Suspended", "Disabled"]),
    "Enabled, Suspended or Disabled, capitalised",
    S3_VERSIONING,
  ),
  inputRule(
    type,
    "versioningConfiguration.mfaDelete",
    "versioning_configuration.0.mfa_delete",
    oneOf(["Enabled", "Disabled"]),
    "Enabled or Disabled, capitalised",
    S3_VERSIONING,
  ),
];

export const WORKFLOW_RULES: readonly InputRule[] = [
  ...VERSIONINGS.flatMap(versioningRules),
  ...BUCKETS.flatMap((type): InputRule[] => [
    {
      type,
      prop: "bucket",
      attr: "bucket",
      validate: lenBetween(0, 63),
      fix: "a bucket name of at most 63 characters",
      source: S3,
    },
    {
      type,
      prop: "bucketPrefix",
      attr: "bucket_prefix",
      validate: lenBetween(0, 37),
      fix: "a prefix of at most 37 characters (the provider adds 26)",
      source: S3,
    },
  ]),
  {
    type: FILE_SYSTEM,
    prop: "creationToken",
    attr: "creation_token",
    validate: lenBetween(0, 64),
    fix: "a creation token of at most 64 characters (a logical name Pulumi turns into it too)",
    source: EFS,
  },
  {
    type: FILE_SYSTEM,
    prop: "kmsKeyId",
    attr: "kms_key_id",
    validate: validARN,
    fix: "the key's `arn` output, not its id or alias",
    source: EFS,
  },
  {
    type: FILE_SYSTEM,
    prop: "performanceMode",
    attr: "performance_mode",
    validate: oneOfGrowing(["generalPurpose", "maxIO"], CAMEL_WORD),
    fix: "generalPurpose or maxIO, as AWS spells them",
    source: EFS,
  },
  {
    type: FILE_SYSTEM,
    prop: "throughputMode",
    attr: "throughput_mode",
    validate: oneOfGrowing(["bursting", "provisioned", "elastic"], CAMEL_WORD),
    fix: "bursting, provisioned or elastic (lower case)",
    source: EFS,
  },
  ...(
    [
      ["lifecyclePolicies.transitionToIa", "lifecycle_policy.transition_to_ia"],
      ["lifecyclePolicies.transitionToArchive", "lifecycle_policy.transition_to_archive"],
    ] as const
  ).map(([prop, attr]): InputRule => ({
    type: FILE_SYSTEM,
    prop,
    attr,
    validate: oneOfGrowing(TRANSITIONS, /^AFTER_\d+_DAYS?$/),
    fix: "AFTER_<n>_DAYS as AWS offers it, e.g. AFTER_30_DAYS",
    source: EFS,
  })),
  {
    type: FILE_SYSTEM,
    prop: "lifecyclePolicies.transitionToPrimaryStorageClass",
    attr: "lifecycle_policy.transition_to_primary_storage_class",
    validate: oneOfGrowing(["AFTER_1_ACCESS"], /^AFTER_\d+_ACCESS(ES)?$/),
    fix: "AFTER_1_ACCESS",
    source: EFS,
  },
  {
    type: FILE_SYSTEM,
    prop: "protection.replicationOverwrite",
    attr: "protection.0.replication_overwrite",
    validate: oneOf(["ENABLED", "DISABLED"]),
    fix: "ENABLED or DISABLED",
    source: EFS,
  },
  {
    type: MACHINE,
    prop: "name",
    attr: "name",
    validate: machineName(80),
    fix: "letters, digits, - and _ only, at most 80 characters (a logical name Pulumi turns into the name too)",
    source: SFN,
  },
  {
    type: MACHINE,
    prop: "namePrefix",
    attr: "name_prefix",
    validate: machineName(54),
    fix: "letters, digits, - and _ only, at most 54 characters",
    source: SFN,
  },
  {
    type: MACHINE,
    prop: "roleArn",
    attr: "role_arn",
    validate: validARN,
    fix: "a role's `arn` output, not its name",
    source: SFN,
  },
  {
    type: MACHINE,
    prop: "definition",
    attr: "definition",
    validate: lenBetween(0, 1024 * 1024),
    fix: "a definition of at most 1 MiB",
    source: SFN,
  },
  {
    type: MACHINE,
    prop: "type",
    attr: "type",
    validate: oneOfGrowing(["STANDARD", "EXPRESS"]),
    fix: "STANDARD or EXPRESS (upper case)",
    source: SFN,
  },
  {
    type: MACHINE,
    prop: "loggingConfiguration.level",
    attr: "logging_configuration.0.level",
    validate: oneOfGrowing(["ALL", "ERROR", "FATAL", "OFF"]),
    fix: "ALL, ERROR, FATAL or OFF (upper case)",
    source: SFN,
  },
  {
    type: MACHINE,
    prop: "encryptionConfiguration.type",
    attr: "encryption_configuration.0.type",
    validate: oneOfGrowing(["AWS_OWNED_KEY", "CUSTOMER_MANAGED_KMS_KEY"]),
    fix: "AWS_OWNED_KEY or CUSTOMER_MANAGED_KMS_KEY",
    source: SFN,
  },
  {
    type: MACHINE,
    prop: "encryptionConfiguration.kmsDataKeyReusePeriodSeconds",
    attr: "encryption_configuration.0.kms_data_key_reuse_period_seconds",
    validate: intBetween(60, 900),
    fix: "a period in seconds from 60 to 900",
    source: SFN,
  },
];

export const WORKFLOW_CROSS_RULES: readonly CrossRule[] = [
  ...BUCKETS.map((type) =>
    conflictsWith(type, ["bucket", "bucket"], ["bucketPrefix", "bucket_prefix"], S3),
  ),
  conflictsWith(MACHINE, ["name", "name"], ["namePrefix", "name_prefix"], SFN),
];
