// Runs a Pulumi Node.js program the way `pulumi preview` does: through the language host that
// ships inside the program's own `@pulumi/pulumi` (`cmd/run`), in a child process, connected to
// the offline engine (./monitor.ts) as the CLI's engine would be. What the Go side of the host
// does is mirrored from pulumi/pulumi `sdk/nodejs/cmd/pulumi-language-nodejs/main.go`
// (`Run`, `execRuntime`, `constructArguments`, `constructConfig`, `parseOptions`, `locateModule`):
// the run script is resolved from the program directory; config goes in PULUMI_CONFIG with keys
// rewritten to `<namespace>:config:<name>` and the secret keys in PULUMI_CONFIG_SECRET_KEYS;
// `runtime.options` give PULUMI_NODEJS_TYPESCRIPT (on unless `typescript: false`),
// PULUMI_NODEJS_TSCONFIG_PATH (`tsconfig`) and node arguments (`nodeargs`); the arguments are
// `--monitor --engine --organization --project --root-directory --stack --pwd [--dry-run]
// --parallel <entry point>`. Entry point and working directory follow the CLI's `main` rules.
//
// Where it differs, on purpose: programs run with PULUMI_NODEJS_TRANSPILE_ONLY=true unless
// `typeCheck` is set (type errors are `tsc`'s job; checking types on every run costs seconds),
// and TS_NODE_TRANSPILE_ONLY=true with it: the host's ESM hooks (`cmd/run/hooks.js`) create
// ts-node's service when their module loads, before `initialize` hands them the host's options,
// so an ESM program is compiled with ts-node's environment defaults only (a type-checking
// compile that costs 10-15 s); and a preload (./child-preload.js) that changes nothing
// observable makes the run cheaper. The child is isolated: its exit code, `process.exit` or a
// hang never decide the verdict.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { EngineAnswers, Phase } from "./answers";
import { LogEntry, OfflineEngine, EngineResource } from "./monitor";
import { versionWarnings } from "./versions";

export interface ProgramRunOptions {
  /** Where Pulumi.yaml is (the root directory). */
  readonly rootDir: string;
  readonly project: string;
  /** Pulumi.yaml `main`, if any. */
  readonly main?: string;
  /** Pulumi.yaml `runtime.options`. */
  readonly runtimeOptions?: Readonly<Record<string, unknown>>;
  readonly stack: string;
  readonly organization?: string;
  /** Full config keys → values as strings (structured values as JSON). */
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
  readonly phase: Phase;
  readonly answers: EngineAnswers;
  /** Placeholder strings that stand for values unknown offline (undecryptable secrets). */
  readonly opaque?: readonly string[];
  readonly timeoutMs: number;
  /** Type-check the program as `pulumi preview` does by default (slow). */
  readonly typeCheck?: boolean;
  /** A directory whose node_modules serve programs that have none of their own. */
  readonly fallbackModulesDir: string;
  /** Where transpiled TypeScript is cached between runs (none: no cache). */
  readonly cacheDir?: string;
}

/** Where a failure points in the program's own files. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface ProgramFailure {
  readonly kind: "error" | "timeout" | "early-exit" | "never-finished" | "setup";
  readonly message: string;
  readonly location?: SourceLocation;
  /** The program's error as the language host reported it (stack included). */
  readonly detail?: string;
}

export interface SdkInfo {
  /** The language host script that ran the program. */
  readonly runPath: string;
  readonly version: string;
  /** False when the program has no `@pulumi/pulumi` of its own and ran with the check's. */
  readonly own: boolean;
}

export interface ProgramRun {
  readonly phase: Phase;
  readonly resources: EngineResource[];
  readonly remoteComponents: EngineResource[];
  readonly logs: LogEntry[];
  /** What the program wrote to stdout and stderr (the last lines, when there were many). */
  readonly output: string[];
  readonly invokes: ReadonlyMap<string, number>;
  readonly sdk: SdkInfo;
  /** Version skew between the program's dependencies and the check's (./versions.ts). */
  readonly versionWarnings: string[];
  readonly failure?: ProgramFailure;
  readonly ms: number;
}

