// Shared pieces of the check's reports (text, JSON, SARIF): ordering, locations, rendering of
// values, and the policy metadata they describe.
import * as path from "path";
import { fileURLToPath } from "url";
import type { RecordedResource } from "../lib/recorder";
import type { Violation } from "../lib/policy-runner";
import type { AnalyzerInfo } from "../lib/engine/analyzer";
import type { StackResult } from "./run";

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

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

/** Counts of a stack's findings, and whether it passes (no mandatory violation). */
export function summarize(r: StackResult) {
  const mandatory = r.violations.filter((v) => v.enforcementLevel === "mandatory").length;
  return {
    resources: r.resources.length,
    mandatory,
    advisory: r.violations.length - mandatory,
    waived: r.waived.length,
    notes: r.notes.length,
    passed: mandatory === 0,
  };
}
