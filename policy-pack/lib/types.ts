// Resource type tokens (`X.__pulumiType` in @pulumi/aws 7 and awsx 3), one constant each, grouped
// by service (a blank line between services, each named by its constants' prefix). Every rule and
// every policy test takes its tokens from here instead of spelling them.

export const MQ_BROKER = "aws:mq/broker:Broker";

export const APIGATEWAY_DOMAIN_NAME = "aws:apigateway/domainName:DomainName";
export const APIGATEWAY_METHOD = "aws:apigateway/method:Method";
export const APIGATEWAY_METHOD_SETTINGS = "aws:apigateway/methodSettings:MethodSettings";
export const APIGATEWAY_REST_API = "aws:apigateway/restApi:RestApi";
export const APIGATEWAY_REST_API_POLICY = "aws:apigateway/restApiPolicy:RestApiPolicy";
export const APIGATEWAY_STAGE = "aws:apigateway/stage:Stage";
export const APIGATEWAYV2_API = "aws:apigatewayv2/api:Api";
export const APIGATEWAYV2_ROUTE = "aws:apigatewayv2/route:Route";
export const APIGATEWAYV2_STAGE = "aws:apigatewayv2/stage:Stage";

export const APPFLOW_CONNECTOR_PROFILE = "aws:appflow/connectorProfile:ConnectorProfile";
export const APPFLOW_FLOW = "aws:appflow/flow:Flow";

export const ATHENA_DATABASE = "aws:athena/database:Database";
export const ATHENA_WORKGROUP = "aws:athena/workgroup:Workgroup";

export const AUTOSCALING_GROUP = "aws:autoscaling/group:Group";

export const BACKUP_PLAN = "aws:backup/plan:Plan";
export const BACKUP_VAULT = "aws:backup/vault:Vault";
export const BACKUP_VAULT_POLICY = "aws:backup/vaultPolicy:VaultPolicy";

export const BATCH_COMPUTE_ENVIRONMENT = "aws:batch/computeEnvironment:ComputeEnvironment";
export const BATCH_JOB_DEFINITION = "aws:batch/jobDefinition:JobDefinition";

export const CLOUDFRONT_DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
export const CLOUDFRONT_RESPONSE_HEADERS_POLICY =
  "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy";

export const CLOUDTRAIL_EVENT_DATA_STORE = "aws:cloudtrail/eventDataStore:EventDataStore";
export const CLOUDTRAIL_TRAIL = "aws:cloudtrail/trail:Trail";

export const CONFIG_AGGREGATOR = "aws:cfg/configurationAggregator:ConfigurationAggregator";
export const CONFIG_RECORDER = "aws:cfg/recorder:Recorder";
export const CONFIG_RECORDER_STATUS = "aws:cfg/recorderStatus:RecorderStatus";

export const CLOUDWATCH_LOG_DELIVERY = "aws:cloudwatch/logDelivery:LogDelivery";
export const CLOUDWATCH_EVENT_ARCHIVE = "aws:cloudwatch/eventArchive:EventArchive";
export const CLOUDWATCH_EVENT_BUS = "aws:cloudwatch/eventBus:EventBus";
export const CLOUDWATCH_EVENT_BUS_POLICY = "aws:cloudwatch/eventBusPolicy:EventBusPolicy";
export const CLOUDWATCH_EVENT_PERMISSION = "aws:cloudwatch/eventPermission:EventPermission";
export const CLOUDWATCH_LOG_DESTINATION_POLICY =
  "aws:cloudwatch/logDestinationPolicy:LogDestinationPolicy";
export const CLOUDWATCH_LOG_DELIVERY_SOURCE = "aws:cloudwatch/logDeliverySource:LogDeliverySource";
export const CLOUDWATCH_LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
export const CLOUDWATCH_LOG_RESOURCE_POLICY = "aws:cloudwatch/logResourcePolicy:LogResourcePolicy";

export const CODEARTIFACT_DOMAIN = "aws:codeartifact/domain:Domain";
export const CODEARTIFACT_DOMAIN_PERMISSIONS =
  "aws:codeartifact/domainPermissions:DomainPermissions";
export const CODEARTIFACT_REPOSITORY_PERMISSIONS_POLICY =
  "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy";

export const CODEBUILD_PROJECT = "aws:codebuild/project:Project";
export const CODEBUILD_REPORT_GROUP = "aws:codebuild/reportGroup:ReportGroup";
export const CODEBUILD_SOURCE_CREDENTIAL = "aws:codebuild/sourceCredential:SourceCredential";

