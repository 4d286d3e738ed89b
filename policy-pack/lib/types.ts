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
