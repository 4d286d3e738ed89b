// elasticache-memcached-cross-az (KICS "ElastiCache Nodes Not Created Across Multi AZ"): a
// Memcached cluster of several nodes spread over zones passes; each field that puts every node in
// one zone draws the finding; single nodes, Redis OSS and replication-group members are not judged.
import { expect } from "chai";
import { ELASTICACHE_CLUSTER } from "../../../policy-pack/lib/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const NAME = "elasticache-memcached-cross-az";
const memcached = (over: Record<string, unknown> = {}) =>
  res(ELASTICACHE_CLUSTER, "sessions", {
    engine: "memcached",
    nodeType: "cache.t4g.small",
    numCacheNodes: 3,
    azMode: "cross-az",
    ...over,
  });

describe(NAME, () => {
  describe("Compliance", () => {
    it('three nodes with azMode "cross-az"', async () => {
      await expectClean(policy(NAME), [memcached()]);
    });
    it("preferredAvailabilityZones naming two zones (azMode left out)", async () => {
      const r = memcached({
        azMode: undefined,
        preferredAvailabilityZones: ["us-east-1a", "us-east-1b", "us-east-1a"],
      });
      expect(await violationsOf(NAME, [r])).to.deep.equal([]);
    });
    it("one node, Redis OSS, or a member of a replication group is not judged", async () => {
      for (const over of [
        { numCacheNodes: 1, azMode: "single-az" },
        { engine: "redis", azMode: undefined },
        { engine: undefined, replicationGroupId: "rg", azMode: undefined },
      ]) {
        expect(await violationsOf(NAME, [memcached(over)]), JSON.stringify(over)).to.deep.equal([]);
      }
    });
  });

  describe("Noncompliance", () => {
    it('azMode "single-az" (KICS positive, document 1)', async () => {
      expect(await violationsOf(NAME, [memcached({ azMode: "single-az" })])).to.deep.equal([
        'sessions: 3 Memcached nodes with azMode "single-az": every node sits in one Availability Zone.',
      ]);
    });
    it("azMode left out (KICS positive, document 2: ElastiCache assumes single-az)", async () => {
      expect(await violationsOf(NAME, [memcached({ azMode: undefined })])).to.deep.equal([
        'sessions: 3 Memcached nodes with azMode "not set (single-az)": every node sits in one Availability Zone.',
      ]);
    });
    it("preferredAvailabilityZones naming one zone, repeated", async () => {
      const r = memcached({
        azMode: undefined,
        preferredAvailabilityZones: ["us-east-1a", "us-east-1a"],
      });
      expect(await violationsOf(NAME, [r])).to.have.length(1);
    });
  });

  it("an azMode unknown at preview is a preview note, not a pass", async () => {
    expect(await previewNotes(policy(NAME), [memcached({ azMode: UNKNOWN })])).to.have.length(1);
  });
});
