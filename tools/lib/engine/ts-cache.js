// Item 3 of ./child-preload.js: with OFFLINE_TS_CACHE set, the function ts-node transpiles each
// file with when it does not type-check (its own `createTsTranspileModule` for TypeScript >= 4.7,
// TypeScript's `transpileModule` before) is memoized on disk, keyed by the TypeScript version, the
// file name, the compiler options, the module kind and the source text. A result with diagnostics
// is never cached, so errors are reported exactly as without the cache.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { writeEntry } = require("./cache-folder");

const TYPESCRIPT = path.join("typescript", "lib", "typescript.js");
const TS_NODE_TRANSPILE = path.join("ts-node", "dist", "ts-transpile-module.js");
const tsCache = process.env.OFFLINE_TS_CACHE;

/** Memoizes `fn(input, options, ...rest)` → `{ outputText, sourceMapText, diagnostics }`. */
function memoized(fn, version, fixedOptions) {
  return function transpile(input, options, ...rest) {
    if ((options && options.transformers) || (fixedOptions && fixedOptions.transformers)) {
      return fn.call(this, input, options, ...rest);
    }
    const key = crypto
      .createHash("sha256")
      .update(`${version}\0${options && options.fileName}\0${JSON.stringify(rest)}\0`)
      .update(String(JSON.stringify(options && options.compilerOptions)))
      .update(String(JSON.stringify(fixedOptions && fixedOptions.compilerOptions)))
      .update("\0")
      .update(input)
      .digest("hex");
    const file = path.join(tsCache, `${key}.json`);
    try {
      const hit = JSON.parse(fs.readFileSync(file, "utf8"));
      return { outputText: hit.outputText, sourceMapText: hit.sourceMapText, diagnostics: [] };
    } catch {
      // not cached yet
    }
    const result = fn.call(this, input, options, ...rest);
    if (!result.diagnostics || result.diagnostics.length === 0) {
      try {
        writeEntry(
          file,
          JSON.stringify({ outputText: result.outputText, sourceMapText: result.sourceMapText }),
        );
      } catch {
        // a read-only cache costs speed, nothing else
      }
    }
    return result;
  };
}

function cacheDirReady() {
  if (!tsCache) return false;
  try {
    fs.mkdirSync(tsCache, { recursive: true });
    return true;
  } catch {
    return false;
  }
}

/** ts-node's own transpiler (TypeScript >= 4.7). */
function cacheTsNodeTranspile(exports) {
  const create = exports.createTsTranspileModule;
  if (typeof create !== "function" || !cacheDirReady()) return;
  exports.createTsTranspileModule = function (ts, transpileOptions) {
    return memoized(create.call(this, ts, transpileOptions), ts.version, transpileOptions);
  };
}

/**
 * TypeScript's exports are read-only getters, so the module's exports are replaced by a proxy
 * that answers `transpileModule` with the memoized function and everything else as before.
 */
function cacheTranspile(module) {
  const ts = module.exports;
  const original = ts && ts.transpileModule;
  if (typeof original !== "function" || !cacheDirReady()) return;
  const transpileModule = memoized(original, ts.version);
  module.exports = new Proxy(ts, {
    get: (target, key, receiver) =>
      key === "transpileModule" ? transpileModule : Reflect.get(target, key, receiver),
  });
}

module.exports = { TYPESCRIPT, TS_NODE_TRANSPILE, cacheTranspile, cacheTsNodeTranspile };
