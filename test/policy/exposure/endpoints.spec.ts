// Endpoints open to the internet: Checkov CKV_AWS_87 (Redshift), CKV_AWS_38/39 and KICS "EKS
// Cluster Has Public Access CIDRs" (EKS), Trivy AWS-0041.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/exposure";
import { EKS_CLUSTER, REDSHIFT_CLUSTER } from "../../../policy-pack/lib/types";
import { res, violations } from "../fixture";

const policy = (name: string) => policies.find((p) => p.name === name)!;

describe("redshift-cluster-not-public", () => {
  const p = policy("redshift-cluster-not-public");
  const cluster = (extra: Record<string, unknown> = {}) =>
    res(REDSHIFT_CLUSTER, "rs", { clusterIdentifier: "rs", nodeType: "ra3.xlplus", ...extra });
  describe("Noncompliance", () => {
    it("CKV_AWS_87: publiclyAccessible true", async () => {
      expect(await violations(p, [cluster({ publiclyAccessible: true })])).to.deep.equal([
        "rs: publiclyAccessible is true.",
      ]);
    });
  });
  describe("Compliance", () => {
    it("publiclyAccessible false or unset (the provider's default is false)", async () => {
      expect(
        await violations(p, [cluster({ publiclyAccessible: false }), cluster()]),
      ).to.deep.equal([]);
    });
  });
});

describe("eks-cluster-endpoint-not-public", () => {
  const p = policy("eks-cluster-endpoint-not-public");
  const cluster = (vpcConfig: Record<string, unknown>) =>
    res(EKS_CLUSTER, "eks", {
      roleArn: "arn:r",
      vpcConfig: { subnetIds: ["subnet-1"], ...vpcConfig },
    });
  describe("Noncompliance", () => {
    it("CKV_AWS_38 / KICS positive: public endpoint open to 0.0.0.0/0", async () => {
      expect(
        await violations(p, [
          cluster({ endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] }),
        ]),
      ).to.have.length(1);
    });
    it("Trivy AWS-0041: the default (public endpoint, no CIDRs: 0.0.0.0/0)", async () => {
      expect(await violations(p, [cluster({})])).to.deep.equal([
        "eks: the public API endpoint is open to 0.0.0.0/0 (the default).",
      ]);
    });
  });
  describe("Compliance", () => {
    it("KICS negative: a listed range; and a private-only endpoint", async () => {
      expect(
        await violations(p, [
          cluster({ endpointPublicAccess: true, publicAccessCidrs: ["1.1.1.1/1"] }),
        ]),
      ).to.deep.equal([]);
      expect(
        await violations(p, [
          cluster({ endpointPublicAccess: false, endpointPrivateAccess: true }),
        ]),
      ).to.deep.equal([]);
    });
  });
});
