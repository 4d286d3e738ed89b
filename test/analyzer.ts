// The policy pack as the offline check runs it, shared by the whole test run (one pack process),
// and the differential check of the in-process runner (tools/lib/policy-runner.ts) against it.
//
// Every evaluation a policy spec makes through ./policy/fixture.ts is recorded here with the fast
// runner's report and replayed through the pack's own process (Configure with the case's config,
// every pack policy not in the case disabled, then ConfigureStack, Analyze, AnalyzeStack). Replays
// run in the background while the specs go on (the pack works in its own process); after the last
// suite, a root hook waits for the rest and fails the run on any difference. The pack is asked
// once per distinct request: a case whose config and resources are those of an earlier case (a
// spec's compliant fixture, evaluated again beside each broken one) is compared with the answer
// the pack gave that request, which it would give again (its policies see nothing else).
import { createHash } from "crypto";
import * as path from "path";
import { serialize } from "v8";
import { allPolicies } from "../policy-pack/policies";
import type { AnyPolicy, PackConfig, PolicyReport } from "../tools/lib/policy-runner";
import type { RecordedResource } from "../tools/lib/recorder";
import type { Analyzer, AnalyzeContext } from "../tools/lib/engine/analyzer";

export const PACK_DIR = path.resolve(__dirname, "..", "policy-pack");
const WAIVERS = "policy-waivers";

let started: Promise<Analyzer> | undefined;

/** The error `p` rejects with; fails when it resolves. */
export function rejection(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: Error) => e,
  );
}

/** The test run's pack process (started on first use, stopped after the last suite). */
export function sharedAnalyzer(): Promise<Analyzer> {
  if (!started) {
    started = import("../tools/lib/engine/analyzer").then(({ Analyzer }) =>
      Analyzer.start({ packDir: PACK_DIR }),
    );
    started.catch(() => undefined); // reported by whoever awaits it
  }
  return started;
}

/** The engine's view of a set of recorded resources: the stack and project of their URNs. */
export function contextOf(resources: readonly RecordedResource[], dryRun = true): AnalyzeContext {
  const [stack = "test", project = "platform"] = (resources[0]?.urn ?? "")
    .replace(/^urn:pulumi:/, "")
    .split("::");
  return { stack, project, dryRun };
}

/** A violation as the comparison sees it: everything a report shows of it. */
function violationKey(v: PolicyReport["violations"][number]): string {
  return JSON.stringify([v.policy, v.enforcementLevel, v.urn, v.message, !!v.previewNote]);
}

function waivedKey(w: PolicyReport["waived"][number]): string {
  return JSON.stringify([w.policy, w.urn, w.message, w.waiver.reason, w.waiver.via]);
}

/** Differences between two multisets of keys, as "only in <a>: x" lines. */
function multisetDiff(a: string[], b: string[], aName: string, bName: string): string[] {
  const count = new Map<string, number>();
  for (const k of a) count.set(k, (count.get(k) ?? 0) + 1);
  for (const k of b) count.set(k, (count.get(k) ?? 0) - 1);
  const out: string[] = [];
  for (const [k, n] of count) {
    if (n > 0) out.push(`only in ${aName} (${n}x): ${k}`);
    if (n < 0) out.push(`only in ${bName} (${-n}x): ${k}`);
  }
  return out;
}

/**
 * How two reports differ (empty when identical): violations by policy, level, URN, message and
 * note flag; waived findings by policy, URN, message, reason and where the waiver is written.
 * `onlyPolicies` limits the analyzer's violations to the policies the fast run evaluated.
 */
export function reportDifferences(
  fast: PolicyReport,
  analyzer: PolicyReport,
  onlyPolicies?: ReadonlySet<string>,
): string[] {
  const keep = (v: PolicyReport["violations"][number]) =>
    !onlyPolicies || onlyPolicies.has(v.policy);
  return [
    ...multisetDiff(
      fast.violations.map(violationKey),
      analyzer.violations.filter(keep).map(violationKey),
      "the fast runner",
      "the analyzer",
    ),
    ...multisetDiff(
      fast.waived.map(waivedKey),
      analyzer.waived.map(waivedKey),
      "the fast runner (waived)",
      "the analyzer (waived)",
    ),
  ];
}

interface FixtureCase {
  readonly where: string;
  readonly policies: readonly AnyPolicy[];
  readonly resources: readonly RecordedResource[];
  readonly config: PackConfig;
  readonly outcome: { readonly report: PolicyReport } | { readonly error: string };
}

let recorded = 0;
let replayed = 0;
const problems: string[] = [];
/** The replays, one after the other, in the order the specs asked for the evaluations. */
let replays: Promise<void> = Promise.resolve();

/** Records one fixture evaluation and its fast-runner outcome, and queues its replay. */
export function recordFixtureCase(c: FixtureCase): void {
  recorded++;
  replays = replays.then(() => replayFixtureCase(c));
}

function copy<T>(v: T): T {
  try {
    return structuredClone(v);
  } catch {
    return v;
  }
}

/** Snapshots a fixture evaluation's input before the spec can change it. */
export function snapshot(resources: readonly RecordedResource[], config: PackConfig) {
  return { resources: copy(resources), config: copy(config) };
}

/**
 * The pack config that makes the pack evaluate what the fast runner evaluated: the case's
 * policies (a copy that only changes the level becomes that level), every other policy disabled
 * except `policy-waivers`, which reports the waived findings. A string: why it cannot be replayed.
 */
