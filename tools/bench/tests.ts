// `npm run bench:tests`: how long `npm test` takes on this machine, step by step (type-check,
// lint, unit tests, app tests), each step as `npm test` runs it, one after the other. The figure
// in the README's test section comes from here, never from a timed assertion in a test.
//
// Prints each step's wall time and the CPU time of its processes (children included), the
// machine's CPUs and load average before the run (a loaded machine gives longer times), and
// whether the whole stays under the 90 s target. A failing step is reported and fails the run.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const TARGET_S = 90;
const STEPS = ["build", "lint", "test:unit", "test:app"] as const;

interface StepRun {
  readonly step: string;
  readonly code: number;
  readonly wallS: number;
  /** CPU seconds (user + system) of the step's processes, from the kernel's child accounting. */
  readonly cpuS: number;
  readonly output: string;
}

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

function runStep(step: string): Promise<StepRun> {
  const cpuBefore = childrenCpuSeconds();
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    let output = "";
    const child = spawn("npm", ["run", "-s", step], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, FORCE_COLOR: "0" },
    });
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      resolve({
        step,
        code: code ?? -1,
        wallS: Number(process.hrtime.bigint() - started) / 1e9,
        cpuS: childrenCpuSeconds() - cpuBefore,
        output,
      }),
    );
  });
}

async function main(): Promise<void> {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  console.log(
    `npm test, step by step: node ${process.version}, ${os.cpus().length} CPUs, load average ${load}`,
  );
  const runs: StepRun[] = [];
  for (const step of STEPS) {
    const run = await runStep(step);
    runs.push(run);
    console.log(
      `  ${step.padEnd(10)} ${run.wallS.toFixed(1).padStart(6)} s wall ` +
        `${run.cpuS.toFixed(1).padStart(6)} s CPU${run.code === 0 ? "" : `  FAILED (exit ${run.code})`}`,
    );
    if (run.code !== 0) {
      process.stderr.write(run.output.slice(-4000));
      process.exitCode = 1;
      return;
    }
  }
  const wall = runs.reduce((s, r) => s + r.wallS, 0);
  const cpu = runs.reduce((s, r) => s + r.cpuS, 0);
  console.log(
    `  ${"total".padEnd(10)} ${wall.toFixed(1).padStart(6)} s wall ${cpu.toFixed(1).padStart(6)} s CPU; ` +
      `target < ${TARGET_S} s: ${wall < TARGET_S ? "ok" : "OVER"}`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`benchmark failed: ${String(err)}\n`);
  process.exitCode = 1;
});
