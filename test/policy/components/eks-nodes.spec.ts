// @pulumi/eks Cluster component: the verdict of ec2-instance-no-public-ip on the default node
// group it creates, judged on its inputs (the node group's launch template is out of sight offline).
import { expect } from "chai";
import {
  EKS_COMPONENT_CLUSTER,
  eksComponentNodesNoPublicIp,
} from "../../../policy-pack/policies/components/eks";
import { res } from "../fixture";
import { findingsOf, run, UNKNOWN } from "../fixtures/iam";

/** A cluster whose default node group gets no public IPs. */
const cluster = (over: Record<string, unknown> = {}) =>
  res(
    EKS_COMPONENT_CLUSTER,
    "cluster",
    {
      version: "1.31",
      endpointPrivateAccess: true,
      endpointPublicAccess: false,
      instanceType: "t3.medium",
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
    it("a component registered without its inputs shows nothing to judge", async () => {
      const bare = res(EKS_COMPONENT_CLUSTER, "cluster", {}, { custom: false });
      expect(await findingsOf(eksComponentNodesNoPublicIp, [bare])).to.deep.equal([]);
    });
  });
});
