// `--format sarif`: SARIF 2.1.0 for code-scanning tools, one run per stack.
//
// - tool.driver.rules: every policy of the pack (help = remediation, properties.tags = the
//   controls it mirrors, security-severity for code-scanning ranking).
// - results: error for a mandatory violation, warning for an advisory one, note for a waived one
//   (with a suppression: kind "inSource" for a waiver tag in the program, "external" for a waiver
//   in the policy config, justification = the written reason). A preview note ("can't run during
//   preview") is kind "open", level "none": the check could not decide.
// - locations: the resource's URN as a logical location, and as physical location the program
//   file and line that constructed the resource, or the stack file when there is none.
import { createHash } from "crypto";
import { pathToFileURL } from "url";
import { displayPath, PolicyInfo, resourceLocation, sortFindings } from "./report";
import type { Finding, StackResult, Unevaluated, WaivedFinding } from "./run";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

const SECURITY_SEVERITY: Record<string, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
};

function ruleName(policy: string): string {
  return policy
    .split("-")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

function rules(policies: readonly PolicyInfo[]) {
  return policies.map((p) => ({
    id: p.name,
    name: ruleName(p.name),
    shortDescription: { text: p.description },
    fullDescription: { text: p.description },
    help: {
      text: p.remediationSteps ?? p.description,
      markdown:
        (p.remediationSteps ?? p.description) +
        (p.references.length
          ? `\n\nMirrors: ${p.references.map((r) => `${r.source} ${r.id}`).join(", ")}`
          : ""),
    },
    defaultConfiguration: {
      level:
        p.enforcementLevel === "mandatory" || p.enforcementLevel === "remediate"
          ? "error"
          : p.enforcementLevel === "disabled"
            ? "none"
            : "warning",
      enabled: p.enforcementLevel !== "disabled",
    },
    properties: {
      tags: ["security", ...p.references.map((r) => `${r.source}:${r.id}`)],
      ...(p.severity
        ? { severity: p.severity, "security-severity": SECURITY_SEVERITY[p.severity] }
        : {}),
      enforcementLevel: p.enforcementLevel,
    },
  }));
}

function fingerprint(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 32);
}

export function formatSarif(
  results: readonly StackResult[],
  policies: readonly PolicyInfo[],
): string {
  const ruleIndex = new Map(policies.map((p, i) => [p.name, i]));
  const driverRules = rules(policies);
  const cwd = pathToFileURL(process.cwd() + "/").href;
  const runs = results.map((r) => {
    const byUrn = new Map(r.resources.map((x) => [x.urn, x]));
    const locations = (urn: string, name: string, type: string) => {
      const where = resourceLocation(byUrn.get(urn));
      return [
        {
          physicalLocation: where
            ? {
                artifactLocation: { uri: displayPath(where.file), uriBaseId: "%SRCROOT%" },
                region: { startLine: where.line, startColumn: where.column },
              }
            : {
                artifactLocation: {
                  uri: displayPath(r.stackFile ?? r.project.file),
                  uriBaseId: "%SRCROOT%",
                },
                region: { startLine: 1 },
              },
          logicalLocations: [
            {
              name,
              fullyQualifiedName: urn || `${r.project.name}-${r.stack}`,
              kind: "resource",
              decoratedName: type,
            },
          ],
        },
      ];
    };
    const base = (policy: string, urn: string, name: string, type: string) => ({
      ruleId: policy,
      ...(ruleIndex.has(policy) ? { ruleIndex: ruleIndex.get(policy) } : {}),
      locations: locations(urn, name, type),
      partialFingerprints: {
        "pulumiPolicyFinding/v1": fingerprint(r.project.name, r.stack, policy, urn),
      },
      properties: { stack: r.stack, urn, resourceType: type },
    });
    const violation = (v: Finding) => ({
      ...base(v.policy, v.urn, v.name, v.type),
      level: v.enforcementLevel === "mandatory" ? "error" : "warning",
      message: { text: v.detail },
      properties: { stack: r.stack, urn: v.urn, resourceType: v.type, phase: v.phase },
    });
    const waived = (w: WaivedFinding) => ({
      ...base(w.policy, w.urn, w.name, w.type),
      level: "note",
      message: { text: w.message },
      suppressions: [
        {
          kind: w.waiver.via === "tag" ? "inSource" : "external",
          status: "accepted",
          justification: w.waiver.reason,
        },
      ],
    });
    const open = (u: Unevaluated) => ({
      ...base(u.policy, u.urn, u.name, u.type),
      kind: "open",
      level: "none",
      message: { text: `not evaluated: ${u.reason}` },
    });
    return {
      tool: {
        driver: {
          name: "platform-guardrails",
          fullName: "Platform guardrails policy pack (offline check)",
          informationUri: "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/",
          rules: driverRules,
        },
      },
      automationDetails: { id: `offline-check/${r.project.name}/${r.stack}/` },
      originalUriBaseIds: { "%SRCROOT%": { uri: cwd } },
      invocations: [{ executionSuccessful: true }],
      properties: { project: r.project.name, stack: r.stack, resources: r.resources.length },
      results: [
        ...sortFindings(r.violations).map(violation),
        ...r.waived.map(waived),
        ...r.unevaluated.map(open),
      ],
    };
  });
  return JSON.stringify({ $schema: SARIF_SCHEMA, version: "2.1.0", runs }, null, 2) + "\n";
}