export const CODECOMMIT_APPROVAL_RULE_TEMPLATE =
  "aws:codecommit/approvalRuleTemplate:ApprovalRuleTemplate";
export const CODECOMMIT_APPROVAL_RULE_TEMPLATE_ASSOCIATION =
  "aws:codecommit/approvalRuleTemplateAssociation:ApprovalRuleTemplateAssociation";
export const CODECOMMIT_REPOSITORY = "aws:codecommit/repository:Repository";

export const CODEPIPELINE_PIPELINE = "aws:codepipeline/pipeline:Pipeline";

export const COMPREHEND_DOCUMENT_CLASSIFIER =
  "aws:comprehend/documentClassifier:DocumentClassifier";
export const COMPREHEND_ENTITY_RECOGNIZER = "aws:comprehend/entityRecognizer:EntityRecognizer";

export const DMS_REPLICATION_INSTANCE = "aws:dms/replicationInstance:ReplicationInstance";
export const DMS_ENDPOINT = "aws:dms/endpoint:Endpoint";
export const DMS_S3_ENDPOINT = "aws:dms/s3Endpoint:S3Endpoint";
export const DMS_INSTANCE_PROFILE = "aws:dms/instanceProfile:InstanceProfile";

export const CONNECT_INSTANCE_STORAGE_CONFIG =
  "aws:connect/instanceStorageConfig:InstanceStorageConfig";

export const DAX_CLUSTER = "aws:dax/cluster:Cluster";

export const DOCDB_CLUSTER = "aws:docdb/cluster:Cluster";
export const DOCDB_CLUSTER_INSTANCE = "aws:docdb/clusterInstance:ClusterInstance";
export const DOCDB_CLUSTER_PARAMETER_GROUP =
  "aws:docdb/clusterParameterGroup:ClusterParameterGroup";
export const DOCDB_ELASTIC_CLUSTER = "aws:docdb/elasticCluster:ElasticCluster";
export const DOCDB_GLOBAL_CLUSTER = "aws:docdb/globalCluster:GlobalCluster";

export const DYNAMODB_RESOURCE_POLICY = "aws:dynamodb/resourcePolicy:ResourcePolicy";
export const DYNAMODB_TABLE = "aws:dynamodb/table:Table";
export const DYNAMODB_TABLE_REPLICA = "aws:dynamodb/tableReplica:TableReplica";

export const EBS_DEFAULT_KMS_KEY = "aws:ebs/defaultKmsKey:DefaultKmsKey";
export const EBS_ENCRYPTION_BY_DEFAULT = "aws:ebs/encryptionByDefault:EncryptionByDefault";
export const EBS_SNAPSHOT_BLOCK_PUBLIC_ACCESS =
  "aws:ebs/snapshotBlockPublicAccess:SnapshotBlockPublicAccess";
export const EBS_SNAPSHOT_COPY = "aws:ebs/snapshotCopy:SnapshotCopy";
export const EBS_VOLUME = "aws:ebs/volume:Volume";

export const DLM_LIFECYCLE_POLICY = "aws:dlm/lifecyclePolicy:LifecyclePolicy";

export const ECR_LIFECYCLE_POLICY = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
export const ECR_REGISTRY_POLICY = "aws:ecr/registryPolicy:RegistryPolicy";
export const ECR_REGISTRY_SCANNING_CONFIGURATION =
  "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration";
export const ECR_REPOSITORY = "aws:ecr/repository:Repository";
export const ECR_REPOSITORY_POLICY = "aws:ecr/repositoryPolicy:RepositoryPolicy";
export const ECRPUBLIC_REPOSITORY = "aws:ecrpublic/repository:Repository";
export const ECRPUBLIC_REPOSITORY_POLICY = "aws:ecrpublic/repositoryPolicy:RepositoryPolicy";

export const ECS_CLUSTER = "aws:ecs/cluster:Cluster";
export const ECS_SERVICE = "aws:ecs/service:Service";
export const ECS_TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
export const ECS_TASK_SET = "aws:ecs/taskSet:TaskSet";

export const EFS_ACCESS_POINT = "aws:efs/accessPoint:AccessPoint";
export const EFS_FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";
export const EFS_FILE_SYSTEM_POLICY = "aws:efs/fileSystemPolicy:FileSystemPolicy";

