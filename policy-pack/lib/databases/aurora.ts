// Aurora cluster members: an aws-native DBInstance that names its cluster (DBClusterIdentifier,
// `dbClusterIdentifier`, `dBClusterIdentifier` in the `DBInstance` releases). The classic
// aws.rds.Instance has no such property (a member is an aws.rds.ClusterInstance, which the
// cluster-level rules do not list).
import { present } from "../values";

/**
 * Whether `props` (an RDS instance, or the classic view of a native one) joins an Aurora cluster.
 * Deletion protection, backups, IAM authentication, Multi-AZ and copying tags to snapshots are
 * then the cluster's: CreateDBInstance/ModifyDBInstance say of each "doesn't apply to Amazon
 * Aurora DB instances" (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html).
 */
export function auroraMember(props: Record<string, unknown>): boolean {
  return present(props, "dbClusterIdentifier") || present(props, "dBClusterIdentifier");
}
