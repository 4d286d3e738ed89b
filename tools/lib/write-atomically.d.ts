// Types of ./write-atomically.js (plain JavaScript: the preloads require it).

/**
 * Writes `data` to `file` only once it is complete, creating its folder: a temporary file of this
 * writer's alone beside it, then a rename. A write that fails leaves no temporary file and throws.
 */
export function writeAtomically(file: string, data: string | NodeJS.ArrayBufferView): void;
