// Stack frames of TypeScript files that ts-node compiled to ES module syntax inside a CommonJS
// package (tsconfig "module": "esnext", "es2020", "preserve" ... and no `"type": "module"`).
//
// The language host registers the ts-node it ships (7.0.1) for such a program, with the user's
// compiler options over its own (@pulumi/pulumi cmd/run/run.js: `...compilerOptions` after
// `module: "nodenext"`), so the file's JavaScript has `import` statements. Node.js (20.19 and 22.12
// on) then evaluates it as an ES module from CommonJS (`loadESMFromCJS` in
// lib/internal/modules/cjs/loader.js): its stack frames name `file:///…/index.ts` and the lines of
// the compiled JavaScript, which drops the blank lines. ts-node's copy of source-map-support looks
// the URL up in its cache of compiled files, keyed by path, finds nothing, and leaves the lines
// as they are: a failed invoke or a thrown error was reported a few lines above the real one.
//
// With source maps enabled Node.js keeps the inline map of every module it compiles
// (`module.findSourceMap`, https://nodejs.org/api/module.html#modulefindsourcemappath), so once
// ts-node has registered, each `file://` frame is given its TypeScript line and column before
// ts-node's formatter sees it. The frame keeps its URL, so the formatter does not map it twice.
//
// The same holds in an ES module program whose nodeargs load ts-node's ESM loader themselves
// (`--loader ts-node/esm`, as the ts-node docs and older Pulumi templates have it): the host then
// skips its own ESM mode and registers its CommonJS ts-node as well (cmd/run/run.js, `hasLoaders`),
// whose formatter replaces the one that maps ES modules (./child-preload.js, item 5). The modules
// were compiled by the loader (another ts-node, in a thread of its own), so that formatter's cache
// never holds them, and every line of the program was reported as the compiled JavaScript's.
"use strict";
const Module = require("module");

/** tsconfig `module` values whose output has `import` statements (ts.ModuleKind names). */
const ES_MODULE_KINDS = /^(es\d+|esnext|preserve)$/i;

/** The frame of a `file://` module with a source map, at its original line and column. */
function mapUrlFrame(frame, findSourceMap = Module.findSourceMap) {
  let file, line, column, entry;
  try {
    file = frame.getFileName();
    if (typeof file !== "string" || !file.startsWith("file://")) return frame;
    line = frame.getLineNumber();
    column = frame.getColumnNumber();
    const map = findSourceMap(file);
    entry = map && line && column ? map.findEntry(line - 1, column - 1) : undefined;
  } catch {
    return frame;
  }
  if (!entry || typeof entry.originalLine !== "number") return frame;
  const mappedLine = entry.originalLine + 1;
  const mappedColumn = entry.originalColumn + 1;
  return new Proxy(frame, {
    get(target, key) {
      if (key === "getLineNumber") return () => mappedLine;
      if (key === "getColumnNumber") return () => mappedColumn;
      if (key === "toString")
        return () =>
          String(target.toString()).replace(
            `${file}:${line}:${column}`,
            `${file}:${mappedLine}:${mappedColumn}`,
          );
      const value = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * Wraps ts-node's `register` so that, once it has run, `file://` frames are mapped first. With
 * `esModule` (a `"type": "module"` program) always: the host registers this ts-node beside the ESM
 * loader the program's nodeargs name (`--loader ts-node/esm`), which compiles every module.
 */
function mapUrlFramesAfterRegister(exports, esModule = false) {
  const register = exports && exports.register;
  if (typeof register !== "function" || typeof Module.findSourceMap !== "function") return;
  exports.register = function (...args) {
    const result = register.apply(this, args);
    // Only when the compiled files have ES module syntax: keeping every module's map costs time.
    const module = args[0] && args[0].compilerOptions && args[0].compilerOptions.module;
    if (!esModule && (typeof module !== "string" || !ES_MODULE_KINDS.test(module))) return result;
    process.setSourceMapsEnabled(true);
    const format = Error.prepareStackTrace;
    if (typeof format === "function") {
      Error.prepareStackTrace = (error, frames) =>
        format(error, Array.isArray(frames) ? frames.map((f) => mapUrlFrame(f)) : frames);
    }
    return result;
  };
}

module.exports = { mapUrlFrame, mapUrlFramesAfterRegister };
