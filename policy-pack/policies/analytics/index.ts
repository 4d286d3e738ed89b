// Data and analytics guardrails: Redshift Serverless workgroups and namespaces (./redshift.ts),
// RDS/Aurora (./rds.ts), AWS Backup, Secrets Manager and the EC2 Instance Connect Endpoint that
// gives BI users their tunnel (./backup-secrets.ts). Their encryption with customer-managed keys
// is the KMS policies' rule (../kms).
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
// Rule modules are imported in the order of `policies` below (the order the catalog keeps).
import {
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
  rdsBackupRetention,
  rdsCopyTagsToSnapshot,
  rdsDeletionProtection,
  rdsIamAuthentication,
  rdsManagedMasterPassword,
  rdsNotPublic,
} from "./rds";
import {
  backupPlanLifecycle,
  instanceConnectEndpointSecurityGroups,
  secretsManagerRotation,
} from "./backup-secrets";

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
  rdsNotPublic,
  rdsDeletionProtection,
  rdsIamAuthentication,
  rdsBackupRetention,
  rdsManagedMasterPassword,
  rdsCopyTagsToSnapshot,
  backupPlanLifecycle,
  secretsManagerRotation,
  instanceConnectEndpointSecurityGroups,
];
