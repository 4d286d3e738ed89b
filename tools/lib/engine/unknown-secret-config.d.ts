// Types of ./unknown-secret-config.js (plain JavaScript: the program's preload requires it).

/**
 * Wraps the secret getters of the SDK's `Config` class in `exports`: for a full key of `keys`, an
 * unknown secret Output of `outputs` (the SDK's output.js) instead of the placeholder.
 */
export function unknownSecretConfig(
  exports: unknown,
  outputs: unknown,
  keys: readonly string[],
): void;

/** The full keys a JSON list (the environment variable's value) holds; none if unset or invalid. */
export function unknownSecretKeysFrom(text: string | undefined): string[];

/** The environment variable the check passes the keys in (a JSON list of full keys). */
export const UNKNOWN_SECRET_KEYS_ENV: "OFFLINE_UNKNOWN_SECRET_KEYS";
