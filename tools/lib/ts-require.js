// This project's own TypeScript (tools, tests) compiled for `require` through a cache on disk, so
// a process whose files are all cached never loads the TypeScript compiler (loading it alone costs
// about a second of CPU). Compilation is TypeScript's `transpileModule` with the project's
// tsconfig compiler options, CommonJS out, as ts-node's transpile-only mode does.
//
// The cache lives in node_modules/.cache/offline-check/tools, one file per compiled file, keyed by
// the TypeScript version, the tsconfig text, the file name and the file's text, so a stale entry is
// never used. It is best-effort: when it cannot be written, files are simply compiled.
//
// Plain JavaScript on purpose: it is what lets `node tools/run.js <script.ts>` start without a
// TypeScript loader. A user's program never goes through here: it runs in its own language host,
// compiled as `pulumi preview` compiles it (./engine/language-host.ts).
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const Module = require("module");
const { writeEntry } = require("./engine/cache-folder");

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
// Written in two parts: a stack-trace mapper reading this very file must not take it for a map.
const INLINE_MAP_PREFIX = "//# source" + "MappingURL=data:application/json;base64,";

/** The transpiler `register` installed (none yet: nothing compiled here). */
let registered;
/** Files compiled here whose stack frames name JavaScript lines (no inline map for a mapper). */
const unmappedFiles = new Set();
/** The source maps of the files compiled here with `inlineSourceMaps`, by file name. */
const inlineMaps = new Map();

/** The TypeScript version this project resolves, without loading the compiler. */
function typescriptVersion(root) {
  const file = require.resolve("typescript/package.json", { paths: [root] });
  return JSON.parse(fs.readFileSync(file, "utf8")).version;
}

/** Compiler options of `root`'s tsconfig.json, for CommonJS output with a separate source map. */
function compilerOptions(ts, root) {
  let options = {};
  const file = path.join(root, "tsconfig.json");
  if (fs.existsSync(file)) {
    const read = ts.readConfigFile(file, ts.sys.readFile);
    if (read.error) {
      throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(read.error.messageText, "\n")}`);
    }
    // Only the options matter here: no directory is listed for `include`.
    const host = { ...ts.sys, readDirectory: () => [] };
    options = ts.parseJsonConfigFileContent(read.config, host, root, undefined, file).options;
  }
  return {
    ...options,
    module: ts.ModuleKind.CommonJS,
    sourceMap: true,
    inlineSourceMap: false,
    inlineSources: false,
    declaration: false,
    declarationMap: false,
    noEmit: false,
    outDir: undefined,
    rootDir: undefined,
    configFilePath: undefined,
  };
}

/**
 * A compiler of `root`'s TypeScript files through the disk cache.
 * @param {string} root the project folder (its tsconfig.json and node_modules)
 */
function createTranspiler(root) {
  const tsconfig = path.join(root, "tsconfig.json");
  const keyBase = [
    typescriptVersion(root),
    fs.existsSync(tsconfig) ? fs.readFileSync(tsconfig, "utf8") : "",
  ].join("\0");
  const nodeModules = path.join(root, "node_modules");
  const cacheDir =
    process.env.OFFLINE_CHECK_NO_CACHE || !fs.existsSync(nodeModules)
      ? undefined
      : path.join(nodeModules, ".cache", "offline-check", "tools");
  let compiler; // { ts, options }, loaded on the first cache miss only

  function compile(filename, source) {
    if (!compiler) {
      const ts = require(require.resolve("typescript", { paths: [root] }));
      compiler = { ts, options: compilerOptions(ts, root) };
    }
    const { ts, options } = compiler;
    const out = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: options,
      reportDiagnostics: true,
    });
    const errors = (out.diagnostics || []).filter(
      (d) => d.category === ts.DiagnosticCategory.Error,
    );
    if (errors.length > 0) {
      const positions = errors.map((d) => {
        const p =
          d.file && d.start !== undefined
            ? d.file.getLineAndCharacterOfPosition(d.start)
            : undefined;
        return p && { file: filename, line: p.line + 1, column: p.character + 1 };
      });
      return {
        code: "",
        errors: errors.map((d, i) => {
          const p = positions[i];
          const where = p ? `${filename}:${p.line}:${p.column}` : filename;
          return `${where} - error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
        }),
        errorAt: positions.find(Boolean),
      };
    }
    return {
      // The map is kept apart: drop the comment pointing at a .js.map that does not exist.
      code: out.outputText.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n"),
      mappings: out.sourceMapText ? JSON.parse(out.sourceMapText).mappings : undefined,
      errors: [],
    };
  }

  function cacheFile(key) {
    return cacheDir ? path.join(cacheDir, key.slice(0, 2), `${key}.json`) : undefined;
  }

  /**
   * The compiled file: `code`, the source map's `mappings`, and `errors` (syntax errors as
   * `file:line:col - error TSxxxx: message`; none means success) with `errorAt`, the first one's
   * place (lines and columns from 1).
   * @param {string} filename
   * @returns {{ code: string, mappings?: string, errors: string[],
   *   errorAt?: { file: string, line: number, column: number } }}
   */
  function transpile(filename) {
    const source = fs.readFileSync(filename, "utf8");
    const key = crypto
      .createHash("sha256")
      .update(keyBase)
      .update("\0")
      .update(filename)
      .update("\0")
      .update(source)
      .digest("hex");
    const file = cacheFile(key);
    if (file) {
      try {
        return JSON.parse(fs.readFileSync(file, "utf8"));
      } catch {
        // not cached yet
      }
    }
    const result = compile(filename, source);
    if (file && result.errors.length === 0) {
      try {
        // Concurrent runs write the same content: the last rename wins.
        writeEntry(file, JSON.stringify(result));
      } catch {
        // read-only checkout or full disk: compile every time
      }
    }
    return result;
  }

  return { transpile };
}

