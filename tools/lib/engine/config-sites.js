// Where the program reads a config value it cannot have: the SDK's config errors
// (ConfigMissingError, ConfigTypeError, ConfigEnumError, ConfigRangeError, ConfigPatternError in
// @pulumi/pulumi config.ts) are RunErrors, which the language host reports by their message alone,
// without a stack (cmd/run/run.js: `err instanceof RunError` → message only), so neither
// `pulumi preview` nor the check could name the program's line. Each public getter of `Config`
// that throws records the program's call site once per key (token `config:<project:key>`) in the
// sites file, and the failure is reported there (./diagnose.ts, configSite).
//
// Each key a getter returns a value for is recorded too, once, with the line that first read it
// (token `config-read:<project:key>`): the keys the program read in this run, so a refused input
// is traced only to config the program did read (../../check/provider-refusals.ts).
"use strict";
const { callerStack } = require("./caller-stack");

const GETTERS = [
  "get",
  "getSecret",
  "getBoolean",
  "getSecretBoolean",
  "getNumber",
  "getSecretNumber",
  "getObject",
  "getSecretObject",
  "require",
  "requireSecret",
  "requireBoolean",
  "requireSecretBoolean",
  "requireNumber",
  "requireSecretNumber",
  "requireObject",
  "requireSecretObject",
];

/**
 * Wraps the getters of the `Config` class `exports` holds (the SDK's config.js): a throw records
 * `{ token: "config:<full key>", file, line, column }` through `append`, at the frame `frameOf`
 * picks from the caller's stack (the first of the program's own code), and is rethrown unchanged.
 * The reader keeps a key's last record (../engine/diagnose.ts).
 */
const MAX_PER_KEY = 20;
/** The token prefix of a failed read's site; the check reads it back through ./config-site.ts. */
const CONFIG_SITE_PREFIX = "config:";
/** The token prefix of a key the program read (../engine/diagnose.ts `readSites`). */
const CONFIG_READ_PREFIX = "config-read:";

/** The full key (`<namespace>:<name>`) a getter of `config` reads for `key`; undefined if none. */
function fullKeyOf(config, key) {
  try {
    return typeof config.fullKey === "function" ? config.fullKey(key) : `${config.name}:${key}`;
  } catch {
    return undefined;
  }
}

function recordConfigSites(exports, append, frameOf) {
  const Config = exports && exports.Config;
  if (typeof Config !== "function" || !Config.prototype) return;
  const seen = new Map();
  const read = new Set();
  for (const name of GETTERS) {
    const original = Config.prototype[name];
    if (typeof original !== "function") continue;
    const wrapped = function (key, ...rest) {
      let value;
      try {
        value = original.call(this, key, ...rest);
      } catch (err) {
        const full = fullKeyOf(this, key);
        // Every throw is recorded (the last one a key's error is reported at: a program may catch
        // an earlier one), up to a bound per key for a program that retries in a loop.
        const count = full ? (seen.get(full) ?? 0) : MAX_PER_KEY;
        if (count < MAX_PER_KEY) {
          seen.set(full, count + 1);
          const site = frameOf(callerStack(wrapped));
          if (site) append({ token: `${CONFIG_SITE_PREFIX}${full}`, ...site });
        }
        throw err;
      }
      // A getter that calls another (require → get) records the key once, at the program's line.
      if (value !== undefined) {
        const full = fullKeyOf(this, key);
        if (full && !read.has(full)) {
          read.add(full);
          try {
            append({ token: `${CONFIG_READ_PREFIX}${full}`, ...frameOf(callerStack(wrapped)) });
          } catch {
            // the check loses where the key was read, nothing else
          }
        }
      }
      return value;
    };
    Config.prototype[name] = wrapped;
  }
}

module.exports = { recordConfigSites, CONFIG_SITE_PREFIX, CONFIG_READ_PREFIX };
