// A boolean input as the provider reads it. A program may give a boolean as a string (from stack
// config, which is text, or copied from HCL); the bridge hands the string on and the provider's
// schema reads a TypeBool from text with Go's strconv.ParseBool (terraform-plugin-sdk
// helper/schema/field_reader.go, stringToPrimitive), so "true" and "1" are true, "False" and "0"
// false. A rule that reads a boolean input reads it through here, so `storageEncrypted: "true"`
// counts as encryption turned on, as it does once created.

import type { CrossRule } from "./rule";

const TRUE = new Set(["1", "t", "T", "TRUE", "true", "True"]);
const FALSE = new Set(["0", "f", "F", "FALSE", "false", "False"]);

/**
 * `true` or `false` for a boolean or a string strconv.ParseBool reads; `undefined` for anything
 * else (left out, unknown, or a string the provider would refuse as no boolean at all).
 */
export function boolInput(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (typeof v !== "string") return undefined;
  return TRUE.has(v) ? true : FALSE.has(v) ? false : undefined;
}

/** The input is true as the provider reads it. */
export const isTrue = (v: unknown): boolean => boolInput(v) === true;

/** The input is false as the provider reads it (given, and false). */
export const isFalse = (v: unknown): boolean => boolInput(v) === false;

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
