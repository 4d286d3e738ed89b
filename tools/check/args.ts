// Command-line arguments of the offline check.
import { UsageError } from "./project";

export type Format = "text" | "json" | "sarif";

export type PhaseArg = "preview" | "apply" | "both";

export interface CheckArgs {
  /** Stacks to check; empty = every Pulumi.<stack>.yaml of the program. */
  readonly stacks: string[];
  readonly format: Format;
  readonly output?: string;
  readonly program?: string;
  readonly policyConfig?: string;
  readonly phase: PhaseArg;
  /** Seconds a program may run per phase. */
  readonly timeout: number;
  readonly invokeAnswers?: string;
  readonly failOnUnevaluated: boolean;
  readonly failOnIncomplete: boolean;
  readonly typeCheck: boolean;
  readonly help: boolean;
}

export const DEFAULT_TIMEOUT_SECONDS = 300;

export const USAGE = `Usage: npm run check -- [options]

Runs a Pulumi TypeScript program offline through its own Pulumi language host, as
\`pulumi preview\` would with the stack's real config (no AWS account, no Pulumi CLI), against an
offline engine that answers for AWS, and evaluates the whole policy pack on what it registers: once
as \`pulumi preview\` sees the stack, once as \`pulumi up\` sees each resource before creating it.

Options:
  --stack <name>          Stack to check (repeatable). Default: every Pulumi.<stack>.yaml next to
                          the program's Pulumi.yaml.
  --format <format>       text (default), json, or sarif (SARIF 2.1.0 for code scanning).
                          json prints one object per stack, or an array when several stacks run.
  --output <file>         Write the report to <file> (only once every stack has been checked)
                          instead of standard output.
  --program <dir>         Check another Pulumi TypeScript program (its Pulumi.yaml, main and
                          stack files), resolved against this project's node_modules.
  --policy-config <file>  Policy pack config, as for \`pulumi preview --policy-pack-config\`.
  --phase <phase>         preview, apply, or both (default): preview leaves computed values
                          unknown; apply knows every output of the resources the stack creates.
  --timeout <seconds>     Stop a program still running this long after it starts (its language
                          host set up), per phase (default ${DEFAULT_TIMEOUT_SECONDS}).
  --invoke-answers <file> JSON answers for invokes (data sources) the offline engine does not
                          know: { "<token>": { <result> } }.
  --fail-on-unevaluated   Exit 1 when a mandatory check could not be evaluated in any phase.
  --fail-on-incomplete    Exit 1 when the program has remote components whose children no
                          offline run can see.
  --type-check            Type-check the program as \`pulumi preview\` does by default (slower).
  -h, --help              Show this help.

Exit codes: 0 no mandatory violation, 1 at least one mandatory violation (or, with the --fail-on-*
flags, an unevaluated mandatory check or an incomplete report), 2 usage or program error.
`;

const FORMATS: readonly Format[] = ["text", "json", "sarif"];
const PHASES: readonly PhaseArg[] = ["preview", "apply", "both"];
const WITH_VALUE = new Set([
  "--stack",
  "--format",
  "--output",
  "--program",
  "--policy-config",
  "--phase",
  "--timeout",
  "--invoke-answers",
]);
const SWITCHES = new Set(["--fail-on-unevaluated", "--fail-on-incomplete", "--type-check"]);

export function parseArgs(argv: readonly string[]): CheckArgs {
  const stacks: string[] = [];
  let format: Format = "text";
  let output: string | undefined;
  let program: string | undefined;
  let policyConfig: string | undefined;
  let phase: PhaseArg = "both";
  let timeout = DEFAULT_TIMEOUT_SECONDS;
  let invokeAnswers: string | undefined;
  const switches = new Set<string>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h" || arg === "--help") {
      help = true;
      continue;
    }
    if (SWITCHES.has(arg)) {
      switches.add(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    if (!WITH_VALUE.has(flag)) {
      throw new UsageError(
        arg.startsWith("-") ? `unknown flag '${flag}'` : `unexpected argument '${arg}'`,
        true,
      );
    }
    let value: string | undefined;
    if (flag !== arg) value = arg.slice(eq + 1);
    else {
      value = argv[++i];
      if (value === undefined || value.startsWith("--")) {
        throw new UsageError(`flag '${flag}' needs a value`, true);
      }
    }
    if (!value) throw new UsageError(`flag '${flag}' needs a value`, true);
    switch (flag) {
      case "--stack":
        stacks.push(value);
        break;
      case "--format":
        if (!FORMATS.includes(value as Format)) {
          throw new UsageError(`unknown format '${value}': use ${FORMATS.join(", ")}`, true);
        }
        format = value as Format;
        break;
      case "--output":
        output = value;
        break;
      case "--program":
        program = value;
        break;
      case "--policy-config":
        policyConfig = value;
        break;
      case "--phase":
        if (!PHASES.includes(value as PhaseArg)) {
          throw new UsageError(`unknown phase '${value}': use ${PHASES.join(", ")}`, true);
        }
        phase = value as PhaseArg;
        break;
      case "--timeout":
        if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 86400) {
          throw new UsageError(
            `--timeout takes whole seconds between 1 and 86400, not '${value}'`,
            true,
          );
        }
        timeout = Number(value);
        break;
      case "--invoke-answers":
        invokeAnswers = value;
        break;
    }
  }
  return {
    stacks: [...new Set(stacks)],
    format,
    output,
    program,
    policyConfig,
    phase,
    timeout,
    invokeAnswers,
    failOnUnevaluated: switches.has("--fail-on-unevaluated"),
    failOnIncomplete: switches.has("--fail-on-incomplete"),
    typeCheck: switches.has("--type-check"),
    help,
  };
}
