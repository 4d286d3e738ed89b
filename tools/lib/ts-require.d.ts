// Types of ./ts-require.js (plain JavaScript so that tools start without a TypeScript loader).

/**
 * From now on, `.ts` files outside node_modules compile through the cache; `.ts` files inside
 * node_modules keep the loader that was there before. `inlineSourceMaps` appends each file's map
 * inline and hands it to the stack-trace mapper (ts-node's source-map-support when installed, else
 * Node's own), so stacks name `.ts` lines. Defaults to false.
 */
export function register(root: string, opts?: { readonly inlineSourceMaps?: boolean }): void;

/**
 * The TypeScript position (lines and columns from 1) of a stack frame's position in a file
 * `register` compiled without an inline source map; undefined for any other file, whose frames
 * already name its own lines.
 */
export function sourcePosition(
  filename: string,
  line: number,
  column: number,
): { line: number; column: number } | undefined;
