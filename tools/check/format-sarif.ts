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
//   says so (run with --type-check), as the text report's result line does; code a program runs
//   only when isDryRun() is false, which ran in neither phase: `properties.dryRunSkipped`.
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
// - rules: every policy of the pack (./sarif-rules.ts).
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
  Gate,
  escapeLine,
  escapeText,
  meetsSeverity,
  PolicyInfo,
  resourceLocation,
  SeverityName,
  sortFindings,
  summarize,
} from "./report";
import type { Finding, StackResult, Unevaluated, WaivedFinding } from "./result";
import { refusalsJson } from "./provider-refusals";
import { level, rules } from "./sarif-rules";

export { conciseDescription, MAX_TAGS, ruleTags } from "./sarif-rules";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

export interface SarifOptions {
  /** The policy pack's version: `tool.driver.version` (and `semanticVersion` when it is one). */
  readonly version: string;
  /** Leave findings below this severity out of the results (they still fail the check). */
  readonly minSeverity?: SeverityName;
  /** Waived findings as suppressed results instead of run properties. */
  readonly includeSuppressed?: boolean;
  /** The `%SRCROOT%` base: paths are written relative to it. Default: the working directory. */
  readonly baseDir?: string;
  /** What fails the check besides mandatory findings (the summary's result follows it). */
  readonly gate?: Gate;
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
    const s = summarize(r, opts.gate);
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
        ...(r.dryRunSkipped ? { dryRunSkipped: r.dryRunSkipped } : {}),
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
