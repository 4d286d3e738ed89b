// Buckets and workflows: S3 bucket names and Step Functions state machines. Each entry names the
// provider file that declares it.
import type { CrossRule, InputRule } from "./rule";
import { conflictsWith } from "./rule";
import { all, intBetween, lenBetween, matches, oneOf, validARN } from "./validators";

const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const MACHINE = "aws:sfn/stateMachine:StateMachine";

const S3 = "internal/service/s3/bucket.go";
const SFN = "internal/service/sfn/state_machine.go";

const machineName = (max: number) =>
  all(
    lenBetween(1, max),
    matches(/^[0-9A-Za-z_-]+$/, "the name should only contain 0-9, A-Z, a-z, - and _"),
  );

export const WORKFLOW_RULES: readonly InputRule[] = [
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
    validate: oneOf(["STANDARD", "EXPRESS"]),
    fix: "STANDARD or EXPRESS (upper case)",
    source: SFN,
  },
  {
    type: MACHINE,
    prop: "loggingConfiguration.level",
    attr: "logging_configuration.0.level",
    validate: oneOf(["ALL", "ERROR", "FATAL", "OFF"]),
    fix: "ALL, ERROR, FATAL or OFF (upper case)",
    source: SFN,
  },
  {
    type: MACHINE,
    prop: "encryptionConfiguration.type",
    attr: "encryption_configuration.0.type",
    validate: oneOf(["AWS_OWNED_KEY", "CUSTOMER_MANAGED_KMS_KEY"]),
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
