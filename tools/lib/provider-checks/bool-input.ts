// A boolean input as the provider reads it. A program may give a boolean as a string (from stack
// config, which is text, or copied from HCL); the bridge hands the string on and the provider's
// schema reads a TypeBool from text with Go's strconv.ParseBool (terraform-plugin-sdk
// helper/schema/field_reader.go, stringToPrimitive), so "true" and "1" are true, "False" and "0"
// false. A rule that reads a boolean input reads it through here, so `storageEncrypted: "true"`
// counts as encryption turned on, as it does once created.

import { flagValue } from "../../../policy-pack/lib/bool-flags";
import type { CrossRule } from "./rule";

/**
 * `true` or `false` for a boolean or a string strconv.ParseBool reads; `undefined` for anything
 * else (left out, unknown, or a string the provider would refuse as no boolean at all). The pack's
 * own reader, so a rule and a provider check never read one switch two ways.
 */
export const boolInput: (v: unknown) => boolean | undefined = flagValue;

/** The input is true as the provider reads it. */
export const isTrue = (v: unknown): boolean => boolInput(v) === true;

/** A boolean input read as false, as a refusal shows it: `false`, `"0" (false)`, or left out. */
export function shownFalse(v: unknown): string {
  if (v === undefined || v === null) return "left out (false)";
  return typeof v === "string" ? `${JSON.stringify(v)} (false)` : String(v);
}

/**
 * `rule` reading each of `props` (boolean inputs) as the provider does: a string strconv.ParseBool
 * reads is its boolean by the time the rule sees it, so `"false"` is left alone wherever `false` is.
 */
export function readingBooleans(rule: CrossRule, props: readonly string[]): CrossRule {
  return {
    ...rule,
    check: (inputs) => {
      const read = { ...inputs };
      for (const p of props) {
        const b = boolInput(read[p]);
        if (b !== undefined) read[p] = b;
      }
      return rule.check(read);
    },
  };
}
