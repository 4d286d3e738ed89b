// The attribute validators of the AWS provider, as `pulumi preview` runs them in the provider's
// Check (pulumi-aws is bridged from terraform-provider-aws): each one reproduces a helper of
// terraform-plugin-sdk's `helper/validation` package (hashicorp/terraform-plugin-sdk
// helper/validation/strings.go, int.go) or a provider function (`verify.ValidARN`, a service's
// `validate.go`), with the provider's own wording, so a refusal reads as the provider says it.
// A validator returns the provider's messages for a value it refuses, none for one it accepts.
// `k` is the provider's attribute name, the one its messages quote. The validators of JSON
// documents and CIDR blocks are in ./validators-formats.ts.
//
// The validators never see an empty string: the check judges no input set to `""` (the most
// lenient of the bridges a program's pulumi-aws may carry; see `refusedInputs` in ./index.ts), so
// what each validator says of `""` matters only to a direct caller.

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

/** A string value; undefined for any other (a validator judges no other type). */
export function asString(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/**
 * A JSON text parsed; undefined for any other value and for text that is not JSON (which the
 * provider's own JSON checks refuse at preview, before any create-time limit is judged).
 */
export function parsedJson(v: unknown): unknown {
  if (typeof v !== "string") return undefined;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}

/**
 * The document a value gives: a JSON text, or an object (`string | PolicyDocument` and the like in
 * @pulumi/aws's types), which the bridge sends as JSON text, `json.Marshal` of the object
 * (pulumi/pulumi-terraform-bridge pkg/tfbridge/transforms.go, TransformJSONDocument). Undefined
 * for text that is not JSON: the provider's own JSON check refuses that first.
 */
export function jsonDocument(v: unknown): unknown {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) return v;
  return parsedJson(v);
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

/**
 * validation.StringInSlice(values, false), and `enum.Validate[T]()` of a list the provider fixes.
 * An empty string is refused unless the list holds it, as the provider's is (see the top).
 */
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

/**
 * The plugin framework's int64validator.Between(min, max), in the framework's words ("Attribute
 * <path> value must be between <min> and <max>, got: <value>": terraform-plugin-framework-validators
 * int64validator and helpers/validatordiag), for the provider's framework resources.
 */
export function int64Between(min: number, max: number): Validator {
  return (v, k) => {
    const n = asInt(v);
    return n !== undefined && Number.isInteger(n) && (n < min || n > max)
      ? [`Attribute ${k} value must be between ${min} and ${max}, got: ${n}`]
      : [];
  };
}

/** validation.FloatBetween(min, max), its bounds and value written as Go's `%f`. */
export function floatBetween(min: number, max: number): Validator {
  return (v, k) =>
    typeof v === "number" && Number.isFinite(v) && (v < min || v > max)
      ? [
          `expected ${k} to be in the range (${min.toFixed(6)} - ${max.toFixed(6)}), got ${v.toFixed(6)}`,
        ]
      : [];
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

/** validation.IntAtLeast(min). */
export function intAtLeast(min: number): Validator {
  return (v, k) => {
    const n = asInt(v);
    return n !== undefined && n < min ? [`expected ${k} to be at least (${min}), got ${n}`] : [];
  };
}

/** validation.IntDivisibleBy(divisor). */
export function intDivisibleBy(divisor: number): Validator {
  return (v, k) => {
    const n = asInt(v);
    return n !== undefined && n % divisor !== 0
      ? [`expected ${k} to be divisible by ${divisor}, got: ${n}`]
      : [];
  };
}

/**
 * validation.StringInSlice(values, true): the values in any case (the CloudWatch
 * `treat_missing_data`, the API Gateway cache sizes).
 */
export function oneOfIgnoringCase(values: readonly string[]): Validator {
  const lower = values.map((s) => s.toLowerCase());
  return (v, k) => {
    const s = asString(v);
    return s !== undefined && !lower.includes(s.toLowerCase())
      ? [`expected ${k} to be one of ${goQuoteList(values)}, got ${s}`]
      : [];
  };
}

/** The shapes of AWS SDK enumeration values: `BUILD_GENERAL1_SMALL`, `phone_number`, `DateTime`. */
export const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
export const LOWER_SNAKE = /^[a-z]+(_[a-z]+)*$/;
export const CAMEL = /^[A-Z][a-z]+([A-Z][a-z]+)*$/;

/**
 * `enum.Validate[T]()` of an AWS SDK enumeration (internal/enum/validate.go: StringInSlice of
 * `T.Values()`, the values of the SDK the provider was built with), which grows with each SDK
 * update (CodeBuild compute and environment types, alarm operators, Route 53 record types): the
 * values the provider version read lists, and any other value of the same shape (by default
 * upper-case words joined by `_`), which a newer provider may list. Only a value of no such shape
 * is refused ("build_general1_small", "Linux Container", ""), so a program a newer provider
 * accepts is never refused.
 */
export function oneOfGrowing(values: readonly string[], shape = UPPER_SNAKE) {
  const listed = oneOf(values);
  return ((v, k) => (typeof v === "string" && shape.test(v) ? [] : listed(v, k))) as Validator;
}

/**
 * A growing enumeration the provider reads in any case (`enum.ValidateIgnoreCase[T]()`, or a list
 * with ignore-case `true`, or a DiffSuppressFunc that compares ignoring case): a value that in upper
 * or lower case has the enumeration's `shape` is accepted (a newer provider may list it); any other
 * gets `listed`'s refusal, in the wording of the provider version that lists the values.
 */
export function anyCaseOfShape(listed: Validator, shape: RegExp = UPPER_SNAKE): Validator {
  return (v, k) =>
    typeof v === "string" && (shape.test(v.toUpperCase()) || shape.test(v.toLowerCase()))
      ? []
      : listed(v, k);
}

/** validation.IntAtMost(max). */
export function intAtMost(max: number): Validator {
  return (v, k) => {
    const n = asInt(v);
    return n !== undefined && n > max ? [`expected ${k} to be at most (${max}), got ${n}`] : [];
  };
}

/** `hh24:mi`, the hour and the minute captured (shared with ./rules-create-windows.ts). */
export const HH_MI = "([0-1][0-9]|2[0-3]):([0-5][0-9])";
const DDD_HH_MI = `(sun|mon|tue|wed|thu|fri|sat):${HH_MI}`;

/**
 * verify.ValidOnceADayWindowFormat and verify.ValidOnceAWeekWindowFormat
 * (internal/verify/validate.go): `hh24:mi-hh24:mi`, or `ddd:hh24:mi-ddd:hh24:mi` with the day in
 * any case; empty is accepted.
 */
export const onceADayWindow = matchesFormat(
  new RegExp(`^(${HH_MI}-${HH_MI}|)$`),
  "hh24:mi-hh24:mi",
);
export const onceAWeekWindow = matchesFormat(
  new RegExp(`^(${DDD_HH_MI}-${DDD_HH_MI}|)$`, "i"),
  "ddd:hh24:mi-ddd:hh24:mi",
);
/** How to fix a window of either format, in the program's terms. */
export const DAILY_WINDOW_FIX = 'a daily window "hh24:mi-hh24:mi" in UTC, e.g. "03:00-04:00"';
export const WEEKLY_WINDOW_FIX =
  'a weekly window "ddd:hh24:mi-ddd:hh24:mi" in UTC, e.g. "sun:05:00-sun:06:00"';

function matchesFormat(re: RegExp, format: string): Validator {
  return (v, k) => {
    const s = asString(v);
    return s !== undefined && !re.test(s)
      ? [`${goQuote(k)} must satisfy the format of "${format}".`]
      : [];
  };
}
