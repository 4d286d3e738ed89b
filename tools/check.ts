// The offline check: `npm run check -- [--stack s] [--format text|json|sarif] [--output file]
// [--program dir] [--policy-config file] [--phase preview|apply|both] ...`. Runs a Pulumi program
// through its own language host against an offline engine, as `pulumi preview` would, with each
// stack's real config, and evaluates the whole policy pack on what it registers, as `pulumi
// preview` and then `pulumi up` would see it. Exit code 0: no mandatory violation; 1: at least
// one; 2: usage or program error. See tools/check/*.ts and tools/lib/engine/*.ts for the pieces,
// and `--help` for usage.
import * as fs from "fs";
import * as path from "path";
import { CheckArgs, parseArgs, USAGE } from "./check/args";
import { listStacks, loadProject, loadStackConfig, UsageError } from "./check/project";
import type { ProgramError, StackResult } from "./check/run";

const ROOT = path.resolve(__dirname, "..");
/** Account the offline engine answers for (AWS's documentation example account). */
const ACCOUNT_ID = "123456789012";

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
      `${project.name} has no stack to check: no Pulumi.<stack>.yaml in ${project.stackConfigDir}; ` +
        "name one with --stack <name> to run it on the project's defaults",
    );
  }
  // Every stack file is read and validated before anything runs.
  for (const stack of stacks) loadStackConfig(project, stack, { allowMissing: true });
  const output = args.output ? path.resolve(args.output) : undefined;
  if (output && !fs.existsSync(path.dirname(output))) {
    throw new UsageError(
      `cannot write ${args.output}: directory ${path.dirname(output)} does not exist`,
    );
  }
  const { fakeCloudAnswers } = await import("./lib/engine/answers");
  const { loadInvokeAnswers, REGIONS, nearestRegions } = await import("./lib/fake-aws");
  let invokeAnswers: import("./lib/fake-aws").InvokeAnswers | undefined;
  if (args.invokeAnswers) {
    try {
      invokeAnswers = loadInvokeAnswers(args.invokeAnswers);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  // The AWS provider refuses a region it does not know: say so before anything runs.
  for (const stack of stacks) {
    const config = loadStackConfig(project, stack, { allowMissing: true });
    const region = config.values["aws:region"];
    if (region !== undefined && !REGIONS.has(region)) {
      const nearest = nearestRegions(region);
      throw new UsageError(
        `${config.file ?? project.file}: aws:region "${region}" is not an AWS region` +
          (nearest.length ? `; did you mean ${nearest.join(", ")}?` : ""),
      );
    }
  }

  // The pack loads only now: usage errors stay fast.
  const { useCachedToolLoader } = await import("./check/loader");
  useCachedToolLoader(ROOT);
  const { allPolicies } = await import("../policy-pack/policies");
  const { readPolicyConfigFile, resolvePolicyConfig } = await import("./check/policy-config");
  const { checkStack } = await import("./check/run");
  const { policyInfo } = await import("./check/report");

  const given = args.policyConfig ? readPolicyConfigFile(path.resolve(args.policyConfig)) : {};
  const { config: packConfig, unknownPolicies } = resolvePolicyConfig(
    allPolicies,
    given,
    args.policyConfig,
  );
  for (const name of unknownPolicies) {
    process.stderr.write(
      `warning: ${args.policyConfig} configures '${name}', which is not a policy of this pack (ignored)\n`,
    );
  }
  const phases = args.phase === "both" ? (["preview", "apply"] as const) : [args.phase];
  const results: StackResult[] = [];
  for (const stack of stacks) {
    results.push(
      await checkStack({
        project,
        stack,
        phases,
        policies: allPolicies,
        packConfig,
        answers: (region) =>
          fakeCloudAnswers({ accountId: ACCOUNT_ID, region, invokeAnswers }),
        timeoutMs: args.timeout * 1000,
        typeCheck: args.typeCheck,
        fallbackModulesDir: ROOT,
      }),
    );
  }

  let text: string;
  if (args.format === "json") {
    text = (await import("./check/format-json")).formatJson(results);
  } else if (args.format === "sarif") {
    text = (await import("./check/format-sarif")).formatSarif(results, policyInfo(allPolicies));
  } else {
    text = (await import("./check/format-text")).formatText(results);
  }
  if (output) {
    writeAtomically(output, text);
    process.stderr.write(`wrote ${args.format} report to ${args.output}\n`);
  } else {
    process.stdout.write(text);
  }
  writeStats(results);
  const mandatory = results.some((r) =>
    r.violations.some((v) => v.enforcementLevel === "mandatory"),
  );
  const unevaluated = results.some((r) =>
    r.unevaluated.some((u) => u.enforcementLevel === "mandatory"),
  );
  const incomplete = results.some((r) => r.remoteComponents.length > 0);
  return mandatory ||
    (args.failOnUnevaluated && unevaluated) ||
    (args.failOnIncomplete && incomplete)
    ? 1
    : 0;
}

/**
 * With OFFLINE_CHECK_STATS=<file>, the check records its own cost there (used by `npm run bench`):
 * CPU time of this process, peak resident memory, and per stack and phase the resources and times.
 */
function writeStats(results: readonly StackResult[]): void {
  const file = process.env.OFFLINE_CHECK_STATS;
  if (!file) return;
  const cpu = process.cpuUsage();
  const stats = {
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    stacks: results.map((r) => ({
      stack: r.stack,
      resources: r.resources.length,
      phases: r.phases,
      ...r.timings,
    })),
  };
  fs.writeFileSync(file, JSON.stringify(stats));
}

/** A location relative to the working directory when inside it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative : file;
}

function describeProgramError(e: ProgramError): string {
  const where = [e.stack_ ? `stack ${e.stack_}` : "", e.phase ? `${e.phase} phase` : ""]
    .filter(Boolean)
    .join(", ");
  const lines = [`error: the program failed${where ? ` (${where})` : ""}: ${e.message}`];
  if (e.location) {
    lines.push(`  at ${shown(e.location.file)}:${e.location.line}:${e.location.column}`);
    try {
      const src = fs.readFileSync(e.location.file, "utf8").split("\n")[e.location.line - 1];
      if (src !== undefined) {
        const n = String(e.location.line);
        lines.push(
          `  ${n} | ${src}`,
          `  ${" ".repeat(n.length)} | ${" ".repeat(Math.max(0, e.location.column - 1))}^`,
        );
      }
    } catch {
      // the file is gone: the location alone must do
    }
  }
  if (e.detail) {
    const frames = e.detail
      .split("\n")
      .filter(
        (l) =>
          /^\s+at /.test(l) &&
          !/\(node:|at node:/.test(l) &&
          !l.includes(`${path.sep}node_modules${path.sep}`) &&
          !l.includes(path.join(ROOT, "tools", "lib", "engine")),
      )
      .slice(0, 8);
    if (frames.length) lines.push("  stack:", ...frames.map((f) => `    ${f.trim()}`));
  }
  const output = e.output.filter((l) => l.trim());
  if (output.length) {
    lines.push("  program output before the failure:", ...output.slice(-20).map((l) => `    ${l}`));
  }
  return lines.join("\n") + "\n";
}

/** `--format json|sarif`: an error is still one JSON object on stdout. */
function errorJson(kind: string, message: string, file?: string, line?: number): string {
  return (
    JSON.stringify({ error: { kind, message, file: file ?? null, line: line ?? null } }, null, 2) +
    "\n"
  );
}

function machineFormat(argv: readonly string[]): boolean {
  const i = argv.findIndex((a) => a === "--format" || a.startsWith("--format="));
  if (i < 0) return false;
  const v = argv[i].includes("=") ? argv[i].split("=")[1] : argv[i + 1];
  return v === "json" || v === "sarif";
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let code: number;
  try {
    const args = parseArgs(argv);
    if (args.help) {
      process.stdout.write(USAGE);
      code = 0;
    } else {
      code = await check(args);
    }
  } catch (e) {
    code = 2;
    const { ProgramError } = await import("./check/run");
    const machine = machineFormat(argv);
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n${e.showUsage ? `\n${USAGE}` : ""}`);
      if (machine) process.stdout.write(errorJson("usage", e.message));
    } else if (e instanceof ProgramError) {
      process.stderr.write(describeProgramError(e));
      if (machine) {
        process.stdout.write(
          errorJson(
            "program",
            e.message,
            e.location ? shown(e.location.file) : undefined,
            e.location?.line,
          ),
        );
      }
    } else {
      process.stderr.write(`error: the check itself failed: ${(e as Error)?.stack ?? e}\n`);
      if (machine) process.stdout.write(errorJson("internal", String((e as Error)?.message ?? e)));
    }
  }
  process.exitCode = code;
}

void main();
