// The program's SDK skips the Log RPC of its debug messages under the offline check
// (tools/lib/engine/debug-logs.js): only for the verified shape, and with nothing else changed.
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ProgramRun } from "../../tools/lib/engine/language-host";
import { FIXTURES, programWithOwnSdk, ROOT, runStack } from "./program-runs";

const HOOK = path.join(ROOT, "tools", "lib", "engine", "debug-logs.js");

/** Runs `script` in a fresh Node process (the SDK's modules are not loaded into this one). */
function inProcess(script: string): unknown {
  const out = execFileSync(
    process.execPath,
    ["-e", `const { quietDebugLogs } = require(${JSON.stringify(HOOK)});\n${script}`],
    { cwd: ROOT },
  );
  return JSON.parse(out.toString("utf8"));
}

/** What a run shows of the program, debug messages aside. */
function seen(run: ProgramRun) {
  return {
    // Registrations arrive in the order their inputs resolve: compared by URN.
    resources: [...run.resources].sort((a, b) => a.urn.localeCompare(b.urn)),
    logs: run.logs.filter((l) => l.severity !== "debug"),
    output: run.output,
    invokes: [...run.invokes],
    unanswered: run.unanswered,
    failure: run.failure,
  };
}

async function withDebugLogs<T>(keep: boolean, f: () => Promise<T>): Promise<T> {
  const before = process.env.OFFLINE_KEEP_DEBUG_LOGS;
  if (keep) process.env.OFFLINE_KEEP_DEBUG_LOGS = "1";
  else delete process.env.OFFLINE_KEEP_DEBUG_LOGS;
  try {
    return await f();
  } finally {
    if (before === undefined) delete process.env.OFFLINE_KEEP_DEBUG_LOGS;
    else process.env.OFFLINE_KEEP_DEBUG_LOGS = before;
  }
}

describe("program process: the SDK's debug messages", function () {
  this.timeout(240_000);

  it("skips the Log RPC of debug messages while an engine is connected, and nothing else", () => {
    const result = inProcess(`
      const file = require.resolve("@pulumi/pulumi/log");
      const log = require(file);
      const settings = require("@pulumi/pulumi/runtime/settings");
      const applied = quietDebugLogs(log, file);
      const sent = [];
      // With no engine, the stock function runs (and prints nothing by default).
      const offline = log.debug("no engine") instanceof Promise;
      settings.getEngine = () => ({ log: (req, cb) => { sent.push(req.getSeverity()); cb(); } });
      Promise.all([log.debug("skipped"), log.info("sent")]).then(() =>
        process.stdout.write(JSON.stringify({ applied, offline, sent })));
    `);
    // LogSeverity.INFO is 1: only the info message reached the engine.
    expect(result).to.deep.equal({ applied: true, offline: true, sent: [1] });
  });

  it("keeps the stock function for another shape or another major version", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "debug-logs-"));
    try {
      const sdk = (version: string) => {
        const pkg = path.join(dir, version);
        fs.mkdirSync(path.join(pkg, "log"), { recursive: true });
        fs.mkdirSync(path.join(pkg, "runtime"), { recursive: true });
        fs.writeFileSync(
          path.join(pkg, "runtime", "settings.js"),
          "exports.getEngine = () => 1;\n",
        );
        fs.writeFileSync(
          path.join(pkg, "package.json"),
          JSON.stringify({ name: "@pulumi/pulumi", version }),
        );
        return path.join(pkg, "log", "index.js");
      };
      const result = inProcess(`
        const stock = {
          debug: function debug(msg) { const engine = settings_1.getEngine(); return engproto.LogSeverity.DEBUG; },
          info() {}, warn() {}, error() {},
        };
        const other = { ...stock, debug: function debug(msg) { return console.log(msg); } };
        const frozen = Object.defineProperty({ ...stock }, "debug", { value: stock.debug, writable: false });
        const v3 = ${JSON.stringify(sdk("3.248.0"))};
        const v4 = ${JSON.stringify(sdk("4.0.0"))};
        const copy = (m) => ({ ...m });
        const cases = {
          verified: quietDebugLogs(copy(stock), v3),
          otherShape: quietDebugLogs(copy(other), v3),
          readOnly: quietDebugLogs(frozen, v3),
          otherMajor: quietDebugLogs(copy(stock), v4),
          noPackage: quietDebugLogs(copy(stock), "/nowhere/log/index.js"),
        };
        process.stdout.write(JSON.stringify(cases));
      `);
      expect(result).to.deep.equal({
        verified: true,
        otherShape: false,
        readOnly: false,
        otherMajor: false,
        noPackage: false,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const [label, make] of [
    ["this project's SDK", () => ({ dir: path.join(FIXTURES, "compliant"), done: () => {} })],
    [
      "a program's own, older SDK",
      () => {
        const own = programWithOwnSdk();
        return { dir: own.dir, done: () => fs.rmSync(own.dir, { recursive: true, force: true }) };
      },
    ],
  ] as const) {
    it(`a program run registers, logs and prints the same without them (${label})`, async () => {
      const { dir, done } = make();
      try {
        for (const phase of ["preview", "apply"] as const) {
          const stock = await withDebugLogs(true, () => runStack(dir, { phase }));
          const quiet = await withDebugLogs(false, () => runStack(dir, { phase }));
          expect(stock.failure, phase).to.equal(undefined);
          expect(
            stock.logs.some((l) => l.severity === "debug"),
            phase,
          ).to.equal(true);
          expect(
            quiet.logs.filter((l) => l.severity === "debug"),
            phase,
          ).to.deep.equal([]);
          expect(seen(quiet), phase).to.deep.equal(seen(stock));
        }
      } finally {
        done();
      }
    });
  }
});
