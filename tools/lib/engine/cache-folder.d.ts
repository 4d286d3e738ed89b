// Types of ./cache-folder.js (plain JavaScript: the policy pack's preload requires it).

/** Writes `data` to `file` atomically, creating its folder. */
export function writeEntry(file: string, data: string | NodeJS.ArrayBufferView): void;

/** The bytes an entry keeps: a SHA-256 digest of `bytes`, then `bytes`. */
export function seal(bytes: Uint8Array): Buffer;

/** The bytes a sealed entry holds, or `undefined` when it is damaged (its digest must match). */
export function unseal(kept: Buffer): Buffer | undefined;

/** Marks `file` as used now, so `keepNewest` trims it last (best-effort). */
export function markUsed(file: string): void;

/** `file`'s status, or `undefined` when it is gone (another process removed it). */
export function statIfPresent(file: string): import("fs").Stats | undefined;

/**
 * Keeps the `keep` entries of `dir` ending in `suffix` used last, and removes those not used for
 * `maxAgeDays` (when given). Entries another process removes meanwhile are left out.
 */
export function keepNewest(dir: string, keep: number, suffix: string, maxAgeDays?: number): void;
