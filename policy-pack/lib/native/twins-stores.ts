// The @pulumi/aws-native databases, caches and build services whose keys the pack's stack rules
// judge, each read as its classic twin (pulumi/pulumi-aws-native sdk/nodejs/<module>/<type>.ts;
// CloudFormation template reference,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/):
// - AWS::DocDB::DBCluster StorageEncrypted and KmsKeyId, as the classic DocumentDB cluster's;
//   AWS::Neptune::DBCluster the same, its KmsKeyId the classic kmsKeyArn (both registered as
//   `DbCluster`, earlier releases `DBCluster`, as RDS's are);
// - AWS::MemoryDB::Cluster KmsKeyId (the classic kmsKeyArn); AWS::ElastiCache::ReplicationGroup
//   AtRestEncryptionEnabled, KmsKeyId, Engine and GlobalReplicationGroupId,
//   AWS::ElastiCache::ServerlessCache KmsKeyId and AWS::ElastiCache::CacheCluster Engine, the
//   classic names (a CloudFormation cache cluster names no replication group);
// - AWS::DMS::Endpoint KmsKeyId and AWS::SageMaker::EndpointConfig KmsKeyId (the classic
//   kmsKeyArn; ProductionVariants[].InstanceType keeps its name);
// - AWS::AppFlow::Flow and ConnectorProfile KMSArn, which the SDK spells kMSArn
//   (sdk/nodejs/appflow/connectorProfile.ts), the classic kmsArn;
// - AWS::ImageBuilder::Component, Workflow and ContainerRecipe KmsKeyId, ContainerRecipe
//   InstanceConfiguration.BlockDeviceMappings and ImageRecipe BlockDeviceMappings ([{ DeviceName,
//   Ebs { Encrypted, KmsKeyId } }]), DistributionConfiguration Distributions[] { Region,
//   AmiDistributionConfiguration { KmsKeyId }, ContainerDistributionConfiguration }: the classic
//   names, but for the AMI's LaunchPermissionConfiguration { UserGroups, UserIds, ... }, the
//   classic launchPermission;
// - AWS::Comprehend::DocumentClassifier ModelKmsKeyId, VolumeKmsKeyId and OutputDataConfig
//   { KmsKeyId }; AWS::Glue::Job SecurityConfiguration and AWS::Glue::Crawler
//   CrawlerSecurityConfiguration (the classic crawler's securityConfiguration);
// - AWS::FSx::FileSystem (sdk/nodejs/fsx/fileSystem.ts: fileSystemType LUSTRE, WINDOWS, ONTAP or
//   OPENZFS, kmsKeyId, lustreConfiguration { deploymentType }), one type for the four classic file
//   systems: read as the classic Lustre file system, whose deploymentType is the Lustre one
//   (SCRATCH_1 when left out, as CloudFormation defaults it) and, for the other types, which always
//   take a KMS key, a persistent one.
import * as t from "../types";
import * as n from "./types";
import type { Twin } from "./twins";
import { spelledEither } from "./spelling";
import { asList } from "../values";
import { renamedBlock } from "./classic-props";

/** A native FSx file system's Lustre deployment type, or "PERSISTENT" for the other file systems. */
function fsxDeployment(type: unknown, p: any): unknown {
  if (String(type).toUpperCase() !== "LUSTRE") return "PERSISTENT";
  return p.lustreConfiguration?.deploymentType ?? "SCRATCH_1";
}

/** A native distribution's AMI settings, launchPermissionConfiguration as launchPermission. */
const amiDistribution = renamedBlock({
  kmsKeyId: "kmsKeyId",
  launchPermission: "launchPermissionConfiguration",
});

/** Native distributions as classic ones (the AMI settings through `amiDistribution`). */
function distributions(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  return asList(v).map((d: any) => ({
    get region() {
      return d?.region;
    },
    get containerDistributionConfiguration() {
      return d?.containerDistributionConfiguration;
    },
    get amiDistributionConfiguration() {
      return amiDistribution(d?.amiDistributionConfiguration);
    },
  }));
}

/** EnableCloudwatchLogsExports and MasterUserPassword, the classic names (../../policies/databases). */
const DOCDB_LOG_EXPORTS = {
  enabledCloudwatchLogsExports: "enableCloudwatchLogsExports",
  masterPassword: "masterUserPassword",
};
/** DBClusterIdentifier, the classic clusterIdentifier (a snapshot names it), as each SDK spells it. */
const CLUSTER_ID = { clusterIdentifier: "dbClusterIdentifier" };
const CLUSTER_ID_V0 = { clusterIdentifier: "dBClusterIdentifier" };
/** AWS::Neptune::DBCluster KmsKeyId and IamAuthEnabled, the classic kmsKeyArn and iamDatabaseAuthenticationEnabled. */
const NEPTUNE = { kmsKeyArn: "kmsKeyId", iamDatabaseAuthenticationEnabled: "iamAuthEnabled" };

