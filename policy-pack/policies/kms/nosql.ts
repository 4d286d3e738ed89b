// Encryption at rest with customer-managed KMS keys for key-value, cache, ledger and time-series
// stores: DynamoDB tables and replicas, ElastiCache, MemoryDB, DAX, Keyspaces, Timestream (and its
// scheduled queries), QLDB.
import { customerKeyPolicy } from "../../lib/kms/keys";
import {
  DAX_CLUSTER,
  DYNAMODB_TABLE,
  DYNAMODB_TABLE_REPLICA,
  ELASTICACHE_CLUSTER,
  ELASTICACHE_REPLICATION_GROUP,
  ELASTICACHE_SERVERLESS_CACHE,
  KEYSPACES_TABLE,
  MEMORYDB_CLUSTER,
  MEMORYDB_SNAPSHOT,
  QLDB_LEDGER,
  TIMESTREAM_DATABASE,
  TIMESTREAM_SCHEDULED_QUERY,
} from "../../lib/types";
import {
  NATIVE_CASSANDRA_TABLE,
  NATIVE_DAX_CLUSTER,
  NATIVE_DYNAMODB_GLOBAL_TABLE,
  NATIVE_DYNAMODB_TABLE,
  NATIVE_ELASTICACHE_CACHE_CLUSTER,
  NATIVE_ELASTICACHE_REPLICATION_GROUP,
  NATIVE_ELASTICACHE_SERVERLESS_CACHE,
  NATIVE_MEMORYDB_CLUSTER,
  NATIVE_QLDB_LEDGER,
  NATIVE_TIMESTREAM_DATABASE,
  NATIVE_TIMESTREAM_SCHEDULED_QUERY,
} from "../../lib/native/types";
import { asList, flagOn, present } from "../../lib/values";
import { awsDocs, checkov, fsbp, kics, trivy } from "../../lib/controls";

