// KMS policies: key rotation, explicit key policies without wildcard principals, deletion window,
// descriptions (./keys.ts); and encryption at rest with customer-managed keys for every resource
// that stores data, all mandatory: ECR, Redshift Serverless, CodeBuild, CodePipeline
// (./service-keys.ts), messaging and streams (./messaging.ts), relational and document databases
// (./databases.ts), key-value, cache and ledger stores (./nosql.ts), file systems, backups and
// secrets (./storage.ts), compute-side data (./compute.ts), search and analytics (./analytics.ts),
// Glue (./glue.ts), API caches (./api-caches.ts), machine images, Image Builder and snapshot copies
// (./images.ts), the snapshots a program takes (./snapshots.ts), the audit trail (./audit.ts) and
// data moved between or held by integration services (./integration.ts), Amazon Location trackers
// and geofence collections (./location.ts), and the data stores without a rule of their own, from a
// table (./other-stores.ts). EBS volumes are the compute policies' (../compute/ebs.ts), CloudWatch
// log groups the logs policies' and S3 buckets the S3 policies'.
//
// A key reference counts as customer-managed when it was built from a key, alias or replica key of
// this stack (property dependency: works at preview, when the key's ARN is unknown) or is a literal
// key id/ARN/alias outside the reserved `alias/aws/` namespace (lib/kms/keys.ts decides).
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { keyDeletionWindow, keyDescription, keyPolicyNoWildcard, keyRotationEnabled } from "./keys";
import { codebuildKms, codepipelineKms, ecrKms, redshiftKms } from "./service-keys";
import { firehoseKms, kinesisStreamKms, mqKms, mskKms, snsKms, sqsKms } from "./messaging";
import {
  dmsReplicationInstanceKms,
  snapshotCopyKms,
  dmsEndpointKms,
  docdbKms,
  neptuneKms,
  rdsPerformanceInsightsKms,
  rdsStorageEncrypted,
  redshiftClusterKms,
} from "./databases";
import {
  daxEncrypted,
  dynamodbKms,
  elasticacheKms,
  keyspacesKms,
  memorydbKms,
  qldbKms,
  timestreamKms,
  timestreamScheduledQueryKms,
} from "./nosql";
import {
  backupVaultKms,
  codeartifactKms,
  efsKms,
  fsxKms,
  secretsManagerKms,
  ssmParameterKms,
} from "./storage";
import {
  codebuildReportGroupKms,
  comprehendKms,
  workspacesKms,
  ecsExecKms,
  ssmSessionKms,
  eksSecretsKms,
  lambdaEnvironmentKms,
  sagemakerKms,
} from "./compute";
import {
  athenaKms,
  emrKms,
  kendraKms,
  opensearchServerlessEncryptionPolicyKms,
  searchDomainKms,
} from "./analytics";
import { glueKms, glueSecurityConfigurationAttached } from "./glue";
import { apigatewayCacheEncrypted, appsyncCacheEncrypted } from "./api-caches";
import { dlmCopyKms, imageKms, imagebuilderKms } from "./images";
import { cloudtrailKms } from "./audit";
import {
  appflowKms,
  connectStorageKms,
  eventArchiveKms,
  eventBusKms,
  mwaaKms,
  schedulerScheduleKms,
} from "./integration";
import { locationGeofenceKms, locationTrackerKms } from "./location";
import { snapshotKms } from "./snapshots";
import { exportsKms, exportsNoAwsKey, otherStoresKms } from "./other-stores";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  keyRotationEnabled,
  keyPolicyNoWildcard,
  keyDeletionWindow,
  keyDescription,
  ecrKms,
  redshiftKms,
  codebuildKms,
  codepipelineKms,
  snsKms,
  sqsKms,
  kinesisStreamKms,
  firehoseKms,
  mskKms,
  mqKms,
  rdsStorageEncrypted,
  rdsPerformanceInsightsKms,
  docdbKms,
  neptuneKms,
  redshiftClusterKms,
  dmsReplicationInstanceKms,
  snapshotCopyKms,
  snapshotKms,
  dmsEndpointKms,
  dynamodbKms,
  elasticacheKms,
  memorydbKms,
  daxEncrypted,
  keyspacesKms,
  timestreamKms,
  timestreamScheduledQueryKms,
  qldbKms,
  efsKms,
  fsxKms,
  backupVaultKms,
  codeartifactKms,
  secretsManagerKms,
  ssmParameterKms,
  lambdaEnvironmentKms,
  eksSecretsKms,
  ecsExecKms,
  ssmSessionKms,
  sagemakerKms,
  codebuildReportGroupKms,
  comprehendKms,
  workspacesKms,
  searchDomainKms,
  opensearchServerlessEncryptionPolicyKms,
  athenaKms,
  glueKms,
  glueSecurityConfigurationAttached,
  emrKms,
  kendraKms,
  apigatewayCacheEncrypted,
  appsyncCacheEncrypted,
  imageKms,
  imagebuilderKms,
  dlmCopyKms,
  cloudtrailKms,
  appflowKms,
  connectStorageKms,
  schedulerScheduleKms,
  eventBusKms,
  eventArchiveKms,
  mwaaKms,
  locationTrackerKms,
  locationGeofenceKms,
  otherStoresKms,
  exportsKms,
  exportsNoAwsKey,
];
