// The program process's preload with V8's code cache (tools/lib/engine/child-preload.js,
// OFFLINE_CODE_CACHE), as ./code-cache.spec.ts and ./code-cache-folder.spec.ts run it: a probe
// package that reports everything it sees of how it was loaded.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeFiles } from "./files";

export const PRELOAD = path.resolve(
  __dirname,
  "..",
  "..",
  "tools",
  "lib",
  "engine",
  "child-preload.js",
);

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

/** A throwaway program (main.js) that loads the probe package and prints what it saw. */
export function makeProject(): string {
  return writeFiles(fs.mkdtempSync(path.join(os.tmpdir(), "code-cache-")), {
    "node_modules/probe/package.json": JSON.stringify({ name: "probe", main: "index.js" }),
    "node_modules/probe/index.js": PROBE,
    "node_modules/probe/helper.js": "exports.value = 'helper';\n",
    "node_modules/probe/esm.mjs": "export const value = 'esm';\n",
    // A module that imports dynamically, as the language host does to load an ES module program.
    "node_modules/probe/dynamic.js": "module.exports = import('./esm.mjs');\n",
    "main.js": "require('probe').then((seen) => process.stdout.write(JSON.stringify(seen)));\n",
  });
}

export function run(dir: string, cache?: string, nodeArgs: string[] = []): Record<string, unknown> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.OFFLINE_CODE_CACHE;
  if (cache) env.OFFLINE_CODE_CACHE = cache;
  const out = execFileSync(process.execPath, [...nodeArgs, "-r", PRELOAD, "main.js"], {
    cwd: dir,
    env,
  });
  return JSON.parse(out.toString("utf8")) as Record<string, unknown>;
}
/* eslint-disable @typescript-eslint/no-require-imports */
/** The code cache module the preload installs. */
export function codeCache(): {
  installCodeCache(dir: string): void;
  sweepCodeCache(dir: string, options?: Record<string, number>): number;
  withoutProfilerOptions(args: readonly string[]): string[];
} {
  return require(path.join(path.dirname(PRELOAD), "code-cache.js"));
}

/** The cache folder's entry helpers. */
export function cacheFolder(): {
  unseal(kept: Buffer): Buffer | undefined;
  keepNewest(dir: string, keep: number, suffix: string, maxAgeDays?: number): void;
  writeEntry(file: string, data: string | Buffer): void;
} {
  return require(path.join(path.dirname(PRELOAD), "cache-folder.js"));
}
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * An entry `name` of `bytes` in the cache folder `dir`, last used at `usedAt` (ms since the epoch);
 * returns the disk it takes, as the sweep counts it (its `stat` blocks, 512-byte units).
 */
export function cacheEntry(dir: string, name: string, usedAt: number, bytes = 100): number {
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.alloc(bytes, 1));
  const t = new Date(usedAt);
  fs.utimesSync(file, t, t);
  return fs.statSync(file).blocks * 512;
}
