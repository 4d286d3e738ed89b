// Types of ./apply-unknowns.js (plain JavaScript: the program's preload requires it).

/** What an offline run lacks that an error failed on; undefined when it is the program's own. */
export function offlineCause(
  e: unknown,
  failedCommands?: ReadonlySet<string>,
): { invoke: string } | { command: true } | { network: true } | undefined;

/** Wraps one copy of the SDK's output.js: failures on what an offline run lacks give unknowns. */
export function leaveUnknownAtApply(
  exports: unknown,
  outputFile: string,
  append: (record: Record<string, unknown>) => void,
  programFrame: (stack: string) => { file: string; line: number; column: number } | undefined,
): void;

/** Wraps the output forms of invoke of one copy of the SDK's runtime/invoke.js the same way. */
export function leaveUnknownInvokeOutputs(exports: unknown, outputExports: unknown): void;

/** The token its records carry in OFFLINE_INVOKE_SITES. */
export const APPLY_UNKNOWN_TOKEN: string;

/** How the URN of the stand-in dependency a failure's unknown carries starts. */
export const APPLY_UNKNOWN_REF_PREFIX: string;

/** Records every command whose child process fails to start or exits non-zero; installed once. */
export function watchChildProcesses(): void;
