// `--format json`: one object per stack (an array of them when several stacks were checked).
//
// {
//   "stack", "project", "program", "stackFile", "phases": ["preview", "apply"],
//   "summary":    { resources, mandatory, advisory, notes, unevaluatedMandatory, incomplete,
//                   unjudged, checks, passed, failed, waived, unevaluated, result,
//                   dryRunSkipped (only when the program asked isDryRun(): its `false` path
//                   ran in neither phase),
//                   operations: { create, import, read } },
//   "notTypeChecked": "not type-checked (…)",  (only when `pulumi preview` would type-check
//                   the program and this run compiled it without: run with --type-check)
//   "createRefusals": [{ urn, type, name, file, line, input, value, by, phases, says, fix,
//                   reference, configKeys }],  (only when AWS refuses inputs at create: preview
//                   passes them, `pulumi up` would stop there; the check exits 2 unless it FAILs)
//   "filter":     { minSeverity, hidden },   (only with --min-severity)
//   "resources":  [{ urn, type, name, parent, custom, provider, inputs, source, operation,
//                    importId }],   (operation: create, import (the `import` option) or read (`get`))
//   "violations": [{ policy, enforcementLevel, severity, urn, type, name, message,
//                    description, remediation, source, phase, phases }],
//   "waived":     [{ policy, urn, type, name, message, reason, via, phase }],
//   "unevaluated": [{ policy, enforcementLevel, urn, name, type, reason }],
//   "notes":      [{ policy, urn, type, name, message, phase }],   (evaluated in a later phase)
//   "remoteComponents": [{ urn, type, name }],  (their children cannot be seen: incomplete)
//   "unjudged":   [{ urn, type, name }],   (of a package no policy of the pack names, e.g. aws-native)
//   "applyOnly":  [{ urn, type, name }],   (registered only once an output is known, inside
//                   `apply`: `pulumi up` creates them, `pulumi preview` of a new stack lists none)
//   "renamedAtApply": [{ urn, type, name, applyName }],   (the apply phase registered it from the
//                   same line under another name, such as a timestamp's: listed and judged once)
//   "sdk": { version, own }, "configNotes": [...], "warnings": [...], "diagnostics": [...]
// }
//
// `summary.result` is FAIL when a mandatory finding exists in any phase (or, with the
// `--fail-on-*` flags, when a mandatory check went unevaluated or a remote component hides
// children); `checks` counts (policy, resource) pairs, of which `passed`, `failed`, `waived` and
// `unevaluated` are distinct pairs. With `--min-severity`, `violations` holds only the findings at
// or above it and `filter: { minSeverity, hidden }` says how many were left out; the summary still
// counts them, and a hidden mandatory finding still fails.
//
// Strings are the program's and the policies' own; JSON escapes their control characters, and
// DEL, the C1 controls and the Unicode bidirectional controls are written as \uXXXX escapes too.
//
// `message` is what the policy reported; `description` is the policy's description (the engine
// prints both). Inputs are as the policies saw them at preview, with unknown values rendered as
// "[unknown]" and secrets as "[secret]". `source` is where the program constructed the resource
// (with `at: "at its component's line"` when it is the line that made its component).
import { operationOf } from "../lib/operations";
import type { RecordedResource } from "../lib/recorder";
import { operationCounts } from "./imported";
import {
  asciiSafeJson,
  AT_COMPONENT,
  displayPath,
  Gate,
  meetsSeverity,
  renderValue,
  resourceLocation,
  SeverityName,
  sortFindings,
  summarize,
} from "./report";
import type { StackResult } from "./result";
import { refusalsJson } from "./provider-refusals";

function source(r: RecordedResource | undefined) {
  const l = resourceLocation(r);
  if (!l) return undefined;
  const at = { file: displayPath(l.file), line: l.line, column: l.column };
  return l.component ? { ...at, at: AT_COMPONENT } : at;
}

export interface JsonOptions {
  readonly minSeverity?: SeverityName;
  readonly gate?: Gate;
}

export function stackToJson(r: StackResult, opts: JsonOptions = {}) {
  const byUrn = new Map(r.resources.map((x) => [x.urn, x]));
  const descriptionOf = new Map<string, string>();
  for (const v of r.violations) {
    const i = v.message.lastIndexOf(`\n${v.detail}`);
    if (i > 0) descriptionOf.set(v.policy, v.message.slice(0, i));
  }
  return {
    stack: r.stack,
    project: r.project.name,
    program: displayPath(r.project.entry),
    stackFile: r.stackFile ? displayPath(r.stackFile) : null,
    phases: r.phases.map((p) => p.phase),
    summary: { ...summarize(r, opts.gate), operations: operationCounts(r.resources) },
    ...(r.notTypeChecked ? { notTypeChecked: r.notTypeChecked } : {}),
    ...(r.refusedAtCreate ? { createRefusals: refusalsJson(r.refusedAtCreate) } : {}),
    ...(opts.minSeverity
      ? {
          filter: {
            minSeverity: opts.minSeverity,
            hidden: r.violations.filter((v) => !meetsSeverity(v.severity, opts.minSeverity)).length,
          },
        }
      : {}),
    resources: r.resources.map((x) => ({
      urn: x.urn,
      type: x.type,
      name: x.name,
      parent: x.parent ?? null,
      custom: x.custom,
      provider: x.provider ?? null,
      inputs: renderValue(x.inputs),
      source: source(x) ?? null,
      operation: operationOf(x),
      importId: operationOf(x) === "import" ? x.options.importId! : null,
    })),
    violations: sortFindings(r.violations)
      .filter((v) => meetsSeverity(v.severity, opts.minSeverity))
      .map((v) => ({
        policy: v.policy,
        enforcementLevel: v.enforcementLevel,
        severity: v.severity ?? null,
        urn: v.urn,
        type: v.type,
        name: v.name,
        message: v.detail,
        description: descriptionOf.get(v.policy) ?? null,
        remediation: v.remediationSteps ?? null,
        source: source(byUrn.get(v.urn)) ?? null,
        phase: v.phase,
        phases: v.phases,
      })),
    waived: r.waived.map((w) => ({
      policy: w.policy,
      urn: w.urn,
      type: w.type,
      name: w.name,
      message: w.message,
      reason: w.waiver.reason,
      via: w.waiver.via,
      phase: w.phase,
    })),
    unevaluated: r.unevaluated.map((u) => ({
      policy: u.policy,
      enforcementLevel: u.enforcementLevel,
      urn: u.urn,
      name: u.name,
      type: u.type,
      reason: u.reason,
    })),
    notes: r.notes.map((n) => ({
      policy: n.policy,
      urn: n.urn,
      type: n.type,
      name: n.name,
      message: n.detail,
      phase: n.phase,
    })),
    remoteComponents: r.remoteComponents,
    unjudged: r.unjudged,
    applyOnly: r.applyOnly,
    renamedAtApply: r.renamedAtApply,
    sdk: { version: r.sdk.version, own: r.sdk.own },
    configNotes: r.configNotes,
    warnings: r.warnings,
    diagnostics: r.diagnostics,
  };
}

export function formatJson(results: readonly StackResult[], opts: JsonOptions = {}): string {
  const docs = results.map((r) => stackToJson(r, opts));
  return asciiSafeJson(JSON.stringify(docs.length === 1 ? docs[0] : docs, null, 2)) + "\n";
}
