// Types of ./trace.js (plain JavaScript: the language host's and the pack's preloads require it).

/** True when OFFLINE_CHECK_TRACE names a file to record the milestones of a run in. */
export const tracing: boolean;

/** Records `event` of the process called `proc` (with `extra` fields) when tracing is on. */
export function traceEvent(proc: string, event: string, extra?: Record<string, unknown>): void;

/** Records the moment this process started (Node's time origin) when tracing is on. */
export function traceStart(proc: string, extra?: Record<string, unknown>): void;

/** The milestones of one program run as the engine sees them (see ./trace.js). */
export function traceRun<R>(
  proc: string,
  onRegistered: ((r: R) => void) | undefined,
): {
  onRegistered: ((r: R) => void) | undefined;
  event(event: string): void;
  /** Keeps the time and count of a kind of call, recorded with `exited`. */
  note(what: string): void;
  exited(): void;
};
