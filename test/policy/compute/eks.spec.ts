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

describe("eks-cluster-supported-version", () => {
  const p = policy("eks-cluster-supported-version");
  it("CKV_AWS_339 fail: 1.21, and 1.31 (out of extended support since 2026-11-26)", async () => {
    expect(await violations(p, [cluster({ version: "1.21" })])).to.deep.equal([
      "eks: Kubernetes 1.21 is past the end of EKS support (supported: 1.32, 1.33, 1.34, 1.35, 1.36).",
    ]);
    expect(await violations(p, [cluster({ version: "1.31" })])).to.have.length(1);
  });
  it("CKV_AWS_339 pass, pass2: no version (EKS's default), 1.33 (extended support)", async () => {
    expect(await violations(p, [cluster(), cluster({ version: "1.33" })])).to.deep.equal([]);
  });
  it("a release newer than the list (1.37) is not reported, unlike Checkov's fixed list", async () => {
    expect(await violations(p, [cluster({ version: "1.37" })])).to.deep.equal([]);
  });
  it("an unknown version is a preview note", async () => {
    expect(await previewNotes(p, [cluster({ version: U })])).to.have.length(1);
  });
});

describe("eks-cluster-standard-support-version", () => {
  const p = policy("eks-cluster-standard-support-version");
  it("EKS kubernetes-versions: 1.33 and 1.34 are in extended support, billed extra", async () => {
    expect(await violations(p, [cluster({ version: "1.34" })])).to.deep.equal([
      "eks: Kubernetes 1.34 is not in EKS standard support (1.35, 1.36): extended support is billed extra.",
    ]);
    expect(await violations(p, [cluster({ version: "1.33" })])).to.have.length(1);
  });
  it("1.35, 1.36, a newer release, or no version (EKS's default) pass", async () => {
    const clusters = ["1.35", "1.36", "1.37"].map((version) => cluster({ version }));
    expect(await violations(p, [...clusters, cluster()])).to.deep.equal([]);
  });
  it("the list is configurable", async () => {
    const found = await violations(p, [cluster({ version: "1.34" })], {
      "eks-cluster-standard-support-version": { standardSupportVersions: ["1.34", "1.35"] },
    });
    expect(found).to.deep.equal([]);
  });
  it("is advisory, as is the supported-version rule", () => {
    expect(p.enforcementLevel).to.equal("advisory");
    expect(policy("eks-cluster-supported-version").enforcementLevel).to.equal("advisory");
  });
});
