// The `rules` of a SARIF run for `--format sarif` (./format-sarif.ts): every policy of the pack,
// `shortDescription` its first clause, `fullDescription` the whole description with its
// enforcement level and severity; at most 10 tags (GitHub shows 10): `security`, the service,
// then the mirrored controls taking each source in turn (every control is also listed in the
// help text). A rule's `properties["security-severity"]` gives its alerts their severity in
// GitHub code scanning (GitHub docs, "SARIF support for code scanning").
import type { PolicyInfo } from "./report";

/** GitHub maps security-severity scores: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium. */
const SECURITY_SEVERITY: Record<string, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
};

/** GitHub displays at most this many tags of a rule. */
export const MAX_TAGS = 10;

/** GitHub's limit for shortDescription and fullDescription. */
const MAX_DESCRIPTION = 1024;

function ruleName(policy: string): string {
  return policy
    .split("-")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

/**
 * A policy description's first clause: its first sentence, cut at the first `:`, `;`, ` (` or
 * `, so` when that sentence is long, else at a word boundary.
 */
export function conciseDescription(description: string, max = 100): string {
  const firstSentence = /^.*?[.!?](?=\s+[A-Z]|\s*$)/s.exec(description)?.[0] ?? description;
  let s = firstSentence.replace(/\s+/g, " ").replace(/\.$/, "").trim();
  if (s.length > max) {
    // The first separator outside parentheses and `code`, far enough in to leave a clause.
    let depth = 0;
    let code = false;
    for (let i = 0; i < Math.min(s.length, max); i++) {
      const c = s[i];
      if (c === "`") code = !code;
      else if (!code && c === "(") depth++;
      else if (!code && c === ")") depth = Math.max(0, depth - 1);
      if (code || depth > 0 || i < 30) continue;
      if ([": ", "; ", " (", " — ", ", "].some((sep) => s.startsWith(sep, i))) {
        s = s.slice(0, i);
        break;
      }
    }
  }
  if (s.length > max) s = `${s.slice(0, s.lastIndexOf(" ", max - 1))}…`;
  return s;
}

/** `security`, the service (`s3`, `iam` …), then control ids taking each source in turn. */
export function ruleTags(p: PolicyInfo): string[] {
  const tags = ["security", p.name.split("-")[0]];
  const bySource = new Map<string, string[]>();
  for (const r of p.references) {
    const list = bySource.get(r.source);
    const tag = `${r.source}:${r.id}`;
    if (list) list.push(tag);
    else bySource.set(r.source, [tag]);
  }
  const queues = [...bySource.values()];
  for (let i = 0; tags.length < MAX_TAGS && queues.some((q) => i < q.length); i++) {
    for (const q of queues) if (i < q.length && tags.length < MAX_TAGS) tags.push(q[i]);
  }
  return [...new Set(tags)];
}

function clip(text: string): string {
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
}

export function level(enforcementLevel: string): "error" | "warning" | "none" {
  return enforcementLevel === "mandatory" || enforcementLevel === "remediate"
    ? "error"
    : enforcementLevel === "disabled"
      ? "none"
      : "warning";
}

export function rules(policies: readonly PolicyInfo[]) {
  return policies.map((p) => {
    const help = p.remediationSteps ?? p.description;
    const mirrors = p.references.map((r) => `${r.source} ${r.id}`).join(", ");
    return {
      id: p.name,
      name: ruleName(p.name),
      shortDescription: { text: conciseDescription(p.description) },
      fullDescription: {
        text: clip(
          `${p.description} (${p.enforcementLevel}${p.severity ? `, severity ${p.severity}` : ""})`,
        ),
      },
      help: {
        text: help + (mirrors ? `\n\nMirrors: ${mirrors}` : ""),
        markdown: help + (mirrors ? `\n\nMirrors: ${mirrors}` : ""),
      },
      defaultConfiguration: {
        level: level(p.enforcementLevel) === "none" ? "note" : level(p.enforcementLevel),
        enabled: p.enforcementLevel !== "disabled",
      },
      properties: {
        tags: ruleTags(p),
        ...(p.severity
          ? { severity: p.severity, "security-severity": SECURITY_SEVERITY[p.severity] }
          : {}),
        enforcementLevel: p.enforcementLevel,
      },
    };
  });
}
