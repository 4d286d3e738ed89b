// What the report says when a program asked `pulumi.runtime.isDryRun()`: the check answers true
// in both phases (it runs the program with --dry-run, as `pulumi preview` does; why the apply
// phase does not answer false: ../lib/engine/dry-run-sites.js), so whatever the program does only
// when the answer is false (a resource it creates or reads, a command, an upload) ran in neither
// phase, and the pack judged none of it. `pulumi up` runs it, and the pack judges it there.
import * as path from "path";
import type { ProgramRun } from "../lib/engine/language-host";

/** The note for the stack's runs: one, or none when no code outside the SDK asked. */
export function dryRunNotes(
  runs: readonly Pick<ProgramRun, "dryRunAsked">[],
  programDir: string,
): string[] {
  const shown = (file: string) => {
    const relative = path.relative(programDir, file);
    return relative && !relative.startsWith("..") ? relative : file;
  };
  const places = new Set<string>();
  for (const run of runs) {
    for (const s of run.dryRunAsked) {
      const via = s.via ? ` (in ${shown(s.via)})` : "";
      places.add(`${shown(s.file)}:${s.line}${via}`);
    }
  }
  if (places.size === 0) return [];
  return [
    `the program asks pulumi.runtime.isDryRun() at ${[...places].join(", ")}: the check answers ` +
      "true in both phases, as `pulumi preview` does, so what the program does only when it is " +
      "false (resources it creates or reads, commands, uploads) was neither run nor judged here; " +
      "`pulumi up` runs it, and the policy pack judges the resources it registers there",
  ];
}
