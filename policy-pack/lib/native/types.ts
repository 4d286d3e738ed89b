// Resource type tokens of @pulumi/aws-native (the AWS Cloud Control provider): `aws-native:<module>:<Type>`,
// one constant each, for the types whose classic @pulumi/aws twin a rule of the pack judges. Their
// property names are CloudFormation's, camelCased, as the provider's schema and SDK give them
// (pulumi/pulumi-aws-native, sdk/nodejs/<module>/<type>.ts; Pulumi Registry,
// https://www.pulumi.com/registry/packages/aws-native/api-docs/). ./twins.ts maps each to its twin.

export const NATIVE_IAM_ROLE = "aws-native:iam:Role";
/** AWS::IAM::Policy: an inline policy for roles, users and groups (deprecated in the provider). */
export const NATIVE_IAM_POLICY = "aws-native:iam:Policy";
export const NATIVE_IAM_MANAGED_POLICY = "aws-native:iam:ManagedPolicy";
export const NATIVE_IAM_ROLE_POLICY = "aws-native:iam:RolePolicy";
export const NATIVE_IAM_USER_POLICY = "aws-native:iam:UserPolicy";
export const NATIVE_IAM_GROUP_POLICY = "aws-native:iam:GroupPolicy";
export const NATIVE_IAM_USER = "aws-native:iam:User";
export const NATIVE_IAM_GROUP = "aws-native:iam:Group";
/** AWS::IAM::AccessKey: UserName, Status, Serial; shipped by 0.67.0, not by 1.x. */
export const NATIVE_IAM_ACCESS_KEY = "aws-native:iam:AccessKey";

export const NATIVE_S3_BUCKET = "aws-native:s3:Bucket";
export const NATIVE_S3_BUCKET_POLICY = "aws-native:s3:BucketPolicy";

export const NATIVE_SQS_QUEUE = "aws-native:sqs:Queue";
export const NATIVE_SQS_QUEUE_POLICY = "aws-native:sqs:QueuePolicy";
export const NATIVE_SQS_QUEUE_INLINE_POLICY = "aws-native:sqs:QueueInlinePolicy";
export const NATIVE_SNS_TOPIC = "aws-native:sns:Topic";
/** Deprecated in the provider (not supported by Cloud Control): TopicInlinePolicy replaces it. */
export const NATIVE_SNS_TOPIC_POLICY = "aws-native:sns:TopicPolicy";
export const NATIVE_SNS_TOPIC_INLINE_POLICY = "aws-native:sns:TopicInlinePolicy";

export const NATIVE_KMS_KEY = "aws-native:kms:Key";

export const NATIVE_LAMBDA_PERMISSION = "aws-native:lambda:Permission";
export const NATIVE_LAMBDA_URL = "aws-native:lambda:Url";
export const NATIVE_LAMBDA_FUNCTION = "aws-native:lambda:Function";
export const NATIVE_LAMBDA_EVENT_INVOKE_CONFIG = "aws-native:lambda:EventInvokeConfig";

export const NATIVE_ECR_REPOSITORY = "aws-native:ecr:Repository";
export const NATIVE_ECR_REGISTRY_POLICY = "aws-native:ecr:RegistryPolicy";
export const NATIVE_ECR_REGISTRY_SCANNING_CONFIGURATION =
  "aws-native:ecr:RegistryScanningConfiguration";
export const NATIVE_LOGS_RESOURCE_POLICY = "aws-native:logs:ResourcePolicy";
export const NATIVE_KINESIS_RESOURCE_POLICY = "aws-native:kinesis:ResourcePolicy";
export const NATIVE_BACKUP_VAULT = "aws-native:backup:BackupVault";
export const NATIVE_EVENTS_EVENT_BUS = "aws-native:events:EventBus";
export const NATIVE_EVENTS_EVENT_BUS_POLICY = "aws-native:events:EventBusPolicy";
export const NATIVE_OPENSEARCH_DOMAIN = "aws-native:opensearchservice:Domain";

