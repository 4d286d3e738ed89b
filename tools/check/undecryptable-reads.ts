// What the check does with a typed read of a `secure:` config value it cannot decrypt
// (../lib/engine/secret-config-reads.js). `pulumi preview` decrypts it and the program reads the
// stack's value. Offline:
// - a plain getter (`getBoolean`, `requireNumber`, `getObject` of a whole `secure:` value, ...)
//   returns a plain value the program may branch on (whether it creates a resource, which settings
//   it gives one), and no value can stand for the stack's: the check refuses the stack (exit 2),
//   naming every such read of the run, the getter and the line, and how to give the value;
// - a secret getter (`getSecretBoolean`, ...) gives an unknown secret: the checks on the inputs
//   built from it name the key (../lib/engine/unknown-sources.ts), and each key is one mandatory
//   "not evaluated" entry, since what the program builds inside an `apply` on it (a callback, the
//   resources it creates) never runs, and --fail-on-unevaluated fails the stack.
import type { ProgramRun } from "../lib/engine/language-host";
import type { UndecryptableRead } from "../lib/engine/sites-file";
import { ProgramError, type Unevaluated } from "./result";
import { displayPath } from "./report";

/**
 * The kind of the refusal's ProgramError, and its JSON `error.kind`: the check refused the stack,
 * the program did not fail (./explain.ts says so, and adds no hint of its own to it).
 */
export const UNDECRYPTABLE_READ_KIND = "undecryptable-config-read";

/** The secret getter of each plain typed getter: the same parse, the value an unknown secret. */
const SECRET_GETTER: Readonly<Record<string, string>> = {
  getBoolean: "getSecretBoolean",
  requireBoolean: "requireSecretBoolean",
  getNumber: "getSecretNumber",
  requireNumber: "requireSecretNumber",
  getObject: "getSecretObject",
  requireObject: "requireSecretObject",
};

type Reads = Pick<ProgramRun, "undecryptableReads">;

/** Each key's reads (getter and line), once each, in the order the runs made them. */
function byKey(runs: readonly Reads[], unknown: boolean): Map<string, UndecryptableRead[]> {
  const keys = new Map<string, UndecryptableRead[]>();
  const seen = new Set<string>();
  for (const run of runs)
    for (const r of run.undecryptableReads) {
      if (!!r.unknown !== unknown) continue;
      const id = `${r.key}\0${r.getter}\0${r.location?.file}:${r.location?.line}`;
      if (seen.has(id)) continue;
      seen.add(id);
      keys.set(r.key, [...(keys.get(r.key) ?? []), r]);
    }
  return keys;
}

function readsOf(reads: readonly UndecryptableRead[], programDir: string): string {
  return reads
    .map((r) => {
      const at = r.location
        ? ` at ${displayPath(r.location.file, programDir)}:${r.location.line}`
        : "";
      return `${r.getter}${at}`;
    })
    .join(", ");
}

/**
 * The refusal of a stack whose program read a secret the check cannot decrypt with a plain typed
 * getter, every such read named; undefined when none did.
 */
export function refuseUndecryptableReads(
  runs: readonly (Reads & Pick<ProgramRun, "phase" | "output" | "versionWarnings">)[],
  programDir: string,
  stack: string,
): ProgramError | undefined {
  const keys = byKey(runs, false);
  if (keys.size === 0) return undefined;
  const lines = [...keys].map(([key, reads]) => {
    const secret = [...new Set(reads.map((r) => SECRET_GETTER[r.getter] ?? "getSecret"))];
    return (
      `${key} (${readsOf(reads, programDir)}): read it with ${secret.join(" / ")} (an unknown ` +
      "secret offline, whose checks are listed as not evaluated), or give the value the stack " +
      `uses with --config ${key}=<value>`
    );
  });
  const first = [...keys.values()][0][0];
  return new ProgramError(
    `${keys.size > 1 ? `${keys.size} secret config values` : "a secret config value"} the check ` +
      "cannot decrypt offline read with a plain typed getter, which returns a plain value the " +
      "program may build on (`pulumi preview` reads the stack's value): no offline value can " +
      `stand for ${keys.size > 1 ? "them" : "it"}, so the stack is not judged:\n  ${lines.join("\n  ")}`,
    UNDECRYPTABLE_READ_KIND,
    first.location,
    undefined,
    runs[0]?.output ?? [],
    stack,
    runs.find((r) => r.undecryptableReads.some((x) => !x.unknown))?.phase,
    runs[0]?.versionWarnings ?? [],
  );
}

/**
 * The callbacks of the program's `apply` calls on a secret (`file:line` each), which never run, with
 * what they would create; any such callback when none was recorded (an SDK without stand-ins).
 */
function callbacksOf(callbacks: readonly UndecryptableRead[], programDir: string): string {
  const lines = callbacks.flatMap((c) =>
    c.location ? [`${displayPath(c.location.file, programDir)}:${c.location.line}`] : [],
  );
  if (lines.length === 0)
    return "any callback of an `apply` on it with the resources it would create, which never runs";
  return lines.length === 1
    ? `the callback of the \`apply\` on it at ${lines[0]} with any resources it would create, ` +
        "which never runs"
    : `the callbacks of the \`apply\` calls on it at ${lines.join(", ")} with any resources ` +
        "they would create, which never run";
}

/**
 * One mandatory entry per key a secret getter read as an unknown secret, naming each read and the
 * line of each `apply` on it, whose callback never runs.
 */
export function undecryptableReadsUnevaluated(
  runs: readonly Reads[],
  programDir: string,
): Unevaluated[] {
  return [...byKey(runs, true)].map(([key, all]) => ({
    policy: "(every policy, on what the program builds from it)",
    enforcementLevel: "mandatory",
    urn: `config:${key}`,
    type: "(secret config, unknown)",
    name: key,
    reason:
      `${key} is a secret config value that cannot be decrypted offline, read with ` +
      `${readsOf(
        all.filter((r) => !r.callback),
        programDir,
      )}: its value is unknown to the check, so everything built ` +
      "from it was not evaluated (the inputs built from it, and " +
      `${callbacksOf(
        all.filter((r) => r.callback),
        programDir,
      )}); give the value the stack uses for this run with --config ${key}=<value>`,
  }));
}
