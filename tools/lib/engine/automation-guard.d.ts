// Types of ./automation-guard.js (plain JavaScript: the program's preload requires it), for the
// TypeScript that reads what it answered. The preload alone uses the guard itself.

/** The user a bare `pulumi whoami` prints under the check, which has no Pulumi login. */
export const WHOAMI_USER: string;

/** The backend URL `pulumi whoami --verbose` and `--json` give that user. */
export const WHOAMI_URL: string;

/** What the CLI prints for a `pulumi whoami` command line it answers; undefined for any other. */
export function whoamiOutput(line: string): string | undefined;
/** The error refusing a `pulumi whoami` line in a form the check does not answer; else undefined. */
export function whoamiRefusal(line: string): (Error & { code: string }) | undefined;