export const NATIVE_SECRETSMANAGER_SECRET = "aws-native:secretsmanager:Secret";
export const NATIVE_SECRETSMANAGER_RESOURCE_POLICY = "aws-native:secretsmanager:ResourcePolicy";

export const NATIVE_EC2_VPC = "aws-native:ec2:Vpc";
export const NATIVE_EC2_SUBNET = "aws-native:ec2:Subnet";
export const NATIVE_EC2_ROUTE_TABLE = "aws-native:ec2:RouteTable";
export const NATIVE_EC2_ROUTE = "aws-native:ec2:Route";
export const NATIVE_EC2_SUBNET_ROUTE_TABLE_ASSOCIATION =
  "aws-native:ec2:SubnetRouteTableAssociation";
export const NATIVE_EC2_INTERNET_GATEWAY = "aws-native:ec2:InternetGateway";
export const NATIVE_EC2_NAT_GATEWAY = "aws-native:ec2:NatGateway";
export const NATIVE_EC2_EGRESS_ONLY_INTERNET_GATEWAY = "aws-native:ec2:EgressOnlyInternetGateway";
export const NATIVE_EC2_VOLUME = "aws-native:ec2:Volume";
export const NATIVE_EC2_PREFIX_LIST = "aws-native:ec2:PrefixList";
export const NATIVE_EC2_SECURITY_GROUP = "aws-native:ec2:SecurityGroup";
export const NATIVE_EC2_SECURITY_GROUP_INGRESS = "aws-native:ec2:SecurityGroupIngress";
export const NATIVE_EC2_SECURITY_GROUP_EGRESS = "aws-native:ec2:SecurityGroupEgress";
export const NATIVE_ELBV2_LOAD_BALANCER = "aws-native:elasticloadbalancingv2:LoadBalancer";
export const NATIVE_ELBV2_LISTENER = "aws-native:elasticloadbalancingv2:Listener";
export const NATIVE_ELBV2_LISTENER_RULE = "aws-native:elasticloadbalancingv2:ListenerRule";
export const NATIVE_EC2_INSTANCE = "aws-native:ec2:Instance";
export const NATIVE_EC2_LAUNCH_TEMPLATE = "aws-native:ec2:LaunchTemplate";
export const NATIVE_ECS_SERVICE = "aws-native:ecs:Service";
export const NATIVE_ECS_TASK_DEFINITION = "aws-native:ecs:TaskDefinition";
export const NATIVE_ECS_CLUSTER = "aws-native:ecs:Cluster";
export const NATIVE_CODEBUILD_PROJECT = "aws-native:codebuild:Project";
export const NATIVE_CODEPIPELINE_PIPELINE = "aws-native:codepipeline:Pipeline";
export const NATIVE_CLOUDFRONT_DISTRIBUTION = "aws-native:cloudfront:Distribution";
export const NATIVE_REDSHIFT_CLUSTER = "aws-native:redshift:Cluster";
export const NATIVE_AMAZONMQ_BROKER = "aws-native:amazonmq:Broker";
export const NATIVE_DMS_REPLICATION_INSTANCE = "aws-native:dms:ReplicationInstance";
export const NATIVE_MSK_CLUSTER = "aws-native:msk:Cluster";
export const NATIVE_FIREHOSE_DELIVERY_STREAM = "aws-native:kinesisfirehose:DeliveryStream";
export const NATIVE_SAGEMAKER_NOTEBOOK_INSTANCE = "aws-native:sagemaker:NotebookInstance";
export const NATIVE_TRANSFER_SERVER = "aws-native:transfer:Server";
export const NATIVE_AUTOSCALING_GROUP = "aws-native:autoscaling:AutoScalingGroup";
export const NATIVE_EKS_NODEGROUP = "aws-native:eks:Nodegroup";
export const NATIVE_EKS_CLUSTER = "aws-native:eks:Cluster";

