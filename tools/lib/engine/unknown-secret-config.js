// A secure boolean or integer key the check cannot decrypt has no value to give the program. The
// stack's config holds a placeholder of the declared type (`false`, `0`: ../../check/stack-config.ts)
// so that the SDK's type checks pass, but `false` and `0` are values any program writes: once they
// reach a resource, nothing tells them from the user's own. So the SDK's secret getters
// (`getSecret`, `requireSecret`, `getSecretBoolean`, `requireSecretBoolean`, `getSecretNumber`,
// `requireSecretNumber`, `getSecretObject`, `requireSecretObject`) return, for such a key, an
// Output that is secret and unknown, as a value computed at apply is at preview: a policy that
// reads it cannot judge it (@pulumi/policy proxy.ts `UnknownValueError`), and an `apply` on it
// does not run in a preview (@pulumi/pulumi output.ts `applyHelperAsync`: "Only perform the apply
// if the engine was able to give us an actual value"). A getter's options (`requireSecretNumber(key, { min })`) are not checked against a
// placeholder. The plain getters (`getBoolean`, `requireNumber` ...) return a plain value, which
// cannot be unknown: they still get the placeholder (the report's config note names the key).
"use strict";

const SECRET_GETTERS = [
  "getSecret",
  "requireSecret",
  "getSecretBoolean",
  "requireSecretBoolean",
  "getSecretNumber",
  "requireSecretNumber",
  "getSecretObject",
  "requireSecretObject",
];

/** The environment variable the check passes the keys in (a JSON list of full keys). */
const UNKNOWN_SECRET_KEYS_ENV = "OFFLINE_UNKNOWN_SECRET_KEYS";

/** The full keys in `text` (the variable's value); none when it is unset or not a JSON list. */
function unknownSecretKeysFrom(text) {
  if (!text) return [];
  try {
    const keys = JSON.parse(text);
    return Array.isArray(keys) ? keys.filter((k) => typeof k === "string") : [];
  } catch {
    return [];
  }
}

/** The full key (`<namespace>:<name>`) a getter of `config` reads for `key`; undefined if none. */
function fullKeyOf(config, key) {
  try {
    return typeof config.fullKey === "function" ? config.fullKey(key) : `${config.name}:${key}`;
  } catch {
    return undefined;
  }
}

/**
 * Wraps the secret getters of the `Config` class `exports` holds (the SDK's config.js): for a key
 * of `keys`, an unknown secret Output of `outputs` (the SDK's output.js) instead of the
 * placeholder; any other key is read as before.
 */
function unknownSecretConfig(exports, outputs, keys) {
  const Config = exports && exports.Config;
  const Output = outputs && outputs.Output;
  if (typeof Config !== "function" || !Config.prototype || typeof Output !== "function") return;
  const unknown = new Set(keys);
  if (unknown.size === 0) return;
  for (const name of SECRET_GETTERS) {
    const original = Config.prototype[name];
    if (typeof original !== "function") continue;
    Config.prototype[name] = function (key, ...rest) {
      const full = fullKeyOf(this, key);
      if (!full || !unknown.has(full)) return original.call(this, key, ...rest);
      // new Output(resources, promise, isKnown, isSecret, allResources) (output.ts).
      return new Output(
        new Set(),
        Promise.resolve(undefined),
        Promise.resolve(false),
        Promise.resolve(true),
        Promise.resolve(new Set()),
      );
    };
  }
}

module.exports = { unknownSecretConfig, unknownSecretKeysFrom, UNKNOWN_SECRET_KEYS_ENV };
