// `npm test`: the type-check, lint and unit tests side by side, then the app tests. They are
// independent (none reads what another writes), and each alone leaves a core idle much of the
// time: the type-check and lint are one process, the unit tests wait on the Pulumi language
// hosts of the offline check's end-to-end tests, the app tests on a browser and sockets. Side by
// side, the machine's cores stay busy and the run takes about as long as its CPU time allows.
//
// The type-check and lint are one step, `npm run typecheck-lint` (tools/lint.ts --typecheck): the
// same checks as `npm run build` and `npm run lint`, on one TypeScript program instead of two.
//
// The unit tests run as two mocha processes: the specs that run whole programs (test/tools, mostly
// end-to-end runs of the offline check waiting on child processes, and the host and
// connect-endpoint specs, whose recordings of the stack are the cost and diagram specs' and each
// other's: one process records them once) and
// all the others (in-process policy, component and config specs, and the check's CLI specs,
// test/tools/check*, so the two end together). Together they are exactly
// `npm run test:unit` (the second one's `--ignore`s are the first one's files), each a whole mocha
// run as `test:unit` is: every spec file is loaded before the first test, and the root hooks (the
// replay of the policy fixtures through the pack's process, test/analyzer.ts) run once at the end. Mocha's own `--parallel` runs each spec
// file in a worker on its own, which the policy specs do not support (they share the policy
// modules loaded with the spec files, and one pack process for the whole run).
//
// Each step's output is kept and printed whole when the step ends, under a header with its
// result and time, so steps never interleave in a log. The run fails when any step fails; every
// step still runs to its end, so one run reports every problem. `npm run bench:tests` times
// these same steps (tools/bench/tests.ts).
import { spawn } from "child_process";
import * as path from "path";
import { stripAnsi } from "./lib/ansi";

const ROOT = path.resolve(__dirname, "..");

/**
 * The steps in two phases: everything but the app tests side by side (the unit tests first, the
 * longest), then the app tests alone, as they always ran: their fault-injection tests race a fake
 * S3 on timing (an abort retried while a part is still being written) and are not run on a machine
 * swamped by the other steps.
 */
export const PHASES: readonly (readonly string[])[] = [
  ["test:unit:tools", "test:unit:others", "typecheck-lint"],
  ["test:app"],
];
export const STEPS: readonly string[] = PHASES.flat();

/** The steps that are, together, `npm run test:unit`. */
export const UNIT_STEPS: readonly string[] = ["test:unit:tools", "test:unit:others"];

export interface StepRun {
  readonly step: string;
  /** Exit code of `npm run <step>`; -1 when it did not exit (see `signal`, `notStarted`). */
  readonly code: number;
  /** The signal that ended `npm run <step>` (a killed process, an out-of-memory kill). */
  readonly signal?: NodeJS.Signals;
  /** Why `npm run <step>` could not start (npm not on the PATH, the project folder gone). */
  readonly notStarted?: string;
  /** Seconds from the start of the run to the step's start and end. */
  readonly startS: number;
  readonly endS: number;
  readonly output: string;
}

/** Runs `npm run -s <step>` in the project root, its output (stdout and stderr) kept in order. */
export function runStep(step: string, runStart: bigint): Promise<StepRun> {
  const since = () => Number(process.hrtime.bigint() - runStart) / 1e9;
  const startS = since();
  return new Promise((resolve) => {
    let output = "";
    const child = spawn("npm", ["run", "-s", step], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: process.env,
    });
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    let ended = false;
    const end = (code: number, endS: number, why: Pick<StepRun, "signal" | "notStarted"> = {}) => {
      if (ended) return;
      ended = true;
      resolve({ step, code, startS, endS, output, ...why });
    };
    child.on("error", (err) => {
      output += `could not start \`npm run ${step}\`: ${err.message}\n`;
      end(-1, since(), { notStarted: err.message });
    });
    // The step ends when `npm run` exits; its output is complete once the pipes close, which a
    // process the step left behind could delay: then the output is taken as it is a second later.
    child.on("exit", (code, signal) => {
      const endS = since();
      const why = signal ? { signal } : {};
      const late = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        end(code ?? -1, endS, why);
      }, 1000);
      child.on("close", () => {
        clearTimeout(late);
        end(code ?? -1, endS, why);
      });
    });
  });
}

/**
 * Runs the phases one after the other, the steps of a phase all at once; `onEnd` sees each step as
 * it ends. Every phase runs even when a step before it failed. Resolves with the runs in the order
 * of the phases' steps.
 */
export async function runAll(
  phases: readonly (readonly string[])[] = PHASES,
  onEnd: (run: StepRun) => void = () => undefined,
): Promise<StepRun[]> {
  const start = process.hrtime.bigint();
  const runs: StepRun[] = [];
  for (const steps of phases) {
    const ended = await Promise.all(
      steps.map((step) =>
        runStep(step, start).then((run) => {
          onEnd(run);
          return run;
        }),
      ),
    );
    runs.push(...ended);
  }
  return runs;
}

