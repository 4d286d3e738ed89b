// Where each type that places compute or a data store into subnets keeps its subnets (an ECS
// service's networkConfiguration.subnets, a DB subnet group's subnetIds...): the table the routing
// model (./routing.ts) reads to tell compute and data subnets from the others.
import {
  APPRUNNER_VPC_CONNECTOR,
  AUTOSCALING_GROUP,
  BATCH_COMPUTE_ENVIRONMENT,
  CODEBUILD_PROJECT,
  DAX_SUBNET_GROUP,
  DIRECTORYSERVICE_DIRECTORY,
  DMS_REPLICATION_SUBNET_GROUP,
  DOCDB_SUBNET_GROUP,
  EC2_FLEET,
  EC2_INSTANCE,
  EC2_LAUNCH_TEMPLATE,
  EC2_NETWORK_INTERFACE,
  EC2_SPOT_FLEET_REQUEST,
  EC2_SPOT_INSTANCE_REQUEST,
  ECS_SERVICE,
  ECS_TASK_SET,
  EFS_MOUNT_TARGET,
  EKS_CLUSTER,
  EKS_FARGATE_PROFILE,
  EKS_NODE_GROUP,
  ELASTICACHE_SERVERLESS_CACHE,
  ELASTICACHE_SUBNET_GROUP,
  ELASTICSEARCH_DOMAIN,
  EMR_CLUSTER,
  FSX_LUSTRE_FILE_SYSTEM,
  FSX_ONTAP_FILE_SYSTEM,
  FSX_OPENZFS_FILE_SYSTEM,
  FSX_WINDOWS_FILE_SYSTEM,
  GLUE_CONNECTION,
  LAMBDA_FUNCTION,
  MEMORYDB_SUBNET_GROUP,
  MQ_BROKER,
  MSK_CLUSTER,
  MSK_SERVERLESS_CLUSTER,
  MSKCONNECT_CONNECTOR,
  MWAA_ENVIRONMENT,
  NEPTUNE_SUBNET_GROUP,
  OPENSEARCH_DOMAIN,
  RDS_SUBNET_GROUP,
  REDSHIFT_SUBNET_GROUP,
  REDSHIFTSERVERLESS_WORKGROUP,
  SAGEMAKER_DOMAIN,
  SAGEMAKER_NOTEBOOK_INSTANCE,
  TRANSFER_SERVER,
  WORKSPACES_DIRECTORY,
} from "../types";

