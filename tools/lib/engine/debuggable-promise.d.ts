// Types of ./debuggable-promise.js (plain JavaScript: the language host's preload requires it).

/**
 * Makes the SDK's `debuggablePromise` run with a stack-trace limit of 0: the same bookkeeping, no
 * stack. Returns false, with nothing changed, when the module has no such function.
 */
export declare function lightenDebuggablePromise(exports: { debuggablePromise?: unknown }): boolean;
