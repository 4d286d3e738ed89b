// V8's code cache for the modules under node_modules and for compiled TypeScript, kept in a folder
// on disk. Compiling the SDK, the providers, protobuf and TypeScript's 9 MB compiler is most of the
// start of every process the offline check runs (the tools, the program's language host, the
// policy pack's process); then come the compiled outputs of the tools, the pack's rules and the
// program (about 0.1 s of CPU each for the pack and for each program run, compiled from source
// every time although their text comes from a disk cache). With the cache, V8 deserializes what it
// compiled before instead. Used by ./child-preload.js (the program's process), ./pack-preload.js
// (the pack's) and ../../run.js (the tools).
"use strict";
const Module = require("module");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const cacheFolder = require("./cache-folder");

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
const TYPESCRIPT = path.join("typescript", "lib", "typescript.js");
/**
 * A module that may call `import()` is left to Node: a script compiled through `vm` has no
 * dynamic-import callback of its own on Node 20 (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), and the
 * language host loads ES module programs that way (cmd/run/run.js). TypeScript's compiler is
 * the exception: the text only stands in one of its diagnostic messages.
 */
const DYNAMIC_IMPORT = /\bimport\s*\(/;
/** A TypeScript file a loader compiled to CommonJS: the tools', the policy pack's, a program's. */
const TYPESCRIPT_SOURCE = /\.[cm]?tsx?$/;
/**
 * Output whose first line is the strict-mode directive alone, as TypeScript emits it for every
 * file with `import` or `export` compiled to CommonJS, and for any other file under
 * `strict`/`alwaysStrict`. Compiled through `vm`, a module's first line is preceded by Node's
 * wrapper text, which shifts its columns; no frame and no function can start on such a line, so
 * what a module sees of its own positions (stack traces, the SDK's source positions, function
 * locations) stays exactly as Node's own compile gives them.
 */
const STRICT_FIRST_LINE = /^(["'])use strict\1;?\r?\n/;

/** The `require` a module gets, built as Node builds it (lib/internal/modules/helpers.js). */
function requireOf(mod) {
  const require = function require(id) {
    return mod.require(id);
  };
  require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/**
 * How an entry is kept, in its key: entries of checkouts that keep V8's bytes bare, sharing the
 * folder, have other names instead of being rewritten back and forth.
 */
const ENTRY_FORMAT = "sealed-sha256";

/**
 * Node's own options for its CPU profiler (`--cpu-prof`, `--cpu-prof-dir=<dir>`, ...): Node starts
 * the profiler through the inspector and passes none of them to V8
 * (https://nodejs.org/api/cli.html#--cpu-prof), so V8 takes code cached without them. A profiled
 * run, as OFFLINE_CHILD_PROF starts the program's and the pack's processes (and a new profile
 * folder each time), then uses the entries of an ordinary run instead of compiling every module
 * cold and writing it again: its profile shows the run being measured.
 */
const PROFILER_OPTION = /^--cpu-prof(?:-(?:dir|name|interval)(?:=.*)?)?$/;

/** `args` without the profiler's options (a separate value after `--cpu-prof-dir` included). */
function withoutProfilerOptions(args) {
  const kept = [];
  for (let i = 0; i < args.length; i++) {
    if (!PROFILER_OPTION.test(args[i])) kept.push(args[i]);
    else if (!args[i].includes("=") && args[i] !== "--cpu-prof") i++;
  }
  return kept;
}

/**
 * What V8 checks cached code against besides the source: its version and its flags (a cache made
 * under other flags, `--max-semi-space-size` among them, is rejected). Processes started with
 * other options keep entries of their own instead of rewriting each other's; the profiler's
 * options are left out (above).
 */
const FLAVOUR = [
  ENTRY_FORMAT,
  process.versions.v8,
  withoutProfilerOptions(process.execArgv).join(" "),
  withoutProfilerOptions((process.env.NODE_OPTIONS ?? "").split(" ")).join(" "),
].join("\0");

/**
 * Compiles and runs one module with the code cache in `dir`, keyed by V8's version and flags, the
 * file and its text (the text a loader hook gave, if any). The module runs as Node's own
 * `Module.prototype._compile` would run it: the same wrapper, `this`, arguments and `require`.
 */
function compileWithCodeCache(dir, mod, content, filename, fallback) {
  const key = crypto
    .createHash("sha256")
    .update(`${FLAVOUR}\0${filename}\0`)
    .update(content)
    .digest("hex");
  const file = path.join(dir, `${key}.v8`);
  let cachedData;
  try {
    // V8 checks a code cache's header (version, flags, source, length) but, in release builds,
    // not its payload: an entry with a changed byte crashes the process as V8 deserializes it
    // (`CodeSerializer::Deserialize`), so each entry is sealed with its SHA-256 digest and one
    // that does not match is compiled from source, as if not cached, and written again.
    cachedData = cacheFolder.unseal(fs.readFileSync(file));
  } catch {
    // not cached yet
  }
  let script;
  try {
    script = new vm.Script(Module.wrap(content), { filename, cachedData });
  } catch (e) {
    // Not a CommonJS script: Node's own compile decides (a `.js` file in ES module syntax that a
    // package requires is loaded as one, where Node detects it). Nothing has run yet.
    if (e instanceof SyntaxError) return fallback();
    throw e;
  }
  // Code cached after the module ran also holds the functions it compiled while running, but it
  // carries the V8 flags of that moment, which a module can change: the SDK's closure hooks
  // (runtime/closure/v8Hooks.js) call `v8.setFlagsFromString("--allow-natives-syntax")`. V8
  // rejects cached code whose flags differ from the current ones
  // (https://v8.dev/blog/code-caching-for-devs), so that module and those requiring it when it
  // loads (the language host's entry point) were compiled cold and written again on every run. An
  // entry that was rejected is written again from the code compiled so far, before the module
  // runs, under the flags it is compiled with.
  const rejected = cachedData !== undefined && script.cachedDataRejected === true;
  if (rejected) writeEntry(file, script);
  const wrapper = script.runInThisContext({ displayErrors: true });
  const result = wrapper.call(
    mod.exports,
    mod.exports,
    requireOf(mod),
    mod,
    filename,
    path.dirname(filename),
  );
  if (!cachedData) writeEntry(file, script);
  return result;
}

/** Writes `script`'s code cache to `file` (whole or not at all, sealed), and counts it. */
function writeEntry(file, script) {
  try {
    const sealed = cacheFolder.seal(script.createCachedData());
    cacheFolder.writeEntry(file, sealed);
    noteWritten(file, sealed.length);
  } catch {
    // a read-only cache costs speed, nothing else
  }
}

/** The unit of the written-bytes tally: a file system block, as most allocate. */
const BLOCK = 4096;
/** The tally of what was written since the last sweep: its length in bytes counts blocks. */
const TALLY = ".written";

/**
 * Adds the entry `file` of `bytes` to its folder's tally: one byte per 4 KB block it takes,
 * appended (an append this small is atomic), so a process reads the total with a single `stat`.
 * What it takes is what the sweep counts, its `stat` blocks (st_blocks, 512-byte units: stat(2)),
 * where the file system allocates more than its length (ext4's bigalloc clusters, 64 KB blocks);
 * never less than its length, where the blocks are not yet counted (allocation delayed) or fewer
 * (compressed).
 */
function noteWritten(file, bytes) {
  let taken = bytes;
  const st = cacheFolder.statIfPresent(file);
  if (st !== undefined) taken = Math.max(bytes, st.blocks * 512);
  fs.appendFileSync(path.join(path.dirname(file), TALLY), Buffer.alloc(Math.ceil(taken / BLOCK)));
}

/** A day in milliseconds: how often a process sweeps the folder, at the most. */
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps the folder from growing without end: entries of Node and package versions no longer in use
 * are never read again, and a folder shared by checkouts and branches gains entries on every
 * change. Sweeps once a day (a `.swept` marker's time says when the last sweep was), and sooner
 * when the tally of blocks written since then says the folder passed `maxBytes` (no listing of
 * the folder until then). A sweep removes the entries not used for `keepDays` (the later of the
 * file's access and modification times: where the file system does not record access, an entry
 * in use is written again after its removal, at the cost of one compile), then the oldest until
 * the folder takes at most `targetBytes` of disk (its files' blocks, not their lengths: a 2 KB
 * entry takes a 4 KB block), below `maxBytes` so that the next entries do not sweep again at once.
 * A sweep that fails leaves the folder as it is.
 * @param {string} dir the cache folder
 * @param {{ now?: number, keepDays?: number, maxBytes?: number, targetBytes?: number }} [options]
 * @returns {number} how many entries were removed
 */
function sweepCodeCache(dir, options = {}) {
  const now = options.now ?? Date.now();
  const keepMs = (options.keepDays ?? 30) * DAY_MS;
  const maxBytes = options.maxBytes ?? 512 * 1024 * 1024;
  const targetBytes = options.targetBytes ?? Math.floor(maxBytes * 0.8);
  const marker = path.join(dir, ".swept");
  const tally = path.join(dir, TALLY);
  let removed = 0;
  try {
    try {
      const recent = now - fs.statSync(marker).mtimeMs < DAY_MS;
      if (recent && writtenBytes(tally) <= maxBytes) return 0;
    } catch {
      // never swept
    }
    fs.writeFileSync(marker, "");
    fs.utimesSync(marker, now / 1000, now / 1000);
    const entries = [];
    let total = 0;
    for (const name of fs.readdirSync(dir)) {
      if (!name.endsWith(".v8") && !name.endsWith(".tmp")) continue;
      const file = path.join(dir, name);
      // another process sweeping or writing the folder may have removed it since the listing
      const st = cacheFolder.statIfPresent(file);
      if (st === undefined) continue;
      const used = Math.max(st.atimeMs, st.mtimeMs);
      if (now - used > keepMs) {
        fs.rmSync(file, { force: true });
        removed++;
      } else {
        const size = st.blocks * 512;
        entries.push({ file, used, size });
        total += size;
      }
    }
    entries.sort((a, b) => a.used - b.used);
    for (const e of entries) {
      if (total <= targetBytes) break;
      fs.rmSync(e.file, { force: true });
      total -= e.size;
      removed++;
    }
    // The tally starts again from what is left.
    cacheFolder.writeEntry(tally, Buffer.alloc(Math.ceil(total / BLOCK)));
  } catch {
    // a folder that cannot be swept costs disk, nothing else
  }
  return removed;
}

/**
 * The bytes the tally says the folder takes; without a tally (a folder swept before tallies were
 * kept), unknown: swept now, which starts one.
 */
function writtenBytes(tally) {
  try {
    return fs.statSync(tally).size * BLOCK;
  } catch {
    return Infinity;
  }
}

/**
 * Whether a CommonJS module compiles through the code cache: every module under a node_modules
 * folder except those that may call `import()`, and compiled TypeScript outside node_modules (the
 * tools' own files through ../ts-require.js, the policy pack's and a program's through ts-node)
 * whose first line is the strict-mode directive, unless Node keeps source maps (it reads a
 * module's map as it compiles it: `--enable-source-maps`, `process.setSourceMapsEnabled`).
 * @param {string} content
 * @param {string} filename
 * @returns {boolean}
 */
function usesCodeCache(content, filename) {
  if (filename.endsWith(".mjs")) return false;
  if (filename.includes(NODE_MODULES)) {
    return filename.endsWith(TYPESCRIPT) || !DYNAMIC_IMPORT.test(content);
  }
  return (
    TYPESCRIPT_SOURCE.test(filename) &&
    process.sourceMapsEnabled !== true &&
    STRICT_FIRST_LINE.test(content) &&
    !DYNAMIC_IMPORT.test(content)
  );
}

/**
 * From now on, every CommonJS module `usesCodeCache` accepts compiles through the code cache in
 * `dir`; every other module as before.
 * @param {string} dir the cache folder (created on the first write)
 */
function installCodeCache(dir) {
  if (fs.existsSync(dir)) sweepCodeCache(dir);
  const compile = Module.prototype._compile;
  // Node 20.19 and 22.12 on pass the module's format; only CommonJS text is cached. "module" is an
  // ES module that CommonJS code requires (`require(esm)`, and the "module-sync" export condition
  // that resolves to one, as async-function does under axios), which Node's own compile hands to
  // the ESM loader (lib/internal/modules/cjs/loader.js, `Module.prototype._compile`:
  // `loadESMFromCJS`); "commonjs-typescript" and "module-typescript" (Node 22.18 and 23.6 on, type
  // stripping on by default) are raw TypeScript that Node's compile strips of its types first.
  Module.prototype._compile = function (content, filename, format) {
    if (
      (format === undefined || format === "commonjs") &&
      typeof filename === "string" &&
      typeof content === "string" &&
      usesCodeCache(content, filename)
    ) {
      return compileWithCodeCache(dir, this, content, filename, () =>
        compile.call(this, content, filename, format),
      );
    }
    return compile.apply(this, arguments);
  };
}

module.exports = { installCodeCache, sweepCodeCache, withoutProfilerOptions };
