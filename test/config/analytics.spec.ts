// Analytics, BI access and docs-site keys: defaults, what parses, every bad input naming its key.
import { expect } from "chai";
import { parseStackConfig } from "../../components/config";
import { BadInput, base, notAllowed, notAnInteger, outOfRange, rejects } from "../fixtures/config";
import { stackConfig } from "../helpers";

describe("config: analytics, BI access and docs site", () => {
  it("committed stacks: staging smaller than prod, private BI access, a usage limit that stops queries", () => {
    const s = parseStackConfig(stackConfig("staging"));
    const p = parseStackConfig(stackConfig("prod"));
    expect(s.analytics.baseRpu).to.be.lessThan(p.analytics.baseRpu);
    expect(s.analytics.maxRpu).to.be.lessThan(p.analytics.maxRpu);
    expect(s.analytics.usageLimit.rpuHours).to.be.lessThan(p.analytics.usageLimit.rpuHours);
    for (const c of [s, p]) {
      expect(c.analytics.usageLimit.breachAction).to.equal("deactivate");
      expect(c.access.mode).to.equal("private");
      expect(c.network.dataSubnetCount).to.be.at.least(3);
      expect(c.network.subnetCidrs.data).to.have.length(c.network.dataSubnetCount);
    }
    // Staging keeps 2 AZs for everything that costs money; only its data tier spans a third.
    expect(s.network.azCount).to.equal(2);
    expect(s.network.subnetCidrs.public).to.have.length(2);
  });

  it("defaults: 8 RPU base, max four times the base, AWS-managed admin names avoided", () => {
    const keys = Object.keys(base()).filter((k) => /redshift|biAccess/.test(k));
    const raw = base();
    for (const k of keys) delete raw[k];
    const c = parseStackConfig(raw);
    expect(c.analytics).to.deep.include({
      baseRpu: 8,
      maxRpu: 32,
      adminUsername: "platform_admin",
      dbName: "analytics",
    });
    expect(c.analytics.usageLimit).to.deep.equal({
      rpuHours: 24,
      period: "daily",
      breachAction: "deactivate",
    });
    expect(c.access).to.deep.equal({ mode: "private", allowedCidrs: [], instanceType: "t4g.nano" });
    expect(c.docs).to.deep.equal({ domainName: undefined, certificateArn: undefined });
  });

  it("bastion mode with a narrow allow-list parses", () => {
    const c = parseStackConfig({
      ...base(),
      "platform:biAccessMode": "bastion",
      "platform:bastionAllowedCidrs": ["203.0.113.0/24", "198.51.100.7/32"],
    });
    expect(c.access).to.deep.include({
      mode: "bastion",
      allowedCidrs: ["203.0.113.0/24", "198.51.100.7/32"],
    });
  });

  it("a docs domain with its us-east-1 certificate parses", () => {
    const c = parseStackConfig({
      ...base(),
      "platform:docsDomain": "docs.example.com",
      "platform:docsCertificateArn":
        "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000000",
    });
    expect(c.docs.domainName).to.equal("docs.example.com");
  });

  const cases: BadInput[] = [
    [
      "base RPU not a step of 8",
      { "platform:redshiftBaseRpu": 12 },
      /^platform:redshiftBaseRpu: 12 is not a base capacity AWS accepts/,
    ],
    outOfRange("base RPU out of range", "platform:redshiftBaseRpu", 1024),
    notAnInteger("base RPU not an integer", "platform:redshiftBaseRpu", "lots"),
    [
      "max RPU below base",
      { "platform:redshiftBaseRpu": 64, "platform:redshiftMaxRpu": 32 },
      /^platform:redshiftMaxRpu: 32 must be a multiple of 8 and at least platform:redshiftBaseRpu \(64\)/,
    ],
    [
      "max RPU not a step of 8",
      { "platform:redshiftMaxRpu": 36 },
      /^platform:redshiftMaxRpu: 36 must be a multiple of 8/,
    ],
    outOfRange("max RPU above the AWS limit", "platform:redshiftMaxRpu", 6000),
    outOfRange("usage limit zero", "platform:redshiftUsageLimitRpuHours", 0),
    notAllowed("usage period unknown", "platform:redshiftUsageLimitPeriod", "hourly"),
    [
      "breach action that stops nothing",
      { "platform:redshiftUsageLimitBreachAction": "log" },
      /^platform:redshiftUsageLimitBreachAction: "log" is not allowed; use "deactivate" or "emit-metric"/,
    ],
    notAllowed("default admin name", "platform:redshiftAdminUsername", "admin"),
    notAllowed("admin name not an identifier", "platform:redshiftAdminUsername", "Ops-Admin"),
    notAllowed("default database name", "platform:redshiftDbName", "dev"),
    notAllowed("database name not an identifier", "platform:redshiftDbName", "1analytics"),
    [
      "BI access mode unknown",
      { "platform:biAccessMode": "vpn" },
      /^platform:biAccessMode: "vpn" is not allowed; use "private" or "bastion"/,
    ],
    [
      "bastion without allow-list",
      { "platform:biAccessMode": "bastion" },
      /^platform:bastionAllowedCidrs: is required when platform:biAccessMode is "bastion"/,
    ],
    [
      "bastion open to the internet",
      { "platform:biAccessMode": "bastion", "platform:bastionAllowedCidrs": ["0.0.0.0/0"] },
      /^platform:bastionAllowedCidrs: item 0: "0\.0\.0\.0\/0" is wider than \/16; SSH must never be open to the internet/,
    ],
    [
      "bastion range too wide",
      {
        "platform:biAccessMode": "bastion",
        "platform:bastionAllowedCidrs": ["203.0.113.0/24", "10.0.0.0/8"],
      },
      /^platform:bastionAllowedCidrs: item 1: "10\.0\.0\.0\/8" is wider than \/16/,
    ],
    [
      "the same bastion CIDR twice",
      {
        "platform:biAccessMode": "bastion",
        "platform:bastionAllowedCidrs": ["203.0.113.0/24", "203.0.113.0/24"],
      },
      /^platform:bastionAllowedCidrs: item 1 "203\.0\.113\.0\/24" repeats item 0; a security group refuses the same rule twice/,
    ],
    [
      "bastion CIDR malformed",
      { "platform:biAccessMode": "bastion", "platform:bastionAllowedCidrs": ["203.0.113.5"] },
      /^platform:bastionAllowedCidrs: item 0: "203\.0\.113\.5" is not an IPv4 CIDR/,
    ],
    [
      "allow-list in private mode",
      { "platform:bastionAllowedCidrs": ["203.0.113.0/24"] },
      /^platform:bastionAllowedCidrs: applies only when platform:biAccessMode is "bastion"/,
    ],
    [
      "x86 tunnel instance",
      { "platform:tunnelInstanceType": "t3.nano" },
      /^platform:tunnelInstanceType: "t3\.nano" is not a Graviton \(arm64\) type/,
    ],
    [
      "docs domain malformed",
      {
        "platform:docsDomain": "Docs_Site",
        "platform:docsCertificateArn":
          "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000000",
      },
      /^platform:docsDomain: "Docs_Site" is not a lowercase DNS name/,
    ],
    [
      "docs certificate outside us-east-1",
      {
        "platform:docsDomain": "docs.example.com",
        "platform:docsCertificateArn":
          "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000000",
      },
      /^platform:docsCertificateArn: is in eu-west-1; CloudFront uses certificates from us-east-1 only/,
    ],
    [
      "docs certificate from an account the stack may not deploy to",
      {
        "aws:allowedAccountIds": ["123456789012"],
        "platform:docsDomain": "docs.example.com",
        "platform:docsCertificateArn":
          "arn:aws:acm:us-east-1:210987654321:certificate/4f2c1a9e-7b3d-4e8a-9c61-0d2e5f7a8b9c",
      },
      /^platform:docsCertificateArn: is in account 210987654321, but aws:allowedAccountIds lets the stack deploy only to 123456789012;/,
    ],
    [
      "docs certificate malformed",
      {
        "platform:docsDomain": "docs.example.com",
        "platform:docsCertificateArn": "arn:aws:iam::123456789012:role/x",
      },
      /^platform:docsCertificateArn: .* is not an ACM certificate ARN/,
    ],
    [
      "docs domain without certificate",
      { "platform:docsDomain": "docs.example.com" },
      /^platform:docsCertificateArn: platform:docsDomain and platform:docsCertificateArn go together/,
    ],
    [
      "docs certificate without domain",
      {
        "platform:docsCertificateArn":
          "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000000",
      },
      /^platform:docsDomain: platform:docsDomain and platform:docsCertificateArn go together/,
    ],
    [
      "explicit data tier over too few AZs",
      { "platform:dataSubnetCidrs": ["10.20.64.0/24", "10.20.65.0/24"] },
      /^platform:dataSubnetCidrs: has 2 entries; give one per AZ of the data tier, max\(azCount, 3\) = 3: Redshift Serverless with enhanced VPC routing needs subnets in 3 AZs \(azCount is 2\)/,
    ],
    [
      "us-west-1: a fourth data subnet (the three share its two AZs)",
      {
        "aws:region": "us-west-1",
        "platform:dataSubnetCidrs": [
          "10.20.64.0/24",
          "10.20.65.0/24",
          "10.20.66.0/24",
          "10.20.67.0/24",
        ],
      },
      /^platform:dataSubnetCidrs: has 4 entries; give max\(azCount, 3\) = 3: Redshift Serverless with enhanced VPC routing needs 3 subnets, which in us-west-1 share its 2 AZs, one holding two \(azCount is 2\)$/,
    ],
    [
      "us-west-1: a data subnet per AZ is one short",
      {
        "aws:region": "us-west-1",
        "platform:dataSubnetCidrs": ["10.20.64.0/24", "10.20.65.0/24"],
      },
      /^platform:dataSubnetCidrs: has 2 entries; give max\(azCount, 3\) = 3: Redshift Serverless with enhanced VPC routing needs 3 subnets, which in us-west-1 share its 2 AZs, one holding two \(azCount is 2\)$/,
    ],
    [
      "data subnets too small for the base capacity",
      {
        "platform:vpcCidr": "10.20.0.0/24",
        "platform:redshiftBaseRpu": 64,
        "platform:redshiftMaxRpu": 64,
      },
      /^platform:dataSubnetCidrs\[0\]: "10\.20\.0\.160\/28" has 11 usable addresses; a workgroup of platform:redshiftBaseRpu 64 needs 21 free/,
    ],
  ];
  rejects(cases, (what) => `rejects: ${what}`);
});
