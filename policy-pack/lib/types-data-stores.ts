// Resource type tokens of the data stores judged by the table-driven encryption-at-rest rule
// (../policies/kms/other-stores.ts) and of the snapshots ../policies/kms/snapshots.ts judges, apart
// from ./types.ts to keep each file short. Re-exported by
// ./types.ts: import them from there.

export const AMP_WORKSPACE = "aws:amp/workspace:Workspace";
export const APPFABRIC_APP_BUNDLE = "aws:appfabric/appBundle:AppBundle";
export const APPRUNNER_SERVICE = "aws:apprunner/service:Service";
export const AUDITMANAGER_ACCOUNT_REGISTRATION =
  "aws:auditmanager/accountRegistration:AccountRegistration";
export const BACKUP_LOGICALLY_AIR_GAPPED_VAULT =
  "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault";
export const BEDROCK_AGENT = "aws:bedrock/agentAgent:AgentAgent";
export const BEDROCK_AGENT_FLOW = "aws:bedrock/agentFlow:AgentFlow";
export const BEDROCK_AGENT_PROMPT = "aws:bedrock/agentPrompt:AgentPrompt";
export const BEDROCK_AGENTCORE_MEMORY = "aws:bedrock/agentcoreMemory:AgentcoreMemory";
export const BEDROCK_CUSTOM_MODEL = "aws:bedrock/customModel:CustomModel";
export const BEDROCK_GUARDRAIL = "aws:bedrock/guardrail:Guardrail";
export const CUSTOMERPROFILES_DOMAIN = "aws:customerprofiles/domain:Domain";
export const DATAZONE_DOMAIN = "aws:datazone/domain:Domain";
export const DOCDB_CLUSTER_SNAPSHOT = "aws:docdb/clusterSnapshot:ClusterSnapshot";
export const DSQL_CLUSTER = "aws:dsql/cluster:Cluster";
export const EBS_SNAPSHOT = "aws:ebs/snapshot:Snapshot";
export const EFS_REPLICATION_CONFIGURATION =
  "aws:efs/replicationConfiguration:ReplicationConfiguration";
export const EMR_STUDIO = "aws:emr/studio:Studio";
export const FSX_BACKUP = "aws:fsx/backup:Backup";
export const FSX_FILE_CACHE = "aws:fsx/fileCache:FileCache";
export const M2_APPLICATION = "aws:m2/application:Application";
export const M2_ENVIRONMENT = "aws:m2/environment:Environment";
export const MAILMANAGER_ARCHIVE = "aws:mailmanager/archive:Archive";
export const NEPTUNE_CLUSTER_SNAPSHOT = "aws:neptune/clusterSnapshot:ClusterSnapshot";
export const NEPTUNE_GLOBAL_CLUSTER = "aws:neptune/globalCluster:GlobalCluster";
export const NEPTUNEGRAPH_GRAPH = "aws:neptunegraph/graph:Graph";
export const QBUSINESS_APPLICATION = "aws:qbusiness/application:Application";
export const REDSHIFT_CLUSTER_SNAPSHOT = "aws:redshift/clusterSnapshot:ClusterSnapshot";
export const REDSHIFTSERVERLESS_SNAPSHOT = "aws:redshiftserverless/snapshot:Snapshot";
export const S3_FILES_FILE_SYSTEM = "aws:s3/filesFileSystem:FilesFileSystem";
export const S3TABLES_TABLE = "aws:s3tables/table:Table";
export const S3TABLES_TABLE_BUCKET = "aws:s3tables/tableBucket:TableBucket";
export const S3VECTORS_INDEX = "aws:s3/vectorsIndex:VectorsIndex";
export const S3VECTORS_VECTOR_BUCKET = "aws:s3/vectorsVectorBucket:VectorsVectorBucket";
export const SAGEMAKER_FEATURE_GROUP = "aws:sagemaker/featureGroup:FeatureGroup";
export const SAGEMAKER_TRAINING_JOB = "aws:sagemaker/trainingJob:TrainingJob";
export const SFN_ACTIVITY = "aws:sfn/activity:Activity";
export const STORAGEGATEWAY_CACHED_ISCSI_VOLUME =
  "aws:storagegateway/cachesIscsiVolume:CachesIscsiVolume";
export const STORAGEGATEWAY_NFS_FILE_SHARE = "aws:storagegateway/nfsFileShare:NfsFileShare";
export const STORAGEGATEWAY_SMB_FILE_SHARE = "aws:storagegateway/smbFileShare:SmbFileShare";
export const STORAGEGATEWAY_STORED_ISCSI_VOLUME =
  "aws:storagegateway/storedIscsiVolume:StoredIscsiVolume";
export const WORKMAIL_ORGANIZATION = "aws:workmail/organization:Organization";

