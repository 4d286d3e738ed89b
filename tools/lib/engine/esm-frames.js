// Where an ES module program makes a resource at the top level of a module or in an anonymous
// callback.
//
// The SDK finds a registration's source position by parsing `new Error().stack` with
// `Resource.framePositionRegExp`, `/^\s*at .* \((?<file>.*):(?<line>[0-9]+):(?<column>[0-9]+)\)$/`
// (@pulumi/pulumi resource.ts, `Resource.callsites`): a frame with a function name and the
// position in parentheses. CommonJS module code runs inside a function (`at Object.<anonymous>
// (/path/index.js:3:1)`), but the top level of an ES module and an anonymous function in one are
// printed without a name, `at file:///path/index.js:3:1` (V8's CallSite formatting,
// https://v8.dev/docs/stack-trace-api), so every frame of such a program's own code parses to
// nothing: the registration carries no source position and an empty stack trace, and the report
// could name no file:line for any resource an ES module program makes outside a named function.
//
// The pattern is widened to also read those unnamed `file://` frames. Only the position the
// engine is told changes (`pulumi preview` displays none); nothing the program can observe.
"use strict";
const url = require("url");

/** An unnamed frame of an ES module: `at file:///path/index.ts:3:1` (also `at async …`). */
const UNNAMED_URL_FRAME = /^\s*at (?:async )?(file:\/\/[^\s()]+):([0-9]+):([0-9]+)$/;

/** The SDK's pattern, then the unnamed `file://` frames it does not read. */
function widenedFramePattern(named) {
  return {
    exec(frame) {
      const m = named.exec(frame);
      if (m) return m;
      const u = UNNAMED_URL_FRAME.exec(frame);
      if (!u) return null;
      let file;
      try {
        file = url.fileURLToPath(u[1]);
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