/**
 * From now on, `.ts` files outside node_modules are compiled through the cache; `.ts` files inside
 * node_modules keep the loader that was there before (ts-node's, when registered).
 * @param {string} root the project folder
 * @param {{ inlineSourceMaps?: boolean }} [opts] append each file's source map inline and hand it
 *   to the stack-trace mapper (mapStackFrames), so a stack's frames point at `.ts` lines
 */
function register(root, opts = {}) {
  const extensions = Module._extensions;
  const previous = extensions[".ts"];
  const { transpile } = createTranspiler(root);
  registered = { transpile };
  if (opts.inlineSourceMaps) mapStackFrames();
  extensions[".ts"] = (m, filename) => {
    if (filename.includes(NODE_MODULES) && previous) return previous(m, filename);
    const out = transpile(filename);
    // Without a stack-trace mapper, a frame of this file names its JavaScript line:
    // `sourcePosition` maps it.
    if (!opts.inlineSourceMaps) unmappedFiles.add(filename);
    if (out.errors.length > 0) {
      // The error's place is the first diagnostic's, not the importer's frame the stack starts at.
      throw Object.assign(new Error(`TypeScript syntax error:\n${out.errors.join("\n")}`), {
        location: out.errorAt ?? { file: filename, line: 1, column: 1 },
      });
    }
    const map = () =>
      JSON.stringify({ version: 3, sources: [filename], names: [], mappings: out.mappings });
    if (opts.inlineSourceMaps && out.mappings) inlineMaps.set(filename, map);
    m._compile(
      opts.inlineSourceMaps && out.mappings
        ? `${out.code}\n${INLINE_MAP_PREFIX}${Buffer.from(map()).toString("base64")}\n`
        : out.code,
      filename,
    );
  };
}

/**
 * Makes stack traces name the `.ts` lines of the files compiled here. ts-node (mocha's `--require
 * ts-node/register`) installs @cspotcode/source-map-support as `Error.prepareStackTrace`, which
 * takes the place of Node's own source-map support (`process.setSourceMapsEnabled`) and finds a
 * file's map only in the text ts-node itself compiled (its `retrieveFile` reads ts-node's output
 * cache): a file compiled here has none there, and its frames named JavaScript lines. The mapper's
 * `retrieveSourceMap` hook (its README, "Options") is given this loader's maps; the map of a file
 * is built when a frame of it is first formatted. Without that mapper, Node's own support reads the
 * inline maps (https://nodejs.org/api/process.html#processsetsourcemapsenabledval).
 */
function mapStackFrames() {
  let support;
  try {
    const id = require.resolve("@cspotcode/source-map-support");
    support = require.cache[id] && typeof Error.prepareStackTrace === "function" && require(id);
  } catch {
    support = undefined;
  }
  if (!support) {
    process.setSourceMapsEnabled(true);
    return;
  }
  support.install({
    retrieveSourceMap(source) {
      const map = inlineMaps.get(source);
      return map ? { url: source, map: map() } : null;
    },
  });
}

/**
 * The TypeScript position of a stack frame's position in a file `register` compiled without an
 * inline source map (lines and columns from 1, as a frame names them); undefined for any other
 * file, whose frames already name its own lines (or a mapper maps them).
 * @param {string} filename
 * @param {number} line
 * @param {number} column
 * @returns {{ line: number, column: number } | undefined}
 */
function sourcePosition(filename, line, column) {
  if (!registered || !unmappedFiles.has(filename)) return undefined;
  const { mappings } = registered.transpile(filename);
  if (!mappings) return undefined;
  const map = new Module.SourceMap({ version: 3, sources: [filename], names: [], mappings });
  const entry = map.findEntry(line - 1, column - 1);
  if (!entry || typeof entry.originalLine !== "number") return undefined;
  return { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

module.exports = { register, sourcePosition };
