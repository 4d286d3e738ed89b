// The offline check: `npm run check -- [--stack s] [--format text|json|sarif] [--output file]
// [--program dir] [--policy-config file] [--phase preview|apply|both] ...`. Runs a Pulumi program
// through its own language host against an offline engine, as `pulumi preview` would, with each
// stack's real config, and evaluates the whole policy pack on what it registers, as `pulumi
// preview` and then `pulumi up` would see it. Exit code 0: no mandatory violation; 1: at least
// one; 2: usage or program error, or an input the AWS provider refuses (tools/lib/provider-checks).
// See tools/check/*.ts and tools/lib/engine/*.ts for the pieces, `--help` for usage and
// docs/check-reports.md for the reports.
//
// Every input is validated before any program runs, and a bad one stops the check with exit 2, a
// one-line reason naming the file, key or flag, and nothing written: the flags (args.ts), the
// project and stack files (project.ts), the policy config (policy-config.ts), the invoke answers,
// and `--output`, which must be a writable regular file that is none of the inputs and no program
// file.
import * as fs from "fs";
import * as path from "path";
import { CheckArgs, parseArgs, USAGE } from "./check/args";
import {
  listStacks,
  loadProject,
  loadStackConfig,
  Project,
  readInputFile,
  runtimeNote,
  shownPath,
  StackConfig,
  UsageError,
} from "./check/project";
import { checkOutput, CheckInput } from "./check/output";
import { escapeText, usageErrorText, writeAtomically } from "./lib/cli";
import type { StackResult } from "./check/result";
import { traceEvent, traceStart } from "./lib/engine/trace";

const ROOT = path.resolve(__dirname, "..");
/** Account the offline engine answers for (AWS's documentation example account). */
const ACCOUNT_ID = "123456789012";
/** The stack a project without stack files is checked as. */
const DEFAULT_STACK = "dev";
/** The policy pack the check judges with: the project's own. */
const PACK_DIR = path.join(ROOT, "policy-pack");

/** Stack configs read for the run, kept to explain a program failure on a secret placeholder. */
const configsByStack = new Map<string, { project: Project; config: StackConfig }>();