export const NATIVE_DYNAMODB_TABLE = "aws-native:dynamodb:Table";
export const NATIVE_DYNAMODB_GLOBAL_TABLE = "aws-native:dynamodb:GlobalTable";
export const NATIVE_LOGS_LOG_GROUP = "aws-native:logs:LogGroup";
/** sdk/nodejs/rds/dbInstance.ts: `DbInstance` (earlier releases registered `DBInstance`: _V0). */
export const NATIVE_RDS_DB_INSTANCE = "aws-native:rds:DbInstance";
export const NATIVE_RDS_DB_INSTANCE_V0 = "aws-native:rds:DBInstance";
export const NATIVE_RDS_DB_CLUSTER = "aws-native:rds:DbCluster";
export const NATIVE_RDS_DB_CLUSTER_V0 = "aws-native:rds:DBCluster";
/** AWS::RDS::DBSnapshot and DBClusterSnapshot (1.x only): a snapshot of an instance or cluster. */
export const NATIVE_RDS_DB_SNAPSHOT = "aws-native:rds:DbSnapshot";
export const NATIVE_RDS_CLUSTER_SNAPSHOT = "aws-native:rds:ClusterSnapshot";
export const NATIVE_EFS_FILE_SYSTEM = "aws-native:efs:FileSystem";
export const NATIVE_KINESIS_STREAM = "aws-native:kinesis:Stream";

export const NATIVE_CLOUDTRAIL_TRAIL = "aws-native:cloudtrail:Trail";
export const NATIVE_CLOUDTRAIL_EVENT_DATA_STORE = "aws-native:cloudtrail:EventDataStore";

export const NATIVE_EVENTS_ARCHIVE = "aws-native:events:Archive";
export const NATIVE_SCHEDULER_SCHEDULE = "aws-native:scheduler:Schedule";
export const NATIVE_CODEARTIFACT_DOMAIN = "aws-native:codeartifact:Domain";
export const NATIVE_TIMESTREAM_DATABASE = "aws-native:timestream:Database";
export const NATIVE_MWAA_ENVIRONMENT = "aws-native:mwaa:Environment";
export const NATIVE_REDSHIFTSERVERLESS_NAMESPACE = "aws-native:redshiftserverless:Namespace";
export const NATIVE_REDSHIFTSERVERLESS_WORKGROUP = "aws-native:redshiftserverless:Workgroup";
export const NATIVE_COGNITO_IDENTITY_POOL = "aws-native:cognito:IdentityPool";
export const NATIVE_APPSYNC_API_CACHE = "aws-native:appsync:ApiCache";
export const NATIVE_KENDRA_INDEX = "aws-native:kendra:Index";
export const NATIVE_LOCATION_TRACKER = "aws-native:location:Tracker";
export const NATIVE_LOCATION_GEOFENCE_COLLECTION = "aws-native:location:GeofenceCollection";
export const NATIVE_TIMESTREAM_SCHEDULED_QUERY = "aws-native:timestream:ScheduledQuery";
/** AWS::Cassandra::Table: an Amazon Keyspaces table. */
export const NATIVE_CASSANDRA_TABLE = "aws-native:cassandra:Table";
export const NATIVE_OPENSEARCHSERVERLESS_SECURITY_POLICY =
  "aws-native:opensearchserverless:SecurityPolicy";
export const NATIVE_SAGEMAKER_DOMAIN = "aws-native:sagemaker:Domain";
export const NATIVE_DMS_INSTANCE_PROFILE = "aws-native:dms:InstanceProfile";
export const NATIVE_APPRUNNER_SERVICE = "aws-native:apprunner:Service";
export const NATIVE_CODEBUILD_REPORT_GROUP = "aws-native:codebuild:ReportGroup";
export const NATIVE_EMR_SECURITY_CONFIGURATION = "aws-native:emr:SecurityConfiguration";
export const NATIVE_LAMBDA_LAYER_VERSION_PERMISSION = "aws-native:lambda:LayerVersionPermission";
export const NATIVE_CONNECT_INSTANCE_STORAGE_CONFIG = "aws-native:connect:InstanceStorageConfig";

