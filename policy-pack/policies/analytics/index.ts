// Data-warehouse guardrails: Redshift Serverless workgroups and namespaces, and provisioned
// clusters' master passwords (./redshift.ts); provisioned clusters' audit and user-activity
// logging, their parameter groups' TLS setting, and their automated snapshots and version upgrades
// (./redshift-clusters.ts); EMR clusters' logs and security configuration (./emr.ts); QuickSight
// data sources' TLS (./quicksight.ts). Their
// encryption with customer-managed keys is the KMS policies' rule (../kms); the RDS rules are in
// ../databases, AWS Backup in ../backup, Secrets Manager rotation in ../secrets.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  redshiftClusterManagedPassword,
  redshiftNamespaceAdminUsername,
  redshiftNamespaceAuditLogs,
  redshiftNamespaceDbName,
  redshiftNamespaceManagedPassword,
  redshiftWorkgroupEnhancedVpcRouting,
  redshiftWorkgroupNetwork,
  redshiftWorkgroupNotPublic,
  redshiftWorkgroupRequireSsl,
  redshiftWorkgroupUsageLimit,
} from "./redshift";
import {
  redshiftClusterAuditLogging,
  redshiftClusterUserActivityLogging,
  redshiftClusterAutomatedSnapshots,
  redshiftClusterVersionUpgrade,
  redshiftParameterGroupRequireSsl,
} from "./redshift-clusters";
import { emrClusterLogging, emrClusterSecurityConfiguration } from "./emr";
import { quicksightDataSourceSsl } from "./quicksight";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  redshiftWorkgroupNotPublic,
  redshiftWorkgroupEnhancedVpcRouting,
  redshiftWorkgroupRequireSsl,
  redshiftWorkgroupNetwork,
  redshiftWorkgroupUsageLimit,
  redshiftNamespaceAdminUsername,
  redshiftNamespaceManagedPassword,
  redshiftNamespaceAuditLogs,
  redshiftNamespaceDbName,
  redshiftClusterManagedPassword,
  redshiftClusterAuditLogging,
  redshiftClusterUserActivityLogging,
  redshiftParameterGroupRequireSsl,
  redshiftClusterAutomatedSnapshots,
  redshiftClusterVersionUpgrade,
  emrClusterLogging,
  emrClusterSecurityConfiguration,
  quicksightDataSourceSsl,
];
