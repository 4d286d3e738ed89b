// What the report says when the apply phase left a value unknown, as `pulumi preview` of a new
// stack leaves it, because an `apply` callback failed on what an offline run lacks (a data source
// nothing answers, a command with no Docker daemon, a host with no network;
// ../lib/engine/apply-unknowns.js): the checks on the values built from that result are listed as
// not evaluated (their reason names it too, ./combine.ts), and so is what the callback would have
// registered after the failure, which no phase saw (`pulumi preview` of a new stack does not see
// a resource created inside an apply either).
import type { LeftUnknown } from "../lib/engine/left-unknown";
import type { ProgramRun } from "../lib/engine/language-host";
import type { Unevaluated } from "./result";
import { displayPath } from "./report";
import { LEFT_UNKNOWN_BY_PROGRAM } from "../lib/engine/unknown-sources";
import { APPLY_UNKNOWN_REF_PREFIX } from "../lib/engine/apply-unknowns";

/** `what (file:line)`, the file relative to the program's folder when inside it. */
export function describeLeftUnknown(u: LeftUnknown, programDir: string): string {
  const at = u.location ? ` (${displayPath(u.location.file, programDir)}:${u.location.line})` : "";
  return `${u.what}${at}`;
}

/** One note per value the run left unknown: what failed, where, and how to judge what it holds. */
export function leftUnknownNotes(
  run: Pick<ProgramRun, "leftUnknown">,
  programDir: string,
): string[] {
  return run.leftUnknown.map(
    (u) =>
      `the apply phase left unknown what the program builds from ${describeLeftUnknown(u, programDir)}, ` +
      "as `pulumi preview` of a new stack leaves it; the checks on values built from it, and any " +
      "resource the callback would have created after the failure (missing from the apply phase, " +
      "as `pulumi preview` cannot see a resource created inside an apply), are listed as not " +
      "evaluated: " +
      (u.invoke !== undefined
        ? `give its result with --invoke-answers <file.json> ({ "${u.invoke}": { ...result... } }) to judge them`
        : "`pulumi up` runs it on a machine that has what it needs (a Docker daemon, the network)"),
  );
}

/**
 * Why a value is unknown in the apply phase. A failure the value was built from, traced through
 * the stand-in its unknown carries (`sources` names its URN: ../lib/engine/apply-unknowns.js), is
 * named exactly. Where nothing else explains it (no resource, secret or stack reference: `sources`
 * undefined or "a value the program leaves unknown"), most likely what the run left unknown, since
 * a callback's result names no resource of its own beyond its input's, which are known: said as
 * "probably" (a value that went through what drops the stand-in, such as `JSON.stringify` of an
 * Output's text or a data source's plain form).
 */
export function leftUnknownSources(
  sources: string[] | undefined,
  run: Pick<ProgramRun, "leftUnknown">,
  programDir: string,
): string[] | undefined {
  const traced = sources?.some((s) => s.startsWith(APPLY_UNKNOWN_REF_PREFIX));
  if (traced) {
    const named = new Set<string>();
    for (const s of sources!) {
      if (!s.startsWith(APPLY_UNKNOWN_REF_PREFIX)) {
        if (s !== LEFT_UNKNOWN_BY_PROGRAM) named.add(s);
        continue;
      }
      const u = run.leftUnknown.find((x) => x.refs.includes(s));
      named.add(
        u
          ? `the result of ${describeLeftUnknown(u, programDir)}, left unknown at apply`
          : "the result of an apply callback that failed on what an offline run lacks",
      );
    }
    return [...named];
  }
  if (run.leftUnknown.length === 0) return sources;
  if (sources !== undefined && sources.some((s) => s !== LEFT_UNKNOWN_BY_PROGRAM)) return sources;
  const list = run.leftUnknown.map((u) => describeLeftUnknown(u, programDir));
  return [`probably the result of ${list.join(", ")}, left unknown at apply`];
}

/**
 * One mandatory "not evaluated" entry per callback left unknown: whatever it would have registered
 * after the failure is missing from the apply phase, and no check ran on it (so
 * --fail-on-unevaluated fails the stack).
 */
export function leftUnknownUnevaluated(
  run: Pick<ProgramRun, "leftUnknown">,
  programDir: string,
): Unevaluated[] {
  return run.leftUnknown.map((u) => {
    const at = u.location
      ? `${displayPath(u.location.file, programDir)}:${u.location.line}`
      : "(line unknown)";
    return {
      policy: "(every policy, on what the callback would have created)",
      enforcementLevel: "mandatory",
      urn: `apply-callback:${at}`,
      type: "(apply callback)",
      name: at,
      reason:
        `the apply callback failing at ${at} was left unknown (${u.what}): any resource it would ` +
        "have created after the failure is missing from the apply phase, as `pulumi preview` " +
        "cannot see a resource created inside an apply, so no check ran on it",
    };
  });
}
