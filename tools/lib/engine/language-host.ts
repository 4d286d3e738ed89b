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
// process group that ends with the run (./process-group.ts). The environment and command line
// the host starts with: ./host-environment.ts; what a run takes and gives back: ./program-run.ts.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { diagnose, readSites, STARTUP_ALLOWANCE_MS } from "./diagnose";
import { leftUnknownAtApply } from "./left-unknown";
import { stopReported } from "./stop-reported";
import { wasBusy } from "./busy";
import { OWN_GROUP, signalGroup } from "./process-group";
import { OfflineEngine } from "./monitor";
import { hostArguments, hostEnvironment, type HostOptions } from "./host-environment";
import type { ProgramRun, ProgramRunOptions } from "./program-run";
import { hostOptions } from "./runtime-options";
import { usedPackages, versionWarnings } from "./versions";
import { traceRun, tracing } from "./trace";
import { tokenAt } from "./invoke-sites";
import { explainLentPackages } from "./lent-packages";
import { locateSdk, programLocation, unlocatableSdk } from "./program-location";

export type {
  ProgramFailure,
  ProgramRun,
  ProgramRunOptions,
  SdkInfo,
  SourceLocation,
} from "./program-run";

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
  let host: HostOptions = {
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
  const env = hostEnvironment(opts, host, sdk, pwd, sitesFile);
  const args = hostArguments(opts, host, sdk, address, pwd, entry);
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
