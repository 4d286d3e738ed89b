// TypeScript → CommonJS for the check's loaders, file by file (`transpileModule`, as ts-node's
// transpile-only mode), with the source map kept in memory. Results are cached on disk by content
// (node_modules/.cache/offline-check), so a second run skips the compiler: the key covers the
// TypeScript version, the compiler options, the file name and its text, so a stale entry is never
// used. The cache is best-effort: when it cannot be written, files are simply compiled.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

export interface Transpiled {
  readonly code: string;
  /** The `mappings` of the file's source map. */
  readonly mappings?: string;
  /** Syntax errors, formatted `file:line:col - error TSxxxx: message`; none means success. */
  readonly errors: string[];
  /** Position of the first error (1-based). */
  readonly errorAt?: { line: number; column: number };
}

export class Transpiler {
  private readonly optionsKey: string;

  constructor(
    private readonly options: ts.CompilerOptions,
    private readonly cacheDir?: string,
  ) {
    this.optionsKey = `${ts.version}\0${JSON.stringify(options)}`;
  }

  transpile(filename: string): Transpiled {
    const source = fs.readFileSync(filename, "utf8");
    const key = createHash("sha256")
      .update(this.optionsKey)
      .update("\0")
      .update(filename)
      .update("\0")
      .update(source)
      .digest("hex");
    const cached = this.read(key);
    if (cached) return cached;
    const result = this.compile(filename, source);
    if (result.errors.length === 0) this.write(key, result);
    return result;
  }

  private compile(filename: string, source: string): Transpiled {
    const out = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: this.options,
      reportDiagnostics: true,
    });
    const errors = (out.diagnostics ?? []).filter(
      (d) => d.category === ts.DiagnosticCategory.Error,
    );
    if (errors.length > 0) {
      const at = (d: ts.Diagnostic) =>
        d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const first = at(errors[0]);
      return {
        code: "",
        errors: errors.map((d) => {
          const p = at(d);
          const where = p ? `${filename}:${p.line + 1}:${p.character + 1}` : filename;
          return `${where} - error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
        }),
        errorAt: first ? { line: first.line + 1, column: first.character + 1 } : undefined,
      };
    }
    return {
      // The map stays in memory: drop the comment pointing at a .js.map that does not exist.
      code: out.outputText.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n"),
      mappings: out.sourceMapText ? JSON.parse(out.sourceMapText).mappings : undefined,
      errors: [],
    };
  }

  private file(key: string): string | undefined {
    return this.cacheDir ? path.join(this.cacheDir, key.slice(0, 2), `${key}.json`) : undefined;
  }

  private read(key: string): Transpiled | undefined {
    const file = this.file(key);
    if (!file) return undefined;
    try {
      return JSON.parse(fs.readFileSync(file, "utf8")) as Transpiled;
    } catch {
      return undefined;
    }
  }

  private write(key: string, value: Transpiled): void {
    const file = this.file(key);
    if (!file) return;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(value));
      fs.renameSync(tmp, file); // concurrent runs write the same content: last rename wins
    } catch {
      // read-only checkout or full disk: compile every time
    }
  }
}

/** The shared cache directory under a project's node_modules, if node_modules exists. */
export function cacheDirFor(projectRoot: string): string | undefined {
  const nodeModules = path.join(projectRoot, "node_modules");
  if (process.env.OFFLINE_CHECK_NO_CACHE || !fs.existsSync(nodeModules)) return undefined;
  return path.join(nodeModules, ".cache", "offline-check");
}

/** Compiler options of a tsconfig.json (if any), for CommonJS output with a separate map. */
export function compilerOptionsFor(
  dir: string,
  defaults: ts.CompilerOptions = {},
): ts.CompilerOptions {
  let options: ts.CompilerOptions = { ...defaults };
  const file = path.join(dir, "tsconfig.json");
  if (fs.existsSync(file)) {
    const read = ts.readConfigFile(file, ts.sys.readFile);
    if (read.error) {
      throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(read.error.messageText, "\n")}`);
    }
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dir, undefined, file);
    options = { ...options, ...parsed.options };
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
    // Paths make the cache key machine-specific for nothing.
    configFilePath: undefined,
  };
}
