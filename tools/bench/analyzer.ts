// `npm run bench`, part 2: the policy pack's own process, as the check runs it
// (tools/lib/engine/analyzer.ts): its start as the CLI does it (ts-node type-checking the pack)
// and with the compile cache warm; the prod stack recorded through the offline engine, judged in
// both phases; the 10,000-resource synthetic stack judged in both phases. Prints wall time, and
// CPU time of this process and of the pack's process.
import * as fs from "fs";
import * as path from "path";
import { Analyzer } from "../lib/engine/analyzer";
import { recordStack, ROOT } from "../lib/recording";
import { syntheticStack } from "./synthetic";
import { fmt, ms } from "./measure";

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

export async function benchAnalyzer(size: number): Promise<void> {
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
    let total = 0;
    for (const preview of [true, false]) {
      const rec = await recordStack("prod", { phase: preview ? "preview" : "apply" });
      const t = await timed(analyzer.pid, () =>
        analyzer.analyze({ project: "platform", stack: "prod", dryRun: preview }, rec.resources),
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
