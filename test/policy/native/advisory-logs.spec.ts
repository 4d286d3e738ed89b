// The advisory logging, tracing and backup rules people write most, for aws-native resources whose
// twins already judged them for keys or exposure: RDS, DocumentDB and Neptune log exports
// (enableCloudwatchLogsExports), MSK broker logs (loggingInfo.brokerLogs.cloudWatchLogs), API
// Gateway stage access logs and X-Ray tracing (accessLogSetting, tracingEnabled), Redshift
// automated snapshots, ElastiCache backup retention, EKS control-plane logging
// (logging.clusterLogging.enabledTypes), ECS Container Insights (clusterSettings) and load
// balancers' deletion protection and access logs (loadBalancerAttributes). A compliant
// resource passes; each case breaks one field, and a value unknown at preview is a preview note.
import * as n from "../../../policy-pack/lib/native/types";
import { Case, runCases } from "./cases";

const LOG_GROUP_ARN = "arn:aws:logs:eu-west-1:123456789012:log-group:api-access";
const ACCESS_LOGS = [
  { key: "access_logs.s3.enabled", value: "true" },
  { key: "access_logs.s3.bucket", value: "edge-access-logs" },
];
const EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

const cases: Case[] = [
  ...[
    n.NATIVE_RDS_DB_INSTANCE,
    n.NATIVE_RDS_DB_INSTANCE_V0,
    n.NATIVE_RDS_DB_CLUSTER,
    n.NATIVE_RDS_DB_CLUSTER_V0,
  ].map((type): Case => ({
    rule: "rds-log-exports",
    type,
    inputs: { engine: "postgres", enableCloudwatchLogsExports: ["postgresql"] },
    prop: "enableCloudwatchLogsExports",
    broken: [
      [{ enableCloudwatchLogsExports: [] }, "enableCloudwatchLogsExports is empty"],
      [{ enableCloudwatchLogsExports: undefined }, "enableCloudwatchLogsExports is empty"],
    ],
  })),
  ...[n.NATIVE_DOCDB_DB_CLUSTER, n.NATIVE_DOCDB_DB_CLUSTER_V0].map((type): Case => ({
    rule: "docdb-cluster-log-exports",
    type,
    inputs: { enableCloudwatchLogsExports: ["audit", "profiler"] },
    prop: "enableCloudwatchLogsExports",
    broken: [
      [
        { enableCloudwatchLogsExports: [] },
        "enableCloudwatchLogsExports has neither audit nor profiler",
      ],
    ],
  })),
  ...[n.NATIVE_NEPTUNE_DB_CLUSTER, n.NATIVE_NEPTUNE_DB_CLUSTER_V0].map((type): Case => ({
    rule: "neptune-cluster-audit-logs",
    type,
    inputs: { enableCloudwatchLogsExports: ["audit"] },
    prop: "enableCloudwatchLogsExports",
    broken: [
      [{ enableCloudwatchLogsExports: ["slowquery"] }, "does not include audit"],
      [{ enableCloudwatchLogsExports: undefined }, "does not include audit"],
    ],
  })),
  {
    rule: "msk-cluster-broker-logs",
    type: n.NATIVE_MSK_CLUSTER,
    inputs: {
      loggingInfo: { brokerLogs: { cloudWatchLogs: { enabled: true, logGroup: "kafka" } } },
    },
    prop: "loggingInfo",
    broken: [
      [
        { loggingInfo: { brokerLogs: { cloudWatchLogs: { enabled: false } } } },
        "loggingInfo.brokerLogs enables no destination",
        "cloudWatchLogs disabled",
      ],
      [{ loggingInfo: undefined }, "loggingInfo.brokerLogs enables no destination"],
    ],
  },
  {
    rule: "apigateway-stage-access-logging",
    type: n.NATIVE_APIGATEWAY_STAGE,
    inputs: {
      restApiId: "api",
      stageName: "prod",
      accessLogSetting: { destinationArn: LOG_GROUP_ARN, format: "$context.requestId" },
    },
    prop: "accessLogSetting",
    broken: [
      [{ accessLogSetting: undefined }, "No accessLogSetting: the stage writes no access logs."],
      [
        { accessLogSetting: { format: "$context.requestId" } },
        "accessLogSetting has no destinationArn",
        "no destinationArn",
      ],
    ],
  },
  {
    rule: "apigateway-stage-xray-tracing",
    type: n.NATIVE_APIGATEWAY_STAGE,
    inputs: { restApiId: "api", stageName: "prod", tracingEnabled: true },
    prop: "tracingEnabled",
    broken: [
      [{ tracingEnabled: false }, "tracingEnabled is not true."],
      [{ tracingEnabled: undefined }, "tracingEnabled is not true."],
    ],
  },
  {
    rule: "redshift-cluster-automated-snapshots",
    type: n.NATIVE_REDSHIFT_CLUSTER,
    inputs: { nodeType: "ra3.xlplus", automatedSnapshotRetentionPeriod: 7 },
    prop: "automatedSnapshotRetentionPeriod",
    broken: [
      [
        { automatedSnapshotRetentionPeriod: 0 },
        "automatedSnapshotRetentionPeriod is 0: automated snapshots are off.",
      ],
    ],
  },
  ...[n.NATIVE_ELASTICACHE_REPLICATION_GROUP, n.NATIVE_ELASTICACHE_CACHE_CLUSTER].map(
    (type): Case => ({
      rule: "elasticache-backup-retention",
      type,
      inputs: { engine: "valkey", snapshotRetentionLimit: 7 },
      prop: "snapshotRetentionLimit",
      broken: [
        [{ snapshotRetentionLimit: 0 }, "snapshotRetentionLimit is 0: automatic backups are off."],
        [{ snapshotRetentionLimit: undefined }, "snapshotRetentionLimit is not set (0)"],
      ],
    }),
  ),
  {
    rule: "eks-cluster-control-plane-logging",
    type: n.NATIVE_EKS_CLUSTER,
    inputs: {
      roleArn: "arn:aws:iam::123456789012:role/eks",
      logging: { clusterLogging: { enabledTypes: EKS_LOG_TYPES.map((type) => ({ type })) } },
    },
    prop: "logging",
    broken: [
      [
        { logging: { clusterLogging: { enabledTypes: [{ type: "api" }] } } },
        "logging.clusterLogging.enabledTypes leaves out audit",
        "only api",
      ],
      [{ logging: undefined }, "logging.clusterLogging.enabledTypes leaves out api"],
    ],
  },
  {
    rule: "elb-load-balancer-deletion-protection",
    type: n.NATIVE_ELBV2_LOAD_BALANCER,
    inputs: { loadBalancerAttributes: [{ key: "deletion_protection.enabled", value: "true" }] },
    prop: "loadBalancerAttributes",
    broken: [
      [
        { loadBalancerAttributes: [{ key: "deletion_protection.enabled", value: "false" }] },
        "Deletion protection is not enabled.",
        "deletion_protection.enabled false",
      ],
      [{ loadBalancerAttributes: undefined }, "Deletion protection is not enabled."],
    ],
  },
  {
    rule: "elb-load-balancer-access-logs",
    type: n.NATIVE_ELBV2_LOAD_BALANCER,
    inputs: { loadBalancerAttributes: ACCESS_LOGS },
    prop: "loadBalancerAttributes",
    broken: [
      [
        { loadBalancerAttributes: ACCESS_LOGS.slice(1) },
        "Access logging is not enabled.",
        "no access_logs.s3.enabled",
      ],
      [
        { loadBalancerAttributes: ACCESS_LOGS.slice(0, 1) },
        "Access logging is not enabled.",
        "no access_logs.s3.bucket",
      ],
      [{ loadBalancerAttributes: undefined }, "Access logging is not enabled."],
    ],
  },
  {
    rule: "ecs-cluster-container-insights",
    type: n.NATIVE_ECS_CLUSTER,
    inputs: { clusterSettings: [{ name: "containerInsights", value: "enabled" }] },
    prop: "clusterSettings",
    broken: [
      [
        { clusterSettings: [{ name: "containerInsights", value: "disabled" }] },
        "Container Insights is not enabled",
        "containerInsights disabled",
      ],
      [{ clusterSettings: undefined }, "Container Insights is not enabled"],
    ],
  },
];

runCases("aws-native logging, tracing and backups (advisory)", cases);
