// What the report says when a program asked `pulumi.runtime.isDryRun()`: the check answers true
// in both phases (it runs the program with --dry-run, as `pulumi preview` does; why the apply
// phase does not answer false: ../lib/engine/dry-run-sites.js), so whatever the program does only
// when the answer is false ran in neither phase, and the pack judged none of it. What that is the
// check cannot tell: resources, a command or an upload, or a rule of the program's own (a config
// check it makes only when deploying, `deploying: !isDryRun()`). `pulumi up` runs it. The note
// names each place; the result line is qualified (dryRunSkipped), so it never reads a bare PASS.
import type { ProgramRun } from "../lib/engine/language-host";
import { displayPath } from "./report";

type Runs = readonly Pick<ProgramRun, "dryRunAsked">[];

/** Each place code outside the SDK asked, once, relative to the program's folder when inside it. */
function placesAsked(runs: Runs, programDir: string): string[] {
  const shown = (file: string) => displayPath(file, programDir);
  const places = new Set<string>();
  for (const run of runs) {
    for (const s of run.dryRunAsked) {
      const via = s.via ? ` (in ${shown(s.via)})` : "";
      places.add(`${shown(s.file)}:${s.line}${via}`);
    }
  }
  return [...places];
}

/** The note for the stack's runs: one, or none when no code outside the SDK asked. */
export function dryRunNotes(runs: Runs, programDir: string): string[] {
  const places = placesAsked(runs, programDir);
  if (places.length === 0) return [];
  return [
    `the program asks pulumi.runtime.isDryRun() at ${places.join(", ")}: the check answers ` +
      "true in both phases, as `pulumi preview` does, so only the program's preview path ran: " +
      "whatever it does when the answer is false (it may register resources, run commands, or " +
      "check its own config only when deploying) was neither run nor judged here; `pulumi up` " +
      "runs it, and the policy pack judges the resources it registers there",
  ];
}

/** The short form the last result line gives, per stack, where a stack has dryRunSkipped. */
export const DRY_RUN_SKIPPED_SHORT = "code behind isDryRun() not run";

/**
 * What qualifies the stack's result line when a program asked (`code behind isDryRun() at
 * index.ts:5 not run`); undefined when none asked. Unlike "not type-checked", it also stands on
 * the last result line across stacks (DRY_RUN_SKIPPED_SHORT): a check that never ran.
 */
export function dryRunSkipped(runs: Runs, programDir: string): string | undefined {
  const places = placesAsked(runs, programDir);
  return places.length > 0
    ? `code behind isDryRun() at ${places.join(", ")} not run (pulumi up runs it)`
    : undefined;
}
