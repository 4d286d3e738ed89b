// Loaded into the program's process ahead of the language host (`node --require` through
// NODE_OPTIONS, which the host's ESM detection does not look at: it checks `process.execArgv`).
// It changes nothing the program can observe; it makes the run cheaper and lets errors point at
// the program:
//
// 1. The SDK wraps every promise it creates in `debuggablePromise` (runtime/debuggable.js), which
//    stores `new Error().stack` for a leak report printed only when PULUMI_DEBUG_PROMISE_LEAKS is
//    set. Capturing and source-mapping that stack is most of a mock run's cost, so unless that
//    variable is set the function runs with a stack-trace limit of 0: same bookkeeping, no stack.
// 2. The first call site of each invoke token in the program's own files is written to the file
//    named by OFFLINE_INVOKE_SITES, so a failed invoke can be reported at the user's line (the SDK
//    sends no source position with invokes).
"use strict";
const Module = require("module");
const fs = require("fs");
const path = require("path");

const DEBUGGABLE = path.join("@pulumi", "pulumi", "runtime", "debuggable.js");
const INVOKE = path.join("@pulumi", "pulumi", "runtime", "invoke.js");
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
const sitesFile = process.env.OFFLINE_INVOKE_SITES;
const leakDebugging = !!process.env.PULUMI_DEBUG_PROMISE_LEAKS;
const seenTokens = new Set();

function lighten(exports) {
  const original = exports.debuggablePromise;
  if (typeof original !== "function" || leakDebugging) return;
  exports.debuggablePromise = function debuggablePromise(p, ctx) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return original.call(this, p, ctx);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
}

/** The first stack frame outside node_modules and Node's internals: the program's line. */
function programFrame(stack) {
  for (const line of String(stack).split("\n").slice(1)) {
    const m = /\(?((?:file:\/\/)?\/[^()]+?):(\d+):(\d+)\)?$/.exec(line.trim());
    if (!m) continue;
    const file = m[1].startsWith("file://") ? new URL(m[1]).pathname : m[1];
    if (file.includes(NODE_MODULES) || file === __filename) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

function recordSites(exports) {
  if (!sitesFile) return;
  for (const name of ["invoke", "invokeOutput", "invokeSingle", "invokeSingleOutput"]) {
    const original = exports[name];
    if (typeof original !== "function") continue;
    exports[name] = function (tok, ...rest) {
      if (typeof tok === "string" && !seenTokens.has(tok)) {
        seenTokens.add(tok);
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 30;
        const site = programFrame(new Error().stack);
        Error.stackTraceLimit = limit;
        if (site) {
          try {
            fs.appendFileSync(sitesFile, JSON.stringify({ token: tok, ...site }) + "\n");
          } catch {
            // the report loses a line number, nothing else
          }
        }
      }
      return original.call(this, tok, ...rest);
    };
  }
}

const loadJs = Module._extensions[".js"];
Module._extensions[".js"] = function (module, filename) {
  loadJs.call(this, module, filename);
  if (filename.endsWith(DEBUGGABLE)) lighten(module.exports);
  else if (filename.endsWith(INVOKE)) recordSites(module.exports);
};
