// @pulumi/eks Cluster, NodeGroupV2 and NodeGroup components: the verdict of ec2-instance-no-public-ip
// on the node groups they create, judged on their inputs (the launch templates are out of sight
// offline).
import { expect } from "chai";
import {
  EKS_COMPONENT_CLUSTER,
  EKS_COMPONENT_NODE_GROUP,
  EKS_COMPONENT_NODE_GROUP_V2,
  eksComponentNodesNoPublicIp,
} from "../../../policy-pack/policies/components/eks";
import { res } from "../fixture";
import { eksCluster } from "../fixtures/compute";
import { findingsOf, run, UNKNOWN } from "../fixtures/iam";

/** A cluster whose default node group gets no public IPs. */
const cluster = (over: Record<string, unknown> = {}) =>
  eksCluster({ instanceType: "t3.medium", nodeAssociatePublicIpAddress: false, ...over });

/** A self-managed node group of `type` whose nodes get no public IPs. */
const nodeGroup = (type: string, over: Record<string, unknown> = {}) =>
  res(
    type,
    "workers",
    {
      instanceType: "t3.medium",
      nodeSubnetIds: ["subnet-0a1b2c3d4e5f60718"],
      nodeAssociatePublicIpAddress: false,
      ...over,
    },
    { custom: false },
  );

describe("eks-component-nodes-no-public-ip", () => {
  describe("Noncompliance", () => {
    it("the default node group's nodes get public IPs: asked for, or left out (eks's default is true)", async () => {
      for (const nodeAssociatePublicIpAddress of [true, undefined]) {
        const f = await findingsOf(eksComponentNodesNoPublicIp, [
          cluster({ nodeAssociatePublicIpAddress }),
        ]);
        expect(f, String(nodeAssociatePublicIpAddress)).to.have.length(1);
        expect(f[0]).to.contain("default node group");
      }
      const unset = await findingsOf(eksComponentNodesNoPublicIp, [
        cluster({ nodeAssociatePublicIpAddress: undefined }),
      ]);
      expect(unset[0]).to.contain("left out: eks assigns them by default");
    });
    it("the same through nodeGroupOptions, which take the place of the cluster's node settings", async () => {
      const f = await findingsOf(eksComponentNodesNoPublicIp, [
        cluster({
          nodeAssociatePublicIpAddress: undefined,
          instanceType: undefined,
          nodeGroupOptions: { instanceType: "t3.large" },
        }),
      ]);
      expect(f).to.have.length(1);
    });
    it("a Cluster with no arguments (`new eks.Cluster(name)`, or `{}`): every default, public IPs", async () => {
      // eks 2 on is a remote component, whose inputs the SDK always sends, so `{}` is what the
      // program gave.
      const bare = res(EKS_COMPONENT_CLUSTER, "bare", {}, { custom: false });
      const f = await findingsOf(eksComponentNodesNoPublicIp, [bare]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain("left out: eks assigns them by default");
    });
    it("a NodeGroupV2 or NodeGroup whose own nodeAssociatePublicIpAddress is true or left out", async () => {
      for (const type of [EKS_COMPONENT_NODE_GROUP_V2, EKS_COMPONENT_NODE_GROUP]) {
        for (const nodeAssociatePublicIpAddress of [true, undefined]) {
          const f = await findingsOf(eksComponentNodesNoPublicIp, [
            nodeGroup(type, { nodeAssociatePublicIpAddress }),
          ]);
          expect(f, `${type} ${nodeAssociatePublicIpAddress}`).to.have.length(1);
          expect(f[0]).to.contain("the node group's nodes get public IPv4 addresses");
        }
        const bare = res(type, "bare", {}, { custom: false });
        expect(await findingsOf(eksComponentNodesNoPublicIp, [bare]), type).to.have.length(1);
      }
    });
    it("a node group added to a cluster that skips its default one is judged on its own flag", async () => {
      const c = cluster({ skipDefaultNodeGroup: true, nodeAssociatePublicIpAddress: undefined });
      const ng = nodeGroup(EKS_COMPONENT_NODE_GROUP_V2, {
        nodeAssociatePublicIpAddress: undefined,
      });
      const { byResource } = await run(eksComponentNodesNoPublicIp, [c, ng]);
      expect([...byResource.keys()]).to.deep.equal([ng.name]);
    });
    it("a setting unknown at preview is a preview note, not a pass", async () => {
      const { findings, notes } = await run(eksComponentNodesNoPublicIp, [
        cluster({ skipDefaultNodeGroup: UNKNOWN, nodeAssociatePublicIpAddress: undefined }),
      ]);
      expect(findings).to.deep.equal([]);
      expect(notes).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture: nodeAssociatePublicIpAddress false", async () => {
      expect(await findingsOf(eksComponentNodesNoPublicIp, [cluster()])).to.deep.equal([]);
    });
    it("false in nodeGroupOptions", async () => {
      const nodeGroupOptions = { nodeAssociatePublicIpAddress: false };
      const c = cluster({ nodeAssociatePublicIpAddress: undefined, nodeGroupOptions });
      expect(await findingsOf(eksComponentNodesNoPublicIp, [c])).to.deep.equal([]);
    });
    it("a NodeGroupV2 or NodeGroup with nodeAssociatePublicIpAddress false", async () => {
      for (const type of [EKS_COMPONENT_NODE_GROUP_V2, EKS_COMPONENT_NODE_GROUP]) {
        expect(
          await findingsOf(eksComponentNodesNoPublicIp, [nodeGroup(type)]),
          type,
        ).to.deep.equal([]);
      }
    });
    it("no default node group: skipped, Fargate or Auto Mode", async () => {
      for (const over of [
        { skipDefaultNodeGroup: true },
        { fargate: true },
        { fargate: { selectors: [{ namespace: "apps" }] } },
        { autoMode: { enabled: true } },
      ]) {
        const c = cluster({ ...over, nodeAssociatePublicIpAddress: undefined });
        expect(
          await findingsOf(eksComponentNodesNoPublicIp, [c]),
          JSON.stringify(over),
        ).to.deep.equal([]);
      }
    });
  });
});
