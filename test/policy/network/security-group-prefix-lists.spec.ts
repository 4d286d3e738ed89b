// Security-group sources written as customer-managed prefix lists (aws.ec2.ManagedPrefixList): a
// rule that names a list applies to every entry of it (VPC User Guide, "Group CIDR blocks using
// managed prefix lists"), so a list holding 0.0.0.0/0 or ::/0 opens the rule to the internet as the
// CIDR itself would. A compliant network whose app group admits SSH from an office list, then one
// field broken at a time.
import { expect } from "chai";
import { policy, previewNotes, res, UNKNOWN as U, violations } from "../fixture";
import { compliant, groupRule, inlineGroup } from "../fixtures/network";
import {
  EC2_MANAGED_PREFIX_LIST,
  EC2_MANAGED_PREFIX_LIST_ENTRY,
  EC2_SECURITY_GROUP_RULE,
  VPC_SECURITY_GROUP_INGRESS_RULE,
} from "../../../policy-pack/lib/types";

const pub = policy("ec2-security-group-no-public-ingress");
const admin = policy("ec2-security-group-no-admin-ports-public");

/** A customer-managed list of `cidrs`, as `pulumi preview` shows it (its id unknown). */
const prefixList = (name: string, cidrs: unknown[]) =>
  res(EC2_MANAGED_PREFIX_LIST, name, {
    addressFamily: "IPv4",
    maxEntries: 5,
    entries: cidrs.map((cidr) => ({ cidr })),
  });

/** SSH into the app group from the sources `list` names (aws.vpc.SecurityGroupIngressRule). */
function sshFrom(list: ReturnType<typeof prefixList>) {
  const { r, all } = compliant();
  const rule = groupRule(
    VPC_SECURITY_GROUP_INGRESS_RULE,
    "ssh-office",
    r.appSg,
    { ipProtocol: "tcp", fromPort: 22, toPort: 22, prefixListId: U, description: "ssh" },
    { prefixListId: [list] },
  );
  return { r, all, rule };
}

