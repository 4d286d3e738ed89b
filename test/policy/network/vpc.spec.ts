// VPC-wide settings: the default security group managed and empty, flow logs of all traffic, no
// public IPs on launch in any subnet, no use of the default VPC.
import { expect } from "chai";
import { evaluate, policy, previewNotes, res, UNKNOWN as U, violations } from "../fixture";
import { compliant, passesCompliantNetwork, swap, without } from "../fixtures/network";
import {
  AWSX_DEFAULT_VPC,
  AWSX_VPC,
  EC2_DEFAULT_SUBNET,
  EC2_DEFAULT_VPC,
  EC2_DEFAULT_SECURITY_GROUP,
  EC2_FLOW_LOG,
  EC2_SUBNET,
} from "../../../policy-pack/lib/types";

describe("ec2-default-security-group-no-rules", () => {
  describe("Noncompliance", () => {
    it("catches an unmanaged default group and one with rules", async () => {
      const p = policy("ec2-default-security-group-no-rules");
      const { r, all } = compliant();
      expect(await violations(p, without(all(), "default-sg"))).to.deep.equal([
        'main: VPC "main" does not manage its default security group, which keeps AWS\'s rules (all inbound from members of the group, all outbound).',
      ]);
      const open = res(
        EC2_DEFAULT_SECURITY_GROUP,
        "default-sg",
        {
          vpcId: U,
          egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
        },
        { refs: { vpcId: [r.vpc] } },
      );
      expect((await violations(p, swap(all(), open)))[0]).to.contain("1 inline rule(s) (egress)");
    });
  });

  describe("Compliance", () => {
    it(
      "the compliant network passes",
      passesCompliantNetwork("ec2-default-security-group-no-rules"),
    );
  });
});

describe("ec2-vpc-flow-logs-enabled", () => {
  describe("Noncompliance", () => {
    it("catches a VPC without flow log and one capturing only rejects", async () => {
      const p = policy("ec2-vpc-flow-logs-enabled");
      const { r, all } = compliant();
      expect(await violations(p, without(all(), "flow"))).to.deep.equal([
        'main: VPC "main" has no flow log.',
      ]);
      const rejects = res(
        EC2_FLOW_LOG,
        "flow",
        { vpcId: U, trafficType: "REJECT" },
        { refs: { vpcId: [r.vpc] } },
      );
      expect((await violations(p, swap(all(), rejects)))[0]).to.contain("capture REJECT, not ALL");
      const lost = res(EC2_FLOW_LOG, "flow", { vpcId: U, trafficType: "ALL" });
      expect(await violations(p, swap(all(), lost))).to.deep.equal([]);
      expect(await previewNotes(p, swap(all(), lost))).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("the compliant network passes", passesCompliantNetwork("ec2-vpc-flow-logs-enabled"));
  });
});

describe("ec2-subnet-no-public-ip-on-launch", () => {
  describe("Noncompliance", () => {
    it("catches mapPublicIpOnLaunch", async () => {
      const p = policy("ec2-subnet-no-public-ip-on-launch");
      const { r, all } = compliant();
      const s = res(
        EC2_SUBNET,
        "public-a",
        { vpcId: U, mapPublicIpOnLaunch: true, tags: { tier: "public" } },
        { refs: { vpcId: [r.vpc] } },
      );
      expect(await violations(p, swap(all(), s))).to.have.length(1);
    });
    it("a default subnet without mapPublicIpOnLaunch keeps AWS's public-IP default: reported", async () => {
      const p = policy("ec2-subnet-no-public-ip-on-launch");
      const d = (extra: Record<string, unknown>) =>
        res(EC2_DEFAULT_SUBNET, "default-a", { availabilityZone: "eu-west-1a", ...extra });
      expect(await violations(p, [d({})])).to.have.length(1);
      expect(await violations(p, [d({ mapPublicIpOnLaunch: true })])).to.have.length(1);
      expect(await violations(p, [d({ mapPublicIpOnLaunch: false })])).to.deep.equal([]);
    });
    it("a Public subnet of an awsx.ec2.Vpc (pulumi-awsx awsx/ec2/vpc.ts maps public IPs there): the fix is a transforms entry", async () => {
      const p = policy("ec2-subnet-no-public-ip-on-launch");
      const awsxVpc = res(AWSX_VPC, "net", {}, { custom: false });
      const subnet = (parent?: typeof awsxVpc) =>
        res(
          EC2_SUBNET,
          "net-public-1",
          { vpcId: "vpc-1", cidrBlock: "10.0.0.0/20", mapPublicIpOnLaunch: true },
          { parent },
        );
      const [inAwsx] = await violations(p, [awsxVpc, subnet(awsxVpc)]);
      expect(inAwsx).to.contain("awsx.ec2.Vpc").and.contain("`transforms`");
      const [own] = await violations(p, [subnet()]);
      expect(own).to.contain("mapPublicIpOnLaunch is true").and.not.contain("awsx");
    });
    it("CKV_AWS_130 / Trivy AWS-0164 failing / KICS 'VPC Subnet Assigns Public IP' positive: the finding is mandatory", async () => {
      const s = res(EC2_SUBNET, "main", {
        vpcId: "vpc-1",
        cidrBlock: "10.0.0.0/24",
        mapPublicIpOnLaunch: true,
      });
      const report = await evaluate(policy("ec2-subnet-no-public-ip-on-launch"), [s]);
      expect(report.violations.map((v) => v.enforcementLevel)).to.deep.equal(["mandatory"]);
    });
  });

  describe("Compliance", () => {
    it("the compliant network passes", passesCompliantNetwork("ec2-subnet-no-public-ip-on-launch"));
  });
});

describe("ec2-no-default-vpc", () => {
  const p = policy("ec2-no-default-vpc");
  describe("Noncompliance", () => {
    it("CKV_AWS_148 failing fixture / Trivy AWS-0101 bad example: aws.ec2.DefaultVpc is an advisory finding", async () => {
      const report = await evaluate(p, [res(EC2_DEFAULT_VPC, "default", {})]);
      expect(report.violations.map((v) => [v.enforcementLevel, v.detail])).to.deep.equal([
        [
          "advisory",
          "aws.ec2.DefaultVpc adopts the default VPC, whose main route table routes 0.0.0.0/0 to an internet gateway.",
        ],
      ]);
    });
    it("awsx.ec2.DefaultVpc, which places resources in the default subnets, is one too", async () => {
      expect(
        await violations(p, [res(AWSX_DEFAULT_VPC, "default", {}, { custom: false })]),
      ).to.deep.equal([
        "default: awsx.ec2.DefaultVpc places resources in the default VPC's public default subnets.",
      ]);
    });
  });

  describe("Compliance", () => {
    it(
      "CKV_AWS_148 passing case: the compliant network, a VPC of its own, passes",
      passesCompliantNetwork("ec2-no-default-vpc"),
    );
  });
});
