// `npm run bench -- --only timeline`: where the wall time of one offline check goes. Runs the check
// with OFFLINE_CHECK_TRACE (tools/lib/engine/trace.js), which makes each of its processes (the
// check, each phase's program under its language host, the policy pack) note its milestones, and
// prints them on one time axis from the check's start: process start, SDK loaded, first and last
// registration, program exit, pack ready, each phase judged, report written; with the CPU each
// process had used by then.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fmt } from "./measure";

export interface TraceLine {
  readonly t: number;
  readonly pid: number;
  readonly proc: string;
  readonly event: string;
  readonly cpuMs: number;
  /** With `program-exited`: the time and count of the last call of each kind the engine noted. */
  readonly last?: Record<string, { at: number; count: number }>;
}

/** The trace file's lines, in time order (a torn last line is skipped). */
export function readTrace(file: string): TraceLine[] {
  const lines: TraceLine[] = [];
  for (const text of fs.readFileSync(file, "utf8").split("\n")) {
    if (!text.trim()) continue;
    try {
      lines.push(JSON.parse(text) as TraceLine);
    } catch {
      // a line being written when the process died
    }
  }
  return lines.sort((a, b) => a.t - b.t);
}

/**
 * CPU milliseconds of each process of the run (named by its first milestone, with its pid): its
 * last reading, so a process killed before its exit milestone is under-counted.
 */
export function cpuByProcess(lines: readonly TraceLine[]): Map<string, number> {
  const cpu = new Map<string, number>();
  const names = new Map<number, string>();
  for (const l of lines) {
    if (!names.has(l.pid)) names.set(l.pid, l.proc);
    cpu.set(`${names.get(l.pid)} (pid ${l.pid})`, l.cpuMs);
  }
  return cpu;
}

/** The timeline as printed: one line per milestone, times from the check's start. */
export function formatTimeline(lines: readonly TraceLine[]): string[] {
  const origin = lines.find((l) => l.proc === "check" && l.event === "start")?.t ?? lines[0]?.t;
  if (origin === undefined) return ["   (no trace recorded)"];
  const at = (t: number) => `${fmt((t - origin) / 1000, 2).padStart(6)} s`;
  // The engine's notes of last calls go on the axis with the milestones.
  const rows: { t: number; proc: string; what: string }[] = [];
  for (const l of lines) {
    rows.push({
      t: l.t,
      proc: l.proc,
      what: `${l.event.padEnd(22)} ${l.event === "start" ? "" : `cpu ${fmt(l.cpuMs / 1000, 2)} s`}`,
    });
    for (const [kind, n] of Object.entries(l.last ?? {}))
      rows.push({ t: n.at, proc: l.proc, what: `last ${kind} (${fmt(n.count)} calls)` });
  }
  rows.sort((a, b) => a.t - b.t);
  const out = rows.map((r) => `   ${at(r.t)}  ${r.proc.padEnd(15)} ${r.what}`);
  const cpu = cpuByProcess(lines);
  const total = [...cpu.values()].reduce((a, b) => a + b, 0);
  out.push(
    `   CPU by process: ${[...cpu].map(([p, ms]) => `${p} ${fmt(ms / 1000, 2)} s`).join(", ")}; ` +
      `total ${fmt(total / 1000, 2)} s`,
  );
  return out;
}

/** Runs `run(env)` with tracing into a fresh file and returns the trace. */
export async function traced(run: (env: NodeJS.ProcessEnv) => Promise<unknown>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "offline-check-trace-"));
  const file = path.join(dir, "trace.jsonl");
  try {
    await run({ OFFLINE_CHECK_TRACE: file });
    return fs.existsSync(file) ? readTrace(file) : [];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