export const EKS_CLUSTER = "aws:eks/cluster:Cluster";
export const EKS_FARGATE_PROFILE = "aws:eks/fargateProfile:FargateProfile";
export const EKS_NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";

export const ELASTICBEANSTALK_ENVIRONMENT = "aws:elasticbeanstalk/environment:Environment";

export const ELASTICACHE_CLUSTER = "aws:elasticache/cluster:Cluster";
export const ELASTICACHE_REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
export const ELASTICACHE_SERVERLESS_CACHE = "aws:elasticache/serverlessCache:ServerlessCache";

export const EMR_SECURITY_CONFIGURATION = "aws:emr/securityConfiguration:SecurityConfiguration";

export const FSX_LUSTRE_FILE_SYSTEM = "aws:fsx/lustreFileSystem:LustreFileSystem";
export const FSX_ONTAP_FILE_SYSTEM = "aws:fsx/ontapFileSystem:OntapFileSystem";
export const FSX_OPENZFS_FILE_SYSTEM = "aws:fsx/openZfsFileSystem:OpenZfsFileSystem";
export const FSX_WINDOWS_FILE_SYSTEM = "aws:fsx/windowsFileSystem:WindowsFileSystem";

export const GLUE_CRAWLER = "aws:glue/crawler:Crawler";
export const GLUE_DEV_ENDPOINT = "aws:glue/devEndpoint:DevEndpoint";
export const GLUE_JOB = "aws:glue/job:Job";
export const GLUE_DATA_CATALOG_ENCRYPTION_SETTINGS =
  "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings";
export const GLUE_SECURITY_CONFIGURATION = "aws:glue/securityConfiguration:SecurityConfiguration";
export const GLUE_RESOURCE_POLICY = "aws:glue/resourcePolicy:ResourcePolicy";

export const IAM_ACCESS_KEY = "aws:iam/accessKey:AccessKey";
export const IAM_GROUP = "aws:iam/group:Group";
export const IAM_GROUP_MEMBERSHIP = "aws:iam/groupMembership:GroupMembership";
export const IAM_GROUP_POLICIES_EXCLUSIVE = "aws:iam/groupPoliciesExclusive:GroupPoliciesExclusive";
export const IAM_GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
export const IAM_GROUP_POLICY_ATTACHMENT = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment";
export const IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE =
  "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive";
export const IAM_INSTANCE_PROFILE = "aws:iam/instanceProfile:InstanceProfile";
export const IAM_POLICY = "aws:iam/policy:Policy";
export const IAM_POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";
export const IAM_ROLE = "aws:iam/role:Role";
export const IAM_ROLE_POLICIES_EXCLUSIVE = "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive";
export const IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
export const IAM_ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
export const IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE =
  "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive";
export const IAM_USER = "aws:iam/user:User";
export const IAM_USER_GROUP_MEMBERSHIP = "aws:iam/userGroupMembership:UserGroupMembership";
export const IAM_USER_POLICIES_EXCLUSIVE = "aws:iam/userPoliciesExclusive:UserPoliciesExclusive";
export const IAM_USER_POLICY = "aws:iam/userPolicy:UserPolicy";
export const IAM_USER_POLICY_ATTACHMENT = "aws:iam/userPolicyAttachment:UserPolicyAttachment";
export const IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE =
  "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive";
/** `aws.ssoadmin.ManagedPolicyAttachment`: an AWS-managed policy on a permission set (`managedPolicyArn`). */
export const SSO_MANAGED_POLICY_ATTACHMENT =
  "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment";
/** `aws.ssoadmin.PermissionSetInlinePolicy`: the permission set's inline policy (`inlinePolicy`). */
export const SSO_PERMISSION_SET_INLINE_POLICY =
  "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy";

export const IMAGEBUILDER_COMPONENT = "aws:imagebuilder/component:Component";
export const IMAGEBUILDER_CONTAINER_RECIPE = "aws:imagebuilder/containerRecipe:ContainerRecipe";
export const IMAGEBUILDER_DISTRIBUTION_CONFIGURATION =
  "aws:imagebuilder/distributionConfiguration:DistributionConfiguration";
export const IMAGEBUILDER_IMAGE_RECIPE = "aws:imagebuilder/imageRecipe:ImageRecipe";
export const IMAGEBUILDER_WORKFLOW = "aws:imagebuilder/workflow:Workflow";

export const KENDRA_INDEX = "aws:kendra/index:Index";

