// Provider-input validation of what the engine recorded: auto-names judged as Pulumi makes them,
// values newer providers accept, empty strings, unknown values not judged, secrets not shown,
// custom resources only, refusals across phases. The table of validators, a compliant resource
// and each input broken, is in provider-inputs.spec.ts.
import { expect } from "chai";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import type { EngineResource } from "../../tools/lib/engine/monitor";
import { secret, UNKNOWN } from "../../tools/lib/engine/wire";
import { COMPLIANT } from "./provider-inputs-cases";
import { refusedAcrossPhases, refusedInputs } from "../../tools/lib/provider-checks";

function resource(type: string, name: string, inputs: Record<string, unknown>): EngineResource {
  return handBuiltResource(type, name, inputs, { stack: "dev", project: "p", outputs: {} });
}

describe("provider-input validation of what the engine recorded", () => {
  it("judges the name Pulumi makes from the logical name when the program gives none", () => {
    // A target group of the default type needs port, protocol and VPC besides its name.
    const needs = { port: 80, protocol: "HTTP", vpcId: "vpc-1" };
    const [refused] = refusedInputs(resource("aws:lb/targetGroup:TargetGroup", "web_tg", needs));
    expect(refused.prop).to.equal("name");
    expect(refused.autoNamed).to.equal(true);
    expect(refused.value).to.match(/^web_tg-[0-9a-f]{7}$/);
    expect(
      refusedInputs(resource("aws:lb/targetGroup:TargetGroup", "web-tg", needs)),
    ).to.deep.equal([]);
  });

  it("accepts the names Pulumi makes for the edge and parameter types, up to their limits", () => {
    const types = [
      "aws:cloudfront/originAccessControl:OriginAccessControl",
      "aws:ssm/parameter:Parameter",
      "aws:route53/zone:Zone",
      "aws:iam/group:Group",
    ];
    for (const type of types) {
      const inputs = { ...COMPLIANT[type], name: undefined };
      // 56 characters, a separator and 7 random ones: the 64 of an origin access control.
      const longest = `site-${"o".repeat(51)}`;
      for (const name of ["site-oac", "app.config", longest]) {
        expect(refusedInputs(resource(type, name, inputs)), `${type} ${name}`).to.deep.equal([]);
      }
    }
    const [tooLong] = refusedInputs(
      resource("aws:cloudfront/originAccessControl:OriginAccessControl", `${"o".repeat(57)}`, {
        ...COMPLIANT["aws:cloudfront/originAccessControl:OriginAccessControl"],
        name: undefined,
      }),
    );
    expect([tooLong.prop, tooLong.autoNamed]).to.deep.equal(["name", true]);
    // RDS group names are judged only as the program gives them (./rules-streams.ts).
    for (const type of ["aws:rds/subnetGroup:SubnetGroup", "aws:rds/parameterGroup:ParameterGroup"])
      expect(
        refusedInputs(resource(type, "MyDb_Group", { family: "postgres15" })),
        type,
      ).to.deep.equal([]);
    const [spaced] = refusedInputs(resource("aws:iam/group:Group", "ops team", {}));
    expect([spaced.prop, spaced.autoNamed]).to.deep.equal(["name", true]);
  });

  it("judges the names Pulumi makes for Athena, Glue, Batch and Step Functions as it makes them", () => {
    const auto = (type: string, name: string, inputs: Record<string, unknown> = {}) =>
      refusedInputs(resource(type, name, inputs)).map((r) => [r.prop, r.autoNamed]);
    // Athena keeps the logical name's case and adds `_`: a capital or a hyphen is refused.
    expect(auto("aws:athena/database:Database", "web_logs")).to.deep.equal([]);
    expect(auto("aws:athena/database:Database", "WebLogs")).to.deep.equal([["name", true]]);
    expect(auto("aws:athena/database:Database", "web-logs")).to.deep.equal([["name", true]]);
    // Glue lower-cases it: the same logical name is accepted.
    expect(auto("aws:glue/catalogDatabase:CatalogDatabase", "WebLogs")).to.deep.equal([]);
    // A Batch name starts with a letter or digit and takes no dot.
    expect(auto("aws:batch/jobQueue:JobQueue", "high-priority")).to.deep.equal([]);
    expect(auto("aws:batch/jobQueue:JobQueue", "jobs.high")).to.deep.equal([["name", true]]);
    // A compute environment's name is made by AWS under pulumi-aws 6.x (computeEnvironmentName,
    // no auto-name), and an AppSync API's random suffix may hold no letter: neither is judged.
    expect(
      auto("aws:batch/computeEnvironment:ComputeEnvironment", "ml.jobs", {
        computeEnvironmentName: "ml-jobs",
        type: "MANAGED",
      }),
    ).to.deep.equal([]);
    expect(
      auto("aws:appsync/graphQLApi:GraphQLApi", "2024", { authenticationType: "API_KEY" }),
    ).to.deep.equal([]);
    // A job definition's type is read in any case by both majors.
    for (const type of ["CONTAINER", "Container", "multiNode"]) {
      expect(auto("aws:batch/jobDefinition:JobDefinition", "etl", { type }), type).to.deep.equal(
        [],
      );
    }
    // 72 characters and Pulumi's 8 make an activity's 80; one more is refused.
    expect(auto("aws:sfn/activity:Activity", "a".repeat(72))).to.deep.equal([]);
    expect(auto("aws:sfn/activity:Activity", "a".repeat(73))).to.deep.equal([["name", true]]);
    // An ECS service's name has no validator of the provider's, but CreateService takes letters,
    // digits, `_` and `-` only: the name Pulumi makes of `web.svc` is AWS's refusal at create.
    expect(auto("aws:ecs/service:Service", "web-svc_1")).to.deep.equal([]);
    const [service] = refusedInputs(resource("aws:ecs/service:Service", "web.svc_1 (blue)", {}));
    expect([service.prop, service.autoNamed, service.by]).to.deep.equal(["name", true, "aws"]);
    // A query cutoff of 0 means none.
    const cutoff = { configuration: { bytesScannedCutoffPerQuery: 0 } };
    expect(auto("aws:athena/workgroup:Workgroup", "analysts", cutoff)).to.deep.equal([]);
  });

  it("makes a FIFO queue's auto-name end in .fifo, and an alias's start with alias/", () => {
    expect(
      refusedInputs(resource("aws:sqs/queue:Queue", "jobs", { fifoQueue: true })),
    ).to.deep.equal([]);
    expect(
      refusedInputs(resource("aws:kms/alias:Alias", "app-key", { targetKeyId: "k" })),
    ).to.deep.equal([]);
    const [dotted] = refusedInputs(
      resource("aws:kms/alias:Alias", "app.key", { targetKeyId: "k" }),
    );
    expect(dotted.value).to.match(/^alias\/app\.key-[0-9a-f]{7}$/);
  });

  it("leaves the auto-name alone where a prefix is given or the type's naming is not known exactly", () => {
    expect(
      refusedInputs(resource("aws:iam/role:Role", "app role", { namePrefix: "app-" })),
    ).to.deep.equal([]);
    expect(refusedInputs(resource("aws:rds/instance:Instance", "AppDb", {}))).to.deep.equal([]);
  });

  it("accepts a policy document after leading white space, as providers since v5.43 do", () => {
    const role = (assumeRolePolicy: string) =>
      resource("aws:iam/role:Role", "app", { assumeRolePolicy });
    const doc = '{"Version": "2012-10-17", "Statement": []}';
    for (const lead of [" ", "\n", "\t\r\n  "])
      expect(refusedInputs(role(lead + doc)), JSON.stringify(lead)).to.deep.equal([]);
    expect(refusedInputs(role(" \n[]")).flatMap((r) => r.says)).to.deep.equal([
      '"assume_role_policy" contains an invalid JSON policy: contains a JSON array, not a JSON object',
    ]);
  });

  it("accepts a later runtime of a known family, which a newer provider lists", () => {
    const fn = (runtime: string) =>
      resource("aws:lambda/function:Function", "f", {
        ...COMPLIANT["aws:lambda/function:Function"],
        runtime,
      });
    for (const later of [
      "nodejs26.x",
      "python3.15",
      "java29",
      "dotnet12",
      "ruby3.6",
      "provided.al2029",
    ])
      expect(refusedInputs(fn(later)), later).to.deep.equal([]);
    for (const wrong of ["nodejs26", "python3", "Node.js 22", "java"])
      expect(
        refusedInputs(fn(wrong)).map((r) => r.prop),
        wrong,
      ).to.deep.equal(["runtime"]);
  });

  it("judges no empty string, as older bridges pass none, and auto-names no empty name", () => {
    const fn = { ...COMPLIANT["aws:lambda/function:Function"], runtime: "" };
    const cases: [string, Record<string, unknown>][] = [
      ["aws:lambda/function:Function", fn],
      ["aws:sns/topicSubscription:TopicSubscription", { protocol: "" }],
      ["aws:cloudwatch/metricAlarm:MetricAlarm", { comparisonOperator: "" }],
      ["aws:route53/record:Record", { type: "" }],
      ["aws:route53/record:Record", { aliases: [{ name: "", zoneId: "Z1" }] }],
      ["aws:iam/rolePolicy:RolePolicy", { policy: "" }],
      ["aws:elasticache/replicationGroup:ReplicationGroup", { description: "" }],
      ["aws:iam/role:Role", { name: "" }],
      ["aws:sqs/queue:Queue", { name: "" }],
      ["aws:sqs/queue:Queue", { name: "", fifoQueue: true }],
      // Not an ARN to the provider (a three-digit account): read as a role name, as it reads it.
      ["aws:iam/rolePolicy:RolePolicy", { role: "arn:aws:iam::123:role/app" }],
    ];
    for (const [type, given] of cases) {
      const inputs = { ...COMPLIANT[type], ...given };
      expect(
        refusedInputs(resource(type, "e", inputs)),
        `${type} ${JSON.stringify(given)}`,
      ).to.deep.equal([]);
    }
    // Required one of several: "" counts as given; two that conflict: "" counts as absent.
    const rule = (inputs: Record<string, unknown>) =>
      refusedInputs(resource("aws:cloudwatch/eventRule:EventRule", "r", inputs));
    expect(rule({ scheduleExpression: "" })).to.deep.equal([]);
    expect(rule({ name: "", namePrefix: "", eventPattern: "{}" })).to.deep.equal([]);
    // A queue whose logical name would not make a valid queue name, given name "": the provider
    // names it (terraform-…), so nothing is refused.
    expect(
      refusedInputs(resource("aws:sqs/queue:Queue", "orders.queue", { name: "" })),
    ).to.deep.equal([]);
    // The same inputs with a value the provider refuses in every version are still refused.
    const bad = refusedInputs(
      resource("aws:sns/topicSubscription:TopicSubscription", "e", {
        ...COMPLIANT["aws:sns/topicSubscription:TopicSubscription"],
        protocol: "carrier-pigeon",
      }),
    );
    expect(bad.map((r) => r.prop)).to.deep.equal(["protocol"]);
  });

  it("accepts an empty string where the provider's validator does", () => {
    const cases: [string, Record<string, unknown>][] = [
      ["aws:dynamodb/table:Table", { streamViewType: "" }],
      ["aws:iam/role:Role", { permissionsBoundary: "", description: "", path: "" }],
      ["aws:cloudwatch/eventTarget:EventTarget", { input: "" }],
      // The one enumeration that keeps "" (see rules-api.ts): the KICS test program sets it.
      ["aws:apigatewayv2/stage:Stage", { defaultRouteSettings: { loggingLevel: "" } }],
    ];
    for (const [type, given] of cases) {
      const inputs = { ...COMPLIANT[type], ...given };
      expect(refusedInputs(resource(type, "e", inputs)), type).to.deep.equal([]);
    }
    for (const type of ["aws:apigateway/stage:Stage", "aws:apigatewayv2/stage:Stage"]) {
      const stage = { accessLogSettings: { destinationArn: "sampleArn", format: "CLF" } };
      expect(refusedInputs(resource(type, "s", stage)), type).to.deep.equal([]);
    }
  });

  it("accepts a value of an AWS SDK enumeration's shape that a newer provider may list", () => {
    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ["aws:route53/record:Record", { type: "ZONEMD" }, { type: "cname" }],
      [
        "aws:cloudwatch/metricAlarm:MetricAlarm",
        { comparisonOperator: "GreaterThanUpperOrLowerThreshold" },
        { comparisonOperator: ">=" },
      ],
      [
        "aws:cognito/userPool:UserPool",
        { mfaConfiguration: "REQUIRED" },
        { mfaConfiguration: "on" },
      ],
      ["aws:apigatewayv2/api:Api", { protocolType: "GRPC" }, { protocolType: "grpc" }],
    ];
    for (const [type, later, wrong] of cases) {
      const ok = refusedInputs(resource(type, "g", { ...COMPLIANT[type], ...later }));
      expect(ok, JSON.stringify(later)).to.deep.equal([]);
      const bad = refusedInputs(resource(type, "g", { ...COMPLIANT[type], ...wrong }));
      expect(bad, JSON.stringify(wrong)).to.have.length(1);
    }
    // A list the provider writes out itself is fixed: a protocol of the same shape is refused.
    const sub = { ...COMPLIANT["aws:sns/topicSubscription:TopicSubscription"], protocol: "kafka" };
    expect(
      refusedInputs(resource("aws:sns/topicSubscription:TopicSubscription", "s", sub)),
    ).to.have.length(1);
  });

  it("does not judge a value unknown in the phase, nor a check that reads one", () => {
    const queue = { name: `${UNKNOWN}-jobs`, fifoQueue: true, delaySeconds: UNKNOWN };
    expect(refusedInputs(resource("aws:sqs/queue:Queue", "q", queue))).to.deep.equal([]);
    const fn = { role: UNKNOWN, code: UNKNOWN, runtime: "nodejs22.x", handler: "index.handler" };
    expect(refusedInputs(resource("aws:lambda/function:Function", "f", fn))).to.deep.equal([]);
  });

  it("shows a secret value refused as [secret], in the message too", () => {
    const [refused] = refusedInputs(
      resource("aws:iam/user:User", "u", { name: secret("ci user") }),
    );
    expect(refused.value).to.equal("[secret]");
    expect(refused.says.join("\n")).to.not.include("ci user");
  });

  it("hides every secret a check over several inputs quotes, and only whole secrets", () => {
    const table = (attributes: unknown[], hashKey: unknown = "pk") =>
      resource("aws:dynamodb/table:Table", "t", {
        billingMode: "PAY_PER_REQUEST",
        hashKey,
        attributes,
      });
    const plain = refusedInputs(
      table([
        { name: "pk", type: "S" },
        { name: "x", type: "S" },
        { name: 'tenant"id', type: "S" },
      ]),
    );
    expect(plain[0].says.join("\n")).to.include('Unused attributes: ["tenant\\"id" "x"]');
    const [both] = refusedInputs(
      table([
        { name: "pk", type: "S" },
        { name: secret("x"), type: "S" },
        { name: secret('tenant"id'), type: "S" },
      ]),
    );
    expect(both.value).to.equal("[secret]");
    expect(both.says).to.deep.equal([
      'all attributes must be indexed. Unused attributes: ["[secret]" "[secret]"]',
    ]);
    const keyed = refusedInputs(table([{ name: "pk", type: "S" }], secret("customer")));
    expect(keyed.map((r) => r.value)).to.deep.equal(["[secret]", "[secret]"]);
    expect(keyed.flatMap((r) => r.says).join("\n"))
      .to.include('["[secret]"]')
      .and.not.include("customer");
    const [retries] = refusedInputs(
      resource("aws:cloudwatch/eventTarget:EventTarget", "e", {
        rule: "r",
        arn: "arn:aws:sqs:eu-west-1:123456789012:q",
        retryPolicy: secret({ maximumRetryAttempts: 999 }),
      }),
    );
    expect(retries.value).to.equal("[secret]");
    expect(retries.says.join("\n")).to.not.include("999");
  });

  it("judges custom AWS resources only, not reads or components", () => {
    const read = {
      ...resource("aws:kms/key:Key", "k", { deletionWindowInDays: 1 }),
      external: true,
    };
    const component = {
      ...resource("aws:kms/key:Key", "c", { deletionWindowInDays: 1 }),
      custom: false,
    };
    expect(refusedInputs(read)).to.deep.equal([]);
    expect(refusedInputs(component)).to.deep.equal([]);
  });

  it("reports a refusal once with every phase that showed it, apply-only ones as such", () => {
    const key = resource("aws:kms/key:Key", "k", { deletionWindowInDays: 1 });
    const rule = (name: string) =>
      resource("aws:cloudwatch/eventRule:EventRule", "r", {
        name,
        scheduleExpression: "rate(1 day)",
      });
    const early = rule(`${UNKNOWN} x`);
    const late = rule("bucket-1 x");
    const refused = refusedAcrossPhases([
      { phase: "preview", resources: [key, early] },
      { phase: "apply", resources: [key, late] },
    ]);
    expect(refused.map((r) => [r.resource.name, r.phases])).to.deep.equal([
      ["k", ["preview", "apply"]],
      ["r", ["apply"]],
    ]);
  });
});
