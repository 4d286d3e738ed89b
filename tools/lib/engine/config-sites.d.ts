// Types of ./config-sites.js (plain JavaScript: the program's preload requires it).

/**
 * Wraps the getters of the SDK's `Config` class in `exports`: a getter that throws records the
 * program's call site of the key (`config:<full key>`), a getter that returns a value records the
 * key once (`config-read:<full key>`), each through `append` at the frame `frameOf` picks.
 */
export function recordConfigSites(
  exports: unknown,
  append: (record: Record<string, unknown>) => void,
  frameOf: (stack: string | undefined) => Record<string, unknown> | undefined,
): void;

/** The token prefix of a failed config read's site: `config:<full key>`. */
export const CONFIG_SITE_PREFIX: "config:";
/** The token prefix of a key the program read: `config-read:<full key>`. */
export const CONFIG_READ_PREFIX: "config-read:";
