// Types of ./lazy-tracing-deps.js (plain JavaScript: the language host's preload requires it).

/** From now on, the SDK's cmd/run/tracing.js gets stand-ins that load its packages on first use. */
export function deferTracingPackages(): void;
