// Command-line arguments of the offline check, read by the tools' one strict flag reader
// (../lib/flags). Every problem is a usage error (exit 2) that names the flag: an unknown flag, a
// missing or invalid value, a single-value flag given twice, a stack name that is not one.
import { FlagSpec, flagValue, parseFlags } from "../lib/flags";
import { UsageError } from "./project";
import { SEVERITIES, SeverityName } from "./severity";

export type Format = "text" | "json" | "sarif";

export type PhaseArg = "preview" | "apply" | "both";

export interface CheckArgs {
  /** Stacks to check; empty = every Pulumi.<stack>.yaml of the program. */
  readonly stacks: string[];
  /** The organization `--stack <org>/<stack>` names (the program's getOrganization()). */
  readonly organization?: string;
  /** The project `--stack <org>/<project>/<stack>` names; it must be the program's. */
  readonly stackProject?: string;
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
  /** Who judges: the policy pack's own process (default) or the in-process runner. */
  readonly judge: "pack" | "runner";
  /** Text report: only the findings and the results. */
  readonly quiet: boolean;
  /** Hide findings below this severity from the report (they still fail the check). */
  readonly minSeverity?: SeverityName;
  /** `--config key=value`: plaintext config for this run, over the stack file's values. */
  readonly config: Record<string, string>;
  /** SARIF: waived findings as suppressed results instead of run properties. */
  /** SARIF: waived findings as suppressed results (default) or only in the run's properties. */
  readonly sarifSuppressed: boolean;
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
                          the program's Pulumi.yaml. Letters, digits, -, _ and . only; may be
                          qualified as <org>/<stack> or <org>/<project>/<stack> (the stack
                          file is still Pulumi.<stack>.yaml; the org is getOrganization()).
  --format <format>       text (default), json, or sarif (SARIF 2.1.0 for code scanning).
                          json prints one object per stack, or an array when several stacks run.
  --output <file>         Write the report to <file> (only once every stack has been checked)
                          instead of standard output. Never one of the check's inputs or a
                          program file; its directory must exist and be writable.
  --quiet                 Text report: only the findings and the results.
  --min-severity <level>  Show only findings of this severity or higher (critical, high, medium,
                          low). Hidden findings still count, and a hidden mandatory finding
                          still fails the check.
  --program <dir>         Check another Pulumi TypeScript program (its Pulumi.yaml, main and
                          stack files) with the packages it installed (npm, pnpm, Yarn with
                          node_modules, workspaces hoisted above it); one with none installed
                          runs on this project's. A Yarn Plug'n'Play install is refused, as
                          \`pulumi preview\` refuses it.
  --config <key>=<value>  A config value for this run, over the stack file's (repeatable; a key
                          without a namespace is the project's). Use it for secrets, which the
                          check cannot decrypt offline. Never written anywhere.
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
  --judge <pack|runner>   pack (default): the policy pack's own process judges, driven over the
                          analyzer protocol as \`pulumi preview --policy-pack\` drives it; runner:
                          the policies run in this process (proven identical by a differential
                          test; much faster on stacks of thousands of resources).
  --sarif-omit-suppressed SARIF for GitHub code scanning, which ignores suppressions: list each
                          waiver in the run's properties instead of as a suppressed result (the
                          default), so a waived finding opens no alert.
  -h, --help              Show this help.

Exit codes: 0 no mandatory violation, 1 at least one mandatory violation (or, with the --fail-on-*
flags, an unevaluated mandatory check or an incomplete report), 2 usage or program error, or an
input the AWS provider would refuse (pulumi preview would stop).
`;

const FORMATS: readonly Format[] = ["text", "json", "sarif"];
const PHASES: readonly PhaseArg[] = ["preview", "apply", "both"];
/** The check's flags, read by the tools' one strict reader (../lib/flags). */
const FLAGS: Readonly<Record<string, FlagSpec>> = {
  "--stack": { value: true, repeatable: true },
  "--format": { value: true },
  "--output": { value: true },
  "--program": { value: true },
  "--policy-config": { value: true },
  "--phase": { value: true },
  "--judge": { value: true },
  "--timeout": { value: true },
  "--invoke-answers": { value: true },
  "--min-severity": { value: true },
  "--config": { value: true, repeatable: true },
  "--fail-on-unevaluated": {},
  "--fail-on-incomplete": {},
  "--type-check": {},
  "--quiet": {},
  "--sarif-omit-suppressed": {},
  "--help": { alias: "-h" },
};

/** A `--stack` value: the stack's name, and the organization and project it may be qualified by. */
export interface StackRef {
  readonly stack: string;
  readonly organization?: string;
  readonly project?: string;
}

/** `value` when it is one of `allowed`; else the usage error "unknown <what> '<value>': use …". */
function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!allowed.includes(value as T)) {
    throw new UsageError(`unknown ${what} '${value}': use ${allowed.join(", ")}`, true);
  }
  return value as T;
}

/**
 * `--stack` as the CLI reads it: `<stack>`, `<org>/<stack>` or `<org>/<project>/<stack>`
 * (pulumi/pulumi pkg/backend/httpstate/backend.go, `parseStackName`). The stack file is the
 * stack name's (`Pulumi.<stack>.yaml`); the organization is what the program's
 * `pulumi.getOrganization()` returns.
 */
