// Whether the failure a run reports is the error ./apply-stopped.js `recordStop` recorded (the
// first error that reached the language host's handlers), so the report may keep what the apply
// phase registered before it.
import { leftUnknownAtApply, type ApplyUnknown, type LeftUnknown } from "./left-unknown";
import type { ProgramFailure } from "./language-host";
import type { OfflineEngine } from "./monitor";
import type { Invoker } from "./invoke-sites";
import type { Site } from "./sites-file";
import { withoutWrapping } from "./other-errors";

/**
 * True when the first line of `text`, an error as the host printed it (util.inspect: "<ref *1> "
 * before an error that refers to itself, brackets around one with no stack frames, its name,
 * "AggregateError: " or "TypeError [CODE]: ", before its message; the SDK's wrapping,
 * ./other-errors.ts `withoutWrapping`), is the `recorded` first line (./offline-cause.js
 * `firstLine`: the message, at most 500 characters), exactly.
 */
export function isThrownLine(text: string, recorded: string): boolean {
  if (!recorded.trim()) return false;
  const head = text
    .trimStart()
    .split("\n")[0]
    .replace(/^<ref \*\d+> /, "");
  // An error with no frames in its stack (Promise.any's own) prints in brackets:
  // "[AggregateError: All promises were rejected] {".
  const line = /^\[(.*)\](?: \{)?$/.exec(head)?.[1] ?? head;
  const named = /^[A-Za-z_$][\w$]*(?: \[[^\]\n]*\])?: (.*)$/.exec(line);
  // The SDK's "error serializing property ..." before an error thrown inside an apply (rpc.ts),
  // which it writes into the error's own message, so the recorded line may carry it too.
  const want = withoutWrapping(recorded).trimEnd();
  const matches = (t: string) => withoutWrapping(t).slice(0, 500).trimEnd() === want;
  // A value thrown that is no Error prints as text, brackets included (`[object Object]`).
  return matches(head) || matches(line) || (named !== null && matches(named[1]));
}

/**
 * True when the error the failure is reported at (the first error the run logged) is the recorded
 * one: it holds the recorded first line, or the recorded invoke's token.
 * Only that head: the failure's message also lists the later errors and the unanswered invokes, so
 * an error the program logged before the stop (`pulumi.log.error`) would otherwise be dropped.
 */
function reportsStop(failure: ProgramFailure, stop: ApplyUnknown): boolean {
  const head = (failure.reported ?? failure.message).trimStart().split("\n")[0];
  // The error the host reported is the one the program threw, whatever failure it caught: that
  // one exactly, never an error logged before it whose text holds the thrown one.
  if (stop.thrown !== undefined) return isThrownLine(head, stop.thrown);
  const first = stop.message.trim();
  if (first && head.includes(first)) return true;
  return stop.invoke !== undefined && head.includes(stop.invoke);
}

/**
 * The recorded stop, placed in the program, when the failure reported is that error (an error the
 * program logged before it, which the run is reported at, or after it, keeps the run failed: its
 * own `pulumi.log.error` fails `pulumi up` whatever the lookup answers); else undefined.
 */
export function stopReported(
  failure: ProgramFailure | undefined,
  stop: ApplyUnknown | null | undefined,
  engine: OfflineEngine,
  sites: ReadonlyMap<string, Site>,
  invokers: ReadonlyMap<string, readonly Invoker[]>,
): LeftUnknown | undefined {
  if (failure?.kind !== "error" || failure.laterLoggedByProgram) return undefined;
  if (!stop || !reportsStop(failure, stop)) return undefined;
  return leftUnknownAtApply([stop], engine, sites, invokers)[0];
}
