// Reading the config call sites ./config-sites.js records in the program's process.
import type { SourceLocation } from "./language-host";

/** The token prefix of a config site (./config-sites.js writes `config:<full key>`). */
export const CONFIG_SITE_PREFIX = "config:";
/** The token prefix of a key the program read (./config-sites.js writes `config-read:<full key>`). */
export const CONFIG_READ_PREFIX = "config-read:";

/**
 * Where the program read the config key an SDK config error names ("Missing required
 * configuration variable 'p:k'", "Configuration 'p:k' value ..."), as ./config-sites.js recorded
 * it: the host reports such errors without a stack.
 */
export function configSite(
  message: string,
  sites: ReadonlyMap<string, SourceLocation>,
): SourceLocation | undefined {
  const key = /configuration (?:variable )?'([^']+)'/i.exec(message)?.[1];
  return key === undefined ? undefined : sites.get(`${CONFIG_SITE_PREFIX}${key}`);
}
