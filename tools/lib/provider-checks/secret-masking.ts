// How a refusal keeps a program's secrets out of what it shows: the value refused, and the
// provider's words wherever they quote a secret input (./index.ts).
import { isSecret } from "../engine/wire";

/** The value a refusal shows: `[secret]` when its top-level input holds a secret. */
export function shown(raw: Record<string, unknown>, prop: string, value: unknown): unknown {
  return containsSecret(raw[prop.split(".")[0]]) ? "[secret]" : value;
}

/** Whether a value holds a secret anywhere. */
export function containsSecret(v: unknown): boolean {
  if (isSecret(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecret);
  if (v && typeof v === "object") return Object.values(v).some(containsSecret);
  return false;
}

/** Every string, number and boolean inside the secrets of an input, as text. */
function secretTexts(v: unknown, inSecret = false, out: string[] = []): string[] {
  if (isSecret(v)) return secretTexts(v.value, true, out);
  if (Array.isArray(v)) v.forEach((x) => secretTexts(x, inSecret, out));
  else if (v && typeof v === "object")
    Object.values(v).forEach((x) => secretTexts(x, inSecret, out));
  else if (inSecret && ["string", "number", "boolean"].includes(typeof v) && v !== "")
    out.push(String(v));
  return out;
}

/**
 * The provider's words with every secret of the input hidden, wherever they quote it (a check
 * over a list quotes several values, and a number is quoted as digits). A secret is hidden as a
 * whole token only, so a short one does not cut into the provider's own words.
 */
export function mask(text: string, inputs: readonly unknown[]): string {
  // Each as the program gives it and as Go's %q writes it inside its quotes.
  const quoted = (t: string) => [t, JSON.stringify(t).slice(1, -1)];
  const texts = [...new Set(inputs.flatMap((v) => secretTexts(v).flatMap(quoted)))].sort(
    (a, b) => b.length - a.length,
  );
  let out = text;
  for (const t of texts) {
    const escaped = t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`(?<![0-9A-Za-z_])${escaped}(?![0-9A-Za-z_])`, "g"), "[secret]");
  }
  return out;
}
