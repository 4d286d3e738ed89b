// The compliant network fixture the VPC and EC2 specs break one field at a time: it is the
// preview view, and the policies it serves carry their metadata.
import { expect } from "chai";
import { policies as networkPolicies } from "../../../policy-pack/policies/network";
import { policies as computePolicies } from "../../../policy-pack/policies/compute";
import { policy, UNKNOWN as U } from "../fixture";
import { compliant } from "../fixtures/network";

const policies = [...networkPolicies, ...computePolicies.filter((p) => p.name.startsWith("ec2-"))];
const core = policy("ec2-compute-subnet-no-default-route");

describe("the compliant network fixture", () => {
  it("is really the preview view: ids of new resources are unknown", () => {
    const { r } = compliant();
    expect(r.computeAssoc.inputs.subnetId).to.equal(U);
    expect(r.computeAssoc.propertyDependencies.subnetId).to.deep.equal([r.computeA.urn]);
    expect(r.api.propertyDependencies.networkConfiguration).to.include(r.computeA.urn);
  });

  it("declares metadata on every policy", () => {
    for (const p of policies) {
      expect(p.name, p.name).to.match(/^ec2-[a-z0-9-]+$/);
      expect(p.description?.length, p.name).to.be.greaterThan(20);
      expect(p.severity, p.name).to.be.oneOf(["low", "medium", "high", "critical"]);
      expect(p.remediationSteps?.length, p.name).to.be.greaterThan(20);
    }
    expect(core.enforcementLevel).to.equal("mandatory");
    expect(core.severity).to.equal("critical");
  });
});
