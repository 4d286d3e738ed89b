// Go's `time.ParseDuration`, step for step (go/src/time/format.go; its test tables
// `parseDurationTests` and `parseDurationErrorTests` in time_test.go are this file's spec cases):
// the Pulumi engine reads a resource's custom timeouts with it. A duration is an optionally signed
// sequence of decimal numbers, each with an optional fraction and a unit (ns, us or µs, ms, s, m,
// h), summed in whole nanoseconds in a uint64: a fraction's digits beyond a nanosecond are dropped,
// and a sum beyond int64 (over 2562047h47m16.854775807s) is refused.

/** Nanoseconds per unit (Go's `unitMap`; "µ" is U+00B5, "μ" U+03BC). */
const UNIT_NANOSECONDS: ReadonlyMap<string, bigint> = new Map([
  ["ns", 1n],
  ["us", 1_000n],
  ["\u00b5s", 1_000n],
  ["\u03bcs", 1_000n],
  ["ms", 1_000_000n],
  ["s", 1_000_000_000n],
  ["m", 60_000_000_000n],
  ["h", 3_600_000_000_000n],
]);

const TWO_63 = 1n << 63n;
const isDigit = (c: string) => c >= "0" && c <= "9";

/** Go's `leadingInt`: the leading digits as a uint64, or undefined past 1<<63. */
function leadingInt(s: string): { x: bigint; rest: string } | undefined {
  let x = 0n;
  let i = 0;
  for (; i < s.length && isDigit(s[i]); i++) {
    if (x > TWO_63 / 10n) return undefined;
    x = x * 10n + BigInt(s.charCodeAt(i) - 48);
    if (x > TWO_63) return undefined;
  }
  return { x, rest: s.slice(i) };
}

/**
 * Go's `leadingFraction`: the digits after a point as an integer and its scale (a float64, as Go
 * keeps it); digits that would overflow are consumed without adding precision.
 */
function leadingFraction(s: string): { x: bigint; scale: number; rest: string } {
  let x = 0n;
  let scale = 1;
  let overflow = false;
  let i = 0;
  for (; i < s.length && isDigit(s[i]); i++) {
    if (overflow) continue;
    if (x > (TWO_63 - 1n) / 10n) {
      overflow = true;
      continue;
    }
    const y = x * 10n + BigInt(s.charCodeAt(i) - 48);
    if (y > TWO_63) {
      overflow = true;
      continue;
    }
    x = y;
    scale *= 10;
  }
  return { x, scale, rest: s.slice(i) };
}

/** A duration in nanoseconds as Go's `time.ParseDuration` reads it; undefined where Go errs. */
export function parseGoDuration(text: string): bigint | undefined {
  let s = text;
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") return undefined;
  let d = 0n;
  while (s !== "") {
    if (!(s[0] === "." || isDigit(s[0]))) return undefined;
    const int = leadingInt(s);
    if (!int) return undefined;
    const pre = int.rest.length !== s.length;
    s = int.rest;
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s !== "" && s[0] === ".") {
      s = s.slice(1);
      const frac = leadingFraction(s);
      post = frac.rest.length !== s.length;
      ({ x: f, scale } = frac);
      s = frac.rest;
    }
    if (!pre && !post) return undefined; // no digits: ".s", "-.s"
    let i = 0;
    while (i < s.length && !(s[i] === "." || isDigit(s[i]))) i++;
    if (i === 0) return undefined; // a number without a unit: "3"
    const unit = UNIT_NANOSECONDS.get(s.slice(0, i));
    s = s.slice(i);
    if (unit === undefined) return undefined; // "1d", "5M", "5 m"
    let v = int.x;
    if (v > TWO_63 / unit) return undefined;
    v *= unit;
    if (f > 0n) {
      // As Go: float64(f) * (float64(unit) / scale), truncated to a whole nanosecond.
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > TWO_63) return undefined;
    }
    d += v;
    if (d > TWO_63) return undefined;
  }
  if (neg) return -d;
  return d > TWO_63 - 1n ? undefined : d;
}

/** Go's `Duration.Seconds()`: whole seconds plus the remaining nanoseconds over 1e9. */
export function goDurationSeconds(nanoseconds: bigint): number {
  const NS = 1_000_000_000n;
  return Number(nanoseconds / NS) + Number(nanoseconds % NS) / 1e9;
}
