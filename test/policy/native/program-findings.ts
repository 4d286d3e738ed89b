// What the aws-native-only fixture program (test/fixtures/programs/aws-native-only: keys.ts,
// exposure.ts) writes for the twin types added after its first version: each type once compliant
// (`<name>-ok`) and once broken (`<name>-bad`), and the mandatory rules the broken one fails, in
// the preview and in the apply phase alike. An ECR Public repository has no compliant form.

/** [aws-native type (without "aws-native:"), resource name stem, mandatory rules of the broken one]. */
export const NATIVE_PAIRS: readonly (readonly [string, string, readonly string[]])[] = [
  ["amazonmq:Broker", "broker", ["mq-broker-kms-cmk"]],
  [
    "apigateway:RestApi",
    "orders-api",
    ["apigateway-rest-api-policy-not-public", "resource-policy-lists-actions"],
  ],
  ["apprunner:Service", "web", ["apprunner-service-egress-through-vpc"]],
  ["appstream:Fleet", "fleet", ["appstream-no-default-internet-access"]],
  ["appstream:ImageBuilder", "image-builder", ["appstream-no-default-internet-access"]],
  ["appsync:ApiCache", "api-cache", ["appsync-api-cache-encrypted"]],
  ["batch:JobDefinition", "job", ["batch-job-definition-not-privileged"]],
  ["cassandra:Table", "keyspace-table", ["keyspaces-table-kms-cmk"]],
  ["cloudtrail:EventDataStore", "event-store", ["cloudtrail-kms-cmk"]],
  ["cloudtrail:Trail", "trail", ["cloudtrail-kms-cmk"]],
  ["codeartifact:Domain", "packages", ["codeartifact-domain-kms-cmk"]],
  ["codebuild:Project", "build", ["codebuild-project-kms-cmk"]],
  ["codebuild:ReportGroup", "reports", ["codebuild-report-group-kms-cmk"]],
  ["codepipeline:Pipeline", "pipeline", ["codepipeline-artifact-store-kms-cmk"]],
  ["cognito:IdentityPool", "identities", ["cognito-identity-pool-no-unauthenticated"]],
  ["connect:InstanceStorageConfig", "recordings", ["connect-instance-storage-kms-cmk"]],
  ["dax:Cluster", "cache", ["dax-cluster-encrypted"]],
  ["dlm:LifecyclePolicy", "snapshot-copy", ["dlm-cross-region-copy-kms-cmk"]],
  ["dms:InstanceProfile", "migrations", ["dms-instance-profile-not-public"]],
  ["dms:ReplicationInstance", "replication", ["dms-replication-instance-kms-cmk"]],
  ["drs:ReplicationConfigurationTemplate", "recovery", ["drs-replication-no-public-ip"]],
  ["ec2:SnapshotBlockPublicAccess", "snapshot-block", ["ebs-snapshot-block-public-access-on"]],
  ["emr:SecurityConfiguration", "emr-security", ["emr-security-configuration-kms-cmk"]],
  ["events:Archive", "archive", ["eventbridge-archive-kms-cmk"]],
  ["kendra:Index", "search-index", ["kendra-index-kms-cmk"]],
  ["kinesisfirehose:DeliveryStream", "firehose", ["firehose-delivery-stream-kms-cmk"]],
  ["lambda:LayerVersionPermission", "layer-share", ["lambda-layer-permission-not-public"]],
  ["lightsail:Database", "blog-db", ["lightsail-database-not-public"]],
  ["location:GeofenceCollection", "geofences", ["location-geofence-collection-kms-cmk"]],
  ["location:Tracker", "tracker", ["location-tracker-kms-cmk"]],
  ["m2:Environment", "mainframe", ["m2-environment-not-public"]],
  ["msk:Cluster", "kafka", ["msk-cluster-encryption-cmk"]],
  ["mwaa:Environment", "airflow", ["mwaa-environment-kms-cmk", "mwaa-environment-not-public"]],
  [
    "opensearchserverless:SecurityPolicy",
    "collection-keys",
    ["opensearch-serverless-encryption-policy-cmk"],
  ],
  [
    "opensearchserverless:SecurityPolicy",
    "collection-network",
    ["opensearch-serverless-network-policy-not-public"],
  ],
  ["qldb:Ledger", "ledger", ["qldb-ledger-kms-cmk", "qldb-ledger-standard-permissions"]],
  ["redshift:Cluster", "warehouse", ["redshift-cluster-kms-cmk"]],
  [
    "redshiftserverless:Namespace",
    "namespace",
    [
      "redshift-serverless-namespace-kms-cmk",
      "redshift-serverless-namespace-managed-admin-password",
    ],
  ],
  ["redshiftserverless:Workgroup", "workgroup", ["redshift-serverless-workgroup-not-public"]],
  [
    "s3:AccessPoint",
    "reports-ap",
    ["s3-access-point-policy-not-public", "s3-access-point-public-access-block"],
  ],
  ["sagemaker:Domain", "studio", ["sagemaker-domain-vpc-only"]],
  ["scheduler:Schedule", "schedule", ["scheduler-schedule-kms-cmk"]],
  ["timestream:Database", "metrics-db", ["timestream-database-kms-cmk"]],
  ["timestream:InfluxDbCluster", "influx-cluster", ["timestream-influxdb-not-public"]],
  ["timestream:InfluxDbInstance", "influx", ["timestream-influxdb-not-public"]],
  ["timestream:ScheduledQuery", "rollup", ["timestream-scheduled-query-kms-cmk"]],
  ["workspaces:Workspace", "desktop", ["workspaces-volume-kms-cmk"]],
];

/** Resources of the program with a mandatory finding and no compliant twin. */
export const NATIVE_ALWAYS_FOUND: readonly (readonly [string, string, string])[] = [
  ["ecr:PublicRepository", "tools", "ecrpublic-repository-not-used"],
];
