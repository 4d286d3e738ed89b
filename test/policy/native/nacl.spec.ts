// Network ACLs written with @pulumi/aws-native: an ACL holds no entries inline, and each
// NetworkAclEntry (protocol as a number, portRange { from, to }) is judged as a classic
// aws.ec2.NetworkAclRule of its ACL by ec2-nacl-no-unrestricted-admin-ports (mandatory) and
// ec2-nacl-no-all-ports-public-ingress, in rule-number order.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const ADMIN = "ec2-nacl-no-unrestricted-admin-ports";
const acl = res(n.NATIVE_EC2_NETWORK_ACL, "public-acl", { vpcId: "vpc-1" });
const entry = (name: string, over: Record<string, unknown>) =>
  res(
    n.NATIVE_EC2_NETWORK_ACL_ENTRY,
    name,
    {
      networkAclId: UNKNOWN,
      ruleNumber: 100,
      protocol: 6,
      ruleAction: "allow",
      egress: false,
      cidrBlock: "0.0.0.0/0",
      portRange: { from: 443, to: 443 },
      ...over,
    },
    { refs: { networkAclId: [acl] } },
  );

describe("aws-native network ACL entries (ec2-nacl-no-unrestricted-admin-ports)", () => {
  it("compliant: HTTPS from anywhere, return traffic above 1024 but RDP, SSH from the VPC only", async () => {
    await expectClean(policy(ADMIN), [
      acl,
      entry("https", {}),
      entry("no-rdp", { ruleNumber: 105, ruleAction: "deny", portRange: { from: 3389, to: 3389 } }),
      entry("return", { ruleNumber: 110, portRange: { from: 1024, to: 65535 } }),
      entry("ssh-vpc", {
        ruleNumber: 120,
        cidrBlock: "10.0.0.0/16",
        portRange: { from: 22, to: 22 },
      }),
    ]);
  });

  it("portRange covering 22 from 0.0.0.0/0: reported on the entry, in native terms", async () => {
    const found = await violationsOf(ADMIN, [
      acl,
      entry("wide", { portRange: { from: 0, to: 1023 } }),
    ]);
    expect(found).to.deep.equal([
      'wide: network ACL rule "wide" (rule 100) is the first entry for tcp/20 from 0.0.0.0/0, tcp/21 from 0.0.0.0/0, tcp/22 from 0.0.0.0/0 and allows it.',
    ]);
  });

  it("protocol -1 (all traffic) from ::/0: reported; a lower-numbered deny of the ports passes", async () => {
    const all = entry("all", {
      protocol: -1,
      cidrBlock: undefined,
      ipv6CidrBlock: "::/0",
      portRange: undefined,
    });
    expect(await violationsOf(ADMIN, [acl, all])).to.have.length(1);
    const deny = (name: string, ruleNumber: number, from: number, to: number, protocol: number) =>
      entry(name, {
        ruleNumber: ruleNumber,
        protocol,
        ruleAction: "deny",
        cidrBlock: undefined,
        ipv6CidrBlock: "::/0",
        portRange: { from, to },
      });
    await expectClean(policy(ADMIN), [
      acl,
      deny("deny-ftp-tcp", 10, 20, 22, 6),
      deny("deny-ftp-udp", 11, 20, 22, 17),
      deny("deny-rdp-tcp", 12, 3389, 3389, 6),
      deny("deny-rdp-udp", 13, 3389, 3389, 17),
      { ...all, name: "all" },
    ]);
  });

  it("an egress entry is not judged", async () => {
    await expectClean(policy(ADMIN), [
      acl,
      entry("out", { egress: true, portRange: { from: 22, to: 22 } }),
    ]);
  });

  it("portRange unknown at preview: a preview note, not a pass", async () => {
    const e = entry("later", { portRange: UNKNOWN });
    expect(await violationsOf(ADMIN, [acl, e])).to.deep.equal([]);
    expect(await previewNotes(policy(ADMIN), [acl, e])).to.have.length(1);
  });

  it("every port from anywhere is also ec2-nacl-no-all-ports-public-ingress's finding", async () => {
    const found = await violationsOf("ec2-nacl-no-all-ports-public-ingress", [
      acl,
      entry("everything", { protocol: -1, portRange: undefined }),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("allows all traffic from 0.0.0.0/0");
  });
});
