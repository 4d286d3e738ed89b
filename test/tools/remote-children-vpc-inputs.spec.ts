// The inputs of awsx 3's Vpc that awsx refuses before creating anything (no child is made, and
// the refusal carries awsx's own message: tools/lib/engine/remote-children-vpc.ts), and its
// zone inputs read as awsx reads them. The children of accepted inputs: remote-children-vpc.spec.ts.
import { expect } from "chai";
import { UNKNOWN } from "../../tools/lib/fake-aws";
import { remoteOutputs } from "../../tools/lib/engine/remote-outputs";
import { awsxVpcRefusal } from "../../tools/lib/engine/remote-children-vpc";
import { AWSX, env, vpc } from "./remote-children-fixture";

describe("awsx 3 children: Vpc inputs awsx refuses, and its zones (apply phase)", () => {
  it("Vpc: inputs awsx refuses before creating anything make no child, not a made-up VPC", () => {
    const refused: Record<string, any>[] = [
      { natGateways: { strategy: "OnePerAz", elasticIpAllocationIds: ["eipalloc-1"] } }, // 1 of 3
      { natGateways: { strategy: "Single", elasticIpAllocationIds: ["eipalloc-1", "eipalloc-2"] } },
      { natGateways: { strategy: "None", elasticIpAllocationIds: ["eipalloc-1"] } },
      { natGateways: { strategy: "Sometimes" } },
      { subnetSpecs: [{ type: "Private" }] }, // OnePerAz needs a public subnet to host the gateway
      { subnetSpecs: [{ type: "Public" }], natGateways: { strategy: "Single" } },
      { subnetSpecs: [] },
      { ipv4IpamPoolId: "ipam-pool-1", ipv4NetmaskLength: 16, subnetStrategy: "Legacy" },
      { ipv4IpamPoolId: "ipam-pool-1" }, // neither cidrBlock nor ipv4NetmaskLength
      { availabilityZoneNames: ["eu-west-1a"], numberOfAvailabilityZones: 1 },
      { numberOfAvailabilityZones: 9 }, // eu-west-1 has 3
    ];
    for (const inputs of refused) {
      const v = vpc(inputs);
      expect(v.outputs, JSON.stringify(inputs)).to.deep.equal({});
      expect(v.children, JSON.stringify(inputs)).to.deep.equal([]);
      const plain = remoteOutputs("awsx:ec2:Vpc", "net", inputs, env, AWSX);
      expect(plain, JSON.stringify(inputs)).to.deep.equal({});
    }
    // What awsx accepts: private subnets alone without NAT, the same number of ids as zones, a
    // pool with the Auto allocator.
    for (const inputs of [
      { subnetSpecs: [{ type: "Private" }], natGateways: { strategy: "None" } },
      { natGateways: { elasticIpAllocationIds: ["eipalloc-1", "eipalloc-2", "eipalloc-3"] } },
      { ipv4IpamPoolId: "ipam-pool-1", ipv4NetmaskLength: 16, subnetStrategy: "Auto" },
    ]) {
      expect(vpc(inputs).outputs, JSON.stringify(inputs)).to.have.property("vpc");
    }
    // NAT settings unknown: subnets, but no NAT gateway or route; zones unknown: the VPC and its
    // gateway only (and the endpoint list awsx 3 always returns empty).
    const unknownNat = vpc({ natGateways: UNKNOWN });
    expect(unknownNat.outputs).to.not.have.any.keys("natGateways", "routes");
    expect(unknownNat.outputs.subnets).to.have.length(6);
    expect(Object.keys(vpc({ numberOfAvailabilityZones: UNKNOWN }).outputs)).to.deep.equal([
      "vpc",
      "internetGateway",
      "vpcEndpoints",
    ]);
  });

  it("Vpc: inputs awsx refuses, each with awsx's own message; accepted and unknown ones pass", () => {
    const zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
    const refusal = (inputs: Record<string, any>, strategy: unknown = "Legacy") =>
      awsxVpcRefusal(inputs, zones, strategy);
    expect(refusal({ numberOfAvailabilityZones: 4 })).to.deep.equal({
      prop: "numberOfAvailabilityZones",
      says:
        "The configured region for this provider does not have at least 4 Availability Zones. " +
        "Either specify an explicit list of zones in availabilityZoneNames or choose a region with at least 4 AZs.",
    });
    expect(refusal({ availabilityZoneNames: zones, numberOfAvailabilityZones: 2 })?.says).to.equal(
      "Only one of [availabilityZoneNames] and [numberOfAvailabilityZones] can be specified",
    );
    expect(refusal({ ipv4IpamPoolId: "ipam-1" })?.prop).to.equal("ipv4IpamPoolId");
    expect(
      refusal({ ipv4IpamPoolId: "ipam-1", cidrBlock: "10.0.0.0/16", ipv4NetmaskLength: 16 })?.says,
    ).to.equal("Only one of 'cidrBlock', 'ipv4NetmaskLength' is allowed.");
    expect(refusal({ ipv4IpamPoolId: "ipam-1", ipv4NetmaskLength: 16 })?.prop).to.equal(
      "subnetStrategy",
    );
    expect(refusal({ natGateways: { strategy: "Sometimes" } })?.says).to.equal(
      "Unknown NatGatewayStrategy 'Sometimes'",
    );
    expect(
      refusal({ natGateways: { strategy: "None", elasticIpAllocationIds: ["eipalloc-1"] } })?.says,
    ).to.equal(
      "Elastic IP allocation IDs cannot be specified when NAT Gateway strategy is 'None'.",
    );
    expect(
      refusal({ natGateways: { strategy: "OnePerAz", elasticIpAllocationIds: ["a", "b"] } })?.says,
    ).to.contain("must match the number of availability zones for the VPC (3)");
    expect(refusal({ subnetSpecs: [{ type: "Private" }] })?.prop).to.equal("subnetSpecs");
    for (const ok of [
      {},
      { numberOfAvailabilityZones: 3 },
      { natGateways: { strategy: "None" }, subnetSpecs: [{ type: "Private" }] },
      { numberOfAvailabilityZones: UNKNOWN },
      { ipv4IpamPoolId: "ipam-1", ipv4NetmaskLength: 16, subnetStrategy: "Auto" },
    ])
      expect(refusal(ok, ok.subnetStrategy ?? "Legacy"), JSON.stringify(ok)).to.equal(undefined);
  });

  it("Vpc zone inputs read as awsx reads them: `names && count` refuses, `names ?? getDefaultAzs(count)` picks", () => {
    // awsx/ec2/vpc.ts `initialize`: `if (args.availabilityZoneNames && args.numberOfAvailabilityZones)
    // throw`: JavaScript truthiness, so a count of 0 beside names is accepted and `[]` counts.
    const zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
    const refusal = (inputs: Record<string, any>) => awsxVpcRefusal(inputs, zones, "Legacy");
    const only =
      "Only one of [availabilityZoneNames] and [numberOfAvailabilityZones] can be specified";
    for (const accepted of [
      { availabilityZoneNames: ["eu-west-1b", "eu-west-1c"], numberOfAvailabilityZones: 0 },
      { availabilityZoneNames: ["eu-west-1b", "eu-west-1c"], numberOfAvailabilityZones: null },
      { availabilityZoneNames: null, numberOfAvailabilityZones: 2 },
    ])
      expect(refusal(accepted), JSON.stringify(accepted)).to.equal(undefined);
    expect(refusal({ availabilityZoneNames: [], numberOfAvailabilityZones: 2 })?.says).to.equal(
      only,
    );
    // Either side unknown: whether awsx refuses is unknown, so no refusal.
    expect(refusal({ availabilityZoneNames: UNKNOWN, numberOfAvailabilityZones: 2 })).to.equal(
      undefined,
    );
    // Names beside a count of 0: the named zones. A count alone takes the region's first
    // `count ?? 3` (`slice(0, count)`: 0 gives no zone, so no subnet, which a NAT strategy other
    // than None refuses); names `null`: the count.
    const named = vpc({
      availabilityZoneNames: ["eu-west-1b", "eu-west-1c"],
      numberOfAvailabilityZones: 0,
    });
    expect(named.outputs.subnets.map((r: any) => named.state(r).availabilityZone)).to.deep.equal([
      ...["eu-west-1b", "eu-west-1b", "eu-west-1c", "eu-west-1c"],
    ]);
    const none = { numberOfAvailabilityZones: 0, natGateways: { strategy: "None" } };
    expect(refusal(none)).to.equal(undefined);
    expect(vpc(none).outputs.subnets).to.deep.equal([]);
    expect(
      vpc({ availabilityZoneNames: null, numberOfAvailabilityZones: 2 }).names("subnets"),
    ).to.deep.equal(["net-public-1", "net-private-1", "net-public-2", "net-private-2"]);
  });
});
