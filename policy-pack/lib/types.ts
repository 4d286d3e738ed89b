// Resource type tokens (`X.__pulumiType` in @pulumi/aws 7), one constant per token, grouped by
// service. Rules and their tests import them from here instead of spelling the tokens again.

// API Gateway
export const APIGATEWAY_METHOD = "aws:apigateway/method:Method";
export const APIGATEWAY_METHOD_SETTINGS = "aws:apigateway/methodSettings:MethodSettings";
export const APIGATEWAY_REST_API = "aws:apigateway/restApi:RestApi";
export const APIGATEWAYV2_API = "aws:apigatewayv2/api:Api";
export const APIGATEWAYV2_ROUTE = "aws:apigatewayv2/route:Route";

// AppSync
export const APPSYNC_API_CACHE = "aws:appsync/apiCache:ApiCache";

// Athena
export const ATHENA_DATABASE = "aws:athena/database:Database";
export const ATHENA_WORKGROUP = "aws:athena/workgroup:Workgroup";

// AWS Backup
export const BACKUP_VAULT = "aws:backup/vault:Vault";

// CloudTrail
export const CLOUDTRAIL_EVENT_DATA_STORE = "aws:cloudtrail/eventDataStore:EventDataStore";
export const CLOUDTRAIL_TRAIL = "aws:cloudtrail/trail:Trail";

// CodeArtifact
export const CODEARTIFACT_DOMAIN = "aws:codeartifact/domain:Domain";

// CodeBuild
export const CODEBUILD_REPORT_GROUP = "aws:codebuild/reportGroup:ReportGroup";

// DAX
export const DAX_CLUSTER = "aws:dax/cluster:Cluster";

// Database Migration Service
export const DMS_REPLICATION_INSTANCE = "aws:dms/replicationInstance:ReplicationInstance";

// DocumentDB
export const DOCDB_CLUSTER = "aws:docdb/cluster:Cluster";
export const DOCDB_GLOBAL_CLUSTER = "aws:docdb/globalCluster:GlobalCluster";

// DynamoDB
export const DYNAMODB_TABLE = "aws:dynamodb/table:Table";
export const DYNAMODB_TABLE_REPLICA = "aws:dynamodb/tableReplica:TableReplica";

// EBS and EC2 block storage
export const EBS_DEFAULT_KMS_KEY = "aws:ebs/defaultKmsKey:DefaultKmsKey";
export const EBS_SNAPSHOT_COPY = "aws:ebs/snapshotCopy:SnapshotCopy";
export const EBS_ENCRYPTION_BY_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";
export const EBS_VOLUME = "aws:ebs/volume:Volume";
export const EC2_AMI = "aws:ec2/ami:Ami";
export const EC2_AMI_COPY = "aws:ec2/amiCopy:AmiCopy";
export const EC2_INSTANCE = "aws:ec2/instance:Instance";
export const EC2_LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";
export const EC2_LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

// EFS
export const EFS_FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";

// EKS
export const EKS_CLUSTER = "aws:eks/cluster:Cluster";

// ElastiCache
export const ELASTICACHE_REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
export const ELASTICACHE_SERVERLESS_CACHE = "aws:elasticache/serverlessCache:ServerlessCache";

// OpenSearch and (legacy) Elasticsearch
export const ELASTICSEARCH_DOMAIN = "aws:elasticsearch/domain:Domain";
export const OPENSEARCH_DOMAIN = "aws:opensearch/domain:Domain";

// EMR
export const EMR_SECURITY_CONFIGURATION = "aws:emr/securityConfiguration:SecurityConfiguration";

// FSx
export const FSX_LUSTRE_FILE_SYSTEM = "aws:fsx/lustreFileSystem:LustreFileSystem";
export const FSX_ONTAP_FILE_SYSTEM = "aws:fsx/ontapFileSystem:OntapFileSystem";
export const FSX_OPENZFS_FILE_SYSTEM = "aws:fsx/openZfsFileSystem:OpenZfsFileSystem";
export const FSX_WINDOWS_FILE_SYSTEM = "aws:fsx/windowsFileSystem:WindowsFileSystem";

// Glue
export const GLUE_DATA_CATALOG_ENCRYPTION_SETTINGS =
  "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings";
export const GLUE_SECURITY_CONFIGURATION = "aws:glue/securityConfiguration:SecurityConfiguration";

// IAM
export const IAM_ACCESS_KEY = "aws:iam/accessKey:AccessKey";
export const IAM_USER = "aws:iam/user:User";

// Kendra
export const KENDRA_INDEX = "aws:kendra/index:Index";

// Keyspaces
export const KEYSPACES_TABLE = "aws:keyspaces/table:Table";

// Kinesis and Data Firehose
export const FIREHOSE_DELIVERY_STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
export const KINESIS_STREAM = "aws:kinesis/stream:Stream";
export const KINESIS_VIDEO_STREAM = "aws:kinesis/videoStream:VideoStream";

// KMS
export const KMS_KEY = "aws:kms/key:Key";

// Lambda
export const LAMBDA_FUNCTION = "aws:lambda/function:Function";

// MemoryDB
export const MEMORYDB_CLUSTER = "aws:memorydb/cluster:Cluster";

// Amazon MQ
export const MQ_BROKER = "aws:mq/broker:Broker";

// MSK
export const MSK_CLUSTER = "aws:msk/cluster:Cluster";

// Neptune
export const NEPTUNE_CLUSTER = "aws:neptune/cluster:Cluster";

// QLDB
export const QLDB_LEDGER = "aws:qldb/ledger:Ledger";

// RDS and Aurora
export const RDS_CLUSTER = "aws:rds/cluster:Cluster";
export const RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
export const RDS_GLOBAL_CLUSTER = "aws:rds/globalCluster:GlobalCluster";
export const RDS_INSTANCE = "aws:rds/instance:Instance";

// Redshift (provisioned)
export const REDSHIFT_CLUSTER = "aws:redshift/cluster:Cluster";

// SageMaker
export const SAGEMAKER_DOMAIN = "aws:sagemaker/domain:Domain";
export const SAGEMAKER_ENDPOINT_CONFIGURATION =
  "aws:sagemaker/endpointConfiguration:EndpointConfiguration";
export const SAGEMAKER_NOTEBOOK_INSTANCE = "aws:sagemaker/notebookInstance:NotebookInstance";

// Secrets Manager
export const SECRETSMANAGER_SECRET = "aws:secretsmanager/secret:Secret";

// SNS
export const SNS_TOPIC = "aws:sns/topic:Topic";

// SQS
export const SQS_QUEUE = "aws:sqs/queue:Queue";

// Systems Manager
export const SSM_PARAMETER = "aws:ssm/parameter:Parameter";

// Timestream
export const TIMESTREAM_DATABASE = "aws:timestreamwrite/database:Database";
