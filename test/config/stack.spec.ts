// The stack as a whole: the committed stack files parse, every problem is reported at once, and
// the guardrails follow the stack (a stack named prod is prod; the example certificate).
import { expect } from "chai";
import { ConfigError, isExampleCertificateArn, parseStackConfig } from "../../components/config";
import { record } from "../../tools/lib/recorder";
import { BadInput, base, problems, prodRaw, refusal, rejects } from "../fixtures/config";
import { STACK_NAME_MAX_LENGTH } from "../../components/stack.keys";
import { ALL_FEATURES_ON, GITHUB_OIDC_ON } from "../fixtures/features";
import { loadProgram, stackConfig, withWarnings } from "../helpers";

describe("config: the stack", () => {
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

  describe("bad input names the key", () => {
    const cases: BadInput[] = [
      [
        "unknown enum value",
        { "platform:environment": "qa" },
        /^platform:environment: "qa" is not allowed; use "staging" or "prod"/,
      ],
      ["missing region", { "aws:region": undefined }, /^aws:region: is required/],
      ["bad region", { "aws:region": "europe" }, /^aws:region: "europe" is not an AWS region/],
      // The docs site's log delivery is created in us-east-1, out of reach of these partitions'
      // accounts (components/stack.keys.ts, nonCommercialPartition).
      [
        "a GovCloud region",
        { "aws:region": "us-gov-west-1" },
        /^aws:region: "us-gov-west-1" is in the aws-us-gov \(AWS GovCloud \(US\)\) partition; the program deploys to commercial AWS regions only .*us-east-1.*`pulumi config set aws:region eu-west-1`$/,
      ],
      [
        "a China region",
        { "aws:region": "cn-northwest-1" },
        /^aws:region: "cn-northwest-1" is in the aws-cn \(China\) partition; the program deploys to commercial AWS regions only/,
      ],
      [
        "an ISO region",
        { "aws:region": "us-iso-east-1" },
        /^aws:region: "us-iso-east-1" is in an isolated \(ISO\) partition; the program deploys to commercial AWS regions only/,
      ],
      [
        "wrong type boolean",
        { "platform:protectData": "yes" },
        /^platform:protectData: must be true or false/,
      ],
      [
        "unsupported log retention",
        { "platform:logRetentionDays": 31 },
        /^platform:logRetentionDays: 31 is not a retention CloudWatch Logs accepts/,
      ],
      [
        "unknown key",
        { "platform:vpcCIDR": "10.0.0.0/16" },
        /^platform:vpcCIDR: is not a known key/,
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
      // IAM and CodeBuild API Reference, Tag: `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`.
      [
        "owner tag with characters tags refuse",
        { "platform:owner": "Platform team (EU)" },
        /^platform:owner: "Platform team \(EU\)" contains "\(" "\)", which tag values may not/,
      ],
      [
        "cost center tag with a comma",
        { "platform:costCenter": "R&D, EU" },
        /^platform:costCenter: "R&D, EU" contains "&" ",", which tag values may not/,
      ],
    ];
    rejects(cases);

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
      expect(p[0]).to.match(/^platform:azCount: 1 is out of range; use an integer from 2 to 5/);
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

describe("config: guardrails that follow the stack", () => {
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

  // ECR API (CreateRepository `repositoryName`): lowercase, single separators; CodeBuild API
  // (CreateProject `name`) and KMS API (CreateAlias `AliasName`): no dot.
  it("refuses a stack name AWS names cannot carry, and names the rename", () => {
    for (const stack of ["Staging", "staging.eu", "staging_eu", "staging--eu", "prod-EU"]) {
      const all = problems(base(), { stack });
      expect(all, stack).to.have.length(1);
      expect(all[0]).to.match(
        new RegExp(`^stack "${stack.replace(".", "\\.")}": AWS names built from the stack's name`),
      );
      expect(all[0]).to.match(/`pulumi stack rename [a-z0-9-]+`$/);
    }
    expect(problems(base(), { stack: "Staging" })[0]).to.match(/pulumi stack rename staging`$/);
    for (const stack of ["staging", "prod", "qa", "staging-eu-2"]) {
      const raw = stack === "prod" ? prodRaw() : base();
      expect(refusal(raw, { stack }), stack).to.equal(undefined);
    }
  });

  it("the program refuses a stack named with capitals before registering anything", async () => {
    let error: unknown;
    let registered = -1;
    try {
      const rec = await record(
        { project: "platform", stack: "Staging", config: stackConfig("staging") },
        loadProgram,
      );
      registered = rec.resources.length;
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.match(/stack "Staging": AWS names built from the stack's name/);
    expect(registered).to.equal(-1);
  });

  // IAM API, CreateRole `RoleName`: at most 64 characters; Pulumi adds "-" and 7 random
  // characters to `<stack>-runtime-execution-role`. Past 33 characters `pulumi preview` fails there.
  it("refuses a stack name longer than the AWS names built from it fit, and names a rename that fits", () => {
    expect(STACK_NAME_MAX_LENGTH).to.equal(33);
    const long = "customer-onboarding-eu-central-1-s"; // 34 characters
    const all = problems(base(), { stack: long });
    expect(all).to.have.length(1);
    expect(all[0]).to.match(
      /^stack "customer-onboarding-eu-central-1-s": 34 characters, more than the 33/,
    );
    expect(all[0]).to.match(/`pulumi stack rename customer-onboarding-eu-central-1`$/);
    expect(refusal(base(), { stack: "customer-onboarding-eu-central-1x" })).to.equal(undefined);
  });

  it("a stack name of the longest length deploys with every feature and the CI roles on: every name AWS is given fits", async function () {
    this.timeout(300_000);
    const stack = "customer-onboarding-eu-central-1x"; // 33 characters
    expect(stack).to.have.length(STACK_NAME_MAX_LENGTH);
    // The recorder names resources as the provider does and fails, as it does, on an auto-name
    // over the type's limit (tools/lib/fake-aws/naming.ts).
    const rec = await record(
      {
        project: "platform",
        stack,
        preview: false,
        config: stackConfig("staging", { ...ALL_FEATURES_ON, ...GITHUB_OIDC_ON }),
      },
      loadProgram,
    );
    const roles = rec.resources.filter((r) => r.type === "aws:iam/role:Role");
    expect(roles.length).to.be.greaterThan(10);
    for (const r of roles) {
      const name = String(r.outputs.name ?? r.inputs.name);
      expect(name.length, name).to.be.at.most(64);
    }
    const execution = roles.find((r) => r.name === `${stack}-runtime-execution-role`);
    expect(String(execution?.outputs.name)).to.have.length(64);
  });

  it("with the longest stack name, prod's own resources fit too: the web firewall's log group, the alerts' topic, alarms and rules", async function () {
    // Prod-only resources (the WAF, the HTTPS listener) are not in the staging run above. Limits:
    // CloudWatch Logs CreateLogGroup 512, and a WAF log group must start with aws-waf-logs- (WAF
    // developer guide, "Sending web ACL traffic logs to an Amazon CloudWatch Logs log group");
    // SNS CreateTopic 256, CloudWatch PutMetricAlarm 255, EventBridge PutRule 64 (the API
    // references' Name parameters); KMS CreateAlias 256.
    this.timeout(300_000);
    const stack = "customer-onboarding-eu-central-1x";
    const rec = await record(
      {
        project: "platform",
        stack,
        preview: false,
        config: stackConfig("prod", {
          ...ALL_FEATURES_ON,
          ...GITHUB_OIDC_ON,
          "platform:certificateArn":
            "arn:aws:acm:eu-west-1:210987654321:certificate/4f2c1a9e-7b3d-4e8a-9c61-0d2e5f7a8b9c",
        }),
      },
      loadProgram,
    );
    const names = (type: string): string[] =>
      rec.resources
        .filter((r) => r.type === type)
        .map((r) => String(r.inputs.name ?? r.outputs.name));
    const within = (type: string, max: number): string[] => {
      const all = names(type);
      expect(all.length, type).to.be.greaterThan(0);
      for (const n of all) expect(n.length, n).to.be.at.most(max);
      return all;
    };
    const groups = within("aws:cloudwatch/logGroup:LogGroup", 512);
    expect(groups.filter((g) => g.startsWith("aws-waf-logs-"))).to.have.length(1);
    within("aws:sns/topic:Topic", 256);
    within("aws:kms/alias:Alias", 256);
    within("aws:iam/role:Role", 64);
    within("aws:cloudwatch/eventRule:EventRule", 64);
    // The topic and its key admit alarms by the prefix `<project>-<stack>-`.
    for (const alarm of within("aws:cloudwatch/metricAlarm:MetricAlarm", 255)) {
      expect(alarm.startsWith(`platform-${stack}-`), alarm).to.equal(true);
    }
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
    const { result: rec, warnings } = await withWarnings(() =>
      record({ project: "platform", stack: "prod", preview: true, config: prodRaw() }, loadProgram),
    );
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
