// Types of ./pack-files.js (plain JavaScript: the policy pack's preload requires it).

/** Every source file of `dir`, node_modules and hidden folders left out, in a stable order. */
export function packSources(dir: string): string[];

/** Lock files of the folder and every folder above it, nearest first. */
export function lockFiles(dir: string): string[];