export function parseStackRef(value: string): StackRef {
  const parts = value.split("/");
  if (
    parts.length > 3 ||
    value.includes("\\") ||
    parts.some((p) => p === "" || p === "." || p === "..")
  ) {
    throw new UsageError(
      `--stack '${value}': a stack name, not a path (give <stack>, <org>/<stack> or ` +
        "<org>/<project>/<stack>; the stack file Pulumi.<stack>.yaml is read from the program's directory)",
    );
  }
  const stack = parts[parts.length - 1];
  for (const [what, part] of [
    ["organization", parts.length > 1 ? parts[0] : undefined],
    ["project", parts.length > 2 ? parts[1] : undefined],
  ] as const) {
    if (part !== undefined && !/^[A-Za-z0-9_.-]{1,100}$/.test(part)) {
      throw new UsageError(
        `--stack '${value}': the ${what} '${part}' may only contain alphanumeric, hyphens, underscores, or periods`,
      );
    }
  }
  return {
    stack: validStackName(stack, value),
    organization: parts.length > 1 ? parts[0] : undefined,
    project: parts.length > 2 ? parts[1] : undefined,
  };
}

/**
 * The CLI's stack-name rule (pulumi/pulumi, the backends' `validateStackName`: `^[A-Za-z0-9_.-]
 * {1,100}$`, "stack names may only contain alphanumeric, hyphens, underscores, or periods"). A
 * name is also a file name here (`Pulumi.<stack>.yaml`): no separator, so no path can escape the
 * project.
 */
function validStackName(name: string, given: string): string {
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(name) || name === "." || name === "..") {
    throw new UsageError(
      `--stack '${given}': stack names may only contain alphanumeric, hyphens, underscores, or periods (at most 100)`,
    );
  }
  return name;
}

/**
 * `--config key=value`, with the CLI's key rule (`pulumi config set`: `<namespace>:<name>`, or a
 * bare name in the project's namespace; a key never has more than one namespace separator
 * outside the legacy `<namespace>:config:<name>` form). Returns the key as given and the value.
 */
export function parseConfigArg(arg: string): [string, string] {
  const eq = arg.indexOf("=");
  if (eq <= 0) {
    throw new UsageError(`--config takes <key>=<value>, not '${arg}'`);
  }
  const key = arg.slice(0, eq);
  const parts = key.split(":");
  const legacy = parts.length === 3 && parts[1] === "config";
  if ((parts.length > 2 && !legacy) || parts.some((p) => p === "") || /\s/.test(key)) {
    throw new UsageError(
      `--config: could not parse '${key}' as a configuration key (configuration keys should be of the form '<namespace>:<name>')`,
    );
  }
  return [legacy ? `${parts[0]}:${parts[2]}` : key, arg.slice(eq + 1)];
}

export function parseArgs(argv: readonly string[]): CheckArgs {
  const flags = parseFlags(argv, FLAGS);
  let organization: string | undefined;
  let stackProject: string | undefined;
  const stacks: string[] = [];
  for (const value of flags.get("--stack") ?? []) {
    const ref = parseStackRef(value);
    for (const [what, part, before] of [
      ["organization", ref.organization, organization],
      ["project", ref.project, stackProject],
    ] as const) {
      if (part !== undefined && before !== undefined && part !== before) {
        throw new UsageError(
          `--stack '${value}': another --stack names the ${what} '${before}'; check one ${what} per run`,
        );
      }
    }
    organization = ref.organization ?? organization;
    stackProject = ref.project ?? stackProject;
    stacks.push(ref.stack);
  }
  const config: Record<string, string> = {};
  for (const value of flags.get("--config") ?? []) {
    const [key, v] = parseConfigArg(value);
    if (key in config) {
      throw new UsageError(`--config sets '${key}' twice: give each key once`);
    }
    config[key] = v;
  }
  const minSeverity = flagValue(flags, "--min-severity");
  if (minSeverity !== undefined && !SEVERITIES.includes(minSeverity as SeverityName)) {
    throw new UsageError(`--min-severity '${minSeverity}': use ${SEVERITIES.join(", ")}`);
  }
  const judge = flagValue(flags, "--judge") ?? "pack";
  if (judge !== "pack" && judge !== "runner") {
    throw new UsageError(`unknown judge '${judge}': use pack or runner`, true);
  }
  const timeout = flagValue(flags, "--timeout");
  if (
    timeout !== undefined &&
    (!/^\d+$/.test(timeout) || Number(timeout) < 1 || Number(timeout) > 86400)
  ) {
    throw new UsageError(
      `--timeout takes whole seconds between 1 and 86400, not '${timeout}'`,
      true,
    );
  }
  const format = flagValue(flags, "--format");
  const phase = flagValue(flags, "--phase");
  return {
    stacks: [...new Set(stacks)],
    organization,
    stackProject,
    format: format === undefined ? "text" : oneOf(format, FORMATS, "format"),
    output: flagValue(flags, "--output"),
    program: flagValue(flags, "--program"),
    policyConfig: flagValue(flags, "--policy-config"),
    phase: phase === undefined ? "both" : oneOf(phase, PHASES, "phase"),
    judge,
    timeout: timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(timeout),
    invokeAnswers: flagValue(flags, "--invoke-answers"),
    failOnUnevaluated: flags.has("--fail-on-unevaluated"),
    failOnIncomplete: flags.has("--fail-on-incomplete"),
    typeCheck: flags.has("--type-check"),
    quiet: flags.has("--quiet"),
    minSeverity: minSeverity as SeverityName | undefined,
    config,
    sarifSuppressed: !flags.has("--sarif-omit-suppressed"),
    help: flags.has("--help"),
  };
}
