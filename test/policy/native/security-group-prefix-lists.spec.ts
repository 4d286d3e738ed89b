// Prefix lists as security-group sources and destinations, written with @pulumi/aws-native: the
// rules' sourcePrefixListId / destinationPrefixListId (CloudFormation AWS::EC2::SecurityGroup
// Ingress and Egress, AWS::EC2::SecurityGroupIngress and SecurityGroupEgress) and the
// customer-managed AWS::EC2::PrefixList (Entries [{ Cidr }]), read as their classic twins
// (policy-pack/lib/native/twins-network.ts): a list holding 0.0.0.0/0 opens the rule to the internet.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { EC2_MANAGED_PREFIX_LIST } from "../../../policy-pack/lib/types";
import { expectClean, policy, res, UNKNOWN, violations } from "../fixture";

const noPublic = policy("ec2-security-group-no-public-ingress");
const noAdmin = policy("ec2-security-group-no-admin-ports-public");
const egress = policy("ec2-security-group-egress-restricted");

/** An aws-native customer-managed list of `cidrs`, its id unknown at preview. */
const nativeList = (name: string, cidrs: string[]) =>
  res(n.NATIVE_EC2_PREFIX_LIST, name, {
    addressFamily: "IPv4",
    maxEntries: 5,
    prefixListName: name,
    entries: cidrs.map((cidr) => ({ cidr, description: name })),
  });

/** A native group with no rules of its own but egress to the VPC. */
const group = (over: Record<string, unknown> = {}) =>
  res(n.NATIVE_EC2_SECURITY_GROUP, "app-sg", {
    groupDescription: "app",
    vpcId: "vpc-0abc",
    securityGroupIngress: [],
    securityGroupEgress: [{ ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIp: "10.0.0.0/16" }],
    ...over,
  });

/** A standalone native rule of `type` on `g` naming `list` through `prop`. */
const ruleNaming = (
  type: string,
  name: string,
  g: ReturnType<typeof group>,
  prop: string,
  list: ReturnType<typeof nativeList>,
  ports: Record<string, unknown>,
) =>
  res(
    type,
    name,
    { groupId: UNKNOWN, [prop]: UNKNOWN, description: name, ...ports },
    { refs: { groupId: [g], [prop]: [list] } },
  );

const ssh = { ipProtocol: "tcp", fromPort: 22, toPort: 22 };

describe("aws-native security-group rules naming a prefix list", () => {
  it("SSH from an aws-native list of office ranges passes", async () => {
    const g = group();
    const office = nativeList("office", ["203.0.113.0/24"]);
    const rule = ruleNaming(
      n.NATIVE_EC2_SECURITY_GROUP_INGRESS,
      "ssh",
      g,
      "sourcePrefixListId",
      office,
      ssh,
    );
    await expectClean([noPublic, noAdmin], [g, office, rule]);
  });

  it("a standalone SecurityGroupIngress whose sourcePrefixListId holds 0.0.0.0/0 is reported", async () => {
    const g = group();
    const anyone = nativeList("anyone", ["203.0.113.0/24", "0.0.0.0/0"]);
    const rule = ruleNaming(
      n.NATIVE_EC2_SECURITY_GROUP_INGRESS,
      "ssh",
      g,
      "sourcePrefixListId",
      anyone,
      ssh,
    );
    expect(await violations(noAdmin, [g, anyone, rule])).to.deep.equal([
      'ssh: ingress rule "ssh" opens high-risk port(s) 22 (tcp/22) to 0.0.0.0/0 (prefix list "anyone").',
    ]);
  });

  it("an inline securityGroupIngress sourcePrefixListId naming a classic list is reported", async () => {
    const anyone = res(EC2_MANAGED_PREFIX_LIST, "anyone", {
      addressFamily: "IPv4",
      maxEntries: 1,
      entries: [{ cidr: "0.0.0.0/0" }],
    });
    const g = res(
      n.NATIVE_EC2_SECURITY_GROUP,
      "app-sg",
      {
        groupDescription: "app",
        vpcId: "vpc-0abc",
        securityGroupIngress: [
          { ipProtocol: "tcp", fromPort: 3389, toPort: 3389, sourcePrefixListId: UNKNOWN },
        ],
        securityGroupEgress: [],
      },
      { refs: { securityGroupIngress: [anyone] } },
    );
    const found = await violations(noAdmin, [anyone, g]);
    expect(found.join("\n")).to.contain(
      'inline ingress #1 of security group "app-sg" opens high-risk port(s) 3389 (tcp/3389) to 0.0.0.0/0 (prefix list "anyone")',
    );
  });

  it("all traffic out through destinationPrefixListId to a list holding 0.0.0.0/0 is reported (advisory)", async () => {
    const g = group();
    const anyone = nativeList("anyone", ["0.0.0.0/0"]);
    const out = ruleNaming(
      n.NATIVE_EC2_SECURITY_GROUP_EGRESS,
      "out",
      g,
      "destinationPrefixListId",
      anyone,
      {
        ipProtocol: "-1",
      },
    );
    expect((await violations(egress, [g, anyone, out])).join("\n")).to.contain(
      'allows all traffic out to 0.0.0.0/0 (prefix list "anyone")',
    );
    const inline = res(
      n.NATIVE_EC2_SECURITY_GROUP,
      "app-sg",
      {
        groupDescription: "app",
        vpcId: "vpc-0abc",
        securityGroupEgress: [{ ipProtocol: "-1", destinationPrefixListId: UNKNOWN }],
      },
      { refs: { securityGroupEgress: [anyone] } },
    );
    expect((await violations(egress, [inline, anyone])).join("\n")).to.contain(
      'inline egress #1 of security group "app-sg" allows all traffic out to 0.0.0.0/0 (prefix list "anyone")',
    );
  });
});
