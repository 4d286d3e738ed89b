// Loads a Pulumi TypeScript program the way the Node.js language host would (`require` of its
// entry, TypeScript compiled on the fly), but built for speed on large programs. A naive harness
// (ts-node + setMocks) spends most of a large run capturing and rewriting stack traces: the SDK
// stores `new Error().stack` on every promise it tracks, and ts-node's source-map-support rewrites
// each one. Here:
//
// - `.ts` files of the program are compiled with TypeScript's `transpileModule` in a
//   `require.extensions` hook (cached on disk by content, see ./transpile.ts); their source maps
//   stay in memory, and nothing like source-map-support is installed for the whole process.
// - The SDK's per-promise leak bookkeeping (`debuggablePromise`) runs with a stack-trace limit of
//   0: same bookkeeping, no stack capture (the stack is only ever printed with
//   PULUMI_DEBUG_PROMISE_LEAKS set, and then nothing is changed).
// - While the program runs, `Error.prepareStackTrace` formats stacks itself, mapping frames in
//   program files to their `.ts` lines, so an error the program throws, and each resource's
//   source position, point at the user's own file and line. Other errors keep a limit of 10
//   frames.
// - `@pulumi/pulumi` always resolves to this project's copy (the mocks live in that instance);
//   other packages resolve from the program's own node_modules first, then from this project's.
// - After a run, the program's own modules leave the require cache, so the next stack runs the
//   program afresh (node_modules stay loaded).
import * as path from "path";
import Module from "module";
import * as ts from "typescript";
import { SourceMap } from "./sourcemap";
import { cacheDirFor, compilerOptionsFor, Transpiler } from "./transpile";

/** An error in the program itself: thrown while it ran, or a file that does not compile. */
export class ProgramError extends Error {
  /** What the program printed before it failed. */
  output: string[] = [];

  constructor(
    message: string,
    /** The program file and line it points at, when known. */
    readonly location?: SourceLocation,
    /** The (mapped) stack of the original error. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = "ProgramError";
  }
}

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Frames deeper than this are rarely needed to find the program's own frame. */
const RUN_STACK_TRACE_LIMIT = 10;

const DEBUGGABLE_SUFFIX = path.join("@pulumi", "pulumi", "runtime", "debuggable.js");
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

type CompilableModule = NodeJS.Module & { _compile(code: string, filename: string): void };
type ResolveFilename = (
  request: string,
  parent: unknown,
  isMain: boolean,
  options?: unknown,
) => string;
const ModuleInternals = Module as unknown as {
  _resolveFilename: ResolveFilename;
  _extensions: Record<string, (m: NodeJS.Module, filename: string) => void>;
};

function isBareSpecifier(request: string): boolean {
  return !(
    request.startsWith(".") ||
    path.isAbsolute(request) ||
    request.startsWith("node:") ||
    Module.builtinModules.includes(request)
  );
}

export class ProgramLoader {
  private readonly maps = new Map<string, SourceMap>();
  private readonly transpiler: Transpiler;
  private readonly leakDebugging = !!process.env.PULUMI_DEBUG_PROMISE_LEAKS;

  /**
   * @param programDir the program's project directory (where Pulumi.yaml is)
   * @param toolRoot this project's root, whose node_modules serve the program
   */
  constructor(
    readonly programDir: string,
    private readonly toolRoot: string,
  ) {
    let options;
    try {
      // The language host's defaults when a program has no tsconfig.json, then the program's own.
      options = compilerOptionsFor(programDir, {
        target: ts.ScriptTarget.ES2020,
        esModuleInterop: true,
        experimentalDecorators: true,
      });
    } catch (e) {
      throw new ProgramError((e as Error).message);
    }
    this.transpiler = new Transpiler(options, cacheDirFor(toolRoot));
  }

  /** True for files that belong to the program (not to a dependency). */
  isProgramFile(file: string): boolean {
    return (
      this.maps.has(file) ||
      (file.startsWith(this.programDir + path.sep) && !file.includes(NODE_MODULES))
    );
  }

  /**
   * Runs `fn` (which loads and runs the program) with the hooks installed, then removes them and
   * forgets the program's modules. An error that escapes `fn` becomes a ProgramError pointing at
   * the program's own frame.
   */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const cacheBefore = new Set(Object.keys(require.cache));
    const restore = this.install();
    try {
      return await fn();
    } catch (e) {
      throw this.toProgramError(e); // formats the stack while the mapping is installed
    } finally {
      restore();
      for (const id of Object.keys(require.cache)) {
        if (!cacheBefore.has(id) && !id.includes(NODE_MODULES)) delete require.cache[id];
      }
    }
  }

  private install(): () => void {
    const extensions = ModuleInternals._extensions;
    const previousTs = extensions[".ts"];
    const previousResolve = ModuleInternals._resolveFilename;
    const previousPrepare = Error.prepareStackTrace;
    const previousLimit = Error.stackTraceLimit;
    const toolPaths = { paths: [this.toolRoot] };

    extensions[".ts"] = (m, filename) => {
      if (filename.includes(NODE_MODULES) && previousTs) return previousTs(m, filename);
      (m as CompilableModule)._compile(this.compile(filename), filename);
    };
    ModuleInternals._resolveFilename = function (request, parent, isMain, options) {
      if (request === "@pulumi/pulumi" || request.startsWith("@pulumi/pulumi/")) {
        return previousResolve.call(this, request, parent, isMain, toolPaths);
      }
      try {
        return previousResolve.call(this, request, parent, isMain, options);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND" && isBareSpecifier(request)) {
          return previousResolve.call(this, request, parent, isMain, toolPaths);
        }
        throw e;
      }
    };
    Error.stackTraceLimit = RUN_STACK_TRACE_LIMIT;
    Error.prepareStackTrace = (err, frames) => this.formatStack(err, frames);
    const restoreBookkeeping = this.lightenPromiseBookkeeping();
    return () => {
      restoreBookkeeping();
      if (previousTs) extensions[".ts"] = previousTs;
      else delete extensions[".ts"];
      ModuleInternals._resolveFilename = previousResolve;
      Error.prepareStackTrace = previousPrepare;
      Error.stackTraceLimit = previousLimit;
    };
  }

