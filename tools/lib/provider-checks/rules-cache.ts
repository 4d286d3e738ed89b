// ElastiCache: clusters and replication groups (ids, engines, the AUTH token, windows, snapshot
// retention, ARNs, the SDK's transit-encryption and cluster modes) and the inputs the provider
// will not take together. Each entry names the provider file that declares it. A node type has no
// validator in the provider's schema (AWS refuses a bad one at `pulumi up`): not judged.
import type { CrossRule, InputRule } from "./rule";
import { conflictsWith, exactlyOneOf, inputRule } from "./rule";
import {
  all,
  custom,
  goQuote,
  intAtLeast,
  intAtMost,
  lenBetween,
  LOWER_SNAKE,
  matches,
  notMatches,
  oneOf,
  oneOfGrowing,
  oneOfIgnoringCase,
  onceADayWindow,
  onceAWeekWindow,
  validARN,
  Validator,
  DAILY_WINDOW_FIX,
  WEEKLY_WINDOW_FIX,
} from "./validators";
import { isTrue } from "./bool-input";

const CLUSTER = "aws:elasticache/cluster:Cluster";
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const CLUSTER_GO = "internal/service/elasticache/cluster.go";
const GROUP_GO = "internal/service/elasticache/replication_group.go";

/** `validateReplicationGroupID` (replication_group.go), also a cluster's `replication_group_id`. */
const groupId = all(
  lenBetween(1, 40),
  matches(/^[0-9A-Za-z-]+$/, "must contain only alphanumeric characters and hyphens"),
  matches(/^[A-Za-z]/, "must begin with a letter"),
  notMatches(/--/, "cannot contain two consecutive hyphens"),
  notMatches(/-$/, "cannot end with a hyphen"),
);

/** A cluster's `cluster_id` (cluster.go): lower case only, whatever AWS makes of it after. */
const clusterId = all(
  lenBetween(1, 50),
  matches(/^[0-9a-z-]+$/, "must contain only lowercase alphanumeric characters and hyphens"),
  matches(/^[a-z]/, "must begin with a lowercase letter"),
  notMatches(/--/, "cannot contain two consecutive hyphens"),
  notMatches(/-$/, "cannot end with a hyphen"),
);

