// Lets the language host's `source-map-support` map stack frames through the source maps Node
// keeps, before it reads a file's own from disk. Node keeps them once source maps are on: for an
// ES module program the preload turns them on (OFFLINE_ESM_SOURCE_MAPS: ts-node's ESM loader
// returns each module with an inline map, in another thread), and a loader the program's nodeargs
// register may turn them on itself (`--import tsx`: tsx 4's `register` calls
// `process.setSourceMapsEnabled(true)` and hands `module._compile` each file esbuild compiled,
// with an inline map, dist/register-*.cjs). Either way the file on disk (the `.ts` source) has no
// map, so without this a frame kept the compiled module's line: a resource made at line 6 of a
// CommonJS index.ts was reported at index.ts:2:944, where esbuild's one-line output put it.
"use strict";
const Module = require("module");
const path = require("path");
const url = require("url");

/**
 * The map Node keeps for a frame's file (a file URL for an ES module, a path for a CommonJS one),
 * its sources made paths, or null (none kept: source maps off, or a module compiled without one).
 * @param {unknown} source
 */
function nodeSourceMap(source) {
  if (typeof source !== "string") return null;
  if (!source.startsWith("file://") && !path.isAbsolute(source)) return null;
  let found;
  try {
    found = Module.findSourceMap(source);
  } catch {
    return null;
  }
  if (!found || !found.payload) return null;
  // Sources given as file URLs (tsx's and ts-node's ESM loader's) would be resolved as paths
  // relative to the module.
  const map = { ...found.payload };
  map.sources = (map.sources || []).map((s) =>
    typeof s === "string" && s.startsWith("file://") ? url.fileURLToPath(s) : s,
  );
  return { url: source, map };
}

/**
 * Installs nodeSourceMap in a `source-map-support` module's exports, ahead of its own reading.
 * @param {any} exports the module's exports
 */
function mapFramesThroughNode(exports) {
  if (typeof exports.install !== "function" || typeof Module.findSourceMap !== "function") return;
  exports.install({ handleUncaughtExceptions: false, retrieveSourceMap: nodeSourceMap });
}

module.exports = { mapFramesThroughNode, nodeSourceMap };
