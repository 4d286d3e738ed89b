// The placeholders a stack's `secure:` values get offline, where they cannot be decrypted: one per
// key, recognised whole or quoted in a message, and put in place of the `secure:` leaves of a value.
import { isPlainObject } from "./inputs";

/**
 * What every placeholder of a secret that cannot be decrypted offline starts with (policies see
 * a value holding one as unknown). Each `secure:` key gets its own, numbered in the stack file's
 * order (`offline-secret-placeholder-1`, `-2` ...), so a failure or a refusal that quotes one
 * names its key, not any secret of the stack.
 */
export const SECRET_PLACEHOLDER = "offline-secret-placeholder";

/** The placeholder of the `n`-th secure key of a stack file (from 1). */
export function secretPlaceholder(n: number): string {
  return `${SECRET_PLACEHOLDER}-${n}`;
}

/** Whether `v` is a secret's placeholder, whole (a numbered one, or the unnumbered prefix). */
export function isSecretPlaceholder(v: unknown): boolean {
  return typeof v === "string" && new RegExp(`^${SECRET_PLACEHOLDER}(?:-\\d+)?$`).test(v);
}

/** Whether `text` quotes `placeholder` (`-1` is not found inside `-12`). */
export function quotesPlaceholder(text: string, placeholder: string): boolean {
  let at = text.indexOf(placeholder);
  while (at >= 0) {
    if (!/\d/.test(text[at + placeholder.length] ?? "")) return true;
    at = text.indexOf(placeholder, at + 1);
  }
  return false;
}

/** Replaces `secure:` leaves by `placeholder` (the key's); true when any was found. */
export function stripSecure(v: unknown, placeholder: string): { value: unknown; secret: boolean } {
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === "secure" && typeof v.secure === "string") {
      return { value: placeholder, secret: true };
    }
    let secret = false;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const r = stripSecure(x, placeholder);
      out[k] = r.value;
      secret ||= r.secret;
    }
    return { value: out, secret };
  }
  if (Array.isArray(v)) {
    let secret = false;
    const out = v.map((x) => {
      const r = stripSecure(x, placeholder);
      secret ||= r.secret;
      return r.value;
    });
    return { value: out, secret };
  }
  return { value: v, secret: false };
}
