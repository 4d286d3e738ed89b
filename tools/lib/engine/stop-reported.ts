// Whether the failure a run reports is the error ./apply-stopped.js `recordStop` recorded (the
// first error that reached the language host's handlers), so the report may keep what the apply
// phase registered before it.
import type { ApplyUnknown } from "./left-unknown";
import type { ProgramFailure } from "./language-host";

/**
 * True when the error the failure is reported at (the first error the run logged) is the recorded
 * one: it holds the recorded first line, or the recorded invoke's token.
 * Only that head: the failure's message also lists the later errors and the unanswered invokes, so
 * an error the program logged before the stop (`pulumi.log.error`) would otherwise be dropped.
 */
export function reportsStop(failure: ProgramFailure, stop: ApplyUnknown): boolean {
  const head = (failure.reported ?? failure.message).trimStart().split("\n")[0];
  const first = stop.message.trim();
  if (first && head.includes(first)) return true;
  return stop.invoke !== undefined && head.includes(stop.invoke);
}
