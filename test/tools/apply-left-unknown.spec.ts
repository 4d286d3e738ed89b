// What the apply phase does with an `apply` callback that fails on what an offline run lacks: a
// data source nothing answers, asked only once an output is known, or docker-classic's build with
// no Docker daemon. `pulumi preview` of a new stack never runs such a callback and leaves its
// result unknown; the apply phase leaves it unknown too (tools/lib/engine/apply-unknowns.js) and
// runs on, so only the checks on values built from it stay unevaluated, each with its reason, and
// the note names what failed and the program's line.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { checkProgram, cli, copyOf, findings, FIXTURES, lineOf, type CliRun } from "./program-runs";
import { ProgramError, type StackResult } from "../../tools/check/run";
import type { stackToJson } from "../../tools/check/format-json";
import { UNKNOWN } from "../../tools/lib/engine/wire";

const TOKEN = "tailscale:index/getDevice:getDevice";

/** The fixture `apply-lookup-unanswered` with its stand-in @pulumi/tailscale installed. */
function lookupProgram(dirs: string[]): string {
  const dir = copyOf("apply-lookup-unanswered");
  dirs.push(dir);
  fs.cpSync(path.join(dir, "package"), path.join(dir, "node_modules", "@pulumi", "tailscale"), {
    recursive: true,
  });
  return dir;
}

/** The `--format json` report of one stack. */
type Report = ReturnType<typeof stackToJson>;

/** What the helpers read: a check's result in the engine's form or in the JSON report's. */
type Unevaluated = Pick<
  StackResult["unevaluated"][number],
  "policy" | "name" | "type" | "reason" | "enforcementLevel"
>;

/**
 * The JSON report of a CLI run that ended in one (exit 0 or 1); a run that stopped (exit 2)
 * fails here with its stderr, instead of in each test that reads the report.
 */
function reportOf(run: CliRun): Report {
  expect(run.code, run.stderr).to.be.oneOf([0, 1]);
  return JSON.parse(run.stdout) as Report;
}

/** Policy and resource name of each unevaluated check, sorted. */
function unevaluatedOf(r: { unevaluated: readonly Unevaluated[] }): string[] {
  return r.unevaluated
    .filter((u) => !isCallback(u))
    .map((u) => `${u.policy} ${u.name}`)
    .sort();
}

/** The entry that stands for what a callback left unknown would have created after its failure. */
function isCallback(u: Unevaluated): boolean {
  return u.type === "(apply callback)";
}

/** The callback entries, as `name: reason`. */
function callbacksOf(r: { unevaluated: readonly Unevaluated[] }): string[] {
  return r.unevaluated
    .filter(isCallback)
    .map((u) => `${u.enforcementLevel} ${u.name}: ${u.reason}`);
}

