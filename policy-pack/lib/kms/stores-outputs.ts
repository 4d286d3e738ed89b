// The table behind the data-store encryption-at-rest rule (../../policies/kms/other-stores.ts),
// continued: what resources write out (exports, deliveries, logs, reports, job outputs), with
// the key they name for it. A writer names the key of what it writes: without one the objects
// get an AWS-managed or S3-managed key (or the destination's default), which the resource cannot
// be checked against. A block the user gives only to use a feature (a log destination, an S3
// action) asks for its key only when given (`when`).
import {
  BEDROCKMODEL_INVOCATION_JOB,
  CFG_DELIVERY_CHANNEL,
  CHIME_MEDIA_INSIGHTS_PIPELINE_CONFIGURATION,
  DATAEXCHANGE_EVENT_ACTION,
  DYNAMODB_TABLE_EXPORT,
  FIREHOSE_DELIVERY_STREAM,
  EMR_CLUSTER,
  EMRSERVERLESS_APPLICATION,
  GUARDDUTY_PUBLISHING_DESTINATION,
  MACIE2_CLASSIFICATION_EXPORT_CONFIGURATION,
  MAILMANAGER_RULE_SET,
  OBSERVABILITYADMIN_CENTRALIZATION_RULE,
  OBSERVABILITYADMIN_S3_TABLE_INTEGRATION,
  RDS_EXPORT_TASK,
  REKOGNITION_STREAM_PROCESSOR,
  S3_BUCKET_METADATA_CONFIGURATION,
  S3_BUCKET_REPLICATION_CONFIG,
  S3_INVENTORY,
  S3CONTROL_STORAGE_LENS_CONFIGURATION,
  SAGEMAKER_ALGORITHM,
  SAGEMAKER_DEVICE_FLEET,
  SAGEMAKER_ENDPOINT_CONFIGURATION,
  SAGEMAKER_FLOW_DEFINITION,
  SAGEMAKER_HYPER_PARAMETER_TUNING_JOB,
  SAGEMAKER_LABELING_JOB,
  SAGEMAKER_MONITORING_SCHEDULE,
  SAGEMAKER_USER_PROFILE,
  SECURITYLAKE_DATA_LAKE,
  SES_RECEIPT_RULE,
  SSM_RESOURCE_DATA_SYNC,
  SYNTHETICS_CANARY,
  TIMESTREAM_TABLE,
} from "../types";
import { keyAt, type StoreEntry, type StoreKey } from "./stores";

/** The key at `<block>.<path>`, required when `<block>` is given. */
function under(block: string, path: string): StoreKey {
  return { path: `${block}.${path}`, when: block };
}

const LENS = "storageLensConfiguration";
const REJECTED = "magneticStoreWriteProperties.magneticStoreRejectedDataLocation";
const VALIDATION = "validationSpecification.validationProfiles";
const MONITORING = "monitoringScheduleConfig.monitoringJobDefinition";
const POST_CALL =
  "elements.amazonTranscribeCallAnalyticsProcessorConfiguration.postCallAnalyticsSettings";
const METADATA = "metadataConfiguration";
const LOGS_DESTINATION = "rule.destination.destinationLogsConfiguration";

/** Firehose destinations that write to S3 (the destination itself, or its backup bucket). */
const FIREHOSE_S3 = [
  "extendedS3Configuration",
  "extendedS3Configuration.s3BackupConfiguration",
  "redshiftConfiguration.s3BackupConfiguration",
  ...[
    "elasticsearch",
    "httpEndpoint",
    "iceberg",
    "opensearch",
    "opensearchserverless",
    "redshift",
    "snowflake",
    "splunk",
  ].map((d) => `${d}Configuration.s3Configuration`),
];

