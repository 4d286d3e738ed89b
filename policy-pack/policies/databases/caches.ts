// In-memory caches: ElastiCache replication groups encrypt traffic, require authentication and
// fail over automatically, Redis OSS and Valkey caches keep automatic backups, DAX cluster
// endpoints speak TLS. Encryption at rest with a customer-managed key is the KMS policies' rule
// (../kms/nosql.ts).
import { resourcePolicy } from "../../lib/define";
import { DAX_CLUSTER, ELASTICACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP } from "../../lib/types";
import {
  NATIVE_DAX_CLUSTER,
  NATIVE_ELASTICACHE_CACHE_CLUSTER,
  NATIVE_ELASTICACHE_REPLICATION_GROUP,
} from "../../lib/native/types";
import { peek, present, flagOn, flagValue } from "../../lib/values";
import { awsDocs, cdkNag, checkov, fsbp, trivy } from "../../lib/controls";

export const elasticacheTransitEncryption = resourcePolicy({
  name: "elasticache-replication-group-transit-encryption",
  description:
    "ElastiCache replication groups (Redis OSS, Valkey) encrypt traffic in transit " +
    "(transitEncryptionEnabled). Advisory: without TLS, cached data and AUTH credentials cross " +
    "the network in plaintext.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    'Set `transitEncryptionEnabled: true` (with `transitEncryptionMode: "preferred"` first when ' +
    "migrating a running group, then required), and connect clients with TLS.",
  references: [
    checkov("CKV_AWS_30"),
    trivy("AWS-0051"),
    fsbp("ElastiCache.5"),
    awsDocs("AmazonElastiCache/latest/dg/in-transit-encryption"),
  ],
  types: [ELASTICACHE_REPLICATION_GROUP, NATIVE_ELASTICACHE_REPLICATION_GROUP],
  check: (props, ctx) => {
    // A member of a global datastore takes the primary group's encryption settings.
    if (present(props, "globalReplicationGroupId")) return;
    if (!flagOn(props.transitEncryptionEnabled)) {
      ctx.report("transitEncryptionEnabled is not true: clients and replicas talk in plaintext.");
    } else if (props.transitEncryptionMode === "preferred") {
      ctx.report(
        'transitEncryptionMode is "preferred": unencrypted connections are still accepted.',
      );
    }
  },
});

export const elasticacheAuthentication = resourcePolicy({
  name: "elasticache-replication-group-authentication",
  description:
    "ElastiCache replication groups require clients to authenticate: an AUTH token, or role-based " +
    "access control through user groups (userGroupIds), over TLS. Advisory: otherwise anyone who " +
    "can reach the port can read and write every key.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Turn on transitEncryptionEnabled and set `userGroupIds` to a user group (RBAC, preferred) " +
    "or an `authToken` read from a secret.",
  references: [
    checkov("CKV_AWS_31"),
    fsbp("ElastiCache.6"),
    awsDocs("AmazonElastiCache/latest/dg/auth"),
  ],
  types: [ELASTICACHE_REPLICATION_GROUP, NATIVE_ELASTICACHE_REPLICATION_GROUP],
  check: (props, ctx) => {
    if (present(props, "globalReplicationGroupId")) return;
    // Checkov CKV_AWS_31 asks for an auth token with TLS; ElastiCache also authenticates through
    // RBAC user groups (AWS docs "Role-Based Access Control"), which AWS recommends over AUTH.
    // User groups unknown at preview will be ids: only whether there are any matters.
    const groups = peek(() => props.userGroupIds);
    const authenticated =
      present(props, "authToken") ||
      present(props, "authTokenWo") ||
      !groups.known ||
      (Array.isArray(groups.value) && groups.value.length > 0);
    if (!authenticated) {
      ctx.report("neither authToken nor userGroupIds is set: clients connect without credentials.");
    } else if (!flagOn(props.transitEncryptionEnabled)) {
      ctx.report(
        "credentials are set but transitEncryptionEnabled is not true: they travel in plaintext.",
      );
    }
  },
});

