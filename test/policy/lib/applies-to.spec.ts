// The typed fast path of stack rules over several types (policy-pack/lib/applies-to.ts): the SDK
// reads `__pulumiType` once per policy and skips the policy when the stack has no resource of that
// type. A rule over several types names one the stack has, or one it lacks when it has none of
// them; and it names nothing at all unless what it knows certainly comes from the request being
// judged. The pack's own policies are checked end to end by the fixture replay through the pack's
// process (test/analyzer.ts), which compares every evaluation with the in-process runner.
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { expect } from "chai";
import { orderStackPolicies, stackPolicyTypes } from "../../../policy-pack/lib/applies-to";
import { catalogue, stackPolicy } from "../../../policy-pack/lib/define";
import { allPolicies } from "../../../policy-pack/policies";
import { TEST_RULE_META } from "../fixtures/rule-meta";

const QUEUE = "aws:sqs/queue:Queue";
const TOPIC = "aws:sns/topic:Topic";
const BUCKET = "aws:s3/bucket:Bucket";
const meta = TEST_RULE_META;

/** A stack as the SDK hands it to one policy. */
function stack(...types: string[]): PolicyResource[] {
  return types.map(
    (type, i) =>
      ({
        type,
        name: `r${i}`,
        urn: `urn:pulumi:test::platform::${type}::r${i}`,
        props: {},
        dependencies: [],
        propertyDependencies: {},
      }) as any,
  );
}

/** Runs a stack policy as the SDK does; returns the URNs it reported. */
function judge(p: StackValidationPolicy, resources: PolicyResource[]): string[] {
  const reported: string[] = [];
  void p.validateStack(
    {
      resources,
      getConfig: () => ({}),
      stackTags: new Map(),
      notApplicable: () => undefined as never,
    } as any,
    (_message: unknown, urn?: string) => reported.push(urn ?? ""),
  );
  return reported;
}

const typeOf = (p: StackValidationPolicy) =>
  (p.validateStack as { __pulumiType?: string }).__pulumiType;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("stack rules over several types (typed fast path)", () => {
  const earlier = stackPolicy({
    ...meta,
    name: "test-applies-to-earlier",
    types: [],
    check: () => undefined,
  });
  const rule = stackPolicy({
    ...meta,
    name: "test-applies-to-rule",
    types: [QUEUE, TOPIC],
    appliesTo: [QUEUE, TOPIC],
    check: (ctx) => {
      for (const r of ctx.index.ofType(QUEUE, TOPIC, BUCKET)) ctx.report(r, "found");
    },
  });
  const single = stackPolicy({
    ...meta,
    name: "test-applies-to-single",
    types: [QUEUE],
    appliesTo: QUEUE,
    check: () => undefined,
  });

  beforeEach(async () => {
    await nextTurn();
    orderStackPolicies([earlier.name, rule.name]);
  });
  after(() => catalogue(allPolicies));

  it("names a type the stack being judged has, so the SDK runs the rule", () => {
    judge(earlier, stack(BUCKET, TOPIC));
    expect(typeOf(rule)).to.equal(TOPIC);
  });

  it("names a type the stack lacks when it has none of the rule's, so the SDK skips it", () => {
    judge(earlier, stack(BUCKET));
    expect(typeOf(rule)).to.equal(QUEUE);
  });

  it("names nothing before a stack policy has run in this turn, or once the turn has ended", async () => {
    expect(typeOf(rule)).to.equal(undefined);
    judge(earlier, stack(BUCKET));
    await nextTurn();
    expect(typeOf(rule)).to.equal(undefined);
  });

  it("names nothing when the last policy to run comes after the rule in the pack (another request)", () => {
    orderStackPolicies([rule.name, earlier.name]);
    judge(earlier, stack(BUCKET));
    expect(typeOf(rule)).to.equal(undefined);
  });

  it("names nothing for a rule outside the pack's order", () => {
    orderStackPolicies([earlier.name]);
    judge(earlier, stack(BUCKET));
    expect(typeOf(rule)).to.equal(undefined);
  });

  it("tells in-process tools its types; a rule of one type keeps a plain mark", () => {
    expect(stackPolicyTypes(rule.validateStack)).to.deep.equal([QUEUE, TOPIC]);
    expect(stackPolicyTypes(single.validateStack)).to.equal(undefined);
    expect(typeOf(single)).to.equal(QUEUE);
    expect(stackPolicyTypes(earlier.validateStack)).to.equal(undefined);
    expect(typeOf(earlier)).to.equal(undefined);
  });

  it("judges resources of its types, and fails on a finding on any other type", () => {
    const resources = stack(QUEUE, TOPIC);
    expect(judge(rule, resources)).to.deep.equal(resources.map((r) => r.urn));
    expect(() => judge(rule, stack(QUEUE, BUCKET))).to.throw(
      /applies to aws:sqs\/queue:Queue, aws:sns\/topic:Topic only, but reported .*Bucket::r1/,
    );
  });
});
