// Where the program preload (./child-preload.js) sees each CommonJS module once it has run, to
// change what it exports (the SDK's resource, config and settings modules, the host's
// source-map-support, TypeScript's transpiler...).
//
// Two places, because a loader may replace either without calling what it replaced:
// - `Module._extensions[".js"]`, Node's handler of `.js` files, which a loader the program's
//   nodeargs register replaces with its own: tsx 4 (`--import tsx`) reads each file itself and
//   calls `module._compile` without the handler it replaced (dist/register-*.cjs);
// - `Module.prototype._compile`, the step every CommonJS loader ends in (tsx's among them), which
//   v8-compile-cache-lib replaces with a compile of its own while ts-node 10 loads TypeScript
//   (ts-node dist/util.js `attemptRequireWithV8CompileCache`).
// A module both see is handled once, by the first to finish (`_compile`, which runs inside the
// handler). The code cache's `_compile` (./code-cache.js), installed before, runs inside this one.
//
// A dependency that throws while Node evaluates it (a package written for a newer Node, a missing
// native binding) fails inside Node's loader, whose frames and these hooks fill the 10 frames V8
// records by default (Error.stackTraceLimit, https://v8.dev/docs/stack-trace-api): the program's
// import that led there was cut off, and the report could name no line of the program. While a
// module under node_modules evaluates, errors record more frames; the program's own code keeps
// the default (and ./debuggable-promise.js its zero).
"use strict";
const Module = require("module");
const path = require("path");

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
const LOADING_STACK_LIMIT = 100;

/**
 * Runs `load` with the deeper stack-trace limit when `filename` is under node_modules.
 * @param {unknown} filename
 * @param {() => unknown} load
 */
function loading(filename, load) {
  const limit = Error.stackTraceLimit;
  const deeper =
    typeof filename === "string" && filename.includes(NODE_MODULES) && limit < LOADING_STACK_LIMIT;
  if (deeper) Error.stackTraceLimit = LOADING_STACK_LIMIT;
  try {
    return load();
  } finally {
    if (deeper) Error.stackTraceLimit = limit;
  }
}

/**
 * From now on, `afterLoad(module, filename)` runs once for each CommonJS module, after it ran.
 * @param {(module: any, filename: string) => void} afterLoad
 */
function hookModuleLoads(afterLoad) {
  const handled = new WeakSet();
  const once = (module, filename) => {
    if (!module || typeof module !== "object" || typeof filename !== "string") return;
    if (handled.has(module)) return;
    handled.add(module);
    afterLoad(module, filename);
  };

  const loadJs = Module._extensions[".js"];
  Module._extensions[".js"] = function (module, filename) {
    const result = loading(filename, () => loadJs.apply(this, arguments));
    once(module, filename);
    return result;
  };

  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    const result = loading(filename, () => compile.apply(this, arguments));
    once(this, filename);
    return result;
  };
}

module.exports = { hookModuleLoads };
