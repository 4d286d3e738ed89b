// The limits AWS enforces at create of rules-create-definitions.ts (a state machine's definition,
// WAFv2 rule priorities, an SSM parameter's value for its tier) and of a Lambda event source
// mapping from SQS (rules-create-compute.ts) and a CodeBuild project's Lambda compute type
// (rules-create-services.ts): the values each must let through,
// values unknown at preview, secrets kept out of the words, and a refused value from config naming
// its key. The one-broken-input cases are in provider-inputs-cases-definitions.ts (run by
// provider-inputs.spec.ts).
import { expect } from "chai";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import { secret as secretOf, UNKNOWN } from "../../tools/lib/engine/wire";
import { refusedInputs } from "../../tools/lib/provider-checks";
import {
  configKeysOf,
  describeProviderRefusals,
  ProviderInputError,
  RefusalConfig,
} from "../../tools/check/provider-refusals";
import { COMPLIANT } from "./provider-inputs-cases";
import {
  buildEnvironment,
  DEFINITION,
  MACHINE,
  MAPPING,
  PARAMETER,
  PROJECT,
  QUEUE_ARN,
  RULE_GROUP,
  WEB_ACL,
  wafRule,
} from "./provider-inputs-cases-definitions";
import { refusalsWith as refusals } from "./provider-inputs-refusals";

/** The refusals' words of the compliant resource of `type` with `change` applied. */
const refusalsWith = (type: string, change: Record<string, unknown>) =>
  refusals(type, change).map((r) => r.says.join("; "));

describe("provider inputs: a state machine's definition as CreateStateMachine reads it", () => {
  it("accepts a one-state machine, states that end, JSONata machines and unknown definitions", () => {
    for (const definition of [
      { StartAt: "Hello", States: { Hello: { Type: "Pass", End: true } } },
      // A field the check does not read (QueryLanguage, Comment) is left alone; a Map's Iterator
      // (ItemProcessor's older name) is judged as a block of its own, here one that names its state.
      {
        QueryLanguage: "JSONata",
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            Iterator: { StartAt: "I", States: { I: { Type: "Succeed" } } },
            End: true,
          },
        },
      },
      DEFINITION,
    ])
      expect(refusalsWith(MACHINE, { definition: JSON.stringify(definition) })).to.deep.equal([]);
    expect(refusalsWith(MACHINE, { definition: UNKNOWN })).to.deep.equal([]);
  });

  it("names every broken transition at once, each in its block", () => {
    const broken = JSON.parse(JSON.stringify(DEFINITION));
    broken.StartAt = "Start";
    broken.States.Work.Next = "Finish";
    broken.States.Fan.Branches[0].StartAt = "Z";
    expect(refusalsWith(MACHINE, { definition: JSON.stringify(broken) })).to.deep.equal([
      'the definition: StartAt "Start" names no state of its States',
      'the definition: state "Work" Next "Finish" names no state of its States',
      'state "Fan" Branches[0]: StartAt "Z" names no state of its States',
    ]);
  });

  it("shows the definition a refusal is about, not that no value was given", () => {
    const text = JSON.stringify({ StartAt: "Nowhere", States: { A: { Type: "Succeed" } } });
    const [r, ...rest] = refusals(MACHINE, { definition: text });
    expect(rest).to.deep.equal([]);
    const shown = describeProviderRefusals(
      new ProviderInputError("dev", [{ ...r, phases: ["preview"] }]),
    );
    expect(shown).to.include(`definition = ${JSON.stringify(text)}`);
    expect(shown).not.to.include("(none given)");
  });

  it("leaves a definition over 1 MiB to the provider's own refusal, said once", () => {
    const says = refusalsWith(MACHINE, { definition: "d".repeat(1024 * 1024 + 1) });
    expect(says).to.have.length(1);
    expect(says[0]).to.include("(0 - 1048576)");
  });
});

describe("provider inputs: WAFv2 rule priorities, each different", () => {
  it("accepts priorities that are not consecutive, one rule, and none", () => {
    for (const rules of [
      [wafRule("a", 0), wafRule("b", 10), wafRule("c", 20)],
      [wafRule("a", 7)],
      undefined,
    ]) {
      expect(refusalsWith(WEB_ACL, { rules })).to.deep.equal([]);
      expect(refusalsWith(RULE_GROUP, { rules })).to.deep.equal([]);
    }
    const json = JSON.stringify([
      { Name: "a", Priority: 1 },
      { Name: "b", Priority: 2 },
    ]);
    expect(refusalsWith(WEB_ACL, { rules: undefined, ruleJson: json })).to.deep.equal([]);
  });

  it("names each shared priority once, with every rule that shares it", () => {
    const rules = [wafRule("a", 1), wafRule("b", 2), wafRule("c", 1), wafRule("d", 2)];
    expect(refusalsWith(RULE_GROUP, { rules })).to.deep.equal([
      "priority 1 is given to 2 rules (a, c): each rule needs its own",
      "priority 2 is given to 2 rules (b, d): each rule needs its own",
    ]);
  });

  it("leaves unknown lists and rules JSON that does not parse to the provider", () => {
    expect(refusalsWith(WEB_ACL, { rules: UNKNOWN })).to.deep.equal([]);
    expect(refusalsWith(RULE_GROUP, { rules: undefined, rulesJson: UNKNOWN })).to.deep.equal([]);
    // Not JSON: the provider's own refusal (ruleJson is checked as JSON), said once.
    const says = refusalsWith(WEB_ACL, { rules: undefined, ruleJson: "[{" });
    expect(says).to.have.length(1);
    expect(says[0]).to.not.include("priority");
  });
});

