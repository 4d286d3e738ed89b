// What every command-line tool of this project shares: the usage error (exit 2, with the usage
// text when asked), the exit codes, the runner of a tool's main function, and writing an output
// file whole or not at all.

/** Writes an output file only once it is complete (a temporary file beside it, renamed). */
export { writeAtomically } from "./write-atomically";

/** Exit codes of the tools: 0 done, 1 a finding (a violation, something unpriced), 2 misuse. */
export const EXIT = { ok: 0, finding: 1, usage: 2 } as const;

/** A problem with how a tool was invoked or with the project's files (exit code 2). */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Show the usage text after the message. */
    readonly showUsage = false,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Every character a terminal acts on or a reader can be fooled by: the C0 and C1 control
 * characters, DEL, the Unicode line and paragraph separators, the bidirectional controls and marks
 * that can reorder what a reader sees ("Trojan Source", CVE-2021-42574), and the byte order mark,
 * which a terminal shows as nothing (a file with two of them is not JSON, and the reader must see why).
 */
const CONTROLS =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A message for the terminal: control characters other than those in `keep` (newline and tab
 * unless told) written as `\xNN` / `\uNNNN`, so a value quoted from the command line or a file
 * (an ANSI escape, a bell, a bidirectional override) cannot rewrite the terminal. The check's
 * reports write their text with this too.
 */
export function escapeControls(s: string, keep = "\n\t"): string {
  return s.replace(CONTROLS, (c) => {
    if (keep.includes(c)) return c;
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, "0")}`
      : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

// Untrusted text (a value from the command line, resource names, policy messages, waiver reasons,
// program output) goes through these before it reaches a terminal or a report: a control character
// in a resource name could otherwise move the cursor, clear a line or print a fake "PASS". Newlines
// stay in multi-line messages (each line is indented under its finding), never in single-line
// fields.

/** A message for display: control characters (tab too) escaped, newlines kept. */
export function escapeText(s: string): string {
  return escapeControls(s, "\n");
}

/** A single-line field for display (a name, a type, a URN): newlines escaped too. */
export function escapeLine(s: string): string {
  return escapeControls(s, "");
}

/**
 * What every tool prints for a usage error: `error: <message>` as `escapeText` shows it (newlines
 * kept: a message may list problems line by line), then the tool's usage text when the error asks
 * for it. Flags a tool does not know or cannot read ask for it (./flags.ts); a value that conflicts
 * with another (a single-value flag given twice, a key set twice) names the fix and does not.
 */
export function usageErrorText(e: UsageError, usage: string): string {
  return `error: ${escapeText(e.message)}\n${e.showUsage ? `\n${usage}` : ""}`;
}

/** Prints a tool's usage text for `--help` and gives its exit code, 0. */
export function printUsage(usage: string): 0 {
  process.stdout.write(usage);
  return 0;
}

/**
 * Runs a tool's `main` and sets the exit code to what it returns. A `UsageError` prints as
 * `usageErrorText` says, any other error its stack (exit 2), its control characters escaped. A
 * program that awaits a value never known at preview leaves nothing to run: Node would exit
 * quietly with status 0. That is a failure, not a result (exit 2).
 */
export function runTool(main: () => Promise<number>, usage: string): void {
  let finished = false;
  process.on("beforeExit", () => {
    if (finished) return;
    finished = true;
    process.stderr.write(
      "error: the program never finished: it awaits something that does not settle during a preview\n",
    );
    process.exitCode = 2;
  });
  main().then(
    (code) => {
      finished = true;
      process.exitCode = code;
    },
    (e) => {
      if (e instanceof UsageError) process.stderr.write(usageErrorText(e, usage));
      else process.stderr.write(`error: ${escapeControls(String((e as Error)?.stack ?? e))}\n`);
      finished = true;
      process.exitCode = 2;
    },
  );
}