/** `validReplicationGroupAuthToken` (internal/service/elasticache/validate.go): both its checks. */
const authToken: Validator = all(
  custom(
    (s) => Buffer.byteLength(s, "utf8") >= 16 && Buffer.byteLength(s, "utf8") <= 128,
    (k) =>
      `${goQuote(k)} must contain from 16 to 128 alphanumeric characters or symbols (excluding @, ", and /)`,
  ),
  custom(
    (s) => /^[^@"/]+$/.test(s),
    (k) =>
      `only alphanumeric characters or symbols (excluding @, ", and /) allowed in ${goQuote(k)}`,
  ),
);

const ID_FIX =
  "letters, digits and single hyphens, starting with a letter and not ending with a hyphen " +
  "(a logical name Pulumi turns into the id must keep to them too)";

const rule = inputRule;

/** Inputs both resources share, with the same validator. */
function shared(type: string, source: string): InputRule[] {
  return [
    rule(
      type,
      "snapshotRetentionLimit",
      "snapshot_retention_limit",
      intAtMost(35),
      "at most 35 days",
      source,
    ),
    rule(
      type,
      "maintenanceWindow",
      "maintenance_window",
      onceAWeekWindow,
      WEEKLY_WINDOW_FIX,
      source,
    ),
    rule(type, "snapshotWindow", "snapshot_window", onceADayWindow, DAILY_WINDOW_FIX, source),
    rule(
      type,
      "snapshotArns",
      "snapshot_arns",
      all(validARN, notMatches(/,/, 'cannot contain any of the characters ","')),
      "ARNs of snapshots in S3 (arn:aws:s3:::bucket/key.rdb), one per item",
      source,
    ),
  ];
}

export const CACHE_RULES: readonly InputRule[] = [
  rule(
    CLUSTER,
    "clusterId",
    "cluster_id",
    clusterId,
    `lower-case ${ID_FIX}; at most 50`,
    CLUSTER_GO,
  ),
  rule(
    CLUSTER,
    "engine",
    "engine",
    oneOf(["memcached", "redis", "valkey"]),
    "memcached, redis or valkey (lower case)",
    CLUSTER_GO,
  ),
  rule(CLUSTER, "replicationGroupId", "replication_group_id", groupId, ID_FIX, CLUSTER_GO),
  rule(
    CLUSTER,
    "azMode",
    "az_mode",
    oneOfGrowing(["single-az", "cross-az"], /^[a-z]+(-[a-z]+)*$/),
    "single-az or cross-az",
    CLUSTER_GO,
  ),
  rule(
    CLUSTER,
    "preferredOutpostArn",
    "preferred_outpost_arn",
    validARN,
    "the Outpost's ARN",
    CLUSTER_GO,
  ),
  ...shared(CLUSTER, CLUSTER_GO),
  rule(
    GROUP,
    "replicationGroupId",
    "replication_group_id",
    groupId,
    `${ID_FIX}; at most 40`,
    GROUP_GO,
  ),
  // description: validation.StringIsNotEmpty only, and no validator judges an empty string
  // (../index.ts, refusedInputs): nothing is left to judge.
  // "valkey" only in newer providers: the widest list is kept, in any case, as the provider takes it.
  rule(
    GROUP,
    "engine",
    "engine",
    oneOfIgnoringCase(["redis", "valkey"]),
    "redis or valkey",
    GROUP_GO,
  ),
  rule(
    GROUP,
    "authToken",
    "auth_token",
    authToken,
    '16 to 128 printable characters without @, " or / (a secret: pulumi.secret or a random password with those excluded)',
    "internal/service/elasticache/validate.go",
  ),
  rule(
    GROUP,
    "notificationTopicArn",
    "notification_topic_arn",
    validARN,
    "the SNS topic's `arn` output",
    GROUP_GO,
  ),
  rule(
    GROUP,
    "replicasPerNodeGroup",
    "replicas_per_node_group",
    intAtLeast(0),
    "0 or more replicas",
    GROUP_GO,
  ),
  rule(
    GROUP,
    "transitEncryptionMode",
    "transit_encryption_mode",
    oneOfGrowing(["preferred", "required"], LOWER_SNAKE),
    "preferred or required (lower case)",
    GROUP_GO,
  ),
  rule(
    GROUP,
    "clusterMode",
    "cluster_mode",
    oneOfGrowing(["enabled", "disabled", "compatible"], LOWER_SNAKE),
    "enabled, disabled or compatible (lower case)",
    GROUP_GO,
  ),
  ...shared(GROUP, GROUP_GO),
];

/** The inputs a cluster that joins a replication group takes from the group instead (cluster.go). */
const FROM_GROUP: [prop: string, attr: string][] = [
  ["azMode", "az_mode"],
  ["engineVersion", "engine_version"],
  ["maintenanceWindow", "maintenance_window"],
  ["nodeType", "node_type"],
  ["notificationTopicArn", "notification_topic_arn"],
  ["numCacheNodes", "num_cache_nodes"],
  ["parameterGroupName", "parameter_group_name"],
  ["port", "port"],
  ["securityGroupIds", "security_group_ids"],
  ["snapshotArns", "snapshot_arns"],
  ["snapshotName", "snapshot_name"],
  ["snapshotRetentionLimit", "snapshot_retention_limit"],
  ["snapshotWindow", "snapshot_window"],
  ["subnetGroupName", "subnet_group_name"],
];

/**
 * `replicationGroupValidateMultiAZAutomaticFailover`, the group's CustomizeDiff: Multi-AZ needs
 * automatic failover.
 */
const multiAzNeedsFailover: CrossRule = {
  type: GROUP,
  what: "multiAzEnabled needs automaticFailoverEnabled",
  reads: ["multiAzEnabled", "automaticFailoverEnabled"],
  check: (inputs) =>
    isTrue(inputs.multiAzEnabled) && !isTrue(inputs.automaticFailoverEnabled)
      ? [
          {
            prop: "multiAzEnabled",
            value: inputs.multiAzEnabled,
            says: "automatic_failover_enabled must be true if multi_az_enabled is true",
          },
        ]
      : [],
  fix: "set automaticFailoverEnabled: true with multiAzEnabled: true",
  source: GROUP_GO,
};

/**
 * `replicationGroupValidateAutomaticFailoverNumCacheClusters`, the group's CustomizeDiff:
 * automatic failover needs at least two cache clusters (`failoverMinNumCacheClusters`), judged
 * only on a count the program gives (the raw config: none given is the provider's own choice).
 */
const failoverNeedsTwoClusters: CrossRule = {
  type: GROUP,
  what: "automaticFailoverEnabled needs numCacheClusters of at least 2",
  reads: ["automaticFailoverEnabled", "numCacheClusters"],
  check: (inputs) =>
    isTrue(inputs.automaticFailoverEnabled) &&
    typeof inputs.numCacheClusters === "number" &&
    inputs.numCacheClusters < 2
      ? [
          {
            prop: "numCacheClusters",
            value: inputs.numCacheClusters,
            says: '"num_cache_clusters": must be at least 2 if automatic_failover_enabled is true',
          },
        ]
      : [],
  fix: "numCacheClusters of at least 2 (a primary and a replica) with automaticFailoverEnabled: true",
  source: GROUP_GO,
};

export const CACHE_CROSS_RULES: readonly CrossRule[] = [
  exactlyOneOf(
    CLUSTER,
    [
      ["engine", "engine"],
      ["replicationGroupId", "replication_group_id"],
    ],
    CLUSTER_GO,
  ),
  ...FROM_GROUP.map(([prop, attr]) =>
    conflictsWith(
      CLUSTER,
      ["replicationGroupId", "replication_group_id"],
      [prop, attr],
      CLUSTER_GO,
    ),
  ),
  conflictsWith(GROUP, ["authToken", "auth_token"], ["userGroupIds", "user_group_ids"], GROUP_GO),
  conflictsWith(
    GROUP,
    ["numCacheClusters", "num_cache_clusters"],
    ["numNodeGroups", "num_node_groups"],
    GROUP_GO,
  ),
  conflictsWith(
    GROUP,
    ["numCacheClusters", "num_cache_clusters"],
    ["replicasPerNodeGroup", "replicas_per_node_group"],
    GROUP_GO,
  ),
  multiAzNeedsFailover,
  failoverNeedsTwoClusters,
];
