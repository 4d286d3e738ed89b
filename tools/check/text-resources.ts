// The resources part of the text report: the component tree as `pulumi preview` draws it, with what
// each component holds, the counts by type, and what only the apply phase registered.
import type { RecordedResource } from "../lib/recorder";
import { plural, where, resourceLabel } from "./text-common";
import { escapeLine } from "./report";

/** Components listed in the tree before it is cut short (large programs have thousands). */
const MAX_TREE_LINES = 60;

/**
 * Short names for type tokens: the type's own name (`Instance`), or where two tokens share it
 * (`command:remote:Command` and `command:local:Command`, `aws:ec2/instance:Instance` and
 * `aws:rds/instance:Instance`) the module too (`remote:Command`, `rds:Instance`), or the whole
 * token where even that is shared.
 */
export function shortTypeNames(types: readonly string[]): Map<string, string> {
  const parts = (t: string) => {
    const segments = t.split(":");
    if (segments.length < 3) return { mod: t, name: segments[segments.length - 1] };
    return { mod: segments[1].split("/")[0], name: segments[segments.length - 1] };
  };
  const count = (keys: string[]) => {
    const n = new Map<string, number>();
    for (const k of keys) n.set(k, (n.get(k) ?? 0) + 1);
    return n;
  };
  const unique = [...new Set(types)];
  const byName = count(unique.map((t) => parts(t).name));
  const withModule = (t: string) => `${parts(t).mod}:${parts(t).name}`;
  const byModule = count(unique.map(withModule));
  const names = new Map<string, string>();
  for (const t of unique) {
    const { name } = parts(t);
    if (byName.get(name) === 1) names.set(t, name);
    else if (byModule.get(withModule(t)) === 1) names.set(t, withModule(t));
    else names.set(t, t);
  }
  return names;
}

/** Components and their parent chain, as `pulumi preview` draws its tree, with what they hold. */
export function componentTree(resources: readonly RecordedResource[]): string[] {
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
      const names = shortTypeNames(kinds.map(([t]) => t));
      const held =
        kinds
          .slice(0, 5)
          .map(([t, n]) => `${n} ${escapeLine(names.get(t) ?? t)}`)
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

export function byType(resources: readonly RecordedResource[]): string[] {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const rows = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const width = String(rows[0]?.[1] ?? 0).length;
  return rows.map(([t, n]) => `${String(n).padStart(width)}  ${escapeLine(t)}`);
}

/** Resources named one by one under "only at apply" before the rest are counted. */
const MAX_APPLY_ONLY_LINES = 10;

/**
 * The resources only the apply phase registered: the program creates them once an output is known
 * (inside `apply`, or after awaiting an output), so `pulumi preview` of a new stack runs none of
 * that code and lists none of them, while `pulumi up` creates them. Pulumi's own guidance says not
 * to do this ("Never Create Resources Inside apply(): Resources created inside apply() don't
 * appear in pulumi preview", the `pulumi-best-practices` skill of pulumi/agent-skills).
 */
export function applyOnlyLines(
  applyOnly: readonly { urn: string; type: string; name: string }[],
  byUrn: ReadonlyMap<string, RecordedResource>,
): string[] {
  return namedResources(
    applyOnly,
    `  only at apply: ${plural(applyOnly.length, "resource")} that \`pulumi preview\` of a new stack ` +
      "does not list: the program registers them once an output is known (inside `apply`), so " +
      "only `pulumi up` creates them; the apply phase judged them. Create them at the top level " +
      "with the output as their input, so that preview shows them:",
    (x) => `${resourceLabel(x)}${where(byUrn.get(x.urn))}`,
  );
}

/** A heading and one line per resource, the first MAX_APPLY_ONLY_LINES of them; none if empty. */
function namedResources<T>(items: readonly T[], heading: string, line: (x: T) => string): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, MAX_APPLY_ONLY_LINES).map((x) => `    ${line(x)}`);
  const more = items.length - shown.length;
  return [heading, ...shown, ...(more > 0 ? [`    … and ${more} more`] : [])];
}

/**
 * The resources the apply phase registered under another name than preview, from the same line:
 * a name computed anew in each run (`logs-${Date.now()}`, a random suffix). Each is one resource,
 * listed and judged once; but every `pulumi up` names it anew, so Pulumi replaces it on each
 * deployment (a resource's name is part of its URN, its identity: "The URN ... is made up of
 * the ... resource's name", https://www.pulumi.com/docs/iac/concepts/resources/names/).
 */
export function renamedAtApplyLines(
  renamed: readonly { urn: string; type: string; name: string; applyName: string }[],
  byUrn: ReadonlyMap<string, RecordedResource>,
): string[] {
  return namedResources(
    renamed,
    `  named differently at apply: ${plural(renamed.length, "resource")} whose name the program ` +
      "computes anew in each run (a timestamp, a random value), so the apply phase registered " +
      "it under another name than preview; counted and judged once. Every `pulumi up` would " +
      "replace it: give it a stable name:",
    (x) => `${resourceLabel(x)} (at apply: ${escapeLine(x.applyName)})${where(byUrn.get(x.urn))}`,
  );
}
