// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: RDS backup and maintenance windows and ElastiCache maintenance windows
// (rules-create-windows.ts), SNS subscription endpoints, scopes and roles
// (rules-create-subscriptions.ts), DynamoDB secondary index limits (rules-create-tables.ts) and
// Route 53 health checks (rules-health-checks.ts), and an ECS service's DAEMON scheduling strategy
// (rules-create-tasks.ts), and EC2 launch templates (rules-launch-templates.ts). Each bound is met by the compliant resource and
// crossed by one broken case.
import type { Case } from "./provider-inputs-cases";

export const DB = "aws:rds/instance:Instance";
export const CLUSTER = "aws:rds/cluster:Cluster";
export const CACHE = "aws:elasticache/cluster:Cluster";
export const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
export const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
export const TABLE = "aws:dynamodb/table:Table";
export const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
export const ECS_SERVICE = "aws:ecs/service:Service";
export const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
/** A launch template volume of `ebs` settings. */
export const volume = (ebs: Record<string, unknown>) => [{ deviceName: "/dev/xvda", ebs }];
/** A DAEMON service as AWS takes one: the EC2 launch type and the ECS controller. */
export const DAEMON = {
  schedulingStrategy: "DAEMON",
  launchType: "EC2",
  deploymentController: { type: "ECS" },
};

/** `n` local secondary indexes, each on its own sort key. */
export const lsis = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `lsi${i}`,
    rangeKey: "lsk",
    projectionType: "ALL",
  }));
/** `n` non-key attribute names: a0, a1, ... */
export const attributeNames = (n: number) => Array.from({ length: n }, (_, i) => `a${i}`);
/** A global secondary index projecting `n` non-key attributes (a0, a1, ...) with INCLUDE. */
export const projecting = (name: string, n: number) => ({
  name,
  hashKey: "gpk",
  projectionType: "INCLUDE",
  nonKeyAttributes: attributeNames(n),
});
/** The 4 global indexes of the compliant table, 20 non-key attributes each (the most one may list). */
export const fullGlobals = () => [1, 2, 3, 4].map((i) => projecting(`gsi${i}`, 20));
/** The 5 local indexes of the compliant table: the first projects 20 with INCLUDE, the rest ALL. */
export const fullLocals = () => [
  { ...lsis(1)[0], projectionType: "INCLUDE", nonKeyAttributes: attributeNames(20) },
  ...lsis(5).slice(1),
];

/** The inputs added to the first files' compliant resources, each at a bound AWS accepts. */
export const WINDOWS_COMPLIANT: Record<string, Record<string, unknown>> = {
  // 30 minutes each; the backup window ends the minute the maintenance window starts, on Sunday.
  [DB]: { backupWindow: "04:30-05:00", maintenanceWindow: "Sun:05:00-sun:05:30" },
  // 30 minutes each: the maintenance window past Saturday midnight (sat:23:50-sun:00:20), the
  // backup window 01:00-01:30 apart from it (a backup window past midnight is in the spec).
  [CLUSTER]: {
    preferredBackupWindow: "01:00-01:30",
    preferredMaintenanceWindow: "sat:23:50-sun:00:20",
  },
  [GROUP]: { maintenanceWindow: "sat:23:30-sun:00:30" },
  [SUBSCRIPTION]: {},
  // 5 local indexes; 5 INCLUDE indexes of 20 (the same names in each, counted once per index):
  // the 100 projected attributes a table may have.
  [TABLE]: { localSecondaryIndexes: fullLocals(), globalSecondaryIndexes: fullGlobals() },
  [LAUNCH_TEMPLATE]: {
    description: "d".repeat(255),
    defaultVersion: 1,
    blockDeviceMappings: volume({ volumeType: "gp3", kmsKeyId: KEY_ARN, encrypted: "true" }),
    iamInstanceProfile: { arn: "arn:aws:iam::123456789012:instance-profile/app" },
    instanceInitiatedShutdownBehavior: "terminate",
    creditSpecification: { cpuCredits: "unlimited" },
    instanceMarketOptions: { marketType: "spot", spotOptions: { blockDurationMinutes: 360 } },
    metadataOptions: {
      httpEndpoint: "enabled",
      httpTokens: "required",
      httpPutResponseHopLimit: 64,
    },
  },
  [HEALTH_CHECK]: {
    type: "HTTPS_STR_MATCH",
    fqdn: "api.example.com",
    port: 443,
    resourcePath: "/health",
    searchString: "ok",
    failureThreshold: 10,
    requestInterval: 30,
    referenceName: "r".repeat(27),
    regions: ["us-east-1", "eu-west-1", "ap-southeast-1"],
    insufficientDataHealthStatus: "LastKnownStatus",
    routingControlArn:
      "arn:aws:route53-recovery-control::123456789012:controlpanel/abc/routingcontrol/def",
    childHealthThreshold: 256,
    childHealthchecks: ["0a1b2c3d-4e5f-6789-abcd-ef0123456789"],
    ipAddress: "2001:db8::1",
  },
};