export const KEYSPACES_TABLE = "aws:keyspaces/table:Table";

export const FIREHOSE_DELIVERY_STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
export const KINESIS_RESOURCE_POLICY = "aws:kinesis/resourcePolicy:ResourcePolicy";
export const KINESIS_STREAM = "aws:kinesis/stream:Stream";
export const KINESIS_VIDEO_STREAM = "aws:kinesis/videoStream:VideoStream";

export const KMS_ALIAS = "aws:kms/alias:Alias";
export const KMS_EXTERNAL_KEY = "aws:kms/externalKey:ExternalKey";
export const KMS_KEY = "aws:kms/key:Key";
export const KMS_KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
export const KMS_REPLICA_EXTERNAL_KEY = "aws:kms/replicaExternalKey:ReplicaExternalKey";
export const KMS_REPLICA_KEY = "aws:kms/replicaKey:ReplicaKey";

export const LAMBDA_FUNCTION = "aws:lambda/function:Function";
export const LAMBDA_FUNCTION_EVENT_INVOKE_CONFIG =
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig";
export const LAMBDA_FUNCTION_URL = "aws:lambda/functionUrl:FunctionUrl";
export const LAMBDA_LAYER_VERSION_PERMISSION =
  "aws:lambda/layerVersionPermission:LayerVersionPermission";
export const LAMBDA_PERMISSION = "aws:lambda/permission:Permission";

export const ALB_LISTENER = "aws:alb/listener:Listener";
export const ALB_LISTENER_RULE = "aws:alb/listenerRule:ListenerRule";
export const ALB_LOAD_BALANCER = "aws:alb/loadBalancer:LoadBalancer";
export const ELB_LOAD_BALANCER = "aws:elb/loadBalancer:LoadBalancer";
export const LB_LISTENER = "aws:lb/listener:Listener";
export const LB_LISTENER_RULE = "aws:lb/listenerRule:ListenerRule";
export const LB_LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
export const LIGHTSAIL_DATABASE = "aws:lightsail/database:Database";

export const MEMORYDB_CLUSTER = "aws:memorydb/cluster:Cluster";
export const MEMORYDB_SNAPSHOT = "aws:memorydb/snapshot:Snapshot";

export const MSK_CLUSTER = "aws:msk/cluster:Cluster";
export const MSK_CLUSTER_POLICY = "aws:msk/clusterPolicy:ClusterPolicy";

export const NEPTUNE_CLUSTER = "aws:neptune/cluster:Cluster";
export const NEPTUNE_CLUSTER_INSTANCE = "aws:neptune/clusterInstance:ClusterInstance";

export const ELASTICSEARCH_DOMAIN = "aws:elasticsearch/domain:Domain";
export const ELASTICSEARCH_DOMAIN_POLICY = "aws:elasticsearch/domainPolicy:DomainPolicy";
export const OPENSEARCH_DOMAIN = "aws:opensearch/domain:Domain";
export const OPENSEARCH_DOMAIN_POLICY = "aws:opensearch/domainPolicy:DomainPolicy";
export const OPENSEARCH_SERVERLESS_SECURITY_POLICY =
  "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy";

export const QLDB_LEDGER = "aws:qldb/ledger:Ledger";

export const RDS_CLUSTER = "aws:rds/cluster:Cluster";
export const RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
export const RDS_CLUSTER_SNAPSHOT = "aws:rds/clusterSnapshot:ClusterSnapshot";
export const RDS_GLOBAL_CLUSTER = "aws:rds/globalCluster:GlobalCluster";
export const RDS_INSTANCE = "aws:rds/instance:Instance";
export const RDS_SHARD_GROUP = "aws:rds/shardGroup:ShardGroup";
export const RDS_INSTANCE_AUTOMATED_BACKUPS_REPLICATION =
  "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication";
export const RDS_SNAPSHOT = "aws:rds/snapshot:Snapshot";
export const RDS_SNAPSHOT_COPY = "aws:rds/snapshotCopy:SnapshotCopy";

export const REDSHIFT_CLUSTER = "aws:redshift/cluster:Cluster";
export const REDSHIFT_RESOURCE_POLICY = "aws:redshift/resourcePolicy:ResourcePolicy";
export const REDSHIFT_SNAPSHOT_COPY_GRANT = "aws:redshift/snapshotCopyGrant:SnapshotCopyGrant";
export const REDSHIFTSERVERLESS_NAMESPACE = "aws:redshiftserverless/namespace:Namespace";
export const REDSHIFTSERVERLESS_USAGE_LIMIT = "aws:redshiftserverless/usageLimit:UsageLimit";
export const REDSHIFTSERVERLESS_WORKGROUP = "aws:redshiftserverless/workgroup:Workgroup";