export const STORE_TWINS: [string, Twin][] = [
  // EnableCloudwatchLogsExports is the classic DocumentDB cluster's enabledCloudwatchLogsExports.
  [
    n.NATIVE_DOCDB_DB_CLUSTER,
    { classic: t.DOCDB_CLUSTER, rename: { ...DOCDB_LOG_EXPORTS, ...CLUSTER_ID } },
  ],
  [
    n.NATIVE_DOCDB_DB_CLUSTER_V0,
    { classic: t.DOCDB_CLUSTER, rename: { ...DOCDB_LOG_EXPORTS, ...CLUSTER_ID_V0 } },
  ],
  [
    n.NATIVE_NEPTUNE_DB_CLUSTER,
    { classic: t.NEPTUNE_CLUSTER, rename: { ...NEPTUNE, ...CLUSTER_ID } },
  ],
  [
    n.NATIVE_NEPTUNE_DB_CLUSTER_V0,
    { classic: t.NEPTUNE_CLUSTER, rename: { ...NEPTUNE, ...CLUSTER_ID_V0 } },
  ],
  [n.NATIVE_MEMORYDB_CLUSTER, { classic: t.MEMORYDB_CLUSTER, rename: { kmsKeyArn: "kmsKeyId" } }],
  [n.NATIVE_ELASTICACHE_REPLICATION_GROUP, { classic: t.ELASTICACHE_REPLICATION_GROUP }],
  [n.NATIVE_ELASTICACHE_SERVERLESS_CACHE, { classic: t.ELASTICACHE_SERVERLESS_CACHE }],
  // AZMode: azMode in 1.x, aZMode in early 0.x (elasticache/cacheCluster.d.ts of 0.67.0).
  [
    n.NATIVE_ELASTICACHE_CACHE_CLUSTER,
    { classic: t.ELASTICACHE_CLUSTER, derive: { azMode: spelledEither("azMode", "aZMode") } },
  ],
  [n.NATIVE_DMS_ENDPOINT, { classic: t.DMS_ENDPOINT, rename: { kmsKeyArn: "kmsKeyId" } }],
  [
    n.NATIVE_SAGEMAKER_ENDPOINT_CONFIG,
    { classic: t.SAGEMAKER_ENDPOINT_CONFIGURATION, rename: { kmsKeyArn: "kmsKeyId" } },
  ],
  // AppFlow's key is `kmsArn` in 1.x and `kMSArn` in 0.x SDKs (./spelling.ts).
  [
    n.NATIVE_APPFLOW_FLOW,
    { classic: t.APPFLOW_FLOW, derive: { kmsArn: spelledEither("kmsArn", "kMSArn") } },
  ],
  [
    n.NATIVE_APPFLOW_CONNECTOR_PROFILE,
    {
      classic: t.APPFLOW_CONNECTOR_PROFILE,
      derive: { kmsArn: spelledEither("kmsArn", "kMSArn") },
    },
  ],
  [n.NATIVE_IMAGEBUILDER_COMPONENT, { classic: t.IMAGEBUILDER_COMPONENT }],
  [n.NATIVE_IMAGEBUILDER_WORKFLOW, { classic: t.IMAGEBUILDER_WORKFLOW }],
  [n.NATIVE_IMAGEBUILDER_CONTAINER_RECIPE, { classic: t.IMAGEBUILDER_CONTAINER_RECIPE }],
  [n.NATIVE_IMAGEBUILDER_IMAGE_RECIPE, { classic: t.IMAGEBUILDER_IMAGE_RECIPE }],
  [
    n.NATIVE_IMAGEBUILDER_DISTRIBUTION_CONFIGURATION,
    {
      classic: t.IMAGEBUILDER_DISTRIBUTION_CONFIGURATION,
      derive: { distributions: { from: "distributions", map: distributions } },
    },
  ],
  [n.NATIVE_COMPREHEND_DOCUMENT_CLASSIFIER, { classic: t.COMPREHEND_DOCUMENT_CLASSIFIER }],
  [n.NATIVE_GLUE_JOB, { classic: t.GLUE_JOB }],
  [
    n.NATIVE_FSX_FILE_SYSTEM,
    {
      classic: t.FSX_LUSTRE_FILE_SYSTEM,
      derive: {
        deploymentType: {
          from: "fileSystemType",
          deps: ["fileSystemType", "lustreConfiguration"],
          always: true,
          map: fsxDeployment,
        },
      },
      says: { deploymentType: "lustreConfiguration.deploymentType" },
    },
  ],
  [
    n.NATIVE_GLUE_CRAWLER,
    { classic: t.GLUE_CRAWLER, rename: { securityConfiguration: "crawlerSecurityConfiguration" } },
  ],
];