describe("the apply phase leaves unknown what an offline run cannot compute inside apply", function () {
  this.timeout(300_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  describe("a data source nothing answers, asked only once an output is known", () => {
    // One run of the check's CLI serves every test: its JSON report holds the result each reads,
    // and its exit code is the CLI's own decision (a second, in-process check of the same
    // program would only repeat both phases' runs).
    let run: CliRun;
    let r: Report;
    before(async () => {
      run = await cli("--program", lookupProgram(dirs), "--format", "json");
      r = reportOf(run);
    });

    it("runs both phases and names the invoke and the program's line in one note", () => {
      expect(r.phases).to.deep.equal(["preview", "apply"]);
      // The output form at the top level asks first: its line is the token's first call site.
      const line = lineOf("apply-lookup-unanswered/index.ts", "tailscale.getDeviceOutput(");
      const notes = r.configNotes.filter((n) => n.includes(TOKEN));
      expect(notes).to.deep.equal([
        `the apply phase left unknown what the program builds from the invoke ${TOKEN}, which ` +
          `the check cannot answer offline (index.ts:${line}), as \`pulumi preview\` of a new ` +
          "stack leaves it; the checks on values built from it, and any resource the callback " +
          "would have created after the failure (missing from the apply phase, as `pulumi " +
          "preview` cannot see a resource created inside an apply), are listed as not " +
          "evaluated: give its result with --invoke-answers <file.json> " +
          `({ "${TOKEN}": { ...result... } }) to judge them`,
      ]);
      expect(r.configNotes.join("\n")).to.not.contain("apply phase failed");
      expect(r.configNotes.join("\n")).to.not.contain("caught the failure");
    });

    it("leaves unevaluated only the checks on the two security groups built from the lookup", () => {
      const stack = "fixture-apply-lookup-unanswered-dev";
      expect(unevaluatedOf(r)).to.deep.equal([
        `ec2-security-group-no-admin-ports-public ${stack}`,
        `ec2-security-group-no-public-ingress ${stack}`,
      ]);
      // Traced through the stand-in the unknown carries: named exactly, not inferred.
      for (const u of r.unevaluated.filter((x) => !isCallback(x))) {
        expect(u.reason).to.contain(
          `(the result of the invoke ${TOKEN}, which the check cannot answer offline ` +
            `(index.ts:${lineOf("apply-lookup-unanswered/index.ts", "tailscale.getDeviceOutput(")}), ` +
            "left unknown at apply)",
        );
        expect(u.reason).to.not.contain("probably");
        expect(u.reason).to.contain("admin: string value at .ingress.0.cidrBlocks.0");
        expect(u.reason).to.contain("reader: string value at .ingress.0.cidrBlocks.0");
      }
    });

    it("judges what does not depend on it at apply: the role policy built from the bucket's ARN", () => {
      const [wildcard] = r.violations.filter(
        (v) => v.policy === "iam-no-wildcard-actions" && v.name === "shipper-logs",
      );
      expect(wildcard?.enforcementLevel).to.equal("mandatory");
      expect(wildcard?.phases).to.deep.equal(["apply"]);
    });

    it("exits 1 on that mandatory finding, not 2 on a program error", () => {
      expect(run.code, run.stderr).to.equal(1);
      expect(r.phases).to.deep.equal(["preview", "apply"]);
      // The two checks, and what the callback would have created after the failure.
      expect(r.summary.unevaluatedMandatory).to.equal(3);
    });
  });

  it("a lookup preview asks too stays the program's error, as before", async () => {
    // invoke-unanswered asks at the top level: `pulumi preview` fails there the same way.
    const e = await checkProgram(path.join(FIXTURES, "invoke-unanswered"), {
      phases: ["preview", "apply"],
    }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).to.be.instanceOf(ProgramError);
    expect((e as ProgramError).phase).to.equal("preview");
  });

  describe("docker-classic's build with no Docker daemon", () => {
    let r: StackResult;
    before(async () => {
      r = await checkProgram(path.join(FIXTURES, "apply-docker-classic"), {
        phases: ["preview", "apply"],
      });
    });

    it("runs both phases and names the daemon and the image's line in one note", () => {
      expect(r.phases.map((p) => p.phase)).to.deep.equal(["preview", "apply"]);
      const line = lineOf("apply-docker-classic/index.ts", "new docker.Image(");
      expect(
        r.configNotes.filter((n) => n.startsWith("the apply phase left unknown")),
      ).to.deep.equal([
        "the apply phase left unknown what the program builds from a command run on this machine, " +
          'which failed: no Docker daemon answers on this machine ("Cannot connect to the ' +
          'Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?") ' +
          `(index.ts:${line}), as \`pulumi preview\` of a new stack leaves it; the checks on ` +
          "values built from it, and any resource the callback would have created after the " +
          "failure (missing from the apply phase, as `pulumi preview` cannot see a resource " +
          "created inside an apply), are listed as not evaluated: " +
          "`pulumi up` runs it on a machine that has what it needs (a Docker daemon, the network)",
      ]);
    });

    it("leaves unevaluated only the checks on the task definition's container definitions", () => {
      const open = r.unevaluated.filter(
        (u) => u.enforcementLevel === "mandatory" && !isCallback(u),
      );
      expect(open.map((u) => `${u.policy} ${u.name}`)).to.deep.equal([
        "ecs-task-definition-not-privileged app",
        "ecs-task-definition-no-plaintext-secrets app",
      ]);
      const checks = r.unevaluated.filter((u) => !isCallback(u));
      expect(checks.every((u) => u.name === "app")).to.equal(true);
      expect(checks.every((u) => u.reason.includes("no Docker daemon answers"))).to.equal(true);
      // The image's name, made of the build's result, is unknown: the stack output too.
      const stack = r.resources.find((x) => x.type === "pulumi:pulumi:Stack");
      expect(stack?.outputs?.imageName).to.equal(UNKNOWN);
    });

    it("judges the role policy built from the repository's ARN at apply", () => {
      const [wildcard] = findings(r, "iam-no-wildcard-actions", "app-task-pull");
      expect(wildcard?.phases).to.deep.equal(["apply"]);
    });
  });

  describe("the program's own Docker CLI with no daemon, then a policy made in the same callback", () => {
    // One CLI run serves every test, as above; --fail-on-unevaluated changes only its exit code
    // and the summary's result (tools/check/report.ts `summarize`).
    let run: CliRun;
    let r: Report;
    before(async () => {
      const fixture = path.join(FIXTURES, "apply-own-command");
      run = await cli("--program", fixture, "--fail-on-unevaluated", "--format", "json");
      r = reportOf(run);
    });

    it("leaves the build unknown, as docker-classic's, naming the daemon and the call's line", () => {
      expect(r.phases).to.deep.equal(["preview", "apply"]);
      const notes = r.configNotes.filter((n) => n.startsWith("the apply phase left unknown"));
      expect(notes).to.have.length(1);
      expect(notes[0]).to.contain('no Docker daemon answers on this machine ("Cannot connect');
      expect(notes[0]).to.contain(
        `(index.ts:${lineOf("apply-own-command/index.ts", "execFileSync(")})`,
      );
    });

    it("says the policy the callback would have made is missing, as one mandatory unevaluated entry", () => {
      const line = lineOf("apply-own-command/index.ts", "execFileSync(");
      const [entry] = callbacksOf(r);
      expect(callbacksOf(r)).to.have.length(1);
      expect(entry).to.match(
        new RegExp(
          `^mandatory index\\.ts:${line}: the apply callback failing at index\\.ts:${line}`,
        ),
      );
      expect(entry).to.contain("any resource it would have created after the failure is missing");
      expect(r.resources.some((x) => x.type === "aws:iam/policy:Policy")).to.equal(false);
    });

    it("exits 1 with --fail-on-unevaluated", () => {
      expect(run.code, run.stderr).to.equal(1);
      expect(r.summary.unevaluatedMandatory).to.equal(1);
    });
  });

  describe("two failures, each feeding its own resource", () => {
    // A fetch of an unreachable host opens a security group; a build with no Docker daemon names
    // a task definition's image. Before, every check's reason listed both, as "probably".
    const fixture = path.join(FIXTURES, "apply-unknowns-traced");
    const stack = "fixture-apply-unknowns-traced-dev";
    const fetchLine = lineOf("apply-unknowns-traced/index.ts", "await fetch(");
    const buildLine = lineOf("apply-unknowns-traced/index.ts", "execFileSync(");
    const network =
      `the result of a network request, which failed: fetch failed (index.ts:${fetchLine}), ` +
      "left unknown at apply";
    const docker =
      "the result of a command run on this machine, which failed: no Docker daemon answers on " +
      'this machine ("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the ' +
      `docker daemon running?") (index.ts:${buildLine}), left unknown at apply`;
    let r: StackResult;
    before(async () => {
      r = await checkProgram(fixture, { phases: ["preview", "apply"] });
    });

    it("names for each check the one failure its value was built from", () => {
      const reasons = r.unevaluated
        .filter((u) => !isCallback(u))
        .map((u) => `${u.policy} ${u.name}: ${/^[^(]*\((.*)\): \d+ check/.exec(u.reason)?.[1]}`)
        .sort();
      expect(reasons).to.deep.equal([
        `ec2-security-group-no-admin-ports-public ${stack}: ${network}`,
        `ec2-security-group-no-public-ingress ${stack}: ${network}`,
        `ecs-task-definition-logging app: ${docker}`,
        `ecs-task-definition-no-plaintext-secrets app: ${docker}`,
        `ecs-task-definition-non-root-user app: ${docker}`,
        `ecs-task-definition-not-privileged app: ${docker}`,
        `ecs-task-definition-read-only-root app: ${docker}`,
      ]);
      expect(r.unevaluated.map((u) => u.reason).join("\n")).to.not.contain("probably");
    });

    it("lists each callback once", () => {
      expect(callbacksOf(r).map((c) => c.split(":").slice(0, 2).join(":"))).to.deep.equal([
        `mandatory index.ts:${buildLine}`,
        `mandatory index.ts:${fetchLine}`,
      ]);
    });

    it("keeps the stand-ins out of what the pack sees in the apply phase, where they are made", async () => {
      // The resources of the apply phase alone: the preview phase makes no stand-in.
      const applied = await checkProgram(fixture, { phases: ["apply"] });
      const deps = applied.resources.flatMap((x) => [
        ...x.dependencies,
        ...Object.values(x.propertyDependencies).flat(),
      ]);
      expect(deps.filter((d) => d.includes("offline-check"))).to.deep.equal([]);
      // They reached the engine: kept apart, per input, to name the failure.
      const refs = applied.resources.flatMap((x) => Object.values(x.leftUnknownRefs ?? {}).flat());
      expect(refs.length).to.be.greaterThan(0);
      expect(refs.every((u) => u.startsWith("urn:offline-check:"))).to.equal(true);
    });

    it("fails the stack with --fail-on-unevaluated: 4 mandatory checks and 2 callbacks", async () => {
      const run = await cli("--program", fixture, "--fail-on-unevaluated", "--format", "json");
      expect(run.code, run.stderr).to.equal(1);
      expect(JSON.parse(run.stdout).summary.unevaluatedMandatory).to.equal(6);
    });
  });

  it("a fetch of a host this machine cannot reach is left unknown as a network request", async () => {
    const r = await checkProgram(path.join(FIXTURES, "apply-fetch-offline"), {
      phases: ["preview", "apply"],
    });
    expect(r.phases.map((p) => p.phase)).to.deep.equal(["preview", "apply"]);
    const line = lineOf("apply-fetch-offline/index.ts", "await fetch(");
    expect(
      r.configNotes.filter((n) => n.startsWith("the apply phase left unknown")),
    ).to.have.length(1);
    expect(r.configNotes.join("\n")).to.contain(
      `a network request, which failed: fetch failed (index.ts:${line})`,
    );
    expect(callbacksOf(r)).to.have.length(1);
  });

  it("the program's own error logged on the resource a builder's failure names stays the program's", async () => {
    const dir = copyOf("apply-log-error");
    dirs.push(dir);
    fs.cpSync(path.join(dir, "package"), path.join(dir, "node_modules", "image-builder"), {
      recursive: true,
    });
    const e = await checkProgram(dir, { phases: ["preview", "apply"] }).then(
      () => undefined,
      (err: unknown) => err,
    );
    // The builder's own logged output (the Docker CLI's sentence) is its failure's, left unknown;
    // the program's pulumi.log.error on the same repository fails the run, as with no builder.
    expect(e).to.be.instanceOf(ProgramError);
    expect((e as ProgramError).phase).to.equal("apply");
    expect((e as ProgramError).message).to.contain("the repository must be prod's");
  });

  it("keeps a failure's stand-in out of a read resource's dependencies and a transform's dependsOn", async () => {
    // A stack reference named from the failed value, and a queue depending on it, which a stack
    // transform tags with the URNs of the `dependsOn` it was given.
    const r = await checkProgram(path.join(FIXTURES, "apply-unknown-deps"), { phases: ["apply"] });
    const logs = "urn:pulumi:dev::fixture-apply-unknown-deps::aws:s3/bucket:Bucket::logs";
    const byName = new Map(r.resources.map((x) => [x.name, x]));
    expect(byName.get("ref")?.dependencies).to.deep.equal([logs]);
    expect(byName.get("q")?.dependencies).to.deep.equal([logs]);
    expect(byName.get("q")?.inputs.tags).to.deep.equal({ dependsOn: logs });
  });
});
