// aws-native data stores, workflows and APIs (policy-pack/lib/native/twins-data.ts): a Neptune
// instance's public endpoint (publiclyAccessible, as the classic cluster instance's), the keys
// data-store-kms-cmk requires of S3 table buckets, Prometheus workspaces, Aurora DSQL clusters,
// Neptune Analytics graphs, Step Functions state machines, App Runner services, Mainframe
// Modernization environments, DMS instance profiles, DRS replication templates and ECS services'
// managed EBS volumes (volumeConfigurations[].managedEbsVolume.kmsKeyId), and the advisory
// logging, tracing and retention rules of state machines (loggingConfiguration.destinations,
// tracingConfiguration), AppSync GraphQL APIs (logConfig.cloudWatchLogsRoleArn), log groups
// (retentionInDays) and backup plans' retention (backupPlan.backupPlanRule[].lifecycle). A
// compliant resource passes; each case breaks one field, and a value unknown at preview is a
// preview note.
import * as n from "../../../policy-pack/lib/native/types";
import { Case, KEY_ARN, runCases } from "./cases";

const LOG_GROUP_ARN = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/states/orders:*";
const sfnLogging = {
  level: "ALL",
  includeExecutionData: true,
  destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: LOG_GROUP_ARN } }],
};
const stateMachine = {
  roleArn: "arn:aws:iam::123456789012:role/orders-flow",
  definitionString: "{}",
  encryptionConfiguration: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyId: KEY_ARN },
  loggingConfiguration: sfnLogging,
  tracingConfiguration: { enabled: true },
};

const dailyRule = {
  ruleName: "daily",
  targetBackupVault: "vault",
  scheduleExpression: "cron(0 5 * * ? *)",
  lifecycle: { deleteAfterDays: 35 },
  copyActions: [
    {
      destinationBackupVaultArn: "arn:aws:backup:eu-central-1:123456789012:backup-vault:dr",
      lifecycle: { deleteAfterDays: 35 },
    },
  ],
};
const plan = { backupPlanName: "daily", backupPlanRule: [dailyRule] };

/** data-store-kms-cmk over one native type whose key is `prop` (a nested `path` for the finding). */
const storeKey = (type: string, inputs: Record<string, unknown>, prop: string, says: string) =>
  ({
    rule: "data-store-kms-cmk",
    type,
    inputs,
    prop,
    keyed: true,
    broken: [[{ [prop]: undefined }, `${says}: no KMS key is set`]],
  }) satisfies Case;