export const dynamodbKms = customerKeyPolicy({
  name: "dynamodb-table-kms-cmk",
  description:
    "DynamoDB tables and their replicas encrypt data with a customer-managed KMS key (neither the " +
    "AWS-owned default nor the AWS-managed aws/dynamodb key).",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set serverSideEncryption: { enabled: true, kmsKeyArn: key.arn } and a kmsKeyArn (a customer " +
    "key in that region) on every replica and aws.dynamodb.TableReplica.",
  references: [
    checkov("CKV_AWS_119"),
    checkov("CKV_AWS_271"),
    kics("DynamoDB Table Not Encrypted"),
    trivy("AWS-0025"),
  ],
  types: [
    DYNAMODB_TABLE,
    DYNAMODB_TABLE_REPLICA,
    NATIVE_DYNAMODB_TABLE,
    NATIVE_DYNAMODB_GLOBAL_TABLE,
  ],
  noun: (r) => (r.type === DYNAMODB_TABLE ? "DynamoDB table" : "DynamoDB table replica"),
  check: (k) => {
    // DynamoDB developer guide, "Encryption at rest": every table is encrypted, with an AWS-owned
    // key (serverSideEncryption disabled, the default), the AWS-managed key aws/dynamodb (enabled
    // without kmsKeyArn) or a customer-managed key (kmsKeyArn).
    const managed = "the AWS-managed key aws/dynamodb";
    if (k.resource.type === DYNAMODB_TABLE_REPLICA) {
      k.requireKey({ prop: "kmsKeyArn", whenNone: managed });
      return;
    }
    const sse = k.setting("serverSideEncryption");
    if (!flagOn(sse?.enabled)) {
      k.report("serverSideEncryption is not enabled: the table uses an AWS-owned key.");
      return;
    }
    k.requireKey({
      prop: "serverSideEncryption",
      read: () => sse.kmsKeyArn,
      where: "serverSideEncryption.kmsKeyArn",
      whenNone: managed,
    });
    // UpdateTable ReplicaUpdates KMSMasterKeyId: a replica without a key uses aws/dynamodb in its
    // region.
    for (const replica of asList(k.props.replicas)) {
      k.requireKey({
        prop: "replicas",
        read: () => replica?.kmsKeyArn,
        where: `replica ${String(replica?.regionName ?? "")}`,
        whenNone: managed,
      });
    }
  },
});

export const elasticacheKms = customerKeyPolicy({
  name: "elasticache-kms-cmk",
  description:
    "ElastiCache replication groups (Redis OSS, Valkey) and serverless caches encrypt data at rest " +
    "with a customer-managed KMS key; a Redis OSS or Valkey cache cluster outside a replication " +
    "group, which cannot encrypt at rest, is a finding.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set atRestEncryptionEnabled: true and kmsKeyId to the stack's customer-managed key on " +
    "replication groups (recreates the group), and kmsKeyId on serverless caches. Create a Redis " +
    "OSS or Valkey cache as an aws.elasticache.ReplicationGroup (one node is allowed), not as a " +
    "standalone aws.elasticache.Cluster.",
  references: [
    checkov("CKV_AWS_29"),
    checkov("CKV_AWS_191"),
    kics("ElastiCache Replication Group Not Encrypted At Rest"),
    trivy("AWS-0045"),
    fsbp("ElastiCache.4"),
  ],
  types: [
    ELASTICACHE_REPLICATION_GROUP,
    ELASTICACHE_SERVERLESS_CACHE,
    ELASTICACHE_CLUSTER,
    NATIVE_ELASTICACHE_REPLICATION_GROUP,
    NATIVE_ELASTICACHE_SERVERLESS_CACHE,
    NATIVE_ELASTICACHE_CACHE_CLUSTER,
  ],
  noun: (r) =>
    r.type === ELASTICACHE_REPLICATION_GROUP
      ? "ElastiCache replication group"
      : r.type === ELASTICACHE_CLUSTER
        ? "ElastiCache cache cluster"
        : "ElastiCache serverless cache",
  check: (k) => {
    if (k.resource.type === ELASTICACHE_CLUSTER) {
      // ElastiCache User Guide, "At-Rest Encryption": it is supported only on replication groups
      // (CreateCacheCluster has no at-rest setting). A cluster that joins a replication group
      // takes the group's encryption; Memcached keeps its data in memory only.
      if (present(k.props, "replicationGroupId")) return;
      const engine = String(k.setting("engine") ?? "").toLowerCase();
      if (engine === "memcached") return;
      k.report(
        `a ${engine || "Redis OSS or Valkey"} cache cluster outside a replication group cannot encrypt its data at rest (disk during sync and swap, backups).`,
      );
      return;
    }
    if (k.resource.type === ELASTICACHE_SERVERLESS_CACHE) {
      // Serverless caches are always encrypted, with an AWS-owned key unless kmsKeyId is set.
      k.requireKey({ prop: "kmsKeyId", whenNone: "an AWS-owned key" });
      return;
    }
    // A member of a global datastore takes the primary group's encryption settings.
    if (present(k.props, "globalReplicationGroupId")) return;
    // Provider docs: atRestEncryptionEnabled defaults to false for redis and true for valkey.
    const atRest = k.setting("atRestEncryptionEnabled");
    const engine = String(k.props.engine ?? "redis").toLowerCase();
    const encrypted =
      flagOn(atRest) || ((atRest === undefined || atRest === null) && engine === "valkey");
    if (!encrypted) {
      k.report("atRestEncryptionEnabled is not true: nodes and backups are stored unencrypted.");
      return;
    }
    k.requireKey({ prop: "kmsKeyId", whenNone: "the AWS-managed key aws/elasticache" });
  },
});

export const memorydbKms = customerKeyPolicy({
  name: "memorydb-cluster-kms-cmk",
  description:
    "MemoryDB clusters, and the snapshots taken of them, encrypt data at rest with a " +
    "customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set kmsKeyArn to the stack's customer-managed key on every Cluster (recreates it) and " +
    "Snapshot.",
  references: [checkov("CKV_AWS_201"), checkov("CKV_AWS_278")],
  types: [MEMORYDB_CLUSTER, MEMORYDB_SNAPSHOT, NATIVE_MEMORYDB_CLUSTER],
  noun: (r) => (r.type === MEMORYDB_SNAPSHOT ? "MemoryDB snapshot" : "MemoryDB cluster"),
  check: (k) =>
    // MemoryDB developer guide, "At-rest encryption": always on, with an AWS-owned key by default.
    // A snapshot names its own key (CreateSnapshot KmsKeyId, "The ID of the KMS key used to
    // encrypt the snapshot"); one that names none is left to the service's choice.
    k.requireKey({
      prop: "kmsKeyArn",
      whenNone:
        k.resource.type === MEMORYDB_SNAPSHOT ? "a key the service chooses" : "an AWS-owned key",
    }),
});

export const daxEncrypted = customerKeyPolicy({
  name: "dax-cluster-encrypted",
  description:
    "DAX clusters encrypt data at rest. DAX supports no customer-managed key: it uses its " +
    "AWS-managed service key, so encryption being on is what can be demanded.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set serverSideEncryption: { enabled: true } (recreates the cluster). Keep data that must be " +
    "under a customer key in DynamoDB with a CMK and cache only what may sit under the DAX key.",
  references: [
    checkov("CKV_AWS_47"),
    kics("DAX Cluster Not Encrypted"),
    trivy("AWS-0023"),
    awsDocs("amazondynamodb/developerguide/DAXEncryptionAtRest"),
  ],
  types: [DAX_CLUSTER, NATIVE_DAX_CLUSTER],
  noun: "DAX cluster",
  check: (k) => {
    // DynamoDB developer guide, "DAX encryption at rest": DAX "integrates with AWS KMS for managing
    // the single service default key that is used to encrypt your clusters"; CreateCluster's
    // SSESpecification has no key parameter. A documented exception to the CMK rule, not a gap.
    if (!flagOn(k.props.serverSideEncryption?.enabled)) {
      k.report("serverSideEncryption is not enabled: cached items are stored unencrypted.");
    }
  },
});

export const keyspacesKms = customerKeyPolicy({
  name: "keyspaces-table-kms-cmk",
  description: "Keyspaces (Cassandra) tables encrypt data with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    'Set encryptionSpecification: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyIdentifier: key.arn }.',
  references: [checkov("CKV_AWS_265")],
  types: [KEYSPACES_TABLE, NATIVE_CASSANDRA_TABLE],
  noun: "Keyspaces table",
  check: (k) => {
    const spec = k.setting("encryptionSpecification");
    // Keyspaces API, EncryptionSpecification: AWS_OWNED_KMS_KEY (default) or
    // CUSTOMER_MANAGED_KMS_KEY with kmsKeyIdentifier.
    // (Older Checkov fixtures spell it CUSTOMER_MANAGED_KEY; the key decides either way.)
    const type = spec?.type ?? "AWS_OWNED_KMS_KEY";
    if (!String(type).startsWith("CUSTOMER_MANAGED")) {
      k.report(`encryptionSpecification.type is ${type}, not a customer-managed key.`);
      return;
    }
    k.requireKey({
      prop: "encryptionSpecification",
      read: () => spec.kmsKeyIdentifier,
      where: "encryptionSpecification.kmsKeyIdentifier",
      whenNone: "CUSTOMER_MANAGED_KMS_KEY needs a key",
    });
  },
});

export const timestreamKms = customerKeyPolicy({
  name: "timestream-database-kms-cmk",
  description: "Timestream databases encrypt data with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps: "Set kmsKeyId to the stack's customer-managed key.",
  references: [checkov("CKV_AWS_160")],
  types: [TIMESTREAM_DATABASE, NATIVE_TIMESTREAM_DATABASE],
  noun: "Timestream database",
  check: (k) =>
    k.requireKey({
      prop: "kmsKeyId",
      computed: true,
      whenNone: "the AWS-managed key aws/timestream",
    }),
});

// CreateScheduledQuery (https://docs.aws.amazon.com/timestream/latest/developerguide/API_query_CreateScheduledQuery.html),
// KmsKeyId: "If the Amazon KMS key is not specified, the scheduled query resource will be encrypted
// with a Timestream owned Amazon KMS key ... If ErrorReportConfiguration uses SSE_KMS as
// encryption type, the same KmsKeyId is used to encrypt the error report at rest."
// S3Configuration.EncryptionOption: "If no encryption option is specified, Timestream will choose
// SSE_S3 as default."
const SCHEDULED_QUERY_API = awsDocs(
  "timestream/latest/developerguide/API_query_CreateScheduledQuery",
);
const ERROR_REPORT_S3 = awsDocs("timestream/latest/developerguide/API_query_S3Configuration");

export const timestreamScheduledQueryKms = customerKeyPolicy({
  name: "timestream-scheduled-query-kms-cmk",
  description:
    "Timestream scheduled queries encrypt the scheduled query resource with a customer-managed " +
    "KMS key (kmsKeyId; left out, a Timestream-owned key) and write their error reports to S3 " +
    "with SSE_KMS under that key (left out, Timestream chooses SSE_S3).",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set `kmsKeyId` to the stack's customer-managed key and " +
    '`errorReportConfiguration.s3Configuration.encryptionOption: "SSE_KMS"`; the key policy ' +
    "lets the execution role use the key.",
  references: [SCHEDULED_QUERY_API, ERROR_REPORT_S3],
  types: [TIMESTREAM_SCHEDULED_QUERY, NATIVE_TIMESTREAM_SCHEDULED_QUERY],
  noun: "Timestream scheduled query",
  check: (k) => {
    k.requireKey({ prop: "kmsKeyId", whenNone: "a Timestream-owned key" });
    const option = k.props.errorReportConfiguration?.s3Configuration?.encryptionOption;
    if (option === "SSE_KMS") return;
    k.report(
      option === undefined || option === null
        ? "errorReportConfiguration.s3Configuration.encryptionOption is not set, and Timestream " +
            "writes error reports with SSE_S3, not the query's customer-managed key."
        : `errorReportConfiguration.s3Configuration.encryptionOption is ${option}, not SSE_KMS: ` +
            "error reports are not encrypted with the query's customer-managed key.",
    );
  },
});

export const qldbKms = customerKeyPolicy({
  name: "qldb-ledger-kms-cmk",
  description: "QLDB ledgers encrypt journal and indexed data with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    'Set kmsKey to the stack\'s customer-managed key (not "AWS_OWNED_KMS_KEY", the default).',
  references: [awsDocs("qldb/developerguide/encryption-at-rest")],
  types: [QLDB_LEDGER, NATIVE_QLDB_LEDGER],
  noun: "QLDB ledger",
  check: (k) => k.requireKey({ prop: "kmsKey", computed: true, whenNone: "an AWS-owned key" }),
});
