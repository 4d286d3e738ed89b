// The policy pack as `pulumi preview --policy-pack <dir>` runs it: its own process, spoken to over
// the analyzer protocol, each resource judged as the engine sends it. One process serves a whole
// check (every stack, every phase); each `analyze` call is one engine run: ConfigureStack, then
// Analyze for every registration, then AnalyzeStack with every resource.
//
// Mirrored from pulumi/pulumi (see also ./marshal.ts, ./pack-process.ts, ./policy-config.ts):
// - sdk/go/common/resource/plugin/analyzer_plugin.go, `NewPolicyAnalyzer`: Handshake (an
//   Unimplemented answer is fine) with the engine address and the pack folder as root and program
//   directory; ConfigureStack with stack, project, organization, tags, dry-run flag, config and
//   secret config keys; `GetAnalyzerInfo` (the PulumiPolicy.yaml version wins, `enforcementLevel`
//   added to every config schema); `Configure`; `convertDiagnostics` (PulumiPolicy.yaml version,
//   the policy's severity when the diagnostic has none); `Cancel` (Unimplemented is fine).
// - pkg/engine/plugins.go, `installAndLoadPolicyPlugins`: GetAnalyzerInfo, reconcile and validate
//   the config, Configure — before the program runs.
// - pkg/resource/deploy/step_generator.go, `continueStepsFromImport`: every registration (custom
//   and component resources, providers, default providers and the root stack, not reads) goes
//   through Remediate and then Analyze with its inputs; a diagnostic's level `remediate` counts as
//   mandatory, and it is reported against the registration's URN whatever URN it names.
//   `AnalyzeResources`: AnalyzeStack once with every resource of the deployment, reads included,
//   with outputs; a diagnostic naming no resource of the stack goes to the default root stack URN.
//
// Where it differs from a CLI run, and why:
// - One process serves every stack and phase of a check (the CLI starts one per run), so the
//   variables the CLI puts in a pack's environment at start for its one stack (PULUMI_CONFIG,
//   PULUMI_[NODEJS_]PROJECT/STACK/ORGANIZATION/DRY_RUN) are not set; the same facts reach the pack
//   with ConfigureStack before each run, the dry-run flag as the CLI sets it for that deployment
//   (tools/check/judge.ts). (This pack reads none of them.)
// - Three switches of ./pack-preload.js: a compile cache (a pack with unchanged sources is not
//   type-checked again), one decoding of a resource's properties per request instead of one per
//   policy, and one encoding of each (policy, reason) of the SDK's not-applicable entries instead
//   of one per entry (the same bytes). None changes what a policy sees or what the pack answers.
// - Calls go out 32 at a time (`concurrency`), where the engine sends one registration at a time:
//   each Analyze call stands alone in the SDK, and the withheld findings the pack's waiver report
//   collects are grouped per run, not per order. With `begin`, registrations are analyzed while
//   the program runs, as the engine does; a run's calls still come between its ConfigureStack and
//   its AnalyzeStack, and another run waits its turn.
// - No provider runs: inputs are the program's, not the provider-checked ones (see ./marshal.ts).
import * as fs from "fs";
import * as path from "path";
import type { EnforcementLevel } from "@pulumi/policy";
import type { RecordedResource } from "../recorder";
import type { AnalyzeContext, AnalyzerOptions, PolicyDiagnostic } from "./analyzer-types";
import { PackCalls } from "./analyzer-calls";
import { RequestBuilder } from "./marshal";
import { AnalyzerError, loadPolicyProject, PackProcess, PackProject } from "./pack-process";
import {
  parsePolicyPackConfig,
  PolicyConfigError,
  PolicyPackConfig,
  reconcilePolicyPackConfig,
} from "./policy-config";
import { emptypb } from "./proto";
import { AnalyzerInfo, configure, getAnalyzerInfo, handshake, unary } from "./protocol";

export { AnalyzerError } from "./pack-process";
export type { AnalyzerInfo, AnalyzerPolicyInfo } from "./protocol";
export { toPolicyReport } from "./report";

/** A run analyzed while its program runs (`Analyzer.begin`). */
export interface AnalyzeSession {
  /** A registration (not a read), as the engine makes it. */
  add(r: RecordedResource): void;
  /**
   * The program ended; `resources` is every resource of the run in the order to report them:
   * AnalyzeStack, then every diagnostic, as `analyze` returns them for `resources`.
   */
  finish(resources: readonly RecordedResource[]): Promise<PolicyDiagnostic[]>;
  /** The program failed: the run ends without AnalyzeStack, and the next run may start. */
  abandon(): void;
}

export type { AnalyzeContext, AnalyzerOptions, PolicyDiagnostic } from "./analyzer-types";

/** The default compile cache: `.cache/policy-pack-compile` in the nearest node_modules. */
function defaultCacheDir(packDir: string): string | undefined {
  for (let d = packDir; ; d = path.dirname(d)) {
    const nm = path.join(d, "node_modules");
    if (fs.existsSync(nm)) return path.join(nm, ".cache", "policy-pack-compile");
    if (path.dirname(d) === d) return undefined;
  }
}

