// Types of ./apply-unknowns.js (plain JavaScript: the program's preload requires it).

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
