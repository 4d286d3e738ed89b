// A policy pack that throws while it loads in the check's own process (the policy types of its
// counts, `--judge runner`): the error is the pack's, names the rule's file:line first (a rule that
// does not compile, its first syntax error's), and shows the stack without the check's own frames,
// each frame at its TypeScript line.
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { packLoadError } from "../../tools/check/pack-load";
import { AnalyzerError } from "../../tools/lib/engine/pack-process";
import { frameOf, isOwnFrame, packOutputPlace } from "../../tools/lib/engine/own-frames";

const ROOT = path.resolve(__dirname, "..", "..");
const PACK = path.join(ROOT, "policy-pack");
const RULE = path.join(PACK, "policies", "kms", "keys.ts");
const HELPER = path.join(PACK, "lib", "define.ts");
const AREA = path.join(PACK, "policies", "kms", "index.ts");
const OWN = path.join(ROOT, "tools", "lib", "engine", "code-cache.js");
const TS_REQUIRE = path.join(ROOT, "tools", "lib", "ts-require.js");

/** An error whose stack is `frames` (lines without the leading "at "). */
function thrown(message: string, frames: readonly string[]): Error {
  const e = new TypeError(message);
  e.stack = [`TypeError: ${message}`, ...frames.map((f) => `    at ${f}`)].join("\n");
  return e;
}

