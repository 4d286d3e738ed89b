// HardenedHost on its own (security group, HTTPS egress, SSH path, hardened instance, connect
// policy), and the proof that the layers' resources which moved under it keep their URNs: the
// offline engine records each alias resolved, and every alias is the URN the resource had before.
import { expect } from "chai";
import { HardenedHost, HardenedHostArgs } from "../../components/host";
import { Recording } from "../../tools/lib/recorder";
import { recordStack } from "../../tools/lib/recording";
import { HOST_MOVE_SCENARIOS, URNS_BEFORE_HARDENED_HOST } from "../fixtures/host-moved-urns";
import { HARDENED_HOST_ARGS } from "../fixtures/private-host";
import { doc, findAll, findOne, recordComponent } from "../helpers";

const HOST_TYPE = "platform:host:HardenedHost";
const T = {
  sg: "aws:ec2/securityGroup:SecurityGroup",
  egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  instance: "aws:ec2/instance:Instance",
  eice: "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint",
  policy: "aws:iam/policy:Policy",
  role: "aws:iam/role:Role",
  profile: "aws:iam/instanceProfile:InstanceProfile",
};

const base = HARDENED_HOST_ARGS;

function build(over: Partial<HardenedHostArgs> = {}): Promise<Recording> {
  return recordComponent(() => new HardenedHost("h", { ...base, ...over }));
}

describe("HardenedHost", () => {
  it("names its children `${name}-<role>` inside itself: security group, egress, endpoint, instance, policy", async () => {
    const rec = await build();
    const host = findOne(rec, HOST_TYPE, "h");
    for (const [type, name] of [
      [T.sg, "h-sg"],
      [T.egress, "h-to-s3"],
      [T.sg, "h-eice-sg"],
      [T.eice, "h-eice"],
      [T.egress, "h-eice-to-server"],
      [T.ingress, "h-from-eice"],
      [T.instance, "h-server"],
      [T.policy, "h-admins"],
    ] as const) {
      expect(findOne(rec, type, name).parent, name).to.equal(host.urn);
    }
    expect(findAll(rec, T.role)).to.have.length(0);
    // One endpoint per VPC: a replaced one must go before its successor is created.
    expect(findOne(rec, T.eice, "h-eice").options.deleteBeforeReplace).to.equal(true);
  });

  it("hardens the instance: IMDSv2 only, encrypted root volume, no public IP, HTTPS out to S3 only", async () => {
    const rec = await build();
    const i = findOne(rec, T.instance, "h-server").inputs;
    expect(i.metadataOptions).to.include({ httpTokens: "required", httpPutResponseHopLimit: 1 });
    expect(i.rootBlockDevice).to.include({ encrypted: true, volumeSize: 20, volumeType: "gp3" });
    expect(i.associatePublicIpAddress).to.equal(false);
    expect(i.userDataReplaceOnChange).to.equal(true);
    const egress = findAll(rec, T.egress).filter((r) => r.name === "h-to-s3");
    expect(egress[0].inputs).to.include({
      prefixListId: "pl-6da54004",
      fromPort: 443,
      toPort: 443,
    });
    expect(egress[0].inputs).to.not.have.property("cidrIpv4");
  });

  it("shares an existing endpoint instead of creating one, opening SSH from its group only", async () => {
    const rec = await build({
      ssh: {
        kind: "connect-endpoint",
        target: "the host",
        existing: {
          arn: "arn:aws:ec2:eu-west-1:123456789012:instance-connect-endpoint/eice-1",
          securityGroupId: "sg-shared",
        },
      },
    });
    expect(findAll(rec, T.eice)).to.have.length(0);
    expect(findOne(rec, T.egress, "h-eice-to-server").inputs.securityGroupId).to.equal("sg-shared");
    expect(findOne(rec, T.ingress, "h-from-eice").inputs.referencedSecurityGroupId).to.equal(
      "sg-shared",
    );
  });

  it("lets a bastion in from its allow-list only, and its policy opens no tunnel", async () => {
    const rec = await build({
      ssh: { kind: "allow-list", cidrs: ["203.0.113.0/24"] },
      publicIp: true,
      roles: { instance: "host" },
    });
    expect(findAll(rec, T.eice)).to.have.length(0);
    expect(findOne(rec, T.ingress, "h-host-ssh-0").inputs).to.include({
      cidrIpv4: "203.0.113.0/24",
      fromPort: 22,
    });
    const policy = doc(findOne(rec, T.policy, "h-admins").inputs.policy);
    expect(policy.Statement.map((s) => s.Sid)).to.deep.equal(["Push", "Find"]);
  });

  it("grants an instance role nothing beyond the statements it is given", async () => {
    const rec = await build({
      instanceProfile: {
        description: "role",
        statements: [
          {
            sid: "ReadOne",
            effect: "Allow",
            actions: ["s3:GetObject"],
            resources: ["arn:aws:s3:::b/k"],
          },
        ],
      },
    });
    expect(findOne(rec, T.role, "h-role")).to.not.equal(undefined);
    expect(findOne(rec, T.profile, "h-profile")).to.not.equal(undefined);
    const inline = findOne(rec, "aws:iam/rolePolicy:RolePolicy", "h-role-policy");
    expect(doc(inline.inputs.policy).Statement.map((s) => s.Sid)).to.deep.equal(["ReadOne"]);
  });

  it("orders its connect policy as asked", async () => {
    const rec = await build({
      adminPolicy: { ...base.adminPolicy, order: ["pushKey", "findHost", "openTunnel"] },
    });
    const policy = doc(findOne(rec, T.policy, "h-admins").inputs.policy);
    expect(policy.Statement.map((s) => s.Sid)).to.deep.equal(["Push", "Find", "Tunnel"]);
  });

  it("refuses invalid arguments before creating anything", () => {
    for (const [over, re] of [
      [{ httpsEgress: { description: "x" } }, /httpsEgress: give either prefixListId or cidrIpv4/],
      [
        { ssh: { kind: "allow-list", cidrs: [] } },
        /ssh.cidrs: an allow-list needs at least one CIDR/,
      ],
      [{ ssh: { kind: "allow-list", cidrs: ["203.0.113.0/24"] } }, /only through a public IP/],
      // EC2 answers a second identical rule with InvalidPermission.Duplicate.
      [
        {
          publicIp: true,
          ssh: { kind: "allow-list", cidrs: ["203.0.113.0/24", "203.0.113.0/24"] },
        },
        /ssh\.cidrs: item 1 "203\.0\.113\.0\/24" repeats item 0; a security group refuses the same rule twice/,
      ],
      // EC2 API, CreateSecurityGroup `Description`: no apostrophe.
      [
        { securityGroupDescription: "From the main VPC's tasks" },
        /securityGroupDescription: "From the main VPC's tasks" is not up to 255 of a-z A-Z 0-9/,
      ],
    ] as const) {
      expect(
        () => new HardenedHost("bad", { ...base, ...(over as Partial<HardenedHostArgs>) }),
      ).to.throw(re);
    }
  });
});

