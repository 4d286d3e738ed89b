// `--format sarif`: SARIF 2.1.0 for code scanning, one run per stack.
//
// Written for GitHub code scanning, which turns every `result` of a run into an alert and reads
// only a subset of SARIF: it ignores `result.kind` and `result.suppressions` ("the rest of the
// supported fields are ignored", GitHub docs, "SARIF support for code scanning"; suppressions not
// honoured: github/codeql-action#1230). So:
//
// - results: one per real, unwaived finding, and nothing else. `level` error for a mandatory
//   finding, warning for an advisory one; the alert's severity comes from the rule's
//   `security-severity`.
// - checks no phase could evaluate: `invocations[0].toolExecutionNotifications`, one notification
//   per check with its rule (`associatedRule`), resource and reason (SARIF §3.20.21, §3.58: a
//   condition met while running the tool), after the run's own notes on the stack (level note,
//   no rule). Code scanning does not make alerts of them.
// - waivers: each once, as a result with a `suppressions` entry (kind inSource for a waiver tag,
//   external for the policy config, status accepted, justification = the written reason): what
//   SARIF defines for an accepted exception. GitHub code scanning ignores suppressions and would
//   open an alert for each, so for an upload there (`includeSuppressed: false`,
//   `--sarif-omit-suppressed`) the waivers are listed in the run's `properties.waivers` (rule,
//   resource, reason) instead, and only real unwaived findings become alerts.
// - resources of a package no policy of the pack covers (aws-native, …): one note each among the
//   notifications, and their count in `properties.unjudged`, so a run with no result does not
//   read as covering them.
// - preview notes the apply phase resolved: counted in `properties.previewNotesResolved`; they are
//   not findings.
// - inputs AWS refuses at create (preview passes them, `pulumi up` stops): `properties.createRefusals`
// - a program compiled without the type-check `pulumi preview` would do: `properties.notTypeChecked`
//   says so (run with --type-check), as the text report's result line does.
// - partialFingerprints.primaryLocationLineHash: GitHub uses no other key. The upload action
//   computes it from the text of the result's first line when it is absent, and keeps a value
//   that is present (github/codeql-action src/fingerprints.ts, warning when it differs). Ours is a
//   hash of the policy and the resource's URN, plus an occurrence counter as in GitHub's own
//   "<hash>:<n>" values: stable when code moves, and distinct for every resource, where a line
//   hash would merge the findings of every resource a component constructs on the same line.
// - locations: the program file and line that constructed the resource (the whole line from the
//   constructor call on), or the stack file when the SDK reported none, relative to the working
//   directory under `%SRCROOT%`, whose absolute location is left out (SARIF §3.14.14 lets a base
//   stay unresolved; GitHub resolves relative URIs against the repository root). A program outside
//   the working directory gets its own base, `PROGRAMROOT`, also unresolved. The resource's URN is
//   the logical location.
// - rules: every policy of the pack; `shortDescription` its first clause, `fullDescription` the
//   whole description with its enforcement level and severity; at most 10 tags (GitHub shows 10):
//   `security`, the service, then the mirrored controls taking each source in turn (every control
//   is also listed in the help text).
// - suppression status: SARIF §3.35.3 and the schemas this file is checked against (the one in
//   @microsoft/jest-sarif, and the one the upload action validates with) name it `status`; the
//   schema published with the OASIS standard calls it `state` (an erratum).
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import {
  asciiSafeJson,
  AT_COMPONENT,
  displayPath,
  escapeLine,
  escapeText,
  meetsSeverity,
  PolicyInfo,
  resourceLocation,
  SeverityName,
  sortFindings,
  summarize,
} from "./report";
import type { Finding, StackResult, Unevaluated, WaivedFinding } from "./run";
import { refusalsJson } from "./provider-refusals";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

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

export interface SarifOptions {
  /** The policy pack's version: `tool.driver.version` (and `semanticVersion` when it is one). */
  readonly version: string;
  /** Leave findings below this severity out of the results (they still fail the check). */
  readonly minSeverity?: SeverityName;
  /** Waived findings as suppressed results instead of run properties. */
  readonly includeSuppressed?: boolean;
  /** The `%SRCROOT%` base: paths are written relative to it. Default: the working directory. */
  readonly baseDir?: string;
}

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