// Service data stores of ./kms/stores.ts.
export const AGENTREGISTRY_REGISTRY = "aws:agentregistry/registry:Registry";
export const APPCONFIG_CONFIGURATION_PROFILE =
  "aws:appconfig/configurationProfile:ConfigurationProfile";
export const APPCONFIG_DEPLOYMENT = "aws:appconfig/deployment:Deployment";
export const APPINTEGRATIONS_DATA_INTEGRATION =
  "aws:appintegrations/dataIntegration:DataIntegration";
export const BEDROCK_AGENT_DATA_SOURCE = "aws:bedrock/agentDataSource:AgentDataSource";
export const BEDROCK_AGENT_KNOWLEDGE_BASE = "aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase";
export const BEDROCK_AGENTCORE_EVALUATOR = "aws:bedrock/agentcoreEvaluator:AgentcoreEvaluator";
export const BEDROCK_AGENTCORE_GATEWAY = "aws:bedrock/agentcoreGateway:AgentcoreGateway";
export const BEDROCK_AGENTCORE_HARNESS = "aws:bedrock/agentcoreHarness:AgentcoreHarness";
export const BEDROCK_AGENTCORE_POLICY_ENGINE =
  "aws:bedrock/agentcorePolicyEngine:AgentcorePolicyEngine";
export const BEDROCK_AGENTCORE_TOKEN_VAULT_CMK =
  "aws:bedrock/agentcoreTokenVaultCmk:AgentcoreTokenVaultCmk";
export const BEDROCK_EVALUATION_JOB = "aws:bedrock/evaluationJob:EvaluationJob";
export const CHIME_VOICE_PROFILE_DOMAIN =
  "aws:chime/sdkvoiceVoiceProfileDomain:SdkvoiceVoiceProfileDomain";
export const CLOUDWATCH_EVENT_CONNECTION = "aws:cloudwatch/eventConnection:EventConnection";
export const CLOUDWATCH_LOG_ANOMALY_DETECTOR =
  "aws:cloudwatch/logAnomalyDetector:LogAnomalyDetector";
export const DEVOPSGURU_SERVICE_INTEGRATION =
  "aws:devopsguru/serviceIntegration:ServiceIntegration";
export const DMS_INSTANCE_PROFILE = "aws:dms/instanceProfile:InstanceProfile";
export const DMS_REPLICATION_CONFIG = "aws:dms/replicationConfig:ReplicationConfig";
export const DRS_REPLICATION_CONFIGURATION_TEMPLATE =
  "aws:drs/replicationConfigurationTemplate:ReplicationConfigurationTemplate";
export const EBS_SNAPSHOT_IMPORT = "aws:ebs/snapshotImport:SnapshotImport";
export const EMRCONTAINERS_JOB_TEMPLATE = "aws:emrcontainers/jobTemplate:JobTemplate";
export const GLUE_CATALOG = "aws:glue/catalog:Catalog";
export const GLUE_CONNECTION = "aws:glue/connection:Connection";
export const GRAFANA_WORKSPACE = "aws:grafana/workspace:Workspace";
export const KINESISANALYTICSV2_APPLICATION = "aws:kinesisanalyticsv2/application:Application";
export const LAMBDA_CAPACITY_PROVIDER = "aws:lambda/capacityProvider:CapacityProvider";
export const MAILMANAGER_INGRESS_POINT = "aws:mailmanager/ingressPoint:IngressPoint";
export const MSK_CHANNEL = "aws:msk/channel:Channel";
export const NETWORKFIREWALL_FIREWALL = "aws:networkfirewall/firewall:Firewall";
export const NETWORKFIREWALL_FIREWALL_POLICY = "aws:networkfirewall/firewallPolicy:FirewallPolicy";
export const NETWORKFIREWALL_RULE_GROUP = "aws:networkfirewall/ruleGroup:RuleGroup";
export const NETWORKFIREWALL_TLS_INSPECTION_CONFIGURATION =
  "aws:networkfirewall/tlsInspectionConfiguration:TlsInspectionConfiguration";
export const OPENSEARCH_APPLICATION = "aws:opensearch/application:Application";
export const OPENSEARCH_SERVERLESS_COLLECTION =
  "aws:opensearch/serverlessCollection:ServerlessCollection";
