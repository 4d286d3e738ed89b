// Types of ./dropped-inputs.js (plain JavaScript: the program's preload requires it).

/** Leaves the module's own frames out of `Resource.callsites()` of an SDK's resource.js exports. */
export function hideOwnFrames(exports: unknown): void;

/** Wraps the resource classes a module under node_modules exports (see the module's header). */
export function watchInputs(
  module: { exports: unknown },
  filename: string,
  site: (fn: (...args: never[]) => unknown) => { file: string; line: number } | undefined,
): void;

/** The inputs a generated resource class copies from its arguments; undefined for another class. */
export function inputsOf(cls: abstract new (...args: never[]) => unknown): Set<string> | undefined;

/** The input nearest to `key` (by affix or edit distance, case aside), or undefined. */
export function nearestInput(key: string, inputs: Iterable<string>): string | undefined;

/** The warning for the keys of one resource's arguments its class dropped. */
export function droppedMessage(
  type: string,
  name: string,
  keys: readonly string[],
  inputs: Iterable<string>,
  where: string,
  pkg: string | undefined,
): string;
