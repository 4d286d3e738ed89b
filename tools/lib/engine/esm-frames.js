// Where a program makes a resource at the top level of an ES module or in an anonymous callback.
//
// The SDK finds a registration's source position by parsing `new Error().stack` with
// `Resource.framePositionRegExp`, `/^\s*at .* \((?<file>.*):(?<line>[0-9]+):(?<column>[0-9]+)\)$/`
// (@pulumi/pulumi resource.ts, `Resource.callsites`): a frame with a function name and the
// position in parentheses. V8 prints a frame without a name as `at <file>:<line>:<column>`
// (its CallSite formatting, https://v8.dev/docs/stack-trace-api): the top level of an ES module
// (`at file:///path/index.js:3:1`) and any anonymous function, such as the arrow of
// `subnets.map((cidr) => new aws.ec2.Subnet(...))` (`at /path/index.ts:5:12`). Those frames parse
// to nothing. An ES module program made outside a named function got no source position at
// all, and a CommonJS one got the enclosing statement's line (the module's own frame is named
// `Object.<anonymous>`), not the line that made the resource.
//
// The pattern is widened to also read those unnamed frames of files (a `file://` URL or an
// absolute path; never `node:` internals or `<anonymous>`). Only the position the engine is told
// changes (`pulumi preview` displays none); nothing the program can observe.
//
// A path may hold parentheses (a program in `~/work (copy)/infra`; `url.pathToFileURL` leaves
// them unescaped in a URL too). The SDK's greedy `.* \(` then splits a named frame at the last
// ` (` of the path (`at new Site (/home/me/work (copy)/infra/index.ts:3:1)` reads as the file
// `copy)/infra/index.ts`): where its file is not absolute, the frame is read again at the first
// ` (` that opens an absolute path or a `file://` URL.
"use strict";
const url = require("url");

/**
 * An unnamed frame of a file: `at file:///path/index.ts:3:1`, `at /path/index.ts:3:1`,
 * `at C:\app\index.ts:3:1` (also `at async …`). A path may hold spaces (`/Users/me/My
 * Projects/…`), as the SDK's own pattern allows, and parentheses; a URL has spaces escaped.
 * A named frame never matches: it ends with `)`, not a column.
 */
const UNNAMED_FRAME = /^\s*at (?:async )?(file:\/\/\S+?|\/.*?|[A-Za-z]:\\.*?):([0-9]+):([0-9]+)$/;

/** A named frame split at the first ` (` that opens an absolute path or a `file://` URL. */
const NAMED_FRAME = /^\s*at .*? \(((?:file:\/\/|\/|[A-Za-z]:\\).*):([0-9]+):([0-9]+)\)$/;

/** An absolute path or a `file:` URL, as every frame of a file names it. */
const ABSOLUTE = /^(?:file:|\/|[A-Za-z]:\\)/;

/** The SDK's pattern, then the unnamed frames of files it does not read. */
function widenedFramePattern(named) {
  return {
    exec(frame) {
      const m = named.exec(frame);
      if (m && (!m.groups || !m.groups.file || ABSOLUTE.test(m.groups.file))) return m;
      if (m) {
        const n = NAMED_FRAME.exec(frame);
        return n ? { groups: { file: n[1], line: n[2], column: n[3] } } : m;
      }
      const u = UNNAMED_FRAME.exec(frame);
      if (!u) return null;
      let file = u[1];
      try {
        if (file.startsWith("file:")) file = url.fileURLToPath(file);
      } catch {
        return null;
      }
      return { groups: { file, line: u[2], column: u[3] } };
    },
  };
}

/** Widens `Resource.framePositionRegExp` of @pulumi/pulumi's resource.js exports, if it has one. */
function widenFramePattern(exports) {
  const resource = exports && exports.Resource;
  const named = resource && resource.framePositionRegExp;
  if (!(named instanceof RegExp)) return;
  resource.framePositionRegExp = widenedFramePattern(named);
}

module.exports = { widenFramePattern, widenedFramePattern };
