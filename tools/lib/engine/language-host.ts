// Runs a Pulumi Node.js program the way `pulumi preview` does: through the language host that
// ships inside the program's own `@pulumi/pulumi` (`cmd/run`), in a child process, connected to
// the offline engine (./monitor.ts) as the CLI's engine would be. What the Go side of the host
// does is mirrored from pulumi/pulumi `sdk/nodejs/cmd/pulumi-language-nodejs/main.go`
// (`Run`, `execRuntime`, `constructArguments`, `constructConfig`, `parseOptions`, `locateModule`;
// the options and the splitting of `nodeargs` in ./runtime-options.ts):
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
// compile that costs 10-15 s); a preload (./child-preload.js) that changes nothing observable
// makes the run cheaper, except that in the apply phase an `apply` callback failing on what an
// offline run lacks gives an unknown result, as at preview (./apply-unknowns.js). The child is
// isolated: its exit code, `process.exit` or a hang never decide the verdict, and it leads a
// process group that ends with the run (./process-group.ts).
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { diagnose, DryRunSite, readSites, STARTUP_ALLOWANCE_MS } from "./diagnose";
import { leftUnknownAtApply, type LeftUnknown } from "./left-unknown";
import { stopReported } from "./stop-reported";
import { hostConfig } from "./host-config";
import { wasBusy } from "./busy";
import { OWN_GROUP, signalGroup } from "./process-group";
import type { EngineAnswers, Phase } from "./answers";
import { LogEntry, OfflineEngine, EngineResource } from "./monitor";
import { hostOptions, programNodeOptions } from "./runtime-options";
import { nearestPackageJson, usedPackages, versionWarnings } from "./versions";
import { traceRun, tracing } from "./trace";
import { tokenAt } from "./invoke-sites";
import { explainLentPackages, lentEnvironment } from "./lent-packages";
import { locateSdk, programLocation, unlocatableSdk } from "./program-location";
import type { UndecryptableRead } from "./sites-file";

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
  /**
   * The `secure:` keys the check cannot decrypt (full key → the value the program gets): their
   * typed reads give an unknown or a recorded stand-in (./secret-config-reads.js).
   */
  readonly undecryptable?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Type-check the program as `pulumi preview` does by default (slow). */
  readonly typeCheck?: boolean;
  /** A directory whose node_modules serve programs that have none of their own. */
  readonly fallbackModulesDir: string;
  /** Where transpiled TypeScript is cached between runs (none: no cache). */
  readonly cacheDir?: string;
  /** Called with each registration as the engine records it (the policies judge it meanwhile). */
  readonly onRegistered?: (r: EngineResource) => void;
  /** Stops the program's language host when aborted (its run is then of no use to the caller). */
  readonly signal?: AbortSignal;
  /** Called once the program's process is started (the caller may load what it needs later). */
  readonly onSpawned?: () => void;
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
  /** The error the run is reported at, the first it logged (stack included); detail has all. */
  readonly reported?: string;
  /** True when the program logged that error itself (`pulumi.log.error` from its own code). */
  readonly loggedByProgram?: boolean;
  /** True when the program itself logged one of the errors after it (`pulumi.log.error`). */
  readonly laterLoggedByProgram?: boolean;
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
  /** Invokes nothing answered (`token (file:line)`), whether or not the program caught it. */
  readonly unanswered: string[];
  readonly sdk: SdkInfo;
  /** Version skew between the program's dependencies and the check's (./versions.ts). */
  readonly versionWarnings: string[];
  readonly failure?: ProgramFailure;
  readonly ms: number;
  /**
   * The config keys the program read a value of (full keys), each with the program's line that
   * first read it when there is one (./config-sites.js).
   */
  readonly configReads: ReadonlyMap<string, SourceLocation | undefined>;
  /** Where code outside the SDK asked `isDryRun()` (always true here: ./dry-run-sites.js). */
  readonly dryRunAsked: readonly DryRunSite[];
  /** Pulumi CLI queries the check answered itself (`call (file:line)`: ./automation-guard.js). */
  readonly cliAnswered: readonly string[];
  /**
   * Apply phase: `apply` callbacks that failed on what an offline run lacks, their results left
   * unknown as at preview (./apply-unknowns.js).
   */
  readonly leftUnknown: readonly LeftUnknown[];
  /**
   * Apply phase, a run that failed: what an offline run lacks that the error ending it failed on,
   * outside any `apply` (an invoke nothing answers, a command that cannot run, a host it cannot
   * reach; ./apply-stopped.js `recordStop`), placed in the program. Undefined for any other error
   * (the program's own, a provider's validation).
   */
  readonly stoppedAt?: LeftUnknown;
  /** Typed reads of `secure:` keys the check cannot decrypt (./secret-config-reads.js). */
  readonly undecryptableReads: readonly UndecryptableRead[];
}

