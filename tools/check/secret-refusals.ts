// A provider refusal of a value that is, or may derive from, the placeholder of a secret the check
// could not decrypt offline (./secret-placeholders.ts) says nothing about the program: `pulumi
// preview` decrypts the secret and checks the real value. Such a refusal does not stop the check;
// it is reported as a check not evaluated, naming the key(s) and how to give the value
// (`--config <key>=<value>`).
//
// Which refusals rest on a placeholder:
// - a secret value (`[secret]`: a `requireSecretNumber(...).apply(p => p + 1)`), while the program
//   read a key it could not decrypt: the secret may be built from any of them;
// - a number, while the program read an integer key it could not decrypt through any getter: a
//   placeholder read with `requireNumber` is a plain number, and `port + 1` no longer spells it,
//   so any number may derive from it. The placeholder itself, whole, names its key alone;
// - a string that quotes a placeholder (the key's own).
import type { PhasedRefusal } from "../lib/provider-checks";
import { ProviderInputError, RefusalConfig } from "./provider-refusals";
import { quotesPlaceholder } from "./secret-placeholders";
import { resourceLabel } from "./text-common";

/** What of the stack's config tells which keys are placeholders the program read. */
export interface PlaceholderConfig extends RefusalConfig {
  /** The placeholder each undecryptable key got, by key. */
  readonly placeholders: Readonly<Record<string, string>>;
}

/** The undecryptable keys `r`'s value may come from (none: the refusal is the program's own). */
export function placeholderKeysOf(r: PhasedRefusal, config: PlaceholderConfig): string[] {
  const read = Object.keys(config.placeholders)
    .filter((k) => config.reads.has(k))
    .sort();
  if (read.length === 0 || r.autoNamed) return [];
  const v = r.value;
  if (v === "[secret]") return read;
  const integer = read.filter((k) => /^\d+$/.test(config.placeholders[k]));
  if (typeof v === "number") {
    const own = integer.filter((k) => config.placeholders[k] === String(v));
    return own.length > 0 ? own : integer;
  }
  if (typeof v === "string")
    return read.filter((k) => quotesPlaceholder(v, config.placeholders[k]));
  return [];
}

/**
 * Splits `e`'s refusals into those that rest on placeholders, as notes (one per refusal), and the
 * rest, still a ProviderInputError when any remain.
 */
export function setAsideSecretRefusals(
  e: ProviderInputError,
  config: PlaceholderConfig,
): { error?: ProviderInputError; notes: string[] } {
  const notes: string[] = [];
  const kept: PhasedRefusal[] = [];
  for (const r of e.refusals) {
    const keys = placeholderKeysOf(r, config);
    if (keys.length === 0) {
      kept.push(r);
      continue;
    }
    const many = keys.length > 1;
    // Sure only where the value spells the key's placeholder; a number derived from it may be the
    // program's own.
    const sure =
      !many && (typeof r.value !== "number" || config.placeholders[keys[0]] === String(r.value));
    notes.push(
      `not evaluated: the AWS provider's check of ${resourceLabel(r.resource)} ${r.prop} ` +
        `(${r.says[0] ?? "refused"}) ${sure ? "rests" : "may rest"} on the placeholder of ` +
        `secret config ${keys.join(", ")}, which the check cannot decrypt offline; ` +
        `\`pulumi preview\` checks the real value: give ${many ? "their values" : "its value"} ` +
        `for this run with ${keys.map((k) => `--config ${k}=<value>`).join(" ")}`,
    );
  }
  if (kept.length === e.refusals.length) return { error: e, notes };
  return {
    ...(kept.length > 0 ? { error: new ProviderInputError(e.stackName, kept, e.config) } : {}),
    notes,
  };
}
