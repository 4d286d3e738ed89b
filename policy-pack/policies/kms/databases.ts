// Encryption at rest with customer-managed KMS keys for relational and document databases: RDS
// instances, Aurora and global clusters, RDS and DocumentDB Performance Insights, DocumentDB, Neptune, provisioned
// Redshift clusters, DMS replication instances and endpoints, and the copies of their snapshots and
// backups (RDS instance and cluster snapshot copies, replicated automated backups, Redshift
// snapshot copy grants).
import type { KeyCheck } from "../../lib/kms/keys";
import { customerKeyPolicy } from "../../lib/kms/keys";
import {
  DMS_ENDPOINT,
  DMS_REPLICATION_INSTANCE,
  DMS_S3_ENDPOINT,
  DOCDB_CLUSTER,
  DOCDB_CLUSTER_INSTANCE,
  DOCDB_ELASTIC_CLUSTER,
  DOCDB_GLOBAL_CLUSTER,
  NEPTUNE_CLUSTER,
  NEPTUNE_GLOBAL_CLUSTER,
  RDS_CLUSTER,
  RDS_CLUSTER_INSTANCE,
  RDS_CLUSTER_SNAPSHOT_COPY,
  RDS_GLOBAL_CLUSTER,
  RDS_INSTANCE,
  RDS_INSTANCE_AUTOMATED_BACKUPS_REPLICATION,
  RDS_SNAPSHOT_COPY,
  REDSHIFT_CLUSTER,
  REDSHIFT_SNAPSHOT_COPY_GRANT,
} from "../../lib/types";
import {
  NATIVE_DMS_ENDPOINT,
  NATIVE_DMS_REPLICATION_INSTANCE,
  NATIVE_DOCDB_DB_CLUSTER,
  NATIVE_DOCDB_DB_CLUSTER_V0,
  NATIVE_NEPTUNE_DB_CLUSTER,
  NATIVE_NEPTUNE_DB_CLUSTER_V0,
  NATIVE_RDS_DB_CLUSTER,
  NATIVE_RDS_DB_CLUSTER_V0,
  NATIVE_RDS_DB_INSTANCE,
  NATIVE_RDS_DB_INSTANCE_V0,
  NATIVE_REDSHIFT_CLUSTER,
} from "../../lib/native/types";
import { flagOn, holdsValue, present, flagValue } from "../../lib/values";
import { auroraMember } from "../../lib/databases/aurora";
import { cdkNag, checkov, fsbp, kics, trivy } from "../../lib/controls";

/**
 * `storageEncrypted` (or another flag) must be true; unset means unencrypted for these engines.
 * `computed`: the provider computes the flag when unset (see `KeyCheck.setting`).
 */
function requireFlag(k: KeyCheck, prop: string, computed = false): boolean {
  if (flagOn(computed ? k.setting(prop) : k.props[prop])) return true;
  k.report(`${prop} is not true.`);
  return false;
}

/**
 * Storage encryption of the engines built on RDS's storage layer (DocumentDB and Neptune clusters):
 * `storageEncrypted` must be true and `keyProp` must name a customer-managed key, since without one
 * they encrypt with RDS's AWS-managed key aws/rds.
 */
function requireRdsStorageKey(k: KeyCheck, keyProp: string): void {
  requireFlag(k, "storageEncrypted");
  k.requireKey({ prop: keyProp, computed: true, whenNone: "the AWS-managed key aws/rds" });
}

