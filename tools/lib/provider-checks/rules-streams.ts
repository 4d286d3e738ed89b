// Streams and parameters: Kinesis data streams, SSM parameters, ECR lifecycle policies, the
// names of RDS subnet and parameter groups, and Backup vaults. Each entry names the provider file that declares it.
import type { CrossRule, InputRule } from "./rule";
import { conflictsWith, inputRule } from "./rule";
import {
  all,
  anyCaseOfShape,
  CAMEL,
  custom,
  goQuote,
  intBetween,
  lenBetween,
  matches,
  oneOf,
  oneOfGrowing,
  validARN,
} from "./validators";
import { isJSON } from "./validators-formats";

const STREAM = "aws:kinesis/stream:Stream";
const PARAMETER = "aws:ssm/parameter:Parameter";
const LIFECYCLE = "aws:ecr/lifecyclePolicy:LifecyclePolicy";

const KINESIS = "internal/service/kinesis/stream.go";
const SSM = "internal/service/ssm/parameter.go";
const ECR = "internal/service/ecr/lifecycle_policy.go";
const RDS = "internal/service/rds/validate.go";

/** validSubnetGroupName: lower case, digits, `-`, `_`, `.` and spaces, at most 255, not "default". */
const subnetGroupName = all(
  custom(
    (s) => /^[0-9a-z_ .-]+$/.test(s),
    (k) =>
      `only lowercase alphanumeric characters, hyphens, underscores, periods, and spaces allowed in ${goQuote(k)}`,
  ),
  custom(
    (s) => Buffer.byteLength(s) <= 255,
    (k) => `${goQuote(k)} cannot be longer than 255 characters`,
  ),
  custom(
    (s) => !/^default$/i.test(s),
    (k) => `"Default" is not allowed as ${goQuote(k)}`,
  ),
);

/** validParamGroupName: lower case, digits, `.` and `-`, a letter first, no `--`, no `-` last. */
const paramGroupName = all(
  custom(
    (s) => /^[0-9a-z.-]+$/.test(s),
    (k) =>
      `only lowercase alphanumeric characters, periods, and hyphens allowed in parameter group ${goQuote(k)}`,
  ),
  custom(
    (s) => /^[a-z]/.test(s),
    (k) => `first character of parameter group ${goQuote(k)} must be a letter`,
  ),
  custom(
    (s) => !s.includes("--"),
    (k) => `parameter group ${goQuote(k)} cannot contain two consecutive hyphens`,
  ),
  custom(
    (s) => !s.endsWith("-"),
    (k) => `parameter group ${goQuote(k)} cannot end with a hyphen`,
  ),
  custom(
    (s) => Buffer.byteLength(s) <= 255,
    (k) => `parameter group ${goQuote(k)} cannot be greater than 255 characters`,
  ),
);

/**
 * The group names, judged only as the program gives them: the name Pulumi makes from the logical
 * name is left alone (whether the bridge lower-cases it for these types is not settled here).
 */
const GROUP_NAMES: readonly InputRule[] = [
  {
    type: "aws:rds/subnetGroup:SubnetGroup",
    prop: "name",
    attr: "name",
    validate: subnetGroupName,
    fix: 'lower-case letters, digits, hyphens, underscores, periods and spaces, not "default"',
    source: RDS,
    skipAutoName: true,
  },
  ...[
    "aws:rds/parameterGroup:ParameterGroup",
    "aws:rds/clusterParameterGroup:ClusterParameterGroup",
  ].map((type): InputRule => ({
    type,
    prop: "name",
    attr: "name",
    validate: paramGroupName,
    fix: 'lower-case letters, digits, periods and hyphens, starting with a letter, no "--" and no hyphen last',
    source: RDS,
    skipAutoName: true,
  })),
];

/**
 * The stream's encryption type: `enum.Validate[types.EncryptionType]()` in current providers;
 * older ones listed `kinesis.EncryptionType_Values()` ignoring case, and every one compares the
 * value ignoring case (its DiffSuppressFunc), so any case of a value of the SDK's shape passes.
 */
const encryptionType = anyCaseOfShape(oneOf(["NONE", "KMS"]));

const VAULT = "aws:backup/vault:Vault";
const BACKUP = "internal/service/backup/vault.go";

