// Resource type tokens of the standalone resource-policy resources judged by the shared public-policy
// rule (../policies/exposure/service-policies.ts), apart from ./types.ts to keep each file short.
// Re-exported by ./types.ts: import them from there.

export const ACMPCA_POLICY = "aws:acmpca/policy:Policy";
export const AMP_RESOURCE_POLICY = "aws:amp/resourcePolicy:ResourcePolicy";
export const BEDROCK_AGENTCORE_RESOURCE_POLICY =
  "aws:bedrock/agentcoreResourcePolicy:AgentcoreResourcePolicy";
export const CLOUDSEARCH_DOMAIN_SERVICE_ACCESS_POLICY =
  "aws:cloudsearch/domainServiceAccessPolicy:DomainServiceAccessPolicy";
export const CLOUDWATCH_LOG_DELIVERY_DESTINATION_POLICY =
  "aws:cloudwatch/logDeliveryDestinationPolicy:LogDeliveryDestinationPolicy";
export const CODEBUILD_RESOURCE_POLICY = "aws:codebuild/resourcePolicy:ResourcePolicy";
export const DSQL_CLUSTER_POLICY = "aws:dsql/clusterPolicy:ClusterPolicy";
export const ECR_REPOSITORY_CREATION_TEMPLATE =
  "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate";
export const LAMBDA_RESOURCE_POLICY = "aws:lambda/resourcePolicy:ResourcePolicy";
export const MEDIASTORE_CONTAINER_POLICY = "aws:mediastore/containerPolicy:ContainerPolicy";
export const NETWORKFIREWALL_RESOURCE_POLICY = "aws:networkfirewall/resourcePolicy:ResourcePolicy";
export const OAM_SINK_POLICY = "aws:oam/sinkPolicy:SinkPolicy";
export const OPENSEARCHINGEST_RESOURCE_POLICY =
  "aws:opensearchingest/resourcePolicy:ResourcePolicy";
export const PINPOINT_SMSVOICEV2_RESOURCE_POLICY =
  "aws:pinpoint/smsvoicev2ResourcePolicy:Smsvoicev2ResourcePolicy";
export const REDSHIFTSERVERLESS_RESOURCE_POLICY =
  "aws:redshiftserverless/resourcePolicy:ResourcePolicy";
export const S3_FILES_FILE_SYSTEM_POLICY = "aws:s3/filesFileSystemPolicy:FilesFileSystemPolicy";
export const S3_VECTORS_VECTOR_BUCKET_POLICY =
  "aws:s3/vectorsVectorBucketPolicy:VectorsVectorBucketPolicy";
export const S3CONTROL_ACCESS_GRANTS_INSTANCE_RESOURCE_POLICY =
  "aws:s3control/accessGrantsInstanceResourcePolicy:AccessGrantsInstanceResourcePolicy";
export const SAGEMAKER_MODEL_PACKAGE_GROUP_POLICY =
  "aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy";
export const SCHEMAS_REGISTRY_POLICY = "aws:schemas/registryPolicy:RegistryPolicy";
export const SES_IDENTITY_POLICY = "aws:ses/identityPolicy:IdentityPolicy";
export const SESV2_EMAIL_IDENTITY_POLICY = "aws:sesv2/emailIdentityPolicy:EmailIdentityPolicy";
export const VPCLATTICE_AUTH_POLICY = "aws:vpclattice/authPolicy:AuthPolicy";
export const VPCLATTICE_RESOURCE_POLICY = "aws:vpclattice/resourcePolicy:ResourcePolicy";
export const XRAY_RESOURCE_POLICY = "aws:xray/resourcePolicy:ResourcePolicy";

export const RAM_RESOURCE_SHARE = "aws:ram/resourceShare:ResourceShare";
export const RDS_CLUSTER_SNAPSHOT_COPY = "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy";
