// Who judges the resources of each phase. By default the policy pack's own process, started from
// its own folder as `pulumi preview --policy-pack` starts it and driven over the analyzer protocol
// (tools/lib/engine/analyzer.ts): its verdicts are the pack's own. `--judge runner` evaluates the
// policies in this process instead (tools/lib/policy-runner.ts), which a differential test proves
// identical on both stacks, both phases, every policy fixture and a 10,000-resource stack: the
// way to judge very large stacks quickly (the pack's process decodes every resource for each of
// its stack policies, as the policy SDK does).
import * as fs from "fs";
import * as path from "path";
import type { EnforcementLevel } from "@pulumi/policy";
import type { Analyzer } from "../lib/engine/analyzer";
import type { PolicyPackConfig } from "../lib/engine/policy-config";
import { escapeControls, UsageError } from "../lib/cli";
import { loadPackModules } from "./pack-load";
import { cachedPolicyTypes, PolicyTypes } from "./policy-types";
import type { PolicyInfo } from "./report";
import type { Judge, JudgeContext } from "./result";

export type JudgeKind = "pack" | "runner";

export interface StartedJudge {
  /** Resolves once the judge is ready (the pack's process starts while the programs run). */
  readonly judge: Promise<Judge>;
  /**
   * Resolves once the pack's process has been started (spawned, not yet ready), or its start has
   * failed (the failure is `judge`'s): the check loads the rest of its own modules after that, while
   * the pack loads. The in-process runner has nothing to start.
   */
  readonly started: Promise<void>;
  /** Policy metadata for the SARIF rules, once ready. */
  info(): Promise<PolicyInfo[]>;
  /** How long the judge took to get ready (the pack's process start). */
  startupMs(): Promise<number>;
  close(): Promise<void>;
}

export interface JudgeOptions {
  readonly packDir: string;
  /** The parsed `--policy-config` and its file, for messages. */
  readonly given?: PolicyPackConfig;
  readonly configFile?: string;
  /** Where the policies' resource types are kept between runs (none: read every run). */
  readonly cacheDir?: string;
}

/** Resource types each policy applies to, from the pack's own catalogue (for the check counts). */
async function policyTypes(): Promise<PolicyTypes> {
  const { policyCatalog } = await loadPackModules();
  return new Map([...policyCatalog].map(([name, meta]) => [name, meta.types]));
}

function warnUnknown(names: readonly string[], file: string | undefined): void {
  for (const name of names) {
    process.stderr.write(
      // The name is the file's: escaped, so an ANSI sequence in it cannot reach the terminal raw.
      `warning: ${escapeControls(`${file} configures '${name}'`)}, which is not a policy of this pack (ignored)\n`,
    );
  }
}

/**
 * A run as the CLI configures its deployment's pack: a dry run unless it is `pulumi up`'s update
 * (pulumi/pulumi pkg/engine/update.go, `PolicyAnalyzerOptions{..., DryRun: dryRun}`, sent with
 * ConfigureStack by sdk/go/common/resource/plugin/analyzer_plugin.go).
 */
function asRun(ctx: JudgeContext) {
  return { ...ctx, dryRun: ctx.dryRun ?? true };
}

function startPack(opts: JudgeOptions): StartedJudge {
  const cancel = new AbortController();
  const started = Date.now();
  let analyzer: Analyzer | undefined;
  let spawned!: () => void;
  const spawnedOrFailed = new Promise<void>((resolve) => (spawned = resolve));
  const judge = (async (): Promise<Judge> => {
    const { Analyzer, toPolicyReport } = await import("../lib/engine/analyzer").catch((e) => {
      spawned();
      throw e;
    });
    // Analyzer.start spawns the pack's process before its first await (a start that fails rejects).
    const starting = Analyzer.start({
      packDir: opts.packDir,
      configFile: opts.configFile,
      signal: cancel.signal,
    });
    spawned();
    const a = await starting;
    analyzer = a;
    // Read once the pack's process runs (reading the rules, when not kept, blocks this process
    // for a second, and the programs' language hosts start first).
    const types = await cachedPolicyTypes(opts.packDir, opts.cacheDir, policyTypes);
    warnUnknown(a.unknownPolicies, opts.configFile);
    return {
      kind: "pack",
      levels: a.levels,
      types,
      analyze: async (ctx, resources) =>
        toPolicyReport(await a.analyze(asRun(ctx), resources), resources),
      begin: (ctx) => {
        const session = a.begin(asRun(ctx));
        return {
          add: (r) => session.add(r),
          finish: async (resources) => toPolicyReport(await session.finish(resources), resources),
          abandon: () => session.abandon(),
        };
      },
    };
  })();
  judge.catch(() => undefined); // reported where the check awaits it
  return {
    judge,
    started: spawnedOrFailed,
    async info() {
      await judge;
      const { policyInfo } = await import("./report");
      return policyInfo(analyzer!.info, analyzer!.levels);
    },
    async startupMs() {
      await judge;
      return analyzer?.startupMs ?? Date.now() - started;
    },
    async close() {
      cancel.abort(); // a pack still loading is not waited for
      await judge.catch(() => undefined);
      await analyzer?.close();
    },
  };
}

