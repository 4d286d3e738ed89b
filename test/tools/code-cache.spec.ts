// The program process's preload compiles every module under node_modules, and the program's
// compiled TypeScript, with V8's code cache (tools/lib/engine/child-preload.js, OFFLINE_CODE_CACHE). A module must not be able to tell: this
// runs one probe module without the cache, with a cold cache and with a warm one, and compares
// everything the module sees of how it was loaded.
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const PRELOAD = path.resolve(__dirname, "..", "..", "tools", "lib", "engine", "child-preload.js");

const PROBE = `"use strict";
const seen = {
  thisIsExports: this === module.exports,
  filename: __filename,
  dirname: __dirname,
  id: module.id,
  parent: module.parent && module.parent.filename,
  requireName: require.name,
  resolved: require.resolve("./helper"),
  lookupPaths: require.resolve.paths("anything").slice(0, 2),
  mainIsEntry: require.main === process.mainModule,
  extensions: require.extensions === require("module")._extensions,
  cache: Object.keys(require.cache).some((k) => k.endsWith("helper.js")),
  helper: require("./helper").value,
  frame: new Error("where").stack.split("\\n")[1].trim(),
  source: function sample(a) { return a + 1; }.toString(),
};
module.exports = require("./dynamic").then((m) => ({ ...seen, esm: m.value }));
`;

function makeProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "code-cache-"));
  const pkg = path.join(dir, "node_modules", "probe");
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(
    path.join(pkg, "package.json"),
    JSON.stringify({ name: "probe", main: "index.js" }),
  );
  fs.writeFileSync(path.join(pkg, "index.js"), PROBE);
  fs.writeFileSync(path.join(pkg, "helper.js"), "exports.value = 'helper';\n");
  fs.writeFileSync(path.join(pkg, "esm.mjs"), "export const value = 'esm';\n");
  // A module that imports dynamically, as the language host does to load an ES module program.
  fs.writeFileSync(path.join(pkg, "dynamic.js"), "module.exports = import('./esm.mjs');\n");
  fs.writeFileSync(
    path.join(dir, "main.js"),
    "require('probe').then((seen) => process.stdout.write(JSON.stringify(seen)));\n",
  );
  return dir;
}

function run(dir: string, cache?: string, nodeArgs: string[] = []): Record<string, unknown> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.OFFLINE_CODE_CACHE;
  if (cache) env.OFFLINE_CODE_CACHE = cache;
  const out = execFileSync(process.execPath, [...nodeArgs, "-r", PRELOAD, "main.js"], {
    cwd: dir,
    env,
  });
  return JSON.parse(out.toString("utf8")) as Record<string, unknown>;
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
      const pkg = path.join(esmDir, "node_modules", "sync-esm");
      fs.mkdirSync(pkg, { recursive: true });
      fs.writeFileSync(
        path.join(pkg, "package.json"),
        JSON.stringify({
          name: "sync-esm",
          main: "./legacy.js",
          exports: {
            ".": [{ "module-sync": "./require.mjs", default: "./legacy.js" }, "./legacy.js"],
          },
        }),
      );
      fs.writeFileSync(
        path.join(pkg, "require.mjs"),
        "import value from './value.mjs';\nexport default value;\n",
      );
      fs.writeFileSync(path.join(pkg, "value.mjs"), "export default 'from-esm';\n");
      fs.writeFileSync(path.join(pkg, "legacy.js"), "module.exports = 'from-cjs';\n");
      fs.writeFileSync(
        path.join(esmDir, "main.js"),
        "const m = require('sync-esm');\n" +
          "process.stdout.write(JSON.stringify({ value: m.default ?? m }));\n",
      );
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

  it("a module that changes V8's flags as it loads is kept under the flags it compiles with", () => {
    // The SDK's runtime/closure/v8Hooks.js sets --allow-natives-syntax when it loads: code cached
    // after it ran was rejected by the next run, so it (and what required it) compiled cold each time.
    const flagsDir = fs.mkdtempSync(path.join(os.tmpdir(), "code-cache-flags-"));
    try {
      const pkg = path.join(flagsDir, "node_modules", "flags");
      fs.mkdirSync(pkg, { recursive: true });
      fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "flags" }));
      fs.writeFileSync(
        path.join(pkg, "index.js"),
        "module.exports = require('./hooks').value + ':' + require('./after').value;\n",
      );
      fs.writeFileSync(
        path.join(pkg, "hooks.js"),
        "require('v8').setFlagsFromString('--allow-natives-syntax');\n" +
          "exports.value = typeof eval('(function f() { return %GetOptimizationStatus(f); })');\n",
      );
      fs.writeFileSync(path.join(pkg, "after.js"), "exports.value = 'after';\n");
      fs.writeFileSync(
        path.join(flagsDir, "main.js"),
        "process.stdout.write(JSON.stringify({ value: require('flags') }));\n",
      );
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
    const tsDir = fs.mkdtempSync(path.join(os.tmpdir(), "code-cache-ts-"));
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
      fs.writeFileSync(
        path.join(tsDir, "main.js"),
        'require.extensions[".ts"] = require.extensions[".js"];\n' +
          "process.stdout.write(JSON.stringify({ strict: require('./strict.ts').seen, " +
          "loose: require('./loose.ts'), plain: require('./plain.js').value }));\n",
      );
      const cache = path.join(tsDir, "cache");
      const entries = () => fs.readdirSync(cache).filter((f) => f.endsWith(".v8"));
      const plain = run(tsDir);
      expect(run(tsDir, cache)).to.deep.equal(plain);
      expect(
        entries(),
        "strict.ts only: not loose.ts, not a .js file outside node_modules",
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

  it("a sweep, once a day, removes entries unused for 30 days, then the oldest over the size cap", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { sweepCodeCache } = require(path.join(path.dirname(PRELOAD), "code-cache.js"));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "code-cache-sweep-"));
    try {
      const now = Date.now();
      const entry = (name: string, daysAgo: number, bytes: number) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, Buffer.alloc(bytes));
        const t = new Date(now - daysAgo * 86_400_000);
        fs.utimesSync(file, t, t);
      };
      entry("stale.v8", 40, 10);
      entry("old.v8", 20, 100);
      entry("recent.v8", 2, 100);
      entry("new.v8", 0, 100);
      entry("left.v8.123.tmp", 31, 5);
      fs.writeFileSync(path.join(dir, "notes.txt"), "not an entry");
      expect(sweepCodeCache(dir, { now, maxBytes: 250 })).to.equal(3);
      expect(fs.readdirSync(dir).sort()).to.deep.equal([
        ".swept",
        "new.v8",
        "notes.txt",
        "recent.v8",
      ]);
      // Swept less than a day ago: nothing is looked at, even over the cap.
      expect(sweepCodeCache(dir, { now, maxBytes: 0 })).to.equal(0);
      expect(fs.readdirSync(dir)).to.include("new.v8");
      expect(sweepCodeCache(dir, { now: now + 86_400_001, maxBytes: 0 })).to.equal(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
