// Shared pieces of the check's reports (text, JSON, SARIF): ordering, locations, rendering of
// values, and the policy metadata they describe.
import * as path from "path";
import { fileURLToPath } from "url";
import type { RecordedResource } from "../lib/recorder";
import type { AnyPolicy, Violation } from "../lib/policy-runner";
import { policyCatalog, type ControlReference } from "../../policy-pack/lib/define";
import type { StackResult } from "./run";

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;

import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../lib/engine/wire";

export interface PolicyInfo {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: string;
  readonly severity?: string;
  readonly remediationSteps?: string;
  readonly references: readonly ControlReference[];
}

/** Metadata of every policy of the pack, in pack order. */
export function policyInfo(policies: readonly AnyPolicy[]): PolicyInfo[] {
  return policies.map((p) => ({
    name: p.name,
    description: p.description,
    enforcementLevel: p.enforcementLevel ?? "advisory",
    severity: p.severity,
    remediationSteps: p.remediationSteps,
    references: policyCatalog.get(p.name)?.references ?? [],
  }));
}

function severityRank(s: string | undefined): number {
  const i = SEVERITIES.indexOf((s ?? "") as (typeof SEVERITIES)[number]);
  return i < 0 ? SEVERITIES.length : i;
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
}

/** Where the program constructed a resource (its `.ts` file and line), if the SDK reported it. */
export function resourceLocation(r: RecordedResource | undefined): Location | undefined {
  if (!r?.source?.uri.startsWith("file:")) return undefined;
  const file = fileURLToPath(r.source.uri);
  if (file.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
  return { file, line: r.source.line, column: r.source.column };
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

/** Counts of a stack's findings and checks, and whether it passes (no mandatory violation). */
export function summarize(r: StackResult) {
  const mandatory = r.violations.filter((v) => v.enforcementLevel === "mandatory").length;
  const unevaluatedMandatory = new Set(
    r.unevaluated
      .filter((u) => u.enforcementLevel === "mandatory")
      .map((u) => `${u.policy}\0${u.urn}`),
  ).size;
  return {
    resources: r.resources.length,
    mandatory,
    advisory: r.violations.length - mandatory,
    notes: r.notes.length,
    unevaluatedMandatory,
    incomplete: r.remoteComponents.length > 0,
    ...r.counts,
    result: mandatory === 0 ? ("PASS" as const) : ("FAIL" as const),
  };
}
