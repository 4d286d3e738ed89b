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
// (@pulumi/policy proxy.js, `unknownCheckingProxy`). That holds only when every URN the apply phase
// registered is one preview registered too: a resource registered under a name that changes
// between runs (a date in it) would stand beside its preview twin, its side resources registered
// after the stop pointing at that twin, and a stack policy would find the apply phase's resource
// without them. Such a stopped apply phase runs no stack policy (`withoutStackPolicies`): their
// preview judgement stands, and a note says why (`stackPoliciesNote`).
//
// Of the whole-stack judgement only the entries on resources the apply phase registered are kept
// (`stackPoliciesOnRegistered`): a finding on a missing resource is preview's (judged on the same
// values, and labelled as found at preview only), and so is every resource policy's entry on one.
// A policy that reads a value only the missing resource's creation would give raises the SDK's
// "can't run during preview" note, and is listed as not evaluated naming that resource
// (../check/combine.ts). What the program would register after the stop only inside an `apply`
// neither phase saw, and the stop's own entry stands for it.
import type { ProgramRun } from "../lib/engine/language-host";
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
 * The resources the stopped apply phase registered under a URN preview never registered, in the
 * order registered (the stack itself is registered under the same URN in both phases).
 */
export function unseenAtPreview(
  preview: Pick<ProgramRun, "resources">,
  stopped: Pick<ProgramRun, "resources">,
): EngineResource[] {
  const seen = new Set(preview.resources.map((r) => r.urn));
  return stopped.resources.filter((r) => !seen.has(r.urn));
}

/**
 * The stopped apply phase's report judged on what it registered followed by the missing resources
 * as preview registered them, keeping only the entries on what the apply phase registered: every
 * policy's entries on the missing resources are preview's. A stack policy's note is marked as
 * given on a stopped apply phase.
 */
export function stackPoliciesOnRegistered(
  report: PolicyReport,
  missing: readonly EngineResource[],
  stack: ReadonlySet<string>,
): PolicyReport {
  const urns = new Set(missing.map((r) => r.urn));
  const kept = (v: { urn: string }) => !urns.has(v.urn);
  return {
    violations: report.violations
      .filter(kept)
      .map((v) => (v.previewNote && stack.has(v.policy) ? { ...v, atStop: true } : v)),
    waived: report.waived.filter(kept),
  };
}

/**
 * The stopped apply phase's report without the stack policies' entries, with preview's notes of
 * them (a check preview could not evaluate stays listed as such).
 */
export function withoutStackPolicies(
  apply: PolicyReport,
  preview: PolicyReport,
  stack: ReadonlySet<string>,
): PolicyReport {
  return {
    violations: [
      ...apply.violations.filter((v) => !stack.has(v.policy)),
      ...preview.violations
        .filter((v) => v.previewNote && stack.has(v.policy))
        .map((v) => ({ ...v, notRunAtStop: true })),
    ],
    waived: apply.waived.filter((w) => !stack.has(w.policy)),
  };
}

/**
 * The note naming the stack policies not run on the stopped apply phase (those preview reported
 * on first) and why: the resources it registered that preview never did (`type name`).
 */
export function stackPoliciesNote(
  preview: PolicyReport,
  stack: ReadonlySet<string>,
  unseen: readonly EngineResource[],
): string {
  const reported = [
    ...new Set(
      [...preview.violations, ...preview.waived].map((v) => v.policy).filter((p) => stack.has(p)),
    ),
  ].sort();
  const listed = reported.length ? ` (those preview reported on: ${reported.join(", ")})` : "";
  const names = unseen.map((r) => `${r.type} ${r.name}`).join(", ");
  return (
    `the program did not finish at apply, and registered there ${unseen.length === 1 ? "a resource" : `${unseen.length} resources`} ` +
    `preview never registered (${names}: a name that changes between runs?), so the ` +
    `pack's ${stack.size} stack policies, which judge the whole stack and run only once the ` +
    `program has finished, were not run at apply${listed}: their preview judgement stands`
  );
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
