// The packages the check lends a program that installed none, for a type-checked TypeScript
// compile whose tsconfig sets its own `paths` or `typeRoots`. The lent folder reaches TypeScript
// through ts-node's TS_NODE_COMPILER_OPTIONS (./lent-packages.ts), but the language host hands
// ts-node the tsconfig's own compilerOptions again (@pulumi/pulumi cmd/run/run.js: `register`
// for CommonJS, the data of its ESM hooks), and ts-node applies those last (ts-node 10
// dist/configuration.js: "passed programmatically" after "from env var"), each key whole: the
// program's `paths` replaced the lent `"*"` entry and every lent import failed with TS2307.
//
// Here the host's options get the lent entries added to the program's own: its `paths` keep
// every pattern and gain the lent substitutions for `"*"` after any it has (TypeScript takes the
// pattern with the longest prefix that matches, and tries a pattern's substitutions in order,
// https://www.typescriptlang.org/tsconfig#paths: an alias of the program still wins, and a bare
// import matching none of them falls to the lent folder, absolute paths needing no baseUrl; a
// pattern of the program's own gains the lent folder's place for it, after its own substitutions,
// for a lent import it matches), and its `typeRoots` gain the lent `@types`. What the program resolves itself is unchanged; what it
// could not resolve at all now resolves as the untyped run resolves it (NODE_PATH).
"use strict";

/** The program's compilerOptions with the lent `paths` and `typeRoots` added where it sets them. */
function withLentOptions(compilerOptions, lent) {
  if (!compilerOptions || typeof compilerOptions !== "object") return compilerOptions;
  const out = { ...compilerOptions };
  const own = compilerOptions.paths;
  if (own && typeof own === "object" && lent.paths) {
    const paths = { ...own };
    for (const [pattern, substitutions] of Object.entries(lent.paths)) {
      const mine = Array.isArray(paths[pattern]) ? paths[pattern] : [];
      paths[pattern] = [...mine, ...substitutions.filter((s) => !mine.includes(s))];
    }
    // A pattern of the program's own that a lent import also matches (`"@pulumi/*"` for
    // `@pulumi/aws`) is taken over `"*"` (the longest prefix wins) and the lent folder is never
    // tried: each gets the lent folder's own place for it after its substitutions
    // (`<lent>/node_modules/@pulumi/*`).
    const folders = (lent.paths["*"] || []).filter((s) => !/[\\/]@types[\\/]\*$/.test(s));
    for (const pattern of Object.keys(own)) {
      if (pattern === "*" || !Array.isArray(paths[pattern])) continue;
      const mine = paths[pattern];
      const more = folders.map((s) => s.replace("*", pattern)).filter((s) => !mine.includes(s));
      paths[pattern] = [...mine, ...more];
    }
    out.paths = paths;
  }
  if (Array.isArray(compilerOptions.typeRoots) && Array.isArray(lent.typeRoots)) {
    const roots = compilerOptions.typeRoots;
    out.typeRoots = [...roots, ...lent.typeRoots.filter((r) => !roots.includes(r))];
  }
  return out;
}

/** Wraps ts-node's `register` (its exports) so the options it is given carry the lent entries. */
function lendToTsNode(exports, lent) {
  const own = exports && Object.getOwnPropertyDescriptor(exports, "register");
  if (!own || typeof exports.register !== "function" || !own.writable) return;
  const register = exports.register;
  exports.register = function (options, ...rest) {
    const given =
      options && typeof options === "object" && options.compilerOptions
        ? { ...options, compilerOptions: withLentOptions(options.compilerOptions, lent) }
        : options;
    return register.call(this, given, ...rest);
  };
}

/**
 * The arguments of a `Module.register(specifier, parentURL, { data })` call with the lent entries
 * added to `data.compilerOptions` (the host's ESM hooks hand that to ts-node/esm); others as given.
 */
function lendToEsmHooks(args, lent) {
  const [specifier, parent, options] = args;
  const data = options && typeof options === "object" ? options.data : undefined;
  if (!data || typeof data !== "object" || !data.compilerOptions) return args;
  const compilerOptions = withLentOptions(data.compilerOptions, lent);
  return [specifier, parent, { ...options, data: { ...data, compilerOptions } }, ...args.slice(3)];
}

/** The lent compilerOptions from OFFLINE_LEND_TS, or undefined when none (or unreadable). */
function lentFromEnvironment(value) {
  if (!value) return undefined;
  try {
    const lent = JSON.parse(value);
    return lent && typeof lent === "object" ? lent : undefined;
  } catch {
    return undefined;
  }
}

module.exports = { withLentOptions, lendToTsNode, lendToEsmHooks, lentFromEnvironment };
