// The offline check's flags: each bad one is a usage error (exit 2) with a one-line reason naming
// the flag and what it takes, found before any program runs. The parsers are driven directly.
import { expect } from "chai";
import * as path from "path";
import { demoProgram } from "./demo-program";
import { usageError } from "./usage-errors";
import { parseArgs, parseConfigArg, parseStackRef } from "../../tools/check/args";
import { loadProject, loadStackConfig } from "../../tools/check/project";

describe("offline check flags", () => {
  it("--stack takes a stack name, never a path", () => {
    for (const bad of [
      "../x",
      "/etc/passwd",
      "a/b/c/d",
      "a//b",
      "a/../b",
      "a\\b",
      "..",
      "has space",
      "x".repeat(101),
    ]) {
      expect(usageError(() => parseArgs(["--stack", bad]))).to.match(/^--stack '/);
    }
    expect(usageError(() => parseStackRef("../x"))).to.contain("a stack name, not a path");
    expect(parseArgs(["--stack", "prod.eu-1_b"]).stacks).to.deep.equal(["prod.eu-1_b"]);
  });

  it("reads <org>/<stack> and <org>/<project>/<stack> as the CLI does: the stack file is the stack's", () => {
    expect(parseArgs(["--stack", "acme/dev"])).to.include({ organization: "acme" });
    expect(parseArgs(["--stack", "acme/dev"]).stacks).to.deep.equal(["dev"]);
    const full = parseArgs(["--stack", "acme/web/prod", "--stack", "acme/web/dev"]);
    expect(full).to.include({ organization: "acme", stackProject: "web" });
    expect(full.stacks).to.deep.equal(["prod", "dev"]);
    expect(parseArgs(["--stack", "dev"]).organization).to.equal(undefined);
    expect(usageError(() => parseArgs(["--stack", "acme/dev", "--stack", "other/prod"]))).to.equal(
      "--stack 'other/prod': another --stack names the organization 'acme'; check one organization per run",
    );
    expect(usageError(() => parseArgs(["--stack", "ac me/dev"]))).to.contain(
      "the organization 'ac me' may only contain",
    );
    expect(usageError(() => parseArgs(["--stack", "acme/we b/dev"]))).to.contain(
      "the project 'we b' may only contain",
    );
  });

  it("refuses a single-value flag given twice, and a value given to a switch", () => {
    expect(usageError(() => parseArgs(["--format", "json", "--format", "text"]))).to.equal(
      "flag '--format' given twice ('json', then 'text'): give it once",
    );
    expect(usageError(() => parseArgs(["--output=a.json", "--output", "b.json"]))).to.contain(
      "'--output' given twice",
    );
    expect(usageError(() => parseArgs(["--quiet=yes"]))).to.equal("flag '--quiet' takes no value");
    expect(parseArgs(["--stack", "a", "--stack", "b"]).stacks).to.deep.equal(["a", "b"]);
    expect(usageError(() => parseArgs(["--min-severity", "urgent"]))).to.equal(
      "--min-severity 'urgent': use critical, high, medium, low",
    );
    expect(parseArgs(["--min-severity", "high", "--quiet"])).to.include({
      minSeverity: "high",
      quiet: true,
    });
  });

  it("--config takes <key>=<value> with the CLI's key rules", () => {
    expect(parseConfigArg("demo:port=80")).to.deep.equal(["demo:port", "80"]);
    expect(parseConfigArg("port=a=b")).to.deep.equal(["port", "a=b"]);
    expect(parseConfigArg("demo:config:port=80")).to.deep.equal(["demo:port", "80"]);
    expect(usageError(() => parseConfigArg("port"))).to.equal(
      "--config takes <key>=<value>, not 'port'",
    );
    expect(usageError(() => parseConfigArg("a:b:c=1"))).to.contain("could not parse 'a:b:c'");
    expect(usageError(() => parseArgs(["--config", "port=1", "--config", "port=2"]))).to.equal(
      "--config sets 'port' twice: give each key once",
    );
    // Values are checked against the project's types like the stack file's.
    const dir = demoProgram({ "Pulumi.dev.yaml": "config:\n  demo:port: 80\n" });
    expect(
      usageError(() => loadStackConfig(loadProject(dir), "dev", { overrides: { port: "x" } })),
    ).to.equal("--config: Stack 'dev' with configuration key 'port' must be of type 'integer'");
    // So are they for a stack without a stack file (run on the project's defaults), with the
    // same error, and a good one reaches the program as the stack file's would.
    const bare = demoProgram({});
    const noFile = (port: string) =>
      loadStackConfig(loadProject(bare), "dev", { allowMissing: true, overrides: { port } });
    expect(usageError(() => noFile("x"))).to.equal(
      "--config: Stack 'dev' with configuration key 'port' must be of type 'integer'",
    );
    expect(noFile("80").values).to.deep.equal({ "demo:port": "80", "demo:replicas": "1" });
  });

  it("--program given a file says so", () => {
    const dir = demoProgram({});
    expect(usageError(() => loadProject(path.join(dir, "index.ts")))).to.match(
      /--program .*index\.ts is a file, not a directory/,
    );
    expect(usageError(() => loadProject(path.join(dir, "Pulumi.yaml")))).to.match(
      /is a file, not a directory: give the directory that holds the program's Pulumi\.yaml \(.*check-inputs-/,
    );
  });
});
