// The @pulumi/aws-native data stores, workflows and APIs that data-store-kms-cmk and the logging
// rules judge, and the Neptune instance the endpoint rule judges, each read as its classic twin
// (pulumi/pulumi-aws-native sdk/nodejs/<module>/<type>.ts; CloudFormation template reference,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/):
// - AWS::Neptune::DBInstance PubliclyAccessible (sdk/nodejs/neptune/dbInstance.ts, 1.x): Neptune's
//   public endpoints are set per instance, not per cluster ("Neptune public endpoints",
//   https://docs.aws.amazon.com/neptune/latest/userguide/neptune-public-endpoints.html), as the
//   classic aws.neptune.ClusterInstance's publiclyAccessible; DBClusterIdentifier,
//   DBInstanceClass and DBInstanceIdentifier are the classic clusterIdentifier, instanceClass and
//   identifier. The early 0.x `DBInstance` (neptune/dbinstance.d.ts of 0.67.0) has no
//   PubliclyAccessible and spells dBClusterIdentifier, dBInstanceClass and dBInstanceIdentifier:
//   its twin serves the rules that count a cluster's instances (neptune-cluster-multi-az).
// - The keys of data-store-kms-cmk, under the classic names: AWS::S3Tables::TableBucket
//   EncryptionConfiguration { SSEAlgorithm, KMSKeyArn } (kmsKeyArn), AWS::APS::Workspace
//   KmsKeyArn, AWS::DSQL::Cluster KmsEncryptionKey, AWS::NeptuneGraph::Graph KmsKeyIdentifier,
//   AWS::StepFunctions::StateMachine EncryptionConfiguration { KmsKeyId, Type }.
// - AWS::StepFunctions::StateMachine LoggingConfiguration { Level, IncludeExecutionData,
//   Destinations [{ CloudWatchLogsLogGroup { LogGroupArn } }] }: the classic loggingConfiguration
//   with the first destination's log group as its logDestination (the API takes one destination);
//   TracingConfiguration { Enabled } the classic tracingConfiguration.
// - AWS::Backup::BackupPlan BackupPlan { BackupPlanRule [{ RuleName, Lifecycle
//   { DeleteAfterDays }, CopyActions [{ Lifecycle }] }] } (sdk/nodejs/backup/backupPlan.ts): the
//   classic rules [{ ruleName, lifecycle { deleteAfter }, copyActions [{ lifecycle }] }].
// - AWS::AppSync::GraphQLApi LogConfig { CloudWatchLogsRoleArn, FieldLogLevel,
//   ExcludeVerboseContent } (sdk/nodejs/appsync/graphQlApi.ts): the classic logConfig, whose role
//   is cloudwatchLogsRoleArn.
// - AWS::RDS::DBSnapshot DBInstanceIdentifier and DBSnapshotIdentifier, AWS::RDS::DBClusterSnapshot
//   DBClusterIdentifier and DBClusterSnapshotIdentifier (sdk/nodejs/rds/{dbSnapshot,clusterSnapshot}.ts,
//   1.x): the classic aws.rds.Snapshot's and ClusterSnapshot's names, with the same outputs
//   (encrypted or storageEncrypted, kmsKeyId): the snapshot takes its source's key.
import * as t from "../types";
import * as n from "./types";
import type { Twin } from "./twins";
import { asList } from "../values";
import { renamedBlock } from "./classic-props";

/** A state machine's loggingConfiguration as the classic one (one logDestination). */
function sfnLogging(v: any): unknown {
  if (v === undefined || v === null) return v;
  return {
    get level() {
      return v.level;
    },
    get includeExecutionData() {
      return v.includeExecutionData;
    },
    get logDestination() {
      return asList<any>(v.destinations)[0]?.cloudWatchLogsLogGroup?.logGroupArn;
    },
  };
}

/** A backup lifecycle's deleteAfterDays as the classic deleteAfter. */
const backupLifecycle = renamedBlock({ deleteAfter: "deleteAfterDays" });

