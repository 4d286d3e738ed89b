// An awsx Vpc whose subnet layout does not fit its block is refused as awsx's own allocators
// refuse it (tools/lib/engine/remote-children-vpc-cidrs.ts): pulumi/pulumi-awsx
// awsx/ec2/subnetDistributorNew.ts (`allocateSubnetCidrBlocks`: "Subnets are too large for VPC",
// `defaultSubnetInputs`: a /26 per zone, "No subnets specified"), subnetDistributorLegacy.ts
// (`cidrSubnetV4`: "Requested N new bits") and vpc.ts `validateSubnets` (overlapping subnets).
import { expect } from "chai";
import { UNKNOWN } from "../../tools/lib/fake-aws";
import { awsxVpcRefusal } from "../../tools/lib/engine/remote-children-vpc";
import { remoteRefusal } from "../../tools/lib/engine/remote-refusals";

const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
const refusal = (inputs: Record<string, unknown>, strategy = "Auto", version = "3.9.0") =>
  awsxVpcRefusal(inputs, ZONES, strategy, "net", version);
const spec = (type: string, cidrMask?: number) => ({ type, cidrMask });

/** A /24 over three zones: awsx's Auto allocator gives each zone a /26, 64 addresses. */
const TIGHT = { cidrBlock: "10.0.0.0/24", subnetStrategy: "Auto" };

