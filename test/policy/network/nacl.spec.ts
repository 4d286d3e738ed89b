// Network ACLs: no internet ingress reaching remote-administration ports (entries taken in rule
// order), and no ingress on every port from the internet.
import { expect } from "chai";
import { policy, res, UNKNOWN as U, violations } from "../fixture";
import { compliant, passesCompliantNetwork, swap } from "../fixtures/network";
import { EC2_NETWORK_ACL, EC2_NETWORK_ACL_RULE } from "../../../policy-pack/lib/types";

describe("ec2-nacl-no-unrestricted-admin-ports", () => {
  describe("Noncompliance", () => {
    it("catches SSH in an inline entry and RDP in a NetworkAclRule, in rule order", async () => {
      const p = policy("ec2-nacl-no-unrestricted-admin-ports");
      const { r, all } = compliant();
      const nacl = res(
        EC2_NETWORK_ACL,
        "private-nacl",
        {
          vpcId: U,
          ingress: [
            {
              ruleNo: 90,
              action: "allow",
              protocol: "tcp",
              cidrBlock: "0.0.0.0/0",
              fromPort: 22,
              toPort: 22,
            },
          ],
        },
        { refs: { vpcId: [r.vpc] } },
      );
      expect(await violations(p, swap(all(), nacl))).to.deep.equal([
        'private-nacl: ingress entry #1 (rule 90) of network ACL "private-nacl" is the first entry for tcp/22 from 0.0.0.0/0 and allows it.',
      ]);
      // An allow numbered below the ACL's deny for 3389 wins.
      const rule = res(
        EC2_NETWORK_ACL_RULE,
        "rdp",
        {
          networkAclId: U,
          ruleNumber: 50,
          egress: false,
          protocol: "6",
          ruleAction: "allow",
          cidrBlock: "0.0.0.0/0",
          fromPort: 3389,
          toPort: 3389,
        },
        { refs: { networkAclId: [r.nacl] } },
      );
      expect(await violations(p, all(rule))).to.deep.equal([
        'rdp: network ACL rule "rdp" (rule 50) is the first entry for tcp/3389 from 0.0.0.0/0 and allows it.',
      ]);
      // Numbered after the deny, it is shadowed.
      const later = res(
        EC2_NETWORK_ACL_RULE,
        "rdp",
        {
          networkAclId: U,
          ruleNumber: 200,
          egress: false,
          protocol: "6",
          ruleAction: "allow",
          cidrBlock: "0.0.0.0/0",
          fromPort: 3389,
          toPort: 3389,
        },
        { refs: { networkAclId: [r.nacl] } },
      );
      expect(await violations(p, all(later))).to.deep.equal([]);
      const v6 = res(
        EC2_NETWORK_ACL_RULE,
        "rdp",
        {
          networkAclId: U,
          ruleNumber: 200,
          egress: false,
          protocol: "-1",
          ruleAction: "allow",
          ipv6CidrBlock: "::/0",
          fromPort: 0,
          toPort: 0,
        },
        { refs: { networkAclId: [r.nacl] } },
      );
      expect((await violations(p, all(v6)))[0])
        .to.contain("tcp/22 from ::/0")
        .and.contain("udp/3389 from ::/0");
    });
    it("the ephemeral-port return entry covers 3389 unless a deny comes first", async () => {
      const p = policy("ec2-nacl-no-unrestricted-admin-ports");
      const { r, all } = compliant();
      const nacl = res(
        EC2_NETWORK_ACL,
        "private-nacl",
        {
          vpcId: U,
          ingress: [
            {
              ruleNo: 110,
              action: "allow",
              protocol: "tcp",
              cidrBlock: "0.0.0.0/0",
              fromPort: 1024,
              toPort: 65535,
            },
          ],
        },
        { refs: { vpcId: [r.vpc] } },
      );
      expect((await violations(p, swap(all(), nacl)))[0]).to.contain("tcp/3389 from 0.0.0.0/0");
    });
  });

  describe("Compliance", () => {
    it(
      "the compliant network passes",
      passesCompliantNetwork("ec2-nacl-no-unrestricted-admin-ports"),
    );
  });
});

describe("ec2-nacl-no-all-ports-public-ingress", () => {
  describe("Noncompliance", () => {
    it("catches allow-all from anywhere, passes ephemeral return ports", async () => {
      const p = policy("ec2-nacl-no-all-ports-public-ingress");
      const { all } = compliant();
      const rule = res(EC2_NETWORK_ACL_RULE, "all-in", {
        networkAclId: U,
        ruleNumber: 100,
        egress: false,
        protocol: "-1",
        ruleAction: "allow",
        cidrBlock: "0.0.0.0/0",
        fromPort: 0,
        toPort: 0,
      });
      expect(await violations(p, all(rule))).to.deep.equal([
        "all-in: this rule allows all traffic from 0.0.0.0/0.",
      ]);
      const outbound = res(EC2_NETWORK_ACL_RULE, "all-in", {
        networkAclId: U,
        ruleNumber: 100,
        egress: true,
        protocol: "-1",
        ruleAction: "allow",
        cidrBlock: "0.0.0.0/0",
        fromPort: 0,
        toPort: 0,
      });
      expect(await violations(p, all(outbound))).to.deep.equal([]);
    });
  });

  describe("Compliance", () => {
    it(
      "the compliant network passes",
      passesCompliantNetwork("ec2-nacl-no-all-ports-public-ingress"),
    );
  });
});
