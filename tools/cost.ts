// `npm run cost -- [--stack <name>]... [--format text|json] [--assume key=value]... [--region r]
// [--prices] [--write-docs]`: the monthly cost of each stack, estimated from the resources the
// program registers (the offline check's mock run) and the dated price table in
// tools/cost/prices.ts. Exit code 0: complete; 1: something is unpriced (an unknown region or
// resource type, reported by name); 2: usage or program error.
import * as fs from "fs";
import { Assumptions, parseAssumption } from "./cost/assumptions";
import { ROOT } from "./lib/recording";
import { loadProject, requireStacks } from "./check/project";
import { printUsage, runTool, UsageError, writeAtomically } from "./lib/cli";
import { flagValue, parseFlags } from "./lib/flags";
import { nearestRegions, REGIONS, UNMODELLED_REGIONS } from "./lib/fake-aws/regions";

export const USAGE = `Usage: npm run cost -- [options]

  --stack <name>       a stack to estimate (repeatable; default: every Pulumi.<stack>.yaml)
  --format text|json   output format (default: text, markdown tables)
  --assume key=value   override an assumed volume (repeatable), e.g. --assume requestsPerMonth=50000000
  --region <region>    price the stack in another region (default: the stack's aws:region)
  --prices             print the price table with its sources and dates
  --write-docs         rewrite docs/operations/cost-estimates.md (every stack)
  --help               this text
`;

interface Args {
  stacks: string[];
  format: "text" | "json";
  assumptions: Partial<Assumptions>;
  region?: string;
  prices: boolean;
  writeDocs: boolean;
  help: boolean;
}

/** The flags of `npm run cost` (read by tools/lib/flags.ts: `--flag value` or `--flag=value`). */
const FLAGS = {
  "--stack": { value: true, repeatable: true, alias: "-s" },
  "--format": { value: true },
  "--assume": { value: true, repeatable: true },
  "--region": { value: true },
  "--prices": {},
  "--write-docs": {},
  "--help": { alias: "-h" },
} as const;

export function parseArgs(argv: readonly string[]): Args {
  const flags = parseFlags(argv, FLAGS);
  const format = flagValue(flags, "--format") ?? "text";
  if (format !== "text" && format !== "json") {
    throw new UsageError(`--format '${format}': use text or json`, true);
  }
  const assumptions: Partial<Assumptions> = {};
  for (const a of flags.get("--assume") ?? []) {
    const parsed = parseAssumption(a);
    const [key] = Object.keys(parsed);
    if (key in assumptions) {
      throw new UsageError(`--assume sets '${key}' twice: give each key once`);
    }
    Object.assign(assumptions, parsed);
  }
  const region = flagValue(flags, "--region");
  // A real region without prices (UNMODELLED_REGIONS) is priced as unknown: exit 1, by name.
  if (region !== undefined && !REGIONS.has(region) && !UNMODELLED_REGIONS.has(region)) {
    const nearest = nearestRegions(region);
    throw new UsageError(
      `--region '${region}' is not an AWS region` +
        (nearest.length ? `; did you mean ${nearest.join(", ")}?` : ""),
    );
  }
  const stacks = [...new Set(flags.get("--stack") ?? [])];
  const args: Args = {
    stacks,
    format,
    assumptions,
    region,
    prices: flags.has("--prices"),
    writeDocs: flags.has("--write-docs"),
    help: flags.has("--help"),
  };
  if (
    args.writeDocs &&
    (args.stacks.length || args.region || Object.keys(args.assumptions).length)
  ) {
    throw new UsageError(
      "--write-docs documents every stack with its own region and the default assumptions",
    );
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) return printUsage(USAGE);
  const report = await import("./cost/report");
  if (args.prices) {
    process.stdout.write(report.renderPriceTable() + "\n");
    return 0;
  }
  const known = requireStacks(loadProject(ROOT), args.stacks);
  const stacks = args.stacks.length > 0 && !args.writeDocs ? args.stacks : known;
  const { recordStack } = await import("./lib/recording");
  const { estimate } = await import("./cost/estimate");
  const estimates = [];
  for (const stack of stacks) {
    estimates.push(
      estimate(await recordStack(stack), { region: args.region, assumptions: args.assumptions }),
    );
  }
  if (args.writeDocs) {
    const { COST_DOC, COST_DOC_SHOWN, withCostSection } = await import("./cost/docs");
    const before = fs.readFileSync(COST_DOC, "utf8");
    const after = await withCostSection(before, estimates);
    if (after !== before) writeAtomically(COST_DOC, after);
    process.stdout.write(`${COST_DOC_SHOWN} ${after === before ? "is up to date" : "rewritten"}\n`);
  } else {
    process.stdout.write(
      args.format === "json" ? report.renderJson(estimates) : report.renderText(estimates),
    );
  }
  const incomplete = estimates.filter((e) => e.unpriced.length > 0 || e.problems.length > 0);
  for (const e of incomplete) {
    process.stderr.write(
      `warning: the estimate of ${e.stack} is incomplete: ${[...e.problems, ...e.unpriced.map((u) => `${u.type} ${u.name}: ${u.reason}`)].join("; ")}\n`,
    );
  }
  return incomplete.length > 0 ? 1 : 0;
}

if (require.main === module) runTool(main, USAGE);
