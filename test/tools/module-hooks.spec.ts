// The program preload sees each CommonJS module once it has run (tools/lib/engine/module-hooks.js)
// whichever of Node's two loading steps a loader replaces without calling what it replaced: the
// `.js` handler (tsx 4's `--import tsx`) or `Module.prototype._compile` (v8-compile-cache-lib,
// which ts-node 10 installs while it loads TypeScript); and a module both steps see, once.
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const HOOKS = path.resolve(__dirname, "..", "..", "tools", "lib", "engine", "module-hooks.js");

/**
 * The base names of the files of `dir` `afterLoad` was called with, in order, as `script` (run in
 * `dir`) loads them.
 */
function modulesSeen(dir: string, script: string[]): string[] {
  const run = [
    'const fs = require("fs");',
    'const path = require("path");',
    'const Module = require("module");',
    "const seen = [];",
    `require(${JSON.stringify(HOOKS)}).hookModuleLoads((m, f) => {`,
    "  if (path.dirname(f) === process.cwd()) seen.push(path.basename(f));",
    "});",
    ...script,
    "process.stdout.write(JSON.stringify(seen));",
  ].join("\n");
  const out = execFileSync(process.execPath, ["-e", run], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, V8_COMPILE_CACHE_CACHE_DIR: path.join(dir, "v8cc") },
  });
  return JSON.parse(out);
}

describe("program preload: the module hooks", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "module-hooks-"));
    for (const name of ["plain.js", "compiled.js", "handled.js"])
      fs.writeFileSync(path.join(dir, name), `exports.name = ${JSON.stringify(name)};\n`);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a module loaded as Node loads it: seen once, though both steps see it", () => {
    expect(modulesSeen(dir, ['require("./plain.js");'])).to.deep.equal(["plain.js"]);
  });

  it("a _compile replaced without the one it replaced (v8-compile-cache-lib): still seen", () => {
    const seen = modulesSeen(dir, [
      "const hooked = Module.prototype._compile;",
      `const v8cc = require(${JSON.stringify(require.resolve("v8-compile-cache-lib"))}).install();`,
      'if (Module.prototype._compile === hooked) throw new Error("_compile not replaced");',
      'require("./compiled.js");',
      "v8cc.uninstall();",
    ]);
    expect(seen).to.deep.equal(["compiled.js"]);
  });

  it("a .js handler replaced without the one it replaced (tsx 4): still seen", () => {
    const seen = modulesSeen(dir, [
      'Module._extensions[".js"] = function (module, filename) {',
      '  module._compile(fs.readFileSync(filename, "utf8"), filename);',
      "};",
      'require("./handled.js");',
    ]);
    expect(seen).to.deep.equal(["handled.js"]);
  });
});
