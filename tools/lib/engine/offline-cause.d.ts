// Types of ./offline-cause.js (plain JavaScript: the program's preload requires it).

/** What an offline run lacks that an error failed on. */
export type OfflineCause = { invoke: string } | { command: true } | { network: true };

/** What an offline run lacks that an error failed on; undefined when it is the program's own. */
export function offlineCause(
  e: unknown,
  failedCommands?: ReadonlySet<string>,
): OfflineCause | undefined;

/**
 * The offline failure `e` is, or holds as its `cause` or among an AggregateError's `errors`
 * (depth first): its cause and the error it was read from.
 */
export function offlineFailure(
  e: unknown,
  failedFor?: (e: object) => ReadonlySet<string> | undefined,
): { cause: OfflineCause; error: object } | undefined;

/** The record of a failure: cause, first line, `thrown` (the program's own error), output, site. */
export function describeFailure(
  e: unknown,
  found: { cause: OfflineCause; error: object } | undefined,
  programFrame: (stack: string) => { file: string; line: number; column: number } | undefined,
): Record<string, unknown>;

/** Records every command whose child process fails to start or exits non-zero; installed once. */
export function watchChildProcesses(): void;