function replayConfig(
  c: FixtureCase,
  pack: ReadonlyMap<string, AnyPolicy>,
): { config: Record<string, unknown>; include: Set<string> } | string {
  const include = new Set<string>();
  const config: Record<string, unknown> = {};
  for (const p of c.policies) {
    const own = pack.get(p.name);
    if (!own) return `policy '${p.name}' is not a policy of the pack`;
    include.add(p.name);
    if (p === own) continue;
    // Another instance of the same module (a spec that imports policies after a test cleared the
    // require cache) is the same policy: equal data, functions of the same source.
    const keys = new Set([...Object.keys(p), ...Object.keys(own)]);
    keys.delete("enforcementLevel");
    for (const k of keys) {
      const [mine, theirs] = [(p as any)[k], (own as any)[k]];
      const same =
        typeof mine === "function" && typeof theirs === "function"
          ? mine === theirs || String(mine) === String(theirs)
          : JSON.stringify(mine) === JSON.stringify(theirs);
      if (!same) {
        return `policy '${p.name}' is a modified copy of the pack's (its '${k}' differs)`;
      }
    }
    if (p.enforcementLevel === own.enforcementLevel) continue;
    config[p.name] = { enforcementLevel: p.enforcementLevel ?? "advisory" };
  }
  for (const [name, given] of Object.entries(c.config)) {
    const current = config[name] as Record<string, unknown> | undefined;
    config[name] =
      typeof given === "string"
        ? { ...current, enforcementLevel: given }
        : { ...current, ...(given as Record<string, unknown>) };
  }
  for (const name of pack.keys()) {
    if (!include.has(name) && name !== WAIVERS) config[name] = "disabled";
  }
  return { config, include };
}

/**
 * The pack's policies as the specs hold them: loaded with the spec files, before any test runs.
 * (Tests that run a program clear the project's modules from the require cache, so a later import
 * would give other objects.)
 */
const packPolicies: ReadonlyMap<string, AnyPolicy> = new Map(
  allPolicies.map((p) => [p.name, p as AnyPolicy]),
);

type Diagnostics = Awaited<ReturnType<Analyzer["analyze"]>>;
/** The pack's answer to each distinct request replayed so far, by requestKey. */
const answers = new Map<string, { diagnostics: Diagnostics } | { error: string }>();
let asked = 0;

/**
 * What identifies a request to the pack: the config it is configured with and the resources (the
 * context is derived from them). Structured-clone bytes, which tell `undefined` from a missing
 * property; undefined (never shared) for resources that cannot be cloned.
 */
function requestKey(config: Record<string, unknown>, resources: readonly RecordedResource[]) {
  try {
    return createHash("sha256")
      .update(serialize([config, resources]))
      .digest("hex");
  } catch {
    return undefined;
  }
}

/** Asks the pack once per distinct request (Configure with the config, then one engine run). */
async function askPack(config: Record<string, unknown>, resources: readonly RecordedResource[]) {
  const key = requestKey(config, resources);
  const known = key === undefined ? undefined : answers.get(key);
  if (known) return known;
  let answer: { diagnostics: Diagnostics } | { error: string };
  try {
    const analyzer = await sharedAnalyzer();
    // A config the CLI rejects fails here, as the fast runner fails on it.
    const diagnostics = await analyzer.analyze(contextOf(resources), resources, {
      policyConfig: config,
    });
    answer = { diagnostics };
  } catch (e) {
    answer = { error: (e as Error).message };
  }
  asked++;
  if (key !== undefined) answers.set(key, answer);
  return answer;
}

async function replayFixtureCase(c: FixtureCase): Promise<void> {
  const { toPolicyReport } = await import("../tools/lib/engine/report");
  const plan = replayConfig(c, packPolicies);
  if (typeof plan === "string") {
    problems.push(`${c.where}: cannot be replayed through the pack: ${plan}`);
    return;
  }
  let report: PolicyReport | undefined;
  let error: string | undefined;
  const answer = await askPack(plan.config, c.resources);
  if ("error" in answer) error = answer.error;
  else report = toPolicyReport(answer.diagnostics, c.resources);
  replayed++;
  if ("error" in c.outcome) {
    if (!error) {
      problems.push(`${c.where}: the fast runner failed (${c.outcome.error}), the pack did not`);
    }
    return;
  }
  if (error) {
    problems.push(`${c.where}: the pack failed where the fast runner did not: ${error}`);
    return;
  }
  for (const d of reportDifferences(c.outcome.report, report!, plan.include)) {
    problems.push(`${c.where}: ${d}`);
  }
}

/** Waits for every replay; fails with the differences, if any. */
async function finishReplays(): Promise<void> {
  const began = Date.now();
  await replays;
  if (problems.length > 0) {
    throw new Error(
      `the in-process policy runner differs from the policy pack's own process on ` +
        `${problems.length} point(s) of ${recorded} fixture evaluation(s):\n  ` +
        problems.slice(0, 40).join("\n  "),
    );
  }
  process.stdout.write(
    `  fixture evaluations replayed through the policy pack's process: ${replayed} of ` +
      `${recorded} (${asked} distinct requests), identical ` +
      `(waited ${((Date.now() - began) / 1000).toFixed(1)} s at the end)\n`,
  );
}

// Root hook (mocha's BDD `after` outside any suite): replay, then stop the pack process.
if (typeof after === "function") {
  after(async function () {
    this.timeout(600_000);
    try {
      if (recorded > 0) await finishReplays();
    } finally {
      const an = started && (await started.catch(() => undefined));
      await an?.close();
    }
  });
}