export const S3_ACCESS_POINT = "aws:s3/accessPoint:AccessPoint";
export const S3_ACCOUNT_PUBLIC_ACCESS_BLOCK =
  "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
export const S3_BUCKET = "aws:s3/bucket:Bucket";
export const S3_BUCKET_ACL = "aws:s3/bucketAcl:BucketAcl";
export const S3_BUCKET_ACL_V2 = "aws:s3/bucketAclV2:BucketAclV2";
export const S3_BUCKET_LIFECYCLE_CONFIGURATION =
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
export const S3_BUCKET_LIFECYCLE_CONFIGURATION_V2 =
  "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
export const S3_BUCKET_LOGGING = "aws:s3/bucketLogging:BucketLogging";
export const S3_BUCKET_LOGGING_V2 = "aws:s3/bucketLoggingV2:BucketLoggingV2";
export const S3_BUCKET_OBJECT = "aws:s3/bucketObject:BucketObject";
export const S3_BUCKET_OBJECTV2 = "aws:s3/bucketObjectv2:BucketObjectv2";
export const S3_BUCKET_OWNERSHIP_CONTROLS =
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
export const S3_BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
export const S3_BUCKET_PUBLIC_ACCESS_BLOCK =
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
export const S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION =
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
export const S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION_V2 =
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
export const S3_BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
export const S3_BUCKET_VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
export const S3_BUCKET_VERSIONING_V2 = "aws:s3/bucketVersioningV2:BucketVersioningV2";
export const S3_DIRECTORY_BUCKET = "aws:s3/directoryBucket:DirectoryBucket";
export const S3_OBJECT_COPY = "aws:s3/objectCopy:ObjectCopy";

export const S3TABLES_TABLE_BUCKET_POLICY = "aws:s3tables/tableBucketPolicy:TableBucketPolicy";
export const S3TABLES_TABLE_POLICY = "aws:s3tables/tablePolicy:TablePolicy";
export const S3CONTROL_ACCESS_POINT_POLICY = "aws:s3control/accessPointPolicy:AccessPointPolicy";
export const S3CONTROL_BUCKET_POLICY = "aws:s3control/bucketPolicy:BucketPolicy";
export const S3CONTROL_MULTI_REGION_ACCESS_POINT =
  "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint";
export const S3CONTROL_MULTI_REGION_ACCESS_POINT_POLICY =
  "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy";
export const S3CONTROL_OBJECT_LAMBDA_ACCESS_POINT_POLICY =
  "aws:s3control/objectLambdaAccessPointPolicy:ObjectLambdaAccessPointPolicy";

export const GLACIER_VAULT = "aws:glacier/vault:Vault";
export const GLACIER_VAULT_LOCK = "aws:glacier/vaultLock:VaultLock";

export const SAGEMAKER_DATA_QUALITY_JOB_DEFINITION =
  "aws:sagemaker/dataQualityJobDefinition:DataQualityJobDefinition";
export const SAGEMAKER_DOMAIN = "aws:sagemaker/domain:Domain";
export const SAGEMAKER_ENDPOINT_CONFIGURATION =
  "aws:sagemaker/endpointConfiguration:EndpointConfiguration";
export const SAGEMAKER_NOTEBOOK_INSTANCE = "aws:sagemaker/notebookInstance:NotebookInstance";

export const LOCATION_GEOFENCE_COLLECTION = "aws:location/geofenceCollection:GeofenceCollection";
export const LOCATION_TRACKER = "aws:location/tracker:Tracker";

export const MWAA_ENVIRONMENT = "aws:mwaa/environment:Environment";

export const SCHEDULER_SCHEDULE = "aws:scheduler/schedule:Schedule";

export const SECRETSMANAGER_SECRET = "aws:secretsmanager/secret:Secret";
export const SECRETSMANAGER_SECRET_POLICY = "aws:secretsmanager/secretPolicy:SecretPolicy";
export const SECRETSMANAGER_SECRET_ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";

export const SNS_TOPIC = "aws:sns/topic:Topic";
export const SNS_TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
export const SNS_TOPIC_SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";

