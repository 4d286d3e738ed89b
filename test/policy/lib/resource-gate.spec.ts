// The typed fast path of resource rules over several types (policy-pack/lib/resource-gate.ts): the
// SDK reads `__pulumiType` for each resource it analyzes and skips the policy when it names another
// type. A rule over several types names the type being analyzed when it lists it, its first type
// otherwise, and nothing at all unless the note certainly comes from the request being judged. The
// pack's own policies are checked end to end by the fixture replay through the pack's process
// (test/analyzer.ts), which compares every evaluation with the in-process runner.
import type { ResourceValidation } from "@pulumi/policy";
import { expect } from "chai";
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import { resourcePolicy } from "../../../policy-pack/lib/define";
import { acrossTurns } from "../../../policy-pack/lib/resource-gate";
import { TEST_RULE_META } from "../fixtures/rule-meta";

const TD = "aws:ecs/taskDefinition:TaskDefinition";
const NATIVE_TD = "aws-native:ecs:TaskDefinition";
const BUCKET = "aws:s3/bucket:Bucket";

/** The AnalyzeRequest class of the protocol module the SDK's server.js loads. */
const { AnalyzeRequest, AnalyzerResourceOptions } = createRequire(
  require.resolve("@pulumi/policy"),
)("@pulumi/pulumi/proto/analyzer_pb");
/** The engine's Analyze request for a resource of `type`, as the handler first reads it. */
function analyze(type: string): void {
  const req = new AnalyzeRequest();
  req.setType(type);
  req.getType();
}
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

const fromPolicySdk = createRequire(require.resolve("@pulumi/policy"));
const { makeAnalyzeRpcFun } = fromPolicySdk("@pulumi/policy/server");
const { Struct } = fromPolicySdk("google-protobuf/google/protobuf/struct_pb");

/** The SDK's own Analyze handler (server.js) over `policies`, for one resource of `type`. */
function handle(policies: unknown[], type: string): Promise<{ judged: string[] }> {
  const rpc = makeAnalyzeRpcFun("test-pack", "1.0.0", "mandatory", policies);
  const req = new AnalyzeRequest();
  req.setType(type);
  req.setName("r");
  req.setUrn(`urn:pulumi:dev::p::${type}::r`);
  req.setProperties(Struct.fromJavaScript({}));
  req.setOptions(new AnalyzerResourceOptions());
  return new Promise((resolve, reject) =>
    rpc({ request: req }, (err: Error | undefined, res: any) =>
      err
        ? reject(err)
        : resolve({ judged: res.getDiagnosticsList().map((d: any) => d.getPolicyname()) }),
    ),
  );
}

describe("resource rules over several types (typed fast path)", () => {
  const meta = { ...TEST_RULE_META, check: () => undefined };
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
  it("runs once a second request started in the same turn, if either is of a type it lists", () => {
    analyze(NATIVE_TD);
    analyze(BUCKET);
    expect(typeOf(two)).to.equal(undefined);
  });
  it("skips while every request started in the turn is of a type it does not list", () => {
    analyze(BUCKET);
    analyze("aws:sqs/queue:Queue");
    expect(typeOf(two)).to.equal(TD);
    analyze(TD);
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

  describe("a rule that waits for I/O before a rule of several types", () => {
    // Request A (an aws-native task definition, the gated rule's second type) waits in its first
    // rule; the check sends requests concurrently, so request B (a bucket) starts in the turn A
    // resumes in, and A's gated rule reads B's note.
    const judging = resourcePolicy({
      ...meta,
      name: "test-after-io",
      types: [TD, NATIVE_TD],
      check: (_p: unknown, ctx: { report(m: string): void }) => ctx.report("judged"),
    });
    async function race(marked: boolean): Promise<string[]> {
      let release!: () => void;
      const io = new Promise<void>((r) => (release = r));
      const waits = {
        ...judging,
        name: "test-waits",
        validateResource: () => (marked ? acrossTurns(io) : io),
      };
      const a = handle([waits, judging], NATIVE_TD);
      await nextTurn();
      await new Promise<void>((resume) =>
        setImmediate(() => {
          void handle([], BUCKET);
          release();
          resume();
        }),
      );
      return (await a).judged;
    }
    it("judges the resource when the wait is marked with acrossTurns", async () => {
      expect(await race(true)).to.deep.equal(["test-after-io"]);
    });
    it("unmarked, the resumed handler would borrow the other request's type and skip it", async () => {
      expect(await race(false)).to.deep.equal([]);
    });
  });

  // The gate is sound only while every wait for I/O in the pack is marked: the one asynchronous
  // source is the IAM data set's loader, and each call of it goes through `acrossTurns`.
  it("the pack waits for I/O only through acrossTurns (a new wait must be marked)", () => {
    const root = path.resolve(__dirname, "..", "..", "..", "policy-pack");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== "node_modules") walk(p);
        } else if (e.name.endsWith(".ts")) files.push(p);
      }
    };
    walk(root);
    const waits: string[] = [];
    const loads: string[] = [];
    for (const file of files) {
      const rel = path.relative(root, file);
      const text = fs.readFileSync(file, "utf8");
      for (const [i, line] of text.split("\n").entries()) {
        const code = line.replace(/\/\/.*$/, "");
        if (
          /\basync\s+(function|\(|[A-Za-z_$][\w$]*\s*=>)|\bawait\s|\.then\(|new Promise\b/.test(
            code,
          )
        )
          waits.push(rel);
        if (/\bpreloadIamData\(/.test(code) && !/^export async function/.test(code.trim()))
          loads.push(`${rel}:${i + 1}:${text.split("\n")[i - 1] ?? ""}`);
      }
    }
    expect([...new Set(waits)].sort()).to.deep.equal([
      "lib/iam/actions.ts",
      "lib/iam/documents.ts",
      "lib/resource-gate.ts",
    ]);
    expect(loads).to.have.length.greaterThan(0);
    for (const load of loads) expect(load, load).to.match(/acrossTurns\($/);
  });
});
