// @pulumi/eks Cluster component: the verdict of eks-cluster-endpoint-not-public on its inputs
// (Checkov CKV_AWS_38 / CKV_AWS_39, Trivy AWS-0040 / AWS-0041, FSBP EKS.1).
import { expect } from "chai";
import {
  EKS_COMPONENT_CLUSTER,
  eksComponentEndpointNotPublic,
} from "../../../policy-pack/policies/components/eks";
import { res } from "../fixture";
import { eksCluster } from "../fixtures/compute";
import { findingsOf, run, UNKNOWN } from "../fixtures/iam";

const cluster = (over: Record<string, unknown> = {}) =>
  eksCluster({ skipDefaultNodeGroup: true, ...over });

describe("eks-component-cluster-endpoint-not-public", () => {
  describe("Noncompliance", () => {
    it("CKV_AWS_39 / AWS-0040: the public endpoint on, explicitly or by default (left out)", async () => {
      for (const endpointPublicAccess of [true, undefined]) {
        const f = await findingsOf(eksComponentEndpointNotPublic, [
          cluster({ endpointPublicAccess }),
        ]);
        expect(f, String(endpointPublicAccess)).to.have.length(1);
        expect(f[0]).to.contain("0.0.0.0/0 (the default)");
      }
    });
    it("CKV_AWS_38 / AWS-0041: public to 0.0.0.0/0 or to both halves of the internet", async () => {
      for (const publicAccessCidrs of [["0.0.0.0/0"], ["0.0.0.0/1", "128.0.0.0/1"]]) {
        const f = await findingsOf(eksComponentEndpointNotPublic, [
          cluster({ endpointPublicAccess: true, publicAccessCidrs }),
        ]);
        expect(f, JSON.stringify(publicAccessCidrs)).to.have.length(1);
      }
    });
    it("a Cluster with no arguments (`new eks.Cluster(name)`, or `{}`): EKS's defaults, public to all", async () => {
      // eks 2 on is a remote component, whose inputs the SDK always sends, so `{}` is what the
      // program gave.
      const bare = res(EKS_COMPONENT_CLUSTER, "bare", {}, { custom: false });
      const f = await findingsOf(eksComponentEndpointNotPublic, [bare]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain("on (the default) and open to 0.0.0.0/0 (the default)");
    });
    it("a public-access setting unknown at preview is a preview note, not a pass", async () => {
      const { findings, notes } = await run(eksComponentEndpointNotPublic, [
        cluster({ endpointPublicAccess: UNKNOWN }),
      ]);
      expect(findings).to.deep.equal([]);
      expect(notes).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture: the public endpoint off", async () => {
      expect(await findingsOf(eksComponentEndpointNotPublic, [cluster()])).to.deep.equal([]);
    });
    it("CKV_AWS_38 passing: public, but only to the operators' range", async () => {
      expect(
        await findingsOf(eksComponentEndpointNotPublic, [
          cluster({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] }),
        ]),
      ).to.deep.equal([]);
    });
  });
});
