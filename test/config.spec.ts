import { expect } from "chai";
import {
  ConfigError,
  isExampleCertificateArn,
  parseStackConfig,
  StackConfig,
} from "../components/config";
import { contains, overlaps, parseCidr, Cidr } from "../components/cidr";
import { record } from "../tools/lib/recorder";
import { loadProgram, stackConfig } from "./helpers";

function problems(raw: Record<string, unknown>): string[] {
  try {
    parseStackConfig(raw);
  } catch (e) {
    expect(e).to.be.instanceOf(ConfigError);
    return [...(e as ConfigError).problems];
  }
  return [];
}

const base = (): Record<string, unknown> => stackConfig("staging");

describe("config", () => {
  describe("committed stacks", () => {
    for (const stack of ["staging", "prod"]) {
      it(`Pulumi.${stack}.yaml parses`, () => {
        const cfg = parseStackConfig(stackConfig(stack));
        expect(cfg.environment).to.equal(stack);
        expect(cfg.region).to.match(/^[a-z]{2}-[a-z]+-\d$/);
      });
    }

    it("prod is bigger and more protected than staging", () => {
      const s = parseStackConfig(stackConfig("staging"));
      const p = parseStackConfig(stackConfig("prod"));
      expect(p.network.azCount).to.be.greaterThan(s.network.azCount);
      expect(p.network.endpointPlacement).to.equal("all-azs");
      expect(p.protectData).to.equal(true);
      expect(s.protectData).to.equal(false);
      expect(p.logRetentionDays).to.be.at.least(365);
      expect(s.runtime).to.include({ desiredCount: 2, cpu: 256, memory: 512, wafEnabled: false });
      expect(p.runtime).to.include({ desiredCount: 4, cpu: 512, memory: 1024, wafEnabled: true });
    });
  });

  describe("subnet planning", () => {
    for (const azCount of [1, 2, 3, 4, 5]) {
      it(`plans ${azCount} AZs of non-overlapping subnets inside the VPC`, () => {
        const cfg: StackConfig = parseStackConfig({ ...base(), "platform:azCount": azCount });
        const vpc = parseCidr(cfg.network.cidrBlock) as Cidr;
        const all = Object.values(cfg.network.subnetCidrs)
          .flat()
          .map((t) => parseCidr(t) as Cidr);
        // The data tier spans at least the 3 AZs Redshift Serverless needs.
        expect(all).to.have.length(2 * azCount + Math.max(azCount, 3));
        expect(cfg.network.subnetCidrs.data).to.have.length(cfg.network.dataAzCount);
        for (const c of all) expect(contains(vpc, c)).to.equal(true);
        for (let i = 0; i < all.length; i++) {
          for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i], all[j])).to.equal(false);
        }
      });
    }

    it("keeps existing subnets where they are when an AZ is added", () => {
      const two = parseStackConfig({ ...base(), "platform:azCount": 2 });
      const three = parseStackConfig({ ...base(), "platform:azCount": 3 });
      for (const tier of ["public", "compute", "data"] as const) {
        const before = two.network.subnetCidrs[tier];
        expect(three.network.subnetCidrs[tier].slice(0, before.length)).to.deep.equal(before);
      }
    });

    it("accepts explicit subnet lists", () => {
      const cfg = parseStackConfig({
        ...base(),
        "platform:publicSubnetCidrs": '["10.20.0.0/24","10.20.1.0/24"]',
        "platform:computeSubnetCidrs": ["10.20.16.0/20", "10.20.32.0/20"],
        "platform:dataSubnetCidrs": ["10.20.64.0/24", "10.20.65.0/24", "10.20.66.0/24"],
      });
      expect(cfg.network.subnetCidrs.public).to.deep.equal(["10.20.0.0/24", "10.20.1.0/24"]);
    });
  });

  describe("bad input names the key", () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      [
        "malformed CIDR",
        { "platform:vpcCidr": "10.0.0.0/33" },
        /^platform:vpcCidr: .*prefix length above 32/,
      ],
      [
        "CIDR with host bits",
        { "platform:vpcCidr": "10.0.0.1/16" },
        /^platform:vpcCidr: .*host bits set.*10\.0\.0\.0\/16/,
      ],
      [
        "non-private VPC",
        { "platform:vpcCidr": "8.8.0.0/16" },
        /^platform:vpcCidr: .*is not inside 10\.0\.0\.0\/8/,
      ],
      ["VPC too small", { "platform:vpcCidr": "10.0.0.0/26" }, /^platform:vpcCidr: .*prefix \/26/],
      ["AZ count out of range", { "platform:azCount": 9 }, /^platform:azCount: 9 is out of range/],
      [
        "AZ count of wrong type",
        { "platform:azCount": "two" },
        /^platform:azCount: must be an integer/,
      ],
      [
        "unknown enum value",
        { "platform:environment": "qa" },
        /^platform:environment: "qa" is not allowed; use "staging" or "prod"/,
      ],
      [
        "unknown endpoint placement",
        { "platform:endpointPlacement": "some-azs" },
        /^platform:endpointPlacement: "some-azs" is not allowed/,
      ],
      ["missing required key", { "platform:vpcCidr": undefined }, /^platform:vpcCidr: is required/],
      ["missing region", { "aws:region": undefined }, /^aws:region: is required/],
      ["bad region", { "aws:region": "europe" }, /^aws:region: "europe" is not an AWS region/],
      [
        "wrong type boolean",
        { "platform:protectData": "yes" },
        /^platform:protectData: must be true or false/,
      ],
      [
        "wrong type list",
        { "platform:extraInterfaceEndpoints": "ssm" },
        /^platform:extraInterfaceEndpoints: must be a list/,
      ],
      [
        "bad service name",
        { "platform:extraInterfaceEndpoints": ["Secrets Manager"] },
        /^platform:extraInterfaceEndpoints: item 0/,
      ],
      [
        "unsupported log retention",
        { "platform:logRetentionDays": 31 },
        /^platform:logRetentionDays: 31 is not a retention CloudWatch Logs accepts/,
      ],
      [
        "expiration out of range",
        { "platform:objectExpirationDays": 0 },
        /^platform:objectExpirationDays: 0 is out of range/,
      ],
      [
        "unknown key",
        { "platform:vpcCIDR": "10.0.0.0/16" },
        /^platform:vpcCIDR: is not a known key/,
      ],
      [
        "bad ingest principal",
        { "platform:ingestPrincipal": "kafka" },
        /^platform:ingestPrincipal: "kafka" is neither a service principal/,
      ],
      [
        "an ingest service whose trust conditions are not recorded",
        { "platform:ingestPrincipal": "firehose.amazonaws.com" },
        /^platform:ingestPrincipal: "firehose\.amazonaws\.com" is a service whose trust conditions are not recorded/,
      ],
      [
        "external id for a service",
        { "platform:ingestExternalId": "abc123" },
        /^platform:ingestExternalId: applies only when ingestPrincipal is an IAM role ARN/,
      ],
      [
        "subnet list of wrong length",
        { "platform:publicSubnetCidrs": ["10.20.0.0/24"] },
        /^platform:publicSubnetCidrs: has 1 entries; give exactly one per AZ/,
      ],
      [
        "subnet outside the VPC",
        { "platform:dataSubnetCidrs": ["10.99.0.0/24", "10.20.250.0/24"] },
        /^platform:dataSubnetCidrs: item 0: "10\.99\.0\.0\/24" is not inside vpcCidr/,
      ],
      [
        "Fargate CPU/memory combination",
        { "platform:runtimeCpu": 256, "platform:runtimeMemory": 4096 },
        /^platform:runtimeMemory: 4096 MiB is not allowed with runtimeCpu 256; use one of 512, 1024, 2048/,
      ],
      [
        "unknown Fargate CPU",
        { "platform:runtimeCpu": 300 },
        /^platform:runtimeCpu: 300 is not a Fargate CPU size/,
      ],
      [
        "min count above desired",
        { "platform:runtimeMinCount": 5 },
        /^platform:runtimeMinCount: 5 is above runtimeDesiredCount 2/,
      ],
      [
        "max count below desired",
        { "platform:runtimeMaxCount": 1 },
        /^platform:runtimeMaxCount: 1 is below runtimeDesiredCount 2/,
      ],
      [
        "privileged container port",
        { "platform:containerPort": 80 },
        /^platform:containerPort: 80 is out of range/,
      ],
      [
        "malformed certificate",
        { "platform:certificateArn": "arn:aws:iam::123456789012:role/x" },
        /^platform:certificateArn: .* is not an ACM certificate ARN/,
      ],
      [
        "certificate from another region",
        {
          "platform:certificateArn":
            "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000000",
        },
        /^platform:certificateArn: is in us-east-1 but the load balancer is in aws:region eu-west-1/,
      ],
      [
        "bad allowed CIDR",
        { "platform:albAllowedCidrs": ["0.0.0.0/0", "1.2.3.4"] },
        /^platform:albAllowedCidrs: item 1: "1\.2\.3\.4" is not an IPv4 CIDR/,
      ],
      [
        "desired count out of range",
        { "platform:runtimeDesiredCount": 0 },
        /^platform:runtimeDesiredCount: 0 is out of range/,
      ],
      [
        "WAF rate limit below the minimum",
        { "platform:wafRateLimit": 5 },
        /^platform:wafRateLimit: 5 is out of range/,
      ],
      [
        "ECR images kept of wrong type",
        { "platform:ecrKeepImages": "many" },
        /^platform:ecrKeepImages: must be an integer/,
      ],
      [
        "upload limit out of range",
        { "platform:maxUploadMiB": 500 },
        /^platform:maxUploadMiB: 500 is out of range/,
      ],
      [
        "empty owner tag",
        { "platform:owner": "  " },
        /^platform:owner: must be a non-empty string/,
      ],
      [
        "cost center of wrong type",
        { "platform:costCenter": 42 },
        /^platform:costCenter: must be a non-empty string/,
      ],
      [
        "bad image tag",
        { "platform:imageTag": "-latest" },
        /^platform:imageTag: "-latest" is not a valid image tag/,
      ],
      [
        "unknown source provider",
        { "platform:sourceProvider": "gitlab" },
        /^platform:sourceProvider: "gitlab" is not allowed; use "codecommit" or "github"/,
      ],
      [
        "github source without a repository",
        { "platform:sourceProvider": "github" },
        /^platform:githubRepository: is required when sourceProvider is "github"/,
      ],
      [
        "malformed GitHub repository",
        { "platform:sourceProvider": "github", "platform:githubRepository": "acme" },
        /^platform:githubRepository: "acme" is not "owner\/name"/,
      ],
      [
        "GitHub keys with a CodeCommit source",
        { "platform:githubRepository": "acme/app" },
        /^platform:githubRepository: applies only when sourceProvider is "github"/,
      ],
      [
        "malformed connection ARN",
        {
          "platform:sourceProvider": "github",
          "platform:githubRepository": "acme/app",
          "platform:githubConnectionArn": "arn:aws:iam::123456789012:role/x",
        },
        /^platform:githubConnectionArn: .* is not a connection ARN/,
      ],
      [
        "branch pattern with CodeCommit",
        { "platform:sourceBranches": ["release/*"] },
        /^platform:sourceBranches: item 0 "release\/\*": CodeCommit sources need exact branch names/,
      ],
      [
        "pattern as the default GitHub branch",
        {
          "platform:sourceProvider": "github",
          "platform:githubRepository": "acme/app",
          "platform:sourceBranches": ["release/*", "main"],
        },
        /^platform:sourceBranches: item 0 "release\/\*" is the source action's default branch/,
      ],
      [
        "no branch",
        { "platform:sourceBranches": [] },
        /^platform:sourceBranches: has 0 entries; give 1 to 8 branches/,
      ],
      [
        "invalid branch name",
        { "platform:sourceBranches": ["bad..name"] },
        /^platform:sourceBranches: item 0 "bad\.\.name" is not a git branch name/,
      ],
      [
        "bad CodeCommit repository name",
        { "platform:codecommitRepository": "app.git" },
        /^platform:codecommitRepository: "app\.git" is not a CodeCommit repository name/,
      ],
      [
        "wrong type for codecommitCreateRepository",
        { "platform:codecommitCreateRepository": "maybe" },
        /^platform:codecommitCreateRepository: must be true or false/,
      ],
      [
        "malformed OIDC repository",
        { "platform:githubOidcRepository": "https://github.com/acme/app" },
        /^platform:githubOidcRepository: .* is not "owner\/name"/,
      ],
      [
        "OIDC provider without a repository",
        {
          "platform:githubOidcProviderArn":
            "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
        },
        /^platform:githubOidcProviderArn: applies only when githubOidcRepository is set/,
      ],
      [
        "malformed OIDC provider",
        {
          "platform:githubOidcRepository": "acme/app",
          "platform:githubOidcProviderArn": "arn:aws:iam::123456789012:oidc-provider/example.com",
        },
        /^platform:githubOidcProviderArn: .* is not an IAM OIDC provider ARN/,
      ],
      [
        "subnet below /28",
        { "platform:dataSubnetCidrs": ["10.20.250.0/29", "10.20.251.0/24"] },
        /smaller than \/28/,
      ],
    ];
    for (const [what, override, re] of cases) {
      it(what, () => {
        const found = problems({ ...base(), ...override }).filter((p) => re.test(p));
        expect(
          found,
          `expected a problem matching ${re}, got:\n${problems({ ...base(), ...override }).join("\n")}`,
        ).to.have.length(1);
      });
    }

    it("overlapping subnets", () => {
      const p = problems({
        ...base(),
        "platform:publicSubnetCidrs": ["10.20.0.0/24", "10.20.1.0/24"],
        "platform:computeSubnetCidrs": ["10.20.0.128/25", "10.20.32.0/20"],
        "platform:dataSubnetCidrs": ["10.20.64.0/24", "10.20.65.0/24", "10.20.66.0/24"],
      });
      expect(p).to.deep.equal([
        `platform:publicSubnetCidrs[0]: "10.20.0.0/24" overlaps platform:computeSubnetCidrs[0] "10.20.0.128/25"; subnets must not overlap`,
      ]);
    });

    it("an explicit tier overlapping a planned one", () => {
      const p = problems({
        ...base(),
        "platform:computeSubnetCidrs": ["10.20.0.0/20", "10.20.240.0/20"],
      });
      expect(p.join("\n")).to.match(/overlaps the planned public subnet 10\.20\.0\.0\/20/);
    });

    it("prod cross-field rules", () => {
      const p = problems({
        ...stackConfig("prod"),
        "platform:azCount": 1,
        "platform:endpointPlacement": "single-az",
        "platform:protectData": false,
        "platform:logRetentionDays": 30,
        "platform:wafEnabled": false,
        "platform:certificateArn": undefined,
        "platform:runtimeMinCount": 1,
      });
      expect(p).to.have.length(7);
      expect(p[0]).to.match(/^platform:azCount: prod needs at least 2/);
      expect(p.join("\n")).to.match(/platform:endpointPlacement: prod must place/);
      expect(p.join("\n")).to.match(/platform:protectData: prod must protect/);
      expect(p.join("\n")).to.match(/platform:logRetentionDays: prod keeps logs at least 365/);
      expect(p.join("\n")).to.match(
        /platform:wafEnabled: prod must put the load balancer behind WAF/,
      );
      expect(p.join("\n")).to.match(/platform:certificateArn: is required in prod/);
      expect(p.join("\n")).to.match(/platform:runtimeMinCount: prod runs at least 2 tasks/);
    });

    it("reports every problem at once, in one error", () => {
      let err: Error | undefined;
      try {
        parseStackConfig({ "platform:vpcCidr": "nope", "platform:azCount": 0, "platform:foo": 1 });
      } catch (e) {
        err = e as Error;
      }
      expect(err).to.be.instanceOf(ConfigError);
      const msg = err!.message;
      for (const k of [
        "platform:vpcCidr",
        "platform:azCount",
        "platform:foo",
        "platform:environment",
        "platform:ingestPrincipal",
        "aws:region",
      ]) {
        expect(msg).to.contain(k);
      }
      expect(msg).to.match(/pulumi config set/);
    });

    it("an invalid config registers no resource at all", async () => {
      const registered: string[] = [];
      let error: unknown;
      try {
        await record(
          {
            project: "platform",
            stack: "staging",
            config: { ...base(), "platform:vpcCidr": "10.0.0.0/33" },
          },
          loadProgram,
        ).then((rec) => registered.push(...rec.resources.map((r) => r.type)));
      } catch (e) {
        error = e;
      }
      expect(String(error)).to.match(/platform:vpcCidr/);
      expect(registered).to.deep.equal([]);
    });
  });
});

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
      expect(c.network.dataAzCount).to.be.at.least(3);
      expect(c.network.subnetCidrs.data).to.have.length(c.network.dataAzCount);
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

  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      "base RPU not a step of 8",
      { "platform:redshiftBaseRpu": 12 },
      /^platform:redshiftBaseRpu: 12 is not a base capacity AWS accepts/,
    ],
    [
      "base RPU out of range",
      { "platform:redshiftBaseRpu": 1024 },
      /^platform:redshiftBaseRpu: 1024 is out of range/,
    ],
    [
      "base RPU not an integer",
      { "platform:redshiftBaseRpu": "lots" },
      /^platform:redshiftBaseRpu: must be an integer/,
    ],
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
    [
      "max RPU above the AWS limit",
      { "platform:redshiftMaxRpu": 6000 },
      /^platform:redshiftMaxRpu: 6000 is out of range/,
    ],
    [
      "usage limit zero",
      { "platform:redshiftUsageLimitRpuHours": 0 },
      /^platform:redshiftUsageLimitRpuHours: 0 is out of range/,
    ],
    [
      "usage period unknown",
      { "platform:redshiftUsageLimitPeriod": "hourly" },
      /^platform:redshiftUsageLimitPeriod: "hourly" is not allowed/,
    ],
    [
      "breach action that stops nothing",
      { "platform:redshiftUsageLimitBreachAction": "log" },
      /^platform:redshiftUsageLimitBreachAction: "log" is not allowed; use "deactivate" or "emit-metric"/,
    ],
    [
      "default admin name",
      { "platform:redshiftAdminUsername": "admin" },
      /^platform:redshiftAdminUsername: "admin" is not allowed/,
    ],
    [
      "admin name not an identifier",
      { "platform:redshiftAdminUsername": "Ops-Admin" },
      /^platform:redshiftAdminUsername: "Ops-Admin" is not allowed/,
    ],
    [
      "default database name",
      { "platform:redshiftDbName": "dev" },
      /^platform:redshiftDbName: "dev" is not allowed/,
    ],
    [
      "database name not an identifier",
      { "platform:redshiftDbName": "1analytics" },
      /^platform:redshiftDbName: "1analytics" is not allowed/,
    ],
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
      "region without 3 Redshift AZs",
      { "aws:region": "us-west-1" },
      /^aws:region: us-west-1 offers Redshift Serverless only two availability zones/,
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
  for (const [what, override, re] of cases) {
    it(`rejects: ${what}`, () => {
      const all = problems({ ...base(), ...override });
      const found = all.filter((p) => re.test(p));
      expect(found, `expected a problem matching ${re}, got:\n${all.join("\n")}`).to.have.length(1);
    });
  }
});

