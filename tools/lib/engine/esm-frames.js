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
// `copy)/infra/index.ts`): where its file is not absolute, the frame is read again by the tools'
// own frame parser (./frame-of.js), which splits at the first ` (`.
"use strict";
const { frameOf } = require("./frame-of");

/** A file's frame names an absolute path (POSIX or Windows); never `node:` internals. */
const ABSOLUTE = /^(?:\/|[A-Za-z]:\\)/;

/** The file, line and column of a frame of a file as the SDK's pattern gives them, or null. */
function fileFrame(frame) {
  const f = frameOf(frame);
  if (!f || !ABSOLUTE.test(f.file)) return null;
  return { groups: { file: f.file, line: String(f.line), column: String(f.column) } };
}

/**
 * The SDK's pattern, then what it misreads or does not read: a named frame whose path holds ` (`
 * and the unnamed frames of files (`at file:///path/index.ts:3:1`, `at /path/index.ts:3:1`,
 * `at C:\\app\\index.ts:3:1`, also `at async …`; a path may hold spaces and parentheses).
 */
function widenedFramePattern(named) {
  return {
    exec(frame) {
      const m = named.exec(frame);
      if (m && m.groups && m.groups.file && /^(?:file:|\/|[A-Za-z]:\\)/.test(m.groups.file))
        return m;
      return fileFrame(frame) ?? m;
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
