// When a policy statement's Condition narrows who (or what) it applies to: the one definition the
// IAM, S3, KMS and ECR policies share.
//
// A clause narrows when it only lets through requests whose value for its key matches something
// specific: a positive string, ARN or IP operator (`ForAnyValue:` allowed), never `...IfExists`
// (it passes when the key is absent, as it is for an anonymous caller) nor `ForAllValues:` (true
// for an empty set), with at least one value, every value passing the caller's value test.
// Operator names are matched as written (case-sensitively), the stricter reading.
import { broaderThanPublicLimit, ipFamily } from "./ip-ranges";
import type { IamStatement } from "./policy-document";
import type { ConditionClause } from "./policy-elements";

const POSITIVE_OPERATORS = new Set([
  "StringEquals",
  "StringEqualsIgnoreCase",
  "StringLike",
  "ArnEquals",
  "ArnLike",
  "IpAddress",
]);

/** The base operator of a clause that only lets matching requests through, or undefined. */
export function positiveOperator(operator: string): string | undefined {
  if (operator.startsWith("ForAllValues:") || operator.endsWith("IfExists")) return undefined;
  const base = operator.replace(/^ForAnyValue:/, "");
  return POSITIVE_OPERATORS.has(base) ? base : undefined;
}

/** Whether one condition value (as written) names something specific enough. */
export type ValueTest = (value: unknown, key: string, operator: string) => boolean;

/**
 * A string or ARN pattern that is not only wildcards: `repo:org/app:*`, `team-a`, or an ABAC
 * policy variable such as `${aws:PrincipalTag/team}`. Used for identity and trust policies.
 */
export const specificPattern: ValueTest = (value, _key, operator) =>
  operator !== "IpAddress" && String(value).replace(/[*?]/g, "") !== "";

const WILDCARD = /[*?]/;

/**
 * A value that names one principal, account, organisation, network or source, not a pattern: no
 * wildcard (except in the resource part of an ARN whose account is fixed), no policy variable, an
 * IP range no broader than AWS's public limit (/8 for IPv4, /32 for IPv6: ./ip-ranges.ts). Used
 * where a grant to everyone must be narrowed to known callers (S3 decides "public" the same way).
 */
export const fixedValue: ValueTest = (value, key, operator) => {
  if (typeof value !== "string" || value === "" || value.includes("${")) return false;
  const k = key.toLowerCase();
  if (operator === "IpAddress") {
    const [addr, bits] = value.split("/");
    const family = ipFamily(addr);
    const prefix = bits === undefined ? (family === "ipv6" ? 128 : 32) : Number(bits);
    return Number.isInteger(prefix) && !broaderThanPublicLimit(family, prefix);
  }
  if (k.endsWith("orgpaths")) return !WILDCARD.test(value.split("/")[0]);
  if (k === "aws:userid") return !WILDCARD.test(value.split(":")[0]);
  if (value.startsWith("arn:")) {
    const parts = value.split(":");
    return /^\d{12}$/.test(parts[4] ?? "") || !WILDCARD.test(value);
  }
  return !WILDCARD.test(value);
};

/** True if the clause narrows (see above), judging its values with `test`. */
export function isNarrowingClause(c: ConditionClause, test: ValueTest = specificPattern): boolean {
  const base = positiveOperator(c.operator);
  if (!base) return false;
  return c.raw.length > 0 && c.raw.every((v) => test(v, c.key, base));
}

/** Condition keys, as a pattern or a list (case-insensitive either way). */
export type KeyMatch = RegExp | readonly string[];

function keyMatcher(keys: KeyMatch): (key: string) => boolean {
  if (keys instanceof RegExp) return (key) => keys.test(key);
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  return (key) => wanted.has(key.toLowerCase());
}

/** The narrowing clauses of a statement whose key matches `keys`. */
export function narrowingClauses(
  s: IamStatement,
  keys: KeyMatch,
  test: ValueTest = specificPattern,
): ConditionClause[] {
  const match = keyMatcher(keys);
  return s.conditions.filter((c) => match(c.key) && isNarrowingClause(c, test));
}
