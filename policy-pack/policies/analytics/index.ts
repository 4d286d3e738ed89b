// Data-warehouse guardrails: Redshift Serverless workgroups and namespaces, and provisioned
// clusters' master passwords (./redshift.ts). Their encryption with customer-managed keys is the
// KMS policies' rule (../kms); the RDS rules are in ../databases, AWS Backup in ../backup, Secrets
// Manager rotation in ../secrets.
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
];