/** A backup plan's backupPlanRule list as the classic rules. */
function backupRules(plan: any): unknown {
  if (plan === undefined || plan === null) return plan;
  const rules = plan.backupPlanRule;
  if (!Array.isArray(rules)) return rules;
  return asList<any>(rules).map((r) => ({
    get ruleName() {
      return r?.ruleName;
    },
    get lifecycle() {
      return backupLifecycle(r?.lifecycle);
    },
    get copyActions() {
      const copies = r?.copyActions;
      if (!Array.isArray(copies)) return copies;
      return asList<any>(copies).map((c) => ({
        get lifecycle() {
          return backupLifecycle(c?.lifecycle);
        },
      }));
    },
  }));
}

/** An AppSync logConfig as the classic one (cloudwatchLogsRoleArn). */
const appsyncLog = renamedBlock({
  cloudwatchLogsRoleArn: "cloudWatchLogsRoleArn",
  fieldLogLevel: "fieldLogLevel",
  excludeVerboseContent: "excludeVerboseContent",
});

export const DATA_TWINS: [string, Twin][] = [
  [
    n.NATIVE_NEPTUNE_DB_INSTANCE,
    {
      classic: t.NEPTUNE_CLUSTER_INSTANCE,
      rename: {
        clusterIdentifier: "dbClusterIdentifier",
        instanceClass: "dbInstanceClass",
        identifier: "dbInstanceIdentifier",
      },
    },
  ],
  [
    n.NATIVE_NEPTUNE_DB_INSTANCE_V0,
    {
      classic: t.NEPTUNE_CLUSTER_INSTANCE,
      rename: {
        clusterIdentifier: "dBClusterIdentifier",
        instanceClass: "dBInstanceClass",
        identifier: "dBInstanceIdentifier",
      },
    },
  ],
  [n.NATIVE_RDS_DB_SNAPSHOT, { classic: t.RDS_SNAPSHOT }],
  [n.NATIVE_RDS_CLUSTER_SNAPSHOT, { classic: t.RDS_CLUSTER_SNAPSHOT }],
  [n.NATIVE_S3TABLES_TABLE_BUCKET, { classic: t.S3TABLES_TABLE_BUCKET }],
  [n.NATIVE_APS_WORKSPACE, { classic: t.AMP_WORKSPACE }],
  [n.NATIVE_DSQL_CLUSTER, { classic: t.DSQL_CLUSTER }],
  [n.NATIVE_NEPTUNEGRAPH_GRAPH, { classic: t.NEPTUNEGRAPH_GRAPH }],
  [
    n.NATIVE_SFN_STATE_MACHINE,
    {
      classic: t.SFN_STATE_MACHINE,
      rename: { name: "stateMachineName" },
      derive: { loggingConfiguration: { from: "loggingConfiguration", map: sfnLogging } },
      says: {
        "loggingConfiguration.logDestination": "loggingConfiguration.destinations",
        logDestination: "destinations",
      },
    },
  ],
  [
    n.NATIVE_BACKUP_PLAN,
    {
      classic: t.BACKUP_PLAN,
      derive: { rules: { from: "backupPlan", map: backupRules } },
      says: { "lifecycle.deleteAfter": "lifecycle.deleteAfterDays" },
    },
  ],
  // Early 0.x SDKs register the type as GraphQLApi (appsync/graphQLApi.d.ts of 0.67.0), with the
  // same logConfig { cloudWatchLogsRoleArn, fieldLogLevel, excludeVerboseContent }.
  ...[n.NATIVE_APPSYNC_GRAPHQL_API, n.NATIVE_APPSYNC_GRAPHQL_API_V0].map((type): [string, Twin] => [
    type,
    {
      classic: t.APPSYNC_GRAPHQL_API,
      derive: { logConfig: { from: "logConfig", map: appsyncLog } },
      says: {
        "logConfig.cloudwatchLogsRoleArn": "logConfig.cloudWatchLogsRoleArn",
        cloudwatchLogsRoleArn: "cloudWatchLogsRoleArn",
      },
    },
  ]),
];
