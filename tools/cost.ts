// `npm run cost -- [--stack <name>]... [--format text|json] [--assume key=value]... [--region r]
// [--prices] [--write-docs]`: the monthly cost of each stack, estimated from the resources the
// program registers (the offline check's mock run) and the dated price table in
// tools/cost/prices.ts. Exit code 0: complete; 1: something is unpriced (an unknown region or
// resource type, reported by name); 2: usage or program error.
import * as fs from "fs";
import { Assumptions, parseAssumption } from "./cost/assumptions";
import { ROOT } from "./lib/recording";
import { listStacks, loadProject } from "./check/project";
import { runTool, UsageError } from "./lib/cli";

const USAGE = `Usage: npm run cost -- [options]

  --stack <name>       a stack to estimate (repeatable; default: every Pulumi.<stack>.yaml)
  --format text|json   output format (default: text, markdown tables)
  --assume key=value   override an assumed volume (repeatable), e.g. --assume requestsPerMonth=50000000
  --region <region>    price the stack in another region (default: the stack's aws:region)
  --prices             print the price table with its sources and dates
  --write-docs         rewrite the generated cost section of docs/operations.md (every stack)
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

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    stacks: [],
    format: "text",
    assumptions: {},
    prices: false,
    writeDocs: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--stack" || a === "-s") args.stacks.push(value());
    else if (a === "--format") {
      const f = value();
      if (f !== "text" && f !== "json") throw new UsageError(`--format ${f}: use text or json`);
      args.format = f;
    } else if (a === "--assume") {
      try {
        Object.assign(args.assumptions, parseAssumption(value()));
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    } else if (a === "--region") args.region = value();
    else if (a === "--prices") args.prices = true;
    else if (a === "--write-docs") args.writeDocs = true;
    else if (a === "--help" || a === "-h") args.help = true;
    else throw new UsageError(`unknown option ${a}`);
  }
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
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const report = await import("./cost/report");
  if (args.prices) {
    process.stdout.write(report.renderPriceTable() + "\n");
    return 0;
  }
  const known = listStacks(loadProject(ROOT));
  for (const s of args.stacks) {
    if (!known.includes(s))
      throw new UsageError(
        `no stack ${s}: Pulumi.${s}.yaml does not exist (stacks: ${known.join(", ")})`,
      );
  }
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
    const { OPERATIONS_DOC, withCostSection } = await import("./cost/docs");
    const before = fs.readFileSync(OPERATIONS_DOC, "utf8");
    const after = await withCostSection(before, estimates);
    if (after !== before) fs.writeFileSync(OPERATIONS_DOC, after);
    process.stdout.write(
      after === before
        ? "docs/operations.md cost section is up to date\n"
        : "docs/operations.md cost section rewritten\n",
    );
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

runTool(main, USAGE);
