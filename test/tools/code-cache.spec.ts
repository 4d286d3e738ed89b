// The program process's preload compiles every module under node_modules, and the program's
// compiled TypeScript, with V8's code cache (tools/lib/engine/child-preload.js,
// OFFLINE_CODE_CACHE). What a module sees of how it was loaded must not change: this runs one probe
// module without the cache, with a cold cache and with a warm one, and compares its `this`,
// arguments, `require`, its own frame and function text. What does change: the frames below a
// module running as it loads are the cache's (`compileWithCodeCache`, `Module._compile` in
// code-cache.js) where Node's own `Module._compile` stood; the check's reports never name them.
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import { Module } from "module";
import * as os from "os";
import * as path from "path";

import { codeCache, makeProject, PRELOAD, run } from "./code-cache-fixture";
import { writeFiles } from "./files";

/**
 * A new temporary folder by its real path: Node names a module by its real path (symbolic links
 * resolved, https://nodejs.org/api/modules.html#caching), so frames compared with this folder's
 * paths match where the temporary folder is reached through a link (TMPDIR, /tmp on macOS).
 */
function realTempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

describe("program process: V8 code cache for node_modules and compiled TypeScript", function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = makeProject();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a module sees the same loading with no cache, a cold cache and a warm one", () => {
    const cache = path.join(dir, "cache");
    const plain = run(dir);
    expect(plain.esm).to.equal("esm");
    expect(plain.thisIsExports).to.equal(true);
    expect(plain.frame).to.include(path.join("node_modules", "probe", "index.js"));
    const cold = run(dir, cache);
    const entries = fs.readdirSync(cache).filter((f) => f.endsWith(".v8"));
    expect(entries.length, "probe and helper are cached, not the dynamic importer").to.equal(2);
    const warm = run(dir, cache);
    expect(cold).to.deep.equal(plain);
    expect(warm).to.deep.equal(plain);
  });

  it("an ES module that CommonJS code requires (a module-sync export) loads as Node loads it", () => {
    // The shape of async-function 1.0, which axios pulls in through get-intrinsic: its export
    // map's "module-sync" condition resolves to an .mjs file on Node 20.19 and 22.12 on.
    const esmDir = fs.mkdtempSync(path.join(os.tmpdir(), "code-cache-esm-"));
    try {
      writeFiles(esmDir, {
        "node_modules/sync-esm/package.json": JSON.stringify({
          name: "sync-esm",
          main: "./legacy.js",
          exports: {
            ".": [{ "module-sync": "./require.mjs", default: "./legacy.js" }, "./legacy.js"],
          },
        }),
        "node_modules/sync-esm/require.mjs":
          "import value from './value.mjs';\nexport default value;\n",
        "node_modules/sync-esm/value.mjs": "export default 'from-esm';\n",
        "node_modules/sync-esm/legacy.js": "module.exports = 'from-cjs';\n",
        "main.js":
          "const m = require('sync-esm');\n" +
          "process.stdout.write(JSON.stringify({ value: m.default ?? m }));\n",
      });
      const plain = run(esmDir);
      expect(run(esmDir, path.join(esmDir, "cache"))).to.deep.equal(plain);
      expect(run(esmDir, path.join(esmDir, "cache"))).to.deep.equal(plain);
    } finally {
      fs.rmSync(esmDir, { recursive: true, force: true });
    }
  });

  it("a changed module gets a new entry, and its new text runs", () => {
    const cache = path.join(dir, "cache-2");
    const entries = () => fs.readdirSync(cache).filter((f) => f.endsWith(".v8"));
    run(dir, cache);
    const before = entries().length;
    const helper = path.join(dir, "node_modules", "probe", "helper.js");
    fs.writeFileSync(helper, "exports.value = 'changed';\n");
    expect(run(dir, cache).helper).to.equal("changed");
    expect(entries().length).to.equal(before + 1);
  });

  it("a process with other V8 flags keeps its own entries instead of rewriting the others'", () => {
    // V8 rejects code cached under other flags (`--max-semi-space-size` among them).
    const cache = path.join(dir, "cache-3");
    const entries = () => fs.readdirSync(cache).filter((f) => f.endsWith(".v8"));
    const plain = run(dir, cache);
    const first = new Map(entries().map((f) => [f, fs.statSync(path.join(cache, f)).mtimeMs]));
    expect(run(dir, cache, ["--max-semi-space-size=32"])).to.deep.equal(plain);
    expect(entries()).to.have.length(first.size * 2);
    run(dir, cache);
    for (const [f, mtime] of first) {
      expect(fs.statSync(path.join(cache, f)).mtimeMs, f).to.equal(mtime);
    }
  });

  it("a run under Node's CPU profiler uses the entries of an ordinary run, and V8 takes them", () => {
    // OFFLINE_CHILD_PROF starts the program's and the pack's processes with `--cpu-prof` and a
    // profile folder: they must profile a warm run, not compile every module cold again.
    const cache = path.join(dir, "cache-prof");
    const entries = () => fs.readdirSync(cache).filter((f) => f.endsWith(".v8"));
    const plain = run(dir, cache);
    // An entry V8 rejected would be written again: a new file (written aside, then renamed).
    const kept = new Map(entries().map((f) => [f, fs.statSync(path.join(cache, f)).ino]));
    const profiles = path.join(dir, "profiles");
    expect(run(dir, cache, ["--cpu-prof", `--cpu-prof-dir=${profiles}`])).to.deep.equal(plain);
    expect(run(dir, cache, ["--cpu-prof", "--cpu-prof-dir", profiles])).to.deep.equal(plain);
    expect(fs.readdirSync(profiles).filter((f) => f.endsWith(".cpuprofile"))).to.have.length(2);
    expect(entries()).to.have.members([...kept.keys()]);
    for (const [f, ino] of kept) expect(fs.statSync(path.join(cache, f)).ino, f).to.equal(ino);
  });

  it("leaves out only the profiler's options from what keys an entry", () => {
    const { withoutProfilerOptions } = codeCache();
    expect(
      withoutProfilerOptions([
        "--cpu-prof",
        "--cpu-prof-dir=/p",
        "--max-semi-space-size=32",
        "--cpu-prof-dir",
        "/q",
        "--cpu-prof-name=x.cpuprofile",
        "--cpu-prof-interval",
        "100",
        "--require",
        "/r.js",
      ]),
    ).to.deep.equal(["--max-semi-space-size=32", "--require", "/r.js"]);
    expect(withoutProfilerOptions(["--heap-prof", "--cpu-profiler-x"])).to.deep.equal([
      "--heap-prof",
      "--cpu-profiler-x",
    ]);
    expect(withoutProfilerOptions([""])).to.deep.equal([""]);
  });

  it("a module that changes V8's flags as it loads is kept under the flags it compiles with", () => {
    // The SDK's runtime/closure/v8Hooks.js sets --allow-natives-syntax when it loads: code cached
    // after it ran was rejected by the next run, so it (and what required it) compiled cold each time.
    const flagsDir = fs.mkdtempSync(path.join(os.tmpdir(), "code-cache-flags-"));
    try {
      writeFiles(flagsDir, {
        "node_modules/flags/package.json": JSON.stringify({ name: "flags" }),
        "node_modules/flags/index.js":
          "module.exports = require('./hooks').value + ':' + require('./after').value;\n",
        "node_modules/flags/hooks.js":
          "require('v8').setFlagsFromString('--allow-natives-syntax');\n" +
          "exports.value = typeof eval('(function f() { return %GetOptimizationStatus(f); })');\n",
        "node_modules/flags/after.js": "exports.value = 'after';\n",
        "main.js": "process.stdout.write(JSON.stringify({ value: require('flags') }));\n",
      });
      const cache = path.join(flagsDir, "cache");
      const written = () =>
        new Map(
          fs
            .readdirSync(cache)
            .filter((f) => f.endsWith(".v8"))
            .map((f) => [f, fs.statSync(path.join(cache, f)).mtimeMs]),
        );
      const plain = run(flagsDir);
      expect(plain).to.deep.equal({ value: "function:after" });
      expect(run(flagsDir, cache)).to.deep.equal(plain);
      expect(run(flagsDir, cache)).to.deep.equal(plain); // rewrites what the first run could not keep
      const settled = written();
      expect(settled.size).to.equal(3);
      expect(run(flagsDir, cache)).to.deep.equal(plain);
      expect(run(flagsDir, cache)).to.deep.equal(plain);
      expect(written(), "no entry rejected and written again").to.deep.equal(settled);
    } finally {
      fs.rmSync(flagsDir, { recursive: true, force: true });
    }
  });

  it("compiled TypeScript outside node_modules is cached when its first line is the strict directive", () => {
    // The tools' files (tools/lib/ts-require.js), the policy pack's and a program's (ts-node) reach
    // Node's compile as CommonJS text under a .ts name; here a loader that hands over the text as is.
    const tsDir = realTempDir("code-cache-ts-");
    try {
      const probe = (name: string, firstLine: string) =>
        fs.writeFileSync(
          path.join(tsDir, name),
          `${firstLine}\nexports.seen = { frame: new Error("where").stack.split("\\n")[1].trim(), ` +
            `source: function sample(a) { return a + 1; }.toString(), file: __filename };\n`,
        );
      probe("strict.ts", '"use strict";');
      // Code on the first line: compiled through vm, Node's wrapper would shift its columns.
      probe("loose.ts", 'exports.first = new Error("first").stack.split("\\n")[1].trim();');
      fs.writeFileSync(path.join(tsDir, "plain.js"), '"use strict";\nexports.value = 1;\n');
      // Compiled TypeScript that imports dynamically (a program loading an ES module): left to
      // Node, as a script compiled through vm has no dynamic-import callback on Node 20.
      fs.writeFileSync(path.join(tsDir, "esm.mjs"), "export const value = 'esm';\n");
      fs.writeFileSync(
        path.join(tsDir, "dynamic.ts"),
        '"use strict";\nmodule.exports = import("./esm.mjs");\n',
      );
      fs.writeFileSync(
        path.join(tsDir, "main.js"),
        'require.extensions[".ts"] = require.extensions[".js"];\n' +
          "require('./dynamic.ts').then((esm) => process.stdout.write(JSON.stringify({ " +
          "strict: require('./strict.ts').seen, loose: require('./loose.ts'), " +
          "plain: require('./plain.js').value, esm: esm.value })));\n",
      );
      const cache = path.join(tsDir, "cache");
      const entries = () => fs.readdirSync(cache).filter((f) => f.endsWith(".v8"));
      const plain = run(tsDir);
      expect(plain.esm).to.equal("esm");
      expect(run(tsDir, cache)).to.deep.equal(plain);
      expect(
        entries(),
        "strict.ts only: not loose.ts, not dynamic.ts, not a .js file outside node_modules",
      ).to.have.length(1);
      expect(run(tsDir, cache)).to.deep.equal(plain);
      // With Node keeping source maps, it must read each module's map as it compiles it.
      const withMaps = path.join(tsDir, "cache-maps");
      expect(run(tsDir, withMaps, ["--enable-source-maps"])).to.deep.equal(plain);
      expect(fs.existsSync(withMaps) ? fs.readdirSync(withMaps) : []).to.deep.equal([]);
      // A changed file runs its new text (its frame a line lower), from an entry of its own.
      probe("strict.ts", '"use strict";\nexports.changed = true;');
      const changed = run(tsDir, cache).strict as Record<string, string>;
      expect(changed.frame).to.contain(`${path.join(tsDir, "strict.ts")}:3:`);
      expect(entries()).to.have.length(2);
    } finally {
      fs.rmSync(tsDir, { recursive: true, force: true });
    }
  });

  it("the cache's frames below a module running as it loads are never reported as the program's", () => {
    // A package that connects out as it loads: the check names the program's line that required
    // it, skipping the package's frames and the cache's compile (code-cache.js) under them.
    const netDir = realTempDir("code-cache-frames-");
    try {
      writeFiles(netDir, {
        "node_modules/connects/package.json": JSON.stringify({ name: "connects" }),
        "node_modules/connects/index.js":
          "const s = require('net').connect(9, '192.0.2.1');\ns.on('error', () => {});\ns.destroy();\n",
        "main.js": "\nrequire('connects');\n",
      });
      const sites = path.join(netDir, "sites.jsonl");
      const env = {
        ...process.env,
        OFFLINE_CODE_CACHE: path.join(netDir, "cache"),
        OFFLINE_INVOKE_SITES: sites,
      };
      for (const pass of ["cold", "warm"]) {
        fs.rmSync(sites, { force: true });
        execFileSync(process.execPath, ["-r", PRELOAD, "main.js"], { cwd: netDir, env });
        const records = fs
          .readFileSync(sites, "utf8")
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as Record<string, unknown>)
          .filter((r) => r.token === "network");
        expect(records, pass).to.have.length(1);
        expect(records[0], pass).to.include({ file: path.join(netDir, "main.js"), line: 2 });
      }
    } finally {
      fs.rmSync(netDir, { recursive: true, force: true });
    }
  });

  it("only CommonJS text is cached: raw TypeScript that Node strips of its types is left to Node", () => {
    // Node 22.18 and 23.6 on compile a .ts file as `_compile(rawTypeScript, file,
    // "commonjs-typescript")`; raw text that also parses as JavaScript would run unstripped.
    const proto = Module.prototype as unknown as { _compile: Compile };
    const original = proto._compile;
    const calls: unknown[][] = [];
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), "code-cache-format-"));
    try {
      proto._compile = function (...args: unknown[]) {
        calls.push(args.slice(1));
      };
      codeCache().installCodeCache(cache);
      const file = path.join(cache, "typed.ts");
      const raw =
        '"use strict";\nconst f = (s) => s; const string = 0;\nexports.v = f<string>("x");\n';
      for (const format of ["commonjs-typescript", "module-typescript", "typescript"]) {
        const mod = new Module(file);
        proto._compile.call(mod, raw, file, format);
        expect(mod.exports, format).to.deep.equal({});
      }
      expect(calls).to.deep.equal([
        [file, "commonjs-typescript"],
        [file, "module-typescript"],
        [file, "typescript"],
      ]);
      expect(fs.readdirSync(cache).filter((f) => f.endsWith(".v8"))).to.deep.equal([]);
      // The same text as CommonJS (no format, or "commonjs") is compiled through the cache.
      for (const format of [undefined, "commonjs"]) {
        const mod = new Module(file);
        proto._compile.call(mod, '"use strict";\nexports.v = 1;\n', file, format);
        expect(mod.exports, String(format)).to.deep.equal({ v: 1 });
      }
      expect(calls).to.have.length(3);
      expect(fs.readdirSync(cache).filter((f) => f.endsWith(".v8"))).to.have.length(1);
    } finally {
      proto._compile = original;
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });
});

type Compile = (this: unknown, ...args: unknown[]) => unknown;
