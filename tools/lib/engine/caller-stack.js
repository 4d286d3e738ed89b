// The stack of a call, for the preloads that name the program's line of it (a config read, an
// Automation API call, a refused `pulumi` command, an invoke). `Error.captureStackTrace(holder, fn)`
// leaves out `fn` and every frame above it, and records at most `Error.stackTraceLimit` frames
// (https://v8.dev/docs/stack-trace-api): the limit is set to 30 for the capture alone and put back
// after it, so a program that lowers it (or the check's own short limit during a run) still leaves
// the program's frame in, and one that raises it gets 30 frames here all the same. callerSites
// reads the same capture as V8's structured frames instead of text.
"use strict";

const CALLER_FRAMES = 30;

/** The stack of the caller of `fn` (30 frames at most), for `programFrame` to pick the program's. */
function callerStack(fn) {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = CALLER_FRAMES;
  const holder = {};
  Error.captureStackTrace(holder, fn);
  Error.stackTraceLimit = limit;
  return holder.stack;
}

/**
 * What `read` makes of each of V8's structured frames (CallSite objects, unmapped:
 * https://v8.dev/docs/stack-trace-api) of the caller of `fn`, `limit` frames at most. The SDK's
 * and the program's own `Error.prepareStackTrace` and `Error.stackTraceLimit` are put back after
 * the capture, whatever happens; the stack is read before then, as V8 formats it on first read.
 */
function callerSites(fn, limit, read) {
  const prepare = Error.prepareStackTrace;
  const before = Error.stackTraceLimit;
  const holder = {};
  try {
    Error.prepareStackTrace = (_, sites) => sites.map(read);
    Error.stackTraceLimit = limit;
    Error.captureStackTrace(holder, fn);
    return Array.isArray(holder.stack) ? holder.stack : [];
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = before;
  }
}

module.exports = { callerStack, callerSites };
