// `npm run bench`: how the guardrails scale.
//
// 1. Pack evaluation: the whole policy pack over synthetic stacks of 1,000 and 10,000 resources
//    (tools/bench/synthetic.ts), as the offline check and the engine run it. Prints resources per
//    second and the 10k/1k time ratio (linear is 10; target: the 10k stack in under 2 s).
// 2. The policy pack's own process, as the check runs it (tools/lib/engine/analyzer.ts): its start
//    as the CLI does it (ts-node type-checking the pack) and with the compile cache warm; the prod
//    stack recorded as the check records it, judged in both phases (preview, apply); the 10,000-
//    resource synthetic stack judged in both phases. Prints wall time, and CPU time of this process
//    and of the pack's process (targets for the whole check: prod both phases under 2.5 s, 10k both
//    phases under 20 s).
// 3. The offline check end to end: a generated 10,000-resource program (tools/bench/program.ts,
//    written to a temporary directory) checked by `tools/check.ts` in a child process. Prints wall
//    time, CPU time and peak resident memory (target: under 20 s and 2 GB).
//
// Options: `--only pack|analyzer|program`, `--sizes 1000,10000` (pack), `--program-size 10000`.
// Timings depend on the machine and its load: CPU time is printed next to wall time.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { allPolicies } from "../policy-pack/policies";
import { Analyzer } from "./lib/engine/analyzer";
import { runPolicies } from "./lib/policy-runner";
import { record } from "./lib/recorder";
import { loadProject, loadStackConfig } from "./check/project";
import { writeBenchProgram } from "./bench/program";
import { syntheticStack } from "./bench/synthetic";

const ROOT = path.resolve(__dirname, "..");

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString("en-US", {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median wall and CPU time of `runs` evaluations of the whole pack over one synthetic stack. */
async function timePack(size: number, runs: number) {
  const resources = syntheticStack(size);
  const walls: number[] = [];
  const cpus: number[] = [];
  let report: Awaited<ReturnType<typeof runPolicies>> | undefined;
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    report = await runPolicies(allPolicies, resources);
    walls.push(ms(start));
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const mandatory = report!.violations.filter(
    (v) => v.enforcementLevel === "mandatory" && !v.previewNote,
  );
  return { size: resources.length, wallMs: median(walls), cpuMs: median(cpus), mandatory };
}

async function benchPack(sizes: number[]): Promise<void> {
  console.log(
    `1. Pack evaluation: ${allPolicies.length} policies over synthetic stacks (median of runs)`,
  );
  await timePack(300, 2); // warm up the JIT and the policies' caches
  const results = [];
  for (const size of sizes) {
    const r = await timePack(size, size <= 2000 ? 9 : 5);
    results.push(r);
    console.log(
      `   ${fmt(r.size).padStart(7)} resources: ${fmt(r.wallMs).padStart(6)} ms wall (${fmt(r.cpuMs)} ms CPU), ` +
        `${fmt(r.size / (r.wallMs / 1000)).padStart(9)} resources/s; ` +
        `${r.mandatory.length} mandatory findings (${[...new Set(r.mandatory.map((v) => v.policy))].join(", ") || "none"})`,
    );
  }
  if (results.length >= 2) {
    const [small, large] = [results[0], results[results.length - 1]];
    const sizeRatio = large.size / small.size;
    console.log(
      `   ${fmt(large.size)}/${fmt(small.size)} time ratio: ${fmt(large.wallMs / small.wallMs, 1)} wall, ` +
        `${fmt(large.cpuMs / small.cpuMs, 1)} CPU (size ratio ${fmt(sizeRatio, 1)} is linear); ` +
        `largest stack ${large.wallMs < 2000 ? "within" : "OVER"} the 2 s target`,
    );
  }
}

/** CPU time (ms) a process has used so far, from /proc (Linux); undefined elsewhere. */
function processCpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, 100 Hz
  } catch {
    return undefined;
  }
}

/** One timed run of `fn`: wall, CPU of this process, CPU of the pack's process. */
async function timed<T>(pid: number | undefined, fn: () => Promise<T>) {
  const packBefore = processCpuMs(pid);
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = await fn();
  const wallMs = ms(start);
  const used = process.cpuUsage(cpu);
  const packAfter = processCpuMs(pid);
  return {
    value,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    packCpuMs:
      packBefore === undefined || packAfter === undefined ? undefined : packAfter - packBefore,
  };
}

function cpuText(t: { cpuMs: number; packCpuMs?: number }): string {
  return `${fmt(t.cpuMs)} ms CPU here${t.packCpuMs === undefined ? "" : `, ${fmt(t.packCpuMs)} ms in the pack`}`;
}

