// The attribute validators of the AWS provider, as `pulumi preview` runs them in the provider's
// Check (pulumi-aws is bridged from terraform-provider-aws): each one reproduces a helper of
// terraform-plugin-sdk's `helper/validation` package (hashicorp/terraform-plugin-sdk
// helper/validation/strings.go, int.go) or a provider function (`verify.ValidARN`, a service's
// `validate.go`), with the provider's own wording, so a refusal reads as the provider says it.
// A validator returns the provider's messages for a value it refuses, none for one it accepts.
// `k` is the provider's attribute name, the one its messages quote.

/** A value's problems as the provider words them; empty when it accepts the value. */
export type Validator = (value: unknown, k: string) => string[];

/** Go's `%q` of a string (close enough for the ASCII names these messages quote). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Go's `%q` of a string slice: `["a" "b"]`. */
function goQuoteList(values: readonly string[]): string {
  return `[${values.map(goQuote).join(" ")}]`;
}

/**
 * Characters of a Go string's byte length: the SDK's `len(v)` counts UTF-8 bytes, so a name of
 * non-ASCII letters is longer to the provider than to JavaScript.
 */
function byteLength(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

function asString(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** An integer, as the SDK reads a TypeInt (Pulumi sends numbers; a numeric string is coerced). */
function asInt(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

/** validation.StringLenBetween(min, max). */
export function lenBetween(min: number, max: number): Validator {
  return (v, k) => {
    const s = asString(v);
    if (s === undefined) return [];
    const n = byteLength(s);
    return n < min || n > max
      ? [`expected length of ${k} to be in the range (${min} - ${max}), got ${s}`]
      : [];
  };
}

/** validation.StringMatch(re, message): the message, or the SDK's own wording without one. */
export function matches(re: RegExp, message: string): Validator {
  return (v, k) => {
    const s = asString(v);
    if (s === undefined || re.test(s)) return [];
    return [
      message
        ? `invalid value for ${k} (${message})`
        : `expected value of ${k} to match regular expression ${goQuote(re.source)}, got ${s}`,
    ];
  };
}

/** validation.StringDoesNotMatch(re, message). */
export function notMatches(re: RegExp, message: string): Validator {
  return (v, k) => {
    const s = asString(v);
    return s !== undefined && re.test(s) ? [`invalid value for ${k} (${message})`] : [];
  };
}

/** validation.StringInSlice(values, false). */
export function oneOf(values: readonly string[]): Validator {
  return (v, k) => {
    const s = asString(v);
    return s !== undefined && !values.includes(s)
      ? [`expected ${k} to be one of ${goQuoteList(values)}, got ${s}`]
      : [];
  };
}

/** validation.IntBetween(min, max). */
export function intBetween(min: number, max: number): Validator {
  return (v, k) => {
    const n = asInt(v);
    return n !== undefined && (n < min || n > max)
      ? [`expected ${k} to be in the range (${min} - ${max}), got ${n}`]
      : [];
  };
}

/** validation.IntInSlice(values). */
export function intOneOf(values: readonly number[]): Validator {
  return (v, k) => {
    const n = asInt(v);
    return n !== undefined && !values.includes(n)
      ? [`expected ${k} to be one of [${values.join(" ")}], got ${n}`]
      : [];
  };
}

/** validation.Any(...): accepted when one accepts; otherwise every message. */
export function any(...validators: Validator[]): Validator {
  return (v, k) => {
    const all = validators.map((f) => f(v, k));
    return all.some((m) => m.length === 0) ? [] : all.flat();
  };
}

/** validation.All(...): every message of every validator. */
export function all(...validators: Validator[]): Validator {
  return (v, k) => validators.flatMap((f) => f(v, k));
}

/** A check of the provider's own, with its message (`%q` of the key is applied by the caller). */
export function custom(test: (s: string) => boolean, message: (k: string, s: string) => string) {
  return ((v, k) => {
    const s = asString(v);
    return s !== undefined && !test(s) ? [message(k, s)] : [];
  }) as Validator;
}

/**
 * verify.ValidARN: empty is accepted; otherwise the value must parse as an ARN (aws-sdk-go
 * `arn.Parse`: the `arn:` prefix and six `:`-separated sections), with a partition matching
 * `^aws(-[a-z]+)*$` and a region, when given, matching `^[a-z]{2}(-[a-z]+)+-\d$`. The account
 * check is left out: its pattern differs between provider versions.
 * (hashicorp/terraform-provider-aws internal/verify/validate.go)
 */
export const validARN: Validator = (v, k) => {
  const s = asString(v);
  if (s === undefined || s === "") return [];
  const bad = (why: string) => [`${goQuote(k)} (${s}) is an invalid ARN: ${why}`];
  if (!s.startsWith("arn:")) return bad("arn: invalid prefix");
  const parts = s.split(":");
  if (parts.length < 6) return bad("arn: not enough sections");
  const [, partition, , region] = parts;
  const out: string[] = [];
  if (partition === "") out.push(...bad("missing partition value"));
  else if (!/^aws(-[a-z]+)*$/.test(partition))
    out.push(
      ...bad("invalid partition value (expecting to match regular expression: ^aws(-[a-z]+)*$)"),
    );
  if (region !== "" && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region))
    out.push(
      ...bad(
        "invalid region value (expecting to match regular expression: ^[a-z]{2}(-[a-z]+)+-\\d$)",
      ),
    );
  return out;
};