describe("resources moved under HardenedHost keep their URNs", function () {
  // Two whole-program runs, each in its own language host, like the cost and diagram specs': on a
  // busy machine they take longer than mocha's default.
  this.timeout(300_000);
  const scenarios = HOST_MOVE_SCENARIOS;
  // Both recordings start at once (each runs the program in its own language host); each test
  // awaits its own.
  before(() => {
    for (const overrides of Object.values(scenarios)) {
      recordStack("staging", { overrides }).catch(() => undefined);
    }
  });
  for (const [mode, overrides] of Object.entries(scenarios) as [
    keyof typeof scenarios,
    Record<string, unknown>,
  ][]) {
    it(`${mode} BI mode: each child of a layer's HardenedHost aliases exactly its URN from before the move`, async () => {
      const rec = await recordStack("staging", { overrides });
      const hosts = new Set(rec.resources.filter((r) => r.type === HOST_TYPE).map((r) => r.urn));
      expect(hosts.size, "a host per layer: access, test server, AI environment").to.equal(3);
      const moved = rec.resources.filter((r) => r.parent !== undefined && hosts.has(r.parent));
      const aliases = moved.map((r) => {
        expect(r.options.aliases, r.urn).to.have.length(1);
        // The alias is the URN without the host in the parent chain: where the resource was.
        expect(r.options.aliases[0]).to.equal(r.urn.replace(`$${HOST_TYPE}`, ""));
        return r.options.aliases[0];
      });
      // The layers' connect endpoint and its group moved on to ConnectEndpoint
      // (test/components/connect-endpoint.spec.ts checks their aliases).
      const stayed = URNS_BEFORE_HARDENED_HOST[mode].filter(
        (u) => !/::staging-(access|test-server)-eice(-sg)?$/.test(u),
      );
      expect(stayed.length, "the endpoint and its group, out").to.equal(
        URNS_BEFORE_HARDENED_HOST[mode].length - 2,
      );
      expect(aliases.sort()).to.deep.equal(stayed);
    });
  }
});
