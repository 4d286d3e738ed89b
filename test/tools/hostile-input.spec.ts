// Bad input to the project's tools, as a demanding user and a hostile one give it, by class: each
// is a usage error (exit 2) naming the flag, file, line or key and the fix; no tool crashes with
// a stack trace, prints a control character raw or leaves a half-written file. The parsers are
// driven directly: no CLI spawn.
import * as aws from "@pulumi/aws";
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs as parseCheckArgs } from "../../tools/check/args";
import { providerRegion } from "../../tools/check/stack-provider";
import { awsRegionProblem, REGIONS, UNMODELLED_REGIONS } from "../../tools/lib/fake-aws/regions";
import { unusablePath } from "../../tools/check/inputs";
import { checkOutput } from "../../tools/check/output";
import { readPolicyConfigFile } from "../../tools/check/policy-config";
import { goValue } from "../../tools/lib/engine/policy-config";
import { jsonErrorLine, tooDeep } from "../../tools/check/json-input";
import { loadProject, loadStackConfig, shownPath } from "../../tools/check/project";
import { parseBenchArgs } from "../../tools/bench/args";
import { parseArgs as parseCostArgs } from "../../tools/cost";
import { parseAssumption } from "../../tools/cost/assumptions";
import { escapeControls, writeAtomically } from "../../tools/lib/cli";
import { usageError } from "./usage-errors";
import { nearestFlag, parseFlags } from "../../tools/lib/flags";