const CHILD_PRELOAD = path.join(__dirname, "child-preload.js");
const MAX_OUTPUT_LINES = 400;
/** How long the language host may take to set up before the program's own timeout starts. */
const STARTUP_ALLOWANCE_MS = 120_000;

/** The CLI's `main` rules: the program directory (pwd) and the entry point given to the host. */
export function programLocation(rootDir: string, main: string | undefined) {
  if (!main) return { pwd: rootDir, entry: "." };
  if (path.isAbsolute(main)) throw new Error("project 'main' must be a relative path");
  const full = path.resolve(rootDir, main);
  if (full !== rootDir && !full.startsWith(rootDir + path.sep)) {
    throw new Error("project 'main' must be a subfolder");
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch (e) {
    throw new Error(`project 'main' could not be read: ${(e as Error).message}`);
  }
  return stat.isDirectory() ? { pwd: full, entry: "." } : { pwd: path.dirname(full), entry: full };
}

/** Resolves `@pulumi/pulumi/cmd/run` from `dir`, as the host's `locateModule` does. */
export function locateSdk(dir: string, fallbackModulesDir: string): SdkInfo {
  const find = (from: string) => {
    try {
      const runPath = require.resolve("@pulumi/pulumi/cmd/run", { paths: [from] });
      const pkg = JSON.parse(
        fs.readFileSync(path.join(path.dirname(runPath), "..", "..", "package.json"), "utf8"),
      );
      return { runPath, version: String(pkg.version) };
    } catch {
      return undefined;
    }
  };
  const own = find(dir);
  if (own) return { ...own, own: true };
  const ours = find(fallbackModulesDir);
  if (!ours) throw new Error(`no @pulumi/pulumi found from ${dir} or ${fallbackModulesDir}`);
  return { ...ours, own: false };
}

/** `type` of the nearest package.json above `dir` (the host runs "module" packages as ESM). */
function packageType(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const file = path.join(d, "package.json");
    if (fs.existsSync(file)) {
      try {
        return JSON.parse(fs.readFileSync(file, "utf8")).type;
      } catch {
        return undefined;
      }
    }
    if (path.dirname(d) === d) return undefined;
  }
}

/** The host's `parseOptions` (typescript on by default, tsconfig, nodeargs). */
function hostOptions(options: Readonly<Record<string, unknown>>) {
  const typescript = options.typescript ?? true;
  if (typeof typescript !== "boolean") throw new Error("typescript option must be a boolean");
  const tsconfig = options.tsconfig;
  if (tsconfig !== undefined && typeof tsconfig !== "string") {
    throw new Error("tsconfigpath option must be a string");
  }
  const nodeargs = options.nodeargs ?? "";
  if (typeof nodeargs !== "string") throw new Error("nodeargs option must be a string");
  return { typescript, tsconfig, nodeargs: nodeargs.split(/\s+/).filter(Boolean) };
}

/** `<namespace>:<name>` → `<namespace>:config:<name>`, as `constructConfig` sends config. */
function hostConfig(config: Readonly<Record<string, string>>): string {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(config)) {
    const i = k.indexOf(":");
    out[i < 0 ? k : `${k.slice(0, i)}:config:${k.slice(i + 1)}`] = v;
  }
  return JSON.stringify(out);
}

/** Frames of a stack that are in the program's own files (not node_modules, not Node). */
export function programFrames(text: string, programDir: string): SourceLocation[] {
  const out: SourceLocation[] = [];
  for (const line of text.split("\n")) {
    const m = /^\s*at (?:.*?\()?((?:file:\/\/)?\/[^()]+?):(\d+):(\d+)\)?\s*$/.exec(line);
    if (!m) continue;
    const file = m[1].startsWith("file://") ? new URL(m[1]).pathname : m[1];
    if (
      !file.startsWith(programDir + path.sep) ||
      file.includes(`${path.sep}node_modules${path.sep}`)
    )
      continue;
    out.push({ file, line: Number(m[2]), column: Number(m[3]) });
  }
  return out;
}

