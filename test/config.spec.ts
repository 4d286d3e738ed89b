import { expect } from "chai";
import * as path from "path";
import { ConfigError, parseStackConfig, StackConfig } from "../components/config";
import { contains, overlaps, parseCidr, Cidr } from "../components/cidr";
import { record } from "../tools/lib/recorder";
import { ROOT, stackConfig } from "./helpers";

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
        const all = Object.values(cfg.network.subnetCidrs).flat().map((t) => parseCidr(t) as Cidr);
        expect(all).to.have.length(3 * azCount);
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
        expect(three.network.subnetCidrs[tier].slice(0, 2)).to.deep.equal(two.network.subnetCidrs[tier]);
      }
    });

    it("accepts explicit subnet lists", () => {
      const cfg = parseStackConfig({
        ...base(),
        "platform:publicSubnetCidrs": '["10.20.0.0/24","10.20.1.0/24"]',
        "platform:computeSubnetCidrs": ["10.20.16.0/20", "10.20.32.0/20"],
        "platform:dataSubnetCidrs": ["10.20.64.0/24", "10.20.65.0/24"],
      });
      expect(cfg.network.subnetCidrs.public).to.deep.equal(["10.20.0.0/24", "10.20.1.0/24"]);
    });
  });

  describe("bad input names the key", () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ["malformed CIDR", { "platform:vpcCidr": "10.0.0.0/33" }, /^platform:vpcCidr: .*prefix length above 32/],
      ["CIDR with host bits", { "platform:vpcCidr": "10.0.0.1/16" }, /^platform:vpcCidr: .*host bits set.*10\.0\.0\.0\/16/],
      ["non-private VPC", { "platform:vpcCidr": "8.8.0.0/16" }, /^platform:vpcCidr: .*is not inside 10\.0\.0\.0\/8/],
      ["VPC too small", { "platform:vpcCidr": "10.0.0.0/26" }, /^platform:vpcCidr: .*prefix \/26/],
      ["AZ count out of range", { "platform:azCount": 9 }, /^platform:azCount: 9 is out of range/],
      ["AZ count of wrong type", { "platform:azCount": "two" }, /^platform:azCount: must be an integer/],
      ["unknown enum value", { "platform:environment": "qa" }, /^platform:environment: "qa" is not allowed; use "staging" or "prod"/],
      ["unknown endpoint placement", { "platform:endpointPlacement": "some-azs" }, /^platform:endpointPlacement: "some-azs" is not allowed/],
      ["missing required key", { "platform:vpcCidr": undefined }, /^platform:vpcCidr: is required/],
      ["missing region", { "aws:region": undefined }, /^aws:region: is required/],
      ["bad region", { "aws:region": "europe" }, /^aws:region: "europe" is not an AWS region/],
      ["wrong type boolean", { "platform:protectData": "yes" }, /^platform:protectData: must be true or false/],
      ["wrong type list", { "platform:extraInterfaceEndpoints": "ssm" }, /^platform:extraInterfaceEndpoints: must be a list/],
      ["bad service name", { "platform:extraInterfaceEndpoints": ["Secrets Manager"] }, /^platform:extraInterfaceEndpoints: item 0/],
      ["unsupported log retention", { "platform:logRetentionDays": 31 }, /^platform:logRetentionDays: 31 is not a retention CloudWatch Logs accepts/],
      ["expiration out of range", { "platform:objectExpirationDays": 0 }, /^platform:objectExpirationDays: 0 is out of range/],
      ["unknown key", { "platform:vpcCIDR": "10.0.0.0/16" }, /^platform:vpcCIDR: is not a known key/],
      ["bad ingest principal", { "platform:ingestPrincipal": "kafka" }, /^platform:ingestPrincipal: "kafka" is neither a service principal/],
      ["external id for a service", { "platform:ingestExternalId": "abc123" }, /^platform:ingestExternalId: applies only when ingestPrincipal is an IAM role ARN/],
      ["subnet list of wrong length", { "platform:publicSubnetCidrs": ["10.20.0.0/24"] }, /^platform:publicSubnetCidrs: has 1 entries; give exactly one per AZ/],
      ["subnet outside the VPC", { "platform:dataSubnetCidrs": ["10.99.0.0/24", "10.20.250.0/24"] }, /^platform:dataSubnetCidrs: item 0: "10\.99\.0\.0\/24" is not inside vpcCidr/],
      ["Fargate CPU/memory combination", { "platform:runtimeCpu": 256, "platform:runtimeMemory": 4096 }, /^platform:runtimeMemory: 4096 MiB is not allowed with runtimeCpu 256; use one of 512, 1024, 2048/],
      ["unknown Fargate CPU", { "platform:runtimeCpu": 300 }, /^platform:runtimeCpu: 300 is not a Fargate CPU size/],
      ["min count above desired", { "platform:runtimeMinCount": 5 }, /^platform:runtimeMinCount: 5 is above runtimeDesiredCount 2/],
      ["max count below desired", { "platform:runtimeMaxCount": 1 }, /^platform:runtimeMaxCount: 1 is below runtimeDesiredCount 2/],
      ["privileged container port", { "platform:containerPort": 80 }, /^platform:containerPort: 80 is out of range/],
      ["malformed certificate", { "platform:certificateArn": "arn:aws:iam::123456789012:role/x" }, /^platform:certificateArn: .* is not an ACM certificate ARN/],
      ["certificate from another region", { "platform:certificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000000" }, /^platform:certificateArn: is in us-east-1 but the load balancer is in aws:region eu-west-1/],
      ["bad allowed CIDR", { "platform:albAllowedCidrs": ["0.0.0.0/0", "1.2.3.4"] }, /^platform:albAllowedCidrs: item 1: "1\.2\.3\.4" is not an IPv4 CIDR/],
      ["bad image tag", { "platform:imageTag": "-latest" }, /^platform:imageTag: "-latest" is not a valid image tag/],
      ["subnet below /28", { "platform:dataSubnetCidrs": ["10.20.250.0/29", "10.20.251.0/24"] }, /smaller than \/28/],
    ];
    for (const [what, override, re] of cases) {
      it(what, () => {
        const found = problems({ ...base(), ...override }).filter((p) => re.test(p));
        expect(found, `expected a problem matching ${re}, got:\n${problems({ ...base(), ...override }).join("\n")}`).to.have.length(1);
      });
    }

    it("overlapping subnets", () => {
      const p = problems({
        ...base(),
        "platform:publicSubnetCidrs": ["10.20.0.0/24", "10.20.1.0/24"],
        "platform:computeSubnetCidrs": ["10.20.0.128/25", "10.20.32.0/20"],
        "platform:dataSubnetCidrs": ["10.20.64.0/24", "10.20.65.0/24"],
      });
      expect(p).to.deep.equal([
        `platform:publicSubnetCidrs[0]: "10.20.0.0/24" overlaps platform:computeSubnetCidrs[0] "10.20.0.128/25"; subnets must not overlap`,
      ]);
    });

    it("an explicit tier overlapping a planned one", () => {
      const p = problems({ ...base(), "platform:computeSubnetCidrs": ["10.20.0.0/20", "10.20.240.0/20"] });
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
      expect(p.join("\n")).to.match(/platform:wafEnabled: prod must put the load balancer behind WAF/);
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
      for (const k of ["platform:vpcCidr", "platform:azCount", "platform:foo", "platform:environment", "platform:ingestPrincipal", "aws:region"]) {
        expect(msg).to.contain(k);
      }
      expect(msg).to.match(/pulumi config set/);
    });

    it("an invalid config registers no resource at all", async () => {
      const registered: string[] = [];
      let error: unknown;
      try {
        await record(
          { project: "platform", stack: "staging", config: { ...base(), "platform:vpcCidr": "10.0.0.0/33" } },
          () => {
            for (const id of Object.keys(require.cache)) if (id.startsWith(path.join(ROOT, "components")) || id === path.join(ROOT, "index.ts")) delete require.cache[id];
            return require(path.join(ROOT, "index.ts"));
          },
        ).then((rec) => registered.push(...rec.resources.map((r) => r.type)));
      } catch (e) {
        error = e;
      }
      expect(String(error)).to.match(/platform:vpcCidr/);
      expect(registered).to.deep.equal([]);
    });
  });
});