export const NATIVE_DAX_CLUSTER = "aws-native:dax:Cluster";
export const NATIVE_QLDB_LEDGER = "aws-native:qldb:Ledger";
export const NATIVE_LIGHTSAIL_DATABASE = "aws-native:lightsail:Database";
export const NATIVE_M2_ENVIRONMENT = "aws-native:m2:Environment";
export const NATIVE_ECR_PUBLIC_REPOSITORY = "aws-native:ecr:PublicRepository";
export const NATIVE_WORKSPACES_WORKSPACE = "aws-native:workspaces:Workspace";
export const NATIVE_BATCH_JOB_DEFINITION = "aws-native:batch:JobDefinition";
export const NATIVE_DLM_LIFECYCLE_POLICY = "aws-native:dlm:LifecyclePolicy";
export const NATIVE_DRS_REPLICATION_CONFIGURATION_TEMPLATE =
  "aws-native:drs:ReplicationConfigurationTemplate";
export const NATIVE_TIMESTREAM_INFLUXDB_INSTANCE = "aws-native:timestream:InfluxDbInstance";
export const NATIVE_TIMESTREAM_INFLUXDB_CLUSTER = "aws-native:timestream:InfluxDbCluster";
export const NATIVE_APPSTREAM_FLEET = "aws-native:appstream:Fleet";
export const NATIVE_APPSTREAM_IMAGE_BUILDER = "aws-native:appstream:ImageBuilder";
export const NATIVE_EC2_SNAPSHOT_BLOCK_PUBLIC_ACCESS = "aws-native:ec2:SnapshotBlockPublicAccess";
export const NATIVE_S3_ACCESS_POINT = "aws-native:s3:AccessPoint";
export const NATIVE_APIGATEWAY_REST_API = "aws-native:apigateway:RestApi";

/** sdk/nodejs/docdb/dbCluster.ts: `DbCluster` (earlier releases registered `DBCluster`: _V0). */
export const NATIVE_DOCDB_DB_CLUSTER = "aws-native:docdb:DbCluster";
export const NATIVE_DOCDB_DB_CLUSTER_V0 = "aws-native:docdb:DBCluster";
export const NATIVE_NEPTUNE_DB_CLUSTER = "aws-native:neptune:DbCluster";
export const NATIVE_NEPTUNE_DB_CLUSTER_V0 = "aws-native:neptune:DBCluster";
export const NATIVE_MEMORYDB_CLUSTER = "aws-native:memorydb:Cluster";
export const NATIVE_ELASTICACHE_REPLICATION_GROUP = "aws-native:elasticache:ReplicationGroup";
export const NATIVE_ELASTICACHE_SERVERLESS_CACHE = "aws-native:elasticache:ServerlessCache";
export const NATIVE_ELASTICACHE_CACHE_CLUSTER = "aws-native:elasticache:CacheCluster";
export const NATIVE_DMS_ENDPOINT = "aws-native:dms:Endpoint";
export const NATIVE_SAGEMAKER_ENDPOINT_CONFIG = "aws-native:sagemaker:EndpointConfig";
export const NATIVE_APPFLOW_FLOW = "aws-native:appflow:Flow";
export const NATIVE_APPFLOW_CONNECTOR_PROFILE = "aws-native:appflow:ConnectorProfile";
export const NATIVE_IMAGEBUILDER_COMPONENT = "aws-native:imagebuilder:Component";
export const NATIVE_IMAGEBUILDER_WORKFLOW = "aws-native:imagebuilder:Workflow";
export const NATIVE_IMAGEBUILDER_CONTAINER_RECIPE = "aws-native:imagebuilder:ContainerRecipe";
export const NATIVE_IMAGEBUILDER_IMAGE_RECIPE = "aws-native:imagebuilder:ImageRecipe";
export const NATIVE_IMAGEBUILDER_DISTRIBUTION_CONFIGURATION =
  "aws-native:imagebuilder:DistributionConfiguration";
