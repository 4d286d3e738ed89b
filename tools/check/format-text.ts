// The human-readable report: per stack a preview-like summary of what the program registers, the
// checks counted as Checkov counts them (passed, failed, waived, not evaluated), the findings
// grouped by severity, the waived findings with their reasons, the checks no phase could evaluate,
// the preview notes, the program's own warnings and output, and the stack's result; then, across
// stacks, the same counts per stack and a last line that gives the verdict of every stack checked.
//
// Everything that comes from the program or the policies (names, types, messages, reasons, program
// output) is escaped first (`escapeLine`/`escapeText`): a control character in a resource name
// cannot move the cursor or print a line of its own. Colour is added afterwards, and only when
// asked for (`colorWanted`).
import type { RecordedResource } from "../lib/recorder";
import type { Violation } from "../lib/policy-runner";
import {
  displayPath,
  escapeLine,
  escapeText,
  meetsSeverity,
  SEVERITIES,
  sortFindings,
  summarize,
} from "./report";
import type { StackResult } from "./result";
import { DRY_RUN_SKIPPED_SHORT } from "./dry-run-note";
import { noteReason, stackNoteParts } from "./note-reasons";
import { ROOT_STACK_TYPE } from "../lib/engine/urns";
import { describeCreateRefusals, type ProviderInputError } from "./provider-refusals";
import { TextOptions, styleOf, plural, indent, where, resourceLabel, Style } from "./text-common";
import { applyOnlyLines, componentTree, byType, renamedAtApplyLines } from "./text-resources";
import { operationsText } from "./imported";

export { colorWanted } from "./text-common";
export type { TextOptions } from "./text-common";

/** Findings of one policy: the policy, its fix once, then each resource with its message. */
function policyBlock(
  group: readonly Violation[],
  byUrn: Map<string, RecordedResource>,
  style: Style,
): string {
  const v0 = group[0];
  const mark =
    v0.enforcementLevel === "mandatory" ? style.red("✗ mandatory") : style.yellow("! advisory ");
  const lines = [
    `${mark}  ${style.bold(escapeLine(v0.policy))}${group.length > 1 ? `  (${group.length})` : ""}`,
  ];
  for (const v of group) {
    const phase = (v as { phases?: string[] }).phases?.join(" + ");
    lines.push(
      `    - ${resourceLabel(v)}${where(byUrn.get(v.urn))}${phase ? style.dim(`  [${phase}]`) : ""}`,
    );
    lines.push(indent(escapeText(v.detail), "        "));
  }
  if (v0.remediationSteps) {
    lines.push(`    fix: ${escapeText(v0.remediationSteps).replace(/\n/g, "\n         ")}`);
  }
  return lines.join("\n");
}

/** Consecutive findings of the same policy and level (the list is sorted). */
function byPolicy(list: readonly Violation[]): Violation[][] {
  const groups: Violation[][] = [];
  for (const v of list) {
    const last = groups[groups.length - 1];
    if (last && last[0].policy === v.policy && last[0].enforcementLevel === v.enforcementLevel)
      last.push(v);
    else groups.push([v]);
  }
  return groups;
}

