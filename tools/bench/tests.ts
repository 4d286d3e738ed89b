// `npm run bench:tests`: how long `npm test` takes on this machine. By default it runs the steps
// as `npm test` does (tools/test.ts: type-check, lint and unit tests side by side, then the app
// tests) and prints each step's start and end, the whole run's wall time and the CPU time of all
// its processes. `--serial` runs the steps one after another instead, which gives each step's own CPU
// time (side by side, the kernel's accounting cannot tell the steps apart). The figure in the
// README's test section comes from here, never from a timed assertion in a test.
//
// Also printed: the machine's CPUs and load average before and after the run (a machine loaded by
// other work gives longer times, and the CPU time is the steadier figure), and whether the whole
// stays under the 90 s target. A failing step is reported and fails the run.
import * as fs from "fs";
import * as os from "os";
import { describeRun, PHASES, runAll, runStep, STEPS, StepRun, unitSummary } from "../test";

const TARGET_S = 90;

/**
 * CPU seconds (user + system) used so far by this process's finished children and theirs: fields
 * 16 and 17 of /proc/self/stat (cutime, cstime, in ticks of 1/100 s). Linux only; 0 elsewhere.
 */
function childrenCpuSeconds(): number {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
}

/** Runs the steps as `npm test` does (all at once) or one after another; none after a failure. */
async function run(serial: boolean): Promise<{ runs: StepRun[]; cpu: number[] }> {
  const start = process.hrtime.bigint();
  if (!serial) {
    const cpuBefore = childrenCpuSeconds();
    const runs = await runAll(PHASES);
    return { runs, cpu: [childrenCpuSeconds() - cpuBefore] };
  }
  const runs: StepRun[] = [];
  const cpu: number[] = [];
  for (const step of STEPS) {
    const cpuBefore = childrenCpuSeconds();
    const r = await runStep(step, start);
    runs.push(r);
    cpu.push(childrenCpuSeconds() - cpuBefore);
    if (r.code !== 0) break;
  }
  return { runs, cpu };
}

async function main(): Promise<void> {
  const serial = process.argv.includes("--serial");
  console.log(
    `npm test${serial ? ", step by step" : ""}: node ${process.version}, ${os.cpus().length} CPUs, ` +
      `load average ${loadAverage()}`,
  );
  const { runs, cpu } = await run(serial);
  runs.forEach((r, i) =>
    console.log(`  ${describeRun(r)}${serial ? `, ${cpu[i].toFixed(1)} s CPU` : ""}`),
  );
  // The times are printed even when a step fails (its CPU time is as real), but the run fails
  // and the target is not judged (a serial run stops at the failure).
  const failed = runs.find((r) => r.code !== 0);
  const wall = serial
    ? runs.reduce((s, r) => s + (r.endS - r.startS), 0)
    : Math.max(...runs.map((r) => r.endS));
  const cpuTotal = cpu.reduce((s, c) => s + c, 0);
  console.log(`  ${unitSummary(runs)}`);
  console.log(
    `  ${"total".padEnd(10)} ${wall.toFixed(1)} s wall, ${cpuTotal.toFixed(1)} s CPU; ` +
      `target < ${TARGET_S} s: ${failed ? "not judged, a step failed" : wall < TARGET_S ? "ok" : "OVER"}; ` +
      `load average after ${loadAverage()}`,
  );
  if (failed) {
    process.stderr.write(`${failed.step} failed:\n${failed.output.slice(-4000)}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`benchmark failed: ${String(err)}\n`);
  process.exitCode = 1;
});
