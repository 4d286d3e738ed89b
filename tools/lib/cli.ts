// What every command-line tool of this project shares: the usage error (exit 2, with the usage
// text when asked), and the exit codes.

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
