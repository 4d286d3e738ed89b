// What the benchmark parts share to time and print: elapsed milliseconds, and numbers as printed.

/** Milliseconds since `start`, a `process.hrtime.bigint()` reading. */
export function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** A number as the bench prints it: thousands separated, exactly `digits` decimals. */
export function fmt(n: number, digits = 0): string {
  return n.toLocaleString("en-US", {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}