export const rdsStorageEncrypted = customerKeyPolicy({
  name: "rds-storage-encrypted-cmk",
  description:
    "RDS instances and Aurora clusters encrypt storage with a customer-managed KMS key " +
    "(storageEncrypted plus kmsKeyId), and global clusters are encrypted. Mandatory: encryption " +
    "cannot be added after creation, and the AWS-managed aws/rds key cannot be governed or shared.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `storageEncrypted: true` and `kmsKeyId` to the stack's customer-managed key (the database " +
    "must be recreated, e.g. restored from an encrypted snapshot copy); set `storageEncrypted: true` " +
    "on global clusters.",
  references: [
    cdkNag("AwsSolutions-RDS2"),
    checkov("CKV_AWS_16"),
    checkov("CKV_AWS_96"),
    checkov("CKV_AWS_140"),
    checkov("CKV_AWS_327"),
    kics("Aurora With Disabled at Rest Encryption"),
    kics("DB Instance Storage Not Encrypted"),
    kics("RDS Storage Not Encrypted"),
    trivy("AWS-0079"),
    trivy("AWS-0080"),
    fsbp("RDS.3"),
    fsbp("RDS.27"),
  ],
  types: [
    RDS_INSTANCE,
    RDS_CLUSTER,
    RDS_GLOBAL_CLUSTER,
    NATIVE_RDS_DB_INSTANCE,
    NATIVE_RDS_DB_CLUSTER,
    NATIVE_RDS_DB_INSTANCE_V0,
    NATIVE_RDS_DB_CLUSTER_V0,
  ],
  noun: (r) =>
    r.type === RDS_INSTANCE
      ? "RDS instance"
      : r.type === RDS_CLUSTER
        ? "RDS cluster"
        : "RDS global cluster",
  check: (k) => {
    const type = k.resource.type;
    if (type === RDS_GLOBAL_CLUSTER) {
      // A global cluster created from an existing cluster takes that cluster's encryption.
      if (present(k.props, "sourceDbClusterIdentifier")) return;
      requireFlag(k, "storageEncrypted", true);
      return;
    }
    // A read replica inherits the source's encryption and, in the source's region, its key
    // (RDS user guide, "Limitations of Amazon RDS encrypted DB instances"); the source is checked.
    // A replica in another Region names a key of its own Region instead (RDS API
    // CreateDBInstanceReadReplica, KmsKeyId: "If you create an encrypted read replica in a
    // different AWS Region, then you must specify a KMS key identifier for the destination AWS
    // Region"): that key is judged like any other.
    if (type === RDS_INSTANCE && present(k.props, "replicateSourceDb")) {
      if (holdsValue(() => k.setting("kmsKeyId"))) {
        k.requireKey({ prop: "kmsKeyId", computed: true, whenNone: "the AWS-managed key aws/rds" });
      }
      return;
    }
    // An aws-native DBInstance that joins an Aurora cluster (dbClusterIdentifier) takes the
    // cluster's encryption, which is judged on the DBCluster (CloudFormation AWS::RDS::DBInstance
    // StorageEncrypted: "Not applicable. The encryption for DB instances is managed by the DB
    // cluster"). A classic aws.rds.Instance has no such input.
    if (auroraMember(type, k.props)) return;
    // Aurora Serverless v1 ("serverless" engine mode) is always encrypted.
    const alwaysEncrypted = type === RDS_CLUSTER && k.props.engineMode === "serverless";
    if (!alwaysEncrypted) requireFlag(k, "storageEncrypted", type === RDS_CLUSTER);
    k.requireKey({ prop: "kmsKeyId", computed: true, whenNone: "the AWS-managed key aws/rds" });
  },
});

const PERFORMANCE_INSIGHTS_NOUN: Record<string, string> = {
  [RDS_INSTANCE]: "RDS instance",
  [RDS_CLUSTER_INSTANCE]: "RDS cluster instance",
  [RDS_CLUSTER]: "RDS cluster",
  [DOCDB_CLUSTER_INSTANCE]: "DocumentDB instance",
};

export const rdsPerformanceInsightsKms = customerKeyPolicy({
  name: "rds-performance-insights-kms-cmk",
  description:
    "RDS, Aurora and DocumentDB Performance Insights data (query text included) is encrypted " +
    "with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Where performanceInsightsEnabled (DocumentDB: enablePerformanceInsights) is true, set " +
    "performanceInsightsKmsKeyId to the stack's customer-managed key (it cannot be changed once " +
    "Performance Insights is on).",
  references: [checkov("CKV_AWS_354"), trivy("AWS-0078")],
  types: [
    ...Object.keys(PERFORMANCE_INSIGHTS_NOUN),
    NATIVE_RDS_DB_INSTANCE,
    NATIVE_RDS_DB_INSTANCE_V0,
    NATIVE_RDS_DB_CLUSTER,
    NATIVE_RDS_DB_CLUSTER_V0,
  ],
  noun: (r) => PERFORMANCE_INSIGHTS_NOUN[r.type],
  check: (k) => {
    // DocumentDB names the switch enablePerformanceInsights; without a key it uses the account's
    // default key (CreateDBInstance PerformanceInsightsKMSKeyId, DocumentDB API Reference).
    const on =
      k.resource.type === DOCDB_CLUSTER_INSTANCE
        ? "enablePerformanceInsights"
        : "performanceInsightsEnabled";
    if (!flagOn(k.setting(on))) return;
    // RDS user guide, "Turning Performance Insights on and off": without a key, the AWS-managed
    // key aws/rds encrypts Performance Insights data.
    k.requireKey({
      prop: "performanceInsightsKmsKeyId",
      computed: true,
      whenNone: "the AWS-managed key aws/rds",
    });
  },
});

const DOCDB_NOUN: Record<string, string> = {
  [DOCDB_CLUSTER]: "DocumentDB cluster",
  [DOCDB_ELASTIC_CLUSTER]: "DocumentDB elastic cluster",
  [DOCDB_GLOBAL_CLUSTER]: "DocumentDB global cluster",
};