describe("provider inputs: an SSM parameter's value for its tier", () => {
  it("accepts each tier's largest value, and any value when the tier is left to the account", () => {
    for (const [tier, size] of [
      ["Standard", 4096],
      ["Advanced", 8192],
      ["Intelligent-Tiering", 8192],
      [undefined, 100_000],
      [UNKNOWN, 100_000],
    ] as const)
      expect(
        refusalsWith(PARAMETER, { tier, value: "v".repeat(size) }),
        String(tier),
      ).to.deep.equal([]);
    // Characters, not bytes: 4096 three-byte characters fit a Standard parameter's count.
    expect(refusalsWith(PARAMETER, { tier: "Standard", value: "€".repeat(4096) })).to.deep.equal(
      [],
    );
    expect(refusalsWith(PARAMETER, { tier: "Standard", value: UNKNOWN })).to.deep.equal([]);
  });

  it("never quotes a secret value: only its length", () => {
    const secret = secretOf("s".repeat(4097));
    const meta = { stack: "dev", project: "p", outputs: {} };
    const inputs = { ...COMPLIANT[PARAMETER], tier: "Standard", value: secret };
    const [r, ...rest] = refusedInputs(handBuiltResource(PARAMETER, "p", inputs, meta));
    expect(rest).to.deep.equal([]);
    expect(r.value).to.equal("[secret]");
    expect(r.says).to.deep.equal([
      "the value is 4097 characters, over the 4096 a Standard parameter holds",
    ]);
  });
});

describe("provider inputs: a shared WAF priority or a parameter value from config names the key", () => {
  const config = (key: string, value: string): RefusalConfig => ({
    values: { [key]: value },
    sources: { [key]: { from: "stack", file: "Pulumi.dev.yaml", line: 2 } },
    secretKeys: [],
    reads: new Map([[key, undefined]]),
  });
  const phased = (type: string, change: Record<string, unknown>) =>
    refusals(type, change).map((r) => ({ ...r, phases: ["apply" as const] }));

  it("names the key that holds the shared priority", () => {
    const [r] = phased(WEB_ACL, { rules: [wafRule("a", 3), wafRule("b", 3)] });
    expect(configKeysOf(r, config("app:ratePriority", "3"))).to.deep.equal(["app:ratePriority"]);
    expect(configKeysOf(r, config("app:ratePriority", "4"))).to.deep.equal([]);
  });

  it("names the key that holds a value too large for its tier", () => {
    const big = "x".repeat(4097);
    const [r] = phased(PARAMETER, { tier: "Standard", value: big });
    expect(configKeysOf(r, config("app:bundle", big))).to.deep.equal(["app:bundle"]);
  });
});

describe("provider inputs: a Lambda event source mapping's batch from SQS", () => {
  it("accepts 10 without a window, a FIFO queue's 10, and any stream's batch", () => {
    for (const change of [
      { batchSize: 10, maximumBatchingWindowInSeconds: undefined },
      { batchSize: undefined, maximumBatchingWindowInSeconds: undefined },
      { eventSourceArn: `${QUEUE_ARN}.fifo`, batchSize: 10, maximumBatchingWindowInSeconds: 0 },
      // A stream's default of 100 is read without a window; the SQS limits are not a stream's.
      {
        eventSourceArn: "arn:aws:kinesis:us-east-1:123456789012:stream/clicks",
        batchSize: 10_000,
        maximumBatchingWindowInSeconds: undefined,
      },
      { eventSourceArn: "arn:aws-cn:sqs:cn-north-1:123456789012:orders", batchSize: 10_000 },
    ])
      expect(refusalsWith(MAPPING, change), JSON.stringify(change)).to.deep.equal([]);
  });

  it("leaves a queue unknown at preview, the usual case, to the apply phase", () => {
    expect(refusalsWith(MAPPING, { eventSourceArn: UNKNOWN, batchSize: 20_000 })).to.deep.equal([]);
    expect(
      refusalsWith(MAPPING, { batchSize: UNKNOWN, maximumBatchingWindowInSeconds: 0 }),
    ).to.deep.equal([]);
  });

  it("names the config key of a batch size too large", () => {
    const [r] = refusals(MAPPING, { batchSize: 20_000 }).map((x) => ({
      ...x,
      phases: ["apply" as const],
    }));
    const config: RefusalConfig = {
      values: { "app:batch": "20000" },
      sources: { "app:batch": { from: "stack", file: "Pulumi.dev.yaml", line: 5 } },
      secretKeys: [],
      reads: new Map([["app:batch", undefined]]),
    };
    expect(configKeysOf(r, config)).to.deep.equal(["app:batch"]);
  });
});

describe("provider inputs: a CodeBuild project's Lambda compute type", () => {
  it("accepts Lambda compute on either Lambda environment, other compute anywhere, and fleets", () => {
    for (const environment of [
      buildEnvironment("BUILD_LAMBDA_1GB", "LINUX_LAMBDA_CONTAINER"),
      buildEnvironment("BUILD_LAMBDA_10GB", "ARM_LAMBDA_CONTAINER"),
      buildEnvironment("BUILD_GENERAL1_LARGE", "ARM_CONTAINER"),
      // On a fleet the environment type is ignored.
      {
        ...buildEnvironment("BUILD_LAMBDA_1GB", "LINUX_CONTAINER"),
        fleet: { fleetArn: "arn:aws:codebuild:us-east-1:123456789012:fleet/f:1" },
      },
    ])
      expect(refusalsWith(PROJECT, { environment }), JSON.stringify(environment)).to.deep.equal([]);
    expect(refusalsWith(PROJECT, { environment: UNKNOWN })).to.deep.equal([]);
  });
});