async function check(args: CheckArgs): Promise<number> {
  traceStart("check");
  const programDir = path.resolve(args.program ?? ROOT);
  const project = loadProject(programDir);
  if (args.stackProject !== undefined && args.stackProject !== project.name) {
    throw new UsageError(
      `--stack names the project '${args.stackProject}', but ${project.file} is project '${project.name}'`,
    );
  }
  const named = args.stacks.length > 0 ? args.stacks : listStacks(project);
  // A project with no stack file and no --stack (a fresh clone of an example) is checked as the
  // stack `pulumi new` creates, "dev", on the project's defaults, and the report says so.
  const stacks = named.length > 0 ? named : [DEFAULT_STACK];
  // Every stack file is read and validated before anything runs.
  const inputs: CheckInput[] = [{ file: project.file, what: "the project file" }];
  for (const stack of stacks) {
    const config = loadStackConfig(project, stack, { allowMissing: true, overrides: args.config });
    configsByStack.set(stack, { project, config });
    if (config.file) inputs.push({ file: config.file, what: `the stack file of ${stack}` });
  }
  if (args.policyConfig) inputs.push({ file: args.policyConfig, what: "the policy config" });
  if (args.invokeAnswers) inputs.push({ file: args.invokeAnswers, what: "the invoke answers" });
  const output = args.output ? checkOutput(args.output, inputs, programDir) : undefined;
  const stats = process.env.OFFLINE_CHECK_STATS;
  if (stats) {
    try {
      checkOutput(stats, inputs, programDir);
    } catch (e) {
      throw new UsageError(
        `OFFLINE_CHECK_STATS (where the check records its own cost): ${(e as Error).message.replace(/^--output /, "")}`,
      );
    }
  }
  let invokeAnswers: import("./lib/fake-aws").InvokeAnswers | undefined;
  if (args.invokeAnswers) {
    const { parseInvokeAnswers } = await import("./lib/fake-aws");
    const text = readInputFile(args.invokeAnswers, "--invoke-answers file");
    const { JsonInputError, parseJsonInput } = await import("./check/json-input");
    try {
      invokeAnswers = parseInvokeAnswers(parseJsonInput(text), args.invokeAnswers);
    } catch (e) {
      if (!(e instanceof JsonInputError)) throw new UsageError((e as Error).message);
      const at = `${args.invokeAnswers}${e.line ? `:${e.line}` : ""}`;
      throw new UsageError(
        e.kind === "syntax"
          ? `${at}: not valid JSON (${e.detail})`
          : `${at}: ${e.detail}; an invoke's answer is the few levels of its result`,
      );
    }
  }
  // The AWS provider refuses a region it does not know: say so before anything runs.
  const { stackRegionRefusal } = await import("./check/provider-config");
  for (const stack of stacks) {
    const refusal = stackRegionRefusal(
      configsByStack.get(stack)!.config,
      project.file,
      args.config,
    );
    if (refusal) throw new UsageError(refusal);
  }

  // A malformed policy config file is a usage error before anything starts.
  const { readPolicyConfigFile } = await import("./check/policy-config");
  const configFile = args.policyConfig ? path.resolve(args.policyConfig) : undefined;
  const given = configFile ? readPolicyConfigFile(configFile) : undefined;

  // The policy pack starts in its own process, as `pulumi preview --policy-pack` starts it, while
  // the first program runs; it validates the policy config against its own schemas. It starts
  // before this process loads what only the runs and the report need (the engine, the fake
  // cloud's answers, the provider's input checks: about half of this process's start), so that the
  // pack's own start, about a second of CPU, takes the other core while they load instead of
  // competing with the program's run for it.
  const { startJudge } = await import("./check/judge");
  const cacheDir = process.env.OFFLINE_CHECK_NO_CACHE
    ? undefined
    : path.join(ROOT, "node_modules", ".cache", "offline-check");
  const judging = startJudge(args.judge, { packDir: PACK_DIR, given, configFile, cacheDir });
  traceEvent("check", "judge-starting");
  Promise.resolve(judging.judge).then(
    () => traceEvent("check", "judge-ready"),
    () => undefined, // reported where the check awaits the judge
  );
  const phases = args.phase === "both" ? (["preview", "apply"] as const) : [args.phase];
  const results: StackResult[] = [];
  let packStartMs = 0;
  let policies;
  let packVersion: string;
  let summarize: typeof import("./check/report").summarize;
  // From the pack's start on, whatever fails (one of this process's own modules that does not
  // load included) closes the pack: its process's pipes would otherwise keep this one running.
  try {
    await judging.started;
    const { fakeCloudAnswers } = await import("./lib/engine/answers");
    const { checkStack } = await import("./check/run");
    ({ summarize } = await import("./check/report"));
    packVersion = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")).version;
    for (const stack of stacks) {
      results.push(
        await checkStack({
          project,
          stack,
          organization: args.organization,
          phases,
          judge: judging.judge,
          answers: (region, account, autonaming) =>
            fakeCloudAnswers({
              accountId: account ?? ACCOUNT_ID,
              region,
              invokeAnswers,
              autonaming,
              naming: { project: project.name, stack, organization: args.organization },
            }),
          timeoutMs: args.timeout * 1000,
          typeCheck: args.typeCheck,
          fallbackModulesDir: ROOT,
          cacheDir,
          configOverrides: args.config,
          notes: [
            ...(named.length === 0
              ? [
                  `no stack named and no Pulumi.<stack>.yaml in ${project.stackConfigDir}: checked ` +
                    `as stack "${DEFAULT_STACK}", the stack \`pulumi new\` creates; name another with --stack <name>`,
                ]
              : []),
            ...(runtimeNote(project) ? [runtimeNote(project)!] : []),
          ],
        }),
      );
    }
    policies = await judging.info();
    packStartMs = await judging.startupMs();
  } finally {
    await judging.close();
  }

  const gate = {
    failOnUnevaluated: args.failOnUnevaluated,
    failOnIncomplete: args.failOnIncomplete,
  };
  let text: string;
  if (args.format === "json") {
    text = (await import("./check/format-json")).formatJson(results, {
      minSeverity: args.minSeverity,
      gate,
    });
  } else if (args.format === "sarif") {
    text = (await import("./check/format-sarif")).formatSarif(results, policies, {
      version: packVersion,
      minSeverity: args.minSeverity,
      includeSuppressed: args.sarifSuppressed,
      gate,
    });
  } else {
    const { colorWanted, formatText } = await import("./check/format-text");
    text = formatText(results, {
      color: !output && colorWanted(process.stdout),
      quiet: args.quiet,
      minSeverity: args.minSeverity,
      gate,
    });
  }
  if (output) {
    writeAtomically(output, text);
    if (!args.quiet) process.stderr.write(`wrote ${args.format} report to ${args.output}\n`);
  } else {
    process.stdout.write(text);
  }
  traceEvent("check", "report-written");
  writeStats(results, packStartMs);
  // A mandatory finding fails as usual (1); inputs AWS refuses at create, with no finding, keep the
  // exit code a stopped check has (2): the program as written does not deploy.
  if (results.some((r) => summarize(r, gate).result === "FAIL")) return 1;
  return results.some((r) => r.refusedAtCreate) ? 2 : 0;
}

