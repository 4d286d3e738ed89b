// Security-group rules whose prefix list is not known at preview: which list an id is (a group's
// inline rules share one dependency list; a gateway endpoint's AWS-managed list has an id only once
// it exists), or a list's entries. A known open CIDR still decides, a note is raised only for a
// rule the policy's own port or load-balancer filter keeps, and once applied the id decides.
import { expect } from "chai";
import { policy, previewNotes, res, UNKNOWN as U, violations } from "../fixture";
import { compliant, groupRule, swap } from "../fixtures/network";
import {
  EC2_MANAGED_PREFIX_LIST,
  EC2_SECURITY_GROUP,
  EC2_VPC_ENDPOINT,
  VPC_SECURITY_GROUP_EGRESS_RULE,
  VPC_SECURITY_GROUP_INGRESS_RULE,
} from "../../../policy-pack/lib/types";

const pub = policy("ec2-security-group-no-public-ingress");
const admin = policy("ec2-security-group-no-admin-ports-public");
const egress = policy("ec2-security-group-egress-restricted");

/** A customer-managed list of `cidrs`; `id` once it exists (unknown at preview without it). */
const prefixList = (name: string, cidrs: unknown[], id?: string) =>
  res(EC2_MANAGED_PREFIX_LIST, name, {
    addressFamily: "IPv4",
    maxEntries: 5,
    entries: cidrs.map((cidr) => ({ cidr })),
    ...(id ? { id } : {}),
  });

