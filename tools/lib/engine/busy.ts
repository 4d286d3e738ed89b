// Whether a program that ran out of time was busy or waiting. A program stopped at --timeout
// either waits (on a timer, a socket, a promise that never settles) or keeps the CPU busy (a loop
// that does not end; a callback function whose closure captures a large object graph, such as an
// AWS SDK client, which the SDK walks to serialize it). Linux shows which: the state of the
// process's main thread in /proc/<pid>/stat is "R" (running or runnable) while it computes and
// "S" while it sleeps (proc(5), field 3). Sampled a few times, since a waiting program wakes now
// and then; a machine busy with other work leaves a computing program runnable, still "R".
import * as fs from "fs";

/** The state letter of a process (proc(5) /proc/<pid>/stat field 3), or undefined off Linux. */
export function processState(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
    return stat
      .slice(stat.lastIndexOf(")") + 1)
      .trim()
      .split(/\s+/)[0];
  } catch {
    return undefined;
  }
}

/**
 * True when the process was running in most of `samples` looks `intervalMs` apart, false when
 * it mostly slept, undefined when its state cannot be read (not Linux, already gone).
 */
export async function wasBusy(
  pid: number | undefined,
  samples = 10,
  intervalMs = 50,
): Promise<boolean | undefined> {
  if (pid === undefined) return undefined;
  let running = 0;
  let seen = 0;
  for (let i = 0; i < samples; i++) {
    const state = processState(pid);
    if (state !== undefined) {
      seen++;
      if (state === "R") running++;
    }
    if (i < samples - 1) await new Promise((r) => setTimeout(r, intervalMs));
  }
  return seen === 0 ? undefined : running * 2 > seen;
}
