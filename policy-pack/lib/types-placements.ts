// Resource type tokens of what places a data store or a managed workload into subnets (subnet
// groups, mount targets, connectors), read by the routing model (./network/routing.ts), apart from
// ./types.ts to keep each file short. Re-exported by ./types.ts (through ./types-workloads.ts):
// import them from there.

export const APPRUNNER_VPC_CONNECTOR = "aws:apprunner/vpcConnector:VpcConnector";
export const DAX_SUBNET_GROUP = "aws:dax/subnetGroup:SubnetGroup";
export const DIRECTORYSERVICE_DIRECTORY = "aws:directoryservice/directory:Directory";
export const DMS_REPLICATION_SUBNET_GROUP = "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup";
export const DOCDB_SUBNET_GROUP = "aws:docdb/subnetGroup:SubnetGroup";
export const EFS_MOUNT_TARGET = "aws:efs/mountTarget:MountTarget";
export const ELASTICACHE_SUBNET_GROUP = "aws:elasticache/subnetGroup:SubnetGroup";
export const MEMORYDB_SUBNET_GROUP = "aws:memorydb/subnetGroup:SubnetGroup";
export const MSK_SERVERLESS_CLUSTER = "aws:msk/serverlessCluster:ServerlessCluster";
export const MSKCONNECT_CONNECTOR = "aws:mskconnect/connector:Connector";
export const NEPTUNE_SUBNET_GROUP = "aws:neptune/subnetGroup:SubnetGroup";
export const RDS_SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";
export const REDSHIFT_SUBNET_GROUP = "aws:redshift/subnetGroup:SubnetGroup";