const CHILD_PRELOAD = path.join(__dirname, "child-preload.js");
/** The token ./automation-guard.js records a CLI query it answered under. */
const CLI_ANSWERED = "cli-answered:";
const MAX_OUTPUT_LINES = 400;

export { errorMessage, programFrames, stripAnsi } from "./diagnose";
export { explainLentPackages } from "./lent-packages";
export { locateSdk, programLocation, yarnPnpManifest } from "./program-location";

/** Runs the program once (one stack, one phase) and returns what the engine saw. */
export async function runProgram(opts: ProgramRunOptions): Promise<ProgramRun> {
  const started = Date.now();
  const { pwd, entry } = programLocation(opts.rootDir, opts.main);
  const sdk = locateSdk(pwd, opts.fallbackModulesDir);
  let host: ReturnType<typeof hostOptions> = {
    typescript: true,
    tsconfig: undefined,
    nodeargs: [],
  };
  let unlocatable = sdk.own ? undefined : unlocatableSdk(pwd);
  try {
    host = hostOptions(opts.runtimeOptions ?? {});
  } catch (err) {
    // The host answers the run with this error and never starts Node (`execRuntime`).
    unlocatable = `Pulumi.yaml runtime.options: ${(err as Error).message}`;
  }
  if (unlocatable) {
    return {
      phase: opts.phase,
      resources: [],
      remoteComponents: [],
      logs: [],
      output: [],
      invokes: new Map(),
      unanswered: [],
      configReads: new Map(),
      dryRunAsked: [],
      cliAnswered: [],
      leftUnknown: [],
      undecryptableReads: [],
      sdk,
      versionWarnings: [],
      failure: { kind: "setup", message: unlocatable },
      ms: Date.now() - started,
    };
  }
  const engine = new OfflineEngine({
    project: opts.project,
    stack: opts.stack,
    phase: opts.phase,
    config: opts.config,
    answers: opts.answers,
    opaque: opts.opaque,
    programDir: opts.rootDir,
    programPwd: pwd,
  });
  const trace = traceRun(`engine:${opts.phase}`, opts.onRegistered);
  engine.onRegistered = trace.onRegistered;
  // With OFFLINE_CHECK_TRACE, the timeline also shows the last call of each of these (./trace.js).
  if (tracing)
    for (const m of ["registerOutputs", "signalShutdown", "invoke"] as const) {
      const call = engine[m] as (...a: unknown[]) => unknown;
      engine[m] = ((...a: unknown[]) => (trace.note(m), call.apply(engine, a))) as never;
    }
  const address = await engine.listen();
  const sitesFile = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), "offline-check-")),
    "invoke-sites.jsonl",
  );
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // The check's own settings must not leak into the program's SDK (the user's NODE_OPTIONS
    // are passed on below, after the check's preload).
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
  env.NODE_OPTIONS = programNodeOptions(CHILD_PRELOAD, process.env.NODE_OPTIONS);
  env.OFFLINE_INVOKE_SITES = sitesFile;
  // The setMocks guard is armed in this process alone, never in the processes the program starts
  // (its own unit tests may call setMocks there): child-preload.js, item 16.
  env.OFFLINE_GUARD_MOCKS = "true";
  // The apply phase leaves unknown what an offline run cannot compute inside `apply`: item 19.
  if (opts.phase === "apply") env.OFFLINE_APPLY_UNKNOWNS = "true";
  if (opts.undecryptable && Object.keys(opts.undecryptable).length > 0)
    env.OFFLINE_UNDECRYPTABLE_CONFIG = JSON.stringify(opts.undecryptable);
  if (opts.cacheDir && !opts.typeCheck)
    env.OFFLINE_TS_CACHE = path.join(opts.cacheDir, "typescript");
  if (opts.cacheDir) env.OFFLINE_CODE_CACHE = path.join(opts.cacheDir, "v8");
  if (nearestPackageJson(pwd)?.pkg.type === "module") env.OFFLINE_ESM_SOURCE_MAPS = "true";
  if (tracing) env.OFFLINE_CHECK_TRACE_AS = `program:${opts.phase}`;
  if (!sdk.own) {
    Object.assign(
      env,
      lentEnvironment(opts.fallbackModulesDir, !!opts.typeCheck && host.typescript),
    );
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
  let busy: boolean | undefined;
  const exit = await new Promise<{ code: number | null; signal: string | null; error?: Error }>(
    (resolve) => {
      trace.event("spawn");
      const child = spawn(process.execPath, args, {
        cwd: pwd,
        env,
        stdio: ["ignore", "pipe", "pipe"],
        detached: OWN_GROUP,
      });
      opts.onSpawned?.();
      const [outPending, errPending] = [{ text: "" }, { text: "" }];
      child.stdout.on("data", (c: Buffer) => collect(c, outPending));
      child.stderr.on("data", (c: Buffer) => collect(c, errPending));
      const stop = () => {
        timedOut = true;
        void wasBusy(child.pid).then((b) => {
          busy = b;
          signalGroup(child, "SIGTERM");
          setTimeout(() => signalGroup(child, "SIGKILL"), 2000).unref();
        });
      };
      // The timeout is the program's, from the host's registering the stack (a loaded machine's
      // slow start does not count); a host never getting there has a start-up allowance more.
      let timer = setTimeout(stop, opts.timeoutMs + STARTUP_ALLOWANCE_MS);
      engine.onProgramStart = () => {
        trace.event("program-start");
        clearTimeout(timer);
        timer = setTimeout(stop, opts.timeoutMs);
      };
      const stopChild = () => signalGroup(child, "SIGKILL");
      process.once("exit", stopChild);
      if (opts.signal?.aborted) stopChild();
      opts.signal?.addEventListener("abort", stopChild, { once: true });
      child.on("error", (error) => resolve({ code: null, signal: null, error }));
      child.on("close", (code, signal) => {
        signalGroup(child, "SIGKILL"); // what the program started and left running
        clearTimeout(timer);
        process.off("exit", stopChild);
        opts.signal?.removeEventListener("abort", stopChild);
        for (const p of [outPending, errPending]) if (p.text) output.push(p.text);
        resolve({ code, signal });
      });
    },
  );
  engine.close();
  trace.exited();
  if (dropped) output.unshift(`(${dropped} earlier lines of program output not kept)`);
  const {
    sites,
    intervals,
    network,
    invokers,
    configReads,
    dryRun,
    applyUnknown,
    applyStopped,
    undecryptableReads,
  } = readSites(sitesFile);
  fs.rmSync(path.dirname(sitesFile), { recursive: true, force: true });
  const failure = diagnose({
    engine,
    exit,
    timedOut,
    busy,
    opts,
    pwd,
    output,
    sites,
    intervals,
    network,
    invokers,
    leftUnknownUrns: new Set(applyUnknown.flatMap((u) => (u.urn ? [u.urn] : []))),
    stop: applyStopped,
  });
  explainLentPackages(output, pwd, opts.fallbackModulesDir);
  const stoppedAt =
    opts.phase === "apply"
      ? stopReported(failure, applyStopped, engine, sites, invokers)
      : undefined;
  return {
    phase: opts.phase,
    resources: engine.resources,
    remoteComponents: engine.remoteComponents,
    logs: engine.logs,
    output,
    invokes: engine.invokes,
    unanswered: [...engine.unanswered].map((token) => tokenAt(token, sites, pwd)),
    sdk,
    versionWarnings: versionWarnings(
      pwd,
      opts.fallbackModulesDir,
      failure
        ? undefined
        : usedPackages([
            ...[...engine.resources, ...engine.remoteComponents].map((r) => r.type),
            ...engine.invokes.keys(),
          ]),
    ),
    failure,
    ms: Date.now() - started,
    configReads,
    dryRunAsked: dryRun,
    cliAnswered: [...sites.keys()]
      .filter((t) => t.startsWith(CLI_ANSWERED))
      .map((t) => tokenAt(t, sites, pwd).slice(CLI_ANSWERED.length)),
    leftUnknown: leftUnknownAtApply(applyUnknown, engine, sites, invokers),
    ...(stoppedAt ? { stoppedAt } : {}),
    undecryptableReads,
  };
}
