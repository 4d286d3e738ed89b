// What the report says when the apply phase stopped outside any `apply` on what an offline run
// lacks (../lib/engine/apply-stopped.js `recordStop`): an invoke nothing answers, asked only once
// its argument is known (at preview the SDK gives an invoke with an unknown argument an unknown
// result without asking: @pulumi/pulumi runtime/invoke.ts `invokeAsync`), a command the program
// runs at its top level that cannot start here, a host it cannot reach. `pulumi up` would have
// created what the program registered before that line, so the apply phase keeps and judges it;
// what preview saw after it, the apply phase never registered: those resources were judged at
// preview only, their checks that needed values known only at apply were evaluated in no phase,
// and one mandatory "not evaluated" entry names them all, so --fail-on-unevaluated fails the stack.
import type { ProgramRun } from "../lib/engine/language-host";
import type { LeftUnknown } from "../lib/engine/left-unknown";
import { ROOT_STACK_TYPE, type EngineResource } from "../lib/engine/monitor";
import type { Renamed } from "./renamed";
import { displayPath, resourceLocation } from "./report";
import type { Unevaluated } from "./result";

/** The policy an entry for the resources the apply phase never registered names. */
export const STOPPED_POLICY = "(every policy, on what the apply phase never registered)";
/** The type such an entry carries (reports group "not evaluated" entries by it). */
export const STOPPED_TYPE = "(program stopped at apply)";

/** `file:line` of the stop in the program, relative to its folder when inside it. */
function stopPlace(stop: LeftUnknown, programDir: string): string {
  return stop.location
    ? `${displayPath(stop.location.file, programDir)}:${stop.location.line}`
    : "(line unknown)";
}

/** What failed and where: `the invoke X, which the check cannot answer offline (index.ts:17)`. */
export function describeStop(stop: LeftUnknown, programDir: string): string {
  return `${stop.what} (${stopPlace(stop, programDir)})`;
}

/**
 * The other invokes the stopped run asked and nothing answered (`token (file:line)`), but for
 * those an `apply` left unknown: the stop ended the program before it could catch them (a lookup
 * beside the failed one in a `Promise.all`), so they are no caught failure, and the remedy names them.
 */
export function otherUnanswered(
  run: Pick<ProgramRun, "unanswered" | "leftUnknown">,
  stop: LeftUnknown,
): string[] {
  const leftUnknown = new Set(run.leftUnknown.map((u) => u.invoke));
  const token = (u: string) => u.split(" ")[0];
  return [...new Set(run.unanswered)].filter(
    (u) => token(u) !== stop.invoke && !leftUnknown.has(token(u)),
  );
}

/** How to judge what the stop hid: the answers to give, or where `pulumi up` runs the command. */
function remedy(stop: LeftUnknown, others: readonly string[]): string {
  const tokens = [...new Set(others.map((u) => u.split(" ")[0]))];
  const also = others.length
    ? `${others.join(", ")} also went unanswered before the program stopped`
    : "";
  if (stop.invoke === undefined)
    return (
      "`pulumi up` runs it on a machine that has what it needs (the command, a Docker daemon, " +
      "the network)" +
      (also
        ? `; ${also}: give ${tokens.length === 1 ? "its result" : "their results"} with --invoke-answers <file.json>`
        : "")
    );
  const all = [stop.invoke, ...tokens.filter((t) => t !== stop.invoke)];
  const answers = all.map((t) => `"${t}": { ...result... }`).join(", ");
  return (
    `give ${all.length === 1 ? "its result" : "their results"} with --invoke-answers <file.json> ` +
    `({ ${answers} }) to judge them at apply${also ? ` (${also})` : ""}`
  );
}

/**
 * The resources the first run (preview) registered that the stopped run never did, in preview's
 * order; the stack itself is always registered first. A resource the later run registered under
 * another name (`renamed`, keyed by its later URN) is not missing.
 */
export function missingAtApply(
  preview: Pick<ProgramRun, "resources">,
  stopped: Pick<ProgramRun, "resources">,
  renamed: ReadonlyMap<string, Renamed>,
): EngineResource[] {
  const seen = new Set(stopped.resources.map((r) => r.urn));
  for (const r of renamed.values()) seen.add(r.urn);
  return preview.resources.filter((r) => r.type !== ROOT_STACK_TYPE && !seen.has(r.urn));
}

/** `type name (file:line)` of a resource, its line when the program's own. */
function named(r: EngineResource, programDir: string): string {
  const at = resourceLocation(r);
  return `${r.type} ${r.name}${at ? ` (${displayPath(at.file, programDir)}:${at.line})` : ""}`;
}

/** The note: the failure, where the program stopped, what was judged in which phase. */
export function stoppedNote(
  stop: LeftUnknown,
  missing: readonly EngineResource[],
  programDir: string,
  others: readonly string[] = [],
): string {
  const names = missing.map((r) => named(r, programDir));
  return (
    `the apply phase stopped at ${stopPlace(stop, programDir)}, outside any apply, on what an ` +
    `offline run lacks: ${stop.what}; \`pulumi preview\` ran past that line without it. What ` +
    "the program registered before that line was judged at apply, as `pulumi up` would have " +
    "created it; " +
    (names.length > 0
      ? `the ${names.length === 1 ? "resource" : `${names.length} resources`} preview saw that ` +
        `the apply phase never registered (${names.join(", ")}) ` +
        `${names.length === 1 ? "was" : "were"} judged at preview only and ` +
        `${names.length === 1 ? "is" : "are"} listed as not evaluated: `
      : "preview saw no resource that the apply phase did not register, but what the program " +
        "registers only at apply after that line was seen by neither phase, and is listed as not " +
        "evaluated: ") +
    remedy(stop, others)
  );
}

/**
 * The one mandatory entry for what the apply phase never registered: the resources preview saw,
 * judged at preview only, and whatever the program would have registered only at apply after the
 * failure (inside `apply` callbacks), which no phase saw.
 */
export function stoppedUnevaluated(
  stop: LeftUnknown,
  missing: readonly EngineResource[],
  programDir: string,
  others: readonly string[] = [],
): Unevaluated {
  const at = stopPlace(stop, programDir);
  const names = missing.map((r) => named(r, programDir));
  return {
    policy: STOPPED_POLICY,
    enforcementLevel: "mandatory",
    urn: `apply-stopped:${at}`,
    type: STOPPED_TYPE,
    name: at,
    reason:
      `the program stopped at apply at ${describeStop(stop, programDir)}: ` +
      (names.length > 0
        ? `the apply phase never registered ${names.join(", ")}, whose checks were judged at ` +
          "preview only (values known only once resources exist were seen by no phase), nor "
        : "the apply phase registered every resource preview saw, but not ") +
      "anything the program registers after that line only at apply: inside an apply, or only " +
      "once the failed call succeeds (`if (found.value) new ...`; preview, given an empty " +
      `result, skipped it too), which no check ran on; ${remedy(stop, others)}`,
  };
}

/**
 * Why a check preview could not evaluate (a value unknown until apply) stayed unevaluated on a
 * resource the stopped apply phase never registered.
 */
export function neverRegisteredReason(stop: LeftUnknown, programDir: string, why: string): string {
  return (
    "needs values known only after apply, and the apply phase stopped before registering it " +
    `(${describeStop(stop, programDir)}): ${why}`
  );
}