  /**
   * The SDK wraps every promise it creates in `debuggablePromise`, which records the promise for
   * its leak report and stores `new Error().stack` on it; that stack is printed only when
   * PULUMI_DEBUG_PROMISE_LEAKS is set. Capturing it for every promise is most of a mock run's cost,
   * so unless that variable is set, the SDK's own function runs with a stack-trace limit of 0:
   * same bookkeeping, no capture. Callers reach the function through the module's exports, so
   * wrapping the export is enough; if the SDK changes shape, nothing is wrapped.
   */
  private lightenPromiseBookkeeping(): () => void {
    if (this.leakDebugging) return () => undefined;
    let debuggable: { debuggablePromise?: (p: Promise<unknown>, ctx: unknown) => Promise<unknown> };
    try {
      const load = Module.createRequire(path.join(this.toolRoot, "package.json"));
      debuggable = load("@pulumi/pulumi/runtime/debuggable");
    } catch {
      return () => undefined;
    }
    const original = debuggable.debuggablePromise;
    if (typeof original !== "function") return () => undefined;
    debuggable.debuggablePromise = function (p, ctx) {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      try {
        return original(p, ctx);
      } finally {
        Error.stackTraceLimit = limit;
      }
    };
    return () => {
      debuggable.debuggablePromise = original;
    };
  }

  /** Transpiles one program file, keeping its source map; a syntax error is a ProgramError. */
  compile(filename: string): string {
    const out = this.transpiler.transpile(filename);
    if (out.errors.length > 0) {
      throw new ProgramError(`TypeScript syntax error:\n${out.errors.join("\n")}`, {
        file: filename,
        line: out.errorAt?.line ?? 1,
        column: out.errorAt?.column ?? 1,
      });
    }
    if (out.mappings) this.maps.set(filename, new SourceMap(out.mappings));
    return out.code;
  }

  /** `Error.prepareStackTrace` while the program runs. */
  private formatStack(err: Error, frames: NodeJS.CallSite[]): string {
    if (!this.leakDebugging && frames.length > 0) {
      const top = frames[0].getFileName();
      // The SDK's per-promise bookkeeping: the trace is never shown, skip formatting it.
      if (top && top.endsWith(DEBUGGABLE_SUFFIX)) return "Error";
    }
    let header: string;
    try {
      header = Error.prototype.toString.call(err);
    } catch {
      header = "Error";
    }
    let out = header;
    for (const frame of frames) out += `\n    at ${this.formatFrame(frame)}`;
    return out;
  }

  private formatFrame(frame: NodeJS.CallSite): string {
    const text = String(frame);
    const file = frame.getFileName();
    const map = file ? this.maps.get(file) : undefined;
    const line = frame.getLineNumber();
    const column = frame.getColumnNumber();
    if (!map || !file || line === null || column === null) return text;
    const original = map.originalPosition(line, column);
    if (!original) return text;
    return text.replace(`${file}:${line}:${column}`, `${file}:${original.line}:${original.column}`);
  }

  /** Maps the program frames of a stack string formatted elsewhere (no-op for mapped ones). */
  firstProgramFrame(stack: string | undefined): SourceLocation | undefined {
    if (!stack) return undefined;
    for (const line of stack.split("\n")) {
      const m = /^\s*at (?:.*\()?((?:file:\/\/)?[^()]+?):(\d+):(\d+)\)?$/.exec(line);
      if (!m) continue;
      const file = m[1].startsWith("file://") ? new URL(m[1]).pathname : m[1];
      if (this.isProgramFile(file)) return { file, line: Number(m[2]), column: Number(m[3]) };
    }
    return undefined;
  }

  /** Turns whatever the program threw into a ProgramError at the program's own frame. */
  toProgramError(e: unknown): ProgramError {
    if (e instanceof ProgramError) return e;
    if (e instanceof Error) {
      const stack = e.stack; // formatted (and mapped) now, while our formatter is installed
      const location = this.firstProgramFrame(stack);
      return new ProgramError(e.message || String(e), location, stack);
    }
    return new ProgramError(`the program threw a non-error value: ${String(e)}`);
  }
}

/**
 * Loads the check's own TypeScript (this tool, the policy pack) through the same cached
 * transpiler instead of ts-node, so a second run starts without compiling. Files under
 * node_modules keep the previous handler.
 */
export function useCachedToolLoader(toolRoot: string): void {
  const extensions = ModuleInternals._extensions;
  const previous = extensions[".ts"];
  const transpiler = new Transpiler(compilerOptionsFor(toolRoot), cacheDirFor(toolRoot));
  extensions[".ts"] = (m, filename) => {
    if (filename.includes(NODE_MODULES) && previous) return previous(m, filename);
    const out = transpiler.transpile(filename);
    if (out.errors.length > 0)
      throw new Error(`TypeScript syntax error:\n${out.errors.join("\n")}`);
    (m as CompilableModule)._compile(out.code, filename);
  };
}
