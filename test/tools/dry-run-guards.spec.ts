// A program that asks `pulumi.runtime.isDryRun()` (test/fixtures/programs/dry-run-guards): the
// check runs it with --dry-run in both phases, as `pulumi preview` does, so a resource or a side
// effect kept for `pulumi up` runs in neither phase, and the report names each place it asked.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { dryRunNotes, dryRunSkipped } from "../../tools/check/dry-run-note";
import { formatJson } from "../../tools/check/format-json";
import { formatSarif } from "../../tools/check/format-sarif";
import { formatText } from "../../tools/check/format-text";
import { copyOf, FIXTURES, lineOf, QueuedRuns } from "./program-runs";

const runs = new QueuedRuns();
const DIR = path.join(FIXTURES, "dry-run-guards");
const SIDE_EFFECT = path.join(DIR, "deployed.txt");
const RESOURCE_GUARD = lineOf(
  "dry-run-guards/index.ts",
  "const deploying = !pulumi.runtime.isDryRun()",
);
const EFFECT_GUARD = lineOf("dry-run-guards/index.ts", "if (pulumi.runtime.isDryRun() === false)");

describe("programs that ask isDryRun()", function () {
  this.timeout(300_000);
  // A dependency whose source map names a file it does not ship (dry-run-library-map/package).
  let mapped = "";
  before(() => {
    fs.rmSync(SIDE_EFFECT, { force: true });
    runs.queueCheck("dry-run-guards", ["preview", "apply"]);
    mapped = copyOf("dry-run-library-map");
    fs.cpSync(path.join(mapped, "package"), path.join(mapped, "node_modules", "deploy-hooks"), {
      recursive: true,
    });
    runs.queueCheck(mapped, ["preview", "apply"]);
  });
  after(() => {
    fs.rmSync(SIDE_EFFECT, { force: true });
    if (mapped) fs.rmSync(mapped, { recursive: true, force: true });
  });

  it("run what is guarded for `pulumi up` in neither phase: no guarded resource, no side effect", async () => {
    const r = await runs.check("dry-run-guards", ["preview", "apply"]);
    expect(r.resources.map((x) => x.name))
      .to.include("site")
      .and.not.include("uploads");
    expect(r.violations.map((v) => v.name)).to.not.include("uploads");
    expect(fs.existsSync(SIDE_EFFECT), "the guarded side effect ran").to.equal(false);
  });

  it("are told so in the report, with each line that asked, in either phase", async () => {
    const r = await runs.check("dry-run-guards", ["preview", "apply"]);
    const [note] = r.configNotes.filter((n) => n.includes("isDryRun()"));
    // The guard inside `apply` runs only in the apply phase: its line is named all the same.
    expect(note).to.contain(`at index.ts:${RESOURCE_GUARD}, index.ts:${EFFECT_GUARD}:`);
    expect(note).to.contain("was neither run nor judged here");
  });

  it("qualify the result line, the JSON summary and SARIF: never a bare PASS", async () => {
    const r = await runs.check("dry-run-guards", ["preview", "apply"]);
    const skipped = `code behind isDryRun() at index.ts:${RESOURCE_GUARD}, index.ts:${EFFECT_GUARD} not run`;
    expect(r.dryRunSkipped).to.match(new RegExp(`^${skipped.replace(/[.()]/g, "\\$&")} `));
    const result = formatText([r])
      .split("\n")
      .find((l) => l.startsWith("Result for dev:"));
    expect(result).to.match(/^Result for dev: (PASS|FAIL) — /);
    expect(result).to.contain(` — ${skipped}`);
    // The last line, across stacks, says it too.
    const last = formatText([r]).trimEnd().split("\n").pop();
    expect(last).to.match(
      /^Result: (PASS|FAIL) — 1 stack checked: dev (PASS|FAIL) \(.*code behind isDryRun\(\) not run\)$/,
    );
    expect(JSON.parse(formatJson([r])).summary.dryRunSkipped).to.equal(r.dryRunSkipped);
    const sarif = (x: typeof r) =>
      JSON.parse(formatSarif([x], [], { version: "0.0.0" })).runs[0].properties;
    expect(sarif(r).dryRunSkipped).to.equal(r.dryRunSkipped);
    // A program that never asked: no qualifier anywhere.
    const none = { ...r, dryRunSkipped: undefined };
    expect(formatText([none])).to.not.contain("not run (pulumi up runs it)");
    expect(formatText([none])).to.not.contain("code behind isDryRun() not run");
    expect(JSON.parse(formatJson([none])).summary).to.not.have.property("dryRunSkipped");
    expect(sarif(none)).to.not.have.property("dryRunSkipped");
    expect(dryRunSkipped([{ dryRunAsked: [] }], DIR)).to.equal(undefined);
  });

  it("a dependency asking from a callback is named at its own file, not at a file its source map names but it does not ship", async () => {
    const r = await runs.check(mapped, ["preview", "apply"]);
    const lib = path.join("node_modules", "deploy-hooks", "index.js");
    // The line of the file Node loaded: the fixture's map puts every line 10 further down
    // (first segment `AAUA`), so a line read through the map would be 10 more.
    const line = lineOf("dry-run-library-map/package/index.js", "runtime.isDryRun()");
    expect(r.dryRunSkipped).to.contain(`code behind isDryRun() at ${lib}:${line} not run`);
    expect(r.dryRunSkipped).to.not.contain(`${lib}:${line + 10}`);
    expect(r.configNotes.join("\n")).to.not.contain(path.join("src", "index.ts"));
    expect(r.configNotes.join("\n")).to.contain(`${lib}:${line}:`);
  });

  it("names each place once across phases, with the library that asked, and none when none asked", () => {
    const dir = path.join(path.sep, "work", "app");
    const at = (file: string, line: number, via?: string) => ({
      file: path.join(dir, file),
      line,
      column: 5,
      ...(via ? { via: path.join(dir, via) } : {}),
    });
    const [note] = dryRunNotes(
      [
        { dryRunAsked: [at("index.ts", 3)] },
        { dryRunAsked: [at("index.ts", 3), at("index.ts", 9, "node_modules/sync/index.js")] },
      ],
      dir,
    );
    expect(note).to.match(
      /^the program asks pulumi\.runtime\.isDryRun\(\) at index\.ts:3, index\.ts:9 \(in node_modules[\\/]sync[\\/]index\.js\): /,
    );
    expect(dryRunNotes([{ dryRunAsked: [] }, { dryRunAsked: [] }], dir)).to.deep.equal([]);
  });
});
