// Shared pieces of the check's reports (text, JSON, SARIF): ordering, locations, rendering of
// values, escaping of untrusted text, the severity filter, the gate (PASS or FAIL), and the policy
// metadata they describe.
import * as path from "path";
import { fileURLToPath } from "url";
import type { RecordedResource } from "../lib/recorder";
import type { Violation } from "../lib/policy-runner";
import type { AnalyzerInfo } from "../lib/engine/analyzer";
import type { StackResult } from "./result";

import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../lib/engine/wire";

import { SEVERITIES, SeverityName } from "./severity";

export { SEVERITIES };
export type { SeverityName };

/** A control a policy mirrors, from the pack's `<source>:<id>` policy tags. */
export interface ControlReference {
  readonly source: string;
  readonly id: string;
}

export interface PolicyInfo {
  readonly name: string;
  readonly description: string;
  /** The level the check ran it at (the pack's, or the policy config's). */
  readonly enforcementLevel: string;
  readonly severity?: string;
  readonly remediationSteps?: string;
  readonly references: readonly ControlReference[];
}

/**
 * Metadata of every policy, in pack order, as the pack described it (GetAnalyzerInfo); the level
 * is the configured one, as the engine updates it after Configure.
 */
export function policyInfo(
  info: AnalyzerInfo,
  levels: ReadonlyMap<string, string> = new Map(),
): PolicyInfo[] {
  return info.policies.map((p) => ({
    name: p.name,
    description: p.description,
    enforcementLevel: levels.get(p.name) ?? p.enforcementLevel,
    severity: p.severity,
    remediationSteps: p.remediationSteps,
    references: p.tags
      .filter((t) => t.indexOf(":") > 0)
      .map((t) => ({ source: t.slice(0, t.indexOf(":")), id: t.slice(t.indexOf(":") + 1) })),
  }));
}

/** 0 for critical … 3 for low; a finding without a severity ranks below low. */
export function severityRank(s: string | undefined): number {
  const i = SEVERITIES.indexOf((s ?? "") as SeverityName);
  return i < 0 ? SEVERITIES.length : i;
}

/**
 * What `--min-severity` keeps: findings at or above the threshold. A finding without a severity
 * ranks below low, so any threshold hides it. The filter changes what a report shows, never the
 * verdict: a hidden mandatory finding still fails the check (see `summarize`).
 */
export function meetsSeverity(s: string | undefined, min: SeverityName | undefined): boolean {
  return min === undefined || severityRank(s) <= severityRank(min);
}

/** Most severe first; mandatory before advisory; then policy and resource name. */
export function sortFindings<T extends Violation>(list: readonly T[]): T[] {
  return [...list].sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      (a.enforcementLevel === b.enforcementLevel
        ? 0
        : a.enforcementLevel === "mandatory"
          ? -1
          : 1) ||
      a.policy.localeCompare(b.policy) ||
      a.name.localeCompare(b.name),
  );
}

export interface Location {
  /** Absolute path. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The line that made the resource's component, not the resource itself (`AT_COMPONENT`). */
  readonly component?: boolean;
}

/** How reports label a location that is the line of the resource's component. */
export const AT_COMPONENT = "at its component's line";

/** Where the program constructed a resource (its `.ts` file and line), if the SDK reported it. */
export function resourceLocation(r: RecordedResource | undefined): Location | undefined {
  if (!r?.source?.uri.startsWith("file:")) return undefined;
  const file = fileURLToPath(r.source.uri);
  if (file.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
  const { line, column, component } = r.source;
  return { file, line, column, ...(component ? { component } : {}) };
}

/** A path relative to the working directory, with forward slashes (stable in reports). */
export function displayPath(file: string, base = process.cwd()): string {
  const rel = path.relative(base, file);
  return (rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file)
    .split(path.sep)
    .join("/");
}

/** Resource inputs for reports: unknowns as "[unknown]", secrets redacted as "[secret]". */
export function renderValue(v: unknown): unknown {
  if (v === UNKNOWN) return "[unknown]";
  if (Array.isArray(v)) return v.map(renderValue);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (o[SIG_KEY] === SECRET_SIG) return "[secret]";
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = renderValue(x);
    return out;
  }
  return v;
}

/** Which conditions besides a mandatory violation fail the check (the `--fail-on-*` flags). */
export interface Gate {
  /** A mandatory check evaluated in no phase fails the check. */
  readonly failOnUnevaluated?: boolean;
  /** Remote components (children invisible offline) fail the check. */
  readonly failOnIncomplete?: boolean;
}

/**
 * Counts of a stack's findings and checks, and its result: FAIL on a mandatory violation (hidden
 * by a severity filter or not: a filter only changes what a report shows), or on what the gate's
 * flags add; PASS otherwise.
 */
export function summarize(r: StackResult, gate: Gate = {}) {
  const mandatory = r.violations.filter((v) => v.enforcementLevel === "mandatory").length;
  const unevaluatedMandatory = new Set(
    r.unevaluated
      .filter((u) => u.enforcementLevel === "mandatory")
      .map((u) => `${u.policy}\0${u.urn}`),
  ).size;
  const incomplete = r.remoteComponents.length > 0;
  const fails =
    mandatory > 0 ||
    (!!gate.failOnUnevaluated && unevaluatedMandatory > 0) ||
    (!!gate.failOnIncomplete && incomplete);
  return {
    resources: r.resources.length,
    mandatory,
    advisory: r.violations.length - mandatory,
    notes: r.notes.length,
    unevaluatedMandatory,
    incomplete,
    unjudged: r.unjudged.length,
    ...r.counts,
    ...(r.dryRunSkipped ? { dryRunSkipped: r.dryRunSkipped } : {}),
    result: fails ? ("FAIL" as const) : ("PASS" as const),
  };
}

// What the reports show of untrusted text (resource names, policy messages, waiver reasons,
// program output) is escaped as every tool escapes it (../lib/cli.ts).
export { escapeLine, escapeText } from "../lib/cli";

/**
 * JSON text with DEL, the C1 controls and the characters above written as `\uXXXX` escapes.
 * JSON.stringify escapes only U+0000–U+001F; the rest would reach a terminal raw when the report is
 * printed. The escaped text parses to the same values.
 */
export function asciiSafeJson(json: string): string {
  return json.replace(
    /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
