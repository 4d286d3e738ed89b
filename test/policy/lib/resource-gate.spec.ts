// The typed fast path of resource rules over several types (policy-pack/lib/resource-gate.ts): the
// SDK reads `__pulumiType` for each resource it analyzes and skips the policy when it names another
// type. A rule over several types names the type being analyzed when it lists it, its first type
// otherwise, and nothing at all unless the note certainly comes from the request being judged. The
// pack's own policies are checked end to end by the fixture replay through the pack's process
// (test/analyzer.ts), which compares every evaluation with the in-process runner.
import type { ResourceValidation } from "@pulumi/policy";
import { expect } from "chai";
import { createRequire } from "module";
import { resourcePolicy } from "../../../policy-pack/lib/define";

const TD = "aws:ecs/taskDefinition:TaskDefinition";
const NATIVE_TD = "aws-native:ecs:TaskDefinition";
const BUCKET = "aws:s3/bucket:Bucket";

/** The AnalyzeRequest class of the protocol module the SDK's server.js loads. */
const { AnalyzeRequest } = createRequire(require.resolve("@pulumi/policy"))(
  "@pulumi/pulumi/proto/analyzer_pb",
);
/** The engine's Analyze request for a resource of `type`, as the handler first reads it. */
function analyze(type: string): void {
  const req = new AnalyzeRequest();
  req.setType(type);
  req.getType();
}
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("resource rules over several types (typed fast path)", () => {
  const meta = {
    description: "test rule",
    enforcementLevel: "mandatory" as const,
    severity: "low" as const,
    remediationSteps: "none",
    references: [],
    check: () => undefined,
  };
  const two = resourcePolicy({ ...meta, name: "test-two-types", types: [TD, NATIVE_TD] });
  const one = resourcePolicy({ ...meta, name: "test-one-type", types: [TD] });
  const typeOf = (p: { validateResource?: unknown }) =>
    (p.validateResource as { __pulumiType?: string }).__pulumiType;

  afterEach(nextTurn);

  it("names nothing outside an Analyze request, so the rule runs (in-process tools)", async () => {
    await nextTurn();
    expect(typeOf(two)).to.equal(undefined);
  });
  it("names the type being analyzed when the rule lists it: the SDK runs the rule", () => {
    analyze(NATIVE_TD);
    expect(typeOf(two)).to.equal(NATIVE_TD);
    expect(typeOf(one)).to.equal(TD);
  });
  it("names the rule's first type for a type it does not list: the SDK skips the rule", () => {
    analyze(BUCKET);
    expect(typeOf(two)).to.equal(TD);
  });
  it("trusts nothing once a second request started in the same turn", () => {
    analyze(NATIVE_TD);
    analyze(BUCKET);
    expect(typeOf(two)).to.equal(undefined);
  });
  it("forgets the note when the turn ends", async () => {
    analyze(BUCKET);
    await nextTurn();
    expect(typeOf(two)).to.equal(undefined);
    analyze(TD);
    expect(typeOf(two)).to.equal(TD);
  });
  it("a rule that runs without a note still judges only its own types", () => {
    let judged = 0;
    const p = resourcePolicy({
      ...meta,
      name: "test-counting",
      types: [TD, NATIVE_TD],
      check: () => void judged++,
    });
    const args = (type: string) =>
      ({ type, props: {}, urn: "urn", name: "r", getConfig: () => ({}) }) as any;
    for (const t of [BUCKET, TD, NATIVE_TD])
      void (p.validateResource as ResourceValidation)(args(t), () => undefined);
    expect(judged).to.equal(2);
  });
});
