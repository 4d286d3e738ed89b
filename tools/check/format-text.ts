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
  Gate,
  meetsSeverity,
  resourceLocation,
  SEVERITIES,
  SeverityName,
  sortFindings,
  summarize,
} from "./report";
import type { StackResult } from "./run";

/** Components listed in the tree before it is cut short (large programs have thousands). */
const MAX_TREE_LINES = 60;

export interface TextOptions {
  /** ANSI colour (see `colorWanted`). */
  readonly color?: boolean;
  /** Only the findings and the results (`--quiet`). */
  readonly quiet?: boolean;
  /** Hide findings below this severity (`--min-severity`); they still count and still fail. */
  readonly minSeverity?: SeverityName;
  /** What fails a stack besides a mandatory violation (`--fail-on-*`). */
  readonly gate?: Gate;
}

/**
 * Whether to colour a report written to `stream`, as Node.js itself decides: FORCE_COLOR set to
 * 1, 2, 3, true or the empty string forces colour and any other value turns it off (Node.js CLI
 * docs, "FORCE_COLOR=[1, 2, 3]"); otherwise NO_COLOR set to a non-empty value (no-color.org),
 * NODE_DISABLE_COLORS or TERM=dumb turn it off; otherwise colour only on a terminal.
 */
export function colorWanted(
  stream: { readonly isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ["", "1", "2", "3", "true"].includes(force);
  if (env.NO_COLOR) return false;
  if (env.NODE_DISABLE_COLORS) return false;
  if (env.TERM === "dumb") return false;
  return !!stream.isTTY;
}

type Paint = (s: string) => string;
interface Style {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly red: Paint;
  readonly green: Paint;
  readonly yellow: Paint;
  readonly cyan: Paint;
}

function styleOf(color: boolean): Style {
  const sgr =
    (on: number, off: number): Paint =>
    (s) =>
      color ? `\x1b[${on}m${s}\x1b[${off}m` : s;
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((l) => (l ? prefix + l : l))
    .join("\n");
}

function where(r: RecordedResource | undefined): string {
  const loc = resourceLocation(r);
  return loc ? `  (${escapeLine(displayPath(loc.file))}:${loc.line})` : "";
}

/** `type name`, escaped. */
function resourceLabel(x: { readonly type: string; readonly name: string }): string {
  return `${escapeLine(x.type)} ${escapeLine(x.name)}`;
}

/** Components and their parent chain, as `pulumi preview` draws its tree, with what they hold. */
function componentTree(resources: readonly RecordedResource[]): string[] {
  const children = new Map<string, RecordedResource[]>();
  const roots: RecordedResource[] = [];
  for (const r of resources) {
    if (r.parent) {
      const list = children.get(r.parent);
      if (list) list.push(r);
      else children.set(r.parent, [r]);
    } else if (!r.custom) {
      roots.push(r);
    }
  }
  const total = new Map<string, number>();
  const count = (r: RecordedResource): number => {
    let n = 0;
    for (const c of children.get(r.urn) ?? []) n += 1 + count(c);
    total.set(r.urn, n);
    return n;
  };
  roots.forEach(count);
  const lines: string[] = [];
  let omitted = 0;
  const walk = (r: RecordedResource, prefix: string, last: boolean, depth: number) => {
    if (lines.length >= MAX_TREE_LINES) {
      omitted++;
    } else {
      const direct = new Map<string, number>();
      for (const c of children.get(r.urn) ?? []) {
        if (c.custom) direct.set(c.type, (direct.get(c.type) ?? 0) + 1);
      }
      const kinds = [...direct.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const held =
        kinds
          .slice(0, 5)
          .map(([t, n]) => `${n} ${escapeLine(t.split(":").pop() ?? t)}`)
          .join(", ") + (kinds.length > 5 ? `, +${kinds.length - 5} more types` : "");
      const branch = depth === 0 ? "" : `${prefix}${last ? "└─ " : "├─ "}`;
      lines.push(
        `${branch}${resourceLabel(r)}${depth > 0 ? where(r) : ""}  [${plural(total.get(r.urn) ?? 0, "resource")}]` +
          (held ? `: ${held}` : ""),
      );
    }
    const subs = (children.get(r.urn) ?? []).filter((c) => !c.custom);
    subs.forEach((c, i) =>
      walk(
        c,
        depth === 0 ? "" : `${prefix}${last ? "   " : "│  "}`,
        i === subs.length - 1,
        depth + 1,
      ),
    );
  };
  roots.forEach((r, i) => walk(r, "", i === roots.length - 1, 0));
  if (omitted > 0) lines.push(`… and ${plural(omitted, "more component")}`);
  return lines;
}

function byType(resources: readonly RecordedResource[]): string[] {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const rows = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const width = String(rows[0]?.[1] ?? 0).length;
  return rows.map(([t, n]) => `${String(n).padStart(width)}  ${escapeLine(t)}`);
}

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
  return (
    line +
    style.dim(
      `  [program ${seconds(r.timings.programMs)}, policies ${seconds(r.timings.policiesMs)}]`,
    )
  );
}

/** The text report of one stack. */
export function formatStackText(r: StackResult, opts: TextOptions = {}): string {
  const style = styleOf(!!opts.color);
  const s = summarize(r, opts.gate);
  const out: string[] = [];
  if (opts.quiet) {
    out.push(style.bold(`Stack ${escapeLine(r.stack)}`));
    out.push(...findingsSection(r, opts, style));
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
  for (const note of r.configNotes) out.push(`  note:    ${escapeText(note)}`);
  out.push("");
  out.push(
    `Resources: ${r.resources.length} to create (${r.resources.length - components} custom, ${plural(components, "component")})`,
  );
  out.push("  by component:");
  out.push(...componentTree(r.resources).map((l) => `    ${l}`));
  out.push("  by type:");
  out.push(...byType(r.resources).map((l) => `    ${l}`));
  out.push("");

  const byUrn = new Map(r.resources.map((x) => [x.urn, x]));
  out.push(
    style.bold(
      `Checks: ${s.checks} — ${s.passed} passed, ${s.failed} failed, ${s.waived} waived, ` +
        `${s.unevaluated} not evaluated`,
    ),
  );
  out.push(...findingsSection(r, opts, style));

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
        `      reason (${w.waiver.via === "tag" ? `tag waiver:${escapeLine(w.policy)}` : "policy config"}): ${escapeText(w.waiver.reason)}`,
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
      const names = list.map((n) => escapeLine(n.name));
      const shown =
        names.slice(0, 6).join(", ") + (names.length > 6 ? `, … (${names.length - 6} more)` : "");
      out.push(`    ? ${escapeLine(policy)}  on ${plural(list.length, "resource")}: ${shown}`);
      const reason = escapeLine(
        list[0].detail.replace(/^can't run policy '[^']+' during preview: /, ""),
      );
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
  const rows = results.map((r) => ({ stack: escapeLine(r.stack), s: summarize(r, opts.gate) }));
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
  const verdicts = rows.map(({ stack, s }) => {
    const detail =
      s.result === "FAIL"
        ? [
            s.mandatory ? plural(s.mandatory, "mandatory violation") : "",
            opts.gate?.failOnUnevaluated && s.unevaluatedMandatory
              ? `${s.unevaluatedMandatory} mandatory not evaluated`
              : "",
            opts.gate?.failOnIncomplete && s.incomplete ? "incomplete" : "",
          ]
            .filter(Boolean)
            .join(", ")
        : [
            s.advisory ? `${s.advisory} advisory` : "",
            s.unevaluatedMandatory ? `${s.unevaluatedMandatory} mandatory not evaluated` : "",
            s.incomplete ? "incomplete" : "",
          ]
            .filter(Boolean)
            .join(", ");
    const verdict = s.result === "PASS" ? style.green("PASS") : style.red("FAIL");
    return `${stack} ${verdict}${detail ? ` (${detail})` : ""}`;
  });
  const overall = failed.length ? style.red("FAIL") : style.green("PASS");
  out.push(
    style.bold("Result: ") +
      `${overall} — ${plural(results.length, "stack")} checked: ${verdicts.join("; ")}`,
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