/**
 * With OFFLINE_CHECK_STATS=<file>, the check records its own cost there (used by `npm run bench`):
 * CPU time of this process, peak resident memory, and per stack and phase the resources and times.
 */
function writeStats(results: readonly StackResult[], packStartMs: number): void {
  const file = process.env.OFFLINE_CHECK_STATS;
  if (!file) return;
  const cpu = process.cpuUsage();
  const stats = {
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    packStartMs,
    stacks: results.map((r) => ({
      stack: r.stack,
      resources: r.resources.length,
      phases: r.phases,
      ...r.timings,
    })),
  };
  fs.writeFileSync(file, JSON.stringify(stats));
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
    // A module of the check's own that did not load (run.ts or one it imports) is the error itself:
    // asking for it again here would throw once more, past this handler.
    const ProgramError = await import("./check/run").then(
      (m) => m.ProgramError,
      () => undefined,
    );
    const machine = machineFormat(argv);
    // What an error quotes (a --stack value, a program's message) may carry control characters:
    // shown escaped (`escapeText`, as usage errors and the reports are), so none can rewrite the
    // terminal.
    if (e instanceof UsageError) {
      process.stderr.write(usageErrorText(e, USAGE));
      if (machine) {
        const { leadingPosition } = await import("./check/inputs");
        const at = leadingPosition(e.message);
        process.stdout.write(errorJson("usage", e.message, at.file, at.line));
      }
    } else if (ProgramError && e instanceof ProgramError) {
      const { describeProgramError } = await import("./check/explain");
      process.stderr.write(escapeText(describeProgramError(e, configsByStack, ROOT)));
      if (machine) {
        const { UNDECRYPTABLE_READ_KIND } = await import("./check/undecryptable-reads");
        process.stdout.write(
          errorJson(
            // The check's refusal of a secret read with a plain typed getter is its own kind.
            e.kind === UNDECRYPTABLE_READ_KIND ? UNDECRYPTABLE_READ_KIND : "program",
            e.message,
            e.location ? shownPath(e.location.file) : undefined,
            e.location?.line,
          ),
        );
      }
    } else if ((e as Error)?.name === "ProviderInputError") {
      const { describeProviderRefusals, leadingRefusal } =
        await import("./check/provider-refusals");
      const refused = e as import("./check/provider-refusals").ProviderInputError;
      process.stderr.write(escapeText(describeProviderRefusals(refused)));
      if (machine) {
        // Located at the refusal the text lists first, not the first registered.
        const { resourceLocation } = await import("./check/report");
        const at = resourceLocation(leadingRefusal(refused)?.resource);
        process.stdout.write(
          errorJson(
            "provider-input",
            refused.message,
            at ? shownPath(at.file) : undefined,
            at?.line,
          ),
        );
      }
    } else if ((e as Error)?.name === "AnalyzerError") {
      // The pack did not start, its config does not fit it, or a policy failed: as the CLI says it.
      const described = (e as { describe(): string }).describe();
      process.stderr.write(`${escapeText(described)}\n`);
      // A pack that failed to load (in this process or its own) names the rule's file and line.
      const at = (e as { location?: { file: string; line: number } }).location;
      if (machine) {
        process.stdout.write(
          errorJson("policy-pack", described, at ? shownPath(at.file) : undefined, at?.line),
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