describe("config: opt-in MVP features", () => {
  it("every feature is off in the committed stacks", () => {
    for (const stack of ["staging", "prod"]) {
      const f = parseStackConfig(stackConfig(stack)).features;
      expect(f).to.deep.equal({
        backup: undefined,
        database: undefined,
        testServer: false,
        aiEnvironment: undefined,
      });
    }
  });

  it("parses each feature with its defaults when turned on", () => {
    const f = parseStackConfig({
      ...base(),
      "platform:backupEnabled": true,
      "platform:databaseEnabled": "true",
      "platform:testServerEnabled": true,
      "platform:aiEnvironmentEnabled": true,
      "platform:aiVpcCidr": "10.99.0.0/24",
    }).features;
    expect(f.backup).to.deep.equal({ retentionDays: 1, vaultLock: "none" });
    expect(f.database).to.deep.equal({
      engine: "aurora-postgresql",
      minCapacity: 0.5,
      maxCapacity: 4,
    });
    expect(f.testServer).to.equal(true);
    expect(f.aiEnvironment).to.deep.equal({ cidrBlock: "10.99.0.0/24", allowedPorts: [443] });
  });

  it("parses explicit values (strings as the CLI stores them, YAML lists)", () => {
    const f = parseStackConfig({
      ...base(),
      "platform:backupEnabled": true,
      "platform:backupRetentionDays": "35",
      "platform:backupVaultLock": "compliance",
      "platform:databaseEnabled": true,
      "platform:databaseEngine": "aurora-mysql",
      "platform:databaseMinAcu": "0",
      "platform:databaseMaxAcu": 2.5,
      "platform:aiEnvironmentEnabled": true,
      "platform:aiVpcCidr": "172.16.8.0/22",
      "platform:aiAllowedPorts": "[8000, 443, 8000]",
    }).features;
    expect(f.backup).to.deep.equal({ retentionDays: 35, vaultLock: "compliance" });
    expect(f.database).to.deep.equal({ engine: "aurora-mysql", minCapacity: 0, maxCapacity: 2.5 });
    expect(f.aiEnvironment?.allowedPorts).to.deep.equal([443, 8000]);
  });

  const on = {
    "platform:backupEnabled": true,
    "platform:databaseEnabled": true,
    "platform:aiEnvironmentEnabled": true,
    "platform:aiVpcCidr": "10.99.0.0/24",
  };
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      "feature flag of the wrong type",
      { "platform:backupEnabled": "yes" },
      /^platform:backupEnabled: must be true or false/,
    ],
    [
      "retention without backups",
      { "platform:backupRetentionDays": 7 },
      /^platform:backupRetentionDays: applies only when platform:backupEnabled is true/,
    ],
    [
      "vault lock without backups",
      { "platform:backupVaultLock": "governance" },
      /^platform:backupVaultLock: applies only when platform:backupEnabled is true/,
    ],
    [
      "retention of 0 days",
      { ...on, "platform:backupRetentionDays": 0 },
      /^platform:backupRetentionDays: 0 is out of range/,
    ],
    [
      "unknown vault lock mode",
      { ...on, "platform:backupVaultLock": "strict" },
      /^platform:backupVaultLock: "strict" is not allowed; use "none" or "governance" or "compliance"/,
    ],
    [
      "engine without the database",
      { "platform:databaseEngine": "aurora-mysql" },
      /^platform:databaseEngine: applies only when platform:databaseEnabled is true/,
    ],
    [
      "unknown engine",
      { ...on, "platform:databaseEngine": "mysql" },
      /^platform:databaseEngine: "mysql" is not allowed; use "aurora-postgresql" or "aurora-mysql"/,
    ],
    [
      "ACU not a number",
      { ...on, "platform:databaseMinAcu": "half" },
      /^platform:databaseMinAcu: must be a number/,
    ],
    [
      "ACU off the 0.5 grid",
      { ...on, "platform:databaseMinAcu": 0.75 },
      /^platform:databaseMinAcu: 0\.75 is not a step of 0\.5/,
    ],
    [
      "ACU above 256",
      { ...on, "platform:databaseMaxAcu": 300 },
      /^platform:databaseMaxAcu: 300 is out of range/,
    ],
    [
      "max ACU below min",
      { ...on, "platform:databaseMinAcu": 8, "platform:databaseMaxAcu": 2 },
      /^platform:databaseMaxAcu: 2 is below platform:databaseMinAcu 8/,
    ],
    [
      "AI environment without its range",
      { "platform:aiEnvironmentEnabled": true },
      /^platform:aiVpcCidr: is required/,
    ],
    [
      "AI range without the AI environment",
      { "platform:aiVpcCidr": "10.99.0.0/24" },
      /^platform:aiVpcCidr: applies only when platform:aiEnvironmentEnabled is true/,
    ],
    [
      "AI range overlapping the main VPC",
      { ...on, "platform:aiVpcCidr": "10.20.128.0/24" },
      /^platform:aiVpcCidr: "10\.20\.128\.0\/24" overlaps platform:vpcCidr "10\.20\.0\.0\/16"; peered VPCs need ranges that do not overlap/,
    ],
    [
      "AI range containing the main VPC",
      { ...on, "platform:aiVpcCidr": "10.0.0.0/8" },
      /^platform:aiVpcCidr: "10\.0\.0\.0\/8" has prefix \/8/,
    ],
    [
      "AI range public",
      { ...on, "platform:aiVpcCidr": "8.8.8.0/24" },
      /^platform:aiVpcCidr: "8\.8\.8\.0\/24" is not inside 10\.0\.0\.0\/8/,
    ],
    [
      "AI range malformed",
      { ...on, "platform:aiVpcCidr": "10.99.0.0" },
      /^platform:aiVpcCidr: "10\.99\.0\.0" is not an IPv4 CIDR/,
    ],
    [
      "AI port out of range",
      { ...on, "platform:aiAllowedPorts": [443, 70000] },
      /^platform:aiAllowedPorts: 70000 is not a TCP port/,
    ],
    [
      "AI admin port across the peering",
      { ...on, "platform:aiAllowedPorts": [22] },
      /^platform:aiAllowedPorts: 22 is an administration port/,
    ],
    [
      "AI ports of the wrong type",
      { ...on, "platform:aiAllowedPorts": ["https"] },
      /^platform:aiAllowedPorts: must be a list of integers/,
    ],
    [
      "AI ports empty",
      { ...on, "platform:aiAllowedPorts": [] },
      /^platform:aiAllowedPorts: has 0 entries; give 1 to 10 ports/,
    ],
  ];
  for (const [what, override, re] of cases) {
    it(`rejects: ${what}`, () => {
      const all = problems({ ...base(), ...override });
      const found = all.filter((p) => re.test(p));
      expect(found, `expected a problem matching ${re}, got:\n${all.join("\n")}`).to.have.length(1);
    });
  }

  it("prod refuses a database that pauses", () => {
    const all = problems({
      ...stackConfig("prod"),
      "platform:databaseEnabled": true,
      "platform:databaseMinAcu": 0,
    });
    expect(all).to.deep.equal([
      "platform:databaseMinAcu: prod must not pause its database (at least 0.5): resuming from 0 ACUs takes seconds on the first request",
    ]);
  });
});

