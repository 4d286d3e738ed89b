// Deterministic "random" values: every value the fake makes up is a function of a seed (the
// resource's type and logical name, or an invoke's arguments), so the same program gives the same
// values on every run, and different resources get different ones.
import { createHash } from "crypto";

/** `n` lower-case hex characters from `seed`. */
export function hex(seed: string, n: number): string {
  let out = "";
  for (let i = 0; out.length < n; i++) {
    out += createHash("sha256")
      .update(i === 0 ? seed : `${seed}#${i}`)
      .digest("hex");
  }
  return out.slice(0, n);
}

/** `n` characters of `charset`, picked by `seed`. */
export function chars(seed: string, n: number, charset: string): string {
  const bytes = Buffer.from(hex(seed, n * 2), "hex");
  let out = "";
  for (let i = 0; i < n; i++) out += charset[bytes[i] % charset.length];
  return out;
}

export const LOWER = "abcdefghijklmnopqrstuvwxyz";
export const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
export const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
export const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const DIGITS = "0123456789";

/** A version-4-shaped UUID (RFC 9562 layout: version nibble 4, variant 10xx). */
export function uuid(seed: string): string {
  const h = hex(seed, 32).split("");
  h[12] = "4";
  h[16] = "89ab"[parseInt(h[16], 16) % 4];
  const s = h.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** A byte of `seed` (0–255), for addresses and small numbers. */
export function byte(seed: string, i = 0): number {
  return parseInt(hex(seed, 2 * (i + 1)).slice(2 * i), 16);
}

/** A private address in 10.0.0.0/8 (never .0–.3 or .255 in the last octet: AWS reserves them). */
export function privateIp(seed: string): string {
  return `10.${byte(seed, 0)}.${byte(seed, 1)}.${(byte(seed, 2) % 250) + 4}`;
}

/**
 * A public address from 203.0.113.0/24 (TEST-NET-3, RFC 5737: reserved for documentation), so a
 * made-up address can never be mistaken for a real host.
 */
export function publicIp(seed: string): string {
  return `203.0.113.${(byte(seed) % 254) + 1}`;
}

/** A fixed instant for every made-up timestamp (values must not depend on the clock). */
export const TIMESTAMP = "2026-01-01T00:00:00Z";
