// Network keys: the subnet plan the config yields, and every bad input naming its key.
import { expect } from "chai";
import { Cidr, contains, overlaps, parseCidr } from "../../components/cidr";
import { parseStackConfig, StackConfig } from "../../components/config";
import {
  BadInput,
  base,
  notAllowed,
  notAnInteger,
  outOfRange,
  problems,
  rejects,
} from "../fixtures/config";

describe("config: network", () => {
  describe("subnet planning", () => {
    for (const azCount of [2, 3, 4, 5]) {
      it(`plans ${azCount} AZs of non-overlapping subnets inside the VPC`, () => {
        const cfg: StackConfig = parseStackConfig({ ...base(), "platform:azCount": azCount });
        const vpc = parseCidr(cfg.network.cidrBlock) as Cidr;
        const all = Object.values(cfg.network.subnetCidrs)
          .flat()
          .map((t) => parseCidr(t) as Cidr);
        // The data tier spans at least the 3 AZs Redshift Serverless needs.
        expect(all).to.have.length(2 * azCount + Math.max(azCount, 3));
        expect(cfg.network.subnetCidrs.data).to.have.length(cfg.network.dataSubnetCount);
        for (const c of all) expect(contains(vpc, c)).to.equal(true);
        for (let i = 0; i < all.length; i++) {
          for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i], all[j])).to.equal(false);
        }
      });
    }

    it("keeps existing subnets where they are when an AZ is added", () => {
      const two = parseStackConfig({ ...base(), "platform:azCount": 2 });
      const three = parseStackConfig({ ...base(), "platform:azCount": 3 });
      for (const tier of ["public", "compute", "data"] as const) {
        const before = two.network.subnetCidrs[tier];
        expect(three.network.subnetCidrs[tier].slice(0, before.length)).to.deep.equal(before);
      }
    });

    it("accepts explicit subnet lists", () => {
      const cfg = parseStackConfig({
        ...base(),
        "platform:publicSubnetCidrs": '["10.20.0.0/24","10.20.1.0/24"]',
        "platform:computeSubnetCidrs": ["10.20.16.0/20", "10.20.32.0/20"],
        "platform:dataSubnetCidrs": ["10.20.64.0/24", "10.20.65.0/24", "10.20.66.0/24"],
      });
      expect(cfg.network.subnetCidrs.public).to.deep.equal(["10.20.0.0/24", "10.20.1.0/24"]);
    });
  });
});

describe("bad input names the key", () => {
  const cases: BadInput[] = [
    [
      "malformed CIDR",
      { "platform:vpcCidr": "10.0.0.0/33" },
      /^platform:vpcCidr: .*prefix length above 32/,
    ],
    [
      "CIDR with host bits",
      { "platform:vpcCidr": "10.0.0.1/16" },
      /^platform:vpcCidr: .*host bits set.*10\.0\.0\.0\/16/,
    ],
    [
      "non-private VPC",
      { "platform:vpcCidr": "8.8.0.0/16" },
      /^platform:vpcCidr: .*is not inside 10\.0\.0\.0\/8/,
    ],
    ["VPC too small", { "platform:vpcCidr": "10.0.0.0/26" }, /^platform:vpcCidr: .*prefix \/26/],
    outOfRange("AZ count out of range", "platform:azCount", 9),
    // ELB API, CreateLoadBalancer: an Application Load Balancer needs subnets in two AZs.
    [
      "one AZ, which the public load balancer cannot be created in",
      { "platform:azCount": 1 },
      /^platform:azCount: 1 is out of range; use an integer from 2 to 5 \(the public load balancer needs subnets in two AZs\)$/,
    ],
    notAnInteger("AZ count of wrong type", "platform:azCount", "two"),
    notAllowed("unknown endpoint placement", "platform:endpointPlacement", "some-azs"),
    ["missing required key", { "platform:vpcCidr": undefined }, /^platform:vpcCidr: is required/],
    [
      "wrong type list",
      { "platform:extraInterfaceEndpoints": "ssm" },
      /^platform:extraInterfaceEndpoints: must be a list/,
    ],
    [
      "bad service name",
      { "platform:extraInterfaceEndpoints": ["Secrets Manager"] },
      /^platform:extraInterfaceEndpoints: item 0/,
    ],
    [
      "more AZs than us-west-1 offers an account (Redshift Serverless there: 3 subnets in 2 AZs)",
      { "aws:region": "us-west-1", "platform:azCount": 3 },
      /^platform:azCount: 3 availability zones, but us-west-1 offers an account 2: `pulumi config set platform:azCount 2/,
    ],
    [
      "subnet list of wrong length",
      { "platform:publicSubnetCidrs": ["10.20.0.0/24"] },
      /^platform:publicSubnetCidrs: has 1 entries; give exactly one per AZ/,
    ],
    [
      "subnet outside the VPC",
      { "platform:dataSubnetCidrs": ["10.99.0.0/24", "10.20.250.0/24"] },
      /^platform:dataSubnetCidrs: item 0: "10\.99\.0\.0\/24" is not inside vpcCidr/,
    ],
    [
      "subnet below /28",
      { "platform:dataSubnetCidrs": ["10.20.250.0/29", "10.20.251.0/24"] },
      /smaller than \/28/,
    ],
  ];
  rejects(cases);

  it("overlapping subnets", () => {
    const p = problems({
      ...base(),
      "platform:publicSubnetCidrs": ["10.20.0.0/24", "10.20.1.0/24"],
      "platform:computeSubnetCidrs": ["10.20.0.128/25", "10.20.32.0/20"],
      "platform:dataSubnetCidrs": ["10.20.64.0/24", "10.20.65.0/24", "10.20.66.0/24"],
    });
    expect(p).to.deep.equal([
      `platform:publicSubnetCidrs[0]: "10.20.0.0/24" overlaps platform:computeSubnetCidrs[0] "10.20.0.128/25"; subnets must not overlap`,
    ]);
  });

  it("an explicit tier overlapping a planned one", () => {
    const p = problems({
      ...base(),
      "platform:computeSubnetCidrs": ["10.20.0.0/20", "10.20.240.0/20"],
    });
    expect(p.join("\n")).to.match(/overlaps the planned public subnet 10\.20\.0\.0\/20/);
  });
});
