// Command-line arguments of the offline check.
import { UsageError } from "./project";

export type Format = "text" | "json" | "sarif";

export interface CheckArgs {
  /** Stacks to check; empty = every Pulumi.<stack>.yaml of the program. */
  readonly stacks: string[];
  readonly format: Format;
  readonly output?: string;
  readonly program?: string;
  readonly policyConfig?: string;
  readonly help: boolean;
}

export const USAGE = `Usage: npm run check -- [options]

Runs the Pulumi program offline under Pulumi's mock runtime, as \`pulumi preview\` would with the
stack's real config (no AWS account, no Pulumi CLI), records every resource and evaluates the whole
policy pack on them.

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
  -h, --help              Show this help.

Exit codes: 0 no mandatory violation, 1 at least one mandatory violation, 2 usage or program error.
`;

const FORMATS: readonly Format[] = ["text", "json", "sarif"];
const WITH_VALUE = new Set(["--stack", "--format", "--output", "--program", "--policy-config"]);

export function parseArgs(argv: readonly string[]): CheckArgs {
  const stacks: string[] = [];
  let format: Format = "text";
  let output: string | undefined;
  let program: string | undefined;
  let policyConfig: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h" || arg === "--help") {
      help = true;
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
    }
  }
  return { stacks: [...new Set(stacks)], format, output, program, policyConfig, help };
}
