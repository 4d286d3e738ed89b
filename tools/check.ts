// The offline check: `npm run check -- --stack staging [--format text|json|sarif] [--output file]
// [--program dir] [--policy-config file]`. Runs a Pulumi program under the mock runtime with each
// stack's real config, as `pulumi preview` would, and evaluates the whole policy pack on what it
// registers. Exit code 0: no mandatory violation; 1: at least one; 2: usage or program error.
// See tools/check/*.ts for the pieces, and `--help` for usage.
import * as fs from "fs";
import * as path from "path";
import { CheckArgs, parseArgs, USAGE } from "./check/args";
import { ProgramError, ProgramLoader, useCachedToolLoader } from "./check/loader";
import { listStacks, loadProject, loadStackConfig, UsageError } from "./check/project";

const ROOT = path.resolve(__dirname, "..");
/** The policy pack the check judges with: the project's own. */
const PACK_DIR = path.join(ROOT, "policy-pack");
/** The real stderr: while a program runs, its output is captured for the report. */
const writeError = process.stderr.write.bind(process.stderr);

/** Writes `text` to `file` only once it is complete: a temporary file, then a rename. */
function writeAtomically(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, text);
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

async function check(args: CheckArgs): Promise<number> {
  const programDir = path.resolve(args.program ?? ROOT);
  const project = loadProject(programDir);
  const stacks = args.stacks.length > 0 ? args.stacks : listStacks(project);
  if (stacks.length === 0) {
    throw new UsageError(
      `${project.name} has no stack to check: no Pulumi.<stack>.yaml in ${project.stackConfigDir}`,
    );
  }
  // Every stack file is read and validated before anything runs.
  for (const stack of stacks) loadStackConfig(project, stack);
  const output = args.output ? path.resolve(args.output) : undefined;
  if (output && !fs.existsSync(path.dirname(output))) {
    throw new UsageError(
      `cannot write ${args.output}: directory ${path.dirname(output)} does not exist`,
    );
  }

  // A malformed policy config file is a usage error before anything starts.
  const { readPolicyConfigFile } = await import("./check/policy-config");
  const configFile = args.policyConfig ? path.resolve(args.policyConfig) : undefined;
  if (configFile) readPolicyConfigFile(configFile);

  // The policy pack starts in its own process, as `pulumi preview --policy-pack` starts it, while
  // the first program runs; it validates the policy config against its own schemas.
  const { Analyzer } = await import("./lib/engine/analyzer");
  const cancel = new AbortController();
  const starting = Analyzer.start({ packDir: PACK_DIR, configFile, signal: cancel.signal });
  starting.then(
    (analyzer) => {
      for (const name of analyzer.unknownPolicies) {
        process.stderr.write(
          `warning: ${args.policyConfig} configures '${name}', which is not a policy of this pack (ignored)\n`,
        );
      }
    },
    () => undefined, // reported where the check awaits it
  );
  const results = [];
  let analyzer: Awaited<typeof starting> | undefined;
  try {
    // The SDK and the program load only now: usage errors stay fast.
    useCachedToolLoader(ROOT);
    const { checkStack } = await import("./check/run");
    const loader = new ProgramLoader(project.dir, ROOT);
    for (const stack of stacks) {
      try {
        results.push(await checkStack({ project, stack, loader, analyzer: starting }));
      } catch (e) {
        if (e instanceof ProgramError) Object.assign(e, { stackName: stack });
        throw e;
      }
    }
    analyzer = await starting;
  } finally {
    cancel.abort(); // a pack still loading is not waited for
    await (await starting.catch(() => undefined))?.close();
  }
  const { policyInfo } = await import("./check/report");

  let text: string;
  if (args.format === "json") {
    text = (await import("./check/format-json")).formatJson(results);
  } else if (args.format === "sarif") {
    text = (await import("./check/format-sarif")).formatSarif(
      results,
      policyInfo(analyzer.info, analyzer.levels),
    );
  } else {
    text = (await import("./check/format-text")).formatText(results);
  }
  if (output) {
    writeAtomically(output, text);
    process.stderr.write(`wrote ${args.format} report to ${args.output}\n`);
  } else {
    process.stdout.write(text);
  }
  const failed = results.some((r) => r.violations.some((v) => v.enforcementLevel === "mandatory"));
  writeStats(results, analyzer.startupMs);
  return failed ? 1 : 0;
}

