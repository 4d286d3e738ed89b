// Databases that survive a node or zone failure: Neptune replicas in another zone (cdk-nag
// AwsSolutions-N1, Security Hub Neptune.9), OpenSearch zone awareness and data nodes
// (AwsSolutions-OS7, Opensearch.6) and dedicated master nodes (AwsSolutions-OS4), ElastiCache
// Multi-AZ (AwsSolutions-AEC4) and Aurora MySQL backtracking (AwsSolutions-RDS14).
import { expect } from "chai";
import {
  ELASTICACHE_REPLICATION_GROUP,
  NEPTUNE_CLUSTER,
  NEPTUNE_CLUSTER_INSTANCE,
  OPENSEARCH_DOMAIN,
  RDS_CLUSTER,
} from "../../../policy-pack/lib/types";
import type { RecordedResource } from "../../../tools/lib/recorder";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf as one } from "../fixture";
import { AURORA_CLUSTER, NEPTUNE_BASE } from "../fixtures/databases";

describe("neptune-cluster-multi-az", () => {
  const name = "neptune-cluster-multi-az";
  const cluster = res(NEPTUNE_CLUSTER, "neptune", NEPTUNE_BASE);
  /** An instance of the cluster, linked as `clusterIdentifier: cluster.id` links it at preview. */
  const instance = (
    n: number,
    over: Record<string, unknown> = {},
    of: RecordedResource = cluster,
  ) =>
    res(
      NEPTUNE_CLUSTER_INSTANCE,
      `neptune-${n}`,
      { clusterIdentifier: UNKNOWN, instanceClass: "db.r6g.large", engine: "neptune", ...over },
      { refs: { clusterIdentifier: [of] } },
    );

  it("passes two instances placed by Neptune (the provider's example, count 2)", async () => {
    await expectClean(policy(name), [cluster, instance(1), instance(2)]);
  });

  it("passes instances named by the literal cluster identifier", async () => {
    const literal = (n: number) =>
      res(NEPTUNE_CLUSTER_INSTANCE, `neptune-${n}`, {
        clusterIdentifier: "neptune-cluster-demo",
        instanceClass: "db.r6g.large",
      });
    await expectClean(policy(name), [cluster, literal(1), literal(2)]);
  });

  it("N1 / Neptune.9: reports a cluster with one instance, or none", async () => {
    expect(await one(name, [cluster, instance(1)])).to.deep.equal([
      "neptune: the cluster has 1 instance(s): no replica in another zone can take over.",
    ]);
    expect(await one(name, [cluster])).to.have.length(1);
  });

  it("reports instances all pinned to one zone, and passes two zones", async () => {
    const pinned = [instance(1, { availabilityZone: "eu-west-1a" })];
    expect(
      await one(name, [cluster, ...pinned, instance(2, { availabilityZone: "eu-west-1a" })]),
    ).to.deep.equal(["neptune: every instance is placed in eu-west-1a."]);
    await expectClean(policy(name), [
      cluster,
      ...pinned,
      instance(2, { availabilityZone: "eu-west-1b" }),
    ]);
  });

  it("counts only the cluster's own instances", async () => {
    const other = res(NEPTUNE_CLUSTER, "other", { ...NEPTUNE_BASE, clusterIdentifier: "other" });
    expect(
      await one(name, [
        cluster,
        other,
        instance(1),
        instance(2, {}, other),
        instance(3, {}, other),
      ]),
    ).to.deep.equal([
      "neptune: the cluster has 1 instance(s): no replica in another zone can take over.",
    ]);
  });
});

const domain = (clusterConfig: Record<string, unknown>) =>
  res(OPENSEARCH_DOMAIN, "example", {
    domainName: "example",
    clusterConfig: { instanceType: "r6g.large.search", ...clusterConfig },
  });
const SPREAD = {
  instanceCount: 3,
  zoneAwarenessEnabled: true,
  zoneAwarenessConfig: { availabilityZoneCount: 3 },
  dedicatedMasterEnabled: true,
  dedicatedMasterCount: 3,
  dedicatedMasterType: "m6g.large.search",
};