export const STREAM_RULES: readonly InputRule[] = [
  inputRule(
    VAULT,
    "name",
    "name",
    // The provider's pattern is `^[a-zA-Z0-9\-\_]*$`; a period, which AWS Backup's own pattern
    // allows, is accepted too, in case a newer provider widens it (a refusal must be sure).
    all(
      lenBetween(2, 50),
      matches(/^[0-9A-Za-z_.-]*$/, "must consist of letters, numbers, and hyphens."),
    ),
    "letters, digits, - and _, 2 to 50 characters (a logical name Pulumi turns into the name too)",
    BACKUP,
  ),
  inputRule(
    VAULT,
    "kmsKeyArn",
    "kms_key_arn",
    validARN,
    "the key's `arn` output, not its id",
    BACKUP,
  ),
  inputRule(
    STREAM,
    "retentionPeriod",
    "retention_period",
    intBetween(24, 8760),
    "a retention in hours from 24 (a day) to 8760 (365 days)",
    KINESIS,
  ),
  inputRule(
    STREAM,
    "encryptionType",
    "encryption_type",
    encryptionType,
    "KMS (with kmsKeyId) or NONE",
    KINESIS,
  ),
  inputRule(
    STREAM,
    "streamModeDetails.streamMode",
    "stream_mode_details.0.stream_mode",
    oneOfGrowing(["PROVISIONED", "ON_DEMAND"]),
    "PROVISIONED or ON_DEMAND (upper case)",
    KINESIS,
  ),
  inputRule(
    STREAM,
    "maxRecordSizeInKib",
    "max_record_size_in_kib",
    intBetween(1024, 10240),
    "a size in KiB from 1024 to 10240",
    KINESIS,
  ),
  inputRule(
    PARAMETER,
    "name",
    "name",
    lenBetween(1, 2048),
    "a name of at most 2048 characters",
    SSM,
  ),
  inputRule(
    PARAMETER,
    "type",
    "type",
    oneOfGrowing(["String", "StringList", "SecureString"], CAMEL),
    "String, StringList or SecureString, as AWS spells them (aws.ssm.ParameterType)",
    SSM,
  ),
  inputRule(
    PARAMETER,
    "tier",
    "tier",
    oneOfGrowing(["Standard", "Advanced", "Intelligent-Tiering"], /^[A-Z][a-z]+(-?[A-Z][a-z]+)*$/),
    "Standard, Advanced or Intelligent-Tiering, as AWS spells them",
    SSM,
  ),
  inputRule(
    PARAMETER,
    "dataType",
    "data_type",
    // A list the provider fixes (validation.StringInSlice), not an SDK enumeration.
    oneOf(["aws:ec2:image", "aws:ssm:integration", "text"]),
    "text, aws:ec2:image or aws:ssm:integration",
    SSM,
  ),
  inputRule(
    PARAMETER,
    "description",
    "description",
    lenBetween(0, 1024),
    "a description of at most 1024 characters",
    SSM,
  ),
  inputRule(
    PARAMETER,
    "allowedPattern",
    "allowed_pattern",
    lenBetween(0, 1024),
    "a pattern of at most 1024 characters",
    SSM,
  ),
  inputRule(
    LIFECYCLE,
    "policy",
    "policy",
    isJSON,
    "the policy as JSON: JSON.stringify({ rules: [...] }), or the typed object itself",
    ECR,
  ),
  ...GROUP_NAMES,
];

/**
 * The stream's plan-time check (resourceStream's CustomizeDiff): a stream in on-demand mode has
 * no shard count, one in provisioned mode (the mode without `streamModeDetails`) at least one.
 */
const shardsForMode: CrossRule = {
  type: STREAM,
  what: "shardCount as the stream mode needs it",
  reads: ["streamModeDetails", "shardCount"],
  check: (inputs) => {
    const mode: unknown = inputs.streamModeDetails?.streamMode ?? "PROVISIONED";
    const shards: unknown = inputs.shardCount;
    if (typeof shards !== "number" && shards !== undefined && shards !== null) return [];
    const n = typeof shards === "number" ? shards : 0;
    if (mode === "ON_DEMAND" && n > 0)
      return [
        {
          prop: "shardCount",
          value: n,
          says: `shard_count must not be set when stream_mode is ON_DEMAND`,
        },
      ];
    if (mode === "PROVISIONED" && n < 1)
      return [
        {
          prop: "shardCount",
          value: shards ?? undefined,
          says: `shard_count must be at least 1 when stream_mode is PROVISIONED`,
        },
      ];
    return [];
  },
  fix: 'give shardCount (1 or more) for a provisioned stream, or streamModeDetails: { streamMode: "ON_DEMAND" } and no shardCount',
  source: KINESIS,
};

/**
 * The parameter's `ExactlyOneOf: value, insecure_value (, value_wo)`, the half that is sure in
 * every provider version: two values given. None given is left alone (newer providers count the
 * write-only value, which the program may give instead).
 */
const oneValue: CrossRule = {
  type: PARAMETER,
  what: "value conflicts with insecureValue",
  reads: ["value", "insecureValue"],
  check: (inputs) => {
    const given = (v: unknown) => v !== undefined && v !== null && v !== "";
    return given(inputs.value) && given(inputs.insecureValue)
      ? [
          {
            prop: "insecureValue",
            value: "insecureValue, value",
            says: '"insecure_value": only one of `insecure_value,value` can be specified, but `insecure_value,value` were specified.',
          },
        ]
      : [];
  },
  fix: "give value (kept secret) or insecureValue, not both",
  source: SSM,
};

export const STREAM_CROSS_RULES: readonly CrossRule[] = [
  shardsForMode,
  oneValue,
  ...GROUP_NAMES.map((r) =>
    conflictsWith(
      r.type,
      ["name", "name"],
      ["namePrefix", "name_prefix"],
      r.type.includes("subnetGroup")
        ? "internal/service/rds/subnet_group.go"
        : r.type.includes("cluster")
          ? "internal/service/rds/cluster_parameter_group.go"
          : "internal/service/rds/parameter_group.go",
    ),
  ),
];