describe("awsx Vpc: a subnet layout that does not fit its block", () => {
  describe("refused, with awsx's own message", () => {
    it("Auto: subnets of a zone adding up to more than its block", () => {
      const r = refusal({ ...TIGHT, subnetSpecs: [spec("Private", 26), spec("Public", 27)] });
      expect(r).to.deep.equal({
        prop: "subnetSpecs",
        says: "Subnets are too large for VPC. VPC has 64 addresses, but subnets require 96 addresses.",
      });
      // A size stands for its mask (`validSubnetSizes`), and a zone mask for the VPC's split.
      expect(refusal({ ...TIGHT, subnetSpecs: [{ type: "Private", size: 128 }] })?.says).to.contain(
        "VPC has 64 addresses, but subnets require 128 addresses.",
      );
      const zoned = {
        cidrBlock: "10.0.0.0/16",
        availabilityZoneCidrMask: 20,
        subnetSpecs: [spec("Private", 20), spec("Public", 21)],
      };
      expect(refusal(zoned)?.says).to.contain(
        "VPC has 4096 addresses, but subnets require 6144 addresses.",
      );
    });

    it("Auto without specs: at least a /26 per zone (awsx 3); with an empty list: no subnets", () => {
      expect(refusal({ cidrBlock: "10.0.0.0/25" })?.says).to.equal(
        "Automatic subnet creation requires a VPC with at least /26 available per AZ, but only /27 is available." +
          "If you do need very small subnets, please specify them explicitly.",
      );
      expect(refusal({ cidrBlock: "10.0.0.0/16", subnetSpecs: [] })?.says).to.equal(
        "No subnets specified",
      );
    });

    it("not refused where the allocator is not known: Auto without specs before awsx 3, AutoMerge", () => {
      // Auto without specs took the Legacy allocator until pulumi/pulumi-awsx#1355 (Aug 2024), in
      // an awsx 2 release: neither allocator is judged for awsx 2 or an unknown version.
      for (const version of ["2.21.0", "2.13.0", ""]) {
        expect(refusal({ cidrBlock: "10.0.0.0/25" }, "Auto", version), version).to.equal(undefined);
      }
      expect(refusal({ cidrBlock: "10.0.0.0/25" }, "Auto", "3.0.0")?.says).to.contain("/26");
      // AutoMerge lays the specs over the default layout (pulumi/pulumi-awsx#1917): not modelled.
      expect(refusal({ cidrBlock: "10.0.0.0/25" }, "AutoMerge")).to.equal(undefined);
      expect(
        refusal({ ...TIGHT, subnetSpecs: [spec("Private", 26), spec("Public", 27)] }, "AutoMerge"),
      ).to.equal(undefined);
    });

    it("Legacy: a subnet cut past /32", () => {
      const five = Array.from({ length: 5 }, () => spec("Private"));
      expect(refusal({ cidrBlock: "10.0.0.0/28", subnetSpecs: five }, "Legacy")?.says).to.equal(
        "Requested 3 new bits, but only 2 are available.",
      );
    });

    it("Legacy: one zone's isolated subnet in the next zone's block overlaps its private one", () => {
      const three = [spec("Private", 26), spec("Public", 26), spec("Isolated", 26)];
      const r = refusal(
        { cidrBlock: "10.0.0.0/24", availabilityZoneNames: ZONES.slice(0, 2), subnetSpecs: three },
        "Legacy",
      );
      expect(r?.prop).to.equal("subnetSpecs");
      expect(r?.says).to.equal(
        "The following subnets overlap with at least one other subnet. Make the CIDR for the VPC " +
          "larger, reduce the size of the subnets per AZ, or use less Availability Zones:\n\n" +
          "1. net-isolated-1: 10.0.0.128/26\n2. net-private-2: 10.0.0.128/26\n",
      );
    });

    it("names the Vpc and awsx's source, as the program's registration fails with it", () => {
      const env = { accountId: "123456789012", region: "eu-west-1" };
      const inputs = { ...TIGHT, subnetSpecs: [spec("Private", 26), spec("Public", 27)] };
      expect(remoteRefusal("awsx:ec2:Vpc", "net", inputs, env, "3.9.0")).to.equal(
        "awsx refuses awsx:ec2:Vpc net (input subnetSpecs) and creates nothing: Subnets are too " +
          "large for VPC. VPC has 64 addresses, but subnets require 96 addresses. " +
          "(pulumi/pulumi-awsx awsx/ec2/vpc.ts)",
      );
    });
  });

  describe("accepted, or not known", () => {
    it("layouts that fit: the defaults, a /24 with one /26 per zone, awsx's own example masks", () => {
      for (const [inputs, strategy] of [
        [{}, "Legacy"],
        [{}, "Auto"],
        [{ cidrBlock: "10.0.0.0/24" }, "Auto"],
        [{ ...TIGHT, subnetSpecs: [spec("Private", 27), spec("Public", 27)] }, "Auto"],
        [
          { cidrBlock: "10.0.0.0/16", subnetSpecs: [spec("Private", 19), spec("Public", 20)] },
          "Auto",
        ],
        [{ cidrBlock: "10.0.0.0/16", subnetSpecs: [spec("Private"), spec("Public")] }, "Legacy"],
        [{ cidrBlock: "10.0.0.0/28" }, "Legacy"],
      ] as const)
        expect(refusal(inputs, strategy), JSON.stringify([inputs, strategy])).to.equal(undefined);
    });

    it("an unknown block or spec, a block from an IPAM pool, an explicit layout, an unknown strategy", () => {
      const tooBig = [spec("Private", 26), spec("Public", 27)];
      for (const inputs of [
        { cidrBlock: UNKNOWN, subnetSpecs: tooBig },
        { ...TIGHT, subnetSpecs: [spec("Private", 26), { type: "Public", cidrMask: UNKNOWN }] },
        { ipv4IpamPoolId: "ipam-1", ipv4NetmaskLength: 24, subnetSpecs: tooBig },
        {
          ...TIGHT,
          natGateways: { strategy: "None" },
          subnetSpecs: [{ type: "Private", cidrBlocks: ["10.0.0.0/26"] }],
        },
      ])
        expect(refusal(inputs), JSON.stringify(inputs)).to.equal(undefined);
      expect(awsxVpcRefusal({ ...TIGHT, subnetSpecs: tooBig }, ZONES, undefined)).to.equal(
        undefined,
      );
    });
  });
});
