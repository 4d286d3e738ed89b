// awsx-vpc-private-subnet-no-default-route: the awsx Vpc's recorded inputs against what awsx
// creates (pulumi-awsx awsx/ec2/vpc.ts): NAT routes for Private subnets unless the strategy is None;
// awsx-vpc-public-subnet-no-public-ip-on-launch: Public subnets created mapping public IPs.
import { expect } from "chai";
import {
  awsxVpcPrivateSubnetNoDefaultRoute,
  awsxVpcPublicSubnetNoPublicIpOnLaunch,
} from "../../../policy-pack/policies/components/vpc";
import { AWSX_VPC } from "../../../policy-pack/lib/types";
import { res } from "../fixture";
import { findingsOf, run, UNKNOWN } from "../fixtures/iam";

const compliantVpc = (over: Record<string, unknown> = {}) =>
  res(
    AWSX_VPC,
    "vpc",
    {
      cidrBlock: "10.20.0.0/16",
      natGateways: { strategy: "None" },
      subnetSpecs: [{ type: "Public" }, { type: "Private" }, { type: "Isolated" }],
      ...over,
    },
    { custom: false },
  );

describe("awsx-vpc-private-subnet-no-default-route", () => {
  describe("Noncompliance", () => {
    it("the awsx defaults (no subnetSpecs, no natGateways): private subnets route 0.0.0.0/0 to NAT", async () => {
      const f = await findingsOf(awsxVpcPrivateSubnetNoDefaultRoute, [
        res(AWSX_VPC, "vpc", {}, { custom: false }),
      ]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain("default subnet layout").and.contain("OnePerAz");
    });
    it("natGateways strategy Single or OnePerAz with Private subnetSpecs", async () => {
      for (const strategy of ["Single", "OnePerAz"]) {
        const f = await findingsOf(awsxVpcPrivateSubnetNoDefaultRoute, [
          compliantVpc({ natGateways: { strategy } }),
        ]);
        expect(f, strategy).to.have.length(1);
      }
    });
    it("subnetSpecs with Private subnets and no natGateways (default OnePerAz)", async () => {
      const f = await findingsOf(awsxVpcPrivateSubnetNoDefaultRoute, [
        compliantVpc({ natGateways: undefined }),
      ]);
      expect(f).to.have.length(1);
    });
    it("a strategy unknown at preview is a preview note, not a pass", async () => {
      const { findings, notes } = await run(awsxVpcPrivateSubnetNoDefaultRoute, [
        compliantVpc({ natGateways: { strategy: UNKNOWN } }),
      ]);
      expect(findings).to.deep.equal([]);
      expect(notes).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture: natGateways None", async () => {
      expect(await findingsOf(awsxVpcPrivateSubnetNoDefaultRoute, [compliantVpc()])).to.deep.equal(
        [],
      );
    });
    it("only Public and Isolated subnets", async () => {
      const vpc = compliantVpc({
        natGateways: undefined,
        subnetSpecs: [{ type: "Public" }, { type: "Isolated" }],
      });
      expect(await findingsOf(awsxVpcPrivateSubnetNoDefaultRoute, [vpc])).to.deep.equal([]);
    });
  });
});

describe("awsx-vpc-public-subnet-no-public-ip-on-launch", () => {
  const rule = awsxVpcPublicSubnetNoPublicIpOnLaunch;
  it("Noncompliance: the default layout and Public subnetSpecs (awsx maps public IPs there)", async () => {
    const [byDefault] = await findingsOf(rule, [res(AWSX_VPC, "vpc", {}, { custom: false })]);
    expect(byDefault).to.contain("the default subnet layout").and.contain("mapPublicIpOnLaunch");
    expect(await findingsOf(rule, [compliantVpc()])).to.have.length(1);
    expect(rule.enforcementLevel).to.equal("mandatory");
  });
  it("Compliance: only Private and Isolated subnets", async () => {
    const vpc = compliantVpc({ subnetSpecs: [{ type: "Private" }, { type: "Isolated" }] });
    expect(await findingsOf(rule, [vpc])).to.deep.equal([]);
  });
});
