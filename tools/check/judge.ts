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
import { UsageError } from "../lib/cli";
import { cachedPolicyTypes, PolicyTypes } from "./policy-types";
import type { PolicyInfo } from "./report";
import type { Phase } from "../lib/engine/answers";
import type { Judge } from "./run";

export type JudgeKind = "pack" | "runner";

export interface StartedJudge {
  /** Resolves once the judge is ready (the pack's process starts while the programs run). */
  readonly judge: Promise<Judge>;
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
  /**
   * Whether the runs this judge serves are previews (default true). The CLI starts a pack for
   * each deployment and tells it with ConfigureStack: `pulumi preview` and the preview half of
   * `pulumi up` say true, the update half false.
   */
  readonly dryRun?: boolean;
  /** Whether this judge reports policy-config warnings (default true: one judge of a check does). */
  readonly warn?: boolean;
  /** The name its process records in a trace (default `pack`). */
  readonly traceName?: string;
}

/** Resource types each policy applies to, from the pack's own catalogue (for the check counts). */
async function policyTypes(): Promise<PolicyTypes> {
  await import("../../policy-pack/policies");
  const { policyCatalog } = await import("../../policy-pack/lib/define");
  return new Map([...policyCatalog].map(([name, meta]) => [name, meta.types]));
}

function warnUnknown(names: readonly string[], file: string | undefined): void {
  for (const name of names) {
    process.stderr.write(
      `warning: ${file} configures '${name}', which is not a policy of this pack (ignored)\n`,
    );
  }
}

function startPack(opts: JudgeOptions): StartedJudge {
  const cancel = new AbortController();
  const started = Date.now();
  let analyzer: Analyzer | undefined;
  const judge = (async (): Promise<Judge> => {
    const { Analyzer, toPolicyReport } = await import("../lib/engine/analyzer");
    const a = await Analyzer.start({
      packDir: opts.packDir,
      configFile: opts.configFile,
      signal: cancel.signal,
      traceName: opts.traceName,
    });
    analyzer = a;
    // Read once the pack's process runs (reading the rules, when not kept, blocks this process
    // for a second, and the programs' language hosts start first).
    const types = await cachedPolicyTypes(opts.packDir, opts.cacheDir, policyTypes);
    if (opts.warn !== false) warnUnknown(a.unknownPolicies, opts.configFile);
    const dryRun = opts.dryRun ?? true;
    return {
      kind: "pack",
      levels: a.levels,
      types,
      analyze: async (ctx, resources) =>
        toPolicyReport(await a.analyze({ ...ctx, dryRun }, resources), resources),
      begin: (ctx) => {
        const session = a.begin({ ...ctx, dryRun });
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
      await await judge.catch(() => undefined);
      await analyzer?.close();
    },
  };
}

function startRunner(opts: JudgeOptions): StartedJudge {
  const started = Date.now();
  let ready = 0;
  let infos: PolicyInfo[] = [];
  const judge = (async (): Promise<Judge> => {
    const { allPolicies, PACK_NAME } = await import("../../policy-pack/policies");
    const { policyCatalog } = await import("../../policy-pack/lib/define");
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
    if (opts.warn !== false) warnUnknown(reconciled.unknownPolicies, opts.configFile);
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

/** The judges of a check's phases (`startPhaseJudges`). */
export interface PhaseJudges extends StartedJudge {
  /** The judge of one phase of every stack checked. */
  judgeOf(phase: Phase): Promise<Judge>;
}

/**
 * One judge per phase, as the CLI starts a pack for each deployment (pulumi/pulumi: every
 * deployment has its own plugin context, closed with it, pkg/engine/deployment.go) and tells it
 * whether the deployment is a dry run: `pulumi preview` and the preview half of `pulumi up` say
 * yes, the update half no (pkg/engine/update.go, `PolicyAnalyzerOptions{..., DryRun: dryRun}`,
 * sent with ConfigureStack by sdk/go/common/resource/plugin/analyzer_plugin.go). Each pack judges its
 * phase's runs while the other judges the other's; the first warns about the policy config.
 * The in-process runner keeps no state between runs and serves every phase. `info` and
 * `startupMs` are the first phase's judge's.
 */
export function startPhaseJudges(
  kind: JudgeKind,
  phases: readonly Phase[],
  opts: JudgeOptions,
): PhaseJudges {
  const optsFor = (phase: Phase, i: number): JudgeOptions => ({
    ...opts,
    dryRun: phase !== "apply",
    warn: i === 0,
    traceName: phases.length > 1 ? `pack:${phase}` : "pack",
  });
  const first = startJudge(kind, optsFor(phases[0], 0));
  // The other phases' packs start once the first is ready: a first load type-checks the pack
  // and fills the compile cache, which the others then read instead of doing the same work
  // side by side; and a config the first refuses starts no other. Their runs wait meanwhile.
  const later = (kind === "pack" ? phases.slice(1) : []).map((phase, i) => {
    const starting = first.judge.then(
      () => startJudge(kind, optsFor(phase, i + 1)),
      () => undefined,
    );
    return {
      judge: starting.then((j) => j?.judge ?? first.judge),
      close: async () => (await starting)?.close(),
    };
  });
  for (const j of later) j.judge.catch(() => undefined); // reported where the check awaits it
  const judges = [first, ...later];
  return {
    judge: first.judge,
    judgeOf: (phase) => (judges[phases.indexOf(phase)] ?? first).judge,
    info: () => first.info(),
    startupMs: () => first.startupMs(),
    close: async () => {
      await Promise.all(judges.map((j) => j.close()));
    },
  };
}

let shared: StartedJudge | undefined;

/** The in-process runner with the pack's defaults, shared by a process (tests, tools). */
export function defaultRunner(): StartedJudge {
  shared ??= startRunner({ packDir: path.resolve(__dirname, "..", "..", "policy-pack") });
  return shared;
}
