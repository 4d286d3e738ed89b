// What the check's CLI itself decides about the real-world fixture programs
// (test/fixtures/programs): exit codes, the error object a machine format still prints, the
// refusal of a missing required config value, `--timeout` and `--invoke-answers`. Each case is one
// `npm run check` in a child process, all queued up front on a pool of two.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { cli, CliRun, FIXTURES, later, lineOf, pool, SCRATCH } from "./program-runs";

const queue = pool(2);
const program = (name: string) => path.join("test", "fixtures", "programs", name);

describe("real-world programs through the check's CLI", function () {
  this.timeout(300_000);
  const runs: Record<string, () => Promise<CliRun>> = {};
  let scratch: string;
  /** A CLI run started in the background, two at a time; awaited by the test that reads it. */
  const queued = (...args: string[]) => later(queue(() => cli(...args)));

  before(() => {
    fs.mkdirSync(SCRATCH, { recursive: true });
    scratch = fs.mkdtempSync(path.join(SCRATCH, "cli-"));
    const answers = path.join(FIXTURES, "invoke-unanswered", "invoke-answers.json");
    runs.missingConfig = queued(
      "--program",
      program("async-main"),
      "--stack",
      "ci",
      "--format",
      "json",
    );
    runs.duplicateJson = queued(
      "--program",
      program("fail-duplicate-urn"),
      "--phase",
      "preview",
      "--format",
      "json",
      "--output",
      path.join(scratch, "report.json"),
    );
    runs.exitSarif = queued(
      "--program",
      program("fail-process-exit"),
      "--phase",
      "preview",
      "--format",
      "sarif",
    );
    runs.qualified = queued(
      "--program",
      program("org-qualified-stack"),
      "--stack",
      "acme/fixture-org-qualified-stack/dev",
      "--phase",
      "preview",
      "--format",
      "json",
    );
    runs.otherProject = queued(
      "--program",
      program("org-qualified-stack"),
      "--stack",
      "acme/other/dev",
    );
    runs.forever = queued("--program", program("fail-runs-forever"), "--timeout", "5");
    runs.olderMajor = queued("--program", program("fail-older-major"), "--phase", "preview");
    runs.unanswered = queued("--program", program("invoke-unanswered"), "--phase", "preview");
    runs.answered = queued(
      "--program",
      program("invoke-unanswered"),
      "--invoke-answers",
      answers,
      "--format",
      "json",
    );
    runs.unreadReference = queued(
      "--program",
      program("stack-reference-values"),
      "--phase",
      "preview",
    );
    runs.readReference = queued(
      "--program",
      program("stack-reference-values"),
      "--invoke-answers",
      path.join(FIXTURES, "stack-reference-values", "stack-outputs.json"),
      "--format",
      "json",
    );
  });

  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("a required config value the stack does not set: exit 2 naming the key, as JSON too", async () => {
    // Pulumi.yaml declares `networkStack` without a default; stack `ci` has no stack file.
    const run = await runs.missingConfig();
    expect(run.code).to.equal(2);
    expect(run.stderr).to.contain("Stack 'ci' is missing configuration value 'networkStack'");
    const { error } = JSON.parse(run.stdout);
    expect(error.kind).to.equal("usage");
    expect(error.message).to.contain("'networkStack'");
  });

  it("a program failure with --format json: exit 2, an error object at the user's line, no report", async () => {
    const run = await runs.duplicateJson();
    expect(run.code).to.equal(2);
    const { error } = JSON.parse(run.stdout);
    expect(error).to.include({
      kind: "program",
      file: `${program("fail-duplicate-urn")}/index.ts`,
      line: lineOf("fail-duplicate-urn/index.ts", 'new aws.s3.Bucket("tenant-data"'),
    });
    expect(error.message).to.contain("Duplicate resource URN");
    expect(run.stderr).to.contain("error: the program failed (stack dev, preview phase)");
    expect(fs.existsSync(path.join(scratch, "report.json"))).to.equal(false);
  });

  it("process.exit(0) in the program with --format sarif: exit 2 and an error object, never a pass", async () => {
    const run = await runs.exitSarif();
    expect(run.code).to.equal(2);
    const { error } = JSON.parse(run.stdout);
    expect(error.kind).to.equal("program");
    expect(error.message).to.contain("called process.exit(0) before it finished");
    expect(error.line).to.equal(lineOf("fail-process-exit/index.ts", "process.exit(0);"));
  });

  it("--timeout stops a program that runs for ever and names the timer that keeps it alive", async () => {
    const run = await runs.forever();
    expect(run.code).to.equal(2);
    expect(run.stderr).to.contain("the program did not finish within 5 s of starting (--timeout)");
    expect(run.stderr).to.contain(
      `a setInterval timer (every 1000 ms) started at heartbeat.ts:${lineOf("fail-runs-forever/heartbeat.ts", "setInterval(")}`,
    );
  });

  it("a program written for an older major of a package: exit 2 naming the skew and the fix", async () => {
    // package.json asks for @pulumi/awsx ^0.30.0; the installed awsx 3 has no `apigateway`.
    const run = await runs.olderMajor();
    expect(run.code).to.equal(2);
    // The module the old major had is missing: compiled again with type-checking, as `pulumi
    // preview` compiles it, the compiler names it (not the bare TypeError of a transpile-only run).
    expect(run.stderr).to.contain("error TS2339: Property 'apigateway' does not exist");
    expect(run.stderr).not.to.contain("TypeError: Cannot read properties of undefined");
    expect(run.stderr).to.match(
      /note: fail-older-major\/package\.json asks for @pulumi\/awsx \^0\.30\.0, but the program loads 3\.\d+\.\d+ /,
    );
    expect(run.stderr).to.contain(
      "run `npm install` in the program, or update it to @pulumi/awsx 3",
    );
    // The ranges the installed majors satisfy draw no note.
    expect(run.stderr).not.to.contain("asks for @pulumi/aws ");
    expect(run.stderr).not.to.contain("asks for @pulumi/pulumi ");
    const line = lineOf("fail-older-major/index.ts", "apigateway.API(");
    expect(run.stderr).to.contain(`at ${program("fail-older-major")}/index.ts:${line}:`);
    expect(run.stderr).not.to.contain("tools/lib/engine");
  });

  it("--stack <org>/<project>/<stack>: the stack file is the stack's, getOrganization() the org's", async () => {
    const run = await runs.qualified();
    expect(run.code, run.stderr).to.equal(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.stack).to.equal("dev");
    expect(doc.stackFile).to.equal(path.join(program("org-qualified-stack"), "Pulumi.dev.yaml"));
    expect(doc.summary.result).to.equal("PASS");
    const parameter = doc.resources.find((r: any) => r.type === "aws:ssm/parameter:Parameter");
    // A name built from getOrganization(), getProject() and getStack().
    expect(parameter.inputs.name).to.equal("/acme/fixture-org-qualified-stack/dev/greeting");
  });

  it("--stack naming another project is refused before anything runs", async () => {
    const run = await runs.otherProject();
    expect(run.code).to.equal(2);
    expect(run.stderr).to.contain("--stack names the project 'other', but ");
    expect(run.stderr).to.contain("is project 'fixture-org-qualified-stack'");
  });

  it("invokes nobody answers: exit 2 naming each token and its line in the program", async () => {
    const run = await runs.unanswered();
    expect(run.code).to.equal(2);
    expect(run.stderr).to.contain("--invoke-answers");
    // The two invokes run at once: the failure is at whichever failed first, and lists both.
    const exportLine = lineOf("invoke-unanswered/index.ts", "aws.cloudformation.getExport(");
    const clusterLine = lineOf("invoke-unanswered/index.ts", "aws.rds.getCluster(");
    expect(run.stderr).to.match(
      new RegExp(`at ${program("invoke-unanswered")}/index.ts:(${exportLine}|${clusterLine}):`),
    );
    expect(run.stderr).to.contain("the run asked for 2 invokes the check cannot answer: ");
    expect(run.stderr).to.contain(
      `aws:cloudformation/getExport:getExport (index.ts:${exportLine})`,
    );
    expect(run.stderr).to.contain(`aws:rds/getCluster:getCluster (index.ts:${clusterLine})`);
  });

  it("the same program with --invoke-answers runs to a report and passes", async () => {
    const run = await runs.answered();
    expect(run.code, run.stderr).to.equal(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.summary.result).to.equal("PASS");
    const parameter = doc.resources.find((r: any) => r.type === "aws:ssm/parameter:Parameter");
    expect(parameter.name).to.equal("network-vpc-id");
    expect(parameter.inputs.name).to.equal("/network/vpc-id");
  });

  it("a StackReference's outputs the program awaits: named with the answer to give when unknown, used when given", async () => {
    const unread = await runs.unreadReference();
    expect(unread.code).to.equal(2);
    expect(unread.stderr).to.contain("Cannot read properties of undefined (reading 'map')");
    expect(unread.stderr).to.contain(
      "The program reads stack acme/network/dev through a StackReference, whose outputs an offline run cannot read",
    );
    expect(unread.stderr).to.contain(
      '{ "pulumi:pulumi:StackReference": [ { "args": { "name": "acme/network/dev" }',
    );
    const read = await runs.readReference();
    // Judged: the servers' root volumes use the AWS-managed key (ec2-instance-ebs-encrypted).
    expect(read.code, read.stderr).to.equal(1);
    const doc = JSON.parse(read.stdout);
    const servers = doc.resources.filter((r: any) => r.type === "aws:ec2/instance:Instance");
    expect(servers.map((r: any) => r.inputs.subnetId)).to.deep.equal([
      "subnet-0aaa1111bbbb2222c",
      "subnet-0ddd3333eeee4444f",
    ]);
  });
});
