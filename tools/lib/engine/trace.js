// With OFFLINE_CHECK_TRACE=<file>, the offline check's processes (the check, each program's
// language host, the policy pack) append one JSON line per milestone of a run to that file: the
// time (milliseconds since the epoch, sub-millisecond), the process, the milestone, and the CPU
// time the process has used so far. `npm run bench -- --only timeline` reads it back as a timeline
// (tools/bench/timeline.ts). Without the variable nothing is recorded, and nothing is loaded.
"use strict";
const fs = require("fs");
const { performance } = require("perf_hooks");

const file = process.env.OFFLINE_CHECK_TRACE;

/**
 * Records `event` of the process called `proc` (with `extra` fields) when tracing is on.
 * @param {string} proc
 * @param {string} event
 * @param {Record<string, unknown>} [extra]
 */
function traceEvent(proc, event, extra) {
  if (!file) return;
  const cpu = process.cpuUsage();
  const line = {
    t: performance.timeOrigin + performance.now(),
    pid: process.pid,
    proc,
    event,
    cpuMs: (cpu.user + cpu.system) / 1000,
    ...extra,
  };
  try {
    fs.appendFileSync(file, JSON.stringify(line) + "\n");
  } catch {
    // a trace that cannot be written loses a line, nothing else
  }
}

/** The moment this process started, as a trace line (Node's own time origin, no CPU yet). */
function traceStart(proc, extra) {
  if (!file) return;
  try {
    fs.appendFileSync(
      file,
      JSON.stringify({
        t: performance.timeOrigin,
        pid: process.pid,
        proc,
        event: "start",
        cpuMs: 0,
        ...extra,
      }) + "\n",
    );
  } catch {
    // as above
  }
}

/**
 * The milestones of one program run, as the check's engine sees them: `onRegistered` wraps the
 * run's own callback to note the first registration; `note` keeps the time and count of a kind of
 * call (the last registration, the last outputs registered, the shutdown signal), and `exited`
 * records them all with the program's exit. Without tracing, `onRegistered` is the callback itself.
 * @template R
 * @param {string} proc
 * @param {((r: R) => void) | undefined} onRegistered
 */
function traceRun(proc, onRegistered) {
  if (!file) return { onRegistered, event() {}, note() {}, exited() {} };
  /** @type {Record<string, { at: number, count: number }>} */
  const notes = {};
  const note = (/** @type {string} */ what) => {
    const n = (notes[what] = notes[what] || { at: 0, count: 0 });
    if (n.count++ === 0 && what === "registration") traceEvent(proc, "first-registration");
    n.at = performance.timeOrigin + performance.now();
  };
  return {
    /** @param {R} r */
    onRegistered(r) {
      note("registration");
      if (onRegistered) onRegistered(r);
    },
    /** @param {string} event */
    event(event) {
      traceEvent(proc, event);
    },
    note,
    exited() {
      traceEvent(proc, "program-exited", { last: notes });
    },
  };
}

module.exports = { traceEvent, traceStart, traceRun, tracing: !!file };