/**
 * With OFFLINE_CHECK_STATS=<file>, the check records its own cost there (used by `npm run bench`):
 * CPU time, peak resident memory, and per stack the resources and the time of each phase.
 */
function writeStats(
  results: readonly { stack: string; resources: unknown[]; timings: object }[],
  packStartMs: number,
): void {
  const file = process.env.OFFLINE_CHECK_STATS;
  if (!file) return;
  const cpu = process.cpuUsage();
  const stats = {
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    packStartMs,
    stacks: results.map((r) => ({ stack: r.stack, resources: r.resources.length, ...r.timings })),
  };
  fs.writeFileSync(file, JSON.stringify(stats));
}

function describeProgramError(e: ProgramError & { stackName?: string }): string {
  const lines = [
    `error: the program failed${e.stackName ? ` for stack ${e.stackName}` : ""}: ${e.message}`,
  ];
  if (e.location) {
    const relative = path.relative(process.cwd(), e.location.file);
    const rel = relative && !relative.startsWith("..") ? relative : e.location.file;
    lines.push(`  at ${rel}:${e.location.line}:${e.location.column}`);
    try {
      const src = fs.readFileSync(e.location.file, "utf8").split("\n")[e.location.line - 1];
      if (src !== undefined) {
        lines.push(
          `  ${e.location.line} | ${src}`,
          `  ${" ".repeat(String(e.location.line).length)} | ${" ".repeat(Math.max(0, e.location.column - 1))}^`,
        );
      }
    } catch {
      // the file is gone: the location alone must do
    }
  }
  if (e.detail) {
    // The program's frames and its libraries', without Node's loader or this tool.
    const tool = path.join(ROOT, "tools") + path.sep;
    const frames = e.detail
      .split("\n")
      .filter((l) => /^\s+at /.test(l) && !/\(node:|at node:/.test(l) && !l.includes(tool))
      .slice(0, 8);
    if (frames.length)
      lines.push("  stack:", ...frames.map((f) => `  ${f.trim().replace(/^/, "  ")}`));
  }
  if (e.output.length)
    lines.push(
      "  program output before the failure:",
      ...e.output.slice(-20).map((l) => `    ${l}`),
    );
  return lines.join("\n") + "\n";
}

async function main(): Promise<void> {
  let finished = false;
  // A program that awaits a value never known at preview leaves nothing to run: Node would exit
  // quietly with status 0. That is a failure, not a pass.
  process.on("beforeExit", () => {
    if (finished) return;
    finished = true;
    writeError(
      "error: the program never finished: it awaits something that does not settle during a preview " +
        "(for example a promise on an output that is unknown until apply, or a promise that never " +
        "resolves)\n",
    );
    process.exitCode = 2;
  });
  let code: number;
  try {
    const args = parseArgs(process.argv.slice(2));
    if (args.help) {
      process.stdout.write(USAGE);
      code = 0;
    } else {
      code = await check(args);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      writeError(`error: ${e.message}\n${e.showUsage ? `\n${USAGE}` : ""}`);
    } else if ((e as Error)?.name === "AnalyzerError") {
      // The pack did not start, its config does not fit it, or a policy failed: as the CLI says it.
      writeError(`${(e as { describe(): string }).describe()}\n`);
    } else if (e instanceof ProgramError) {
      writeError(describeProgramError(e));
    } else {
      writeError(`error: the check itself failed: ${(e as Error)?.stack ?? e}\n`);
    }
    code = 2;
  }
  finished = true;
  process.exitCode = code;
}

void main();