export const docdbKms = customerKeyPolicy({
  name: "docdb-cluster-kms-cmk",
  description:
    "DocumentDB clusters and elastic clusters encrypt storage with a customer-managed KMS key, and " +
    "global clusters are encrypted.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set storageEncrypted: true and kmsKeyId to the stack's customer-managed key (recreates the " +
    "cluster); set kmsKeyId on elastic clusters; set storageEncrypted: true on global clusters.",
  references: [
    checkov("CKV_AWS_74"),
    checkov("CKV_AWS_182"),
    checkov("CKV_AWS_292"),
    kics("DOCDB Cluster Not Encrypted"),
    kics("DOCDB Cluster Without KMS"),
    trivy("AWS-0021"),
    trivy("AWS-0022"),
    fsbp("DocumentDB.1"),
  ],
  types: [...Object.keys(DOCDB_NOUN), NATIVE_DOCDB_DB_CLUSTER, NATIVE_DOCDB_DB_CLUSTER_V0],
  noun: (r) => DOCDB_NOUN[r.type],
  check: (k) => {
    if (k.resource.type === DOCDB_GLOBAL_CLUSTER) {
      if (present(k.props, "sourceDbClusterIdentifier")) return;
      requireFlag(k, "storageEncrypted");
      return;
    }
    if (k.resource.type === DOCDB_ELASTIC_CLUSTER) {
      // CreateCluster (DocumentDB elastic) KmsKeyId: storage is always encrypted, with an
      // AWS-owned key unless a customer key is named.
      k.requireKey({ prop: "kmsKeyId", computed: true, whenNone: "an AWS-owned key" });
      return;
    }
    requireRdsStorageKey(k, "kmsKeyId");
  },
});

export const neptuneKms = customerKeyPolicy({
  name: "neptune-cluster-kms-cmk",
  description:
    "Neptune clusters encrypt storage with a customer-managed KMS key, and global clusters are " +
    "encrypted.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set storageEncrypted: true and kmsKeyArn to the stack's customer-managed key (recreates the " +
    "cluster); set storageEncrypted: true on global clusters not created from a cluster.",
  references: [
    checkov("CKV_AWS_44"),
    trivy("AWS-0076"),
    trivy("AWS-0128"),
    fsbp("Neptune.1"),
    kics("Neptune Database Cluster Encryption Disabled"),
  ],
  types: [
    NEPTUNE_CLUSTER,
    NEPTUNE_GLOBAL_CLUSTER,
    NATIVE_NEPTUNE_DB_CLUSTER,
    NATIVE_NEPTUNE_DB_CLUSTER_V0,
  ],
  noun: (r) => (r.type === NEPTUNE_CLUSTER ? "Neptune cluster" : "Neptune global cluster"),
  check: (k) => {
    if (k.resource.type === NEPTUNE_GLOBAL_CLUSTER) {
      // CreateGlobalCluster (Neptune): one created from an existing cluster takes its encryption;
      // one created empty is unencrypted unless StorageEncrypted is true.
      if (present(k.props, "sourceDbClusterIdentifier")) return;
      requireFlag(k, "storageEncrypted");
      return;
    }
    requireRdsStorageKey(k, "kmsKeyArn");
  },
});

export const redshiftClusterKms = customerKeyPolicy({
  name: "redshift-cluster-kms-cmk",
  description: "Provisioned Redshift clusters encrypt data with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Keep encrypted: "true" (the default) and set kmsKeyId to the stack\'s customer-managed key.',
  references: [
    checkov("CKV_AWS_188"),
    checkov("CKV_AWS_64"),
    checkov("CKV_AWS_142"),
    kics("Redshift Not Encrypted"),
    trivy("AWS-0084"),
    fsbp("Redshift.10"),
  ],
  // aws-native Clusters take the same encrypted (a boolean there) and kmsKeyId (../../lib/native).
  types: [REDSHIFT_CLUSTER, NATIVE_REDSHIFT_CLUSTER],
  noun: "Redshift cluster",
  check: (k) => {
    // The provider types `encrypted` as a string ("true"/"false"); it defaults to true.
    const encrypted = k.props.encrypted;
    if (flagValue(encrypted) === false) {
      k.report("encrypted is false: the cluster stores data unencrypted.");
      return;
    }
    k.requireKey({
      prop: "kmsKeyId",
      computed: true,
      whenNone: "Redshift then uses the AWS-managed key aws/redshift",
    });
  },
});

export const dmsReplicationInstanceKms = customerKeyPolicy({
  name: "dms-replication-instance-kms-cmk",
  description:
    "DMS replication instances encrypt their storage (data in flight through the migration) with a " +
    "customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps: "Set kmsKeyArn to the stack's customer-managed key (recreates the instance).",
  references: [checkov("CKV_AWS_212")],
  // An aws-native ReplicationInstance names the key kmsKeyId (../../lib/native/twins-workloads.ts).
  types: [DMS_REPLICATION_INSTANCE, NATIVE_DMS_REPLICATION_INSTANCE],
  noun: "DMS replication instance",
  check: (k) =>
    k.requireKey({ prop: "kmsKeyArn", computed: true, whenNone: "the AWS-managed key aws/dms" }),
});

