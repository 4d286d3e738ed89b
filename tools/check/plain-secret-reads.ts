// A secure boolean the check cannot decrypt, read through a getter that does not mark the value
// secret (`requireBoolean`, not `requireSecretBoolean`): the program got a plain `false`, the
// placeholder every boolean key shares (./secret-placeholders.ts), which no policy can tell from a
// `false` the program wrote itself (../lib/engine/recorded-inputs.ts hides only a secret `false`).
// A finding on a `false` input may then be about the placeholder, not the stack's value: the
// report names the key, the line that read it, and how to give the value.
import * as path from "path";
import type { ProgramRun } from "../lib/engine/language-host";
import { BOOLEAN_PLACEHOLDER } from "./secret-placeholders";

/** The note for the stack's runs: one naming each such key, or none. */
export function plainSecretBooleanNotes(
  runs: readonly Pick<ProgramRun, "plainConfigReads">[],
  placeholders: Readonly<Record<string, string>>,
  programDir: string,
): string[] {
  const read = new Map<string, string>();
  for (const run of runs) {
    for (const [key, at] of run.plainConfigReads ?? []) {
      if (placeholders[key] !== BOOLEAN_PLACEHOLDER || read.get(key)) continue;
      const file = at && path.relative(programDir, at.file);
      read.set(key, at && file && !file.startsWith("..") ? ` at ${file}:${at.line}` : "");
    }
  }
  if (read.size === 0) return [];
  const keys = [...read.keys()].sort();
  const many = keys.length > 1;
  return [
    `secret config ${keys.map((k) => `${k}${read.get(k)}`).join(", ")} ` +
      `${many ? "are" : "is a"} secure boolean${many ? "s" : ""} the check cannot decrypt, read ` +
      "with a getter that does not mark the value secret (requireBoolean/getBoolean): the " +
      "program got a plain `false` that policies cannot tell from its own, so a finding on a " +
      "`false` input may be about the placeholder, not the stack's value; read it with " +
      `requireSecretBoolean, or give ${many ? "the values" : "the value"} for this run with ` +
      keys.map((k) => `--config ${k}=<true|false>`).join(" "),
  ];
}
