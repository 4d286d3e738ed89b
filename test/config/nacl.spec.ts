// The private tiers' network ACLs against the account's "Rules per network ACL" quota: a stack
// whose NACLs AWS would refuse is refused by the config, naming the keys, and the config counts
// the rules the program actually creates.
import { expect } from "chai";
import { parseStackConfig } from "../../components/config";
import { aiSubnetCidrs } from "../../components/ai-environment.keys";
import type { KeyContext } from "../../components/keys";
import {
  NACL_RULE_QUOTA,
  NACL_SECTION,
  overfullAcls,
  programAclArgs,
} from "../../components/nacl.keys";
import { base, outOfRange, problems, prodRaw, rejects } from "../fixtures/config";
import { findAll, runStack } from "../helpers";

/** Bastion mode and the database: the data tier admits two ports from two tiers of subnets. */
const busyDataTier = {
  "platform:biAccessMode": "bastion",
  "platform:bastionAllowedCidrs": ["203.0.113.0/24"],
  "platform:databaseEnabled": true,
};

/** The AI environment on, in a range of its own. */
const ai = { "platform:aiEnvironmentEnabled": true, "platform:aiVpcCidr": "10.99.0.0/24" };

describe("config: network ACLs", () => {
  it("the committed stacks fit the default quota of 20 rules each way", () => {
    for (const raw of [base(), prodRaw()]) expect(problems(raw)).to.deep.equal([]);
    expect(NACL_RULE_QUOTA).to.deep.equal({ default: 20, max: 40 });
  });

  it("refuses four AZs with the bastion and the database: 21 inbound rules on the data tier", () => {
    const p = problems({ ...base(), ...busyDataTier, "platform:azCount": 4 });
    expect(p).to.have.length(1);
    expect(p[0]).to.match(
      /^platform:naclRuleQuota: the data tier's network ACL needs 21 inbound rules, more than the quota of 20 \(Amazon VPC "Rules per network ACL", each direction\)/,
    );
    expect(p[0]).to.contain("platform:azCount");
    expect(p[0]).to.contain("`pulumi config set platform:naclRuleQuota 21`");
    // Three AZs fit; so do four once the quota is raised and set.
    expect(problems({ ...base(), ...busyDataTier, "platform:azCount": 3 })).to.deep.equal([]);
    const raised = {
      ...base(),
      ...busyDataTier,
      "platform:azCount": 4,
      "platform:naclRuleQuota": 21,
    };
    expect(problems(raised)).to.deep.equal([]);
    expect(parseStackConfig(raised).naclRuleQuota).to.equal(21);
  });

  it("counts the AI server's ports on the compute tier's outbound rules", () => {
    const p = problems({
      ...base(),
      "platform:azCount": 5,
      "platform:databaseEnabled": true,
      "platform:aiEnvironmentEnabled": true,
      "platform:aiVpcCidr": "10.99.0.0/24",
      "platform:aiAllowedPorts": [443, 8000, 8001, 8002, 8003, 8004, 8005, 8006, 8007, 8008],
    });
    expect(p).to.have.length(1);
    expect(p[0]).to.match(
      /^platform:naclRuleQuota: the compute tier's network ACL needs 23 outbound rules, more than the quota of 20/,
    );
  });

  it("counts each AI port once, as the AI environment opens them", () => {
    // Four AZs and the database: 8 data-tier rules, 3 baseline, so 9 AI ports fill 20 exactly.
    const ports = [443, 8000, 8001, 8002, 8003, 8004, 8005, 8006, 8007];
    const at = { ...base(), "platform:azCount": 4, "platform:databaseEnabled": true, ...ai };
    expect(problems({ ...at, "platform:aiAllowedPorts": ports })).to.deep.equal([]);
    expect(problems({ ...at, "platform:aiAllowedPorts": [...ports, 8007] })).to.deep.equal([]);
    const over = problems({ ...at, "platform:aiAllowedPorts": [...ports.slice(1), 8008, 443] });
    expect(over).to.have.length(1);
    expect(over[0]).to.match(/compute tier's network ACL needs 21 outbound rules/);
  });

  for (const [what, cidr, problem] of [
    [
      "with host bits set",
      "10.99.0.1/24",
      /^platform:aiVpcCidr: "10.99.0.1\/24" has host bits set/,
    ],
    ["that is no CIDR", "ai-range", /^platform:aiVpcCidr: "ai-range" is not an IPv4 CIDR/],
  ] as const) {
    it(`still counts the AI ports when platform:aiVpcCidr is a range ${what}: every problem at once`, () => {
      const p = problems({
        ...base(),
        "platform:azCount": 5,
        "platform:databaseEnabled": true,
        ...ai,
        "platform:aiVpcCidr": cidr,
        "platform:aiAllowedPorts": [443, 8000, 8001, 8002, 8003, 8004, 8005, 8006, 8007, 8008],
      });
      expect(p).to.have.length(2);
      expect(p[0]).to.match(problem);
      expect(p[1]).to.match(
        /^platform:naclRuleQuota: the compute tier's network ACL needs 23 outbound rules/,
      );
    });
  }

  it("hands the network the AI server's ports each once, ascending, as the AI environment opens them", () => {
    const cfg = parseStackConfig({
      ...base(),
      ...ai,
      "platform:aiAllowedPorts": [8000, 443, 8000],
    });
    const opened = cfg.features.aiEnvironment!;
    expect(opened.allowedPorts).to.deep.equal([443, 8000]);
    // The derivation index.ts made from the AI environment's settings before the section did.
    const before = programAclArgs({
      containerPort: cfg.runtime.containerPort,
      bastion: false,
      ai: { cidrBlock: aiSubnetCidrs(opened.cidrBlock).privateCidr, ports: opened.allowedPorts },
    });
    expect(cfg.programAcls).to.deep.equal(before);
    expect(cfg.programAcls.additionalNaclEgress).to.deep.equal([
      { tier: "compute", port: 443, cidrBlock: "10.99.0.128/25" },
      { tier: "compute", port: 8000, cidrBlock: "10.99.0.128/25" },
    ]);
    const rules = (args: typeof before) =>
      overfullAcls(cfg.network.cidrBlock, cfg.network.subnetCidrs, args, 0);
    expect(rules(cfg.programAcls)).to.deep.equal(rules(before));
  });

  it("refuses to build NACL arguments without a value every valid config has", () => {
    const known: Record<string, unknown> = { "platform:aiEnvironmentEnabled": true };
    const ctx = {
      value: (k: string) => known[`platform:${k}`],
      section: () => undefined,
    } as unknown as KeyContext;
    const build = (): unknown => NACL_SECTION.build!({ ruleQuota: 20 }, ctx);
    expect(build).to.throw(
      /^Internal error: the Network ACLs section built without platform:containerPort/,
    );
    known["platform:containerPort"] = 8080;
    expect(build).to.throw(/without the AI environment's settings/);
  });

  it("reports an invalid container port with the AI environment on as a config problem", () => {
    const p = problems({ ...base(), ...ai, "platform:containerPort": "abc" });
    expect(p).to.have.length(1);
    expect(p[0]).to.match(/^platform:containerPort: /);
  });

  rejects([
    outOfRange("a quota above the most AWS grants", "platform:naclRuleQuota", 41),
    outOfRange("a quota below AWS's default", "platform:naclRuleQuota", 19),
  ]);

  // The ports the layers open, derived once from the settings for both the quota and the Network.
  for (const [what, overrides, expected] of [
    [
      "the container port and Redshift alone",
      {},
      { computeIngressPorts: [8080], dataIngressPorts: [5439], dataIngressFromPublic: false },
    ],
    [
      "the database's port, bastion mode and the AI server's private half and ports",
      {
        ...busyDataTier,
        "platform:databaseEngine": "aurora-mysql",
        "platform:aiEnvironmentEnabled": true,
        "platform:aiVpcCidr": "10.99.0.0/24",
        "platform:aiAllowedPorts": [443, 8000],
      },
      {
        computeIngressPorts: [8080],
        dataIngressPorts: [5439, 3306],
        dataIngressFromPublic: true,
        additionalNaclEgress: [
          { tier: "compute", port: 443, cidrBlock: "10.99.0.128/25" },
          { tier: "compute", port: 8000, cidrBlock: "10.99.0.128/25" },
        ],
      },
    ],
  ] as const) {
    it(`hands the network the NACL arguments of ${what}`, () => {
      const cfg = parseStackConfig({ ...base(), ...overrides });
      expect(cfg.programAcls).to.deep.equal({ additionalNaclEgress: undefined, ...expected });
    });
  }

  it("counts exactly the rules the program creates", async function () {
    this.timeout(120_000);
    const overrides = {
      ...busyDataTier,
      "platform:azCount": 3,
      "platform:aiEnvironmentEnabled": true,
      "platform:aiVpcCidr": "10.99.0.0/24",
      "platform:aiAllowedPorts": [443, 8000],
    };
    const rec = await runStack("staging", { overrides });
    const created = new Map<string, number>();
    for (const r of findAll(rec, "aws:ec2/networkAclRule:NetworkAclRule")) {
      const [, tier, dir] = /-(compute|data)-nacl-(in|out)-\d+$/.exec(r.name)!;
      const k = `${tier} ${dir === "in" ? "inbound" : "outbound"}`;
      created.set(k, (created.get(k) ?? 0) + 1);
    }
    const cfg = parseStackConfig({ ...base(), ...overrides });
    const args = programAclArgs({
      containerPort: cfg.runtime.containerPort,
      databasePort: 5432,
      bastion: true,
      ai: { cidrBlock: "10.99.0.128/25", ports: [443, 8000] },
    });
    // With a quota of 0 every NACL is "overfull", so each direction reports its rule count.
    const counted = overfullAcls(cfg.network.cidrBlock, cfg.network.subnetCidrs, args, 0);
    expect(new Map(counted.map((o) => [`${o.tier} ${o.direction}`, o.rules]))).to.deep.equal(
      created,
    );
    expect(created.get("data inbound")).to.equal(17);
  });

  it("hands a raised quota to the network, which then builds the larger NACL", async function () {
    this.timeout(120_000);
    // us-east-1: four AZs beside the one the network avoids (eu-west-1 has three).
    const overrides = {
      ...busyDataTier,
      "aws:region": "us-east-1",
      "platform:azCount": 4,
      "platform:naclRuleQuota": 21,
    };
    const rec = await runStack("staging", { overrides });
    const dataInbound = findAll(rec, "aws:ec2/networkAclRule:NetworkAclRule").filter((r) =>
      /-data-nacl-in-\d+$/.test(r.name),
    );
    expect(dataInbound).to.have.length(21);
  });
});
