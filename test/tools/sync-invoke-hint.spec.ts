// A program written for @pulumi/pulumi 1.x reads a data source call's result synchronously
// (`aws.getAvailabilityZones().names`); from 2.0 on the call returns a Promise, and the run fails
// as under `pulumi preview`. The failure says why (synchronous invokes were removed) and what to
// write instead, for JavaScript's TypeError and for TypeScript's TS2339 alike.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { syncInvokeHint } from "../../tools/lib/engine/hints-sync-invoke";
import { writeFile } from "./files";
import { FIXTURES, lineOf, runStack } from "./program-runs";

const UNDEFINED = (field: string) =>
  `TypeError: Cannot read properties of undefined (reading '${field}')`;

describe("data source results read synchronously (a @pulumi/pulumi 1.x program)", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sync-invoke-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The location V8 gives: 1-based line, and the column of the property it could not read. */
  const at = (file: string, line: number, text: string, property: string) => ({
    file,
    line,
    column: text.indexOf(`.${property}`) + 2,
  });

  it("a variable that holds the call's Promise, with the line of the call", () => {
    const lines = [
      'const aws = require("@pulumi/aws");',
      "const zones = aws.getAvailabilityZones();",
      "const first = zones.names.map((z) => z)[0];",
    ];
    const file = writeFile(dir, "index.js", lines.join("\n"));
    const hint = syncInvokeHint(UNDEFINED("map"), at(file, 3, lines[2], "map"));
    expect(hint).to.contain(
      "zones holds what aws.getAvailabilityZones() returns (index.js:2), a Promise, so zones.names is undefined",
    );
    expect(hint).to.contain("synchronous invokes were removed, pulumi/pulumi#3693");
    expect(hint).to.contain("`aws.getAvailabilityZonesOutput(...)`");
  });

  it("a field read straight off the call", () => {
    const line = "const r = aws.getRegion({}, { async: false }).name.toUpperCase();";
    const file = writeFile(dir, "index.ts", `import * as aws from "@pulumi/aws";\n${line}`);
    expect(syncInvokeHint(UNDEFINED("toUpperCase"), at(file, 2, line, "toUpperCase"))).to.contain(
      "name is read off the Promise aws.getRegion() returns",
    );
  });

  it("nothing for a get function of @pulumi/pulumi's or of the program's own modules", () => {
    const lines = [
      'const pulumi = require("@pulumi/pulumi");',
      'const aws = require("@pulumi/aws");',
      'const settings = require("./settings");',
      "const config = new pulumi.Config();",
      'const network = config.getObject("network");',
      "network.cidrs.map((c) => c);",
      "const s = settings.getSettings();",
      "s.buckets.map((b) => b);",
      "const own = pulumi.getStack();",
      "own.parts.map((p) => p);",
    ];
    const file = writeFile(dir, "index.js", lines.join("\n"));
    for (const line of [6, 8, 10]) {
      const hint = syncInvokeHint(UNDEFINED("map"), at(file, line, lines[line - 1], "map"));
      expect(hint, lines[line - 1]).to.equal("");
    }
    // The same reads through a provider SDK's module, aws.ec2.getVpc included, are told.
    const provider = [
      ...lines.slice(0, 4),
      "const vpc = aws.ec2.getVpc();",
      "vpc.cidrs.map((c) => c);",
    ];
    writeFile(dir, "index.js", provider.join("\n"));
    expect(syncInvokeHint(UNDEFINED("map"), at(file, 6, provider[5], "map"))).to.contain(
      "vpc holds what aws.ec2.getVpc() returns (index.js:5)",
    );
  });

  it("nothing where a callback's or function's parameter of the same name is the one read", () => {
    const lines = [
      'const aws = require("@pulumi/aws");',
      "const zones = aws.getAvailabilityZones();",
      "exports.ids = zones.then((zones) => zones.zoneIDs.map((z) => z));",
      "function first(zones) {",
      "  return zones.names.map((z) => z)[0];",
      "}",
      "const names = zones.names.map((z) => z);",
    ];
    const file = writeFile(dir, "index.js", lines.join("\n"));
    expect(syncInvokeHint(UNDEFINED("map"), at(file, 3, lines[2], "map"))).to.equal("");
    expect(syncInvokeHint(UNDEFINED("map"), at(file, 5, lines[4], "map"))).to.equal("");
    // Past the shadowing function, the read may be the outer zones: the hint stays silent too.
    expect(syncInvokeHint(UNDEFINED("map"), at(file, 7, lines[6], "map"))).to.equal("");
    const plain = lines.slice(0, 2).concat("const names = zones.names.map((z) => z);");
    writeFile(dir, "index.js", plain.join("\n"));
    expect(syncInvokeHint(UNDEFINED("map"), at(file, 3, plain[2], "map"))).to.contain(
      "zones holds what aws.getAvailabilityZones() returns (index.js:2)",
    );
  });

  it("StackReference's synchronous reads, removed with synchronous invokes", () => {
    const js = syncInvokeHint("TypeError: net.getOutputSync is not a function", undefined);
    expect(js).to.contain("StackReference.getOutputSync read another stack's output synchronously");
    expect(js).to.contain("Use `getOutput(...)`");
    expect(js).to.contain("`await getOutputDetails(...)`");
    const ts =
      "index.ts(5,21): error TS2339: Property 'requireOutputSync' does not exist on type 'StackReference'.";
    expect(syncInvokeHint(ts, undefined)).to.contain("Use `requireOutput(...)`");
    expect(syncInvokeHint("TypeError: net.getOutput is not a function", undefined)).to.equal("");
  });

  it("TypeScript's TS2339 on the Promise a get function returns", () => {
    const message =
      "index.ts(8,28): error TS2339: Property 'name' does not exist on type 'Promise<GetRegionResult>'.";
    expect(syncInvokeHint(message, undefined)).to.contain(
      "name is read off the Promise getRegion() returns",
    );
    // With the file: the call as the program writes it, through the provider SDK's module.
    const lines = [
      'import * as aws from "@pulumi/aws";',
      "const vpc = aws.ec2.getVpc({ default: true }, { async: false });",
      "export const cidr = vpc.cidrBlock;",
    ];
    const file = writeFile(dir, "index.ts", lines.join("\n"));
    const vpc = message.replace("'name'", "'cidrBlock'").replace("GetRegionResult", "GetVpcResult");
    const hint = syncInvokeHint(vpc, { file, line: 3, column: 24 });
    expect(hint).to.contain("cidrBlock is read off the Promise aws.ec2.getVpc() returns");
    expect(hint).to.contain("`aws.ec2.getVpcOutput(...)`");
  });

  it("nothing for an awaited result, a program's own get function or another undefined value", () => {
    const lines = [
      "const zones = await aws.getAvailabilityZones();",
      "const settings = {};",
      "zones.names.map((z) => z);",
      "settings.tags.map((t) => t);",
      "const own = getSettings();",
      "own.tags.map((t) => t);",
    ];
    const file = writeFile(dir, "index.js", lines.join("\n"));
    expect(syncInvokeHint(UNDEFINED("map"), at(file, 3, lines[2], "map"))).to.equal("");
    expect(syncInvokeHint(UNDEFINED("map"), at(file, 4, lines[3], "map"))).to.equal("");
    expect(syncInvokeHint(UNDEFINED("map"), at(file, 6, lines[5], "map"))).to.equal("");
    expect(syncInvokeHint("Error: something else", at(file, 3, lines[2], "map"))).to.equal("");
  });

  it("end to end: the run fails at the read, with the reason and the fix", async function () {
    this.timeout(120_000);
    const fixture = "fail-sync-invoke";
    const f = (await runStack(path.join(FIXTURES, fixture))).failure!;
    expect(f, "the run failed").to.not.equal(undefined);
    expect(f.message).to.contain(UNDEFINED("map"));
    expect(f.message).to.contain(
      "zones holds what aws.getAvailabilityZones() returns (index.js:5), a Promise",
    );
    expect(f.location?.file).to.equal(path.join(FIXTURES, fixture, "index.js"));
    expect(f.location?.line).to.equal(lineOf(`${fixture}/index.js`, "zones.names.map("));
  });
});
