#!/usr/bin/env node
// Runs one of this project's TypeScript tools: `node tools/run.js tools/check.ts [args...]`. The
// tool and everything it imports compile through the disk cache of ./lib/ts-require.js, so a run
// whose files are all cached starts without loading the TypeScript compiler, and the modules it
// loads from node_modules and the tools' compiled TypeScript compile from V8's code cache
// (./lib/engine/code-cache.js). The tool runs as the
// main module (`require.main === module`), with its own path as process.argv[1] and its arguments
// after it, as under ts-node.
"use strict";
const path = require("path");

const [script, ...args] = process.argv.slice(2);
if (!script) {
  process.stderr.write("usage: node tools/run.js <tool.ts> [args...]\n");
  process.exit(2);
}
const root = path.resolve(__dirname, "..");
// The modules under node_modules and the tools' compiled TypeScript compile from V8's code cache,
// where the program runs keep theirs.
const nodeModules = path.join(root, "node_modules");
if (!process.env.OFFLINE_CHECK_NO_CACHE && require("fs").existsSync(nodeModules)) {
  require("./lib/engine/code-cache").installCodeCache(
    path.join(nodeModules, ".cache", "offline-check", "v8"),
  );
}
// What the SDK needs only to package a callback function loads when one is (tools never do).
require("./lib/engine/lazy-closure-deps").deferClosurePackages();
require("./lib/ts-require").register(root);
process.argv = [process.argv[0], path.resolve(script), ...args];
require("module").runMain();