export const elasticacheBackupRetention = resourcePolicy({
  name: "elasticache-backup-retention",
  description:
    "ElastiCache Redis OSS and Valkey caches (replication groups and single-node clusters) keep " +
    "automatic backups (snapshotRetentionLimit of at least one day; the default 0 turns them " +
    "off). Advisory: recovery, not exposure. Memcached has no backups and is not judged.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `snapshotRetentionLimit` to the days of snapshots to keep (e.g. 7) and, optionally, a " +
    "`snapshotWindow` outside peak hours.",
  references: [
    checkov("CKV_AWS_134"),
    trivy("AWS-0050"),
    fsbp("ElastiCache.1"),
    awsDocs("AmazonElastiCache/latest/dg/backups-automatic"),
  ],
  types: [
    ELASTICACHE_REPLICATION_GROUP,
    ELASTICACHE_CLUSTER,
    NATIVE_ELASTICACHE_REPLICATION_GROUP,
    NATIVE_ELASTICACHE_CACHE_CLUSTER,
  ],
  check: (props, ctx, args) => {
    if (args.type === ELASTICACHE_CLUSTER) {
      // A member of a replication group takes the group's settings.
      if (present(props, "replicationGroupId")) return;
      // Checkov CKV_AWS_134 also fails memcached clusters, which cannot be backed up at all
      // (ElastiCache user guide, "Snapshot and restore": Redis OSS and Valkey only).
      if (String(props.engine ?? "").toLowerCase() === "memcached") return;
    } else if (present(props, "globalReplicationGroupId")) {
      return;
    }
    const days = props.snapshotRetentionLimit;
    if (typeof days !== "number" || days < 1) {
      ctx.report(
        `snapshotRetentionLimit is ${String(days ?? "not set (0)")}: automatic backups are off.`,
      );
    }
  },
});

export const elasticacheAutomaticFailover = resourcePolicy({
  name: "elasticache-replication-group-automatic-failover",
  description:
    "ElastiCache replication groups should fail over automatically to a replica in another Availability Zone " +
    "(automaticFailoverEnabled and multiAzEnabled), promoting it when the primary or its AZ fails. Advisory: it " +
    "needs at least two nodes, and a cache holding only rebuildable state may waive it for cost. Both are off by " +
    "default.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set `automaticFailoverEnabled: true` (and `multiAzEnabled: true`) with `numCacheClusters` of at least 2, or " +
    "replicas per node group in cluster mode.",
  references: [
    checkov("CKV2_AWS_50"),
    fsbp("ElastiCache.3"),
    cdkNag("AwsSolutions-AEC4"),
    awsDocs("Minimizing downtime in ElastiCache by using Multi-AZ"),
  ],
  types: [ELASTICACHE_REPLICATION_GROUP, NATIVE_ELASTICACHE_REPLICATION_GROUP],
  check: (props, ctx) => {
    if (!flagOn(props.automaticFailoverEnabled))
      ctx.report(
        `automaticFailoverEnabled is ${flagValue(props.automaticFailoverEnabled) === false ? "false" : "not set (default false)"}: no replica takes over when the primary fails.`,
      );
    // The provider's ReplicationGroup: multiAzEnabled "Defaults to false" and needs failover.
    else if (!flagOn(props.multiAzEnabled))
      ctx.report(
        `multiAzEnabled is ${flagValue(props.multiAzEnabled) === false ? "false" : "not set (default false)"}: the replica that takes over may be in the primary's zone.`,
      );
  },
});

export const daxEndpointTls = resourcePolicy({
  name: "dax-cluster-endpoint-tls",
  description:
    'DAX cluster endpoints use TLS (clusterEndpointEncryptionType "TLS"). Advisory: the default ' +
    "(NONE) sends cached items and requests unencrypted between the application and the cluster.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    'Set `clusterEndpointEncryptionType: "TLS"` (recreates the cluster) and connect with the ' +
    "daxs:// scheme.",
  references: [
    checkov("CKV_AWS_239"),
    awsDocs("amazondynamodb/latest/developerguide/DAXEncryptionInTransit"),
  ],
  types: [DAX_CLUSTER, NATIVE_DAX_CLUSTER],
  check: (props, ctx) => {
    if (props.clusterEndpointEncryptionType !== "TLS") {
      ctx.report(
        `clusterEndpointEncryptionType is ${String(props.clusterEndpointEncryptionType ?? "NONE (the default)")}: ` +
          "the endpoint does not use TLS.",
      );
    }
  },
});