/** Mocha's closing counts in a step's output ("5434 passing", "2 failing"); 0 when absent. */
export function mochaCounts(colored: string): {
  passing: number;
  pending: number;
  failing: number;
} {
  const output = stripAnsi(colored);
  const count = (word: string) => {
    // The last match: the summary closes mocha's output.
    const all = [...output.matchAll(new RegExp(`^ *(\\d+) ${word}\\b`, "gm"))];
    return all.length > 0 ? Number(all[all.length - 1][1]) : 0;
  };
  return { passing: count("passing"), pending: count("pending"), failing: count("failing") };
}

/** The unit tests' counts over both mocha processes, e.g. "5839 passing, 0 pending, 0 failing". */
export function unitSummary(runs: readonly StepRun[]): string {
  const unit = runs.filter((r) => UNIT_STEPS.includes(r.step)).map((r) => mochaCounts(r.output));
  const sum = (k: "passing" | "pending" | "failing") => unit.reduce((s, c) => s + c[k], 0);
  return `unit tests: ${sum("passing")} passing, ${sum("pending")} pending, ${sum("failing")} failing`;
}

/**
 * Mocha's account of its failures in a step's output: from the last "N failing" line to the end
 * (each failing test's title, error and stack), at most `maxLines` lines; "" when there is none.
 * The run repeats it after its summary, so the last lines of a long log name what failed.
 */
export function failureDetails(colored: string, maxLines = 150): string {
  const output = stripAnsi(colored);
  const all = [...output.matchAll(/^ *\d+ failing\b/gm)];
  if (all.length === 0) return "";
  const lines = output
    .slice(all[all.length - 1].index)
    .trimEnd()
    .split("\n");
  const shown = lines.slice(0, maxLines);
  if (lines.length > maxLines)
    shown.push(`  ... and ${lines.length - maxLines} more lines, in the step's output above`);
  return `${shown.join("\n")}\n`;
}

/** The last `count` lines of a step's output ("(no output)" when there is none). */
export function lastLines(output: string, count = 40): string {
  const lines = output.trimEnd().split("\n");
  if (lines.length === 1 && lines[0] === "") return "(no output)\n";
  const shown = lines.slice(-count);
  if (lines.length > count)
    shown.unshift(`  ... (${lines.length - count} earlier lines in the step's output above)`);
  return `${shown.join("\n")}\n`;
}

/**
 * What the run repeats after its summary for a step that failed: mocha's account of its failures
 * (a failing test or hook, "before all" hooks included, is in it), or, for a step that ended
 * without one (a spec file that threw as mocha loaded it, a process killed, the type-check or
 * lint), the step's last lines, where its error is.
 */
export function whatFailed(run: StepRun): string {
  const details = failureDetails(run.output);
  if (details) return `\n${run.step}, what failed:\n${details}`;
  return `\n${run.step} failed (${runResult(run)}) without mocha's account of failures; its last lines:\n${lastLines(run.output)}`;
}

/** How a step ended: "exit 1", "ended by SIGKILL", "could not start: spawn npm ENOENT". */
export function runResult(run: StepRun): string {
  if (run.notStarted !== undefined) return `could not start: ${run.notStarted}`;
  if (run.signal !== undefined) return `ended by ${run.signal}`;
  return `exit ${run.code}`;
}

/** One line for a step: its name, result and wall time. */
export function describeRun(run: StepRun): string {
  const result = run.code === 0 ? "ok" : `FAILED (${runResult(run)})`;
  const took = (run.endS - run.startS).toFixed(1);
  return `${run.step.padEnd(10)} ${result}, ${took} s (from ${run.startS.toFixed(1)} s to ${run.endS.toFixed(1)} s)`;
}

async function main(): Promise<void> {
  const runs = await runAll(PHASES, (run) => {
    process.stdout.write(`\n── ${describeRun(run)} ──\n`);
    process.stdout.write(run.output.endsWith("\n") || !run.output ? run.output : `${run.output}\n`);
  });
  process.stdout.write(`\nnpm test:\n${runs.map((r) => `  ${describeRun(r)}\n`).join("")}`);
  process.stdout.write(`  ${unitSummary(runs)}\n`);
  const failedRuns = runs.filter((r) => r.code !== 0);
  const failed = failedRuns.map((r) => r.step);
  for (const run of failedRuns) process.stdout.write(whatFailed(run));
  if (failed.length > 0) {
    process.stderr.write(`npm test failed: ${failed.join(", ")} (their output is above)\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`npm test could not run: ${String(err)}\n`);
    process.exitCode = 1;
  });
}
