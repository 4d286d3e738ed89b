// eks-component-managed-nodes-imdsv2: an @pulumi/eks ManagedNodeGroup's `enableIMDSv2`, which eks
// writes into the launch template it creates, with the verdict of ec2-instance-imdsv2 (Checkov
// CKV_AWS_79, Trivy AWS-0130, FSBP EC2.8).
import { expect } from "chai";
import {
  EKS_COMPONENT_MANAGED_NODE_GROUP,
  eksComponentNodesImdsV2,
} from "../../../policy-pack/policies/components/eks-imds";
import { res } from "../fixture";
import { findingsOf, run, UNKNOWN } from "../fixtures/iam";

const group = (over: Record<string, unknown> = {}) =>
  res(
    EKS_COMPONENT_MANAGED_NODE_GROUP,
    "workers",
    {
      cluster: "demo-eksCluster",
      nodeRoleArn: "arn:aws:iam::123456789012:role/workers",
      operatingSystem: "AL2",
      enableIMDSv2: true,
      ...over,
    },
    { custom: false },
  );

describe("eks-component-managed-nodes-imdsv2", () => {
  describe("Noncompliance", () => {
    it("CKV_AWS_79 / AWS-0130: enableIMDSv2 false", async () => {
      const f = await findingsOf(eksComponentNodesImdsV2, [group({ enableIMDSv2: false })]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain('httpTokens "optional"');
    });
    it("an enableIMDSv2 unknown at preview is a preview note, not a pass", async () => {
      const { findings, notes } = await run(eksComponentNodesImdsV2, [
        group({ enableIMDSv2: UNKNOWN }),
      ]);
      expect(findings).to.deep.equal([]);
      expect(notes).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture", async () => {
      expect(await findingsOf(eksComponentNodesImdsV2, [group()])).to.deep.equal([]);
    });
    it("left out: the AMI decides (AL2023 and Bottlerocket require IMDSv2), not judged", async () => {
      for (const operatingSystem of ["AL2", "AL2023", undefined]) {
        expect(
          await findingsOf(eksComponentNodesImdsV2, [
            group({ enableIMDSv2: undefined, operatingSystem }),
          ]),
          String(operatingSystem),
        ).to.deep.equal([]);
      }
    });
  });
});
