// The stack policies on an apply phase stopped at the program's top level
// (tools/check/stopped-stack-policies.ts): when every resource it registered is one preview
// registered, they judge the whole stack, what it registered with what it never registered as
// preview saw it, and keep only their findings on what it registered (a finding on a missing
// resource is preview's alone); when it registered a resource preview never did (a name that
// changes between runs), they are not run on it, and a note says why.
import { expect } from "chai";
import * as path from "path";
import { cli, FIXTURES, lineOf } from "./program-runs";

const STOPPED = "(every policy, on what the apply phase never registered)";

/** The JSON report of one stack (the CLI prints one object for one stack). */
function reportOf(stdout: string) {
  return JSON.parse(stdout);
}

/** `level policy name phases` of each finding on `names`. */
function findingsOn(r: any, names: readonly string[]): string[] {
  return r.violations
    .filter((v: any) => names.includes(v.name))
    .map((v: any) => `${v.enforcementLevel} ${v.policy} ${v.name} ${v.phases.join("+")}`);
}

describe("stack policies on an apply phase stopped at the program's top level", function () {
  this.timeout(600_000);

  it("runs the stack policies on the stopped apply phase with preview's view of what it never registered", async () => {
    // The public access block, encryption and TLS-only policy are registered after the stop: the
    // stack policies see them as preview saw them (their bucket linked by dependency, the policy
    // document unknown), never as missing, so no finding comes from the stop.
    const fixture = "apply-stops-stack-policies";
    const run = await cli("--program", path.join(FIXTURES, fixture), "--format", "json");
    expect(run.code, run.stderr).to.equal(1);
    const r = reportOf(run.stdout);
    expect(r.phases).to.deep.equal(["preview", "apply"]);
    expect(
      r.violations
        .filter((v: any) => v.name === "data")
        .map((v: any) => `${v.enforcementLevel} ${v.policy} ${v.phases.join("+")}`),
    ).to.deep.equal([
      "mandatory kms-key-policy-no-wildcard-principal preview+apply",
      "advisory s3-bucket-logging-enabled preview+apply",
      "advisory s3-bucket-versioning-enabled preview+apply",
      "advisory kms-key-description preview+apply",
      "advisory s3-bucket-event-notifications preview+apply",
      "advisory s3-bucket-lifecycle-configured preview+apply",
      "advisory s3-bucket-object-lock-enabled preview+apply",
      "advisory s3-bucket-replication-enabled preview+apply",
    ]);
    const at = `index.ts:${lineOf(`${fixture}/index.ts`, "aws.cloudformation.getExport(")}`;
    const why =
      "1 check(s) depend on values unknown until apply: data: string value at .policy can't be " +
      "known during preview";
    const stackPolicy = (u: any) => u.type === "pulumi:pulumi:Stack";
    expect(
      r.unevaluated.filter(stackPolicy).map((u: any) => `${u.enforcementLevel} ${u.policy}`),
    ).to.deep.equal([
      "mandatory s3-bucket-tls-only",
      "advisory s3-bucket-cross-account-restricted",
    ]);
    for (const u of r.unevaluated.filter(stackPolicy))
      expect(u.reason).to.equal(
        "a stack policy, run on what the apply phase registered together with what preview saw " +
          "of the resources it never registered: it needs a value of data known only once " +
          "created, and the apply phase stopped before registering it (the invoke " +
          "aws:cloudformation/getExport:getExport, which the check cannot answer offline " +
          `(${at})): ${why}`,
      );
    expect(r.configNotes.join("\n")).to.not.contain("stack policies");
    const gated = await cli(
      "--program",
      path.join(FIXTURES, fixture),
      "--format",
      "json",
      "--fail-on-unevaluated",
    );
    expect(gated.code, gated.stderr).to.equal(1);
    expect(reportOf(gated.stdout).summary.unevaluatedMandatory).to.equal(5);
  });

  it("a resource made only after the stop: its findings are preview's, never the apply phase's", async () => {
    // `if (!exported.value) new aws.s3.Bucket("fallback-logs")` after the lookup the apply phase
    // stops at: preview saw the bucket, the apply phase never registered it.
    const run = await cli(
      "--program",
      path.join(FIXTURES, "apply-stops-branch"),
      "--format",
      "json",
    );
    expect(run.code, run.stderr).to.equal(1);
    const r = reportOf(run.stdout);
    const mandatory = findingsOn(r, ["fallback-logs", "data"]).filter((f) =>
      f.startsWith("mandatory"),
    );
    expect(mandatory).to.deep.equal([
      "mandatory s3-bucket-public-access-block fallback-logs preview",
      "mandatory s3-bucket-sse-kms-cmk data preview+apply",
      "mandatory s3-bucket-sse-kms-cmk fallback-logs preview",
      "mandatory s3-bucket-tls-only data preview+apply",
      "mandatory s3-bucket-tls-only fallback-logs preview",
    ]);
    for (const f of findingsOn(r, ["fallback-logs"])) expect(f).to.match(/ preview$/);
    expect(r.configNotes.join("\n")).to.contain(
      `(aws:s3/bucket:Bucket fallback-logs (index.ts:${lineOf("apply-stops-branch/index.ts", '"fallback-logs"')})) was judged at preview only`,
    );
    expect(r.unevaluated.map((u: any) => u.policy)).to.deep.equal([STOPPED]);
  });

  it("resources named anew in each run: no stack policy runs on the stopped apply phase, and a note says why", async () => {
    // Each phase registers its own red-<suffix> and blue-<suffix>; the apply phase stops before their
    // access blocks. Judged beside preview's twins and their access blocks, the apply phase's
    // buckets were found to have none: a finding made by the stop.
    const fixture = "apply-stops-renamed";
    const run = await cli("--program", path.join(FIXTURES, fixture), "--format", "json");
    expect(run.code, run.stderr).to.equal(1);
    const r = reportOf(run.stdout);
    const applyPhase = r.violations.filter((v: any) => v.phases.includes("apply"));
    expect(applyPhase.map((v: any) => `${v.policy} ${v.name}`)).to.deep.equal([]);
    expect(
      r.violations.filter((v: any) => v.policy === "s3-bucket-public-access-block"),
    ).to.deep.equal([]);
    // The stack policies preview could not evaluate (the bucket policy is built from an ARN) are
    // listed as not run on the stopped apply phase.
    const notRun = r.unevaluated.filter((u: any) => u.type === "pulumi:pulumi:Stack");
    expect(notRun.map((u: any) => `${u.enforcementLevel} ${u.policy}`).sort()).to.deep.equal([
      "advisory s3-bucket-cross-account-restricted",
      "advisory s3-bucket-documented-exceptions",
      "mandatory s3-bucket-sse-kms-cmk",
      "mandatory s3-bucket-tls-only",
    ]);
    for (const u of notRun)
      expect(u.reason).to.match(
        /^a stack policy, not run on the apply phase the program stopped in \(see the note\): /,
      );
    expect(r.configNotes.join("\n")).to.match(
      new RegExp(
        "the program did not finish at apply, and registered there 2 resources preview never " +
          "registered \\(aws:s3/bucket:Bucket (red|blue)-\\w+, aws:s3/bucket:Bucket (red|blue)-\\w+: a name " +
          "that changes between runs\\?\\), so the pack's \\d+ stack policies, which judge the " +
          "whole stack and run only once the program has finished, were not run at apply " +
          "\\(those preview reported on: [^)]*s3-bucket-tls-only[^)]*\\): their preview judgement stands",
      ),
    );
  });

  describe("with stack policies preview could not evaluate, before the stop", () => {
    const dir = () => path.join(FIXTURES, "apply-stops-stack-notes");

    it("judges them on the stopped apply phase as on the finished one: the missing log group as preview saw it", async () => {
      // The log group the stop left unregistered is not read by the bucket's stack policies: they
      // judge the bucket policy at apply, as when the program finishes (the test below).
      const run = await cli("--program", dir(), "--format", "json");
      expect(run.code, run.stderr).to.equal(1);
      const r = reportOf(run.stdout);
      expect(
        r.violations
          .filter((v: any) => v.enforcementLevel === "mandatory")
          .map((v: any) => `${v.policy} ${v.name} ${v.phases.join("+")}`),
      ).to.deep.equal([
        "s3-bucket-public-access-block logs preview+apply",
        "s3-bucket-sse-kms-cmk logs apply",
        "s3-bucket-tls-only logs apply",
        // The log group the stop left unregistered: preview's finding alone.
        "cloudwatch-log-group-kms-cmk app preview",
      ]);
      expect(r.unevaluated.map((u: any) => u.policy)).to.deep.equal([STOPPED]);
      expect(r.configNotes.join("\n")).to.not.contain("stack policies");
    });

    it("runs them on the stopped apply phase when it registered everything preview saw", async () => {
      // With the lookup as the program's last step, the apply phase holds the stack preview judged
      // with its values known: the stack policies preview could not evaluate are judged there.
      const run = await cli(
        "--program",
        dir(),
        "--format",
        "json",
        "--config",
        "fixture-apply-stops-stack-notes:lookupLast=true",
      );
      expect(run.code, run.stderr).to.equal(1);
      const r = reportOf(run.stdout);
      expect(
        r.violations
          .filter((v: any) => v.enforcementLevel === "mandatory")
          .map((v: any) => `${v.policy} ${v.name} ${v.phases.join("+")}`),
      ).to.deep.equal([
        "s3-bucket-public-access-block logs preview+apply",
        "s3-bucket-sse-kms-cmk logs apply",
        "s3-bucket-tls-only logs apply",
      ]);
      expect(r.unevaluated.map((u: any) => u.policy)).to.deep.equal([STOPPED]);
      expect(r.configNotes.join("\n")).to.not.contain("stack policies");
    });

    it("gives SARIF the gate's result: FAIL under --fail-on-unevaluated, as the exit code", async () => {
      const args = ["--program", dir(), "--fail-on-unevaluated", "--format"];
      const sarif = await cli(...args, "sarif");
      expect(sarif.code, sarif.stderr).to.equal(1);
      expect(JSON.parse(sarif.stdout).runs[0].properties.summary.result).to.equal("FAIL");
    });
  });
});