/** Runs the program once (one stack, one phase) and returns what the engine saw. */
export async function runProgram(opts: ProgramRunOptions): Promise<ProgramRun> {
  const started = Date.now();
  const { pwd, entry } = programLocation(opts.rootDir, opts.main);
  const sdk = locateSdk(pwd, opts.fallbackModulesDir);
  const host = hostOptions(opts.runtimeOptions ?? {});
  const engine = new OfflineEngine({
    project: opts.project,
    stack: opts.stack,
    phase: opts.phase,
    config: opts.config,
    answers: opts.answers,
    opaque: opts.opaque,
  });
  const address = await engine.listen();
  const sitesFile = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), "offline-check-")),
    "invoke-sites.jsonl",
  );
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // The check's own settings must not leak into the program's SDK.
    if (/^PULUMI_(NODEJS_|CONFIG)/.test(k) || k === "NODE_OPTIONS" || k.startsWith("TS_NODE_"))
      continue;
    env[k] = v;
  }
  env.PULUMI_CONFIG = hostConfig(opts.config);
  env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(opts.secretKeys);
  if (host.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (host.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = host.tsconfig;
  if (!opts.typeCheck) {
    env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
    env.TS_NODE_TRANSPILE_ONLY = "true";
  }
  env.NODE_OPTIONS = `--require ${JSON.stringify(CHILD_PRELOAD)}`;
  env.OFFLINE_INVOKE_SITES = sitesFile;
  if (opts.cacheDir && !opts.typeCheck)
    env.OFFLINE_TS_CACHE = path.join(opts.cacheDir, "typescript");
  if (opts.cacheDir) env.OFFLINE_CODE_CACHE = path.join(opts.cacheDir, "v8");
  if (packageType(pwd) === "module") env.OFFLINE_ESM_SOURCE_MAPS = "true";
  if (!sdk.own) {
    // The program has no dependencies installed: lend it this project's (CommonJS only).
    env.NODE_PATH = path.join(opts.fallbackModulesDir, "node_modules");
  }
  const args = [
    ...host.nodeargs,
    ...(process.env.OFFLINE_CHILD_PROF
      ? ["--cpu-prof", `--cpu-prof-dir=${process.env.OFFLINE_CHILD_PROF}`]
      : []),
    sdk.runPath,
    "--monitor",
    address,
    "--engine",
    address,
    "--organization",
    opts.organization ?? "organization",
    "--project",
    opts.project,
    "--root-directory",
    opts.rootDir,
    "--stack",
    opts.stack,
    "--pwd",
    pwd,
    "--dry-run",
    "--parallel",
    "16",
    entry,
  ];
  const output: string[] = [];
  let dropped = 0;
  const collect = (chunk: Buffer, pending: { text: string }) => {
    pending.text += chunk.toString("utf8");
    const lines = pending.text.split("\n");
    pending.text = lines.pop() ?? "";
    for (const l of lines) {
      output.push(l);
      if (output.length > MAX_OUTPUT_LINES) {
        output.shift();
        dropped++;
      }
    }
  };
  let timedOut = false;
  const exit = await new Promise<{ code: number | null; signal: string | null; error?: Error }>(
    (resolve) => {
      const child = spawn(process.execPath, args, {
        cwd: pwd,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      const outPending = { text: "" };
      const errPending = { text: "" };
      child.stdout.on("data", (c: Buffer) => collect(c, outPending));
      child.stderr.on("data", (c: Buffer) => collect(c, errPending));
      const stop = () => {
        timedOut = true;
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 2000).unref();
      };
      // The timeout is the program's: it starts when the host has set up and registers the
      // stack, so a loaded machine's slow start does not count; a host that never gets there
      // is stopped after the timeout plus a start-up allowance.
      let timer = setTimeout(stop, opts.timeoutMs + STARTUP_ALLOWANCE_MS);
      engine.onProgramStart = () => {
        clearTimeout(timer);
        timer = setTimeout(stop, opts.timeoutMs);
      };
      const stopChild = () => child.kill("SIGKILL");
      process.once("exit", stopChild);
      child.on("error", (error) => resolve({ code: null, signal: null, error }));
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        process.off("exit", stopChild);
        for (const p of [outPending, errPending]) if (p.text) output.push(p.text);
        resolve({ code, signal });
      });
    },
  );
  engine.close();
  if (dropped) output.unshift(`(${dropped} earlier lines of program output not kept)`);
  const { sites, intervals } = readSites(sitesFile);
  fs.rmSync(path.dirname(sitesFile), { recursive: true, force: true });
  const failure = diagnose({ engine, exit, timedOut, opts, pwd, output, sites, intervals });
  return {
    phase: opts.phase,
    resources: engine.resources,
    remoteComponents: engine.remoteComponents,
    logs: engine.logs,
    output,
    invokes: engine.invokes,
    sdk,
    versionWarnings: versionWarnings(pwd, opts.fallbackModulesDir),
    failure,
    ms: Date.now() - started,
  };
}

