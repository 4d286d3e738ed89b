// The command-line flags of the project's tools (the offline check, cost, diagram, bench,
// native-names), read strictly and alike: `--flag value` and `--flag=value` alike; an unknown flag
// (with the nearest known one), a positional argument, a missing or empty value, a value on a
// switch, or a single-value flag given twice is a usage error naming the flag. Every tool prints it
// alike (./cli.ts, usageErrorText): with the tool's usage text when the command line does not read
// (an unknown flag, a stray argument, a missing value, a value on a switch), without it when two
// values conflict (a single-value flag given twice: the message names both and the fix).
import { UsageError } from "./cli";
import { nearest } from "./edit-distance";

/** One flag a tool takes. */
export interface FlagSpec {
  /** Takes a value (`--stack prod`); otherwise a switch (`--write-docs`). */
  readonly value?: boolean;
  /** May be given more than once (its values are kept in order). */
  readonly repeatable?: boolean;
  /** Another spelling, e.g. `-s` for `--stack`. */
  readonly alias?: string;
}

/** What was given: each flag's values in order (a switch has one empty value). */
export type ParsedFlags = ReadonlyMap<string, readonly string[]>;

/** The known flag nearest to `flag`, when it is a plausible misspelling. */
export function nearestFlag(flag: string, known: readonly string[]): string | undefined {
  const bare = (s: string) => s.replace(/^-+/, "");
  return nearest(flag, known, (k) => Math.max(1, Math.floor(k.length / 4)), bare);
}

/**
 * Reads `argv` against `spec` (flags by their `--long` name); throws a `UsageError` on misuse. A
 * tool that takes operands (`<sdk dir>...`) passes `operands`: arguments that are no flag are
 * pushed there, in order, instead of refused.
 */
export function parseFlags(
  argv: readonly string[],
  spec: Readonly<Record<string, FlagSpec>>,
  operands?: string[],
): ParsedFlags {
  const byName = new Map<string, string>();
  for (const [name, s] of Object.entries(spec)) {
    byName.set(name, name);
    if (s.alias) byName.set(s.alias, name);
  }
  const found = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const given = eq > 0 ? arg.slice(0, eq) : arg;
    const name = byName.get(given);
    if (name === undefined) {
      const longDash = arg.startsWith("\u2014") || arg.startsWith("\u2013");
      if (!arg.startsWith("-") && !longDash && operands) {
        operands.push(arg);
        continue;
      }
      if (!arg.startsWith("-")) {
        throw new UsageError(
          `unexpected argument '${arg}'${longDash ? " (a dash typed as a long dash: write --)" : ": every option is a --flag"}`,
          true,
        );
      }
      const near = nearestFlag(given, Object.keys(spec));
      throw new UsageError(`unknown flag '${given}'${near ? `; did you mean ${near}?` : ""}`, true);
    }
    let value = "";
    if (spec[name].value) {
      if (eq > 0) value = arg.slice(eq + 1);
      else {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith("--")) {
          throw new UsageError(`flag '${given}' needs a value`, true);
        }
        value = next;
        i++;
      }
      if (value === "") {
        throw new UsageError(`flag '${given}' needs a value, not an empty string`, true);
      }
    } else if (eq > 0) {
      throw new UsageError(`flag '${given}' takes no value`, true);
    }
    const before = found.get(name);
    // A switch given twice means what it means once; two values of a single-value flag conflict.
    if (before && !spec[name].value) continue;
    if (before && !spec[name].repeatable) {
      throw new UsageError(
        `flag '${name}' given twice ('${before[0]}', then '${value}'): give it once`,
      );
    }
    if (before) before.push(value);
    else found.set(name, [value]);
  }
  return found;
}

/** The one value of a single-value flag, if given. */
export function flagValue(flags: ParsedFlags, name: string): string | undefined {
  return flags.get(name)?.[0];
}
