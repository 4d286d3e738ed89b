// Neptune clusters that survive the loss of an Availability Zone: at least two instances, not all
// placed in one zone, so a replica in another zone can be promoted (Neptune User Guide, "Building
// resilient and disaster-tolerant Amazon Neptune deployments").
import { stackPolicy } from "../../lib/define";
import { eachWithReferrers } from "../../lib/references";
import { NEPTUNE_CLUSTER, NEPTUNE_CLUSTER_INSTANCE } from "../../lib/types";
import { awsDocs, cdkNag, fsbp } from "../../lib/controls";
import {
  NATIVE_NEPTUNE_DB_CLUSTER,
  NATIVE_NEPTUNE_DB_CLUSTER_V0,
  NATIVE_NEPTUNE_DB_INSTANCE,
  NATIVE_NEPTUNE_DB_INSTANCE_V0,
} from "../../lib/native/types";

export const neptuneClusterMultiAz = stackPolicy({
  name: "neptune-cluster-multi-az",
  description:
    "Neptune clusters run at least two instances (aws.neptune.ClusterInstance with the cluster's " +
    "clusterIdentifier), not all pinned to one availabilityZone, so a read replica in another " +
    "zone takes over when the primary's zone fails. Advisory: each replica is billed.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Add a second aws.neptune.ClusterInstance with `clusterIdentifier: cluster.id` and the " +
    "primary's instance class, and leave availabilityZone unset (or set another zone).",
  references: [
    cdkNag("AwsSolutions-N1"),
    fsbp("Neptune.9"),
    awsDocs("AWS Config rule neptune-cluster-multi-az-enabled"),
  ],
  types: [
    NEPTUNE_CLUSTER,
    NEPTUNE_CLUSTER_INSTANCE,
    NATIVE_NEPTUNE_DB_CLUSTER,
    NATIVE_NEPTUNE_DB_CLUSTER_V0,
    NATIVE_NEPTUNE_DB_INSTANCE,
    NATIVE_NEPTUNE_DB_INSTANCE_V0,
  ],
  appliesTo: [NEPTUNE_CLUSTER, NATIVE_NEPTUNE_DB_CLUSTER, NATIVE_NEPTUNE_DB_CLUSTER_V0],
  check: (ctx) => {
    const link = {
      type: NEPTUNE_CLUSTER_INSTANCE,
      prop: "clusterIdentifier",
      keys: ["clusterIdentifier"],
    };
    eachWithReferrers(ctx, NEPTUNE_CLUSTER, link, (cluster, instances) => {
      if (instances.length < 2) {
        ctx.report(
          cluster,
          `the cluster has ${instances.length} instance(s): no replica in another zone can take over.`,
        );
        return;
      }
      // Neptune places instances without an explicit zone itself; only explicit pins can agree.
      const zones = instances.map((i) => i.props.availabilityZone);
      if (zones.every((z) => typeof z === "string" && z !== "" && z === zones[0])) {
        ctx.report(cluster, `every instance is placed in ${String(zones[0])}.`);
      }
    });
  },
});