function level(enforcementLevel: string): "error" | "warning" | "none" {
  return enforcementLevel === "mandatory" || enforcementLevel === "remediate"
    ? "error"
    : enforcementLevel === "disabled"
      ? "none"
      : "warning";
}

function rules(policies: readonly PolicyInfo[]) {
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

function hash(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 32);
}

/** Lines of the files regions point into, read once per report. */
class SourceLines {
  private readonly cache = new Map<string, string[] | undefined>();
  line(file: string, n: number): string | undefined {
    if (!this.cache.has(file)) {
      try {
        this.cache.set(file, fs.readFileSync(file, "utf8").split(/\r?\n/));
      } catch {
        this.cache.set(file, undefined);
      }
    }
    return this.cache.get(file)?.[n - 1];
  }
}

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export function formatSarif(
  results: readonly StackResult[],
  policies: readonly PolicyInfo[],
  opts: SarifOptions,
): string {
  const ruleIndex = new Map(policies.map((p, i) => [p.name, i]));
  const driverRules = rules(policies);
  const levels = new Map(policies.map((p) => [p.name, p.enforcementLevel]));
  const base = path.resolve(opts.baseDir ?? process.cwd());
  const lines = new SourceLines();

  const runs = results.map((r) => {
    const byUrn = new Map(r.resources.map((x) => [x.urn, x]));
    const programRoot = path.relative(base, r.project.dir).startsWith("..");
    /** An artifact location without an absolute path: under %SRCROOT%, or PROGRAMROOT. */
    const artifact = (file: string) => {
      const rel = path.relative(base, file);
      return !rel.startsWith("..") && !path.isAbsolute(rel)
        ? { uri: displayPath(file, base), uriBaseId: "%SRCROOT%" }
        : {
            uri: path.relative(r.project.dir, file).split(path.sep).join("/"),
            uriBaseId: "PROGRAMROOT",
          };
    };
    const region = (file: string, line: number, column: number) => {
      const text = lines.line(file, line);
      const end = text === undefined ? column + 1 : Math.max(column + 1, text.trimEnd().length + 1);
      return { startLine: line, startColumn: column, endLine: line, endColumn: end };
    };
    const location = (urn: string, name: string, type: string) => {
      const where = resourceLocation(byUrn.get(urn));
      const file = where?.file ?? r.stackFile ?? r.project.file;
      return {
        physicalLocation: {
          artifactLocation: artifact(file),
          region: where ? region(file, where.line, where.column) : region(file, 1, 1),
        },
        ...(where?.component ? { message: { text: AT_COMPONENT } } : {}),
        logicalLocations: [
          {
            name: escapeLine(name),
            fullyQualifiedName: escapeLine(urn || `${r.project.name}-${r.stack}`),
            kind: "resource",
            decoratedName: escapeLine(type),
          },
        ],
      };
    };
    // primaryLocationLineHash: policy + URN, and the occurrence among results of that pair.
    const seen = new Map<string, number>();
    const fingerprint = (policy: string, urn: string) => {
      const h = hash(policy, urn);
      const n = (seen.get(h) ?? 0) + 1;
      seen.set(h, n);
      return { primaryLocationLineHash: `${h}:${n}` };
    };
    const ref = (policy: string) =>
      ruleIndex.has(policy) ? { ruleIndex: ruleIndex.get(policy) } : {};

    const violation = (v: Finding) => ({
      ruleId: v.policy,
      ...ref(v.policy),
      level: v.enforcementLevel === "mandatory" ? "error" : "warning",
      message: { text: escapeText(v.detail) },
      locations: [location(v.urn, v.name, v.type)],
      partialFingerprints: fingerprint(v.policy, v.urn),
      properties: {
        stack: r.stack,
        urn: escapeLine(v.urn),
        resourceType: escapeLine(v.type),
        enforcementLevel: v.enforcementLevel,
        ...(v.severity ? { severity: v.severity } : {}),
        phase: v.phase,
        phases: v.phases,
      },
    });
    const suppressed = (w: WaivedFinding) => ({
      ruleId: w.policy,
      ...ref(w.policy),
      level: level(levels.get(w.policy) ?? "advisory") === "error" ? "error" : "warning",
      message: { text: escapeText(w.message) },
      locations: [location(w.urn, w.name, w.type)],
      partialFingerprints: fingerprint(w.policy, w.urn),
      suppressions: [
        {
          kind: w.waiver.via === "tag" ? "inSource" : "external",
          status: "accepted",
          justification: escapeText(w.waiver.reason),
        },
      ],
      properties: {
        stack: r.stack,
        urn: escapeLine(w.urn),
        resourceType: escapeLine(w.type),
        phase: w.phase,
      },
    });
    const notification = (u: Unevaluated) => ({
      level: u.enforcementLevel === "mandatory" ? "warning" : "note",
      message: {
        text: escapeText(
          `Not evaluated: ${u.policy} on ${u.type} ${u.name} (${u.enforcementLevel}): ${u.reason}`,
        ),
      },
      locations: [location(u.urn, u.name, u.type)],
      ...(ruleIndex.has(u.policy)
        ? { associatedRule: { id: u.policy, index: ruleIndex.get(u.policy) } }
        : {}),
      properties: {
        policy: escapeLine(u.policy),
        enforcementLevel: u.enforcementLevel,
        urn: escapeLine(u.urn),
      },
    });

    const shown = sortFindings(r.violations).filter((v) =>
      meetsSeverity(v.severity, opts.minSeverity),
    );
    const waived = [...r.waived].sort(
      (a, b) => a.policy.localeCompare(b.policy) || a.urn.localeCompare(b.urn),
    );
    const s = summarize(r);
    return {
      tool: {
        driver: {
          name: "platform-guardrails",
          fullName: "Platform guardrails policy pack (offline check)",
          version: opts.version,
          ...(SEMVER.test(opts.version) ? { semanticVersion: opts.version } : {}),
          informationUri: "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/",
          rules: driverRules,
        },
      },
      automationDetails: { id: `offline-check/${r.project.name}/${r.stack}/` },
      originalUriBaseIds: {
        "%SRCROOT%": {
          description: {
            text: "The directory the check ran from (run it from the repository root for code scanning).",
          },
        },
        ...(programRoot
          ? {
              PROGRAMROOT: {
                description: { text: "The directory of the checked program (its Pulumi.yaml)." },
              },
            }
          : {}),
      },
      invocations: [
        {
          executionSuccessful: true,
          toolExecutionNotifications: [
            // What the run itself says of the stack (defaults used, a secret not decrypted, an
            // apply phase that failed in a dependency), before the checks it left unevaluated.
            ...r.configNotes.map((n) => ({ level: "note", message: { text: escapeText(n) } })),
            ...r.unevaluated.map(notification),
            ...r.unjudged.map((u) => ({
              level: "note",
              message: {
                text: escapeText(
                  `Not judged: ${u.type} ${u.name}: no policy of this pack covers this ` +
                    `type of the ${u.type.split(":")[0]} package`,
                ),
              },
              locations: [location(u.urn, u.name, u.type)],
              properties: { urn: escapeLine(u.urn) },
            })),
          ],
        },
      ],
      columnKind: "utf16CodeUnits",
      properties: {
        project: escapeLine(r.project.name),
        stack: escapeLine(r.stack),
        phases: r.phases.map((p) => p.phase),
        resources: r.resources.length,
        summary: {
          checks: s.checks,
          passed: s.passed,
          failed: s.failed,
          waived: s.waived,
          unevaluated: s.unevaluated,
          result: s.result,
        },
        previewNotesResolved: r.notes.length,
        unjudged: r.unjudged.length,
        ...(r.notTypeChecked ? { notTypeChecked: r.notTypeChecked } : {}),
        ...(r.refusedAtCreate ? { createRefusals: refusalsJson(r.refusedAtCreate) } : {}),
        ...(opts.minSeverity
          ? { minSeverity: opts.minSeverity, hiddenFindings: r.violations.length - shown.length }
          : {}),
        ...(opts.includeSuppressed
          ? {}
          : {
              waivers: waived.map((w) => ({
                ruleId: w.policy,
                urn: escapeLine(w.urn),
                resource: escapeLine(w.name),
                resourceType: escapeLine(w.type),
                via: w.waiver.via,
                reason: escapeText(w.waiver.reason),
                message: escapeText(w.message),
              })),
            }),
      },
      results: [...shown.map(violation), ...(opts.includeSuppressed ? waived.map(suppressed) : [])],
    };
  });
  return (
    asciiSafeJson(JSON.stringify({ $schema: SARIF_SCHEMA, version: "2.1.0", runs }, null, 2)) + "\n"
  );
}