export class Analyzer {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly calls: PackCalls;
  /** The config last sent, in the form it was given (undefined: the one from `start`). */
  private configKey: string | undefined;

  private constructor(
    private readonly pack: PackProcess,
    private readonly project: PackProject,
    readonly info: AnalyzerInfo,
    /** The config sent with Configure (every policy's level and properties). */
    private config: PolicyPackConfig,
    /** Names the config gave that are no policy of the pack. */
    readonly unknownPolicies: readonly string[],
    private readonly concurrency: number,
    analyzeTimeoutMs: number,
    /** Wall time of the start (process, load, info, config), in milliseconds. */
    readonly startupMs: number,
  ) {
    this.calls = new PackCalls(pack, project, info, analyzeTimeoutMs);
  }

  /** Each policy's level as configured (the engine updates its info the same way on Configure). */
  get levels(): ReadonlyMap<string, EnforcementLevel> {
    return new Map(
      this.info.policies.map((p) => [
        p.name,
        this.config[p.name]?.enforcementLevel || p.enforcementLevel,
      ]),
    );
  }

  /** The pack process's id (for measurements). */
  get pid(): number | undefined {
    return this.pack.child.pid;
  }

  /** What the pack process printed (its console output, stack traces of a crash). */
  get output(): readonly string[] {
    return this.pack.output;
  }

  /**
   * Starts the pack, reads its info and configures it. A pack that does not start, or a config
   * that does not fit it, is an AnalyzerError with the CLI's message; the process is stopped.
   */
  static async start(opts: AnalyzerOptions): Promise<Analyzer> {
    const started = Date.now();
    const project = loadPolicyProject(opts.packDir);
    let given: PolicyPackConfig | undefined;
    try {
      if (opts.configFile) {
        let text: string;
        try {
          text = fs.readFileSync(opts.configFile, "utf8");
        } catch (e) {
          const err = e as NodeJS.ErrnoException;
          const why = err.code === "ENOENT" ? "no such file or directory" : err.message;
          throw new PolicyConfigError(`open ${opts.configFile}: ${why}`);
        }
        given = parsePolicyPackConfig(text);
      }
      if (opts.config) {
        given = { ...given, ...parsePolicyPackConfig(JSON.stringify(opts.config)) };
      }
    } catch (e) {
      if (e instanceof PolicyConfigError) throw new AnalyzerError(e.message);
      throw e;
    }
    const cache =
      opts.compileCache === false
        ? undefined
        : typeof opts.compileCache === "string"
          ? path.resolve(opts.compileCache)
          : defaultCacheDir(project.dir);
    const engineAddress = opts.engineAddress ?? "127.0.0.1:0";
    const pack = await PackProcess.start({
      project,
      engineAddress,
      compileCache: cache,
      startTimeoutMs: opts.startTimeoutMs ?? 180_000,
      shareDecoded: opts.shareDecoded ?? true,
      shareEncoded: opts.shareEncoded ?? true,
      signal: opts.signal,
    });
    try {
      await handshake(pack, project, engineAddress);
      const info = await getAnalyzerInfo(
        pack,
        project,
        cache === undefined ? undefined : path.join(cache, "analyzer-info"),
      );
      let reconciled = { config: {} as PolicyPackConfig, unknownPolicies: [] as string[] };
      if (info.supportsConfig) {
        try {
          reconciled = {
            ...reconcilePolicyPackConfig(info, info.policies, info.initialConfig, given),
          } as typeof reconciled;
        } catch (e) {
          if (e instanceof PolicyConfigError) throw new AnalyzerError(e.message);
          throw e;
        }
      } else if (given) {
        throw new AnalyzerError(
          `policy pack "${info.name}" at "${opts.packDir}" does not support config`,
        );
      }
      await configure(pack, info, reconciled.config, opts.packDir);
      return new Analyzer(
        pack,
        project,
        info,
        reconciled.config,
        reconciled.unknownPolicies,
        opts.concurrency ?? 32,
        opts.analyzeTimeoutMs ?? 20 * 60_000,
        Date.now() - started,
      );
    } catch (e) {
      await pack.close();
      throw e;
    }
  }

  /**
   * Sends another policy config (in `--policy-pack-config` form, reconciled and validated as at
   * start). For tools that judge many small cases with one process, such as the differential test.
   */
  async reconfigure(config: Record<string, unknown>): Promise<void> {
    await this.serial(() => this.configureWith(config));
  }

  /**
   * One engine run over a stack's resources (in registration order): every diagnostic. With
   * `policyConfig` (in `--policy-pack-config` form), the pack is configured with it first when it
   * differs from the config it has, within the same turn (no other run comes in between).
   */
  analyze(
    ctx: AnalyzeContext,
    resources: readonly RecordedResource[],
    opts: { readonly policyConfig?: Record<string, unknown> } = {},
  ): Promise<PolicyDiagnostic[]> {
    return this.serial(async () => {
      if (opts.policyConfig) await this.configureWith(opts.policyConfig);
      return this.run(ctx, resources);
    });
  }

