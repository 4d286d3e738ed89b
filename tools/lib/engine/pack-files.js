// The files a policy pack's compiled code and catalogue depend on, which the caches of both the
// check (../../check/policy-types.ts: each policy's resource types) and the pack's own process
// (./pack-preload.js: the compile cache) fingerprint: every source file of the pack folder, and
// the lock files of that folder and every folder above it (the packages' versions). Plain
// JavaScript: the policy pack's preload requires it.
"use strict";
const fs = require("fs");
const path = require("path");

const SOURCE_EXTENSIONS = new Set([".ts", ".tsx", ".mts", ".cts", ".js", ".cjs", ".mjs", ".json"]);
const LOCK_FILES = ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml"];

/** Every source file of `dir`, node_modules and hidden folders left out, in a stable order. */
function packSources(dir, out = []) {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) packSources(full, out);
    else if (SOURCE_EXTENSIONS.has(path.extname(entry.name))) out.push(full);
  }
  return out;
}

/** Lock files of the folder and every folder above it, nearest first. */
function lockFiles(dir) {
  const out = [];
  for (let d = dir; ; d = path.dirname(d)) {
    for (const name of LOCK_FILES) {
      const f = path.join(d, name);
      if (fs.existsSync(f)) out.push(f);
    }
    if (path.dirname(d) === d) return out;
  }
}

module.exports = { lockFiles, packSources };