export const SQS_QUEUE = "aws:sqs/queue:Queue";
export const SQS_QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";

export const SFN_STATE_MACHINE = "aws:sfn/stateMachine:StateMachine";

export const SSM_DOCUMENT = "aws:ssm/document:Document";
export const SSM_PARAMETER = "aws:ssm/parameter:Parameter";

export const TIMESTREAM_DATABASE = "aws:timestreamwrite/database:Database";
export const TIMESTREAM_INFLUXDB_CLUSTER = "aws:timestreaminfluxdb/dbCluster:DbCluster";
export const TIMESTREAM_INFLUXDB_INSTANCE = "aws:timestreaminfluxdb/dbInstance:DbInstance";

export const WORKSPACES_WORKSPACE = "aws:workspaces/workspace:Workspace";

export const WAFV2_WEB_ACL = "aws:wafv2/webAcl:WebAcl";
export const WAFV2_WEB_ACL_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
export const WAFV2_WEB_ACL_LOGGING_CONFIGURATION =
  "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";
export const WAFV2_WEB_ACL_RULE = "aws:wafv2/webAclRule:WebAclRule";
export const WAFV2_WEB_ACL_RULE_GROUP_ASSOCIATION =
  "aws:wafv2/webAclRuleGroupAssociation:WebAclRuleGroupAssociation";

// awsx v3 components. They are served by the awsx provider plugin (multi-language components):
// the engine, and so every policy, sees only their registration with its inputs, never the
// resources they create (pulumi/pulumi#12553).
export const AWSX_APPLICATION_LOAD_BALANCER = "awsx:lb:ApplicationLoadBalancer";
export const AWSX_DEFAULT_VPC = "awsx:ec2:DefaultVpc";
export const AWSX_EC2_SERVICE = "awsx:ecs:EC2Service";
export const AWSX_EC2_TASK_DEFINITION = "awsx:ecs:EC2TaskDefinition";
export const AWSX_ECR_IMAGE = "awsx:ecr:Image";
export const AWSX_ECR_REPOSITORY = "awsx:ecr:Repository";
export const AWSX_FARGATE_SERVICE = "awsx:ecs:FargateService";
export const AWSX_FARGATE_TASK_DEFINITION = "awsx:ecs:FargateTaskDefinition";
export const AWSX_NETWORK_LOAD_BALANCER = "awsx:lb:NetworkLoadBalancer";
export const AWSX_TARGET_GROUP_ATTACHMENT = "awsx:lb:TargetGroupAttachment";
export const AWSX_TRAIL = "awsx:cloudtrail:Trail";
export const AWSX_VPC = "awsx:ec2:Vpc";
/** awsx classic (the `awsx:x:` namespace) runs in the program: its children are recorded. */
export const AWSX_CLASSIC_VPC = "awsx:x:ec2:Vpc";

export const PULUMI_STACK = "pulumi:pulumi:Stack";

/** Both spellings of a general-purpose bucket in @pulumi/aws 7 (`Bucket` carries an alias to V2). */
export const BUCKET_TYPES: readonly string[] = [S3_BUCKET, S3_BUCKET_V2];

/** Side resources that configure a bucket through their `bucket` input, with their V2 spellings. */
export const S3_SIDE = {
  publicAccessBlock: [S3_BUCKET_PUBLIC_ACCESS_BLOCK],
  encryption: [
    S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
    S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION_V2,
  ],
  versioning: [S3_BUCKET_VERSIONING, S3_BUCKET_VERSIONING_V2],
  logging: [S3_BUCKET_LOGGING, S3_BUCKET_LOGGING_V2],
  acl: [S3_BUCKET_ACL, S3_BUCKET_ACL_V2],
  lifecycle: [S3_BUCKET_LIFECYCLE_CONFIGURATION, S3_BUCKET_LIFECYCLE_CONFIGURATION_V2],
  ownershipControls: [S3_BUCKET_OWNERSHIP_CONTROLS],
  policy: [S3_BUCKET_POLICY],
} as const satisfies Record<string, readonly string[]>;

/** Load balancers, in both module spellings and the classic one. */
export const LOAD_BALANCER_TYPES: readonly string[] = [
  LB_LOAD_BALANCER,
  ALB_LOAD_BALANCER,
  ELB_LOAD_BALANCER,
];

export * from "./types-ec2";
export * from "./types-resource-policies";
export * from "./types-data-stores";
export * from "./types-workloads";
export * from "./types-services";
