// The human-readable report: a preview-like summary of what the program registers, then the
// findings grouped by severity, the waived findings with their reasons, the preview notes and
// the program's own output.
import type { RecordedResource } from "../lib/recorder";
import type { Violation } from "../lib/policy-runner";
import { displayPath, resourceLocation, SEVERITIES, sortFindings, summarize } from "./report";
import type { StackResult } from "./run";

/** Components listed in the tree before it is cut short (large programs have thousands). */
const MAX_TREE_LINES = 60;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((l) => (l ? prefix + l : l))
    .join("\n");
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
          .map(([t, n]) => `${n} ${t.split(":").pop()}`)
          .join(", ") + (kinds.length > 5 ? `, +${kinds.length - 5} more types` : "");
      const branch = depth === 0 ? "" : `${prefix}${last ? "└─ " : "├─ "}`;
      lines.push(
        `${branch}${r.type} ${r.name}${depth > 0 ? where(r) : ""}  [${plural(total.get(r.urn) ?? 0, "resource")}]` +
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
  return rows.map(([t, n]) => `${String(n).padStart(width)}  ${t}`);
}

function where(r: RecordedResource | undefined): string {
  const loc = resourceLocation(r);
  return loc ? `  (${displayPath(loc.file)}:${loc.line})` : "";
}

/** Findings of one policy: the policy, its fix once, then each resource with its message. */
function policyBlock(group: readonly Violation[], byUrn: Map<string, RecordedResource>): string {
  const v0 = group[0];
  const mark = v0.enforcementLevel === "mandatory" ? "✗ mandatory" : "! advisory ";
  const lines = [`${mark}  ${v0.policy}${group.length > 1 ? `  (${group.length})` : ""}`];
  for (const v of group) {
    lines.push(`    - ${v.type} ${v.name}${where(byUrn.get(v.urn))}`);
    lines.push(indent(v.detail, "        "));
  }
  if (v0.remediationSteps)
    lines.push(`    fix: ${v0.remediationSteps.replace(/\n/g, "\n         ")}`);
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

/** The text report of one stack. */
export function formatStackText(r: StackResult): string {
  const s = summarize(r);
  const out: string[] = [];
  const components = r.resources.filter((x) => !x.custom).length;
  out.push(`Offline check of project ${r.project.name}, stack ${r.stack} (as \`pulumi preview\`)`);
  out.push(`  program: ${displayPath(r.project.entry)}`);
  out.push(`  config:  ${displayPath(r.stackFile)}`);
  for (const note of r.configNotes) out.push(`  note:    ${note}`);
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
    `Findings: ${s.mandatory} mandatory, ${s.advisory} advisory` +
      ` (${s.waived} waived, ${plural(s.notes, "preview note")})`,
  );
  const sorted = sortFindings(r.violations);
  for (const sev of [...SEVERITIES, undefined]) {
    const group = sorted.filter((v) =>
      sev ? v.severity === sev : !SEVERITIES.includes(v.severity as never),
    );
    if (group.length === 0) continue;
    out.push("", `  ${(sev ?? "unrated").toUpperCase()} (${group.length})`);
    for (const g of byPolicy(group)) out.push(indent(policyBlock(g, byUrn), "    "));
  }
  if (r.violations.length === 0) out.push("  none");

  if (r.waived.length > 0) {
    out.push(
      "",
      `Waived (${r.waived.length}) — not counted, listed so every exception stays visible`,
    );
    for (const w of [...r.waived].sort(
      (a, b) => a.policy.localeCompare(b.policy) || a.name.localeCompare(b.name),
    )) {
      out.push(
        `    ~ ${w.policy}  on ${w.type} ${w.name}${where(byUrn.get(w.urn))}`,
        `      reason (${w.waiver.via === "tag" ? `tag waiver:${w.policy}` : "policy config"}): ${w.waiver.reason}`,
        indent(w.message, "      "),
      );
    }
  }
  if (r.notes.length > 0) {
    out.push(
      "",
      `Preview notes (${r.notes.length}) — parts of policies that need values known only after apply` +
        " (as `pulumi preview` reports them; `pulumi up` evaluates them):",
    );
    const notesByPolicy = new Map<string, Violation[]>();
    for (const n of r.notes) {
      const list = notesByPolicy.get(n.policy);
      if (list) list.push(n);
      else notesByPolicy.set(n.policy, [n]);
    }
    for (const [policy, list] of notesByPolicy) {
      const names = list.map((n) => n.name);
      const shown =
        names.slice(0, 6).join(", ") + (names.length > 6 ? `, … (${names.length - 6} more)` : "");
      out.push(`    ? ${policy}  on ${plural(list.length, "resource")}: ${shown}`);
      const reason = list[0].detail.replace(
        /^can't run policy '[^']+' (?:from policy pack '[^']*' )?during preview: /,
        "",
      );
      out.push(`      e.g. ${reason.length > 200 ? `${reason.slice(0, 200)}…` : reason}`);
    }
  }
  if (r.diagnostics.length > 0) {
    out.push("", `Program output (${plural(r.diagnostics.length, "line")}):`);
    out.push(...r.diagnostics.map((l) => `    ${l}`));
  }
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  out.push(
    "",
    (s.passed
      ? `Result for ${r.stack}: PASS — no mandatory violation (${s.advisory} advisory)`
      : `Result for ${r.stack}: FAIL — ${plural(s.mandatory, "mandatory violation")}`) +
      `  [program ${seconds(r.timings.programMs)}, policies ${seconds(r.timings.policiesMs)}]`,
  );
  return out.join("\n");
}

export function formatText(results: readonly StackResult[]): string {
  return results.map(formatStackText).join(`\n\n${"─".repeat(80)}\n\n`) + "\n";
}
