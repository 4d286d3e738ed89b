// Lookups of what a remote component created: a program that asks `aws.ec2.getRouteTable({
// subnetId })` for each private subnet of an awsx v3 VPC. At `pulumi preview` the subnet ids are
// unknown and so is the answer; at `pulumi up` AWS answers from the route table awsx made for the
// subnet. The apply phase answers it from the same children the VPC's outputs name, so the phase
// runs through and judges what only it can (a policy scoped to the endpoint those tables serve).
// Which table answers which subnet (OnePerAz, routes to the zone's NAT gateway):
// own-resources-children.spec.ts.
import { expect } from "chai";
import { byName, findings, QueuedRuns, stackOutputs } from "./program-runs";

const runs = new QueuedRuns();

describe("a program that looks up the route tables of an awsx VPC's subnets", function () {
  this.timeout(300_000);

  before(() => {
    runs.queueCheck("awsx-vpc-route-lookup", ["apply"]);
  });

  it("is answered from the VPC's own route tables in the apply phase, which then judges the rest", async () => {
    const r = await runs.check("awsx-vpc-route-lookup", ["apply"]);
    expect(r.phases.map((p) => p.phase)).to.deep.equal(["apply"]);
    const ids: unknown = stackOutputs(r).routeTableIds;
    expect(ids).to.be.an("array").with.length(2);
    for (const id of ids as unknown[]) expect(id).to.match(/^rtb-[0-9a-f]+$/);
    expect(new Set(ids as string[]).size).to.equal(2);
    // The gateway endpoint is given those tables.
    const endpoint = byName(r, "aws:ec2/vpcEndpoint:VpcEndpoint", "s3");
    expect(endpoint.inputs.routeTableIds).to.deep.equal(ids);
    const [wildcard] = findings(r, "iam-no-wildcard-actions", "through-endpoint");
    expect(wildcard?.enforcementLevel).to.equal("mandatory");
    expect(wildcard.phases).to.deep.equal(["apply"]);
    expect(r.unevaluated.filter((u) => u.name === "through-endpoint")).to.deep.equal([]);
  });
});