const cases: Case[] = [
  {
    rule: "neptune-cluster-instance-not-public",
    type: n.NATIVE_NEPTUNE_DB_INSTANCE,
    inputs: { dbClusterIdentifier: "graph", dbInstanceClass: "db.r6g.large" },
    prop: "publiclyAccessible",
    broken: [[{ publiclyAccessible: true }, "publiclyAccessible is true."]],
  },
  storeKey(
    n.NATIVE_S3TABLES_TABLE_BUCKET,
    { encryptionConfiguration: { sseAlgorithm: "aws:kms", kmsKeyArn: KEY_ARN } },
    "encryptionConfiguration",
    "encryptionConfiguration.kmsKeyArn",
  ),
  storeKey(
    n.NATIVE_APS_WORKSPACE,
    { alias: "metrics", kmsKeyArn: KEY_ARN },
    "kmsKeyArn",
    "kmsKeyArn",
  ),
  storeKey(
    n.NATIVE_DSQL_CLUSTER,
    { kmsEncryptionKey: KEY_ARN },
    "kmsEncryptionKey",
    "kmsEncryptionKey",
  ),
  storeKey(
    n.NATIVE_NEPTUNEGRAPH_GRAPH,
    { provisionedMemory: 16, kmsKeyIdentifier: KEY_ARN },
    "kmsKeyIdentifier",
    "kmsKeyIdentifier",
  ),
  storeKey(
    n.NATIVE_SFN_STATE_MACHINE,
    stateMachine,
    "encryptionConfiguration",
    "encryptionConfiguration.kmsKeyId",
  ),
  storeKey(
    n.NATIVE_APPRUNNER_SERVICE,
    {
      sourceConfiguration: {
        imageRepository: { imageIdentifier: "x", imageRepositoryType: "ECR" },
      },
      encryptionConfiguration: { kmsKey: KEY_ARN },
    },
    "encryptionConfiguration",
    "encryptionConfiguration.kmsKey",
  ),
  storeKey(
    n.NATIVE_M2_ENVIRONMENT,
    { engineType: "microfocus", instanceType: "M2.m5.large", kmsKeyId: KEY_ARN },
    "kmsKeyId",
    "kmsKeyId",
  ),
  storeKey(
    n.NATIVE_DMS_INSTANCE_PROFILE,
    { instanceProfileName: "migrations", kmsKeyArn: KEY_ARN },
    "kmsKeyArn",
    "kmsKeyArn",
  ),
  storeKey(
    n.NATIVE_DRS_REPLICATION_CONFIGURATION_TEMPLATE,
    { ebsEncryption: "CUSTOM", ebsEncryptionKeyArn: KEY_ARN, stagingAreaSubnetId: "subnet-1" },
    "ebsEncryptionKeyArn",
    "ebsEncryptionKeyArn",
  ),
  {
    rule: "data-store-kms-cmk",
    type: n.NATIVE_ECS_SERVICE,
    inputs: {
      cluster: "apps",
      volumeConfigurations: [
        {
          name: "data",
          managedEbsVolume: {
            roleArn: "arn:aws:iam::123456789012:role/ebs",
            encrypted: true,
            kmsKeyId: KEY_ARN,
          },
        },
      ],
    },
    prop: "volumeConfigurations",
    keyed: true,
    broken: [
      [
        {
          volumeConfigurations: [
            {
              name: "data",
              managedEbsVolume: { roleArn: "arn:aws:iam::123456789012:role/ebs", encrypted: true },
            },
          ],
        },
        "volumeConfigurations[].managedEbsVolume.kmsKeyId: no KMS key is set",
        "a managed EBS volume without kmsKeyId",
      ],
    ],
  },
  {
    rule: "sfn-state-machine-logging",
    type: n.NATIVE_SFN_STATE_MACHINE,
    inputs: stateMachine,
    prop: "loggingConfiguration",
    broken: [
      [{ loggingConfiguration: undefined }, "loggingConfiguration.level is OFF or not set"],
      [{ loggingConfiguration: { ...sfnLogging, level: "OFF" } }, "level is OFF", "level OFF"],
      [
        { loggingConfiguration: { ...sfnLogging, destinations: [] } },
        "loggingConfiguration has no destinations.",
        "no destinations",
      ],
      [
        { loggingConfiguration: { ...sfnLogging, includeExecutionData: false } },
        "loggingConfiguration.includeExecutionData is not true.",
        "includeExecutionData false",
      ],
    ],
  },
  {
    rule: "sfn-state-machine-tracing",
    type: n.NATIVE_SFN_STATE_MACHINE,
    inputs: stateMachine,
    prop: "tracingConfiguration",
    broken: [
      [{ tracingConfiguration: undefined }, "tracingConfiguration.enabled is not true."],
      [{ tracingConfiguration: { enabled: false } }, "tracingConfiguration.enabled is not true."],
    ],
  },
  {
    rule: "appsync-graphql-api-logging",
    type: n.NATIVE_APPSYNC_GRAPHQL_API,
    inputs: {
      authenticationType: "AWS_IAM",
      logConfig: {
        cloudWatchLogsRoleArn: "arn:aws:iam::123456789012:role/appsync-logs",
        fieldLogLevel: "ERROR",
      },
    },
    prop: "logConfig",
    broken: [
      [{ logConfig: undefined }, "No logConfig"],
      [
        { logConfig: { fieldLogLevel: "ERROR" } },
        "logConfig has no cloudWatchLogsRoleArn",
        "no cloudWatchLogsRoleArn",
      ],
      [
        {
          logConfig: {
            cloudWatchLogsRoleArn: "arn:aws:iam::123456789012:role/appsync-logs",
            fieldLogLevel: "NONE",
          },
        },
        'logConfig.fieldLogLevel is "NONE"',
        "fieldLogLevel NONE",
      ],
    ],
  },
  {
    rule: "backup-plan-lifecycle",
    type: n.NATIVE_BACKUP_PLAN,
    inputs: { backupPlan: plan },
    prop: "backupPlan",
    broken: [
      [
        { backupPlan: { ...plan, backupPlanRule: [{ ...dailyRule, lifecycle: undefined }] } },
        "Rule 'daily' keeps recovery points forever (no lifecycle.deleteAfterDays)",
        "a rule without lifecycle",
      ],
      [
        {
          backupPlan: {
            ...plan,
            backupPlanRule: [{ ...dailyRule, copyActions: [{ destinationBackupVaultArn: "x" }] }],
          },
        },
        "A copy action of rule 'daily' keeps copies forever (no lifecycle.deleteAfterDays)",
        "a copy action without lifecycle",
      ],
      [
        { backupPlan: { ...plan, backupPlanRule: [] } },
        "The backup plan has no rules.",
        "no backupPlanRule",
      ],
    ],
  },
  {
    rule: "cloudwatch-log-group-retention",
    type: n.NATIVE_LOGS_LOG_GROUP,
    inputs: { logGroupName: "/app/orders", retentionInDays: 365, kmsKeyId: KEY_ARN },
    prop: "retentionInDays",
    broken: [
      [{ retentionInDays: undefined }, "retentionInDays is not set"],
      [{ retentionInDays: 7 }, "retentionInDays is 7, below the minimum of 30"],
    ],
  },
];

runCases("aws-native data stores, workflows and APIs", cases);
