// What every command-line tool of this project shares: the usage error (exit 2, with the usage
// text when asked), the exit codes, and the runner of a tool's main function.

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
 * Runs a tool's `main` and sets the exit code to what it returns. A `UsageError` prints its
 * message and the usage text, any other error its stack (exit 2). A program that awaits a value
 * never known at preview leaves nothing to run: Node would exit quietly with status 0. That is a
 * failure, not a result (exit 2).
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
      if (e instanceof UsageError) process.stderr.write(`error: ${e.message}\n\n${usage}`);
      else process.stderr.write(`error: ${(e as Error)?.stack ?? e}\n`);
      finished = true;
      process.exitCode = 2;
    },
  );
}
