// Types of ./secret-config-reads.js (plain JavaScript: the program's preload requires it).

/** Wraps the typed getters of the SDK's `Config` for the keys the check cannot decrypt. */
export function standInSecretReads(
  exports: unknown,
  configFile: string,
  undecryptable: Readonly<Record<string, string>> | undefined,
  append: (record: Record<string, unknown>) => void,
  frameOf: (stack: string | undefined) => Record<string, unknown> | undefined,
): void;

/** OFFLINE_UNDECRYPTABLE_CONFIG's text as an object (full key → placeholder); undefined when unset or unreadable. */
export function undecryptableFromEnvironment(
  text: string | undefined,
): Readonly<Record<string, string>> | undefined;

/** The token prefix of a plain typed read's record: `config-undecryptable:<full key>`. */
export const UNDECRYPTABLE_READ_PREFIX: string;
/** How the URN of a secret getter's stand-in dependency starts; the full key follows. */
export const SECRET_REF_PREFIX: string;
