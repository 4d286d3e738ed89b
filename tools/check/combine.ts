// The stack result from the phases a stack was judged in: a finding seen in several phases is
// reported once, with the phase that first showed it; a preview note that a later phase evaluated
// stays a note (what the apply phase covered), one the last phase still could not evaluate
// becomes an unevaluated check with its reason, as does every remote component; checks are
// counted as Checkov counts them.
import type { Phase } from "../lib/engine/answers";
import type { ProgramRun } from "../lib/engine/language-host";
import { asPreviewed, renamedInLaterPhases } from "./renamed";
import { ROOT_STACK_TYPE, type EngineResource } from "../lib/engine/monitor";
import type { PolicyReport, Violation } from "../lib/policy-runner";
import {
  LEFT_UNKNOWN_BY_PROGRAM,
  UNDECRYPTABLE_SECRET,
  unknownPathOf,
  unknownSourcesAt,
} from "../lib/engine/unknown-sources";
import { leftUnknownSources, leftUnknownUnevaluated } from "./left-unknown-note";
import { undecryptableReadsUnevaluated } from "./undecryptable-reads";
import {
  describeStop,
  missingAtApply,
  neverRegisteredReason,
  otherUnanswered,
  stoppedUnevaluated,
} from "./stopped-at-apply";
import { stopNoteReason } from "./stopped-stack-policies";
import type { loadStackConfig } from "./project";
import { quotesPlaceholder } from "./secret-placeholders";
import { noteReason, notInAnyPhase, stackNoteParts } from "./note-reasons";
import type {
  CheckCounts,
  CheckOptions,
  Finding,
  Judge,
  StackResult,
  Unevaluated,
  WaivedFinding,
} from "./result";

export { renamedInLaterPhases } from "./renamed";

/** The pack's policy that lists waivers: its findings are the waivers in use, not violations. */
const WAIVER_LISTING = "policy-waivers";

/**
 * Combines the reports of the phases a stack was judged in (`judged`, in the order they ran)
 * into its result.
 */
