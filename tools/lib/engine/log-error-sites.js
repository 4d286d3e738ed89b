// The program's preload (./child-preload.js): where `pulumi.log.error` is called, and whether the
// program's own code called it.
"use strict";
const path = require("path");
const { callerSites } = require("./caller-stack");

/** The token prefix of a `pulumi.log.error` call site (diagnose.ts `LOG_ERROR_SITE`). */
const LOG_ERROR_SITE = "log.error:";
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
/** This folder: the check's own frames. */
const ENGINE_DIR = __dirname + path.sep;

/**
 * Where the program's own code calls `pulumi.log.error`, recorded under the token
 * `log.error:<message>` (the first 200 characters): the engine's Log request carries the message
 * and at most a resource's URN, no source position, and the check fails a run that logs an error
 * (stricter than `pulumi preview`, which exits 0: pulumi/pulumi#5085), so the report points at
 * that call. `appendSite` appends a record, `programCallSite` gives the program's line of the call.
 */
function recordErrorLogSites(exports, appendSite, programCallSite) {
  const own = Object.getOwnPropertyDescriptor(exports, "error");
  if (typeof exports.error !== "function" || !own || !own.writable) return;
  const error = exports.error;
  exports.error = function logError(msg, resource) {
    // Given a resource, the error is the resource's (the engine shows it under that resource, and
    // the report places it at the resource's line); only an error of no resource gets the call.
    const site = resource === undefined ? programCallSite() : undefined;
    if (site && typeof msg === "string")
      appendSite({ token: `${LOG_ERROR_SITE}${msg.slice(0, 200)}`, ...site });
    // One the program's own code logs (its direct caller is the program's file, not a dependency's)
    // stays the program's even on a resource a failure left unknown at apply names (diagnose.ts
    // keeps it; a dependency's, its command's output, is that failure's), and fails the run as its own.
    if (typeof msg === "string") {
      const [caller] = callerSites(logError, 1, (c) => c.getFileName() || "");
      if (
        caller &&
        path.isAbsolute(caller) &&
        !caller.includes(NODE_MODULES) &&
        !caller.startsWith(ENGINE_DIR)
      )
        appendSite({
          token: `${LOG_ERROR_SITE}own:${msg.slice(0, 200)}`,
          file: caller,
          line: 0,
          column: 0,
        });
    }
    return error.apply(this, arguments);
  };
}

module.exports = { recordErrorLogSites };
