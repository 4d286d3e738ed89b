// Aurora cluster members: an aws-native DBInstance that names its cluster (DBClusterIdentifier,
// `dbClusterIdentifier`, `dBClusterIdentifier` in the `DBInstance` releases), judged through its
// classic twin, aws.rds.Instance. The classic aws.rds.Instance has no such property (a member is
// an aws.rds.ClusterInstance, which the cluster-level rules do not list), and a DBCluster's own
// dbClusterIdentifier is its name, not a membership.
import { RDS_INSTANCE } from "../types";
import { present } from "../values";

/**
 * Whether the resource (its type as the rule sees it, and its properties) is an RDS instance that
 * joins an Aurora cluster. Deletion protection, backups, IAM authentication, Multi-AZ and copying
 * tags to snapshots are then the cluster's: CreateDBInstance/ModifyDBInstance say of each "doesn't
 * apply to Amazon Aurora DB instances"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html).
 */
export function auroraMember(type: string, props: Record<string, unknown>): boolean {
  if (type !== RDS_INSTANCE) return false;
  return present(props, "dbClusterIdentifier") || present(props, "dBClusterIdentifier");
}
