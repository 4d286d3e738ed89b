// Types of ./lazy-closure-deps.js (plain JavaScript: the language host's preload requires it).

/** From now on, the SDK's codePaths.js gets stand-ins that load its two packages on first use. */
export function deferClosurePackages(): void;
