// The program process describes an error the way the language host would on a Node.js whose
// colouring of a node_modules frame without a separator after the package name never ends
// (tools/lib/engine/child-preload.js, item 4): the coloured `util.inspect` gives the uncoloured
// text at once, so a host with no fallback of its own (SDK 3.150) reports the program's error,
// not "RangeError: Invalid string length".
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as path from "path";
import { colouringNeverEndsIn, VISIT_BUDGET } from "../../tools/lib/engine/colouring-guard";

const PRELOAD = path.resolve(__dirname, "..", "..", "tools", "lib", "engine", "child-preload.js");

/**
 * The host's coloured description of an error whose stack has `stackLine`, under the preload;
 * `wrap` builds what the program throws around it (`e` names the error).
 */
function inspectUnderPreload(stackLine: string, wrap = "e"): string {
  const script = [
    'const util = require("util");',
    "const e = new Error(\"Duplicate resource URN 'urn:pulumi:dev::p::pulumi:providers:aws::east'\");",
    `e.stack = e.message + "\\n    at " + ${JSON.stringify(stackLine)};`,
    `process.stdout.write(util.inspect(${wrap}, { colors: true }));`,
  ].join("\n");
  // Where the colouring never ends the child would not either: the spec fails rather than hangs.
  return execFileSync(process.execPath, ["-r", PRELOAD, "-e", script], {
    encoding: "utf8",
    timeout: 20_000,
  });
}

/** What `script` prints, run with the preload or without it. */
function runScript(script: string, preload: boolean): string {
  return execFileSync(process.execPath, [...(preload ? ["-r", PRELOAD] : []), "-e", script], {
    encoding: "utf8",
    timeout: 20_000,
  });
}

/** The stack of an error made in a file under node_modules with no separator after the package. */
const LOOPING_STACK = "Error: x\n    at f (/p/node_modules/@pulumi/config.ts:301:19)";

