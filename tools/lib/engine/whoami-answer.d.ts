// Types of ./whoami-answer.js (plain JavaScript: the program's preload requires it), for the
// TypeScript that reads what it answered. The preload alone uses the answers themselves.

/** The user a bare `pulumi whoami` prints under the check, which has no Pulumi login. */
export const WHOAMI_USER: string;

/** The backend URL `pulumi whoami --verbose` and `--json` give that user. */
export const WHOAMI_URL: string;

/**
 * What the CLI prints for a `pulumi whoami` it answers, given as a shell line (`command` alone)
 * or as a file and its arguments run without a shell; undefined for any other.
 */
export function whoamiOutput(command: string, args?: readonly string[]): string | undefined;
/** The error refusing a `pulumi whoami` in a form the check does not answer; else undefined. */
export function whoamiRefusal(
  command: string,
  args?: readonly string[],
): (Error & { code: string }) | undefined;