const SQS_ARN = "arn:aws:sqs:us-east-1:123456789012:orders";

export const WINDOWS_BROKEN: Case[] = [
  // ECS: what the DAEMON scheduling strategy does not support, at up.
  [
    ECS_SERVICE,
    "schedulingStrategy",
    "DAEMON",
    "Fargate tasks do not support the DAEMON scheduling strategy",
    { deploymentController: { type: "ECS" } },
  ],
  [
    ECS_SERVICE,
    "schedulingStrategy",
    "DAEMON",
    "a service of the CODE_DEPLOY deployment controller does not support the DAEMON",
    { launchType: "EC2" },
  ],
  [
    ECS_SERVICE,
    "volumeConfiguration",
    { name: "data", managedEbsVolume: { roleArn: "arn:aws:iam::123456789012:role/ecs-ebs" } },
    "a volume configuration is supported only for a REPLICA service",
    DAEMON,
  ],
  // The provider's formats, at preview.
  [
    DB,
    "backupWindow",
    "4:30-05:00",
    '"backup_window" must satisfy the format of "hh24:mi-hh24:mi"',
  ],
  [DB, "maintenanceWindow", "sunday:05:00-sun:05:30", "ddd:hh24:mi-ddd:hh24:mi"],
  [CLUSTER, "preferredBackupWindow", "01:00", '"preferred_backup_window" must satisfy'],
  [CLUSTER, "preferredMaintenanceWindow", "sun:25:00-sun:26:00", '"preferred_maintenance_window"'],
  // AWS's 30 minutes, at up.
  [
    DB,
    "backupWindow",
    "04:31-05:00",
    'backupWindow "04:31-05:00" is 29 minutes long, under the 30',
  ],
  [DB, "maintenanceWindow", "sun:05:00-sun:05:29", "is 29 minutes long, under the 30 minutes"],
  [CLUSTER, "preferredBackupWindow", "23:00-23:20", "is 20 minutes long"],
  [CLUSTER, "preferredMaintenanceWindow", "sat:23:50-sun:00:19", "is 29 minutes long"],
  // ElastiCache's 60 minutes.
  [CACHE, "maintenanceWindow", "sun:05:00-sun:05:59", "is 59 minutes long, under the 60 minutes"],
  [GROUP, "maintenanceWindow", "sat:23:31-sun:00:30", "is 59 minutes long"],
  // Overlaps: on the maintenance day, and across midnight into Sunday.
  [
    DB,
    "backupWindow",
    "04:31-05:01",
    "the backup window 04:31-05:01 overlaps the maintenance window Sun:05:00-sun:05:30",
  ],
  [CLUSTER, "preferredBackupWindow", "00:00-00:30", "overlaps the maintenance window sat:23:50"],
  // SNS: the provider's scope check, AWS's endpoint shapes and Firehose role.
  [SUBSCRIPTION, "filterPolicy", undefined, "filter_policy is required when filter_policy_scope"],
  [
    SUBSCRIPTION,
    "endpoint",
    "https://sqs.us-east-1.amazonaws.com/123456789012/orders",
    "a sqs subscription's endpoint is the ARN of an SQS queue",
    { protocol: "sqs", endpoint: SQS_ARN },
  ],
  [
    SUBSCRIPTION,
    "endpoint",
    "orders-handler",
    "a lambda subscription's endpoint is the ARN of a Lambda function",
    { protocol: "lambda", endpoint: "arn:aws:lambda:us-east-1:123456789012:function:orders:live" },
  ],
  [
    SUBSCRIPTION,
    "endpoint",
    "https://hooks.example.com/sns",
    "a http subscription's endpoint is a URL beginning with http://",
    { protocol: "http", endpoint: "HTTP://hooks.example.com/sns" },
  ],
  [
    SUBSCRIPTION,
    "endpoint",
    SQS_ARN,
    "a firehose subscription's endpoint is the ARN of a Firehose delivery stream",
    {
      protocol: "firehose",
      endpoint: "arn:aws:firehose:us-east-1:123456789012:deliverystream/events",
    },
  ],
  [
    SUBSCRIPTION,
    "subscriptionRoleArn",
    undefined,
    "a firehose subscription needs subscriptionRoleArn",
    {
      protocol: "firehose",
      endpoint: "arn:aws:firehose:us-east-1:123456789012:deliverystream/events",
    },
  ],
  // DynamoDB: 6 local indexes; 21 attributes in one index; 101 projected attributes.
  [TABLE, "localSecondaryIndexes", lsis(6), "defines 6 local secondary indexes, over the 5"],
  [
    TABLE,
    "globalSecondaryIndexes",
    [projecting("gsi1", 21)],
    "the secondary index gsi1 projects 21 non-key attributes, over the 20 one index may list",
  ],
  [
    TABLE,
    "globalSecondaryIndexes",
    [...fullGlobals(), projecting("gsi5", 1)],
    "project 101 non-key attributes in all (gsi1 20, gsi2 20, gsi3 20, gsi4 20, gsi5 1, lsi0 20), over the 100",
  ],
  // Launch templates, at preview.
  [
    LAUNCH_TEMPLATE,
    "description",
    "d".repeat(256),
    "expected length of description to be in the range (0 - 255)",
  ],
  [LAUNCH_TEMPLATE, "defaultVersion", 0, "expected default_version to be at least (1), got 0"],
  [
    LAUNCH_TEMPLATE,
    "blockDeviceMappings",
    volume({ volumeType: "GP3" }),
    "expected block_device_mappings.0.ebs.0.volume_type to be one of",
  ],
  // The second volume, named by its own index as the provider names it.
  [
    LAUNCH_TEMPLATE,
    "blockDeviceMappings",
    [...volume({ volumeType: "gp3" }), { deviceName: "/dev/xvdb", ebs: { volumeType: "SSD" } }],
    "expected block_device_mappings.1.ebs.0.volume_type to be one of",
  ],
  [LAUNCH_TEMPLATE, "blockDeviceMappings", volume({ kmsKeyId: "alias/ebs" }), "is an invalid ARN"],
  [LAUNCH_TEMPLATE, "iamInstanceProfile", { arn: "app-profile" }, "is an invalid ARN"],
  [LAUNCH_TEMPLATE, "instanceInitiatedShutdownBehavior", "Terminate", "got Terminate"],
  [LAUNCH_TEMPLATE, "creditSpecification", { cpuCredits: "burst" }, "got burst"],
  [
    LAUNCH_TEMPLATE,
    "instanceMarketOptions",
    { marketType: "spot", spotOptions: { blockDurationMinutes: 90 } },
    "to be divisible by 60, got: 90",
  ],
  [
    LAUNCH_TEMPLATE,
    "metadataOptions",
    { httpTokens: "required", httpPutResponseHopLimit: 65 },
    "http_put_response_hop_limit to be in the range (1 - 64), got 65",
  ],
  [LAUNCH_TEMPLATE, "metadataOptions", { httpTokens: "Required" }, "got Required"],
  [LAUNCH_TEMPLATE, "metadataOptions", { httpEndpoint: "ENABLED" }, "got ENABLED"],
  // Route 53 health checks, at preview.
  [HEALTH_CHECK, "type", "https", "expected type to be one of"],
  [
    HEALTH_CHECK,
    "failureThreshold",
    11,
    "expected failure_threshold to be in the range (1 - 10), got 11",
  ],
  [HEALTH_CHECK, "failureThreshold", 0, "(1 - 10), got 0"],
  [HEALTH_CHECK, "requestInterval", 60, "expected request_interval to be one of [10 30], got 60"],
  [HEALTH_CHECK, "port", 0, 'expected "port" to be a valid port number, got: 0'],
  [
    HEALTH_CHECK,
    "ipAddress",
    "10.0.0.1/32",
    "expected ip_address to contain a valid IP, got: 10.0.0.1/32",
  ],
  [
    HEALTH_CHECK,
    "fqdn",
    `${"a".repeat(253)}.io`,
    "expected length of fqdn to be in the range (0 - 255)",
  ],
  [
    HEALTH_CHECK,
    "resourcePath",
    `/${"p".repeat(255)}`,
    "resource_path to be in the range (0 - 255)",
  ],
  [HEALTH_CHECK, "searchString", "s".repeat(256), "search_string to be in the range (0 - 255)"],
  [HEALTH_CHECK, "referenceName", "r".repeat(28), "reference_name to be in the range (0 - 27)"],
  [
    HEALTH_CHECK,
    "childHealthThreshold",
    257,
    "expected child_health_threshold to be at most (256)",
  ],
  [
    HEALTH_CHECK,
    "childHealthchecks",
    ["c".repeat(65)],
    "child_healthchecks to be in the range (0 - 64)",
  ],
  [
    HEALTH_CHECK,
    "childHealthchecks",
    Array.from({ length: 257 }, (_, i) => `hc-${i}`),
    "Attribute child_healthchecks supports 256 item maximum, but config has 257 declared",
  ],
  [HEALTH_CHECK, "routingControlArn", "routingcontrol/def", "is an invalid ARN"],
  [HEALTH_CHECK, "regions", ["us-east-1", "eu-west-1", "EU-WEST-2"], "got EU-WEST-2"],
  [
    HEALTH_CHECK,
    "regions",
    ["us-east-1", "eu-west-1"],
    "Attribute regions requires 3 item minimum, but config has only 2 declared",
  ],
  // A set: a region given twice is one.
  [
    HEALTH_CHECK,
    "regions",
    ["us-east-1", "us-east-1", "eu-west-1"],
    "Attribute regions requires 3 item minimum, but config has only 2 declared",
  ],
  [HEALTH_CHECK, "insufficientDataHealthStatus", "healthy", "got healthy"],
];