describe("config: guardrails that follow the stack", () => {
  const prodRaw = () => stackConfig("prod");
  const refusal = (raw: Record<string, unknown>, opts: Parameters<typeof parseStackConfig>[1]) => {
    try {
      parseStackConfig(raw, opts);
    } catch (e) {
      expect(e).to.be.instanceOf(ConfigError);
      return e as ConfigError;
    }
    return undefined;
  };

  it("a stack named prod is prod: a staging environment, WAF off or unprotected data are refused at once", () => {
    const err = refusal(
      {
        ...prodRaw(),
        "platform:environment": "staging",
        "platform:wafEnabled": false,
        "platform:protectData": false,
      },
      { stack: "prod" },
    );
    expect(err, "refused").to.not.equal(undefined);
    const p = err!.problems.join("\n");
    expect(p).to.match(/^platform:environment: .*stack is named prod/m);
    expect(p).to.match(/pulumi config set platform:environment prod/);
    expect(p).to.match(/^platform:wafEnabled: prod must put the load balancer behind WAF/m);
    expect(p).to.match(/pulumi config set platform:wafEnabled true/);
    expect(p).to.match(/^platform:protectData: prod must protect its data/m);
    expect(p).to.match(/pulumi config set platform:protectData true/);
    // The same file under another stack name is a staging stack, with staging's freedoms.
    expect(
      refusal(
        {
          ...prodRaw(),
          "platform:environment": "staging",
          "platform:wafEnabled": false,
          "platform:protectData": false,
        },
        { stack: "qa" },
      ),
    ).to.equal(undefined);
  });

  it("the program refuses a mislabelled prod stack before registering anything", async () => {
    const registered: string[] = [];
    let error: unknown;
    try {
      const rec = await record(
        {
          project: "platform",
          stack: "prod",
          config: { ...prodRaw(), "platform:environment": "staging" },
        },
        loadProgram,
      );
      registered.push(...rec.resources.map((r) => r.type));
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.match(/platform:environment: .*stack is named prod/);
    expect(registered).to.deep.equal([]);
  });

  it("recognises example certificate ARNs", () => {
    expect(isExampleCertificateArn(prodRaw()["platform:certificateArn"] as string)).to.equal(true);
    expect(
      isExampleCertificateArn(
        "arn:aws:acm:eu-west-1:111111111111:certificate/4f2c1a9e-7b3d-4e8a-9c61-0d2e5f7a8b9c",
      ),
    ).to.equal(true);
    expect(
      isExampleCertificateArn(
        "arn:aws:acm:eu-west-1:210987654321:certificate/4f2c1a9e-7b3d-4e8a-9c61-0d2e5f7a8b9c",
      ),
    ).to.equal(false);
  });

  it("the committed example certificate: a warning at preview, an error at `pulumi up`", () => {
    const preview = parseStackConfig(prodRaw(), { stack: "prod", deploying: false });
    expect(preview.warnings).to.have.length(1);
    expect(preview.warnings[0]).to.match(/^platform:certificateArn: /);
    expect(preview.warnings[0]).to.match(/pulumi config set platform:certificateArn <arn>/);
    const err = refusal(prodRaw(), { stack: "prod", deploying: true });
    expect(err, "refused at up").to.not.equal(undefined);
    expect(err!.problems).to.have.length(1);
    expect(err!.problems[0]).to.match(/^platform:certificateArn: .*example/);
    expect(err!.problems[0]).to.match(/pulumi config set platform:certificateArn <arn>/);
    // A real certificate in the stack's region passes both; one from another region neither.
    const real = {
      ...prodRaw(),
      "platform:certificateArn":
        "arn:aws:acm:eu-west-1:210987654321:certificate/4f2c1a9e-7b3d-4e8a-9c61-0d2e5f7a8b9c",
    };
    expect(parseStackConfig(real, { stack: "prod", deploying: true }).warnings).to.deep.equal([]);
    expect(
      refusal(
        {
          ...real,
          "platform:certificateArn": (real["platform:certificateArn"] as string).replace(
            "eu-west-1",
            "us-east-1",
          ),
        },
        { stack: "prod", deploying: false },
      )!.problems.join("\n"),
    ).to.match(
      /platform:certificateArn: is in us-east-1 but the load balancer is in aws:region eu-west-1/,
    );
  });

  it("the program warns at preview and fails at `pulumi up` before creating anything", async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(" "));
    let rec;
    try {
      rec = await record(
        { project: "platform", stack: "prod", preview: true, config: prodRaw() },
        loadProgram,
      );
    } finally {
      console.warn = warn;
    }
    expect(rec.resources.length).to.be.greaterThan(100);
    expect(warnings.join("\n")).to.match(
      /platform:certificateArn: .*pulumi config set platform:certificateArn <arn>/,
    );

    const registered: string[] = [];
    let error: unknown;
    try {
      const up = await record(
        { project: "platform", stack: "prod", preview: false, config: prodRaw() },
        loadProgram,
      );
      registered.push(...up.resources.map((r) => r.type));
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.match(/platform:certificateArn: .*example/);
    expect(registered).to.deep.equal([]);
  });
});
