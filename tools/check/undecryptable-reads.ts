// What the report says of a typed read of a `secure:` config value the check cannot decrypt
// (../lib/engine/secret-config-reads.js). `pulumi preview` decrypts it and the program reads the
// stack's value; offline a plain getter (`getBoolean`, `requireNumber`, ...) got false or 0, a
// value nobody set, and the program may have branched on it (whether it creates a resource, which
// settings it gives one): no check can be traced to such a value, so each key is one mandatory
// "not evaluated" entry naming the key, the getter, the line and the stand-in, and
// --fail-on-unevaluated fails the stack. A secret getter's read (`getSecretBoolean`, ...) is unknown
// instead, and the checks on the values built from it are listed with the key named as their
// reason (../lib/engine/unknown-sources.ts).
import type { ProgramRun } from "../lib/engine/language-host";
import type { Unevaluated } from "./result";
import { displayPath } from "./report";

/** One mandatory entry per key a plain getter read with a stand-in. */
export function undecryptableReadsUnevaluated(
  run: Pick<ProgramRun, "undecryptableReads">,
  programDir: string,
): Unevaluated[] {
  const byKey = new Map<string, (typeof run.undecryptableReads)[number][]>();
  for (const r of run.undecryptableReads) {
    if (r.unknown) continue;
    byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  }
  return [...byKey].map(([key, reads]) => {
    const how = reads
      .map((r) => {
        const at = r.location
          ? ` at ${displayPath(r.location.file, programDir)}:${r.location.line}`
          : "";
        return `${r.getter}${at}, which got ${JSON.stringify(r.value)}`;
      })
      .join("; ");
    return {
      policy: "(every policy, on what the program derives from it)",
      enforcementLevel: "mandatory",
      urn: `config:${key}`,
      type: "(secret config read)",
      name: key,
      reason:
        `${key} is a secret config value that cannot be decrypted offline, read as a plain ` +
        `value (${how}): \`pulumi preview\` reads the stack's value, so what the program built ` +
        "from it (a resource's settings, whether it creates one) was judged on a value nobody " +
        `set; give it for this run with --config ${key}=<value>, or read it with the getter's ` +
        "secret form (getSecretBoolean, ...), whose value is unknown to the check and its checks named",
    };
  });
}