export function combinePhases(
  opts: CheckOptions,
  judge: Judge,
  config: ReturnType<typeof loadStackConfig>,
  judged: { run: ProgramRun; report: PolicyReport; ms: number }[],
): StackResult {
  const key = (v: { policy: string; urn: string }, message = "") =>
    `${v.policy}\0${v.urn}\0${message}`;
  const findings = new Map<string, Finding>();
  const waived = new Map<string, WaivedFinding>();
  const notesByPhase = new Map<Phase, Map<string, Violation>>();
  const renamed = renamedInLaterPhases(judged.map(({ run }) => run));
  for (const { run, report } of judged) {
    const notes = new Map<string, Violation>();
    notesByPhase.set(run.phase, notes);
    for (const found of report.violations) {
      // A resource a later phase registered under another name is the preview's, found once.
      const v = asPreviewed(found, renamed);
      if (v.previewNote) {
        notes.set(key(v), v);
        continue;
      }
      // The waiver listing repeats the waived findings below: counted once, there.
      if (v.policy === WAIVER_LISTING) continue;
      const k = key(v, v.detail);
      const seen = findings.get(k);
      if (seen) seen.phases.push(run.phase);
      else findings.set(k, { ...v, phase: run.phase, phases: [run.phase] });
    }
    for (const w of report.waived.map((x) => asPreviewed(x, renamed))) {
      const k = key(w, w.message);
      if (!waived.has(k)) waived.set(k, { ...w, phase: run.phase });
    }
  }
  const last = judged[judged.length - 1].run;
  const lastNotes = notesByPhase.get(last.phase)!;
  // An apply phase stopped outside any `apply` (./stopped-at-apply.ts): what preview saw after
  // the failure was judged at preview only.
  const stop = last.phase === "apply" && judged.length > 1 ? last.stoppedAt : undefined;
  const missing = stop ? missingAtApply(judged[0].run, last, renamed) : [];
  const missingUrns = new Set(missing.map((r) => r.urn));
  const judgedResources = [...last.resources, ...missing];
  const resourcesOf = new Map(last.resources.map((r) => [r.urn, r]));
  for (const [laterUrn, r] of renamed) {
    const known = resourcesOf.get(laterUrn);
    if (known) resourcesOf.set(r.urn, known);
  }
  const unevaluated: Unevaluated[] = [];
  const levels = judge.levels;
  /** A note's check as not evaluated, with `reason`. */
  const unevaluatedOf = (n: Violation, reason: string): Unevaluated => ({
    policy: n.policy,
    enforcementLevel: levels.get(n.policy) ?? "advisory",
    severity: n.severity,
    urn: n.urn,
    type: n.type,
    name: n.name,
    reason,
  });
  const secret = secretReason(Object.keys(config.placeholders));
  // The keys whose own placeholder a hidden string quotes (./stack-config.ts secretPlaceholder).
  const secretHeld = (held: string) => {
    const keys = Object.keys(config.placeholders).filter(
      (k) => config.placeholders[k].length > 8 && quotesPlaceholder(held, config.placeholders[k]),
    );
    return keys.length > 0 ? secretReason(keys) : secret;
  };
  for (const n of lastNotes.values()) {
    const r = resourcesOf.get(n.urn);
    const path = unknownPathOf(n.detail);
    const sources = leftUnknownSources(
      (r && path !== undefined
        ? unknownSourcesAt(r, path, secretHeld, resourcesOf, last.resources)
        : undefined) ??
        r?.unknownSources?.map((s) => (s === UNDECRYPTABLE_SECRET ? secret : s)) ??
        sourcesOfNamed(n.detail, last.resources),
      last,
      opts.project.dir,
    );
    const why = noteReason(n.detail);
    // A stack policy given the stopped apply phase with preview's view of what it never registered
    // (./stopped-stack-policies.ts), needing a value of one of those; or one not run on it.
    const atStop =
      stop && n.atStop
        ? stopNoteReason(
            n.detail,
            missing,
            last.resources,
            describeStop(stop, opts.project.dir),
            why,
          )
        : n.notRunAtStop
          ? `a stack policy, not run on the apply phase the program stopped in (see the note): ${why}`
          : undefined;
    unevaluated.push(
      unevaluatedOf(
        n,
        notInAnyPhase(n.detail) ??
          atStop ??
          (last.phase === "apply"
            ? `unknown even when every created resource is known (${sources?.join("; ") ?? LEFT_UNKNOWN_BY_PROGRAM}): ${why}`
            : opts.phases.includes("apply")
              ? `needs values known only after apply (the apply phase failed; see the note): ${why}`
              : `needs values known only after apply (run the apply phase): ${why}`),
      ),
    );
  }
  if (last.phase === "apply") unevaluated.push(...leftUnknownUnevaluated(last, opts.project.dir));
  if (stop)
    unevaluated.push(
      stoppedUnevaluated(stop, missing, opts.project.dir, otherUnanswered(last, stop)),
    );
  // The stopped run's reads, then those only preview made (after the line it stopped at).
  const reads = stop ? [last, judged[0].run] : [last];
  unevaluated.push(...undecryptableReadsUnevaluated(reads, opts.project.dir));
  const remoteComponents = [
    ...last.remoteComponents,
    ...judged[0].run.remoteComponents.filter((c) => missingUrns.has(c.urn)),
  ];
  for (const c of remoteComponents) {
    unevaluated.push({
      policy: "(every policy, on its children)",
      enforcementLevel: "mandatory",
      urn: c.urn,
      type: c.type,
      name: c.name,
      reason:
        "a remote component: its provider plugin creates its children, which no offline run " +
        "can see; only its own inputs were checked",
    });
  }
  // Notes of earlier phases that a later phase evaluated: shown as what the apply phase covered.
  const resolved: Finding[] = [];
  for (const [phase, notes] of notesByPhase) {
    if (phase === last.phase) continue;
    for (const [k, n] of notes) {
      if (lastNotes.has(k)) continue;
      // On a resource the stopped apply phase never registered: evaluated in no phase.
      if (stop && missingUrns.has(n.urn)) {
        unevaluated.push(
          unevaluatedOf(
            n,
            notInAnyPhase(n.detail) ??
              neverRegisteredReason(stop, opts.project.dir, noteReason(n.detail)),
          ),
        );
        continue;
      }
      resolved.push({ ...n, phase, phases: [phase] });
    }
  }
  const violations = [...findings.values()];
  const waivedList = [...waived.values()];
  const preview = judged[0].run;
  // The resources as the first phase registered them, then any a later phase alone registered:
  // a resource a program creates inside `apply` once an output is known is created by `pulumi up`
  // (and judged there), though `pulumi preview` of a new stack never sees it. Findings on it are
  // located through this list like any other.
  const listed = new Set(preview.resources.map((r) => r.urn));
  const laterOnly: EngineResource[] = [];
  for (const { run } of judged.slice(1)) {
    for (const r of run.resources) {
      if (listed.has(r.urn) || renamed.has(r.urn)) continue;
      listed.add(r.urn);
      laterOnly.push(r);
    }
  }
  const logs = judged.flatMap(({ run }) => run.logs);
  const warnings = [
    ...new Set([
      ...preview.versionWarnings,
      ...logs.filter((l) => l.severity === "warning").map((l) => l.message),
    ]),
  ];
  const empty = nothingJudged(last.resources);
  if (empty) warnings.push(empty);
  const info = infoOnce(judged.map(({ run }) => run.logs));
  return {
    project: opts.project,
    stack: opts.stack,
    stackFile: config.file,
    resources: [...preview.resources, ...laterOnly],
    phases: judged.map(({ run, ms }) => ({
      phase: run.phase,
      resources: run.resources.length,
      programMs: run.ms,
      policiesMs: ms,
    })),
    violations,
    notes: resolved,
    waived: waivedList,
    unevaluated,
    counts: countChecks(judge, judgedResources, violations, waivedList, unevaluated),
    remoteComponents: remoteComponents.map((c) => ({
      urn: c.urn,
      type: c.type,
      name: c.name,
    })),
    unjudged: unjudgedResources(judge, judgedResources),
    applyOnly: laterOnly.map((r) => ({ urn: r.urn, type: r.type, name: r.name })),
    renamedAtApply: [...renamed.values()].map(({ urn, type, name, laterName }) => ({
      urn,
      type,
      name,
      applyName: laterName,
    })),
    warnings,
    diagnostics: [...preview.output, ...info],
    configNotes: config.notes,
    sdk: preview.sdk,
    timings: {
      programMs: Math.max(...judged.map(({ run }) => run.ms)),
      policiesMs: judged.reduce((n, { ms }) => n + ms, 0),
    },
  };
}