function startRunner(opts: JudgeOptions): StartedJudge {
  const started = Date.now();
  let ready = 0;
  let infos: PolicyInfo[] = [];
  const judge = (async (): Promise<Judge> => {
    const { allPolicies, PACK_NAME, policyCatalog } = await loadPackModules();
    const { runPolicies } = await import("../lib/policy-runner");
    const { reconcilePolicyPackConfig, PolicyConfigError } =
      await import("../lib/engine/policy-config");
    const pack = JSON.parse(fs.readFileSync(path.join(opts.packDir, "package.json"), "utf8"));
    const info = allPolicies.map((p) => ({
      name: p.name,
      enforcementLevel: (p.enforcementLevel ?? "advisory") as EnforcementLevel,
      configSchema: p.configSchema
        ? {
            properties: {
              ...p.configSchema.properties,
              enforcementLevel: { type: "string", enum: ["advisory", "mandatory", "disabled"] },
            },
            required: p.configSchema.required,
          }
        : undefined,
    }));
    let reconciled;
    try {
      reconciled = reconcilePolicyPackConfig(
        { name: PACK_NAME, version: pack.version },
        info,
        undefined,
        opts.given,
      );
    } catch (e) {
      // As the pack's process reports it: one `error:` line per problem.
      if (e instanceof PolicyConfigError) {
        throw new UsageError(e.lines.map((l, i) => (i === 0 ? l : `error: ${l}`)).join("\n"));
      }
      throw e;
    }
    warnUnknown(reconciled.unknownPolicies, opts.configFile);
    const packConfig: Record<string, any> = {};
    const levels = new Map<string, string>();
    for (const p of allPolicies) {
      const entry = reconciled.config[p.name];
      const level = entry?.enforcementLevel || p.enforcementLevel || "advisory";
      levels.set(p.name, level === "remediate" ? "mandatory" : level);
      packConfig[p.name] = { ...(entry?.properties ?? {}), enforcementLevel: level };
    }
    infos = allPolicies.map((p) => ({
      name: p.name,
      description: p.description,
      enforcementLevel: levels.get(p.name) ?? "advisory",
      severity: p.severity,
      remediationSteps: p.remediationSteps,
      references: policyCatalog.get(p.name)?.references ?? [],
    }));
    ready = Date.now() - started;
    return {
      kind: "runner",
      levels,
      types: new Map([...policyCatalog].map(([name, meta]) => [name, meta.types])),
      analyze: (_ctx, resources) => runPolicies(allPolicies, resources, packConfig),
    };
  })();
  judge.catch(() => undefined);
  return {
    judge,
    started: Promise.resolve(),
    async info() {
      await judge;
      return infos;
    },
    async startupMs() {
      await judge;
      return ready;
    },
    async close() {
      await judge.catch(() => undefined);
    },
  };
}

export function startJudge(kind: JudgeKind, opts: JudgeOptions): StartedJudge {
  return kind === "runner" ? startRunner(opts) : startPack(opts);
}

let shared: StartedJudge | undefined;

/** The in-process runner with the pack's defaults, shared by a process (tests, tools). */
export function defaultRunner(): StartedJudge {
  shared ??= startRunner({ packDir: path.resolve(__dirname, "..", "..", "policy-pack") });
  return shared;
}
