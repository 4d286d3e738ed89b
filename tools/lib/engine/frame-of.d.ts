// Types of ./frame-of.js (plain JavaScript: the program's preload requires it).

/** A place in a file: lines and columns from 1. */
export interface FilePlace {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * A frame line's file, line and column (`at f (/file:1:2)`, `at /file:1:2`, `at async …`,
 * `at file:///…` decoded; parentheses allowed in the path), or undefined for a line that is no
 * frame of a local file (an eval frame, `<anonymous>`, a `file:` URL with a host).
 */
export function frameOf(line: string): FilePlace | undefined;

/**
 * A file as V8 names it (a path, or a `file:` URL decoded) as a path of this machine, or
 * undefined for a `file:` URL that names no local file (one with a host).
 */
export function localPath(file: string): string | undefined;