  /** Reconciles, validates and sends a config, unless it is the one the pack already has. */
  private async configureWith(given: Record<string, unknown>): Promise<void> {
    const key = JSON.stringify(given);
    if (key === this.configKey) return;
    let reconciled;
    try {
      reconciled = reconcilePolicyPackConfig(
        this.info,
        this.info.policies,
        this.info.initialConfig,
        parsePolicyPackConfig(key),
      );
    } catch (e) {
      if (e instanceof PolicyConfigError) throw new AnalyzerError(e.message);
      throw e;
    }
    this.configKey = undefined;
    await configure(this.pack, this.info, reconciled.config, this.project.dir);
    this.config = reconciled.config;
    this.configKey = key;
  }

  /** Stops the pack process (the engine's plugin.Close); cancels work still in flight first. */
  async close(): Promise<void> {
    if (this.calls.busy > 0 && this.pack.alive) {
      await unary(this.pack, "cancel", new emptypb.Empty(), 2000).catch(() => undefined);
    }
    await this.pack.close();
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private remediating(): boolean {
    return Object.values(this.config).some((c) => c.enforcementLevel === "remediate");
  }

  private async run(
    ctx: AnalyzeContext,
    resources: readonly RecordedResource[],
  ): Promise<PolicyDiagnostic[]> {
    const { done } = this.calls.startRun();
    try {
      await this.calls.configureStack(ctx);
      const builder = new RequestBuilder(resources);
      const registered = resources.filter((r) => !r.external);
      const remediating = this.remediating();
      const perResource: PolicyDiagnostic[][] = new Array(registered.length);
      let next = 0;
      const worker = async () => {
        while (next < registered.length) {
          const i = next++;
          perResource[i] = await this.calls.analyzeOne(builder, registered[i], remediating);
        }
      };
      await Promise.all(
        Array.from({ length: Math.min(this.concurrency, registered.length) }, worker),
      );
      return await this.calls.finishRun(ctx, resources, perResource);
    } finally {
      done();
    }
  }

  /**
   * One engine run whose registrations are analyzed while the program still runs, as the engine
   * analyzes each registration when it is made (step_generator.go, `continueStepsFromImport`),
   * and AnalyzeStack once it has ended. The run takes its turn like `analyze` (ConfigureStack,
   * the registrations, AnalyzeStack, no other run in between): registrations given before then
   * wait. Every Analyze call stands alone in the SDK, so the diagnostics are those `analyze`
   * returns for the same resources, in the same order (`finish`'s). `policyConfig` as for
   * `analyze`.
   */
  begin(
    ctx: AnalyzeContext,
    opts: { readonly policyConfig?: Record<string, unknown> } = {},
  ): AnalyzeSession {
    const waiting: RecordedResource[] = [];
    let analyzeNow: ((r: RecordedResource) => void) | undefined;
    let end!: (resources: readonly RecordedResource[] | undefined) => void;
    const ended = new Promise<readonly RecordedResource[] | undefined>((r) => (end = r));
    const turn = this.serial(async () => {
      if (opts.policyConfig) await this.configureWith(opts.policyConfig);
      // The watchdog starts when the program ends: a long program is not the pack's delay.
      const { watch, done } = this.calls.startRun(false);
      const results = new Map<string, Promise<PolicyDiagnostic[]>>();
      try {
        await this.calls.configureStack(ctx);
        const builder = new RequestBuilder([]);
        const remediating = this.remediating();
        let running = 0;
        const queued: (() => void)[] = [];
        const slot = () =>
          running < this.concurrency
            ? Promise.resolve(running++)
            : new Promise<void>((resolve) => queued.push(resolve));
        const release = () => {
          const next = queued.shift();
          if (next) next();
          else running--;
        };
        analyzeNow = (r) => {
          builder.add(r);
          if (r.external || results.has(r.urn)) return;
          const result = slot().then(() =>
            this.calls.analyzeOne(builder, r, remediating).finally(release),
          );
          result.catch(() => undefined); // reported by `finish`
          results.set(r.urn, result);
        };
        for (const r of waiting.splice(0)) analyzeNow(r);
        const resources = await ended;
        watch();
        if (!resources) {
          await Promise.allSettled(results.values());
          return [];
        }
        // A registration the session was not given is analyzed now, as `analyze` would.
        for (const r of resources) if (!results.has(r.urn)) analyzeNow(r);
        const perResource = await Promise.all(
          resources.filter((r) => !r.external).map((r) => results.get(r.urn)!),
        );
        return await this.calls.finishRun(ctx, resources, perResource);
      } finally {
        analyzeNow = undefined;
        done();
      }
    });
    turn.catch(() => undefined); // reported by `finish`
    return {
      add(r) {
        if (analyzeNow) analyzeNow(r);
        else waiting.push(r);
      },
      finish(resources) {
        end(resources);
        return turn;
      },
      abandon() {
        end(undefined);
      },
    };
  }
}
