// Item 21 of ./child-preload.js: a type-checking ts-node (the 7.0.1 the language host ships, or
// ts-node 10, the program's own or the one the check lends) parses the declaration files a
// program imports as `tsc` does, without the JSDoc comments no type error depends on.
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
// Only what is made while ts-node's `register` or `create` runs gets the setting: a language
// service the program itself makes is left as it is, and a TypeScript before 5.3 (no
// `JSDocParsingMode`) too. The emitted JavaScript does not depend on it: comments are emitted from
// the source text's comment ranges, not from parsed JSDoc.
"use strict";

/** How many of ts-node's `register`/`create` calls are running (one calls the other). */
let inTsNode = 0;

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
    typeof modes.ParseForTypeErrors !== "number"
  )
    return;
  const mode = modes.ParseForTypeErrors;
  const lighterRegistries = new WeakSet();
  const createDocumentRegistry = function (useCaseSensitiveFileNames, currentDirectory, ...rest) {
    if (inTsNode === 0 || rest[0] !== undefined)
      return createRegistry.call(this, useCaseSensitiveFileNames, currentDirectory, ...rest);
    const registry = createRegistry.call(this, useCaseSensitiveFileNames, currentDirectory, mode);
    lighterRegistries.add(registry);
    return registry;
  };
  const createLanguageService = function (host, documentRegistry, ...rest) {
    if (
      inTsNode > 0 &&
      host &&
      typeof host === "object" &&
      host.jsDocParsingMode === undefined &&
      (documentRegistry === undefined || lighterRegistries.has(documentRegistry))
    ) {
      // ts-node's own host object, made for this service alone.
      host.jsDocParsingMode = mode;
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

/** Wraps ts-node's `register` and `create` (those it has): what they make is ts-node's. */
function markTsNode(exports) {
  if (!exports || typeof exports !== "object") return;
  for (const name of ["register", "create"]) {
    const own = Object.getOwnPropertyDescriptor(exports, name);
    const fn = exports[name];
    if (typeof fn !== "function" || (own && !own.writable && !own.set)) continue;
    exports[name] = function (...args) {
      inTsNode++;
      try {
        return fn.apply(this, args);
      } finally {
        inTsNode--;
      }
    };
  }
}

module.exports = { parseForTypeErrors, markTsNode };