export const NATIVE_EC2_NETWORK_ACL = "aws-native:ec2:NetworkAcl";
export const NATIVE_EC2_NETWORK_ACL_ENTRY = "aws-native:ec2:NetworkAclEntry";
export const NATIVE_APIGATEWAY_METHOD = "aws-native:apigateway:Method";
export const NATIVE_APIGATEWAYV2_API = "aws-native:apigatewayv2:Api";
export const NATIVE_APIGATEWAYV2_ROUTE = "aws-native:apigatewayv2:Route";
export const NATIVE_EC2_VPC_ENDPOINT_SERVICE = "aws-native:ec2:VpcEndpointService";
export const NATIVE_EC2_VPC_ENDPOINT_SERVICE_PERMISSIONS =
  "aws-native:ec2:VpcEndpointServicePermissions";
export const NATIVE_COMPREHEND_DOCUMENT_CLASSIFIER = "aws-native:comprehend:DocumentClassifier";
export const NATIVE_GLUE_JOB = "aws-native:glue:Job";
export const NATIVE_GLUE_CRAWLER = "aws-native:glue:Crawler";
export const NATIVE_ATHENA_WORK_GROUP = "aws-native:athena:WorkGroup";
export const NATIVE_GLUE_SECURITY_CONFIGURATION = "aws-native:glue:SecurityConfiguration";
export const NATIVE_GLUE_DATA_CATALOG_ENCRYPTION_SETTINGS =
  "aws-native:glue:DataCatalogEncryptionSettings";
export const NATIVE_FSX_FILE_SYSTEM = "aws-native:fsx:FileSystem";
export const NATIVE_APIGATEWAY_STAGE = "aws-native:apigateway:Stage";

/** AWS::Neptune::DBInstance: PubliclyAccessible since Neptune's public endpoints (engine 1.4.6). */
export const NATIVE_NEPTUNE_DB_INSTANCE = "aws-native:neptune:DbInstance";
/** 0.67.0 neptune/dbinstance.js: `DBInstance`, spelling dBClusterIdentifier, dBInstanceClass ... */
export const NATIVE_NEPTUNE_DB_INSTANCE_V0 = "aws-native:neptune:DBInstance";
export const NATIVE_S3TABLES_TABLE_BUCKET = "aws-native:s3tables:TableBucket";
/** AWS::APS::Workspace: an Amazon Managed Service for Prometheus workspace. */
export const NATIVE_APS_WORKSPACE = "aws-native:aps:Workspace";
export const NATIVE_SFN_STATE_MACHINE = "aws-native:stepfunctions:StateMachine";
export const NATIVE_DSQL_CLUSTER = "aws-native:dsql:Cluster";
export const NATIVE_NEPTUNEGRAPH_GRAPH = "aws-native:neptunegraph:Graph";
/** sdk/nodejs/appsync/graphQlApi.ts: `GraphQlApi` (early 0.x releases registered `GraphQLApi`: _V0). */
export const NATIVE_APPSYNC_GRAPHQL_API = "aws-native:appsync:GraphQlApi";
export const NATIVE_APPSYNC_GRAPHQL_API_V0 = "aws-native:appsync:GraphQLApi";
export const NATIVE_BACKUP_PLAN = "aws-native:backup:BackupPlan";
/** AWS::WAFv2::WebACLAssociation: a regional web ACL on a load balancer, API stage or other. */
export const NATIVE_WAFV2_WEB_ACL_ASSOCIATION = "aws-native:wafv2:WebAclAssociation";
export const NATIVE_EC2_FLOW_LOG = "aws-native:ec2:FlowLog";
/** sdk/nodejs/ec2/vpcEndpoint.ts: `VpcEndpoint` (0.67.0 registered `VPCEndpoint`: _V0). */
export const NATIVE_EC2_VPC_ENDPOINT = "aws-native:ec2:VpcEndpoint";
export const NATIVE_EC2_VPC_ENDPOINT_V0 = "aws-native:ec2:VPCEndpoint";
/** sdk/nodejs/wafv2/webAcl.ts: `WebAcl` (0.67.0 registered `WebACL`: _V0). */
export const NATIVE_WAFV2_WEB_ACL = "aws-native:wafv2:WebAcl";
export const NATIVE_WAFV2_WEB_ACL_V0 = "aws-native:wafv2:WebACL";
export const NATIVE_WAFV2_LOGGING_CONFIGURATION = "aws-native:wafv2:LoggingConfiguration";
export const NATIVE_COGNITO_USER_POOL = "aws-native:cognito:UserPool";
/** AWS::SecretsManager::RotationSchedule: a secret's rotation (1.x and 0.67.0, not 0.126.0). */
export const NATIVE_SECRETSMANAGER_ROTATION_SCHEDULE = "aws-native:secretsmanager:RotationSchedule";
export const NATIVE_CLOUDFRONT_RESPONSE_HEADERS_POLICY =
  "aws-native:cloudfront:ResponseHeadersPolicy";
