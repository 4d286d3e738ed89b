// `npm run bench`: how the guardrails scale.
//
// 1. Pack evaluation: the whole policy pack over synthetic stacks of 1,000 and 10,000 resources
//    (tools/bench/synthetic/), as the offline check and the engine run it. Prints resources per
//    second and the 10k/1k time ratio (linear is 10; target: the 10k stack in under 2 s).
// 2. The policy pack's own process (tools/bench/analyzer.ts): its start, cold and warm, and the
//    judging of prod and of the 10,000-resource synthetic stack in both phases.
// 3. The offline check end to end on this project's prod stack, as `npm run check` runs it in a
//    child process: the preview phase alone (target under 2 s) and both phases (under 2.5 s).
// 4. The offline check of a generated 10,000-resource program (tools/bench/program.ts, written to
//    a temporary directory), both phases. Prints wall time, CPU time of the check and of the
//    program runs, and peak resident memory (target: under 20 s and 2 GB).
//
// 5. Where the wall time of one check goes (tools/bench/timeline.ts): the milestones of each of its
//    processes on one time axis, for the prod stack (preview alone, both phases) and, with
//    `--only timeline --program-size N`, a generated program of N resources.
//
// Options: `--only pack|analyzer|prod|program|timeline`, `--sizes 1000,10000` (pack), `--program-size 10000`;
// a bad one is a usage error (exit 2) before anything runs or loads: the parts that load the
// policy pack or the engine (./bench/pack.ts, ./bench/analyzer.ts) are imported after the flags
// are read.
// Timings depend on the machine and its load: CPU time is printed next to wall time.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeBenchProgram } from "./bench/program";
import { fmt, ms } from "./bench/measure";
import { cpuByProcess, formatTimeline, traced } from "./bench/timeline";
import { printUsage, runTool } from "./lib/cli";
import { BENCH_USAGE as USAGE, parseBenchArgs } from "./bench/args";

const ROOT = path.resolve(__dirname, "..");

interface CheckRun {
  readonly code: number;
  readonly wallMs: number;
  /** CPU of all the run's processes (the check, the pack, the programs), when traced. */
  allCpuMs?: number;
  readonly stats?: {
    cpuMs: number;
    maxRssMb: number;
    stacks: {
      stack: string;
      resources: number;
      programMs: number;
      policiesMs: number;
      phases: { phase: string; programMs: number; policiesMs: number }[];
    }[];
  };
}

/** Runs `tools/check.ts` with `args` in a child process, as `npm run check` does; wall time here. */
async function runCheck(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CheckRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "offline-check-bench-stats-"));
  const statsFile = path.join(dir, "stats.json");
  try {
    const start = process.hrtime.bigint();
    let stderr = "";
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          // As `npm run check` runs it: a larger young generation cuts the garbage collection of
          // the SDK's many short-lived promises.
          "--max-semi-space-size=128",
          "tools/run.js",
          "tools/check.ts",
          "--format",
          "json",
          "--output",
          path.join(dir, "report.json"),
          ...args,
        ],
        {
          cwd: ROOT,
          stdio: ["ignore", "ignore", "pipe"],
          env: { ...process.env, ...extraEnv, OFFLINE_CHECK_STATS: statsFile },
        },
      );
      // The check's own lines ("wrote json report to ...") only matter when it fails.
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("exit", (c) => resolve(c ?? -1));
    });
    const wallMs = ms(start);
    if (code !== 0 && code !== 1) process.stderr.write(stderr);
    const stats = fs.existsSync(statsFile)
      ? JSON.parse(fs.readFileSync(statsFile, "utf8"))
      : undefined;
    return { code, wallMs, stats };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function describeRun(label: string, run: CheckRun, targetMs: number): void {
  if (!run.stats) {
    console.log(
      `   ${label}: the check failed (exit ${run.code}) after ${fmt(run.wallMs / 1000, 1)} s`,
    );
    process.exitCode = 1;
    return;
  }
  const stack = run.stats.stacks[0];
  const phases = stack.phases
    .map(
      (p) =>
        `${p.phase} program ${fmt(p.programMs / 1000, 1)} s + policies ${fmt(p.policiesMs / 1000, 1)} s`,
    )
    .join(", ");
  console.log(
    `   ${label}: ${fmt(stack.resources)} resources, ${fmt(run.wallMs / 1000, 2)} s wall ` +
      `(check process ${fmt(run.stats.cpuMs / 1000, 1)} s CPU, peak RSS ${fmt(run.stats.maxRssMb)} MB; ` +
      `${phases}); exit ${run.code}; target < ${fmt(targetMs / 1000, 1)} s: ` +
      (run.wallMs < targetMs ? "ok" : "OVER"),
  );
}

