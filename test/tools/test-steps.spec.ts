// `npm test` runs the unit tests as two mocha processes (tools/test.ts): together they must be
// exactly `npm run test:unit`, every spec file in one of them and none in both. The files are
// collected as mocha collects them (its own collect-files), from the scripts in package.json.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  describeRun,
  failureDetails,
  lastLines,
  mochaCounts,
  PHASES,
  runStep,
  StepRun,
  UNIT_STEPS,
  whatFailed,
} from "../../tools/test";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const collectFiles = require("mocha/lib/cli/collect-files") as (o: {
  ignore: string[];
  extension: string[];
  file: string[];
  recursive: boolean;
  sort: boolean;
  spec: string[];
}) => { files: string[] };

const ROOT = path.resolve(__dirname, "..", "..");
/** Component specs that record whole programs, the same recordings as each other (one process). */
const HOST_SPECS = ["test/components/host.spec.ts", "test/components/connect-endpoint.spec.ts"];
const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"))
  .scripts as Record<string, string>;

/** The spec files a `mocha <specs> --ignore <glob>...` script runs, relative to the project. */
function specFiles(script: string): string[] {
  const words = [...script.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
  expect(words[0], script).to.equal("mocha");
  const spec: string[] = [];
  const ignore: string[] = [];
  for (let i = 1; i < words.length; i++) {
    if (words[i] === "--ignore") ignore.push(words[++i]);
    else if (words[i].startsWith("-"))
      throw new Error(`unexpected option ${words[i]} in: ${script}`);
    else spec.push(words[i]);
  }
  const cwd = process.cwd();
  process.chdir(ROOT); // mocha resolves the globs from where it runs: the project root
  try {
    const { files } = collectFiles({
      ignore,
      extension: ["ts"],
      file: [],
      recursive: false,
      sort: true,
      spec,
    });
    return files.map((f) => path.relative(ROOT, f));
  } finally {
    process.chdir(cwd);
  }
}

describe("npm test: the two unit-test processes", () => {
  const whole = specFiles(scripts["test:unit"]);
  const parts = UNIT_STEPS.map((step) => specFiles(scripts[step]));

  it("are steps of the run", () => {
    expect(PHASES.flat()).to.include.members([...UNIT_STEPS]);
  });

  it("run every spec file of `npm run test:unit` exactly once between them", () => {
    expect(whole.length).to.be.greaterThan(100);
    const both = parts[0].filter((f) => parts[1].includes(f));
    expect(both, "in both processes").to.deep.equal([]);
    expect([...parts[0], ...parts[1]].sort()).to.deep.equal([...whole].sort());
  });

  it("each run whole-program specs or the rest, with the host specs beside the programs", () => {
    expect(parts[0]).to.include.members([...HOST_SPECS]);
    expect(parts[0].every((f) => f.startsWith("test/tools/") || HOST_SPECS.includes(f))).to.equal(
      true,
    );
    expect(parts[1]).to.include("test/tools/check.spec.ts");
  });
});

describe("npm test: what failed, repeated at the end of the run", () => {
  const output = [
    "  ✔ one",
    "  1 passing (2ms)",
    "  2 failing",
    "",
    "  1) a suite",
    "       a test:",
    "     AssertionError: expected 1 to equal 2",
    "  2) another",
    "     Error: boom",
    "",
  ].join("\n");

  it('is mocha\'s account from the last "N failing" line to the end', () => {
    const details = failureDetails(output);
    expect(details.split("\n")[0]).to.equal("  2 failing");
    expect(details).to.contain("AssertionError: expected 1 to equal 2").and.contain("Error: boom");
    expect(details).to.not.contain("passing");
  });

  it("is cut at its line limit, saying how many lines were left out", () => {
    const lines = failureDetails(output, 3).trimEnd().split("\n");
    expect(lines).to.have.length(4);
    expect(lines[3]).to.contain("and 4 more lines");
  });

  it("is empty when nothing failed", () => {
    expect(failureDetails("  3 passing (1s)\n")).to.equal("");
  });
});

describe("npm test: what a failed step repeats after the summary", function () {
  this.timeout(60_000); // two mocha processes
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "test-steps-"))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A failed step whose output is mocha's own for a spec file with this text. */
  function mochaStep(name: string, text: string, env: NodeJS.ProcessEnv = {}): StepRun {
    fs.writeFileSync(path.join(dir, name), text);
    const mocha = require.resolve("mocha/bin/mocha.js");
    const args = [mocha, "--no-config", "--no-package", "--reporter", "spec", name];
    const r = spawnSync(process.execPath, args, {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, ...env },
    });
    expect(r.status, r.stderr).to.equal(1);
    const output = r.stdout + r.stderr;
    return { step: "test:unit:tools", code: 1, startS: 0, endS: 1, output };
  }

  it('names a failing "before all" hook, with its error', () => {
    const run = mochaStep(
      "hook.spec.js",
      'describe("a suite", () => {\n' +
        '  before(() => { throw new Error("the hook broke"); });\n' +
        '  it("a test", () => undefined);\n' +
        "});\n",
    );
    const text = whatFailed(run);
    expect(text).to.contain("test:unit:tools, what failed:").and.contain("1 failing");
    expect(text).to.contain('"before all" hook for "a test"').and.contain("Error: the hook broke");
  });

  it("reads mocha's counts and failures when mocha colours its output (FORCE_COLOR, set by some CI services)", () => {
    const run = mochaStep(
      "colour.spec.js",
      'it("passes", () => undefined);\nit("fails", () => { throw new Error("red"); });\n',
      { FORCE_COLOR: "1" },
    );
    expect(run.output, "mocha coloured its output").to.contain("\u001b[");
    expect(mochaCounts(run.output)).to.deep.equal({ passing: 1, pending: 0, failing: 1 });
    const text = whatFailed(run);
    expect(text).to.contain("test:unit:tools, what failed:").and.contain("1 failing");
    expect(text).to.contain("Error: red").and.not.contain("\u001b[");
  });

  it("repeats the last lines of a step that ended without mocha's summary (a spec that threw as it loaded)", () => {
    const run = mochaStep("load.spec.js", 'throw new Error("the spec file broke");\n');
    expect(failureDetails(run.output), "no summary to repeat").to.equal("");
    const text = whatFailed(run);
    expect(text).to.contain("test:unit:tools failed (exit 1) without mocha's account");
    expect(text).to.contain("Error: the spec file broke");
  });

  it("repeats the last lines of a step ended by a signal, or says it printed nothing", () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`);
    const run: StepRun = {
      step: "test:unit:others",
      code: -1,
      signal: "SIGKILL",
      startS: 0,
      endS: 9,
      output: "",
    };
    const text = whatFailed({ ...run, output: `${lines.join("\n")}\n` });
    expect(text).to.contain("test:unit:others failed (ended by SIGKILL)");
    expect(text.trimEnd().split("\n").slice(-40)).to.deep.equal(lines.slice(-40));
    expect(text).to.contain("(60 earlier lines").and.not.contain("line 60\n");
    expect(whatFailed(run)).to.contain("(no output)");
    expect(lastLines("one\ntwo\n", 1)).to.equal(
      "  ... (1 earlier lines in the step's output above)\ntwo\n",
    );
  });

  /** Runs `runStep` with `npm` looked up on `PATH` alone (a folder of this spec's). */
  async function stepWithPath(pathDir: string): Promise<StepRun> {
    const saved = process.env.PATH;
    process.env.PATH = pathDir;
    try {
      return await runStep("test:unit:tools", process.hrtime.bigint());
    } finally {
      process.env.PATH = saved;
    }
  }

  it("says a step that npm could not start could not start, with the reason", async () => {
    const empty = fs.mkdtempSync(path.join(dir, "no-npm-"));
    const run = await stepWithPath(empty);
    expect(run).to.include({ code: -1, notStarted: "spawn npm ENOENT" });
    expect(run.signal, "no signal ended it").to.equal(undefined);
    expect(whatFailed(run)).to.contain(
      "test:unit:tools failed (could not start: spawn npm ENOENT)",
    );
    expect(whatFailed(run)).to.contain("could not start `npm run test:unit:tools`");
    expect(describeRun(run)).to.contain("FAILED (could not start: spawn npm ENOENT)");
  });

  it("names the signal that ended a step, as the process's exit reports it", async () => {
    const bin = fs.mkdtempSync(path.join(dir, "killed-npm-"));
    const npm = path.join(bin, "npm");
    fs.writeFileSync(npm, "#!/bin/sh\necho 'about to be killed'\nkill -TERM $$\n", { mode: 0o755 });
    const run = await stepWithPath(`${bin}${path.delimiter}/bin${path.delimiter}/usr/bin`);
    expect(run).to.include({ code: -1, signal: "SIGTERM" });
    expect(run.notStarted, "it started").to.equal(undefined);
    expect(whatFailed(run)).to.contain("test:unit:tools failed (ended by SIGTERM)");
    expect(whatFailed(run)).to.contain("about to be killed");
    expect(describeRun(run)).to.contain("FAILED (ended by SIGTERM)");
  });
});