/** AWS::Logs::DeliverySource and Delivery: CloudWatch Logs' delivery (standard logging v2). */
export const NATIVE_LOGS_DELIVERY_SOURCE = "aws-native:logs:DeliverySource";
export const NATIVE_LOGS_DELIVERY = "aws-native:logs:Delivery";
export const NATIVE_APIGATEWAY_DOMAIN_NAME = "aws-native:apigateway:DomainName";
export const NATIVE_APIGATEWAY_REQUEST_VALIDATOR = "aws-native:apigateway:RequestValidator";
/** AWS::ApiGatewayV2::Stage (1.x and 0.67.0). */
export const NATIVE_APIGATEWAYV2_STAGE = "aws-native:apigatewayv2:Stage";
export const NATIVE_EFS_ACCESS_POINT = "aws-native:efs:AccessPoint";
export const NATIVE_RAM_RESOURCE_SHARE = "aws-native:ram:ResourceShare";
export const NATIVE_CODEBUILD_SOURCE_CREDENTIAL = "aws-native:codebuild:SourceCredential";
export const NATIVE_QUICKSIGHT_DATA_SOURCE = "aws-native:quicksight:DataSource";
/** AWS::EMR::Cluster and AWS::Config::ConfigurationRecorder: shipped by 0.67.0, not by 1.x. */
export const NATIVE_EMR_CLUSTER = "aws-native:emr:Cluster";
export const NATIVE_CONFIG_RECORDER = "aws-native:configuration:ConfigurationRecorder";
export const NATIVE_CONFIG_AGGREGATOR = "aws-native:configuration:ConfigurationAggregator";
export const NATIVE_EC2_INSTANCE_CONNECT_ENDPOINT = "aws-native:ec2:InstanceConnectEndpoint";
export const NATIVE_ELASTICBEANSTALK_ENVIRONMENT = "aws-native:elasticbeanstalk:Environment";
/** sdk/nodejs/docdb/dbClusterParameterGroup.ts (0.67.0 registered `DBClusterParameterGroup`: _V0). */
export const NATIVE_DOCDB_CLUSTER_PARAMETER_GROUP = "aws-native:docdb:DbClusterParameterGroup";
export const NATIVE_DOCDB_CLUSTER_PARAMETER_GROUP_V0 = "aws-native:docdb:DBClusterParameterGroup";
export const NATIVE_REDSHIFT_CLUSTER_PARAMETER_GROUP = "aws-native:redshift:ClusterParameterGroup";
/** AWS::ElasticLoadBalancing::LoadBalancer: a Classic Load Balancer (1.x and 0.67.0). */
export const NATIVE_ELB_LOAD_BALANCER = "aws-native:elasticloadbalancing:LoadBalancer";
/** AWS::SSM::Document: a Session document's preferences (content a JSON object or text). */
export const NATIVE_SSM_DOCUMENT = "aws-native:ssm:Document";
