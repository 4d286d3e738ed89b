// Types of ./automation-guard.js (plain JavaScript: the program's preload requires it), for the
// TypeScript that reads what it answered. The preload alone uses the guard itself.

/** The user a bare `pulumi whoami` prints under the check, which has no Pulumi login. */
export const WHOAMI_USER: string;