export const OUTPUT_STORES: Readonly<Record<string, StoreEntry>> = {
  [BEDROCKMODEL_INVOCATION_JOB]: keyAt(
    "Bedrock batch inference job",
    "outputDataConfig.s3OutputDataConfig.s3EncryptionKeyId",
  ),
  // Configuration snapshots and history files delivered to S3.
  [CFG_DELIVERY_CHANNEL]: keyAt("Config delivery channel", "s3KmsKeyArn"),
  // Post-call analytics output written to S3, in each element that produces it.
  [CHIME_MEDIA_INSIGHTS_PIPELINE_CONFIGURATION]: {
    noun: "media insights pipeline configuration",
    keys: [under(POST_CALL, "outputEncryptionKmsKeyId")],
  },
  [DATAEXCHANGE_EVENT_ACTION]: {
    noun: "Data Exchange event action",
    keys: [
      { path: "action.exportRevisionToS3.encryption.kmsKeyArn", when: "action.exportRevisionToS3" },
    ],
  },
  [DYNAMODB_TABLE_EXPORT]: keyAt("DynamoDB table export", "s3SseKmsKeyId"),
  // Cluster logs written to logUri (the cluster's data at rest is its security configuration's).
  [EMR_CLUSTER]: {
    noun: "EMR cluster",
    keys: [{ path: "logEncryptionKmsKeyId", when: "logUri" }],
  },
  [EMRSERVERLESS_APPLICATION]: {
    noun: "EMR Serverless application",
    keys: [
      under("monitoringConfiguration.cloudwatchLoggingConfiguration", "encryptionKeyArn"),
      under(
        "monitoringConfiguration.managedPersistenceMonitoringConfiguration",
        "encryptionKeyArn",
      ),
      under("monitoringConfiguration.s3MonitoringConfiguration", "encryptionKeyArn"),
    ],
  },
  [GUARDDUTY_PUBLISHING_DESTINATION]: keyAt("GuardDuty publishing destination", "kmsKeyArn"),
  [MACIE2_CLASSIFICATION_EXPORT_CONFIGURATION]: {
    noun: "Macie classification export",
    keys: [under("s3Destination", "kmsKeyArn")],
  },
  // Emails a rule's writeToS3 action archives in a bucket.
  [MAILMANAGER_RULE_SET]: {
    noun: "Mail Manager rule set",
    keys: [under("rules.actions.writeToS3", "s3SseKmsKeyId")],
  },
  // Logs centralised into the organization's destination account, and their backup copy.
  [OBSERVABILITYADMIN_CENTRALIZATION_RULE]: {
    noun: "log centralization rule",
    keys: [
      { path: `${LOGS_DESTINATION}.logsEncryptionConfiguration.kmsKeyArn`, when: LOGS_DESTINATION },
      under(`${LOGS_DESTINATION}.backupConfiguration`, "kmsKeyArn"),
    ],
  },
  [OBSERVABILITYADMIN_S3_TABLE_INTEGRATION]: keyAt(
    "telemetry S3 table integration",
    "encryption.kmsKeyArn",
  ),
  [RDS_EXPORT_TASK]: keyAt("RDS snapshot export", "kmsKeyId"),
  // Label-detection processors write frames and results to S3; face search writes to Kinesis.
  [REKOGNITION_STREAM_PROCESSOR]: {
    noun: "Rekognition stream processor",
    keys: [{ path: "kmsKeyId", when: "output.s3Destination" }],
  },
  [S3_BUCKET_METADATA_CONFIGURATION]: {
    noun: "S3 metadata configuration",
    keys: [
      { path: `${METADATA}.journalTableConfiguration.encryptionConfiguration.kmsKeyArn` },
      {
        path: `${METADATA}.inventoryTableConfiguration.encryptionConfiguration.kmsKeyArn`,
        when: `${METADATA}.inventoryTableConfiguration.configurationState`,
        whenEquals: "ENABLED",
      },
    ],
  },
  // Replicas of SSE-KMS objects; other replicas take the destination bucket's default.
  [S3_BUCKET_REPLICATION_CONFIG]: {
    noun: "S3 replication configuration",
    keys: [under("rules.destination.encryptionConfiguration", "replicaKmsKeyId")],
  },
  [S3_INVENTORY]: keyAt("S3 inventory", "destination.bucket.encryption.sseKms.keyId"),
  [S3CONTROL_STORAGE_LENS_CONFIGURATION]: {
    noun: "Storage Lens configuration",
    keys: [
      under(`${LENS}.dataExport.s3BucketDestination`, "encryption.sseKms.keyId"),
      under(`${LENS}.dataExport.storageLensTableDestination`, "encryption.sseKms.keyId"),
      under(`${LENS}.expandedPrefixesDataExport.s3BucketDestination`, "encryption.sseKms.keyId"),
      under(
        `${LENS}.expandedPrefixesDataExport.storageLensTableDestination`,
        "encryption.sseKms.keyId",
      ),
    ],
  },
  // The validation jobs SageMaker runs for an algorithm: their outputs and volumes.
  [SAGEMAKER_ALGORITHM]: {
    noun: "SageMaker algorithm",
    keys: [
      under(`${VALIDATION}.trainingJobDefinition`, "outputDataConfig.kmsKeyId"),
      under(`${VALIDATION}.trainingJobDefinition.resourceConfig`, "volumeKmsKeyId"),
      under(`${VALIDATION}.transformJobDefinition`, "transformOutput.kmsKeyId"),
      under(`${VALIDATION}.transformJobDefinition.transformResources`, "volumeKmsKeyId"),
    ],
  },
  [SAGEMAKER_DEVICE_FLEET]: keyAt("SageMaker device fleet", "outputConfig.kmsKeyId"),
  // What an endpoint writes to S3: async inference results and captured requests and responses
  // (CreateEndpointConfig, AsyncInferenceOutputConfig.KmsKeyId and DataCaptureConfig.KmsKeyId);
  // its ML storage volume key is sagemaker-kms-cmk's.
  [SAGEMAKER_ENDPOINT_CONFIGURATION]: {
    noun: "SageMaker endpoint configuration",
    keys: [
      under("asyncInferenceConfig.outputConfig", "kmsKeyId"),
      under("dataCaptureConfig", "kmsKeyId"),
    ],
  },
  // Human review results.
  [SAGEMAKER_FLOW_DEFINITION]: keyAt("SageMaker flow definition", "outputConfig.kmsKeyId"),
  [SAGEMAKER_HYPER_PARAMETER_TUNING_JOB]: {
    noun: "SageMaker tuning job",
    keys: [
      under("trainingJobDefinition", "outputDataConfig.kmsKeyId"),
      under("trainingJobDefinition.resourceConfig", "volumeKmsKeyId"),
      under("trainingJobDefinition.hyperParameterTuningResourceConfig", "volumeKmsKeyId"),
      under("trainingJobDefinitions", "outputDataConfig.kmsKeyId"),
      under("trainingJobDefinitions.resourceConfig", "volumeKmsKeyId"),
      under("trainingJobDefinitions.hyperParameterTuningResourceConfig", "volumeKmsKeyId"),
    ],
  },
  [SAGEMAKER_LABELING_JOB]: {
    noun: "SageMaker labeling job",
    keys: [
      { path: "outputConfig.kmsKeyId" },
      under("labelingJobAlgorithmsConfig.labelingJobResourceConfig", "volumeKmsKeyId"),
    ],
  },
  // A schedule that names a job definition instead leaves the keys to the definition's rule.
  [SAGEMAKER_MONITORING_SCHEDULE]: {
    noun: "SageMaker monitoring schedule",
    keys: [
      under(MONITORING, "monitoringOutputConfig.kmsKeyId"),
      under(`${MONITORING}.monitoringResources.clusterConfig`, "volumeKmsKeyId"),
    ],
  },
  // Notebooks shared to S3, and Canvas's workspace in S3.
  [SAGEMAKER_USER_PROFILE]: {
    noun: "SageMaker user profile",
    keys: [
      under("userSettings.sharingSettings", "s3KmsKeyId"),
      under("userSettings.canvasAppSettings.workspaceSettings", "s3KmsKeyId"),
    ],
  },
  // The lake's objects in each region ("S3_MANAGED_KEY", or no setting: SSE-S3).
  [SECURITYLAKE_DATA_LAKE]: keyAt(
    "Security Lake data lake",
    "configuration.encryptionConfigurations.kmsKeyId",
  ),
  [SES_RECEIPT_RULE]: { noun: "SES receipt rule", keys: [under("s3Actions", "kmsKeyArn")] },
  [SSM_RESOURCE_DATA_SYNC]: keyAt("SSM resource data sync", "s3Destination.kmsKeyArn"),
  // The records the magnetic store rejects, written to the table's S3 location ("SSE_S3", or
  // "SSE_KMS" without a key: the AWS-managed key). The table's own data is the database's key,
  // judged by timestream-database-kms-cmk.
  // The records Firehose delivers to S3 (Firehose developer guide, "Data protection": with
  // KMSEncryptionConfig the objects are encrypted with that key, else the bucket's default).
  [FIREHOSE_DELIVERY_STREAM]: {
    noun: "Firehose stream",
    keys: FIREHOSE_S3.map((block) => under(block, "kmsKeyArn")),
  },
  [TIMESTREAM_TABLE]: {
    noun: "Timestream table",
    keys: [under(`${REJECTED}.s3Configuration`, "kmsKeyId")],
  },
  // The artifacts (screenshots, HAR files, logs) each run uploads, and the environment
  // variables of the canary's function.
  [SYNTHETICS_CANARY]: {
    noun: "Synthetics canary",
    keys: [
      { path: "artifactConfig.s3Encryption.kmsKeyArn" },
      { path: "kmsKeyArn", when: "runConfig.environmentVariables" },
    ],
  },
};
