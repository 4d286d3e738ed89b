// The milestones the offline check's processes record with OFFLINE_CHECK_TRACE
// (tools/lib/engine/trace.js), and the timeline the bench prints from them (tools/bench/timeline.ts).
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { formatTimeline, readTrace, TraceLine } from "../../tools/bench/timeline";

const TRACE = path.resolve(__dirname, "..", "..", "tools", "lib", "engine", "trace.js");

/** Runs `script` in a fresh Node process with `env` added; `trace` is the module. */
function inProcess(script: string, env: NodeJS.ProcessEnv): void {
  const clean: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!("OFFLINE_CHECK_TRACE" in env)) delete clean.OFFLINE_CHECK_TRACE;
  execFileSync(
    process.execPath,
    ["-e", `const trace = require(${JSON.stringify(TRACE)});\n${script}`],
    {
      env: clean,
    },
  );
}

describe("offline check: trace of a run's milestones", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "trace-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("records nothing and wraps nothing without OFFLINE_CHECK_TRACE", () => {
    const out = path.join(dir, "out.json");
    inProcess(
      `const cb = () => {};
       const run = trace.traceRun("engine:preview", cb);
       trace.traceStart("check"); trace.traceEvent("check", "x"); run.note("invoke"); run.exited();
       require("fs").writeFileSync(${JSON.stringify(out)},
         JSON.stringify({ tracing: trace.tracing, same: run.onRegistered === cb }));`,
      {},
    );
    expect(JSON.parse(fs.readFileSync(out, "utf8"))).to.deep.equal({ tracing: false, same: true });
    expect(fs.readdirSync(dir)).to.deep.equal(["out.json"]);
  });

  it("records each process's milestones with its CPU, and the engine's last calls", () => {
    const file = path.join(dir, "trace.jsonl");
    inProcess(
      `trace.traceStart("check");
       const seen = [];
       const run = trace.traceRun("engine:preview", (r) => seen.push(r));
       run.event("spawn");
       run.onRegistered("a"); run.onRegistered("b"); run.note("invoke");
       run.exited();
       trace.traceEvent("check", "report-written", { extra: 1 });
       if (seen.join() !== "a,b") process.exit(3);`,
      { OFFLINE_CHECK_TRACE: file },
    );
    const lines = readTrace(file);
    expect(lines.map((l) => `${l.proc} ${l.event}`)).to.deep.equal([
      "check start",
      "engine:preview spawn",
      "engine:preview first-registration",
      "engine:preview program-exited",
      "check report-written",
    ]);
    expect(new Set(lines.map((l) => l.pid)).size).to.equal(1);
    const exited = lines[3];
    expect(exited.last?.registration.count).to.equal(2);
    expect(exited.last?.invoke.count).to.equal(1);
    expect(exited.last!.registration.at).to.be.at.least(lines[2].t);
    expect(lines[4].cpuMs).to.be.greaterThan(0);
  });

  it("prints one time axis from the check's start, with the CPU of each process once", () => {
    const at = 1_000_000;
    const lines: TraceLine[] = [
      { t: at, pid: 1, proc: "check", event: "start", cpuMs: 0 },
      { t: at + 400, pid: 1, proc: "engine:preview", event: "spawn", cpuMs: 300 },
      { t: at + 420, pid: 2, proc: "program:preview", event: "start", cpuMs: 0 },
      {
        t: at + 3000,
        pid: 1,
        proc: "engine:preview",
        event: "program-exited",
        cpuMs: 1200,
        last: { registration: { at: at + 2500, count: 262 } },
      },
      { t: at + 2900, pid: 2, proc: "program:preview", event: "exit", cpuMs: 2800 },
      { t: at + 3500, pid: 1, proc: "check", event: "report-written", cpuMs: 1600 },
    ];
    const out = formatTimeline(lines);
    expect(out[0]).to.match(/^\s+0\.00 s\s+check\s+start\s*$/);
    expect(out.findIndex((l) => l.includes("last registration (262 calls)"))).to.equal(3);
    expect(out[3]).to.match(/^\s+2\.50 s/);
    expect(out[out.length - 1]).to.equal(
      "   CPU by process: check (pid 1) 1.60 s, program:preview (pid 2) 2.80 s; total 4.40 s",
    );
    expect(formatTimeline([])).to.deep.equal(["   (no trace recorded)"]);
  });
});
