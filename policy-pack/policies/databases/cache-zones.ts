// Memcached clusters spread their nodes over Availability Zones (advisory). Memcached keeps no
// replicas: a node lost with its zone takes its share of the keys with it, and a cluster whose
// nodes all sit in one zone loses every key at once. Redis OSS and Valkey fail over through
// replication groups instead (elasticache-replication-group-automatic-failover, ./caches.ts).
import { resourcePolicy } from "../../lib/define";
import { ELASTICACHE_CLUSTER } from "../../lib/types";
import { present } from "../../lib/values";
import { awsDocs, kics } from "../../lib/controls";
import { NATIVE_ELASTICACHE_CACHE_CLUSTER } from "../../lib/native/types";

// --- elasticache-memcached-cross-az ------------------------------------------------------------
export const elasticacheMemcachedCrossAz = resourcePolicy({
  name: "elasticache-memcached-cross-az",
  description:
    "Memcached clusters of more than one node place their nodes across Availability Zones " +
    '(azMode "cross-az", or preferredAvailabilityZones naming two zones or more). Advisory: ' +
    "availability, not exposure. Left out, ElastiCache creates every node in one zone.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Set `azMode: "cross-az"` on the aws.elasticache.Cluster (optionally with ' +
    "`preferredAvailabilityZones` listing the zones), with a subnet group spanning those zones.",
  references: [
    kics("ElastiCache Nodes Not Created Across Multi AZ"),
    // CreateCacheCluster, AZMode: "If the AZMode and PreferredAvailabilityZones are not
    // specified, ElastiCache assumes single-az mode."
    awsDocs("AmazonElastiCache/latest/APIReference/API_CreateCacheCluster"),
    awsDocs("AmazonElastiCache/latest/dg/RegionsAndAZs"),
  ],
  types: [ELASTICACHE_CLUSTER, NATIVE_ELASTICACHE_CACHE_CLUSTER],
  check: (props, ctx) => {
    // A member of a replication group is Redis OSS or Valkey and takes the group's placement.
    if (present(props, "replicationGroupId")) return;
    if (String(props.engine ?? "").toLowerCase() !== "memcached") return;
    const nodes = props.numCacheNodes;
    if (typeof nodes !== "number" || nodes < 2) return;
    if (props.azMode === "cross-az") return;
    const zones = new Set<unknown>(props.preferredAvailabilityZones ?? []);
    if (zones.size >= 2) return;
    ctx.report(
      `${nodes} Memcached nodes with azMode ${JSON.stringify(props.azMode ?? "not set (single-az)")}: ` +
        "every node sits in one Availability Zone.",
    );
  },
});
