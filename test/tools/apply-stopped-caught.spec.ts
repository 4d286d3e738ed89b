// A program that catches what an offline run lacks (an invoke nothing answers, a tool this machine
// does not have) and throws its own error in its place, with the failure as its `cause`, among an
// AggregateError's `errors` or in a rejected promise, failed on that failure: the check follows the
// error to it (tools/lib/engine/offline-cause.js `offlineFailure`) and treats it as the uncaught
// failure (test/tools/apply-stopped.spec.ts): a stop at apply names the lookup and its line, a
// failure at preview names the invoke and how to answer it, an `apply` callback's result is left
// unknown. An error of the program's own with no such cause stays a program error. The fixture's
// config picks the form (`wrap`), what fails (`source`) and when (`askAtPreview`).
import { expect } from "chai";
import * as path from "path";
import { cli, FIXTURES, lineOf, ROOT, STOPPED_AFTER } from "./program-runs";

const FIXTURE = "apply-stops-caught";
const FILE = `${FIXTURE}/index.ts`;
const DIR = path.join(FIXTURES, FIXTURE);
const STOPPED = "(every policy, on what the apply phase never registered)";
const TOKEN = "aws:cloudformation/getExport:getExport";
const NS = "fixture-apply-stops-caught";

/** The check's JSON report (or error) on the fixture with these config values. */
async function check(config: string[], ...flags: string[]) {
  const args = config.flatMap((c) => ["--config", `${NS}:${c}`]);
  const run = await cli("--program", DIR, "--format", "json", ...args, ...flags);
  return { code: run.code, stderr: run.stderr, report: JSON.parse(run.stdout) };
}

/** The notes about the stop only (a `--config` value is noted too). */
const stopNotes = (r: any) =>
  r.configNotes.filter((n: string) => n.startsWith("the apply phase stopped"));

