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
