// ts-node's REPL loads when something reads it (tools/lib/engine/lazy-ts-node-repl.js), shown on the
// installed ts-node in a process of its own (a fresh module cache): registering and compiling load
// neither ts-node's `dist/repl.js` nor Node's `repl`, and `createRepl` is still the real function.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";

const LAZY = path.resolve(__dirname, "../../tools/lib/engine/lazy-ts-node-repl.js");

const PROBE = `
const path = require("path");
const defer = process.argv[1] === "defer";
if (defer) require(${JSON.stringify(LAZY)}).deferTsNodeRepl();
const tsnode = require("ts-node");
const dist = path.dirname(require.resolve("ts-node"));
const replLoaded = () => ({
  tsNode: Object.keys(require.cache).includes(path.join(dist, "repl.js")),
  node: process.moduleLoadList.includes("NativeModule repl"),
});
const service = tsnode.create({ transpileOnly: true, compilerOptions: { module: "commonjs" } });
const js = service.compile("const n: number = 1; export = n;", path.join(process.cwd(), "probe.ts"));
const before = replLoaded();
const createRepl = tsnode.createRepl;
const real = require(path.join(dist, "repl.js")).createRepl;
console.log(JSON.stringify({ before, compiled: /module\\.exports = n/.test(js), same: createRepl === real, type: typeof createRepl }));
`;

function probe(mode: "defer" | "plain") {
  const run = spawnSync(process.execPath, ["-e", PROBE, mode], {
    cwd: path.resolve(__dirname, "../.."),
    encoding: "utf8",
  });
  expect(run.status, run.stderr).to.equal(0);
  return JSON.parse(run.stdout);
}

describe("ts-node's REPL, loaded when something reads it", () => {
  it("is not loaded by registering and compiling, and createRepl is the real function", () => {
    expect(probe("defer")).to.deep.equal({
      before: { tsNode: false, node: false },
      compiled: true,
      same: true,
      type: "function",
    });
  });

  it("is loaded with ts-node without the deferral (what the deferral saves)", () => {
    expect(probe("plain").before).to.deep.equal({ tsNode: true, node: true });
  });
});