describe("program process: the host's description of an error", () => {
  it("a stack the colouring never ends on: the error's own text, uncoloured, at once", () => {
    const text = inspectUnderPreload(
      "Object.<anonymous> (/p/node_modules/@pulumi/config.ts:301:19)",
    );
    expect(text).to.contain(
      "Duplicate resource URN 'urn:pulumi:dev::p::pulumi:providers:aws::east'",
    );
    expect(text).to.contain("node_modules/@pulumi/config.ts:301:19");
    expect(text).not.to.contain("\u001b[");
  });

  for (const [what, wrap] of [
    ["the cause of the error thrown", 'new Error("setup failed", { cause: e })'],
    [
      "a member of Promise.any's AggregateError",
      'new AggregateError([new Error("x"), e], "All promises were rejected")',
    ],
    ["an error held in a property", 'Object.assign(new Error("setup failed"), { inner: { e } })'],
  ]) {
    it(`such a stack on ${what}: uncoloured, at once`, () => {
      const text = inspectUnderPreload(
        "Object.<anonymous> (/p/node_modules/@pulumi/config.ts:301:19)",
        wrap,
      );
      expect(text).to.contain("node_modules/@pulumi/config.ts:301:19");
      expect(text).not.to.contain("\u001b[");
    });
  }

  it("any other stack: coloured as Node.js colours it", () => {
    const text = inspectUnderPreload(
      "Object.<anonymous> (/p/node_modules/@pulumi/pulumi/config.js:1:1)",
    );
    expect(text).to.contain("Duplicate resource URN");
    expect(text).to.contain("\u001b[");
  });

  // The guard runs on every coloured inspection, the program's own too: what the program sees,
  // the text and every getter or trap it counts, is what it sees without the preload.
  for (const [what, setup] of [
    [
      "an Error whose `errors` is an object of field messages",
      'const e = Object.assign(new Error("invalid settings"), { errors: { retentionDays: "must be at least 30" } });',
    ],
    [
      "an Error whose `errors` is a number",
      'const e = Object.assign(new Error("failed"), { errors: 2 });',
    ],
    [
      "an Error with counting getters (enumerable, cause, errors, stack)",
      [
        'const e = new Error("x");',
        'Object.defineProperty(e, "details", { enumerable: true, get() { calls.push("details"); return 1; } });',
        'Object.defineProperty(e, "cause", { get() { calls.push("cause"); return undefined; } });',
        'Object.defineProperty(e, "errors", { get() { calls.push("errors"); return []; } });',
        'Object.defineProperty(e, "stack", { get() { calls.push("stack"); return "Error: x"; } });',
      ].join("\n"),
    ],
    [
      "an Error holding a Proxy with counting traps",
      [
        "const trap = (name) => (...a) => (calls.push(name), Reflect[name](...a));",
        "const handler = Object.fromEntries(['get','ownKeys','getOwnPropertyDescriptor','getPrototypeOf','has'].map((n) => [n, trap(n)]));",
        'const e = Object.assign(new Error("x"), { inner: new Proxy({ a: new Error("y") }, handler) });',
      ].join("\n"),
    ],
    [
      "a Proxy of an Error, with counting traps",
      [
        "const trap = (name) => (...a) => (calls.push(name), Reflect[name](...a));",
        "const handler = Object.fromEntries(['get','ownKeys','getOwnPropertyDescriptor','getPrototypeOf','has'].map((n) => [n, trap(n)]));",
        'const e = new Proxy(new Error("x"), handler);',
      ].join("\n"),
    ],
  ]) {
    it(`${what}: the same text and reads as without the preload`, () => {
      const script = [
        'const util = require("util");',
        "const calls = [];",
        setup,
        "const text = util.inspect(e, { colors: true });",
        "process.stdout.write(JSON.stringify({ text: text.replace(/\\n.*\\bat .*/g, ''), calls }));",
      ].join("\n");
      const plain = JSON.parse(runScript(script, false));
      expect(JSON.parse(runScript(script, true))).to.deep.equal(plain);
    });
  }

  it("a getter or a Proxy is not looked into, even when it would give a looping stack", () => {
    const looping = Object.assign(new Error("x"), { stack: LOOPING_STACK });
    const behindGetter = Object.defineProperty(new Error("y"), "inner", {
      enumerable: true,
      get: () => looping,
    });
    expect(colouringNeverEndsIn(behindGetter)).to.equal(false);
    expect(colouringNeverEndsIn(new AggregateError([new Proxy(looping, {})]))).to.equal(false);
    expect(colouringNeverEndsIn(new AggregateError([looping]))).to.equal(true);
  });

  it(`stops after ${VISIT_BUDGET} objects, nearest first`, () => {
    const grid = (at: number): Error => {
      const rows: Record<string, unknown>[] = Array.from({ length: 100 }, () => ({}));
      rows.forEach((row) => {
        for (let c = 0; c < 100; c++) row[`c${c}`] = {};
      });
      rows[at].c0 = Object.assign(new Error("x"), { stack: LOOPING_STACK });
      return Object.assign(new Error("settings"), { rows });
    };
    // The error, its rows list, 100 rows, then the rows' values: row 0's first is within the
    // budget, row 5's is not.
    expect(colouringNeverEndsIn(grid(0))).to.equal(true);
    expect(colouringNeverEndsIn(grid(5))).to.equal(false);
  });

  it("an error holding a large object graph is described at once", () => {
    // 30^4 distinct objects: walking them all took about a second per inspection.
    const script = [
      'const util = require("util");',
      "const mk = (d) => { const o = {}; if (d > 0) for (let i = 0; i < 30; i++) o['k' + i] = mk(d - 1); return o; };",
      'const e = Object.assign(new Error("x"), { data: mk(4) });',
      "const t = process.hrtime.bigint();",
      "util.inspect(e, { colors: true });",
      "process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));",
    ].join("\n");
    expect(Number(runScript(script, true))).to.be.below(300);
  });
});
