// A program that stops at its top level (outside any `apply`) only in the apply phase, on what an
// offline run lacks: an invoke nothing answers, or a command whose tool this machine does not have,
// each reached only once a lookup's argument is known (at `pulumi preview` of a new stack the SDK
// skips a lookup whose argument is unknown). The apply phase keeps and judges what the program
// registered before that line; what preview saw after it is judged at preview only, named in the
// note and in one mandatory "not evaluated" entry (tools/check/stopped-at-apply.ts). The program's
// own throw there stays a program error, and code behind `!isDryRun()` runs in neither phase.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { cli, FIXTURES, lineOf, ROOT, STOPPED_AFTER } from "./program-runs";

const STOPPED = "(every policy, on what the apply phase never registered)";

/** The JSON report of one stack (the CLI prints one object for one stack). */
function reportOf(stdout: string) {
  return JSON.parse(stdout);
}

describe("the apply phase stopped at the program's top level", function () {
  this.timeout(600_000);

  describe("by an invoke nothing answers, asked only once its argument is known", () => {
    const fixture = "apply-stops-invoke";
    const file = `${fixture}/index.ts`;
    const TOKEN = "aws:cloudformation/getExport:getExport";
    let code: number;
    let report: any;
    before(async () => {
      const run = await cli("--program", path.join(FIXTURES, fixture), "--format", "json");
      code = run.code;
      expect(run.stderr, "no program error").to.not.contain("the program failed");
      report = reportOf(run.stdout);
    });

    const stop = () => lineOf(file, "aws.cloudformation.getExport(");
    const missing = () =>
      `aws:ec2/securityGroup:SecurityGroup admin (index.ts:${lineOf(file, '"admin"')}), ` +
      `aws:iam/rolePolicy:RolePolicy shipper-audit (index.ts:${lineOf(file, '"shipper-audit"')})`;
    const what = `the invoke ${TOKEN}, which the check cannot answer offline`;
    const remedy =
      `give its result with --invoke-answers <file.json> ({ "${TOKEN}": { ...result... } }) ` +
      "to judge them at apply";

    it("runs both phases and names the invoke, its line and what apply never registered", () => {
      expect(report.phases).to.deep.equal(["preview", "apply"]);
      expect(report.configNotes.filter((n: string) => n.includes("stopped"))).to.deep.equal([
        `the apply phase stopped at index.ts:${stop()}, outside any apply, on what an offline ` +
          `run lacks: ${what}; \`pulumi preview\` ran past that line without it. What the ` +
          "program registered before that line was judged at apply, as `pulumi up` would have " +
          "created it; the 2 resources preview saw that the apply phase never registered " +
          `(${missing()}) were judged at preview only and are listed as not evaluated: ${remedy}`,
      ]);
      expect(report.configNotes.join("\n")).to.not.contain("apply phase failed");
      expect(report.configNotes.join("\n")).to.not.contain("caught the failure");
    });

    it("judges at apply what was registered before the failure: the role policy's wildcard", () => {
      const found = report.violations.filter(
        (v: any) => v.policy === "iam-no-wildcard-actions" && v.name === "shipper-logs",
      );
      expect(found.map((v: any) => [v.enforcementLevel, v.phases])).to.deep.equal([
        ["mandatory", ["apply"]],
      ]);
    });

    it("keeps the findings preview made on what apply never registered, as preview's alone", () => {
      // Both are stack policies: the stopped apply phase runs them with the group as preview saw it
      // (tools/check/stopped-stack-policies.ts), but keeps only its findings on what it registered.
      const admin = report.violations
        .filter((v: any) => v.name === "admin" && v.enforcementLevel === "mandatory")
        .map((v: any) => `${v.policy} ${v.phases.join("+")}`)
        .sort();
      expect(admin).to.deep.equal([
        "ec2-security-group-no-admin-ports-public preview",
        "ec2-security-group-no-public-ingress preview",
      ]);
    });

    it("lists one mandatory entry naming the missing resources, and their checks apply needed", () => {
      const entries = report.unevaluated.filter((u: any) => u.policy === STOPPED);
      expect(entries).to.deep.equal([
        {
          policy: STOPPED,
          enforcementLevel: "mandatory",
          urn: `apply-stopped:index.ts:${stop()}`,
          name: `index.ts:${stop()}`,
          type: "(program stopped at apply)",
          reason:
            `the program stopped at apply at ${what} (index.ts:${stop()}): the apply phase ` +
            `never registered ${missing()}, whose checks were judged at preview only (values ` +
            "known only once resources exist were seen by no phase), nor anything the program " +
            `${STOPPED_AFTER}; ${remedy}`,
        },
      ]);
      const others = report.unevaluated.filter((u: any) => u.policy !== STOPPED);
      // Every other one is a check on the role policy registered after the failure.
      expect([...new Set(others.map((u: any) => u.name))]).to.deep.equal(["shipper-audit"]);
      for (const u of others)
        expect(u.reason).to.match(
          new RegExp(
            "^needs values known only after apply, and the apply phase stopped before " +
              `registering it \\(the invoke ${TOKEN}, which the check cannot answer offline ` +
              `\\(index\\.ts:${stop()}\\)\\): `,
          ),
        );
      // The stop entry and the 8 mandatory checks on shipper-audit's document.
      expect(report.summary.unevaluatedMandatory).to.equal(9);
    });

    it("exits 1 on the mandatory findings", () => {
      expect(code).to.equal(1);
      expect(report.summary.result).to.equal("FAIL");
    });
  });

  describe("by a command whose tool this machine does not have", () => {
    const fixture = "apply-stops-command";
    const file = `${fixture}/index.ts`;
    let plain: { code: number; report: any };
    let gated: { code: number; report: any };
    before(async () => {
      const dir = path.join(FIXTURES, fixture);
      const [a, b] = await Promise.all([
        cli("--program", dir, "--format", "json"),
        cli("--program", dir, "--format", "json", "--fail-on-unevaluated"),
      ]);
      plain = { code: a.code, report: reportOf(a.stdout) };
      gated = { code: b.code, report: reportOf(b.stdout) };
    });

    it("names the command, its line and the security group apply never registered", () => {
      const r = plain.report;
      expect(r.phases).to.deep.equal(["preview", "apply"]);
      const line = lineOf(file, "execFileSync(");
      const group = `aws:ec2/securityGroup:SecurityGroup app (index.ts:${lineOf(file, "new aws.ec2.SecurityGroup(")})`;
      // ENOENT, or EACCES where a folder on PATH cannot be searched (a user other than its owner).
      const [spawn] = /spawnSync offline-check-absent-image-builder (?:ENOENT|EACCES)/.exec(
        r.configNotes.join("\n"),
      ) ?? [""];
      expect(spawn).to.not.equal("");
      const what = `a command run on this machine, which failed: ${spawn}`;
      const remedy =
        "`pulumi up` runs it on a machine that has what it needs (the command, a Docker daemon, " +
        "the network)";
      expect(r.configNotes.filter((n: string) => n.includes("stopped"))).to.deep.equal([
        `the apply phase stopped at index.ts:${line}, outside any apply, on what an offline run ` +
          `lacks: ${what}; \`pulumi preview\` ran past that line without it. What the program ` +
          "registered before that line was judged at apply, as `pulumi up` would have created " +
          `it; the resource preview saw that the apply phase never registered (${group}) was ` +
          `judged at preview only and is listed as not evaluated: ${remedy}`,
      ]);
      expect(r.unevaluated).to.deep.equal([
        {
          policy: STOPPED,
          enforcementLevel: "mandatory",
          urn: `apply-stopped:index.ts:${line}`,
          name: `index.ts:${line}`,
          type: "(program stopped at apply)",
          reason:
            `the program stopped at apply at ${what} (index.ts:${line}): the apply phase never ` +
            `registered ${group}, whose checks were judged at preview only (values known only ` +
            "once resources exist were seen by no phase), nor anything the program " +
            `${STOPPED_AFTER}; ${remedy}`,
        },
      ]);
    });

    it("judges the repository's stack policy (its lifecycle policy) on the stopped apply phase too", () => {
      // A stack policy is given the stopped apply phase with what it never registered as preview
      // saw it: the repository has no lifecycle policy in either.
      const r = plain.report;
      expect(
        r.violations.map((v: any) => `${v.policy} ${v.name} ${v.phases.join("+")}`),
      ).to.deep.equal(["ecr-repository-lifecycle-policy app preview+apply"]);
      expect(r.waived.map((w: any) => `${w.policy} ${w.name} ${w.phase}`)).to.deep.equal([
        "ecr-repository-kms-cmk app preview",
      ]);
    });

    it("passes with the entry counted, and fails with --fail-on-unevaluated", () => {
      expect(plain.code).to.equal(0);
      expect(plain.report.summary).to.include({ result: "PASS", unevaluatedMandatory: 1 });
      expect(gated.code).to.equal(1);
      expect(gated.report.summary).to.include({ result: "FAIL", unevaluatedMandatory: 1 });
    });
  });

  it("names the other invoke a stop left unanswered in the remedy, never as caught", async () => {
    const fixture = "apply-stops-parallel-invokes";
    const file = `${fixture}/index.ts`;
    const run = await cli("--program", path.join(FIXTURES, fixture), "--format", "json");
    const r = reportOf(run.stdout);
    expect(r.configNotes.join("\n")).to.not.contain("caught the failure");
    const remedy =
      "give their results with --invoke-answers <file.json> " +
      '({ "aws:cloudformation/getExport:getExport": { ...result... }, ' +
      '"aws:ssm/getParameter:getParameter": { ...result... } }) to judge them at apply ' +
      `(aws:ssm/getParameter:getParameter (index.ts:${lineOf(file, "aws.ssm.getParameter(")}) ` +
      "also went unanswered before the program stopped)";
    const stopped = r.configNotes.filter((n: string) => n.startsWith("the apply phase stopped"));
    expect(stopped).to.have.length(1);
    expect(stopped[0].endsWith(`listed as not evaluated: ${remedy}`), stopped[0]).to.equal(true);
    const entry = r.unevaluated.filter((u: any) => u.policy === STOPPED);
    expect(entry).to.have.length(1);
    expect(entry[0].reason.endsWith(`which no check ran on; ${remedy}`), entry[0].reason).to.equal(
      true,
    );
  });

  it("the program's own throw there stays a program error (exit 2, at its line)", async () => {
    const fixture = "fail-apply-top-level-throw";
    const run = await cli("--program", path.join(FIXTURES, fixture), "--format", "json");
    expect(run.code, run.stderr).to.equal(2);
    const { error } = JSON.parse(run.stdout);
    expect(error.kind).to.equal("program");
    expect(error.message).to.match(
      /^the repository URL must be an https:\/\/ URL, got 123456789012\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/app-[0-9a-f]{7}$/,
    );
    expect(error.file).to.equal(path.relative(ROOT, path.join(FIXTURES, fixture, "index.ts")));
    expect(error.line).to.equal(lineOf(`${fixture}/index.ts`, "throw new Error("));
    expect(run.stderr).to.contain("(stack dev, apply phase)");
  });

  it("an error the program logged before the stop stays a program error (exit 2, at its line)", async () => {
    // The failure's message also lists the later error (the unanswered invoke): only the error
    // the run is reported at decides whether the apply phase stopped on what the check lacks.
    const fixture = "fail-apply-logged-error";
    const run = await cli("--program", path.join(FIXTURES, fixture), "--format", "json");
    expect(run.code, run.stderr).to.equal(2);
    const { error } = JSON.parse(run.stdout);
    expect(error.kind).to.equal("program");
    expect(error.message).to.match(/^the repository URL must be an https:\/\/ URL, got /);
    expect(error.line).to.equal(lineOf(`${fixture}/index.ts`, "pulumi.log.error("));
  });

  it("the program's own throw naming a command that failed earlier stays a program error", async () => {
    // `git` exited non-zero at load, and the throw's message names it: the throw is raised in the
    // program's own code, so no failed command makes it a stop on what the check lacks.
    const fixture = "fail-apply-own-throw-naming-command";
    const run = await cli("--program", path.join(FIXTURES, fixture), "--format", "json");
    expect(run.code, run.stderr).to.equal(2);
    const { error } = JSON.parse(run.stdout);
    expect(error.kind).to.equal("program");
    expect(error.message).to.equal(
      "refusing to push an untagged build: git has no release tag for HEAD",
    );
    expect(error.line).to.equal(lineOf(`${fixture}/index.ts`, "throw new Error("));
  });

  it("code behind !isDryRun() at the top level runs in neither phase: named, never stopped", async () => {
    // The check answers isDryRun() true in both phases (tools/lib/engine/dry-run-sites.js), so
    // neither the command nor the throw runs: exit 0 even with --fail-on-unevaluated, the result
    // qualified with both lines.
    const fixture = "dry-run-top-level";
    const file = `${fixture}/index.ts`;
    const run = await cli(
      "--program",
      path.join(FIXTURES, fixture),
      "--format",
      "json",
      "--fail-on-unevaluated",
    );
    expect(run.code, run.stderr).to.equal(0);
    const r = reportOf(run.stdout);
    expect(r.phases).to.deep.equal(["preview", "apply"]);
    const lines = fs
      .readFileSync(path.join(FIXTURES, file), "utf8")
      .split("\n")
      .flatMap((l, i) => (l.includes("!pulumi.runtime.isDryRun()") ? [i + 1] : []))
      .map((n) => `index.ts:${n}`);
    expect(lines).to.have.length(2);
    expect(r.summary.dryRunSkipped).to.equal(
      `code behind isDryRun() at ${lines.join(", ")} not run (pulumi up runs it)`,
    );
    expect(r.unevaluated).to.deep.equal([]);
    expect(r.configNotes.join("\n")).to.not.contain("stopped");
  });
});