async function benchAnalyzer(size: number): Promise<void> {
  const packDir = path.join(ROOT, "policy-pack");
  console.log("2. The policy pack's own process (analyzer protocol), as the check runs it");
  const cold = await timed(undefined, () => Analyzer.start({ packDir, compileCache: false }));
  await cold.value.close();
  console.log(`   start as the CLI starts it (type-checked load): ${fmt(cold.wallMs)} ms wall`);
  // Once more with the cache: the first load fills it when it is stale, the second is warm.
  await (await Analyzer.start({ packDir })).close();
  const warm = await timed(undefined, () => Analyzer.start({ packDir }));
  const analyzer = warm.value;
  console.log(`   start with the compile cache warm: ${fmt(warm.wallMs)} ms wall`);
  try {
    const project = loadProject(ROOT);
    const config = loadStackConfig(project, "prod");
    let total = 0;
    for (const preview of [true, false]) {
      const rec = await record(
        {
          project: project.name,
          stack: "prod",
          preview,
          config: config.values,
          secretKeys: config.secretKeys,
          engineResources: true,
        },
        () => {
          for (const id of Object.keys(require.cache)) {
            if (
              id.startsWith(ROOT) &&
              !id.includes("node_modules") &&
              !id.includes(`${path.sep}tools${path.sep}`)
            ) {
              delete require.cache[id];
            }
          }
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program runs on load
          return require(path.join(ROOT, "index.ts"));
        },
      );
      const t = await timed(analyzer.pid, () =>
        analyzer.analyze({ project: project.name, stack: "prod", dryRun: true }, rec.resources),
      );
      total += t.wallMs;
      console.log(
        `   prod, ${preview ? "preview" : "apply  "}: ${fmt(rec.resources.length)} resources judged in ` +
          `${fmt(t.wallMs)} ms wall (${cpuText(t)}); ${t.value.length} diagnostics`,
      );
    }
    console.log(
      `   prod, both phases: ${fmt(total)} ms of judging (target for the whole check: 2,500 ms)`,
    );
    const resources = syntheticStack(size);
    let tenK = 0;
    for (const preview of [true, false]) {
      const t = await timed(analyzer.pid, () =>
        analyzer.analyze({ project: "platform", stack: "bench", dryRun: preview }, resources),
      );
      tenK += t.wallMs;
      console.log(
        `   synthetic ${fmt(resources.length)}, ${preview ? "preview" : "apply  "}: ${fmt(t.wallMs)} ms wall ` +
          `(${cpuText(t)}); ${fmt(resources.length / (t.wallMs / 1000))} resources/s`,
      );
    }
    console.log(
      `   synthetic ${fmt(resources.length)}, both phases: ${fmt(tenK / 1000, 1)} s of judging ` +
        `(target for the whole check: 20 s)`,
    );
  } finally {
    await analyzer.close();
  }
}

/** Runs the check on a generated program in a child process; wall time measured here. */
async function benchProgram(size: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "offline-check-bench-"));
  const statsFile = path.join(dir, "stats.json");
  const reportFile = path.join(dir, "report.json");
  try {
    const expected = writeBenchProgram(dir, size);
    console.log(`3. Offline check of a generated program of ~${fmt(expected)} resources (${dir})`);
    const start = process.hrtime.bigint();
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          // As `npm run check` runs it: a larger young generation cuts the garbage collection of
          // the SDK's many short-lived promises (about a third of a 10k-resource run otherwise).
          "--max-semi-space-size=128",
          "-r",
          "ts-node/register/transpile-only",
          "tools/check.ts",
          "--program",
          dir,
          "--format",
          "json",
          "--output",
          reportFile,
        ],
        {
          cwd: ROOT,
          stdio: ["ignore", "inherit", "inherit"],
          env: { ...process.env, OFFLINE_CHECK_STATS: statsFile },
        },
      );
      child.on("error", reject);
      child.on("exit", (c) => resolve(c ?? -1));
    });
    const wall = ms(start);
    if (!fs.existsSync(statsFile)) {
      console.log(`   the check failed (exit ${code}) after ${fmt(wall / 1000, 1)} s`);
      process.exitCode = 1;
      return;
    }
    const stats = JSON.parse(fs.readFileSync(statsFile, "utf8"));
    const stack = stats.stacks[0];
    console.log(
      `   ${fmt(stack.resources)} resources: ${fmt(wall / 1000, 1)} s wall (${fmt(stats.cpuMs / 1000, 1)} s CPU), ` +
        `peak RSS ${fmt(stats.maxRssMb)} MB; program ${fmt(stack.programMs / 1000, 1)} s, ` +
        `policies ${fmt(stack.policiesMs / 1000, 1)} s (pack start ${fmt(stats.packStartMs / 1000, 1)} s, ` +
        `overlapping the program); exit ${code}`,
    );
    console.log(
      `   target < 20 s and < 2,048 MB: ${wall < 20_000 ? "time ok" : "time OVER"}, ${stats.maxRssMb < 2048 ? "memory ok" : "memory OVER"}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const only = option("--only");
  const sizes = (option("--sizes") ?? "1000,10000").split(",").map(Number);
  const programSize = Number(option("--program-size") ?? 10000);
  console.log(
    `node ${process.version}, ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  if (!only || only === "pack") await benchPack(sizes);
  if (!only || only === "analyzer") await benchAnalyzer(programSize);
  if (!only || only === "program") await benchProgram(programSize);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
