// Item 21 of ./child-preload.js: a type-checking ts-node (the 7.0.1 the language host ships, or
// ts-node 10, the program's own or the one the check lends) parses TypeScript files, the
// declaration files a program imports above all, as `tsc` does, without the JSDoc comments no type
// error depends on.
//
// ts-node type-checks through a TypeScript language service (`ts.createLanguageService`, then
// `getSemanticDiagnostics` of each file it compiles), which parses every comment of every
// declaration file it reaches as JSDoc: the 36 MB of `@pulumi/aws`'s, for a program that imports
// it. TypeScript 5.3 made that a setting, `jsDocParsingMode`, and `tsc` itself runs with
// `ParseForTypeErrors` (typescript/lib/typescript.js: `defaultJSDocParsingMode = 2 /*
// ParseForTypeErrors */`, set on every host `executeCommandLine` makes): JSDoc is still parsed in
// JavaScript files, where it carries types, and in TypeScript files only where it has `@see` or
// `@link` (the scanner's `shouldParseJSDoc`), so the type errors are the same. The language
// service takes the setting from its host, its document registry from the third argument of
// `createDocumentRegistry` (the two must match: `Debug.assertEqual` in the registry's
// `acquireOrUpdateDocument`). ts-node sets neither, so it parses all: ts-node 7.0.1's `register`
// (vendor/ts-node@7.0.1/index.js) gives no registry, ts-node 10.9's `create` (dist/index.js) one
// made just before.
//
// Only what ts-node's `register` or `create` makes gets the setting: a language service the
// program itself makes is left as it is, also one made by a module ts-node 10's `register`
// preloads (its `require` option, run by `Module._preloadModules` inside the call,
// dist/index.js), and a TypeScript before 5.3 (no `JSDocParsingMode`) too.
//
// TypeScript's own emit does not depend on the setting (comments are emitted from the source
// text's comment ranges, not from parsed JSDoc), but a custom transformer that reads JSDoc tags
// does (typia's comment tags, `ts.getJSDocTags`): those are left as they are, so the emitted
// JavaScript stays the same. That is a host whose `getCustomTransformers()` gives transformers
// (ts-node's `transformers` option), and a TypeScript that ts-patch rewrote on disk (`ts-patch
// install`, which runs the tsconfig's transformer plugins in every program): ts-patch itself
// puts `tsc` back to `ParseAll` for them (nonara/ts-patch,
// projects/core/src/patch/patch-module.ts, "Patch defaultJSDocParsingMode"), and marks the file
// it patched with a `/// tsp-module:` header and an `originalCreateProgram` export
// (patch-detail.ts, add-original-create-program.ts). Its live compiler (`ts-patch/compiler`)
// is another file, which item 21 does not reach.
//
// The program can see the change: in ts-node's language service, the quick info of a name
// declared in a TypeScript file (the program's own or a declaration file) has no documentation
// unless its JSDoc has `@see` or `@link`, and so ts-node 10's `getTypeInfo(...).comment` on the
// registered instance (`process[Symbol.for("ts-node.register.instance")]`) is empty.
"use strict";
const fs = require("fs");
const Module = require("module");

/** How many of ts-node's `register`/`create` calls are running (one calls the other). */
let inTsNode = 0;

/** Whether ts-patch rewrote this TypeScript (its header first in the file, or its export). */
function tsPatched(module, ts) {
  if (typeof ts.originalCreateProgram === "function") return true;
  if (typeof module.filename !== "string") return false;
  let fd;
  try {
    fd = fs.openSync(module.filename, "r");
    const head = Buffer.alloc(32);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    return head.toString("utf8", 0, read).startsWith("/// tsp-module:");
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Whether a language service host gives custom transformers (a throw counts as giving some). */
function hasTransformers(host) {
  if (typeof host.getCustomTransformers !== "function") return false;
  try {
    // ts-node 10's reads the service it is about to make when `transformers` is a function:
    // that throws here, and is a transformer too.
    return host.getCustomTransformers() != null;
  } catch {
    return true;
  }
}

/** TypeScript's exports, where ts-node's language service parses JSDoc `ParseForTypeErrors`. */
function parseForTypeErrors(module) {
  const ts = module.exports;
  const modes = ts && ts.JSDocParsingMode;
  const createService = ts && ts.createLanguageService;
  const createRegistry = ts && ts.createDocumentRegistry;
  if (
    typeof createService !== "function" ||
    typeof createRegistry !== "function" ||
    !modes ||
    typeof modes.ParseForTypeErrors !== "number" ||
    tsPatched(module, ts)
  )
    return;
  const mode = modes.ParseForTypeErrors;
  /** The registries made with the setting, each with the arguments it was asked with. */
  const lighterRegistries = new WeakMap();
  const createDocumentRegistry = function (useCaseSensitiveFileNames, currentDirectory, ...rest) {
    if (inTsNode === 0 || rest[0] !== undefined)
      return createRegistry.call(this, useCaseSensitiveFileNames, currentDirectory, ...rest);
    const registry = createRegistry.call(this, useCaseSensitiveFileNames, currentDirectory, mode);
    lighterRegistries.set(registry, [useCaseSensitiveFileNames, currentDirectory]);
    return registry;
  };
  const createLanguageService = function (host, documentRegistry, ...rest) {
    const lighter = documentRegistry !== undefined && lighterRegistries.get(documentRegistry);
    if (
      inTsNode > 0 &&
      host &&
      typeof host === "object" &&
      host.jsDocParsingMode === undefined &&
      (documentRegistry === undefined || lighter)
    ) {
      // ts-node's own host object, made for this service alone.
      if (!hasTransformers(host)) host.jsDocParsingMode = mode;
      // The registry ts-node made just before, unused yet: as asked, to match the host's mode.
      else if (lighter) documentRegistry = createRegistry.call(ts, ...lighter);
    }
    return createService.call(this, host, documentRegistry, ...rest);
  };
  // TypeScript's exports are read-only getters (./ts-cache.js): a proxy answers these two.
  module.exports = new Proxy(ts, {
    get: (target, key, receiver) =>
      key === "createLanguageService"
        ? createLanguageService
        : key === "createDocumentRegistry"
          ? createDocumentRegistry
          : Reflect.get(target, key, receiver),
  });
}

/**
 * Runs `fn` as ts-node's: what it makes gets the setting, except what the modules ts-node 10's
 * `register` preloads make (`Module._preloadModules`, swapped for the call's length only).
 */
function asTsNode(fn, thisArg, args) {
  const preload = inTsNode === 0 ? Module._preloadModules : undefined;
  const outside =
    typeof preload === "function" &&
    function (...requests) {
      const depth = inTsNode;
      inTsNode = 0;
      try {
        return preload.apply(this, requests);
      } finally {
        inTsNode = depth;
      }
    };
  if (outside) Module._preloadModules = outside;
  inTsNode++;
  try {
    return fn.apply(thisArg, args);
  } finally {
    inTsNode--;
    if (outside && Module._preloadModules === outside) Module._preloadModules = preload;
  }
}

/** Wraps ts-node's `register` and `create` (those it has): what they make is ts-node's. */
function markTsNode(exports) {
  if (!exports || typeof exports !== "object") return;
  for (const name of ["register", "create"]) {
    const own = Object.getOwnPropertyDescriptor(exports, name);
    const fn = exports[name];
    if (typeof fn !== "function" || (own && !own.writable && !own.set)) continue;
    exports[name] = function (...args) {
      return asTsNode(fn, this, args);
    };
  }
}

module.exports = { parseForTypeErrors, markTsNode };
