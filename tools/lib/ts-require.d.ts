// Types of ./ts-require.js (plain JavaScript so that tools start without a TypeScript loader).

/**
 * From now on, `.ts` files outside node_modules compile through the cache; `.ts` files inside
 * node_modules keep the loader that was there before. `inlineSourceMaps` appends each file's map
 * inline, for a stack-trace mapper already installed. Defaults to false.
 */
export function register(root: string, opts?: { readonly inlineSourceMaps?: boolean }): void;
