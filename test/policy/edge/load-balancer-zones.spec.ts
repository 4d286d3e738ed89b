// Load balancers in more than one zone (Security Hub ELB.13), from the provider's
// aws.lb.LoadBalancer examples (subnets from the stack, subnet mappings with Elastic IPs) and a
// Network Load Balancer in a single subnet.
import { expect } from "chai";
import { LB_LOAD_BALANCER } from "../../../policy-pack/lib/types";
import { expectClean, policy, previewNotes, res, UNKNOWN as U, violationsOf } from "../fixture";

describe("elb-load-balancer-multiple-zones", () => {
  const p = policy("elb-load-balancer-multiple-zones");
  const nlb = (over: Record<string, unknown>) =>
    res(LB_LOAD_BALANCER, "test", {
      name: "test-lb-tf",
      internal: false,
      loadBalancerType: "network",
      ...over,
    });

  it("ELB.13 compliant: two subnets (ids unknown at preview) and two subnet mappings", async () => {
    await expectClean(p, [nlb({ subnets: [U, U] })]);
    await expectClean(p, [
      nlb({
        subnetMappings: [
          { subnetId: U, allocationId: U },
          { subnetId: U, allocationId: U },
        ],
      }),
    ]);
  });
  it("ELB.13: a Network Load Balancer in one subnet", async () => {
    expect(await violationsOf(p.name, [nlb({ subnets: ["subnet-1"] })])).to.deep.equal([
      "test: placed in 1 subnet: the load balancer runs in one Availability Zone at most.",
    ]);
  });
  it("a subnet list unknown at preview gives a note, not a finding", async () => {
    const lb = nlb({ subnets: U });
    expect(await violationsOf(p.name, [lb])).to.deep.equal([]);
    expect(await previewNotes(p, [lb])).to.have.length(1);
  });
});
