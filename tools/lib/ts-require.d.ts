// Types of ./ts-require.js (plain JavaScript so that tools start without a TypeScript loader).

/** A compiler of a project's TypeScript files through the disk cache. */
export interface CachedTranspiler {
  /** The compiled file; `errors` lists syntax errors as `file:line:col - error TSxxxx: message`. */
  transpile(filename: string): { code: string; mappings?: string; errors: string[] };
}

export function createTranspiler(root: string): CachedTranspiler;

/**
 * From now on, `.ts` files outside node_modules compile through the cache; `.ts` files inside
 * node_modules keep the loader that was there before. `inlineSourceMaps` appends each file's map
 * inline, for a stack-trace mapper already installed. Defaults to false.
 */
export function register(root: string, opts?: { readonly inlineSourceMaps?: boolean }): void;