const COPY_NOUN: Record<string, string> = {
  [RDS_SNAPSHOT_COPY]: "RDS snapshot copy",
  [RDS_CLUSTER_SNAPSHOT_COPY]: "RDS cluster snapshot copy",
  [RDS_INSTANCE_AUTOMATED_BACKUPS_REPLICATION]: "RDS automated backups replication",
  [REDSHIFT_SNAPSHOT_COPY_GRANT]: "Redshift snapshot copy grant",
};

export const snapshotCopyKms = customerKeyPolicy({
  name: "database-snapshot-copy-kms-cmk",
  description:
    "Copies of database snapshots and backups are encrypted with a customer-managed KMS key: RDS " +
    "instance and cluster snapshot copies and replicated automated backups name their key, and Redshift snapshot copy " +
    "grants (cross-region copies of cluster snapshots) name a customer key of the destination " +
    "region.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set kmsKeyId to a customer-managed key of the destination region on aws.rds.SnapshotCopy, " +
    "aws.rds.ClusterSnapshotCopy, " +
    "aws.rds.InstanceAutomatedBackupsReplication and aws.redshift.SnapshotCopyGrant.",
  references: [checkov("CKV_AWS_266"), checkov("CKV_AWS_245"), checkov("CKV_AWS_281")],
  types: Object.keys(COPY_NOUN),
  noun: (r) => COPY_NOUN[r.type],
  check: (k) => {
    switch (k.resource.type) {
      case RDS_SNAPSHOT_COPY:
      case RDS_CLUSTER_SNAPSHOT_COPY:
        // CopyDBSnapshot and CopyDBClusterSnapshot KmsKeyId: without it the copy keeps the
        // source's key (an unencrypted source gives an unencrypted copy).
        k.requireKey({
          prop: "kmsKeyId",
          computed: true,
          whenNone: "the copy keeps the source snapshot's encryption, if any",
        });
        return;
      case RDS_INSTANCE_AUTOMATED_BACKUPS_REPLICATION:
        // StartDBInstanceAutomatedBackupsReplication KmsKeyId: without it the provider uses the
        // AWS-managed key of the destination region.
        k.requireKey({ prop: "kmsKeyId", computed: true, whenNone: "the AWS-managed key aws/rds" });
        return;
      default:
        // CreateSnapshotCopyGrant KmsKeyId: "If no key is specified, the default key is used."
        k.requireKey({ prop: "kmsKeyId", whenNone: "the AWS-managed key aws/redshift" });
    }
  },
});

export const dmsEndpointKms = customerKeyPolicy({
  name: "dms-endpoint-kms-cmk",
  description:
    "DMS endpoints encrypt their connection settings with a customer-managed KMS key, and S3 " +
    "target endpoints write the migrated data with SSE-KMS under one.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set kmsKeyArn to the stack's customer-managed key on aws.dms.Endpoint and aws.dms.S3Endpoint; " +
    'on an S3Endpoint that sets encryptionMode, use "SSE_KMS" with serverSideEncryptionKmsKeyId.',
  references: [checkov("CKV_AWS_296"), checkov("CKV_AWS_298")],
  types: [DMS_ENDPOINT, DMS_S3_ENDPOINT, NATIVE_DMS_ENDPOINT],
  noun: (r) => (r.type === DMS_S3_ENDPOINT ? "DMS S3 endpoint" : "DMS endpoint"),
  check: (k) => {
    // CreateEndpoint KmsKeyId: "If you don't specify a value, AWS DMS uses your default
    // encryption key", the AWS-managed key aws/dms.
    k.requireKey({ prop: "kmsKeyArn", computed: true, whenNone: "the AWS-managed key aws/dms" });
    if (k.resource.type !== DMS_S3_ENDPOINT) return;
    // S3Settings EncryptionMode: SSE_S3 (the service default) or SSE_KMS with
    // ServerSideEncryptionKmsKeyId. Only a mode the program states is judged here, as Checkov does;
    // the target bucket itself is judged by the bucket rules when the stack manages it.
    const mode = k.setting("encryptionMode");
    if (mode === "SSE_S3") {
      k.report("encryptionMode is SSE_S3: the migrated data is written without a KMS key.");
    } else if (mode === "SSE_KMS") {
      k.requireKey({
        prop: "serverSideEncryptionKmsKeyId",
        whenNone: "S3 then uses the AWS-managed key aws/s3",
      });
    }
  },
});