/** Where a placement type keeps its subnets: top-level property first. */
export const PLACEMENTS: readonly {
  readonly type: string;
  readonly paths: readonly (readonly string[])[];
}[] = [
  { type: ECS_SERVICE, paths: [["networkConfiguration", "subnets", "*"]] },
  { type: ECS_TASK_SET, paths: [["networkConfiguration", "subnets", "*"]] },
  { type: EC2_INSTANCE, paths: [["subnetId"]] },
  { type: EC2_SPOT_INSTANCE_REQUEST, paths: [["subnetId"]] },
  // Fleets place instances in the subnets of their launch specifications and of their launch
  // template overrides (the templates' own network interfaces are the template's placement).
  {
    type: EC2_SPOT_FLEET_REQUEST,
    paths: [
      ["launchSpecifications", "*", "subnetId"],
      ["launchTemplateConfigs", "*", "overrides", "*", "subnetId"],
    ],
  },
  { type: EC2_FLEET, paths: [["launchTemplateConfigs", "*", "overrides", "*", "subnetId"]] },
  { type: EC2_LAUNCH_TEMPLATE, paths: [["networkInterfaces", "*", "subnetId"]] },
  { type: EC2_NETWORK_INTERFACE, paths: [["subnetId"]] },
  { type: LAMBDA_FUNCTION, paths: [["vpcConfig", "subnetIds", "*"]] },
  { type: CODEBUILD_PROJECT, paths: [["vpcConfig", "subnets", "*"]] },
  { type: AUTOSCALING_GROUP, paths: [["vpcZoneIdentifiers", "*"]] },
  { type: EKS_NODE_GROUP, paths: [["subnetIds", "*"]] },
  { type: EKS_FARGATE_PROFILE, paths: [["subnetIds", "*"]] },
  { type: BATCH_COMPUTE_ENVIRONMENT, paths: [["computeResources", "subnets", "*"]] },
  { type: REDSHIFTSERVERLESS_WORKGROUP, paths: [["subnetIds", "*"]] },
  // Data subnets: the subnets a data store's nodes, brokers or mount targets are placed in, by its
  // subnet group or its own subnet list. A default route there takes the data past the VPC's
  // endpoints as surely as one in a compute subnet.
  { type: RDS_SUBNET_GROUP, paths: [["subnetIds", "*"]] },
  { type: DOCDB_SUBNET_GROUP, paths: [["subnetIds", "*"]] },
  { type: NEPTUNE_SUBNET_GROUP, paths: [["subnetIds", "*"]] },
  { type: ELASTICACHE_SUBNET_GROUP, paths: [["subnetIds", "*"]] },
  { type: ELASTICACHE_SERVERLESS_CACHE, paths: [["subnetIds", "*"]] },
  { type: MEMORYDB_SUBNET_GROUP, paths: [["subnetIds", "*"]] },
  { type: DAX_SUBNET_GROUP, paths: [["subnetIds", "*"]] },
  { type: REDSHIFT_SUBNET_GROUP, paths: [["subnetIds", "*"]] },
  { type: DMS_REPLICATION_SUBNET_GROUP, paths: [["subnetIds", "*"]] },
  { type: EFS_MOUNT_TARGET, paths: [["subnetId"]] },
  { type: FSX_LUSTRE_FILE_SYSTEM, paths: [["subnetIds", "*"]] },
  { type: FSX_WINDOWS_FILE_SYSTEM, paths: [["subnetIds", "*"]] },
  { type: FSX_ONTAP_FILE_SYSTEM, paths: [["subnetIds", "*"]] },
  { type: FSX_OPENZFS_FILE_SYSTEM, paths: [["subnetIds", "*"]] },
  { type: MSK_CLUSTER, paths: [["brokerNodeGroupInfo", "clientSubnets", "*"]] },
  { type: MSK_SERVERLESS_CLUSTER, paths: [["vpcConfigs", "*", "subnetIds", "*"]] },
  { type: MQ_BROKER, paths: [["subnetIds", "*"]] },
  { type: OPENSEARCH_DOMAIN, paths: [["vpcOptions", "subnetIds", "*"]] },
  { type: ELASTICSEARCH_DOMAIN, paths: [["vpcOptions", "subnetIds", "*"]] },
  {
    type: DIRECTORYSERVICE_DIRECTORY,
    paths: [
      ["vpcSettings", "subnetIds", "*"],
      ["connectSettings", "subnetIds", "*"],
    ],
  },
  // Managed workloads that run in the subnets they are given.
  { type: EKS_CLUSTER, paths: [["vpcConfig", "subnetIds", "*"]] },
  {
    type: EMR_CLUSTER,
    paths: [
      ["ec2Attributes", "subnetId"],
      ["ec2Attributes", "subnetIds", "*"],
    ],
  },
  { type: SAGEMAKER_NOTEBOOK_INSTANCE, paths: [["subnetId"]] },
  { type: SAGEMAKER_DOMAIN, paths: [["subnetIds", "*"]] },
  { type: MWAA_ENVIRONMENT, paths: [["networkConfiguration", "subnetIds", "*"]] },
  { type: GLUE_CONNECTION, paths: [["physicalConnectionRequirements", "subnetId"]] },
  { type: APPRUNNER_VPC_CONNECTOR, paths: [["subnets", "*"]] },
  {
    type: MSKCONNECT_CONNECTOR,
    paths: [["kafkaCluster", "apacheKafkaCluster", "vpc", "subnets", "*"]],
  },
  { type: TRANSFER_SERVER, paths: [["endpointDetails", "subnetIds", "*"]] },
  { type: WORKSPACES_DIRECTORY, paths: [["subnetIds", "*"]] },
];

/** Resource types that place compute (or data services) into subnets. */
export const PLACEMENT_TYPES: readonly string[] = PLACEMENTS.map((p) => p.type);