export const OPENSEARCHINGEST_PIPELINE = "aws:opensearchingest/pipeline:Pipeline";
export const PIPES_PIPE = "aws:pipes/pipe:Pipe";
export const RDS_CUSTOM_DB_ENGINE_VERSION = "aws:rds/customDbEngineVersion:CustomDbEngineVersion";
export const RDS_INTEGRATION = "aws:rds/integration:Integration";
export const REDSHIFT_INTEGRATION = "aws:redshift/integration:Integration";
export const RESILIENCEHUB_V2_POLICY = "aws:resiliencehub/v2Policy:V2Policy";
export const RESILIENCEHUB_V2_SERVICE = "aws:resiliencehub/v2Service:V2Service";
export const RESILIENCEHUB_V2_SYSTEM = "aws:resiliencehub/v2System:V2System";
export const SAGEMAKER_MODEL_CARD = "aws:sagemaker/modelCard:ModelCard";
export const SECURITYHUB_CONNECTOR_V2 = "aws:securityhub/connectorV2:ConnectorV2";
export const SSMINCIDENTS_REPLICATION_SET = "aws:ssmincidents/replicationSet:ReplicationSet";
export const VERIFIEDACCESS_ENDPOINT = "aws:verifiedaccess/endpoint:Endpoint";
export const VERIFIEDACCESS_GROUP = "aws:verifiedaccess/group:Group";
export const VERIFIEDACCESS_TRUST_PROVIDER = "aws:verifiedaccess/trustProvider:TrustProvider";
export const XRAY_ENCRYPTION_CONFIG = "aws:xray/encryptionConfig:EncryptionConfig";

// Exports, deliveries, logs and job outputs of ./kms/stores-outputs.ts.
export const BEDROCKMODEL_INVOCATION_JOB = "aws:bedrockmodel/invocationJob:InvocationJob";
export const CFG_DELIVERY_CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel";
export const CHIME_MEDIA_INSIGHTS_PIPELINE_CONFIGURATION =
  "aws:chimesdkmediapipelines/mediaInsightsPipelineConfiguration:MediaInsightsPipelineConfiguration";
export const DATAEXCHANGE_EVENT_ACTION = "aws:dataexchange/eventAction:EventAction";
export const DYNAMODB_TABLE_EXPORT = "aws:dynamodb/tableExport:TableExport";
export const EMR_CLUSTER = "aws:emr/cluster:Cluster";
export const EMRSERVERLESS_APPLICATION = "aws:emrserverless/application:Application";
export const GUARDDUTY_PUBLISHING_DESTINATION =
  "aws:guardduty/publishingDestination:PublishingDestination";
export const MACIE2_CLASSIFICATION_EXPORT_CONFIGURATION =
  "aws:macie2/classificationExportConfiguration:ClassificationExportConfiguration";
export const MAILMANAGER_RULE_SET = "aws:mailmanager/ruleSet:RuleSet";
export const OBSERVABILITYADMIN_CENTRALIZATION_RULE =
  "aws:observabilityadmin/centralizationRuleForOrganization:CentralizationRuleForOrganization";
export const OBSERVABILITYADMIN_S3_TABLE_INTEGRATION =
  "aws:observabilityadmin/s3TableIntegration:S3TableIntegration";
export const RDS_CLUSTER_ACTIVITY_STREAM = "aws:rds/clusterActivityStream:ClusterActivityStream";
export const RDS_EXPORT_TASK = "aws:rds/exportTask:ExportTask";
export const REKOGNITION_STREAM_PROCESSOR = "aws:rekognition/streamProcessor:StreamProcessor";
export const S3_BUCKET_METADATA_CONFIGURATION =
  "aws:s3/bucketMetadataConfiguration:BucketMetadataConfiguration";
export const S3_BUCKET_REPLICATION_CONFIG =
  "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
export const S3_INVENTORY = "aws:s3/inventory:Inventory";
export const S3CONTROL_STORAGE_LENS_CONFIGURATION =
  "aws:s3control/storageLensConfiguration:StorageLensConfiguration";
export const SAGEMAKER_ALGORITHM = "aws:sagemaker/algorithm:Algorithm";
export const SAGEMAKER_DEVICE_FLEET = "aws:sagemaker/deviceFleet:DeviceFleet";
export const SAGEMAKER_FLOW_DEFINITION = "aws:sagemaker/flowDefinition:FlowDefinition";
export const SAGEMAKER_HYPER_PARAMETER_TUNING_JOB =
  "aws:sagemaker/hyperParameterTuningJob:HyperParameterTuningJob";
export const SAGEMAKER_LABELING_JOB = "aws:sagemaker/labelingJob:LabelingJob";
export const SAGEMAKER_MONITORING_SCHEDULE = "aws:sagemaker/monitoringSchedule:MonitoringSchedule";
export const SAGEMAKER_USER_PROFILE = "aws:sagemaker/userProfile:UserProfile";
export const SECURITYLAKE_DATA_LAKE = "aws:securitylake/dataLake:DataLake";
export const SES_RECEIPT_RULE = "aws:ses/receiptRule:ReceiptRule";
export const SSM_RESOURCE_DATA_SYNC = "aws:ssm/resourceDataSync:ResourceDataSync";
export const SYNTHETICS_CANARY = "aws:synthetics/canary:Canary";
export const TIMESTREAM_TABLE = "aws:timestreamwrite/table:Table";
export const TIMESTREAM_SCHEDULED_QUERY = "aws:timestreamquery/scheduledQuery:ScheduledQuery";
