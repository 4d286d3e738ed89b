// Part 1 of `npm run bench` (../bench.ts): the whole policy pack over synthetic stacks
// (./synthetic/), as the offline check and the engine run it. Loading this module loads the pack:
// the bench imports it only once its flags have been read.
import { allPolicies } from "../../policy-pack/policies";
import { runPolicies } from "../lib/policy-runner";
import { fmt, ms } from "./measure";
import { syntheticStack } from "./synthetic";

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

export async function benchPack(sizes: number[]): Promise<void> {
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
