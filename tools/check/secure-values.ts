// `secure:` values of a stack file that no secrets manager can decrypt, whatever its key: the
// check cannot decrypt any secret offline, but it can tell a value that is not ciphertext at all
// (`secure: CONFIGURE_THROUGH_PULUMI_CLI`, a password typed in place of its ciphertext), on which
// `pulumi preview` fails before the program starts: the engine decrypts the stack's config first
// (pulumi/pulumi pkg/engine, `target.Config.Decrypt(target.Decrypter)` wrapped as "failed to
// decrypt config: %w"). What each secrets manager accepts, from pulumi/pulumi
// sdk/go/common/resource/config/crypt.go (`symmetricCrypter.DecryptValue`) and
// pkg/secrets/service/manager.go (`serviceCrypter.DecryptValue`):
// - the passphrase manager (`encryptionsalt` in the stack file) and a cloud KMS one (`secretsprovider`
//   with `encryptedkey`, whose data key feeds the same symmetric crypter) read `v1:<nonce>:<ciphertext>`,
//   both parts standard base64: another number of `:` parts is "bad value", another version
//   "unknown value version", a part that is not base64 "bad value: illegal base64 data at input
//   byte N" (Go's encoding/base64);
// - the Pulumi Cloud manager decodes the whole value as standard base64 first.
// Which manager a stack file gets (pkg/cmd/pulumi/crypto.go `getStackSecretsManager`, since moved
// to `SecretsManagerLoader.GetSecretsManager`): a `secretsprovider` other than `passphrase`,
// `default` or empty is a cloud KMS one; otherwise a non-empty `encryptionsalt` is the passphrase
// one; otherwise the backend's default, Pulumi Cloud's service manager or a self-managed backend's
// passphrase one (or the manager the stack's state already names). So `secretsprovider: passphrase`
// without a salt is that default too, and with neither key a value of either form passes: only one
// of neither is refused, with the CLI's wrapper ("failed to decrypt config") but no guess at the
// reason the manager, which the check cannot tell, would give.
import { UsageError } from "../lib/cli";
import { isPlainObject } from "./inputs";

const ALPHABET = /[A-Za-z0-9+/]/;
const PAD = 0x3d; // "="
const newline = (c: number | undefined) => c === 0x0a || c === 0x0d;

/**
 * Go's `base64.StdEncoding.DecodeString` error for `s` ("illegal base64 data at input byte N"), or
 * undefined when it decodes: Go's `decodeQuantum` (encoding/base64/base64.go) step by step, over
 * the UTF-8 bytes, newlines skipped, padding required.
 */
export function base64Error(s: string): string | undefined {
  const src = Buffer.from(s, "utf8");
  const corrupt = (at: number) => `illegal base64 data at input byte ${at}`;
  let si = 0;
  for (;;) {
    for (let j = 0; j < 4; j++) {
      if (si === src.length) return j === 0 ? undefined : corrupt(si - j);
      const c = src[si++];
      if (ALPHABET.test(String.fromCharCode(c))) continue;
      if (newline(c)) {
        j--;
        continue;
      }
      if (c !== PAD || j < 2) return corrupt(si - 1);
      if (j === 2) {
        // "==" expected, the first already read.
        while (newline(src[si])) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== PAD) return corrupt(si - 1);
        si++;
      }
      while (newline(src[si])) si++;
      return si < src.length ? corrupt(si) : undefined; // trailing garbage after the padding
    }
  }
}

/** The passphrase (or cloud) crypter's error for `value`, or undefined when it has that form. */
export function symmetricError(value: string): string | undefined {
  const parts = value.split(":");
  if (parts.length !== 3) return "bad value";
  if (parts[0] !== "v1") return "unknown value version";
  const bad = base64Error(parts[1]) ?? base64Error(parts[2]);
  return bad ? `bad value: ${bad}` : undefined;
}

/** Which secrets manager the stack file names. */
export type SecretsManager = "passphrase" | "cloud" | "service-or-passphrase";

/** The manager of a stack file's top-level keys (`secretsprovider`, `encryptionsalt`). */
export function secretsManagerOf(doc: Record<string, unknown>): SecretsManager {
  const provider = doc.secretsprovider;
  if (typeof provider === "string" && !["passphrase", "default", ""].includes(provider))
    return "cloud";
  const salt = doc.encryptionsalt;
  if (salt !== undefined && salt !== null && salt !== "") return "passphrase";
  return "service-or-passphrase";
}

/** The decrypt error of `ciphertext` under `manager`, or undefined when it may be ciphertext. */
export function decryptError(ciphertext: string, manager: SecretsManager): string | undefined {
  const symmetric = symmetricError(ciphertext);
  if (manager !== "service-or-passphrase") return symmetric;
  const service = base64Error(ciphertext);
  return symmetric && service ? service : undefined;
}

/** The `secure:` strings of a config value, nested ones included. */
function secureLeaves(v: unknown): string[] {
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === "secure" && typeof v.secure === "string")
      return [v.secure];
    return Object.values(v).flatMap(secureLeaves);
  }
  return Array.isArray(v) ? v.flatMap(secureLeaves) : [];
}

/**
 * Refuses the first key (in the file's order) whose `secure:` value the stack's secrets manager
 * cannot decrypt, as `pulumi preview` refuses the stack: `where(key)` is its `file:line`. The value
 * itself is never shown (it may be a secret typed in place of its ciphertext).
 */
export function refuseUndecryptableSecure(
  raw: Record<string, unknown>,
  manager: SecretsManager,
  where: (key: string) => string,
  skip: (key: string) => boolean,
): void {
  for (const [key, v] of Object.entries(raw)) {
    if (skip(key)) continue;
    for (const leaf of secureLeaves(v)) {
      const error = decryptError(leaf, manager);
      if (!error) continue;
      const fix =
        `set it with \`pulumi config set --secret ${key} <value>\`, or give a value for this run ` +
        `with --config ${key}=<value>`;
      if (manager === "service-or-passphrase")
        throw new UsageError(
          `${where(key)} the secure value of '${key}' is neither form a secrets manager reads ` +
            "(Pulumi Cloud's base64, or `v1:<nonce>:<ciphertext>` of a passphrase or cloud KMS " +
            'one): `pulumi preview` fails with "failed to decrypt config" and the reason its ' +
            `secrets manager gives; ${fix}`,
        );
      const by =
        manager === "passphrase"
          ? "the passphrase secrets manager (encryptionsalt)"
          : "the stack's secretsprovider";
      throw new UsageError(
        `${where(key)} the secure value of '${key}' is not ciphertext ${by} can decrypt: ` +
          `\`pulumi preview\` fails with "failed to decrypt config: ${error}"; ${fix}`,
      );
    }
  }
}