describe("a policy pack that throws while loading in the check's process", () => {
  it("reads frame lines in each form V8 writes them, and knows the check's own", () => {
    expect(frameOf(`    at Object.<anonymous> (${RULE}:3:17)`)).to.deep.equal({
      file: RULE,
      line: 3,
      column: 17,
    });
    expect(frameOf(`    at ${RULE}:9:1`)).to.deep.include({ file: RULE, line: 9 });
    expect(frameOf("    at async file:///app/main.mjs:40:1")).to.deep.include({
      file: "/app/main.mjs",
      line: 40,
    });
    expect(frameOf("TypeError: not a frame")).to.equal(undefined);
    expect(isOwnFrame(`    at compileWithCodeCache (${OWN}:111:26)`)).to.equal(true);
    expect(isOwnFrame(`    at Object.<anonymous> (${RULE}:3:17)`)).to.equal(false);
    expect(isOwnFrame("    at Module.load (node:internal/modules/cjs/loader:1266:32)")).to.equal(
      false,
    );
  });

  it("names the rule's file:line first, before the helper that threw, and drops the check's frames", () => {
    const e = packLoadError(
      thrown("metadata needs a name", [
        `assertMetadata (${HELPER}:40:11)`,
        `resourcePolicy (${HELPER}:52:3)`,
        `Object.<anonymous> (${RULE}:21:35)`,
        `compileWithCodeCache (${OWN}:111:26)`,
        `extensions..ts (${TS_REQUIRE}:174:7)`,
        "Module.load (node:internal/modules/cjs/loader:1266:32)",
        `Object.<anonymous> (${AREA}:18:1)`,
      ]),
      PACK,
    );
    expect(e).to.be.instanceOf(AnalyzerError);
    const rule = path.relative(process.cwd(), RULE);
    expect(e.lines[0]).to.equal(
      `policy pack "${PACK}" failed to load: ${rule}:21:35: TypeError: metadata needs a name`,
    );
    expect(e.output).to.deep.equal([
      `at assertMetadata (${HELPER}:40:11)`,
      `at resourcePolicy (${HELPER}:52:3)`,
      `at Object.<anonymous> (${RULE}:21:35)`,
      "at Module.load (node:internal/modules/cjs/loader:1266:32)",
      `at Object.<anonymous> (${AREA}:18:1)`,
    ]);
    expect(e.describe().split("\n")[0]).to.match(/^error: policy pack ".*" failed to load: /);
    // The JSON error report's file and line.
    expect(e.location).to.deep.equal({ file: RULE, line: 21 });
  });

  it("without a frame in a rule file, names the pack's first; without any, only the error", () => {
    const helperOnly = packLoadError(thrown("bad table", [`row (${HELPER}:7:9)`]), PACK);
    expect(helperOnly.lines[0]).to.contain(`${path.relative(process.cwd(), HELPER)}:7:9: `);
    const none = packLoadError("a string was thrown", PACK);
    expect(none.lines[0]).to.equal(
      `policy pack "${PACK}" failed to load: Error: a string was thrown`,
    );
    expect(none.output).to.deep.equal([]);
    expect(none.location).to.equal(undefined);
  });

  it("in a folder whose name holds parentheses, keeps the stack and names the rule; shows an eval frame, never blames it", () => {
    const pk = "/home/u/w (2)/pk";
    const copied = packLoadError(
      thrown("boom", [`f (${pk}/lib/x.ts:5:6)`, `async ${pk}/policies/y.ts:1:1`]),
      pk,
    );
    expect(copied.output).to.deep.equal([
      `at f (${pk}/lib/x.ts:5:6)`,
      `at async ${pk}/policies/y.ts:1:1`,
    ]);
    expect(copied.location).to.deep.equal({ file: `${pk}/policies/y.ts`, line: 1 });
    const evaluated = packLoadError(
      thrown("boom", [
        `eval (eval at run (${pk}/policies/a.ts:1:2), <anonymous>:1:1)`,
        `run (${pk}/policies/a.ts:3:4)`,
      ]),
      pk,
    );
    expect(evaluated.output).to.deep.equal([
      `at eval (eval at run (${pk}/policies/a.ts:1:2), <anonymous>:1:1)`,
      `at run (${pk}/policies/a.ts:3:4)`,
    ]);
    expect(evaluated.location).to.deep.equal({ file: `${pk}/policies/a.ts`, line: 3 });
  });

  it("names a rule that does not compile at its first syntax error, not at its importer", function () {
    // In a process of its own, with the tools' TypeScript loader: a pack of a rule file with a
    // syntax error on line 3 and the area index that imports it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-load-syntax-"));
    try {
      const area = path.join(dir, "policies", "s3");
      fs.mkdirSync(area, { recursive: true });
      const rule = path.join(area, "bucket-policies.ts");
      fs.writeFileSync(rule, 'export const name = "ok";\n\nconst broken = ;\n');
      fs.writeFileSync(
        path.join(area, "index.ts"),
        '// the area\nexport * from "./bucket-policies";\n',
      );
      const script =
        `const t = require(${JSON.stringify(TS_REQUIRE)});\n` +
        `t.register(${JSON.stringify(ROOT)});\n` +
        `const { packLoadError } = require(${JSON.stringify(path.join(ROOT, "tools", "check", "pack-load.ts"))});\n` +
        `try { require(${JSON.stringify(path.join(area, "index.ts"))}); } catch (e) {\n` +
        `  const p = packLoadError(e, ${JSON.stringify(dir)});\n` +
        "  process.stdout.write(JSON.stringify({ first: p.lines[0], location: p.location }));\n" +
        "}\n";
      const out = JSON.parse(
        execFileSync(process.execPath, ["-e", script], {
          cwd: dir,
          encoding: "utf8",
          env: { ...process.env, OFFLINE_CHECK_NO_CACHE: "1", NODE_OPTIONS: "" },
        }),
      );
      expect(out.location).to.deep.equal({ file: rule, line: 3 });
      expect(out.first).to.match(
        /failed to load: policies\/s3\/bucket-policies\.ts:3:16: Error: TypeScript syntax error:/,
      );
      expect(out.first).to.not.contain("index.ts");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes a syntax error's place only inside the pack, else the first frame of a rule", () => {
    const outside = Object.assign(
      thrown("TypeScript syntax error:", [`Object.<anonymous> (${AREA}:18:1)`]),
      {
        location: { file: path.join(ROOT, "tools", "x.ts"), line: 2, column: 1 },
      },
    );
    expect(packLoadError(outside, PACK).location).to.deep.equal({ file: AREA, line: 18 });
    const inside = Object.assign(
      thrown("TypeScript syntax error:", [`Object.<anonymous> (${AREA}:18:1)`]),
      {
        location: { file: RULE, line: 26, column: 16 },
      },
    );
    expect(packLoadError(inside, PACK).location).to.deep.equal({ file: RULE, line: 26 });
    expect(packLoadError(inside, PACK).lines[0]).to.contain(
      `${path.relative(process.cwd(), RULE)}:26:16: `,
    );
  });

  it("names the rule from what a pack process that failed to start printed", () => {
    // ts-node's compile error names the file relative to the pack folder, the process's cwd.
    const syntax = [
      "error: [runtime] Running program '/p' failed with an unhandled exception:",
      "TSError: ⨯ Unable to compile TypeScript:",
      "policies/kms/keys.ts(26,16): error TS1109: Expression expected.",
      `at Object.<anonymous> (${AREA}:18:1)`,
    ];
    expect(packOutputPlace(syntax, PACK)).to.deep.equal({ file: RULE, line: 26, column: 16 });
    const thrownThere = [
      "Error: boom",
      `    at helper (${path.join(PACK, "node_modules", "x", "index.js")}:1:1)`,
      `    at assertMetadata (${HELPER}:40:11)`,
      `    at Object.<anonymous> (${RULE}:21:35)`,
      `    at Object.<anonymous> (${AREA}:18:1)`,
    ];
    expect(packOutputPlace(thrownThere, PACK)).to.deep.equal({ file: RULE, line: 21, column: 35 });
    expect(packOutputPlace([thrownThere[0], thrownThere[2]], PACK)).to.deep.include({
      file: HELPER,
      line: 40,
    });
    expect(packOutputPlace(["Error: boom", "    at x (/elsewhere/a.js:1:1)"], PACK)).to.equal(
      undefined,
    );
  });

  it("maps a frame of a file the check's TypeScript cache compiled to its TypeScript line", function () {
    // In a process of its own: the tools' loader (tools/lib/ts-require.js) is not this one's.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-load-lines-"));
    try {
      const file = path.join(dir, "rule.ts");
      // Line 4 throws; the compiled JavaScript puts it further down (its CommonJS preamble).
      fs.writeFileSync(
        file,
        'import * as path from "path";\nexport const name: string = path.sep;\n\n' +
          "export const broken = (undefined as unknown as { x: string }).x.length;\n",
      );
      const script =
        `const t = require(${JSON.stringify(TS_REQUIRE)});\n` +
        `t.register(${JSON.stringify(ROOT)});\n` +
        `try { require(${JSON.stringify(file)}); } catch (e) {\n` +
        "  const m = /\\((.*):(\\d+):(\\d+)\\)/.exec(e.stack.split('\\n')[1]);\n" +
        "  const at = t.sourcePosition(m[1], Number(m[2]), Number(m[3]));\n" +
        "  process.stdout.write(JSON.stringify({ js: Number(m[2]), at }));\n" +
        "}\n";
      const out = JSON.parse(
        execFileSync(process.execPath, ["-e", script], {
          encoding: "utf8",
          env: { ...process.env, OFFLINE_CHECK_NO_CACHE: "1", NODE_OPTIONS: "" },
        }),
      );
      expect(out.js, "the compiled line differs, or this proves nothing").to.not.equal(4);
      expect(out.at).to.deep.include({ line: 4 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
