// Types of ./apply-stopped.js (plain JavaScript: the program's preload requires it).

/**
 * Records the first error the language host's handlers get (the one it reports), with its offline
 * cause when it has one, under APPLY_STOPPED_TOKEN.
 */
export function recordStop(
  append: (record: Record<string, unknown>) => void,
  programFrame: (stack: string) => { file: string; line: number; column: number } | undefined,
  options?: { watch?: boolean },
): void;

/** The token of the record `recordStop` writes. */
export const APPLY_STOPPED_TOKEN: string;
