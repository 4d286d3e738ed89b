// Resource type tokens (`X.__pulumiType` in @pulumi/aws 7), one constant each, grouped by service.
// Rules and tests import them from here instead of spelling the tokens.

// ---- S3 access points ---------------------------------------------------------------------------
export const S3_ACCESS_POINT = "aws:s3/accessPoint:AccessPoint";
export const S3CONTROL_ACCESS_POINT_POLICY = "aws:s3control/accessPointPolicy:AccessPointPolicy";
export const S3CONTROL_MULTI_REGION_ACCESS_POINT =
  "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint";
export const S3CONTROL_MULTI_REGION_ACCESS_POINT_POLICY =
  "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy";
export const S3CONTROL_OBJECT_LAMBDA_ACCESS_POINT_POLICY =
  "aws:s3control/objectLambdaAccessPointPolicy:ObjectLambdaAccessPointPolicy";

// ---- SQS, SNS -------------------------------------------------------------------------------------
export const SQS_QUEUE = "aws:sqs/queue:Queue";
export const SQS_QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";
export const SNS_TOPIC = "aws:sns/topic:Topic";
export const SNS_TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";

// ---- Secrets Manager, EFS, Glacier ---------------------------------------------------------------
export const SECRETSMANAGER_SECRET = "aws:secretsmanager/secret:Secret";
export const SECRETSMANAGER_SECRET_POLICY = "aws:secretsmanager/secretPolicy:SecretPolicy";
export const EFS_FILE_SYSTEM_POLICY = "aws:efs/fileSystemPolicy:FileSystemPolicy";
export const GLACIER_VAULT = "aws:glacier/vault:Vault";
export const GLACIER_VAULT_LOCK = "aws:glacier/vaultLock:VaultLock";

// ---- ECR -----------------------------------------------------------------------------------------
export const ECR_REPOSITORY_POLICY = "aws:ecr/repositoryPolicy:RepositoryPolicy";
export const ECR_REGISTRY_POLICY = "aws:ecr/registryPolicy:RegistryPolicy";
export const ECRPUBLIC_REPOSITORY = "aws:ecrpublic/repository:Repository";
export const ECRPUBLIC_REPOSITORY_POLICY = "aws:ecrpublic/repositoryPolicy:RepositoryPolicy";

// ---- Lambda --------------------------------------------------------------------------------------
export const LAMBDA_PERMISSION = "aws:lambda/permission:Permission";
export const LAMBDA_FUNCTION_URL = "aws:lambda/functionUrl:FunctionUrl";
export const LAMBDA_LAYER_VERSION_PERMISSION =
  "aws:lambda/layerVersionPermission:LayerVersionPermission";

// ---- KMS -----------------------------------------------------------------------------------------
export const KMS_KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";

// ---- Snapshots and images ------------------------------------------------------------------------
export const EC2_AMI_LAUNCH_PERMISSION = "aws:ec2/amiLaunchPermission:AmiLaunchPermission";
export const EC2_SNAPSHOT_CREATE_VOLUME_PERMISSION =
  "aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission";
export const RDS_SNAPSHOT = "aws:rds/snapshot:Snapshot";
export const RDS_CLUSTER_SNAPSHOT = "aws:rds/clusterSnapshot:ClusterSnapshot";

// ---- Databases and clusters ----------------------------------------------------------------------
export const RDS_CLUSTER = "aws:rds/cluster:Cluster";
export const RDS_INSTANCE = "aws:rds/instance:Instance";
export const RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
export const REDSHIFT_CLUSTER = "aws:redshift/cluster:Cluster";
export const EKS_CLUSTER = "aws:eks/cluster:Cluster";

// ---- CloudFront ----------------------------------------------------------------------------------
export const CLOUDFRONT_DISTRIBUTION = "aws:cloudfront/distribution:Distribution";

// ---- IAM -----------------------------------------------------------------------------------------

// IAM Identity Center (SSO admin): permission sets carry identity policies too.
/** `aws.ssoadmin.PermissionSetInlinePolicy`: the permission set's inline policy (`inlinePolicy`). */
export const SSO_PERMISSION_SET_INLINE_POLICY =
  "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy";
/** `aws.ssoadmin.ManagedPolicyAttachment`: an AWS-managed policy on a permission set (`managedPolicyArn`). */
export const SSO_MANAGED_POLICY_ATTACHMENT =
  "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment";

// IAM groups (membership).
export const IAM_GROUP = "aws:iam/group:Group";
export const IAM_GROUP_MEMBERSHIP = "aws:iam/groupMembership:GroupMembership";
export const IAM_USER_GROUP_MEMBERSHIP = "aws:iam/userGroupMembership:UserGroupMembership";

// awsx v3 components. They are served by the awsx provider plugin (multi-language components):
// the engine, and so every policy, sees only their registration with its inputs, never the
// resources they create (pulumi/pulumi#12553).
export const AWSX_VPC = "awsx:ec2:Vpc";
export const AWSX_DEFAULT_VPC = "awsx:ec2:DefaultVpc";
export const AWSX_FARGATE_SERVICE = "awsx:ecs:FargateService";
export const AWSX_EC2_SERVICE = "awsx:ecs:EC2Service";
export const AWSX_FARGATE_TASK_DEFINITION = "awsx:ecs:FargateTaskDefinition";
export const AWSX_EC2_TASK_DEFINITION = "awsx:ecs:EC2TaskDefinition";
export const AWSX_APPLICATION_LOAD_BALANCER = "awsx:lb:ApplicationLoadBalancer";
export const AWSX_NETWORK_LOAD_BALANCER = "awsx:lb:NetworkLoadBalancer";
export const AWSX_TARGET_GROUP_ATTACHMENT = "awsx:lb:TargetGroupAttachment";
export const AWSX_ECR_REPOSITORY = "awsx:ecr:Repository";
export const AWSX_ECR_IMAGE = "awsx:ecr:Image";
export const AWSX_TRAIL = "awsx:cloudtrail:Trail";

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
export const RDS_GLOBAL_CLUSTER = "aws:rds/globalCluster:GlobalCluster";

// Redshift (provisioned)

// SageMaker
export const SAGEMAKER_DOMAIN = "aws:sagemaker/domain:Domain";
export const SAGEMAKER_ENDPOINT_CONFIGURATION =
  "aws:sagemaker/endpointConfiguration:EndpointConfiguration";
export const SAGEMAKER_NOTEBOOK_INSTANCE = "aws:sagemaker/notebookInstance:NotebookInstance";

// Secrets Manager

// SNS

// SQS

// Systems Manager
export const SSM_PARAMETER = "aws:ssm/parameter:Parameter";

// Timestream
export const TIMESTREAM_DATABASE = "aws:timestreamwrite/database:Database";
