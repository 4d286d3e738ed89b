// Resource type tokens of the data stores judged by the table-driven encryption-at-rest rule
// (../policies/kms/other-stores.ts), apart from ./types.ts to keep each file short. Re-exported by
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
export const DSQL_CLUSTER = "aws:dsql/cluster:Cluster";
export const EFS_REPLICATION_CONFIGURATION =
  "aws:efs/replicationConfiguration:ReplicationConfiguration";
export const EMR_STUDIO = "aws:emr/studio:Studio";
export const FSX_FILE_CACHE = "aws:fsx/fileCache:FileCache";
export const M2_APPLICATION = "aws:m2/application:Application";
export const M2_ENVIRONMENT = "aws:m2/environment:Environment";
export const MAILMANAGER_ARCHIVE = "aws:mailmanager/archive:Archive";
export const NEPTUNEGRAPH_GRAPH = "aws:neptunegraph/graph:Graph";
export const QBUSINESS_APPLICATION = "aws:qbusiness/application:Application";
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