/** The call site the preload records for the program's own `process.exit`. */
const EXIT_SITE = "process.exit";

type Site = SourceLocation & { readonly code?: unknown };

/** Interval timers the program started and never cleared. */
type Interval = SourceLocation & { readonly ms: number };

function readSites(file: string): { sites: Map<string, Site>; intervals: Interval[] } {
  const sites = new Map<string, Site>();
  const intervals = new Map<number, Interval>();
  if (!fs.existsSync(file)) return { sites, intervals: [] };
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line) continue;
    try {
      const s = JSON.parse(line);
      if (s.token === "setInterval") {
        intervals.set(s.id, { file: s.file, line: s.line, column: s.column, ms: s.ms });
      } else if (s.token === "clearInterval") {
        intervals.delete(s.id);
      } else if (!sites.has(s.token))
        sites.set(s.token, { file: s.file, line: s.line, column: s.column, code: s.code });
    } catch {
      // a torn line: ignore
    }
  }
  return { sites, intervals: [...intervals.values()] };
}

const UNHANDLED = /^Running program '.*' failed with an unhandled exception:\s*/s;

/** The verdict on how the run ended, from what the engine saw (never from the exit code alone). */
function diagnose(ctx: {
  engine: OfflineEngine;
  exit: { code: number | null; signal: string | null; error?: Error };
  timedOut: boolean;
  opts: ProgramRunOptions;
  pwd: string;
  output: string[];
  sites: Map<string, Site>;
  intervals: Interval[];
}): ProgramFailure | undefined {
  const { engine, exit, opts } = ctx;
  if (exit.error) {
    return { kind: "setup", message: `could not start Node.js: ${exit.error.message}` };
  }
  const last = engine.resources[engine.resources.length - 1];
  if (ctx.timedOut) {
    const timer = ctx.intervals[0];
    const where = (l: SourceLocation) => `${path.relative(ctx.pwd, l.file) || l.file}:${l.line}`;
    const pending = ctx.intervals.length
      ? `; still pending: ${ctx.intervals
          .map((t) => `a setInterval timer (every ${t.ms} ms) started at ${where(t)}`)
          .join(", ")}, never cleared`
      : "; no request of the program was waiting on the engine, so it waits on something of " +
        "its own (a timer, a socket, a promise that never settles)";
    if (!engine.rootUrn) {
      return {
        kind: "timeout",
        message:
          `the language host did not start the program within ` +
          `${Math.round((opts.timeoutMs + STARTUP_ALLOWANCE_MS) / 1000)} s (--timeout plus ` +
          `${STARTUP_ALLOWANCE_MS / 1000} s to set up)`,
      };
    }
    return {
      kind: "timeout",
      message:
        `the program did not finish within ${Math.round(opts.timeoutMs / 1000)} s of starting ` +
        `(--timeout); it had registered ${engine.resources.length} resources` +
        (last ? `, the last ${last.urn}` : "") +
        pending,
      location: timer ? { file: timer.file, line: timer.line, column: timer.column } : undefined,
    };
  }
  const errors = engine.logs.filter((l) => l.severity === "error");
  if (errors.length > 0) {
    const first = errors[0];
    const text = stripAnsi(first.message).replace(UNHANDLED, "");
    const message = errorMessage(text);
    // A failed invoke names its token, whatever the wording: the first recorded call site of a
    // token the message names is where the program asked.
    const invoked = [...ctx.sites.keys()].find(
      (token) => token !== EXIT_SITE && message.includes(token),
    );
    const location =
      compilerLocation(text, ctx.pwd) ??
      programFrames(text, ctx.pwd)[0] ??
      (invoked ? ctx.sites.get(invoked) : undefined) ??
      sourceOfUrn(engine, first.urn);
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error(s))` : "";
    return { kind: "error", message: message + more, location, detail: text };
  }
  const exitSite = ctx.sites.get(EXIT_SITE);
  if (exitSite && !engine.stackOutputsRegistered) {
    const { code, ...location } = exitSite;
    return {
      kind: "early-exit",
      message:
        `the program called process.exit(${code ?? ""}) before it finished; a Pulumi program ` +
        "must end by returning from its main code, or what it registered is incomplete",
      location,
    };
  }
  if (exit.code !== 0) {
    const tail = ctx.output.filter((l) => l.trim()).slice(-15);
    const text = stripAnsi(tail.join("\n"));
    return {
      kind: "error",
      message:
        exit.code === null
          ? `the program was killed by ${exit.signal}`
          : `the program exited with code ${exit.code}` +
            (tail.length ? `: ${errorMessage(text)}` : ""),
      location: programFrames(text, ctx.pwd)[0],
      detail: text || undefined,
    };
  }
  if (!engine.stackOutputsRegistered) {
    return engine.shutdownSignalled
      ? {
          kind: "never-finished",
          message:
            "the program never finished: its main code awaits something that never settles " +
            "during a preview (a promise on an output that is unknown until apply, or a " +
            "promise that never resolves)",
        }
      : {
          kind: "early-exit",
          message:
            "the program exited before it finished (process.exit() or process.exitCode " +
            "while resources were still being registered); a Pulumi program must end by " +
            "returning from its main code",
        };
  }
  return undefined;
}

export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

/** The error's own message: its lines before the stack, without a plain `Error: ` prefix. */
export function errorMessage(text: string): string {
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    if (/^\s+at /.test(line)) break;
    lines.push(line);
  }
  // `util.inspect` marks an error that refers to itself (an invoke's error holds its own
  // rejected promise) with `<ref *1>`.
  const message = lines
    .join("\n")
    .trim()
    .replace(/^<ref \*\d+> /, "")
    .replace(/^Error: /, "");
  const ts = /^TSError: ⨯ Unable to compile TypeScript:\s*([\s\S]*)$/.exec(message);
  if (ts) return `TypeScript could not compile the program: ${ts[1].trim()}`;
  return message || "unknown error";
}

/** `file(line,col): error TSnnnn` in a TypeScript diagnostic, resolved against the program. */
function compilerLocation(text: string, programDir: string): SourceLocation | undefined {
  const m = /^(\S[^\n(]*?)\((\d+),(\d+)\): error TS\d+/m.exec(text);
  if (!m) return undefined;
  return { file: path.resolve(programDir, m[1]), line: Number(m[2]), column: Number(m[3]) };
}

function sourceOfUrn(engine: OfflineEngine, urn: string | undefined): SourceLocation | undefined {
  const src = urn ? engine.resources.find((r) => r.urn === urn)?.source : undefined;
  if (!src) return undefined;
  const file = src.uri.startsWith("file://") ? new URL(src.uri).pathname : src.uri;
  return { file, line: src.line, column: src.column };
}