/** The findings of a stack, by severity, with the filter said out loud. */
function findingsSection(r: StackResult, opts: TextOptions, style: Style): string[] {
  const s = summarize(r, opts.gate);
  const byUrn = new Map(r.resources.map((x) => [x.urn, x]));
  const shown = sortFindings(r.violations).filter((v) =>
    meetsSeverity(v.severity, opts.minSeverity),
  );
  const hidden = r.violations.length - shown.length;
  const out = [
    style.bold(`Findings: ${s.mandatory} mandatory, ${s.advisory} advisory`) +
      (hidden > 0
        ? `  (${hidden} below ${opts.minSeverity} hidden by --min-severity; they still count)`
        : ""),
  ];
  for (const sev of [...SEVERITIES, undefined]) {
    const group = shown.filter((v) =>
      sev ? v.severity === sev : !SEVERITIES.includes(v.severity as never),
    );
    if (group.length === 0) continue;
    out.push("", `  ${style.bold((sev ?? "unrated").toUpperCase())} (${group.length})`);
    for (const g of byPolicy(group)) out.push(indent(policyBlock(g, byUrn, style), "    "));
  }
  if (shown.length === 0) out.push(r.violations.length === 0 ? "  none" : "  none shown");
  return out;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The packages of a stack's unjudged resources, as their type tokens name them. */
function unjudgedPackages(r: StackResult): string[] {
  return [...new Set(r.unjudged.map((u) => escapeLine(u.type.split(":")[0])))];
}

/** `Result for <stack>: …`, the verdict of one stack with what qualifies it. */
function resultLine(r: StackResult, opts: TextOptions, style: Style): string {
  const s = summarize(r, opts.gate);
  const hiddenMandatory = r.violations.filter(
    (v) => v.enforcementLevel === "mandatory" && !meetsSeverity(v.severity, opts.minSeverity),
  ).length;
  const stack = escapeLine(r.stack);
  const qualifiers: string[] = [];
  if (s.unevaluatedMandatory) {
    qualifiers.push(
      `${plural(s.unevaluatedMandatory, "mandatory check")} could not be evaluated` +
        (opts.gate?.failOnUnevaluated ? " (--fail-on-unevaluated)" : ""),
    );
  }
  if (s.incomplete) {
    qualifiers.push(
      "incomplete: remote components" +
        (opts.gate?.failOnIncomplete ? " (--fail-on-incomplete)" : ""),
    );
  }
  if (s.unjudged) {
    qualifiers.push(
      `${plural(s.unjudged, "resource")} judged by no policy (${unjudgedPackages(r).join(", ")})`,
    );
  }
  let line: string;
  if (s.result === "PASS") {
    line =
      `Result for ${stack}: ${style.green("PASS")} — no mandatory violation (${s.advisory} advisory)` +
      qualifiers.map((q) => ` — but ${q}`).join("");
  } else {
    const why = [
      s.mandatory
        ? plural(s.mandatory, "mandatory violation") +
          (hiddenMandatory ? ` (${hiddenMandatory} hidden by --min-severity)` : "")
        : "",
      ...qualifiers,
    ].filter(Boolean);
    line = `Result for ${stack}: ${style.red("FAIL")} — ${why.join("; ")}`;
  }
  if (r.notTypeChecked) line += ` — ${style.yellow(r.notTypeChecked)}`;
  if (r.dryRunSkipped) line += ` — ${style.yellow(r.dryRunSkipped)}`;
  if (r.refusedAtCreate) line += ` — ${style.red(createStopText(r.refusedAtCreate))}`;
  return (
    line +
    style.dim(
      `  [program ${seconds(r.timings.programMs)}, policies ${seconds(r.timings.policiesMs)}]`,
    )
  );
}

/** What the result line adds for inputs AWS refuses at create: `pulumi up` would stop there. */
function createStopText(e: ProviderInputError): string {
  const n = e.refusals.length;
  return `and pulumi up would stop: AWS refuses ${n === 1 ? "an input" : `${n} inputs`} at create (listed above)`;
}

/** The section listing inputs AWS refuses at create, beside the findings. */
function refusalsSection(r: StackResult, style: Style): string[] {
  if (!r.refusedAtCreate) return [];
  // Every value and name in it is escaped where the text is made (escapeLine).
  const [head, ...rest] = describeCreateRefusals(r.refusedAtCreate).split("\n");
  return ["", style.bold(head), ...rest];
}

/** The text report of one stack. */
export function formatStackText(r: StackResult, opts: TextOptions = {}): string {
  const style = styleOf(!!opts.color);
  const s = summarize(r, opts.gate);
  const out: string[] = [];
  if (opts.quiet) {
    out.push(style.bold(`Stack ${escapeLine(r.stack)}`));
    out.push(...findingsSection(r, opts, style));
    out.push(...refusalsSection(r, style));
    out.push("", resultLine(r, opts, style));
    return out.join("\n");
  }
  const components = r.resources.filter((x) => !x.custom).length;
  const phases = r.phases.map((p) => p.phase).join(" + ");
  out.push(
    style.bold(
      `Offline check of project ${escapeLine(r.project.name)}, stack ${escapeLine(r.stack)}`,
    ) +
      ` (phases: ${phases}; preview as \`pulumi preview\` sees it, apply as \`pulumi up\` sees each resource)`,
  );
  out.push(
    `  program: ${escapeLine(displayPath(r.project.entry))}  (@pulumi/pulumi ${escapeLine(r.sdk.version)}${r.sdk.own ? "" : ", lent by the check"})`,
  );
  out.push(`  config:  ${r.stackFile ? escapeLine(displayPath(r.stackFile)) : "project defaults"}`);
  for (const note of r.configNotes) {
    out.push(`  note:    ${escapeText(note).replace(/\n/g, "\n           ")}`);
  }
  out.push("");
  out.push(
    `Resources: ${operationsText(r.resources)} (${r.resources.length - components} custom, ${plural(components, "component")})`,
  );
  out.push("  by component:");
  out.push(...componentTree(r.resources).map((l) => `    ${l}`));
  out.push("  by type:");
  out.push(...byType(r.resources).map((l) => `    ${l}`));
  const byUrn = new Map(r.resources.map((x) => [x.urn, x]));
  out.push(...applyOnlyLines(r.applyOnly, byUrn));
  out.push(...renamedAtApplyLines(r.renamedAtApply, byUrn));
  out.push("");

  out.push(
    style.bold(
      `Checks: ${s.checks} — ${s.passed} passed, ${s.failed} failed, ${s.waived} waived, ` +
        `${s.unevaluated} not evaluated`,
    ),
  );
  out.push(...findingsSection(r, opts, style));
  out.push(...refusalsSection(r, style));

  if (r.waived.length > 0) {
    out.push(
      "",
      style.bold(`Waived (${r.waived.length})`) +
        " — not counted as findings, listed so every exception stays visible",
    );
    for (const w of [...r.waived].sort(
      (a, b) => a.policy.localeCompare(b.policy) || a.name.localeCompare(b.name),
    )) {
      out.push(
        `    ${style.cyan("~")} ${escapeLine(w.policy)}  on ${resourceLabel(w)}${where(byUrn.get(w.urn))}`,
        `      reason (${w.waiver.via === "tag" ? `tag waiver:${escapeLine(w.policy)}` : "policy config"}): ${escapeText(w.waiver.reason).replace(/\n/g, "\n        ")}`,
        indent(escapeText(w.message), "      "),
      );
    }
  }
  if (r.unevaluated.length > 0) {
    out.push(
      "",
      style.bold(`Not evaluated (${r.unevaluated.length})`) + " — checks that ran in no phase:",
    );
    for (const u of r.unevaluated) {
      const level = u.enforcementLevel === "mandatory" ? "mandatory" : "advisory ";
      out.push(
        `    ? ${level}  ${escapeLine(u.policy)}  on ${resourceLabel(u)}${where(byUrn.get(u.urn))}`,
        indent(escapeText(u.reason), "        "),
      );
    }
  }
  if (r.remoteComponents.length > 0) {
    out.push(
      "",
      `Incomplete: ${plural(r.remoteComponents.length, "remote component")} whose children no offline run can see: ` +
        r.remoteComponents.map(resourceLabel).join(", "),
    );
  }
  if (r.unjudged.length > 0) {
    out.push(
      "",
      `Not judged: ${plural(r.unjudged.length, "resource")} of ${unjudgedPackages(r).join(", ")}, ` +
        "which no policy of this pack covers (its rules read the aws: schema, and aws-native " +
        "types only where a rule lists them): " +
        r.unjudged.map(resourceLabel).join(", "),
    );
  }
  if (r.notes.length > 0) {
    out.push(
      "",
      style.bold(`Preview notes (${r.notes.length})`) +
        " — checks that need values known only after apply, as `pulumi preview` reports them; " +
        "the apply phase evaluated them:",
    );
    const notesByPolicy = new Map<string, Violation[]>();
    for (const n of r.notes) {
      const list = notesByPolicy.get(n.policy);
      if (list) list.push(n);
      else notesByPolicy.set(n.policy, [n]);
    }
    for (const [policy, list] of notesByPolicy) {
      // A stack policy's note is on the stack: the resources it could not judge are named in it.
      const names = [
        ...new Set(
          list.flatMap(
            (n) =>
              (n.type === ROOT_STACK_TYPE
                ? stackNoteParts(n.detail)?.map((p) => p.name)
                : undefined) ?? [n.name],
          ),
        ),
      ].map(escapeLine);
      const shown =
        names.slice(0, 6).join(", ") + (names.length > 6 ? `, … (${names.length - 6} more)` : "");
      out.push(`    ? ${escapeLine(policy)}  on ${plural(names.length, "resource")}: ${shown}`);
      const reason = escapeLine(noteReason(list[0].detail));
      out.push(`      e.g. ${reason.length > 200 ? `${reason.slice(0, 200)}…` : reason}`);
    }
  }
  if (r.warnings.length > 0) {
    out.push("", style.bold(`Program warnings (${r.warnings.length})`) + ":");
    out.push(...r.warnings.map((l) => indent(escapeText(l), "    ")));
  }
  if (r.diagnostics.length > 0) {
    out.push("", style.bold(`Program output (${plural(r.diagnostics.length, "line")})`) + ":");
    out.push(...r.diagnostics.map((l) => indent(escapeText(l), "    ")));
  }
  out.push("", resultLine(r, opts, style));
  return out.join("\n");
}

/**
 * The counts of every stack and their totals (Checkov's "Passed checks / Failed checks / Skipped
 * checks", with "waived" for skipped and the checks no phase could evaluate), then the last line:
 * the overall result and the verdict of every stack checked.
 */
function acrossStacks(results: readonly StackResult[], opts: TextOptions, style: Style): string[] {
  const rows = results.map((r) => ({ stack: escapeLine(r.stack), s: summarize(r, opts.gate), r }));
  const out: string[] = [];
  if (results.length > 1) {
    const head = ["stack", "checks", "passed", "failed", "waived", "not evaluated", "result"];
    const total = (k: "checks" | "passed" | "failed" | "waived" | "unevaluated") =>
      rows.reduce((n, x) => n + x.s[k], 0);
    const body = [
      ...rows.map(({ stack, s }) => [
        stack,
        String(s.checks),
        String(s.passed),
        String(s.failed),
        String(s.waived),
        String(s.unevaluated),
        s.result,
      ]),
      [
        "all stacks",
        String(total("checks")),
        String(total("passed")),
        String(total("failed")),
        String(total("waived")),
        String(total("unevaluated")),
        rows.some((x) => x.s.result === "FAIL") ? "FAIL" : "PASS",
      ],
    ];
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
    const fmt = (row: string[]) =>
      row
        .map((c, i) =>
          i === 0 || i === row.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]),
        )
        .join("  ")
        .trimEnd();
    out.push(style.bold(`Checks across ${results.length} stacks:`));
    out.push(`  ${fmt(head)}`);
    for (const row of body) out.push(`  ${fmt(row)}`);
    out.push("");
  }
  const failed = rows.filter((x) => x.s.result === "FAIL");
  const verdicts = rows.map(({ stack, s, r }) => {
    const detail =
      s.result === "FAIL"
        ? [
            s.mandatory ? plural(s.mandatory, "mandatory violation") : "",
            opts.gate?.failOnUnevaluated && s.unevaluatedMandatory
              ? `${s.unevaluatedMandatory} mandatory not evaluated`
              : "",
            opts.gate?.failOnIncomplete && s.incomplete ? "incomplete" : "",
            r.dryRunSkipped ? DRY_RUN_SKIPPED_SHORT : "",
          ]
            .filter(Boolean)
            .join(", ")
        : [
            s.advisory ? `${s.advisory} advisory` : "",
            s.unevaluatedMandatory ? `${s.unevaluatedMandatory} mandatory not evaluated` : "",
            s.incomplete ? "incomplete" : "",
            s.unjudged ? `${s.unjudged} not judged` : "",
            r.dryRunSkipped ? DRY_RUN_SKIPPED_SHORT : "",
          ]
            .filter(Boolean)
            .join(", ");
    const verdict = s.result === "PASS" ? style.green("PASS") : style.red("FAIL");
    return `${stack} ${verdict}${detail ? ` (${detail})` : ""}`;
  });
  const overall = failed.length ? style.red("FAIL") : style.green("PASS");
  const stopped = results.filter((r) => r.refusedAtCreate).map((r) => escapeLine(r.stack));
  out.push(
    style.bold("Result: ") +
      `${overall} — ${plural(results.length, "stack")} checked: ${verdicts.join("; ")}` +
      (stopped.length > 0
        ? ` — ${style.red(`but pulumi up would stop at inputs AWS refuses at create (${stopped.join(", ")})`)}`
        : ""),
  );
  return out;
}

export function formatText(results: readonly StackResult[], opts: TextOptions = {}): string {
  const style = styleOf(!!opts.color);
  const rule = `\n\n${style.dim("─".repeat(80))}\n\n`;
  return (
    results.map((r) => formatStackText(r, opts)).join(rule) +
    `\n\n${acrossStacks(results, opts, style).join("\n")}\n`
  );
}
