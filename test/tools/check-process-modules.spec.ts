// What the check's own process loads. It drives the engine and the reports; the SDK's entry point
// (`@pulumi/pulumi`, whose automation API loads TypeScript: some 50 MB and 0.3 s of CPU) runs only
// in the program's process. A module of the check that imports a helper living beside the SDK's
// mocks (tools/lib/recorder.ts) would load it in every run: this loads each module of the check in
// a process of its own and lists what it pulled in.
import { expect } from "chai";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

describe("the check's own process", function () {
  this.timeout(120_000);

  it("loads no entry point of the Pulumi SDK, nor TypeScript, with any module of the check", () => {
    const modules = fs
      .readdirSync(path.join(ROOT, "tools", "check"))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => `./tools/check/${f.replace(/\.ts$/, "")}`);
    expect(modules).to.include("./tools/check/imported");
    // Who asks for TypeScript: the check's own compiler cache (tools/lib/ts-require.js) compiles
    // the check's files with it when they are not cached yet (a fresh clone), and nothing else may;
    // once they are, not even the cache.
    // The probe asks for it last itself, which shows the recording sees such a request.
    const probe =
      `const Module = require("module"); const load = Module._load; const asked = [];` +
      `Module._load = function (request, parent) {` +
      `  if (/(^|[\\\\/]node_modules[\\\\/])typescript([\\\\/]|$)/.test(request) &&` +
      `    !/[\\\\/]node_modules[\\\\/]typescript[\\\\/]/.test(parent?.filename ?? ""))` +
      `    asked.push(parent?.filename ?? "");` +
      `  return load.apply(this, arguments); };` +
      `require("./tools/lib/ts-require").register(process.cwd());` +
      `for (const m of ${JSON.stringify(modules)}) require(m);` +
      `require("typescript"); asked.push("end");` +
      `process.stdout.write(JSON.stringify({ loaded: Object.keys(require.cache), asked }));`;
    const run = (): { loaded: string[]; asked: string[] } =>
      JSON.parse(execFileSync(process.execPath, ["-e", probe], { cwd: ROOT, encoding: "utf8" }));
    const { loaded, asked } = run();
    const sdkEntry = loaded.filter((m) =>
      /node_modules[\\/]@pulumi[\\/]pulumi[\\/](index\.js|automation[\\/])/.test(m),
    );
    expect(sdkEntry).to.deep.equal([]);
    const compiler = path.join(ROOT, "tools", "lib", "ts-require.js");
    const askers = asked.slice(0, asked.indexOf("end"));
    expect(askers.pop(), "the probe's own request is seen").to.equal(path.join(ROOT, "[eval]"));
    expect(askers.filter((f) => f !== compiler)).to.deep.equal([]);
    // With the cache warm (the run above compiled what was missing), nothing asks for TypeScript:
    // a compiler cache that loaded it eagerly, on every run, would be seen here.
    const again = run().asked;
    expect(again.slice(0, again.indexOf("end")), "only the probe's own request").to.deep.equal([
      path.join(ROOT, "[eval]"),
    ]);
  });
  /**
   * Runs the check on the prod stack with a preload in its own process alone (a preload, not
   * NODE_OPTIONS, which its children inherit) that stops it at the first spawn whose arguments
   * match `spawnOf`, without starting that process: which of `watched` had loaded by then.
   */
  function loadedAtSpawn(spawnOf: RegExp, watched: readonly string[]): string[] {
    const probe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "check-modules-")), "probe.js");
    fs.writeFileSync(
      probe,
      `const cp = require("child_process"); const path = require("path");` +
        `const spawn = cp.spawn;` +
        `cp.spawn = function (cmd, args) {` +
        `  if (!(args || []).some((a) => ${spawnOf}.test(a))) return spawn.apply(this, arguments);` +
        `  const loaded = ${JSON.stringify(watched)}.filter((m) => require.cache[path.join(process.cwd(), m)]);` +
        `  process.stdout.write(JSON.stringify({ loaded }));` +
        `  process.exit(0);` +
        `};`,
    );
    try {
      const out = execFileSync(
        process.execPath,
        ["-r", probe, "tools/run.js", "tools/check.ts", "--stack", "prod", "--format", "json"],
        { cwd: ROOT, encoding: "utf8" },
      );
      return (JSON.parse(out) as { loaded: string[] }).loaded;
    } finally {
      fs.rmSync(path.dirname(probe), { recursive: true, force: true });
    }
  }

  // The policy pack's process takes about a second of CPU to start: started once the inputs are
  // validated and before the check loads what only the runs need, it loads on the other core
  // while the check does, instead of competing with the program's run for it.
  it("starts the policy pack's process before it loads the engine and the fake cloud's answers", () => {
    const watched = [
      "tools/check/run.ts",
      "tools/lib/engine/language-host.ts",
      "tools/lib/engine/answers.ts",
      "tools/lib/provider-checks/index.ts",
    ];
    expect(loadedAtSpawn(/run-policy-pack/, watched)).to.deep.equal([]);
  });

  // The provider's input checks are needed only once the runs end: the program's start, the
  // check's critical path, does not wait for them, and they load while the program runs (on the
  // language host's `onSpawned`), not after it. The probe lets the check run to its end and notes
  // what had loaded at the program's spawn and when the first program's process exited.
  it("loads the provider's input checks after the program's spawn and before its run ends", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-modules-"));
    const seenFile = path.join(dir, "seen.json");
    const probe = path.join(dir, "probe.js");
    const watched = ["tools/lib/engine/language-host.ts", "tools/lib/provider-checks/index.ts"];
    fs.writeFileSync(
      probe,
      `const cp = require("child_process"); const fs = require("fs"); const path = require("path");` +
        `const loaded = () => ${JSON.stringify(watched)}.filter((m) => require.cache[path.join(process.cwd(), m)]);` +
        `const seen = {}; const spawn = cp.spawn;` +
        `cp.spawn = function (cmd, args) {` +
        `  const child = spawn.apply(this, arguments);` +
        `  if (seen.atSpawn || !(args || []).includes("--monitor")) return child;` +
        `  seen.atSpawn = loaded();` +
        `  child.on("exit", () => { seen.atExit = loaded(); fs.writeFileSync(${JSON.stringify(seenFile)}, JSON.stringify(seen)); });` +
        `  return child; };`,
    );
    try {
      const run = spawnSync(
        process.execPath,
        ["-r", probe, "tools/run.js", "tools/check.ts", "--stack", "prod", "--phase", "preview"],
        { cwd: ROOT, encoding: "utf8", timeout: 100_000 },
      );
      expect(run.status, run.stderr).to.be.oneOf([0, 1]);
      const { atSpawn, atExit } = JSON.parse(fs.readFileSync(seenFile, "utf8"));
      expect(atSpawn, "loaded when the program is spawned").to.deep.equal([watched[0]]);
      expect(atExit, "loaded when the program's process exits").to.deep.equal(watched);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // Once the pack's process is started, whatever stops the check closes it: a module of the
  // check's own that does not load (a broken install, a bad edit) stops it with exit 2, where the
  // pack's pipes would otherwise keep it running. Each row breaks one module the check loads after
  // the pack's start: one the check asks for itself, and one the runs' module imports.
  for (const [module, request] of [
    ["the fake cloud's answers", "./lib/engine/answers"],
    ["the language host (imported by the runs' module)", "../lib/engine/language-host"],
  ] as const) {
    it(`stops with exit 2 and no process left when ${module} does not load`, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-broken-"));
      const pids = path.join(dir, "pids");
      const probe = path.join(dir, "probe.js");
      fs.writeFileSync(
        probe,
        `const Module = require("module"); const cp = require("child_process");` +
          `const fs = require("fs"); const load = Module._load;` +
          `Module._load = function (request) {` +
          `  if (request === ${JSON.stringify(request)}) throw new Error("broken at load: " + request);` +
          `  return load.apply(this, arguments); };` +
          `const spawn = cp.spawn;` +
          `cp.spawn = function () { const child = spawn.apply(this, arguments);` +
          `  fs.appendFileSync(${JSON.stringify(pids)}, child.pid + "\\n"); return child; };`,
      );
      try {
        const began = Date.now();
        const run = spawnSync(
          process.execPath,
          ["-r", probe, "tools/run.js", "tools/check.ts", "--stack", "prod"],
          { cwd: ROOT, encoding: "utf8", timeout: 60_000, killSignal: "SIGKILL" },
        );
        const tookMs = Date.now() - began;
        expect(run.signal, "the check ended on its own, not at the timeout").to.equal(null);
        expect(run.status, run.stderr).to.equal(2);
        expect(run.stderr).to.include(`broken at load: ${request}`);
        expect(tookMs, "no wait for the pack's process").to.be.below(30_000);
        const started = fs.readFileSync(pids, "utf8").split("\n").filter(Boolean).map(Number);
        expect(
          started.length,
          "the pack's process was started before the module failed",
        ).to.be.above(0);
        const alive = started.filter((pid) => {
          try {
            process.kill(pid, 0);
            return true;
          } catch {
            return false;
          }
        });
        expect(alive, "processes the check started and left running").to.deep.equal([]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
