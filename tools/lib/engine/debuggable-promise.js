// The SDK wraps every promise it creates in `debuggablePromise` (runtime/debuggable.js), which
// stores `new Error().stack` for a leak report printed only when PULUMI_DEBUG_PROMISE_LEAKS is set;
// capturing and source-mapping those stacks is most of a mock run's cost. Plain JavaScript with no
// dependencies, so that both the language host's preload (./child-preload.js, loaded with
// `node --require` into the program's process) and the mock-runtime recorder (../recorder.ts)
// require it.
"use strict";

/**
 * Makes the SDK's `debuggablePromise` run with a stack-trace limit of 0: the same bookkeeping, no
 * stack. The caller decides whether leak debugging asks for the stacks.
 * @param {{ debuggablePromise?: unknown }} exports the SDK's `runtime/debuggable` module
 * @returns {boolean} false, with nothing changed, when the module has no such function
 */
function lightenDebuggablePromise(exports) {
  const original = exports.debuggablePromise;
  if (typeof original !== "function") return false;
  exports.debuggablePromise = function debuggablePromise(p, ctx) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return original.call(this, p, ctx);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  return true;
}

module.exports = { lightenDebuggablePromise };