/**
 * The info messages the program logged (`pulumi.log.info`), phase by phase: each phase runs the
 * program again, so a message an earlier phase logged is the same line said twice and is shown
 * once; a message only a later phase logs (one written inside an `apply` whose value is known
 * only then) is kept, and so are repeats within one phase.
 */
export function infoOnce(
  phases: readonly (readonly { severity: string; message: string }[])[],
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const logs of phases) {
    const messages = logs.filter((l) => l.severity === "info").map((l) => l.message);
    out.push(...messages.filter((m) => !seen.has(m)));
    for (const m of messages) seen.add(m);
  }
  return out;
}

/**
 * A run that registered nothing but its root stack passes every policy without one being asked:
 * the report says so rather than pass quietly (an empty program is legal, and `pulumi preview`
 * shows it as one stack; an empty report is more often a main function nothing called).
 */
export function nothingJudged(resources: readonly { type: string }[]): string | undefined {
  const judged = (t: string) => t !== ROOT_STACK_TYPE && !t.startsWith("pulumi:providers:");
  if (resources.some((r) => judged(r.type))) return undefined;
  return (
    "the program registered no resource besides its stack and providers: the policies had " +
    "nothing to judge " +
    "(is every resource behind a config flag, or created in a function nothing calls?)"
  );
}

/**
 * Packages whose resources exist only in the stack's state (random values, keys generated by the
 * engine's provider), never in a cloud account: nothing there for a policy to judge.
 */
const STATE_ONLY_PACKAGES = new Set(["pulumi", "random", "tls"]);

