// The policy report (tools/lib/policy-runner.ts's PolicyReport) built from the diagnostics the
// pack itself sent: violations, "can't run during preview" notes, and the findings a waiver
// withheld, read back from the pack's `policy-waivers` findings (policy-pack/lib/waiver-report.ts).
import type { EnforcementLevel, Severity } from "@pulumi/policy";
import { parseWaiverListing } from "../../../policy-pack/lib/waiver-report";
import type { PolicyReport, Violation } from "../policy-runner";
import type { RecordedResource } from "../recorder";
import type { PolicyDiagnostic } from "./analyzer";
import { urnName, urnType } from "./marshal";

/** The SDK's message for a check that met an unknown value (server.js, `makeAnalyzeRpcFun`). */
export const PREVIEW_NOTE = /^can't run policy '([^']+)' from policy pack '[^']*' during preview: /;

export function toPolicyReport(
  diagnostics: readonly PolicyDiagnostic[],
  resources: readonly RecordedResource[],
): PolicyReport {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const where = (urn: string) => {
    const r = byUrn.get(urn);
    return { urn, type: r?.type ?? urnType(urn), name: r?.name ?? urnName(urn) };
  };
  const violations: Violation[] = [];
  const waived: PolicyReport["waived"] = [];
  for (const d of diagnostics) {
    const note = d.enforcementLevel === "advisory" && PREVIEW_NOTE.test(d.message);
    // The SDK writes `<description>\n<message>`, or the description alone for an empty message.
    const detail = note
      ? d.message
      : d.message === d.description
        ? ""
        : d.message.startsWith(`${d.description}\n`)
          ? d.message.slice(d.description.length + 1)
          : d.message;
    violations.push({
      policy: d.policyName,
      enforcementLevel: d.enforcementLevel as EnforcementLevel,
      severity: d.severity as Severity | undefined,
      ...where(d.urn),
      message: d.message,
      detail,
      remediationSteps: d.remediationSteps,
      previewNote: note || undefined,
    });
    const listing = note ? undefined : parseWaiverListing(detail);
    for (const w of listing?.withheld ?? []) {
      waived.push({
        policy: listing!.policy,
        urn: w.urn,
        message: w.message,
        waiver: { reason: listing!.reason, via: listing!.via },
        type: where(w.urn).type,
        name: where(w.urn).name,
      });
    }
  }
  return { violations, waived };
}
