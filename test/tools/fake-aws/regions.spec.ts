// The region table against the AWS documentation it cites, and what a program sees of it.
import { expect } from "chai";
import {
  invoke,
  nearestRegions,
  region,
  REGIONS,
  UnknownRegionError,
} from "../../../tools/lib/fake-aws";
import { azNameAt } from "../../../components/network";

describe("fake AWS: regions", () => {
  it("lists the regions of the aws, aws-cn and aws-us-gov partitions, recent ones included", () => {
    const codes = [...REGIONS.keys()];
    expect(codes).to.have.length(38);
    for (const c of [
      "mx-central-1",
      "ap-southeast-7",
      "ap-east-2",
      "ap-southeast-6",
      "ca-west-1",
    ]) {
      expect(region(c).partition.partition, c).to.equal("aws");
    }
    expect(region("cn-northwest-1").partition).to.deep.include({
      partition: "aws-cn",
      dnsSuffix: "amazonaws.com.cn",
    });
    expect(region("us-gov-east-1").partition.partition).to.equal("aws-us-gov");
  });

  it("gives each region its documented Availability Zones", () => {
    // AWS Availability Zones page: eu-west-1 euw1-az1..3, us-east-1 use1-az1..6; us-west-1 offers
    // new accounts two zones; ap-northeast-1 does not offer apne1-az3; cn-north-1 has cnn1-az4.
    const count = (c: string) => region(c).zones.length;
    expect(count("eu-west-1")).to.equal(3);
    expect(count("us-east-1")).to.equal(6);
    expect(count("us-west-2")).to.equal(4);
    expect(count("us-west-1")).to.equal(2);
    expect(region("ap-northeast-1").zones.map((z) => z.name)).to.deep.equal([
      "ap-northeast-1a",
      "ap-northeast-1c",
      "ap-northeast-1d",
    ]);
    expect(region("ca-central-1").zones.map((z) => z.zoneId)).to.deep.equal([
      "cac1-az1",
      "cac1-az2",
      "cac1-az4",
    ]);
    expect(region("cn-north-1").zones.map((z) => z.zoneId)).to.include("cnn1-az4");
    expect(
      region("eu-west-1")
        .zones.map((z) => z.zoneId)
        .sort(),
    ).to.deep.equal(["euw1-az1", "euw1-az2", "euw1-az3"]);
    for (const r of REGIONS.values()) {
      expect(r.zones.length, r.code).to.be.at.least(2);
      for (const z of r.zones) expect(z.name.startsWith(r.code), z.name).to.equal(true);
      expect(new Set(r.zones.map((z) => z.zoneId)).size, r.code).to.equal(r.zones.length);
    }
  });

  it("refuses an unknown region, naming the nearest known ones", () => {
    expect(() => region("eu-west-9")).to.throw(
      UnknownRegionError,
      /unknown AWS region "eu-west-9"; did you mean "eu-west-1", "eu-west-2", "eu-west-3"\?/,
    );
    expect(nearestRegions("us-east1")[0]).to.equal("us-east-1");
    expect(() =>
      invoke("aws:index/getRegion:getRegion", {}, { accountId: "123456789012", region: "mars-1" }),
    ).to.throw(/unknown AWS region "mars-1"/);
  });

  it("a network asking for more AZs than eu-west-1 has fails offline as at deploy", () => {
    // The zones the program asks for (components/network/args.ts), answered from the region table.
    const { names } = invoke(
      "aws:index/getAvailabilityZones:getAvailabilityZones",
      { state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] },
      { accountId: "123456789012", region: "eu-west-1" },
    );
    expect(names).to.deep.equal(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    expect(() => azNameAt("prod-network", names, 3, 4)).to.throw(
      "subnetCidrs has 4 subnets per tier but the region offers 3 usable availability zones (eu-west-1a, eu-west-1b, eu-west-1c;",
    );
    expect(azNameAt("prod-network", names, 2, 3)).to.equal("eu-west-1c");
  });

  it("agrees with the program's own AZ check: us-west-1 offers two zones", () => {
    // components/analytics.keys.ts holds us-west-1 to two AZs (REDSHIFT_TWO_AZ_REGIONS).
    expect(region("us-west-1").zones).to.have.length(2);
  });
});
