// Database guardrails: RDS instances and Aurora clusters, and the DocumentDB and Neptune clusters
// that share their deletion-protection and backup rules (./rds.ts), RDS upgrades, Multi-AZ and
// monitoring and Aurora MySQL backtracking (./rds-operations.ts), Neptune clusters in several
// zones (./neptune.ts), OpenSearch and Elasticsearch domains (./search.ts), ElastiCache and DAX
// caches (./caches.ts), DynamoDB tables and QLDB ledgers' permissions mode (./nosql.ts),
// DocumentDB clusters' master passwords and cluster parameter groups (./documentdb.ts).
// Encryption with customer-managed keys is the KMS policies' rule (../kms/databases.ts,
// ../kms/nosql.ts); public snapshots and open resource policies are the exposure policies'
// (../exposure).
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  rdsBackupRetention,
  rdsCopyTagsToSnapshot,
  rdsDeletionProtection,
  rdsIamAuthentication,
  rdsManagedMasterPassword,
  rdsNotPublic,
} from "./rds";
import {
  rdsAutoMinorVersionUpgrade,
  rdsEnhancedMonitoring,
  rdsInstanceCaCertificate,
  rdsAuroraMysqlBacktrack,
  rdsMultiAz,
  rdsPerformanceInsights,
} from "./rds-operations";
import {
  searchAuditLogs,
  searchDedicatedMasters,
  searchFineGrainedAccess,
  searchHttpsOnly,
  searchInVpc,
  searchNodeToNodeEncryption,
  searchSlowLogs,
  searchZoneAwareness,
} from "./search";
import { neptuneClusterMultiAz } from "./neptune";
import {
  daxEndpointTls,
  elasticacheAuthentication,
  elasticacheBackupRetention,
  elasticacheAutomaticFailover,
  elasticacheTransitEncryption,
} from "./caches";
import { elasticacheMemcachedCrossAz } from "./cache-zones";
import { dynamodbPointInTimeRecovery, qldbLedgerStandardPermissions } from "./nosql";
import {
  docdbManagedMasterPassword,
  docdbParameterGroupAuditLogs,
  docdbParameterGroupTls,
} from "./documentdb";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  rdsNotPublic,
  rdsDeletionProtection,
  rdsIamAuthentication,
  rdsBackupRetention,
  rdsManagedMasterPassword,
  rdsCopyTagsToSnapshot,
  rdsAutoMinorVersionUpgrade,
  rdsMultiAz,
  rdsEnhancedMonitoring,
  rdsPerformanceInsights,
  rdsInstanceCaCertificate,
  rdsAuroraMysqlBacktrack,
  neptuneClusterMultiAz,
  searchNodeToNodeEncryption,
  searchHttpsOnly,
  searchInVpc,
  searchAuditLogs,
  searchSlowLogs,
  searchFineGrainedAccess,
  searchZoneAwareness,
  searchDedicatedMasters,
  elasticacheTransitEncryption,
  elasticacheAuthentication,
  elasticacheBackupRetention,
  elasticacheAutomaticFailover,
  elasticacheMemcachedCrossAz,
  daxEndpointTls,
  dynamodbPointInTimeRecovery,
  qldbLedgerStandardPermissions,
  docdbManagedMasterPassword,
  docdbParameterGroupTls,
  docdbParameterGroupAuditLogs,
];