describe("security-group sources given as a prefix list", () => {
  it("passes SSH from a list of office ranges", async () => {
    const list = prefixList("office", ["203.0.113.0/24", "198.51.100.0/24"]);
    const { all, rule } = sshFrom(list);
    expect(await violations([pub, admin], all(list, rule))).to.deep.equal([]);
    expect(await previewNotes([pub, admin], all(list, rule))).to.deep.equal([]);
  });

  it("catches the list that holds 0.0.0.0/0 among the office ranges", async () => {
    const list = prefixList("office", ["203.0.113.0/24", "0.0.0.0/0"]);
    const { all, rule } = sshFrom(list);
    expect(await violations(admin, all(list, rule))).to.deep.equal([
      'ssh-office: ingress rule "ssh-office" opens high-risk port(s) 22 (tcp/22) to 0.0.0.0/0 (prefix list "office").',
    ]);
    expect((await violations(pub, all(list, rule))).join("\n")).to.contain(
      'allows tcp/22 from 0.0.0.0/0 (prefix list "office")',
    );
  });

  it("catches ::/0 added as a separate aws.ec2.ManagedPrefixListEntry", async () => {
    const list = prefixList("office", ["203.0.113.0/24"]);
    const entry = res(
      EC2_MANAGED_PREFIX_LIST_ENTRY,
      "anyone",
      { prefixListId: U, cidr: "::/0" },
      { refs: { prefixListId: [list] } },
    );
    const { all, rule } = sshFrom(list);
    const found = await violations(admin, all(list, entry, rule));
    expect(found.join("\n")).to.contain('to ::/0 (prefix list "office")');
  });

  it("catches the list named in aws.ec2.SecurityGroupRule prefixListIds", async () => {
    const { r, all } = compliant();
    const list = prefixList("anyone", ["0.0.0.0/0"]);
    const rule = groupRule(
      EC2_SECURITY_GROUP_RULE,
      "rdp",
      r.appSg,
      { type: "ingress", protocol: "tcp", fromPort: 3389, toPort: 3389, prefixListIds: [U] },
      { prefixListIds: [list] },
    );
    const found = await violations(admin, all(list, rule));
    expect(found.join("\n")).to.contain('3389 (tcp/3389) to 0.0.0.0/0 (prefix list "anyone")');
  });

  it("catches the list named inline in a group's ingress, by its id once applied", async () => {
    const { r, all } = compliant();
    const list = res(EC2_MANAGED_PREFIX_LIST, "anyone", {
      addressFamily: "IPv4",
      maxEntries: 1,
      entries: [{ cidr: "0.0.0.0/0" }],
      arn: "arn:aws:ec2:us-east-1:123456789012:prefix-list/pl-0123456789abcdef0",
    });
    const ssh = { protocol: "tcp", fromPort: 22, toPort: 22, description: "ssh" };
    const atPreview = res(
      inlineGroup(r, "bastion", "Bastion", []).type,
      "bastion",
      { vpcId: U, description: "Bastion", ingress: [{ ...ssh, prefixListIds: [U] }] },
      { refs: { vpcId: [r.vpc], ingress: [list] } },
    );
    const applied = inlineGroup(r, "bastion", "Bastion", [
      { ...ssh, prefixListIds: ["pl-0123456789abcdef0"] },
    ]);
    for (const group of [atPreview, applied]) {
      const found = await violations(admin, all(list, group));
      expect(found.join("\n")).to.contain(
        'inline ingress #1 of security group "bastion" opens high-risk port(s) 22',
      );
    }
  });

  it("passes an AWS-managed list the stack does not hold, beside a wide list of the stack", async () => {
    // The rule's id was picked with the stack's list in hand (its property dependency), but it is
    // CloudFront's origin-facing list: the id decides, and no list of the stack carries it.
    const { r, all } = compliant();
    const anyone = res(EC2_MANAGED_PREFIX_LIST, "anyone", {
      addressFamily: "IPv4",
      maxEntries: 1,
      entries: [{ cidr: "0.0.0.0/0" }],
      id: "pl-0123456789abcdef0",
    });
    const rule = groupRule(
      VPC_SECURITY_GROUP_INGRESS_RULE,
      "from-cloudfront",
      r.appSg,
      {
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        prefixListId: "pl-3b927c52",
        description: "CloudFront origin-facing",
      },
      { prefixListId: [anyone] },
    );
    expect(await violations([pub, admin], all(anyone, rule))).to.deep.equal([]);
    expect(await previewNotes([pub, admin], all(anyone, rule))).to.deep.equal([]);
  });

  it("notes a list whose entries are unknown at preview, and finds nothing", async () => {
    const list = prefixList("office", [U]);
    const { all, rule } = sshFrom(list);
    expect(await violations(admin, all(list, rule))).to.deep.equal([]);
    const notes = await previewNotes(admin, all(list, rule));
    expect(notes.join("\n")).to.contain('the entries of prefix list "office"');
  });

  it("notes an inline rule whose list, one of several of the group, is unknown at preview", async () => {
    const { r, all } = compliant();
    const office = prefixList("office", ["203.0.113.0/24"]);
    const anyone = prefixList("anyone", ["0.0.0.0/0"]);
    const ssh = { protocol: "tcp", fromPort: 22, toPort: 22, description: "ssh" };
    const group = res(
      inlineGroup(r, "bastion", "Bastion", []).type,
      "bastion",
      { vpcId: U, description: "Bastion", ingress: [{ ...ssh, prefixListIds: [U] }, ssh] },
      { refs: { vpcId: [r.vpc], ingress: [office, anyone] } },
    );
    expect(await violations(admin, all(office, anyone, group))).to.deep.equal([]);
    const notes = await previewNotes(admin, all(office, anyone, group));
    expect(notes.join("\n")).to.contain("the prefix list that inline ingress #1");
  });
});
