// Every tool (the offline check, cost, diagram, bench, native-names) reads its flags with the one
// strict reader (tools/lib/flags.ts) and prints a usage error with the one printer
// (tools/lib/cli.ts, usageErrorText): a command line that does not read shows the tool's usage
// text; two values that conflict (a single-value flag given twice) are one line naming both and
// the fix. A value's control characters, tabs included, print escaped (`\x09`) in every tool: the
// check always did; cost, diagram, bench and native-names printed a raw tab before they shared
// the printer. Each tool's own argument parser is driven directly, and each tool runs once more
// through its npm script's command line for each kind of refusal (exit 2, what stderr shows).
import { expect } from "chai";
import { parseArgs as parseCheckArgs, USAGE as CHECK_USAGE } from "../../tools/check/args";
import { parseArgs as parseCostArgs, USAGE as COST_USAGE } from "../../tools/cost";
import { parseArgs as parseDiagramArgs, USAGE as DIAGRAM_USAGE } from "../../tools/diagram";
import { BENCH_USAGE, parseBenchArgs } from "../../tools/bench/args";
import {
  parseArgs as parseNativeNamesArgs,
  USAGE as NATIVE_NAMES_USAGE,
} from "../../tools/native-names";
import { usageErrorText, UsageError } from "../../tools/lib/cli";
import { runScript } from "./cli";
import { usageErrorOf } from "./usage-errors";

interface Tool {
  readonly tool: string;
  /** Its npm script (package.json). */
  readonly script: string;
  readonly usage: string;
  readonly parse: (argv: readonly string[]) => unknown;
  /** A single-value flag of the tool and two values it would take. */
  readonly flag: string;
  readonly values: readonly [string, string];
  /** What the tool needs besides its flags (native-names: an SDK folder). */
  readonly operands: readonly string[];
}

const tool = (
  name: string,
  script: string,
  usage: string,
  parse: Tool["parse"],
  flag: string,
  values: Tool["values"],
  operands: readonly string[] = [],
): Tool => ({ tool: name, script, usage, parse, flag, values, operands });

const TOOLS: readonly Tool[] = [
  tool("check", "check", CHECK_USAGE, parseCheckArgs, "--format", ["json", "text"]),
  tool("cost", "cost", COST_USAGE, parseCostArgs, "--region", ["eu-west-1", "us-east-1"]),
  tool("diagram", "diagram", DIAGRAM_USAGE, parseDiagramArgs, "--view", ["network", "data"]),
  tool("bench", "bench", BENCH_USAGE, parseBenchArgs, "--only", ["pack", "prod"]),
  tool(
    "native-names",
    "native:names",
    NATIVE_NAMES_USAGE,
    parseNativeNamesArgs,
    "--out",
    ["a", "b"],
    ["sdk"],
  ),
];

/** A first value with a tab in it and as every tool shows it; the line a flag given twice prints. */
const TABBED = "a\tb";
const TABBED_SHOWN = "a\\x09b";
const twiceLine = (t: Tool, first: string) =>
  `error: flag '${t.flag}' given twice ('${first}', then '${t.values[1]}'): give it once\n`;

describe("every tool's flags, read and refused alike", () => {
  for (const t of TOOLS) {
    it(`${t.tool}: a flag given twice is one line without the usage; an unknown flag shows it`, () => {
      const [first, second] = t.values;
      const operands = t.operands;
      // Each value alone reads (so the refusal below is about the repetition, not the value).
      expect(() => t.parse([...operands, t.flag, first])).to.not.throw();
      expect(() => t.parse([...operands, t.flag, second])).to.not.throw();
      const twice = usageErrorOf(() =>
        t.parse([...operands, t.flag, first, `${t.flag}=${second}`]),
      );
      expect(usageErrorText(twice, t.usage)).to.equal(twiceLine(t, first));
      const tabbed = usageErrorOf(() => t.parse([...operands, t.flag, TABBED, t.flag, second]));
      expect(usageErrorText(tabbed, t.usage)).to.equal(twiceLine(t, TABBED_SHOWN));
      const unknown = usageErrorOf(() => t.parse([...operands, "--bogus"]));
      expect(usageErrorText(unknown, t.usage)).to.equal(
        `error: unknown flag '--bogus'\n\n${t.usage}`,
      );
      const missing = usageErrorOf(() => t.parse([...operands, t.flag]));
      expect(usageErrorText(missing, t.usage)).to.equal(
        `error: flag '${t.flag}' needs a value\n\n${t.usage}`,
      );
      expect(t.usage).to.contain(t.flag);
    });

    it(`${t.tool}: its npm script exits 2 on both, the usage text only for the unknown flag`, async () => {
      const [unknown, twice] = await Promise.all([
        runScript(t.script, [...t.operands, "--bogus"]),
        runScript(t.script, [...t.operands, t.flag, TABBED, `${t.flag}=${t.values[1]}`]),
      ]);
      expect(unknown, unknown.stderr).to.deep.include({ code: 2, stdout: "" });
      expect(unknown.stderr).to.equal(`error: unknown flag '--bogus'\n\n${t.usage}`);
      expect(twice, twice.stderr).to.deep.include({ code: 2, stdout: "" });
      expect(twice.stderr).to.equal(twiceLine(t, TABBED_SHOWN));
    });
  }

  it("prints a value's control characters escaped, tabs too, and keeps a message's own lines", () => {
    const e = usageErrorOf(() => parseDiagramArgs(["--view", "a\tb\u001b[2J", "--view", "c"]));
    expect(usageErrorText(e, DIAGRAM_USAGE)).to.equal(
      "error: flag '--view' given twice ('a\\x09b\\x1b[2J', then 'c'): give it once\n",
    );
    expect(usageErrorText(new UsageError("first\nsecond"), DIAGRAM_USAGE)).to.equal(
      "error: first\nsecond\n",
    );
  });
});
