// Where code outside the SDK asks `pulumi.runtime.isDryRun()`. The check runs the program with
// `--dry-run` in both phases, as `pulumi preview` runs it, so the answer is always true, also in
// the apply phase. Telling the program "false" there would not make it `pulumi up`: with dry-run
// off, the SDK turns every value the engine leaves unknown into `undefined` and marks it known
// (@pulumi/pulumi runtime/rpc.ts `deserializeProperty`, `resolveProperties`; a StackReference's
// outputs, an output the offline engine does not model, a remote component's), so `apply`
// callbacks run on values that do not exist; and what programs guard with it is mostly what must
// not run outside a deployment (`aws s3 sync` through `execSync`, uploads, writing a private key
// to disk, calls to other APIs, waits for IAM to propagate). So the answer stays true, and each
// call site is recorded under the token `isDryRun` (file, line, column; a library's call at the
// program's line that led to it, with the library's file as `via`), for the report to say that
// what the program does only when it is false was neither run nor judged.
//
// The SDK's own calls (every resource registration makes some) are told apart by their immediate
// caller's file, read from V8's structured stack (CallSite `getFileName`, unmapped, one frame:
// https://v8.dev/docs/stack-trace-api), so they cost one short capture and are never recorded.
"use strict";
const fs = require("fs");
const path = require("path");
const { callerSites, callerStack } = require("./caller-stack");
const { frameOf, localPath } = require("./frame-of");

const TOKEN = "isDryRun";
/** Recorded call sites per run at most: enough to name them, never a flood. */
const MAX_SITES = 20;

/** The file of the function that called `fn`, unmapped (a path, or a `file://` URL for ESM). */
function immediateCallerFile(fn) {
  const [file] = callerSites(fn, 1, (site) => site.getFileName());
  return file || undefined;
}

/**
 * Where the function that called `fn` is, unmapped: its file (a path), line and column as Node
 * loaded them.
 */
function immediateCallerPlace(fn) {
  const [place] = callerSites(fn, 1, (site) => ({
    file: site.getFileName(),
    line: site.getLineNumber(),
    column: site.getColumnNumber(),
  }));
  if (!place || !place.file || !place.line) return undefined;
  const file = localPath(place.file);
  if (file === undefined) return undefined;
  return { file, line: place.line, column: place.column ?? 0 };
}

/**
 * The frame `frame` (as the stack printed it, through source maps) of the function that called
 * `fn`, or where that function is unmapped when the map names a file that is not there: a
 * published package whose map points at its build layout (@pulumi/eks 0.x ships cluster.js with
 * `"sources": ["../cluster.ts"]`, a file beside the package that nothing installs).
 */
function existingFrame(frame, fn) {
  if (!frame || fs.existsSync(frame.file)) return frame;
  return immediateCallerPlace(fn) ?? frame;
}

/**
 * Wraps `isDryRun` on the exports of the SDK's runtime/settings.js (`settingsFile`), before
 * runtime/index.js re-exports it: calls from outside the SDK are recorded through `append` at the
 * frame `programFrame` picks from the caller's stack. The answer is the SDK's own, unchanged.
 */
function recordDryRunSites(exports, settingsFile, append, programFrame) {
  const own = exports && Object.getOwnPropertyDescriptor(exports, TOKEN);
  if (!own || typeof exports[TOKEN] !== "function" || !own.writable) return;
  const isDryRun = exports[TOKEN];
  const sdkDir = path.dirname(path.dirname(settingsFile)) + path.sep;
  const seen = new Set();
  exports[TOKEN] = function isDryRunRecorded() {
    const answer = isDryRun.apply(this, arguments);
    if (seen.size >= MAX_SITES) return answer;
    const caller = immediateCallerFile(isDryRunRecorded);
    if (!caller || caller.startsWith(sdkDir)) return answer;
    const stack = callerStack(isDryRunRecorded);
    const site = programFrame(stack);
    const first = existingFrame(frameOf(String(stack).split("\n")[1] || ""), isDryRunRecorded);
    const at = site || first;
    if (!at) return answer;
    const via = site && first && first.file !== site.file ? first.file : undefined;
    const key = `${at.file}:${at.line}:${at.column}`;
    if (seen.has(key)) return answer;
    seen.add(key);
    append({ token: TOKEN, file: at.file, line: at.line, column: at.column, answer, via });
    return answer;
  };
}

module.exports = { recordDryRunSites };
