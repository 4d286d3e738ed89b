// Types of ./cache-folder.js (plain JavaScript: the policy pack's preload requires it).

/** Writes `data` to `file` atomically, creating its folder. */
export function writeEntry(file: string, data: string | NodeJS.ArrayBufferView): void;

/** Marks `file` as used now, so `keepNewest` trims it last (best-effort). */
export function markUsed(file: string): void;

/**
 * Keeps the `keep` entries of `dir` ending in `suffix` used last, and removes those not used for
 * `maxAgeDays` (when given).
 */
export function keepNewest(dir: string, keep: number, suffix: string, maxAgeDays?: number): void;