describe("security-group prefix-list sources unknown at preview", () => {
  it("does not lend one inline rule's list to another of the group (an endpoint's list)", async () => {
    const { r, all } = compliant();
    const endpoint = res(EC2_VPC_ENDPOINT, "s3-gateway", {
      vpcId: U,
      serviceName: "com.amazonaws.us-east-1.s3",
      vpcEndpointType: "Gateway",
      prefixListId: U,
    });
    const anyone = prefixList("anyone", ["0.0.0.0/0"]);
    const rule = (port: number) => ({ protocol: "tcp", fromPort: port, toPort: port });
    const group = res(
      EC2_SECURITY_GROUP,
      "app",
      {
        vpcId: U,
        description: "App",
        ingress: [
          { ...rule(5432), prefixListIds: [U], description: "db from the S3 ranges" },
          { ...rule(443), prefixListIds: [U], description: "https" },
        ],
      },
      { refs: { vpcId: [r.vpc], ingress: [endpoint, anyone] } },
    );
    const stack = all(endpoint, anyone, group);
    expect(await violations(admin, stack)).to.deep.equal([]);
    expect((await violations(pub, stack)).join("\n")).not.to.contain("#1");
    const notes = await previewNotes(admin, stack);
    expect(notes.join("\n")).to.contain(
      'the prefix list that inline ingress #1 of security group "app"',
    );
  });

  it("finds admin ports open when every list the group's inline rules could name is wide", async () => {
    const { r, all } = compliant();
    const anyone = prefixList("anyone", ["0.0.0.0/0"]);
    const world = prefixList("world", ["0.0.0.0/0", "::/0"]);
    const rule = (port: number, description: string) => ({
      protocol: "tcp",
      fromPort: port,
      toPort: port,
      prefixListIds: [U],
      description,
    });
    const bastion = (lists: ReturnType<typeof prefixList>[]) =>
      res(
        EC2_SECURITY_GROUP,
        "bastion",
        { vpcId: U, description: "Bastion", ingress: [rule(22, "ssh"), rule(3389, "rdp")] },
        { refs: { vpcId: [r.vpc], ingress: lists } },
      );
    const stack = all(anyone, world, bastion([anyone, world]));
    const found = (await violations(admin, stack)).join("\n");
    expect(found).to.contain('inline ingress #1 of security group "bastion"');
    expect(found).to.contain('inline ingress #2 of security group "bastion"');
    expect(await previewNotes(admin, stack)).to.deep.equal([]);
    // One candidate that does not reach the internet: which list each rule names is known at apply.
    const office = prefixList("office", ["203.0.113.0/24"]);
    const mixed = all(anyone, office, bastion([anyone, office]));
    expect(await violations(admin, mixed)).to.deep.equal([]);
    expect(await previewNotes(admin, mixed)).to.have.length(1);
  });

  it("attributes a wide list past a VPC dependency, which supplies no prefix-list id", async () => {
    const { r, all } = compliant();
    const anyone = prefixList("anyone", ["0.0.0.0/0"]);
    const group = (more: ReturnType<typeof res>[]) =>
      res(
        EC2_SECURITY_GROUP,
        "db",
        {
          vpcId: U,
          description: "Db",
          ingress: [
            { protocol: "tcp", fromPort: 22, toPort: 22, prefixListIds: [U], description: "ssh" },
            { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: [U], description: "pg" },
          ],
        },
        { refs: { vpcId: [r.vpc], ingress: [anyone, ...more] } },
      );
    const withVpc = all(anyone, group([r.vpc]));
    expect((await violations(admin, withVpc)).join("\n")).to.contain(
      'to 0.0.0.0/0 (prefix list "anyone")',
    );
    // A gateway endpoint's prefixListId could be the id: a note, no finding.
    const endpoint = res(EC2_VPC_ENDPOINT, "s3-gateway", {
      vpcId: U,
      serviceName: "com.amazonaws.us-east-1.s3",
      vpcEndpointType: "Gateway",
      prefixListId: U,
    });
    const withEndpoint = all(anyone, endpoint, group([r.vpc, endpoint]));
    expect(await violations(admin, withEndpoint)).to.deep.equal([]);
    expect(await previewNotes(admin, withEndpoint)).to.have.length(1);
  });

  it("still finds 0.0.0.0/0 given as a CIDR beside a list whose entries are unknown", async () => {
    const { r, all } = compliant();
    const partner = prefixList("partner", [U]);
    const ssh = { protocol: "tcp", fromPort: 22, toPort: 22, description: "ssh" };
    const group = res(
      EC2_SECURITY_GROUP,
      "bastion",
      {
        vpcId: U,
        description: "Bastion",
        ingress: [{ ...ssh, cidrBlocks: ["0.0.0.0/0"], prefixListIds: [U] }],
      },
      { refs: { vpcId: [r.vpc], ingress: [partner] } },
    );
    expect(await violations(admin, all(partner, group))).to.deep.equal([
      'bastion: inline ingress #1 of security group "bastion" opens high-risk port(s) 22 (tcp/22) to 0.0.0.0/0.',
    ]);
  });

  it("raises no note for rules the policies leave alone whatever the list holds", async () => {
    const { r, all } = compliant();
    const partner = prefixList("partner", [U]);
    const https = { ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: U };
    const albIn = groupRule(
      VPC_SECURITY_GROUP_INGRESS_RULE,
      "alb-https",
      r.albSg,
      { ...https, description: "partner https" },
      { prefixListId: [partner] },
    );
    const appOut = groupRule(
      VPC_SECURITY_GROUP_EGRESS_RULE,
      "app-to-endpoints",
      r.appSg,
      { ...https, description: "partner callback" },
      { prefixListId: [partner] },
    );
    const stack = swap(all(partner), albIn, appOut);
    expect(await previewNotes([pub, admin, egress], stack)).to.deep.equal([]);
    // The same list on SSH is judged at apply: a note at preview.
    const ssh = groupRule(
      VPC_SECURITY_GROUP_INGRESS_RULE,
      "ssh",
      r.appSg,
      { ...https, fromPort: 22, toPort: 22, description: "ssh" },
      { prefixListId: [partner] },
    );
    expect((await previewNotes(admin, [...stack, ssh])).join("\n")).to.contain(
      'the entries of prefix list "partner", which ingress rule "ssh" names',
    );
  });

  it("judges the list a rule's id names once applied, not every list the id was picked from", async () => {
    const { r, all } = compliant();
    const anyone = prefixList("anyone", ["0.0.0.0/0"], "pl-0aaaaaaaaaaaaaaa1");
    const office = prefixList("office", ["203.0.113.0/24"], "pl-0bbbbbbbbbbbbbbb2");
    const ssh = (id: unknown) =>
      groupRule(
        VPC_SECURITY_GROUP_INGRESS_RULE,
        "ssh",
        r.appSg,
        { ipProtocol: "tcp", fromPort: 22, toPort: 22, prefixListId: id, description: "ssh" },
        { prefixListId: [office, anyone] },
      );
    const office22 = all(anyone, office, ssh("pl-0bbbbbbbbbbbbbbb2"));
    expect(await violations([pub, admin], office22)).to.deep.equal([]);
    const anyone22 = all(anyone, office, ssh("pl-0aaaaaaaaaaaaaaa1"));
    expect((await violations(admin, anyone22)).join("\n")).to.contain(
      'to 0.0.0.0/0 (prefix list "anyone")',
    );
    // At preview the id could be either: a note, no finding.
    expect(await violations(admin, all(anyone, office, ssh(U)))).to.deep.equal([]);
    expect(await previewNotes(admin, all(anyone, office, ssh(U)))).to.have.length(1);
  });

  it("flags all-ports egress to a list holding 0.0.0.0/0 (advisory)", async () => {
    const { r, all } = compliant();
    const anyone = prefixList("anyone", ["0.0.0.0/0"]);
    const out = groupRule(
      VPC_SECURITY_GROUP_EGRESS_RULE,
      "app-to-endpoints",
      r.appSg,
      { ipProtocol: "-1", prefixListId: U, description: "everything" },
      { prefixListId: [anyone] },
    );
    expect(await violations(egress, swap(all(anyone), out))).to.deep.equal([
      'app-to-endpoints: egress rule "app-to-endpoints" allows all traffic out to 0.0.0.0/0 (prefix list "anyone").',
    ]);
  });
});