/** The prod stack of this project, preview alone and both phases (median of 3 runs each). */
async function benchProd(): Promise<void> {
  console.log("3. Offline check of this project's prod stack (median of 3 runs)");
  await runCheck(["--stack", "prod", "--phase", "preview"]); // warm the transpile caches
  for (const [label, phase, target] of [
    ["preview phase", "preview", 2000],
    ["both phases  ", "both", 2500],
  ] as const) {
    const runs: CheckRun[] = [];
    for (let i = 0; i < 3; i++) {
      let run: CheckRun | undefined;
      const trace = await traced(
        async (env) => (run = await runCheck(["--stack", "prod", "--phase", phase], env)),
      );
      run!.allCpuMs = [...cpuByProcess(trace).values()].reduce((a, b) => a + b, 0);
      runs.push(run!);
    }
    runs.sort((a, b) => a.wallMs - b.wallMs);
    describeRun(label, runs[1], target);
    // On a shared machine wall time follows the load; the CPU of all processes hardly does.
    console.log(
      `     all processes: ${runs.map((r) => fmt((r.allCpuMs ?? 0) / 1000, 2)).join(" / ")} s CPU ` +
        `(the 3 runs); load average ${fmt(os.loadavg()[0], 1)}`,
    );
  }
}

/** Runs the check on a generated program, both phases. */
async function benchProgram(size: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "offline-check-bench-"));
  try {
    const expected = writeBenchProgram(dir, size);
    console.log(
      `4. Offline check of a generated program of ~${fmt(expected)} resources, both phases`,
    );
    let run: CheckRun | undefined;
    const trace = await traced(async (env) => (run = await runCheck(["--program", dir], env)));
    describeRun("generated program", run!, 20_000);
    for (const line of formatTimeline(trace)) console.log(line);
    if (run!.stats && run!.stats.maxRssMb >= 2048)
      console.log("   memory OVER the 2,048 MB target");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The timeline of one prod check, preview alone and both phases (after a warming run). */
async function benchTimeline(): Promise<void> {
  console.log("5. Where the time of one offline check of the prod stack goes");
  await runCheck(["--stack", "prod", "--phase", "both"]); // warm the transpile caches
  for (const phase of ["preview", "both"]) {
    let run: CheckRun | undefined;
    const trace = await traced(
      async (env) => (run = await runCheck(["--stack", "prod", "--phase", phase], env)),
    );
    console.log(`   --phase ${phase}: ${fmt(run!.wallMs / 1000, 2)} s wall`);
    for (const line of formatTimeline(trace)) console.log(line);
  }
}

async function main(): Promise<number> {
  const { only, sizes, programSize, programSizeGiven, help } = parseBenchArgs(
    process.argv.slice(2),
  );
  if (help) return printUsage(USAGE);
  console.log(
    `node ${process.version}, ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  if (!only || only === "pack") await (await import("./bench/pack")).benchPack(sizes);
  if (!only || only === "analyzer") {
    await (await import("./bench/analyzer")).benchAnalyzer(programSize);
  }
  if (!only || only === "prod") await benchProd();
  if (!only || only === "program") await benchProgram(programSize);
  if (only === "timeline" && programSizeGiven) await benchProgram(programSize);
  else if (!only || only === "timeline") await benchTimeline();
  return 0;
}

if (require.main === module) runTool(main, USAGE);
