// The SDK sends every debug message to the engine as a Log RPC (`log.debug`, log/index.js): three
// per resource from runtime/resource.js alone ("Registering resource", "RegisterResource RPC
// prepared", "RegisterResource RPC finished"), queued one after another (each waits for the
// previous one's answer), and the program does not exit before the queue is empty. `pulumi
// preview` shows them only with `--debug` or `-v` (https://www.pulumi.com/docs/iac/cli/commands/pulumi_preview/);
// the offline check never reports debug messages (only warnings, errors and info), so for it they
// are round trips that cost the program and the engine CPU, and the run its tail: on a 10,000-
// resource program some 30,000 calls in a row.
//
// `quietDebugLogs` makes the SDK's `debug` answer as a delivered message does (a resolved promise),
// without the RPC, while the program is connected to an engine. Only for the shape verified here:
// the stock function (it asks `getEngine()` and logs at `LogSeverity.DEBUG`), next to `info`,
// `warn` and `error`, in an SDK of major version 3; any other shape keeps the stock path. Plain
// JavaScript with no dependencies: the language host's preload (./child-preload.js) requires it.
"use strict";
const fs = require("fs");
const path = require("path");

/**
 * The SDK version of a `log/index.js` file (its package's `version`), or undefined.
 * @param {string} filename
 */
function sdkVersion(filename) {
  try {
    const pkg = path.join(path.dirname(filename), "..", "package.json");
    const json = JSON.parse(fs.readFileSync(pkg, "utf8"));
    return json.name === "@pulumi/pulumi" ? String(json.version) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `exports` is the SDK's log module as verified: a writable stock `debug` that sends to
 * the engine, and the other severities beside it.
 * @param {Record<string, unknown>} exports
 * @param {string} filename
 */
function verifiedShape(exports, filename) {
  const version = sdkVersion(filename);
  if (!version || !/^3\.\d+\.\d+/.test(version)) return false;
  const debug = exports.debug;
  const own = Object.getOwnPropertyDescriptor(exports, "debug");
  if (typeof debug !== "function" || !own || !own.writable) return false;
  if (!["info", "warn", "error"].every((k) => typeof exports[k] === "function")) return false;
  const text = Function.prototype.toString.call(debug);
  return text.includes("getEngine()") && text.includes("LogSeverity.DEBUG");
}

/**
 * Lets the SDK's `log.debug` skip the engine's Log RPC while an engine is connected (see above).
 * @param {Record<string, unknown>} exports the SDK's `log/index.js` module
 * @param {string} filename its file, to find the SDK's version and `runtime/settings.js`
 * @returns {boolean} false, with nothing changed, when the module is not the verified shape
 */
function quietDebugLogs(exports, filename) {
  if (!verifiedShape(exports, filename)) return false;
  let settings;
  try {
    // The module log/index.js itself loads (the same instance; it may still be loading).
    settings = require(path.join(path.dirname(filename), "..", "runtime", "settings.js"));
  } catch {
    return false;
  }
  const original = /** @type {Function} */ (exports.debug);
  exports.debug = function debug() {
    // Without an engine the stock function prints (PULUMI_EXCESSIVE_DEBUG_OUTPUT) or does nothing.
    const getEngine = settings && settings.getEngine;
    if (typeof getEngine !== "function" || !getEngine()) return original.apply(this, arguments);
    return Promise.resolve();
  };
  return true;
}

module.exports = { quietDebugLogs };
