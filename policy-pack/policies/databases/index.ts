// Relational database guardrails: RDS instances and Aurora clusters (./rds.ts). Storage and
// Performance Insights encryption with customer-managed keys is the KMS policies' rule
// (../kms/databases.ts); public snapshots are the exposure policies' (../exposure/sharing.ts).
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  rdsBackupRetention,
  rdsCopyTagsToSnapshot,
  rdsDeletionProtection,
  rdsIamAuthentication,
  rdsManagedMasterPassword,
  rdsNotPublic,
} from "./rds";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  rdsNotPublic,
  rdsDeletionProtection,
  rdsIamAuthentication,
  rdsBackupRetention,
  rdsManagedMasterPassword,
  rdsCopyTagsToSnapshot,
];