describe("opensearch-domain-zone-awareness", () => {
  const name = "opensearch-domain-zone-awareness";
  it("passes three data nodes over three zones", async () => {
    await expectClean(policy(name), [domain(SPREAD)]);
  });
  it("OS7 / Opensearch.6: reports zone awareness off, left out, and fewer than three nodes", async () => {
    expect(await one(name, [domain({ ...SPREAD, zoneAwarenessEnabled: false })])).to.deep.equal([
      "example: clusterConfig.zoneAwarenessEnabled is not true: every data node is in one zone.",
    ]);
    // The provider's first example: one r4.large.search node, no zone awareness.
    expect(await one(name, [domain({ instanceType: "r4.large.search" })])).to.have.length(1);
    expect(await one(name, [domain({ ...SPREAD, instanceCount: 2 })])).to.deep.equal([
      "example: clusterConfig.instanceCount is 2 (< 3 data nodes).",
    ]);
  });
});

describe("opensearch-domain-dedicated-master-nodes", () => {
  const name = "opensearch-domain-dedicated-master-nodes";
  it("passes three dedicated master nodes", async () => {
    await expectClean(policy(name), [domain(SPREAD)]);
  });
  it("OS4: reports dedicated masters off or left out, and fewer than three", async () => {
    expect(await one(name, [domain({ ...SPREAD, dedicatedMasterEnabled: false })])).to.deep.equal([
      "example: clusterConfig.dedicatedMasterEnabled is not true: data nodes also elect the master.",
    ]);
    expect(await one(name, [domain({ instanceCount: 3 })])).to.have.length(1);
    expect(await one(name, [domain({ ...SPREAD, dedicatedMasterCount: 2 })])).to.deep.equal([
      "example: clusterConfig.dedicatedMasterCount is 2 (< 3 dedicated master nodes).",
    ]);
  });
});

describe("elasticache-replication-group-automatic-failover: Multi-AZ", () => {
  const name = "elasticache-replication-group-automatic-failover";
  const group = (over: Record<string, unknown>) =>
    res(ELASTICACHE_REPLICATION_GROUP, "example", {
      replicationGroupId: "example",
      description: "example",
      numCacheClusters: 2,
      automaticFailoverEnabled: true,
      ...over,
    });
  it("AEC4: reports multiAzEnabled false or left out, and passes true", async () => {
    expect(await one(name, [group({ multiAzEnabled: false })])).to.deep.equal([
      "example: multiAzEnabled is false: the replica that takes over may be in the primary's zone.",
    ]);
    expect(await one(name, [group({})])).to.have.length(1);
    await expectClean(policy(name), [group({ multiAzEnabled: true })]);
  });
});

describe("rds-aurora-mysql-backtrack", () => {
  const name = "rds-aurora-mysql-backtrack";
  const aurora = (over: Record<string, unknown>) =>
    res(RDS_CLUSTER, "aurora", { ...AURORA_CLUSTER, engine: "aurora-mysql", ...over });
  it("passes a backtrack window, and other engines", async () => {
    await expectClean(policy(name), [aurora({ backtrackWindow: 86400 })]);
    await expectClean(policy(name), [res(RDS_CLUSTER, "pg", AURORA_CLUSTER)]);
  });
  it("RDS14: reports an Aurora MySQL cluster without a window, or with 0", async () => {
    expect(await one(name, [aurora({})])).to.deep.equal([
      "aurora: backtrackWindow is not set (default 0): backtracking is off.",
    ]);
    expect(await one(name, [aurora({ engine: "aurora", backtrackWindow: 0 })])).to.have.length(1);
  });
  it("leaves a binlog replica alone (backtracking is not supported with binlog replication)", async () => {
    const replica = aurora({ replicationSourceIdentifier: "arn:aws:rds:eu-west-1:1:cluster:src" });
    await expectClean(policy(name), [replica]);
  });
  it("gives a preview note for an engine unknown at preview", async () => {
    expect(await previewNotes(policy(name), [aurora({ engine: UNKNOWN })])).to.have.length(1);
  });
});
