// The one parser of stack frame lines, for the check (./own-frames.ts, ./diagnose.ts,
// ./node-engines.ts) and for the program's preload (./child-preload.js, plain JavaScript, which
// is why it is a .js module typed by ./frame-of.d.ts).
//
// V8 prints a frame as `at <name> (<place>)` or, for a function without a name and the top level
// of an ES module, `at <place>`, either after `async ` for an awaited caller; the place is
// `<file>:<line>:<column>`, the file an absolute path or a `file://` URL (an ES module's,
// percent-encoded) (https://v8.dev/docs/stack-trace-api, "Stack trace collection for custom
// exceptions" / CallSite formatting). A path may hold spaces and parentheses (`/home/u/w (2)/p`,
// a copied folder): the place is everything between the first ` (` and the `:line:col)` that
// ends the line. An eval frame (`at eval (eval at f (/file:1:2), <anonymous>:1:1)`) names no
// file of its own and is no frame here.
"use strict";
const url = require("url");

/** `at [async ]<name> (<file>:<line>:<column>)`: the name stops at the first ` (`. */
const NAMED = /^at (?:async )?.*? \((.+):(\d+):(\d+)\)$/;
/** `at [async ]<file>:<line>:<column>`: no name, no parentheses around the place. */
const UNNAMED = /^at (?:async )?(.+):(\d+):(\d+)$/;

/**
 * A frame line's file, line and column, or undefined for a line that is no frame of a file
 * (`at new Promise (<anonymous>)`, `at async Promise.all (index 0)`, an eval frame, a `file:`
 * URL that names no local file, such as `file://host/p/a.mjs`).
 */
function frameOf(line) {
  const t = String(line).trim();
  if (t.includes("(eval at ")) return undefined;
  const m = NAMED.exec(t) ?? UNNAMED.exec(t);
  if (!m) return undefined;
  const file = localPath(m[1]);
  if (file === undefined) return undefined;
  return { file, line: Number(m[2]), column: Number(m[3]) };
}

/**
 * A file as V8 names it, a path or a `file:` URL (an ES module's, percent-encoded), as a path of
 * this machine; undefined for a `file:` URL that names no local file.
 */
function localPath(file) {
  if (!file.startsWith("file:")) return file;
  try {
    return url.fileURLToPath(file);
  } catch {
    // ERR_INVALID_FILE_URL_HOST, ERR_INVALID_FILE_URL_PATH: no file of this machine
    return undefined;
  }
}

module.exports = { frameOf, localPath };