describe("hostile input to the tools", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-input-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe("the small tools' flags (cost, diagram, bench)", () => {
    const spec = {
      "--stack": { value: true, repeatable: true, alias: "-s" },
      "--view": { value: true },
      "--write-docs": {},
    } as const;

    it("reads --flag value and --flag=value alike, keeps repeatable values in order", () => {
      const flags = parseFlags(
        ["--stack", "prod", "--stack=staging", "-s", "dev", "--view=all"],
        spec,
      );
      expect(flags.get("--stack")).to.deep.equal(["prod", "staging", "dev"]);
      expect(flags.get("--view")).to.deep.equal(["all"]);
      expect(parseFlags(["--write-docs"], spec).has("--write-docs")).to.equal(true);
    });

    it("names an unknown flag and the known one it was probably meant to be", () => {
      expect(usageError(() => parseFlags(["--veiw", "all"], spec))).to.equal(
        "unknown flag '--veiw'; did you mean --view?",
      );
      expect(usageError(() => parseFlags(["--bogus"], spec))).to.equal("unknown flag '--bogus'");
      expect(usageError(() => parseFlags(["prod"], spec))).to.contain("unexpected argument 'prod'");
      expect(usageError(() => parseFlags(["\u2014view", "all"], spec))).to.contain("long dash");
      // A tool that takes operands gets the same hint, not a "no such directory" for the flag.
      expect(usageError(() => parseFlags(["\u2014view", "all"], spec, []))).to.contain("long dash");
      expect(nearestFlag("--stak", ["--stack", "--format"])).to.equal("--stack");
    });

    it("refuses a missing or empty value, a value on a switch, and a single-value flag twice", () => {
      expect(usageError(() => parseFlags(["--view"], spec))).to.equal(
        "flag '--view' needs a value",
      );
      expect(usageError(() => parseFlags(["--view", "--write-docs"], spec))).to.equal(
        "flag '--view' needs a value",
      );
      expect(usageError(() => parseFlags(["--stack="], spec))).to.contain("not an empty string");
      expect(usageError(() => parseFlags(["--stack", ""], spec))).to.contain("empty string");
      expect(usageError(() => parseFlags(["--write-docs=yes"], spec))).to.contain("takes no value");
      expect(usageError(() => parseFlags(["--view", "all", "--view=data"], spec))).to.equal(
        "flag '--view' given twice ('all', then 'data'): give it once",
      );
      expect(parseFlags(["--write-docs", "--write-docs"], spec).get("--write-docs")).to.deep.equal([
        "",
      ]);
    });

    it("keeps operands in order for a tool that takes them, flags read as strictly", () => {
      const operands: string[] = [];
      const flags = parseFlags(["a", "--view", "all", "b"], spec, operands);
      expect(operands).to.deep.equal(["a", "b"]);
      expect(flags.get("--view")).to.deep.equal(["all"]);
      expect(usageError(() => parseFlags(["a", "--veiw"], spec, []))).to.equal(
        "unknown flag '--veiw'; did you mean --view?",
      );
    });

    it("cost: refuses a region that is not AWS's, a repeated assumption and prototype keys", () => {
      expect(usageError(() => parseCostArgs(["--region", "mars-1"]))).to.match(
        /^--region 'mars-1' is not an AWS region; did you mean /,
      );
      // A real region without prices is priced as unknown (exit 1 by name), not refused as a typo.
      expect(parseCostArgs(["--region", "us-iso-east-1"]).region).to.equal("us-iso-east-1");
      expect(parseCostArgs(["--region=eu-west-1", "--format=json"])).to.include({
        region: "eu-west-1",
        format: "json",
      });
      expect(usageError(() => parseCostArgs(["--format", "xml"]))).to.contain("use text or json");
      expect(
        usageError(() =>
          parseCostArgs(["--assume", "requestsPerMonth=1", "--assume", "requestsPerMonth=2"]),
        ),
      ).to.equal("--assume sets 'requestsPerMonth' twice: give each key once");
      for (const key of ["constructor", "toString", "__proto__"]) {
        expect(usageError(() => parseAssumption(`${key}=1`))).to.contain(`unknown key '${key}'`);
      }
      for (const bad of ["-5", "NaN", "1e309", "", "1.2.3", "0x10"]) {
        expect(usageError(() => parseAssumption(`requestsPerMonth=${bad}`))).to.contain(
          "takes a non-negative decimal number",
        );
      }
      expect(parseAssumption("requestsPerMonth=50_000_000")).to.deep.equal({
        requestsPerMonth: 50000000,
      });
    });

    it("bench: refuses an unknown part and sizes that are no whole number in range", () => {
      expect(parseBenchArgs([])).to.deep.include({ sizes: [1000, 10000], programSize: 10000 });
      expect(parseBenchArgs(["--only=pack", "--sizes", "10,20"])).to.deep.include({
        only: "pack",
        sizes: [10, 20],
      });
      expect(usageError(() => parseBenchArgs(["--only", "bogus"]))).to.contain(
        "--only 'bogus': use one of pack,",
      );
      expect(usageError(() => parseBenchArgs(["--only"]))).to.equal("flag '--only' needs a value");
      for (const bad of ["abc", "-5", "0", "1e309", "1,,2", "99999999999"]) {
        expect(usageError(() => parseBenchArgs(["--sizes", bad]))).to.contain(
          "whole numbers of resources between 1 and",
        );
      }
      expect(usageError(() => parseBenchArgs(["--program-size", "NaN"]))).to.contain("'NaN'");
    });

    it("the check names the flag a misspelled one was probably meant to be", () => {
      expect(usageError(() => parseCheckArgs(["--stak", "prod"]))).to.equal(
        "unknown flag '--stak'; did you mean --stack?",
      );
      expect(usageError(() => parseCheckArgs(["—stack", "prod"]))).to.contain("long dash");
    });
  });

  it("takes the region from AWS_REGION, then AWS_DEFAULT_REGION, an empty one counting as unset", () => {
    // The provider does not validate region names (pulumi-aws sets skipRegionValidation true by
    // default), and a program that starts no default AWS provider never reads these variables:
    // they are never refused up front.
    expect(providerRegion({}, { AWS_REGION: "", AWS_DEFAULT_REGION: "eu-west-1" }).region).to.equal(
      "eu-west-1",
    );
    expect(
      providerRegion({}, { AWS_REGION: "eu-west-2", AWS_DEFAULT_REGION: "x" }).region,
    ).to.equal("eu-west-2");
    expect(providerRegion({ "aws:region": "eu-west-3" }, { AWS_REGION: "x" }).region).to.equal(
      "eu-west-3",
    );
  });

  it("without a region, a stack that imports an ESC environment is told that it likely sets it", () => {
    const { region, note } = providerRegion({}, {}, ["acme/aws-prod"]);
    expect(region).to.equal("us-east-1");
    expect(note).to.contain('imports Pulumi ESC environment "acme/aws-prod", which likely sets it');
    expect(note).to.contain("--config aws:region=<region>");
    expect(providerRegion({}, {}).note).to.contain("the region of the AWS profile");
    expect(providerRegion({ "aws:region": "eu-west-1" }, {}, ["acme/aws-prod"])).to.deep.equal({
      region: "eu-west-1",
    });
  });

  it("knows the provider's isolated and sovereign regions as real regions it cannot model", () => {
    for (const r of Object.values(aws.Region)) {
      expect(REGIONS.has(r) || UNMODELLED_REGIONS.has(r), r).to.equal(true);
    }
    for (const r of UNMODELLED_REGIONS) expect(REGIONS.has(r), r).to.equal(false);
    // A stack's aws:region: fine, a real region the check cannot model, or a typo with the nearest.
    expect(awsRegionProblem("eu-west-1")).to.equal(undefined);
    expect(awsRegionProblem("us-iso-east-1")).to.contain("is an AWS region whose zones");
    expect(awsRegionProblem("eu-wset-1")).to.match(
      /^aws:region "eu-wset-1" is not an AWS region; did you mean eu-west-1/,
    );
  });

  it("escapes control characters of a message, keeping newlines and tabs", () => {
    expect(escapeControls("a\u001b[2Jb\u0007\tc\nd\u202ee\u009b")).to.equal(
      "a\\x1b[2Jb\\x07\tc\nd\\u202ee\\x9b",
    );
    // Marks that reorder text or show as nothing: the bidirectional marks and a byte order mark.
    expect(escapeControls("\u200fx\u061cy\ufeff{}")).to.equal("\\u200fx\\u061cy\\ufeff{}");
  });

  it("writes a file whole or not at all, and leaves no temporary file when it cannot", () => {
    const file = path.join(dir, "report.txt");
    writeAtomically(file, "one");
    writeAtomically(file, "two");
    expect(fs.readFileSync(file, "utf8")).to.equal("two");
    const blocked = path.join(dir, "a-directory");
    fs.mkdirSync(path.join(blocked, "inside"), { recursive: true });
    expect(() => writeAtomically(blocked, "x")).to.throw();
    expect(fs.readdirSync(dir).sort()).to.deep.equal(["a-directory", "report.txt"]);
  });

  it("says why a path cannot be used: missing, a loop of links, a name that is not UTF-8", () => {
    const loop = path.join(dir, "loop");
    fs.symlinkSync(loop, loop);
    expect(usageError(() => loadProject(loop))).to.equal(
      `program directory ${loop} is a loop of symbolic links`,
    );
    expect(usageError(() => readPolicyConfigFile(loop))).to.match(
      /^policy config .*loop is a loop of symbolic links$/,
    );
    expect(usageError(() => checkOutput(loop, [], dir))).to.match(
      /^--output .*loop is a loop of symbolic links: give the report's file name$/,
    );
    expect(fs.lstatSync(loop).isSymbolicLink(), "the link is left as it was").to.equal(true);
    const missing = path.join(dir, "bad\uFFFDname");
    expect(usageError(() => loadProject(missing))).to.contain(
      "does not exist; its name holds bytes that are not UTF-8, which Node.js cannot pass on: rename it",
    );
    expect(unusablePath("x", Object.assign(new Error("x"), { code: "EACCES" }))).to.equal(
      "cannot be read (permission denied)",
    );
  });

  describe("deeply nested JSON", () => {
    const nested = (depth: number) => `{"a":${"[".repeat(depth)}${"]".repeat(depth)}}`;

    it("finds where JSON first nests deeper than Go's encoding/json reads (10000)", () => {
      expect(tooDeep(nested(9998))).to.equal(undefined);
      expect(tooDeep(`{\n"a":\n${"[".repeat(10000)}${"]".repeat(10000)}}`)).to.deep.equal({
        line: 3,
      });
      expect(tooDeep(`{"a":"${"[".repeat(20000)}"}`), "brackets in a string").to.equal(undefined);
      expect(tooDeep(`{"a":"\\"${"[".repeat(20000)}"}`), "after an escaped quote").to.equal(
        undefined,
      );
    });

    it("a policy config nested 100,000 deep, or as deep as Go reads, is a usage error", () => {
      const file = path.join(dir, "policy.json");
      fs.writeFileSync(file, nested(100000));
      expect(usageError(() => readPolicyConfigFile(file))).to.contain(
        'more than 10000 deep, which `pulumi preview --policy-pack-config` refuses ("exceeded max depth")',
      );
      // 9,999 deep (Go reads it): the CLI's own refusal of the value, shown cut, on any stack.
      fs.writeFileSync(file, nested(9999));
      expect(usageError(() => readPolicyConfigFile(file))).to.equal(
        `policy config ${shownPath(file)}: parsing "a": ${"[".repeat(200)}… is not a valid ` +
          "value; must be a string or object",
      );
    });

    it("renders a value in a policy-config message as Go's %v does, cut after 200 characters", () => {
      expect(goValue([1, "x", null, { b: [true], a: 2 }])).to.equal(
        "[1 x <nil> map[a:2 b:[true]]]",
      );
      expect(goValue([])).to.equal("[]");
      expect(goValue({})).to.equal("map[]");
      const long = goValue(Array.from({ length: 100 }, (_, i) => i));
      expect(long).to.have.length(201);
      expect(long.startsWith("[0 1 2 3")).to.equal(true);
      expect(long.endsWith("…")).to.equal(true);
      // A million deep, far past any stack a recursive rendering could use: no recursion.
      let deep: unknown[] = [];
      for (let i = 0; i < 1_000_000; i++) deep = [deep];
      expect(goValue(deep)).to.equal(`${"[".repeat(200)}…`);
      // 150,000 wide, past what a spread into push() takes: rendered, not a stack overflow.
      const wide = Array.from({ length: 150_000 }, () => 0);
      expect(goValue(wide)).to.equal(`[${"0 ".repeat(100)}`.slice(0, 200) + "…");
      const keys = Object.fromEntries(wide.map((_, i) => [`k${i}`, 0]));
      expect(goValue(keys).startsWith("map[k0:0 k1:0 k10:0")).to.equal(true);
    });

    it("a policy config with a 150,000-element value gets the CLI's refusal, not a crash", () => {
      const file = path.join(dir, "policy.json");
      const wide = JSON.stringify(Array.from({ length: 150_000 }, () => 0));
      fs.writeFileSync(file, `{"a":{"enforcementLevel":${wide}}}`);
      expect(usageError(() => readPolicyConfigFile(file))).to.equal(
        `policy config ${shownPath(file)}: parsing enforcement level for "a": ` +
          `[${"0 ".repeat(100)}`.slice(0, 200) +
          "… is not a valid enforcement level; must be a string",
      );
    });

    it("gives the line of a JSON syntax error in either of V8's wordings", () => {
      const text = '{\n  "a": 1,\n  // c\n}';
      let message = "";
      try {
        JSON.parse(text);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(jsonErrorLine(text, message)).to.equal(3);
      expect(jsonErrorLine(text, "Unexpected token / in JSON (line 3 column 3)")).to.equal(3);
    });
  });

  describe("Pulumi.yaml and stack files", () => {
    const project = (yaml: string) => {
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yaml);
      return () => loadProject(dir);
    };

    it("refuses fields of the wrong type, as the CLI's project schema does, with their line", () => {
      expect(usageError(project("name: p\nruntime: nodejs\nmain: 5\n"))).to.match(
        /Pulumi\.yaml:3: main: expected string, but got integer/,
      );
      expect(usageError(project("name: p\nruntime: nodejs\nstackConfigDir: [a]\n"))).to.contain(
        "stackConfigDir: expected string, but got array",
      );
      expect(usageError(project("name: p\nruntime: nodejs\ndescription: {a: 1}\n"))).to.contain(
        "description: expected string, but got object",
      );
      expect(
        usageError(project("name: p\nruntime:\n  name: nodejs\n  options: true\n")),
      ).to.contain(":4: runtime.options: expected object, but got boolean");
    });

    it("joins an absolute stackConfigDir to the project, as the CLI does", () => {
      const p = project("name: p\nruntime: nodejs\nstackConfigDir: /etc\n")();
      expect(p.stackConfigDir).to.equal(path.join(dir, "etc"));
    });

    it("names the stack a misspelled --stack was probably meant to be", () => {
      const p = project("name: p\nruntime: nodejs\nconfig:\n  x:\n    type: string\n")();
      fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), "config:\n  p:x: a\n");
      fs.writeFileSync(path.join(dir, "Pulumi.staging.yaml"), "config:\n  p:x: a\n");
      const missing = (stack: string) =>
        usageError(() => loadStackConfig(p, stack, { allowMissing: true }));
      expect(missing("prdo")).to.match(
        /it has no Pulumi\.prdo\.yaml; .*; did you mean --stack prod\?\)$/,
      );
      expect(missing("qa")).to.match(/; the stacks with a file are prod, staging\)$/);
    });

    it("notes a misspelled top-level key of a stack file, with its line", () => {
      const p = project("name: p\nruntime: nodejs\n")();
      fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "confg:\n  p:x: 1\nother: 1\n");
      const notes = loadStackConfig(p, "dev").notes;
      expect(notes.filter((n) => n.includes("not a stack-file key"))).to.deep.equal([
        `${path.join(dir, "Pulumi.dev.yaml")}:1: 'confg' is not a stack-file key and is ignored; did you mean 'config'?`,
      ]);
    });

    it("refuses a three-part config key that is not <namespace>:config:<name>", () => {
      const p = project("name: p\nruntime: nodejs\n")();
      fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  p:x: 1\n  x:y:z: 1\n");
      expect(usageError(() => loadStackConfig(p, "dev"))).to.match(
        /Pulumi\.dev\.yaml:3: could not parse 'x:y:z' as a configuration key: .*'x:z'/,
      );
      fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  p:config:x: 1\n");
      expect(loadStackConfig(p, "dev").values["p:x"]).to.equal("1");
    });
  });
});