/**
 * The custom resources no enabled policy judges: those of a package no policy names, and, for
 * `@pulumi/aws-native`, those of a type no policy names. The pack judges an aws-native type only
 * where a rule lists it (as the classic twin it reads as: policy-pack/lib/native/twins.ts), so an
 * aws-native bucket policy is judged while an aws-native CloudFront distribution next to it is
 * not; rules written for the `aws:` schema cover that package as a whole. Listed so the report
 * never passes them silently. Components are groupings, judged through their children.
 */
function unjudgedResources(
  judge: Pick<Judge, "levels" | "types">,
  resources: readonly EngineResource[],
): { urn: string; type: string; name: string }[] {
  const judgedPackages = new Set<string>();
  const judgedTypes = new Set<string>();
  for (const [name, level] of judge.levels) {
    if (level === "disabled") continue;
    for (const t of judge.types.get(name) ?? []) {
      judgedTypes.add(t);
      judgedPackages.add(t.split(":")[0]);
    }
  }
  const judged = (type: string, pkg: string) =>
    PER_TYPE_PACKAGES.has(pkg) ? judgedTypes.has(type) : judgedPackages.has(pkg);
  return resources
    .filter((r) => {
      const pkg = r.type.split(":")[0];
      return r.custom && !STATE_ONLY_PACKAGES.has(pkg) && !judged(r.type, pkg);
    })
    .map((r) => ({ urn: r.urn, type: r.type, name: r.name }));
}

/** Packages whose types the pack judges one by one (see `unjudgedResources`). */
const PER_TYPE_PACKAGES = new Set(["aws-native"]);

/**
 * The undecryptable secret as a reason, with the stack's `secure:` keys (one of which it is: all
 * get the same placeholder) and how to give a value for the run.
 */
function secretReason(secureKeys: readonly string[]): string {
  if (secureKeys.length === 0) return UNDECRYPTABLE_SECRET;
  const keys = [...secureKeys].sort();
  return keys.length === 1
    ? `${UNDECRYPTABLE_SECRET} (${keys[0]}: give it for this run with --config ${keys[0]}=<value>)`
    : `${UNDECRYPTABLE_SECRET} (one of ${keys.join(", ")}: give it for this run with ` +
        "--config <key>=<value>)";
}

/**
 * Why the resources a stack policy's note names (`<name>: <reason>` parts, as the pack's
 * `UnknownCollector` writes them) hold unknowns, when the note is on the stack itself.
 */
function sourcesOfNamed(
  detail: string,
  resources: readonly EngineResource[],
): string[] | undefined {
  const named = new Set((stackNoteParts(detail) ?? []).map((p) => p.name));
  const out = new Set<string>();
  for (const r of resources) {
    if (named.has(r.name)) for (const s of r.unknownSources ?? []) out.add(s);
  }
  return out.size ? [...out] : undefined;
}

/**
 * Checks as Checkov counts them: one per (policy, resource of a type it applies to), one for a
 * policy that declares no resource types. Failed, waived and unevaluated count distinct
 * (policy, resource) pairs; passed is the rest.
 */
function countChecks(
  judge: Judge,
  resources: readonly EngineResource[],
  violations: readonly Finding[],
  waived: readonly WaivedFinding[],
  unevaluated: readonly Unevaluated[],
): CheckCounts {
  const byType = new Map<string, number>();
  for (const r of resources) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
  let checks = 0;
  for (const [name, level] of judge.levels) {
    if (level === "disabled") continue;
    const types = judge.types.get(name) ?? [];
    checks += types.length ? types.reduce((n, t) => n + (byType.get(t) ?? 0), 0) : 1;
  }
  const pairs = (list: readonly { policy: string; urn: string }[]) =>
    new Set(list.map((x) => `${x.policy}\0${x.urn}`)).size;
  const failed = pairs(violations);
  const waivedN = pairs(waived);
  const unevaluatedN = pairs(unevaluated);
  return {
    checks,
    passed: Math.max(0, checks - failed - waivedN - unevaluatedN),
    failed,
    waived: waivedN,
    unevaluated: unevaluatedN,
  };
}
