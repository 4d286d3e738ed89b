// EKS control-plane logging: Checkov CKV_AWS_37 and Trivy AWS-0038 fixtures as Pulumi inputs.
import { expect } from "chai";
import { policy, previewNotes, res, UNKNOWN as U, violations } from "../fixture";
import { EKS_CLUSTER } from "../../../policy-pack/lib/types";

const ALL = ["api", "audit", "authenticator", "controllerManager", "scheduler"];
const cluster = (extra: Record<string, unknown> = {}) =>
  res(EKS_CLUSTER, "eks", {
    name: "example",
    roleArn: "arn:aws:iam::123456789012:role/eks",
    vpcConfig: { subnetIds: ["subnet-1"], endpointPublicAccess: false },
    enabledClusterLogTypes: ALL,
    ...extra,
  });

describe("eks-cluster-control-plane-logging", () => {
  const p = policy("eks-cluster-control-plane-logging");
  describe("Noncompliance", () => {
    it("CKV_AWS_37 / Trivy AWS-0038: no log types at all", async () => {
      expect(await violations(p, [cluster({ enabledClusterLogTypes: undefined })])).to.deep.equal([
        "eks: enabledClusterLogTypes leaves out api, audit, authenticator, controllerManager, scheduler.",
      ]);
    });
    it('CKV_AWS_37: a partial list (["api", "audit"]) names what is missing', async () => {
      const found = await violations(p, [cluster({ enabledClusterLogTypes: ["api", "audit"] })]);
      expect(found).to.deep.equal([
        "eks: enabledClusterLogTypes leaves out authenticator, controllerManager, scheduler.",
      ]);
    });
    it("an unknown list is a preview note, not a pass", async () => {
      expect(await previewNotes(p, [cluster({ enabledClusterLogTypes: U })])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_37 / Trivy AWS-0038 passing fixture: all five types", async () => {
      expect(await violations(p, [cluster()])).to.deep.equal([]);
    });
    it("the required types are configurable (audit only)", async () => {
      expect(
        await violations(p, [cluster({ enabledClusterLogTypes: ["audit"] })], {
          "eks-cluster-control-plane-logging": { requiredLogTypes: ["audit"] },
        }),
      ).to.deep.equal([]);
    });
  });
});
