// Reading the config call sites ./config-sites.js records in the program's process.
import type { SourceLocation } from "./language-host";
import { CONFIG_SITE_PREFIX } from "./config-sites";

// The token prefixes are the ones ./config-sites.js writes with, defined there once.
export { CONFIG_READ_PREFIX, CONFIG_SITE_PREFIX } from "./config-sites";

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