describe("a program that throws its own error in place of an offline failure it caught", function () {
  this.timeout(600_000);

  const lookup = () => lineOf(FILE, "exported = await aws.cloudformation.getExport(");
  const group = () =>
    `aws:ec2/securityGroup:SecurityGroup app (index.ts:${lineOf(FILE, "new aws.ec2.SecurityGroup(")})`;
  const invoke = (thrown: string) =>
    `the invoke ${TOKEN}, which the check cannot answer offline, caught by the program, ` +
    `which threw "${thrown}" instead`;
  const answers =
    `give its result with --invoke-answers <file.json> ({ "${TOKEN}": { ...result... } }) ` +
    "to judge them at apply";
  const note = (what: string, line: number, remedy: string) =>
    `the apply phase stopped at index.ts:${line}, outside any apply, on what an offline run ` +
    `lacks: ${what}; \`pulumi preview\` ran past that line without it. What the program ` +
    "registered before that line was judged at apply, as `pulumi up` would have created it; the " +
    `resource preview saw that the apply phase never registered (${group()}) was judged at ` +
    `preview only and is listed as not evaluated: ${remedy}`;
  const entry = (what: string, line: number, remedy: string) => ({
    policy: STOPPED,
    enforcementLevel: "mandatory",
    urn: `apply-stopped:index.ts:${line}`,
    name: `index.ts:${line}`,
    type: "(program stopped at apply)",
    reason:
      `the program stopped at apply at ${what} (index.ts:${line}): the apply phase never ` +
      `registered ${group()}, whose checks were judged at preview only (values known only once ` +
      `resources exist were seen by no phase), nor anything the program ${STOPPED_AFTER}; ${remedy}`,
  });

  describe("with the failure as its cause, at the top level in the apply phase", () => {
    let plain: Awaited<ReturnType<typeof check>>;
    let gated: Awaited<ReturnType<typeof check>>;
    before(async () => {
      [plain, gated] = await Promise.all([check([]), check([], "--fail-on-unevaluated")]);
    });

    it("stops as on the uncaught failure: the note names the lookup and its line", () => {
      expect(plain.report.phases).to.deep.equal(["preview", "apply"]);
      expect(stopNotes(plain.report)).to.deep.equal([
        note(invoke("lookup failed"), lookup(), answers),
      ]);
      expect(plain.report.unevaluated).to.deep.equal([
        entry(invoke("lookup failed"), lookup(), answers),
      ]);
    });

    it("passes with the entry counted, and fails with --fail-on-unevaluated", () => {
      expect(plain.code, plain.stderr).to.equal(0);
      expect(plain.report.summary).to.include({ result: "PASS", unevaluatedMandatory: 1 });
      expect(gated.code, gated.stderr).to.equal(1);
      expect(gated.report.summary).to.include({ result: "FAIL", unevaluatedMandatory: 1 });
    });
  });

  it("follows an AggregateError's errors to the failure", async () => {
    const { code, report } = await check(["wrap=aggregate"]);
    expect(code).to.equal(0);
    expect(stopNotes(report)).to.deep.equal([note(invoke("lookups failed"), lookup(), answers)]);
    expect(report.unevaluated).to.deep.equal([entry(invoke("lookups failed"), lookup(), answers)]);
  });

  describe("an AggregateError with an error of the program's own beside the failure", () => {
    // The program gathers its setup's failures and throws if any failed: answering the lookup
    // would still leave its JSON.parse of YAML failing, as on every machine.
    const own = {
      kind: "program",
      message: "AggregateError: setup failed",
      file: path.relative(ROOT, path.join(DIR, "index.ts")),
      line: lineOf(FILE, 'if (wrap === "settled") throw new AggregateError('),
    };
    it("stays the program's failure at apply (exit 2, at its throw)", async () => {
      const { code, report } = await check(["wrap=settled"]);
      expect(code).to.equal(2);
      expect(report.error).to.deep.equal(own);
    });
    it("stays the program's failure inside an apply", async () => {
      const { code, report } = await check(["wrap=settled", "source=apply"]);
      expect(code).to.equal(2);
      expect(report.error).to.deep.equal({
        ...own,
        message: 'AggregateError: error serializing property "tags": setup failed',
      });
    });
    it("at preview, names the program's error, not the invoke", async () => {
      const { code, report } = await check(["wrap=settled", "askAtPreview=true"]);
      expect(code).to.equal(2);
      expect(report.error).to.deep.equal(own);
    });
  });

  it("Promise.any's AggregateError: the failure, though its fallback failed too", async () => {
    // It rejects only when both did: where the lookup answers, it fulfils with the lookup's value.
    const { code, report } = await check(["wrap=any"]);
    expect(code).to.equal(0);
    const what = invoke("All promises were rejected");
    expect(stopNotes(report)).to.deep.equal([note(what, lookup(), answers)]);
    expect(report.unevaluated).to.deep.equal([entry(what, lookup(), answers)]);
  });

  describe("a value that is no Error, or an Error whose message is empty, with the failure as its cause", () => {
    // The language host prints such a value as text (cmd/run/error.js `defaultErrorMessage`:
    // `"" + err`), an Error with an empty message by its stack ("Error"): that is what it threw.
    for (const [wrap, thrown] of [
      ["object", "[object Object]"],
      ["empty", "Error"],
      // An Error whose stack the program wrote itself, with no frames: printed by that stack.
      ["stack", "lookup failed"],
    ]) {
      it(`${wrap}: stops at apply as on the uncaught failure, naming "${thrown}"`, async () => {
        const { code, report } = await check([`wrap=${wrap}`]);
        expect(code).to.equal(0);
        expect(stopNotes(report)).to.deep.equal([note(invoke(thrown), lookup(), answers)]);
        expect(report.unevaluated).to.deep.equal([entry(invoke(thrown), lookup(), answers)]);
      });
      it(`${wrap}: at preview, fails at the lookup's line, caused by the invoke`, async () => {
        const { code, report } = await check([`wrap=${wrap}`, "askAtPreview=true"]);
        expect(code).to.equal(2);
        expect(report.error.line).to.equal(lookup());
        expect(report.error.message).to.equal(
          `${thrown}, caused by: the offline check cannot answer the invoke ${TOKEN}: supply ` +
            "its result in a JSON file passed with --invoke-answers <file.json>, e.g. " +
            `{ "${TOKEN}": { ...result... } } or { "${TOKEN}": [ { "args": { ...partial match... }, ` +
            `"result": { ... } } ] }`,
        );
      });
    }
    it("a plain object of the program's own (no cause): its failure, as the host prints it", async () => {
      // No stack: nothing in the value says where it was thrown, so no line is given.
      const { code, report } = await check(["wrap=own-object"]);
      expect(code).to.equal(2);
      expect(report.error).to.deep.equal({
        kind: "program",
        message: "[object Object]",
        file: null,
        line: null,
      });
    });
  });

  it("a cause the program picked from failures of its own too: taken as the failure (a known limit)", async () => {
    // `Promise.allSettled` of the lookup and a JSON.parse of YAML, then one error whose cause is the
    // first rejection: the thrown error links only the lookup's failure, and the rejections the
    // program handled are not observable as "seen" (docs/offline-engine.md): the stop stands.
    const { code, report } = await check(["wrap=settled-cause"]);
    expect(code).to.equal(0);
    expect(stopNotes(report)).to.deep.equal([note(invoke("setup failed"), lookup(), answers)]);
  });

  it("an error the program logged before it, holding the thrown text, is not the failure's", async () => {
    const { code, report } = await check(["logError=true", "askAtPreview=true"]);
    expect(code).to.equal(2);
    // The logged error, with the thrown one after it, and no "caused by" the lookup's failure.
    expect(report.error.message).to.equal(
      "the team is unset: lookup failed to start (and 1 more error(s): lookup failed (at " +
        `index.ts:${lineOf(FILE, 'throw new Error("lookup failed", { cause: e });')}))`,
    );
    expect(report.error.line).to.not.equal(lookup());
  });

  it("an error the program logs after the stop keeps the run failed (exit 2), both named", async () => {
    const { code, report } = await check(["logAfter=true"]);
    expect(code).to.equal(2);
    expect(report.error.kind).to.equal("program");
    expect(report.error.message).to.match(
      /^lookup failed, caused by: the offline check cannot answer/,
    );
    expect(report.error.message).to.match(
      /\(and 1 more error\(s\): queue \S+ is not a prod queue \(at index\.ts:\d+\)\)/,
    );
  });

  it("a failure rethrown into a resource input: named without the SDK's serializing prefix", async () => {
    const { code, report } = await check(["source=input"]);
    const line = lineOf(FILE, "exported = pulumi.output(aws.cloudformation.getExport(");
    expect(code).to.equal(0);
    expect(stopNotes(report)).to.deep.equal([note(invoke("lookup failed"), line, answers)]);
  });

  it("follows a rejected promise's cause to the failure", async () => {
    const { code, report } = await check(["wrap=reject"]);
    expect(code).to.equal(0);
    expect(stopNotes(report)).to.deep.equal([note(invoke("lookup failed"), lookup(), answers)]);
  });

  it("follows the cause to a command this machine cannot start, at the command's line", async () => {
    const { code, report } = await check(["source=command"]);
    expect(code).to.equal(0);
    const line = lineOf(FILE, 'execFileSync("offline-check-absent-image-builder"');
    // ENOENT, or EACCES where a folder on PATH cannot be searched (a user other than its owner).
    const [spawn] = /spawnSync offline-check-absent-image-builder (?:ENOENT|EACCES)/.exec(
      report.configNotes.join("\n"),
    ) ?? [""];
    expect(spawn).to.not.equal("");
    const what =
      `a command run on this machine, which failed: ${spawn}, caught by the program, which ` +
      'threw "lookup failed" instead';
    const remedy =
      "`pulumi up` runs it on a machine that has what it needs (the command, a Docker daemon, " +
      "the network)";
    expect(stopNotes(report)).to.deep.equal([note(what, line, remedy)]);
    expect(report.unevaluated).to.deep.equal([entry(what, line, remedy)]);
  });

  it("leaves an apply callback's result unknown, as the uncaught failure's", async () => {
    const { code, report } = await check(["source=apply"]);
    const line = lineOf(FILE, "aws.cloudformation.getExport({ name: url })");
    const what = `${invoke("lookup failed")} (index.ts:${line})`;
    expect(code).to.equal(0);
    expect(report.phases).to.deep.equal(["preview", "apply"]);
    expect(stopNotes(report)).to.deep.equal([]);
    expect(
      report.configNotes.filter((n: string) => n.startsWith("the apply phase left unknown")),
    ).to.deep.equal([
      `the apply phase left unknown what the program builds from ${what}, as \`pulumi preview\` ` +
        "of a new stack leaves it; the checks on values built from it, and any resource the " +
        "callback would have created after the failure (missing from the apply phase, as " +
        "`pulumi preview` cannot see a resource created inside an apply), are listed as not " +
        `evaluated: give its result with --invoke-answers <file.json> ({ "${TOKEN}": ` +
        "{ ...result... } }) to judge them",
    ]);
    const callback = report.unevaluated.filter((u: any) => u.type === "(apply callback)");
    expect(callback.map((u: any) => u.reason)).to.deep.equal([
      `the apply callback failing at index.ts:${line} was left unknown (${invoke("lookup failed")}): ` +
        "any resource it would have created after the failure is missing from the apply phase, " +
        "as `pulumi preview` cannot see a resource created inside an apply, so no check ran on it",
    ]);
  });

  it("at preview, fails as on the uncaught invoke: named, with its answer, at the lookup's line", async () => {
    // A lookup whose argument is known at preview fails there, before any resource is judged.
    const { code, report, stderr } = await check(["askAtPreview=true"]);
    expect(code, stderr).to.equal(2);
    expect(report.error).to.deep.equal({
      kind: "program",
      message:
        `lookup failed, caused by: the offline check cannot answer the invoke ${TOKEN}: supply ` +
        "its result in a JSON file passed with --invoke-answers <file.json>, e.g. " +
        `{ "${TOKEN}": { ...result... } } or { "${TOKEN}": [ { "args": { ...partial match... }, ` +
        `"result": { ... } } ] }`,
      file: path.relative(ROOT, path.join(DIR, "index.ts")),
      line: lookup(),
    });
    expect(stderr).to.contain("(stack dev, preview phase)");
  });

  it("an error of the program's own with no cause stays a program error, at its throw", async () => {
    const { code, report } = await check(["wrap=plain"]);
    expect(code).to.equal(2);
    expect(report.error).to.deep.equal({
      kind: "program",
      message: "lookup failed",
      file: path.relative(ROOT, path.join(DIR, "index.ts")),
      line: lineOf(FILE, 'if (wrap === "plain") throw new Error('),
    });
  });
});
