// Network ACLs: no internet ingress reaching remote-administration ports (entries taken in rule
// order), and no ingress on every port from the internet.
import { expect } from "chai";
import { policy, res, UNKNOWN as U, violations } from "../fixture";
import { compliant, naclEntry, Network, passesCompliantNetwork, swap } from "../fixtures/network";
import { EC2_NETWORK_ACL, EC2_NETWORK_ACL_RULE } from "../../../policy-pack/lib/types";
import type { RecordedResource } from "../../../tools/lib/recorder";

/** The private NACL with only the inline `ingress` entries. */
const privateNacl = (r: Network, ...ingress: ReturnType<typeof naclEntry>[]) =>
  res(EC2_NETWORK_ACL, "private-nacl", { vpcId: U, ingress }, { refs: { vpcId: [r.vpc] } });

/** A NetworkAclRule resource, on `acl` when given (by property dependency). */
const aclRule = (name: string, inputs: Record<string, unknown>, acl?: RecordedResource) =>
  res(
    EC2_NETWORK_ACL_RULE,
    name,
    { networkAclId: U, egress: false, ruleAction: "allow", ...inputs },
    acl ? { refs: { networkAclId: [acl] } } : {},
  );

describe("ec2-nacl-no-unrestricted-admin-ports", () => {
  describe("Noncompliance", () => {
    it("catches SSH in an inline entry and RDP in a NetworkAclRule, in rule order", async () => {
      const p = policy("ec2-nacl-no-unrestricted-admin-ports");
      const { r, all } = compliant();
      const nacl = privateNacl(r, naclEntry(90, "allow", "tcp", "0.0.0.0/0", 22, 22));
      expect(await violations(p, swap(all(), nacl))).to.deep.equal([
        'private-nacl: ingress entry #1 (rule 90) of network ACL "private-nacl" is the first entry for tcp/22 from 0.0.0.0/0 and allows it.',
      ]);
      // An allow numbered below the ACL's deny for 3389 wins.
      const rdp = { protocol: "6", cidrBlock: "0.0.0.0/0", fromPort: 3389, toPort: 3389 };
      const rule = aclRule("rdp", { ruleNumber: 50, ...rdp }, r.nacl);
      expect(await violations(p, all(rule))).to.deep.equal([
        'rdp: network ACL rule "rdp" (rule 50) is the first entry for tcp/3389 from 0.0.0.0/0 and allows it.',
      ]);
      // Numbered after the deny, it is shadowed.
      const later = aclRule("rdp", { ruleNumber: 200, ...rdp }, r.nacl);
      expect(await violations(p, all(later))).to.deep.equal([]);
      const v6 = aclRule(
        "rdp",
        { ruleNumber: 200, protocol: "-1", ipv6CidrBlock: "::/0", fromPort: 0, toPort: 0 },
        r.nacl,
      );
      expect((await violations(p, all(v6)))[0])
        .to.contain("tcp/22 from ::/0")
        .and.contain("udp/3389 from ::/0");
    });
    it("reads a source broader than /8 as the internet; a deny of part of it shadows nothing", async () => {
      const p = policy("ec2-nacl-no-unrestricted-admin-ports");
      const { r, all } = compliant();
      const wide = privateNacl(r, naclEntry(90, "allow", "tcp", "10.0.0.0/7", 22, 22));
      expect(await violations(p, swap(all(), wide))).to.deep.equal([
        'private-nacl: ingress entry #1 (rule 90) of network ACL "private-nacl" is the first entry for tcp/22 from 10.0.0.0/7 and allows it.',
      ]);
      const slash8 = privateNacl(r, naclEntry(90, "allow", "tcp", "10.0.0.0/8", 22, 22));
      expect(await violations(p, swap(all(), slash8))).to.deep.equal([]);
      // Denying a quarter of the internet first leaves the other three quarters to the allow.
      const partDenied = privateNacl(
        r,
        naclEntry(80, "deny", "tcp", "64.0.0.0/2", 22, 22),
        naclEntry(90, "allow", "tcp", "0.0.0.0/0", 22, 22),
      );
      expect(await violations(p, swap(all(), partDenied))).to.deep.equal([
        'private-nacl: ingress entry #2 (rule 90) of network ACL "private-nacl" is the first entry for tcp/22 from 0.0.0.0/0 and allows it.',
      ]);
      const allDenied = privateNacl(
        r,
        naclEntry(80, "deny", "tcp", "0.0.0.0/0", 22, 22),
        naclEntry(90, "allow", "tcp", "64.0.0.0/2", 22, 22),
      );
      expect(await violations(p, swap(all(), allDenied))).to.deep.equal([]);
    });
    it("the ephemeral-port return entry covers 3389 unless a deny comes first", async () => {
      const p = policy("ec2-nacl-no-unrestricted-admin-ports");
      const { r, all } = compliant();
      const nacl = privateNacl(r, naclEntry(110, "allow", "tcp", "0.0.0.0/0", 1024, 65535));
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
      const all0 = {
        ruleNumber: 100,
        protocol: "-1",
        cidrBlock: "0.0.0.0/0",
        fromPort: 0,
        toPort: 0,
      };
      const rule = aclRule("all-in", all0);
      expect(await violations(p, all(rule))).to.deep.equal([
        "all-in: this rule allows all traffic from 0.0.0.0/0.",
      ]);
      const outbound = aclRule("all-in", { ...all0, egress: true });
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
