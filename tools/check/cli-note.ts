// What the report says when a program ran a Pulumi CLI query the check answers itself (a bare
// `pulumi whoami`: ../lib/engine/whoami-answer.js). Under `pulumi preview` the CLI that runs
// the program is logged in and prints its user; offline there is no login, so the program got a
// made-up user, and whatever it built from the answer (a `Created by` tag) was judged with it.
import type { ProgramRun } from "../lib/engine/language-host";

type Runs = readonly Pick<ProgramRun, "cliAnswered">[];

/** The note for the stack's runs: one, or none when the program ran no such query. */
export function cliAnsweredNotes(runs: Runs, user: string): string[] {
  const calls = [...new Set(runs.flatMap((r) => r.cliAnswered))];
  if (calls.length === 0) return [];
  return [
    `the program runs the Pulumi CLI's \`pulumi whoami\` (${calls.join(", ")}): the check ` +
      `never starts the CLI and answered "${user}" itself; \`pulumi preview\` prints the user ` +
      "the CLI is logged in as, so what the program builds from it (a tag, a name) differs there",
  ];
}
