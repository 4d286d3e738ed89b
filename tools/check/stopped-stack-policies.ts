// Stack policies in an apply phase stopped at the program's top level (./stopped-at-apply.ts).
// A stack policy judges the whole stack at once (a bucket's public access block, its encryption
// configuration, its bucket policy: resources of their own), and the Pulumi engine runs stack
// policies only once the program has finished (AnalyzeStack after a completed update). A stopped
// apply phase that never registered some of what preview saw holds only part of the stack: a stack
// policy given that part alone would report what merely was not registered yet as missing.
//
// Which resources a stack policy reads is not declared, so no list of "safe" policies can be drawn
// up ahead. Instead each stack policy is given the whole stack: what the apply phase registered
// (URNs the same in both phases, values known), and, for every resource it never registered
// because of the stop, that resource as preview saw it, the values known at preview (the program's
// own inputs, the same at apply) and the rest unknown, as `pulumi preview` shows a stack policy
// (@pulumi/policy proxy.js, `unknownCheckingProxy`). That stack holds every resource preview judged,
// each at least as known as there: a finding is one preview or apply could make on the same values,
// never a resource missing because of the stop; a policy that reads a value only the missing
// resource's creation would give raises the SDK's "can't run during preview" note, and is listed as
// not evaluated naming that resource (../check/combine.ts). What the program would register after
// the stop only inside an `apply` neither phase saw, and the stop's own entry stands for it.
import type { EngineResource } from "../lib/engine/monitor";
import type { PolicyReport } from "../lib/policy-runner";
import { containsUnknown } from "../lib/engine/wire";
import { stackNoteParts } from "./note-reasons";
import { loadPackModules } from "./pack-load";

/** The names of the pack's stack policies, from its catalogue. */
export async function stackPolicyNames(): Promise<ReadonlySet<string>> {
  const { policyCatalog } = await loadPackModules();
  return new Set(
    [...policyCatalog].flatMap(([name, meta]) => (meta.kind === "stack" ? [name] : [])),
  );
}

/**
 * The stopped apply phase's report judged on what it registered followed by
 * the missing resources as preview registered them: the resource policies' entries
 * on the missing resources left out (those were judged at preview, on the same values), the stack
 * policies' kept, their notes marked as given on a stopped apply phase.
 */
export function stackPoliciesOnly(
  report: PolicyReport,
  missing: readonly EngineResource[],
  stack: ReadonlySet<string>,
): PolicyReport {
  const urns = new Set(missing.map((r) => r.urn));
  const kept = (v: { policy: string; urn: string }) => stack.has(v.policy) || !urns.has(v.urn);
  return {
    violations: report.violations
      .filter(kept)
      .map((v) => (v.previewNote && stack.has(v.policy) ? { ...v, atStop: true } : v)),
    waived: report.waived.filter(kept),
  };
}

/**
 * Why a stack policy's note on a stopped apply phase leaves it unevaluated, when every resource
 * the note names (by name, as the pack's notes do) is one the apply phase never registered and no
 * registered resource of that name holds an unknown value (the note's unknown can only be the
 * missing one's); undefined otherwise (explained as any other apply-phase unknown). `stop` names
 * the failed call and its line.
 */
export function stopNoteReason(
  detail: string,
  missing: readonly EngineResource[],
  registered: readonly EngineResource[],
  stop: string,
  why: string,
): string | undefined {
  const parts = stackNoteParts(detail);
  if (!parts?.length) return undefined;
  const missingNames = new Set(missing.map((r) => r.name));
  const holdingUnknowns = new Set(
    registered.filter((r) => containsUnknown(r.outputs)).map((r) => r.name),
  );
  const names = [...new Set(parts.map((p) => p.name))];
  if (!names.every((n) => missingNames.has(n) && !holdingUnknowns.has(n))) return undefined;
  return (
    "a stack policy, run on what the apply phase registered together with what preview saw of " +
    `the resources it never registered: it needs a value of ${names.join(", ")} known only once ` +
    `created, and the apply phase stopped before registering ${names.length === 1 ? "it" : "them"} ` +
    `(${stop}): ${why}`
  );
}
