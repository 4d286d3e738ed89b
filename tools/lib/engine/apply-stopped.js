// The program's preload (./child-preload.js item 19): the first error that ends the program
// outside any `apply`, recorded with what an offline run lacks that it failed on.
//
// Records the first error that reaches the language host's own handlers (`uncaughtException`,
// `unhandledRejection`: cmd/run/index.js and run.js install them and report the program's failure
// there) under the token `apply-stopped`, with its offline cause (./offline-cause.js
// `offlineFailure`, the same classification as inside an `apply`, through the `cause` and the
// AggregateError `errors` of an error the program threw in its place), its first line and the
// program's line in its stack. In the apply phase, a failure outside any `apply` (the program's top
// level, the body of its main function: an invoke whose argument is known only at apply, a command
// it runs once a lookup answers) ends the program; the report keeps what the apply phase
// registered before it when it is one of those causes. In the preview phase the record names the
// offline failure behind an error the program threw itself (./diagnose.ts). Only the first is
// recorded: the host reports that one. Installed once the host has its own handlers (after
// cmd/run/index.js ran), so a listener here never keeps an error from ending the process.
//
// An error thrown by the program's own code (the first frame of its stack is the program's) is
// never classified by the commands that failed earlier in the run: its message may name one (`git
// has no release tag`), but `pulumi up` stops on it on any machine. Only a dependency's error that
// names such a command (docker-classic's "No 'docker' command available") is that command's.
"use strict";
const path = require("path");
const { frameOf } = require("./frame-of");
const { describeFailure, offlineFailure, watchChildProcesses } = require("./offline-cause");

/** The token of the record `recordStop` writes. */
const STOP_TOKEN = "apply-stopped";

/** True when the first frame of a file in `stack` is `site` (the program's line in it). */
function thrownAt(stack, site) {
  if (!site) return false;
  for (const line of String(stack).split("\n").slice(1)) {
    const f = frameOf(line);
    if (!f || !path.isAbsolute(f.file)) continue;
    return f.file === site.file && f.line === site.line && f.column === site.column;
  }
  return false;
}

let stopRecorded = false;
/**
 * Installs the listeners that record the first error (see above); once per process. `watch`:
 * whether failed child processes are watched too (the apply phase, ./apply-unknowns.js does).
 */
function recordStop(append, programFrame, { watch = true } = {}) {
  if (stopRecorded) return;
  stopRecorded = true;
  if (watch) watchChildProcesses();
  let first = true;
  const stackOf = (e) => String((e && e.stack) ?? "");
  // The program's own throw: no failed command's name makes it one of the causes.
  const failedFor = (e) => (thrownAt(stackOf(e), programFrame(stackOf(e))) ? new Set() : undefined);
  const listener = (e) => {
    if (!first) return;
    first = false;
    try {
      append({
        token: STOP_TOKEN,
        ...describeFailure(e, offlineFailure(e, failedFor), programFrame),
      });
    } catch {
      // the report then treats the failure as before
    }
  };
  process.on("uncaughtException", listener);
  process.on("unhandledRejection", listener);
}

module.exports = { recordStop, APPLY_STOPPED_TOKEN: STOP_TOKEN };
