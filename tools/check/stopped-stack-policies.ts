// Stack policies in an apply phase stopped at the program's top level (./stopped-at-apply.ts).
// A stack policy judges the whole stack at once (a bucket's public access block, its encryption
// configuration, its bucket policy: resources of their own), and the Pulumi engine runs stack
// policies only once the program has finished (AnalyzeStack after a completed update): a stopped
// apply phase that never registered some of what preview saw holds only part of the stack, so a
// stack policy run on it would report what merely was not registered yet as missing. They are not
// run at apply there: their preview judgement stands (findings and preview notes), and a note
// names them. A stopped apply phase that registered everything preview saw (the failure the
// program's last step) holds the whole stack preview judged, its values known, and anything it
// lacks (what the program would create inside an `apply` after the failure) preview lacked too:
// the stack policies run on it (./run.ts), and the stop's own entry stands for the rest.
import type { PolicyReport } from "../lib/policy-runner";
import { loadPackModules } from "./pack-load";

/** The names of the pack's stack policies, from its catalogue. */
export async function stackPolicyNames(): Promise<ReadonlySet<string>> {
  const { policyCatalog } = await loadPackModules();
  return new Set(
    [...policyCatalog].flatMap(([name, meta]) => (meta.kind === "stack" ? [name] : [])),
  );
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

/** The note naming the stack policies not run at apply (those preview reported on first). */
export function stackPoliciesNote(preview: PolicyReport, stack: ReadonlySet<string>): string {
  const reported = [
    ...new Set(
      [...preview.violations, ...preview.waived].map((v) => v.policy).filter((p) => stack.has(p)),
    ),
  ].sort();
  const listed = reported.length ? ` (those preview reported on: ${reported.join(", ")})` : "";
  return (
    `the program did not finish at apply, so the pack's ${stack.size} stack policies, which ` +
    `judge the whole stack and run only once the program has finished, were not run at ` +
    `apply${listed}: their preview judgement stands`
  );
}
