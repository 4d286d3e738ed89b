// Inputs only AWS refuses at create (`by: "aws"`; test/fixtures/programs/create-refusal):
// `pulumi preview --policy-pack` passes them and runs the pack, so the check does too. The findings
// are shown with the refusals beside them; a mandatory finding exits 1 as usual, refusals alone
// keep the exit 2 of a program that does not deploy, and the report carries `createRefusals`.
import { expect } from "chai";
import * as path from "path";
import { cli, CliRun, later, lineOf, pool } from "./program-runs";

const FIXTURE = "create-refusal";
const program = path.join("test", "fixtures", "programs", FIXTURE);
const queue = pool(2);
const RDS_LINE = lineOf(`${FIXTURE}/index.ts`, 'new aws.rds.Instance("db"');

describe("inputs only AWS refuses at create, through the check's CLI", function () {
  this.timeout(300_000);
  let withFinding: () => Promise<CliRun>;
  let json: () => Promise<CliRun>;
  let alone: () => Promise<CliRun>;

  before(() => {
    const base = ["--program", program, "--phase", "preview"];
    withFinding = later(queue(() => cli(...base, "--stack", "dev")));
    json = later(queue(() => cli(...base, "--stack", "dev", "--format", "json")));
    alone = later(queue(() => cli(...base, "--stack", "alone")));
  });

  it("shows the mandatory finding beside the refusal, and exits 1 as a failed check does", async () => {
    const run = await withFinding();
    expect(run.code, run.stderr).to.equal(1);
    expect(run.stdout).to.match(/✗ mandatory\s+s3-public-access-block-all-flags/);
    const refusal = run.stdout.slice(run.stdout.indexOf("pulumi up would stop: AWS refuses"));
    expect(refusal).to.include("AWS refuses an input of stack dev when the provider creates");
    expect(refusal).to.include(`aws:rds/instance:Instance db  (${program}/index.ts:${RDS_LINE})`);
    expect(refusal).to.include("allocatedStorage = 10");
    expect(refusal).to.include("limit: mysql on gp3 storage takes 20 to 65536 GiB, got 10");
    expect(run.stdout).to.match(
      /Result for dev: FAIL — \d+ mandatory violations?.* — and pulumi up would stop: AWS refuses an input at create/,
    );
    expect(run.stdout + run.stderr).not.to.include("preview would pass");
    expect(run.stderr).not.to.include("No report was written");
  });

  it("writes the refusals into the JSON report as createRefusals", async () => {
    const run = await json();
    expect(run.code, run.stderr).to.equal(1);
    const report = JSON.parse(run.stdout);
    expect(report.summary.result).to.equal("FAIL");
    expect(report.violations.map((v: { policy: string }) => v.policy)).to.include(
      "s3-public-access-block-all-flags",
    );
    expect(report.createRefusals).to.have.length(1);
    const [r] = report.createRefusals;
    expect([r.type, r.name, r.input, r.value, r.by]).to.deep.equal([
      "aws:rds/instance:Instance",
      "db",
      "allocatedStorage",
      10,
      "aws",
    ]);
    expect([r.file, r.line]).to.deep.equal([`${program}/index.ts`, RDS_LINE]);
    expect(r.reference).to.include("API_CreateDBInstance.html");
  });

  it("keeps exit 2 for refusals alone, the policies' PASS said with what stops pulumi up", async () => {
    const run = await alone();
    expect(run.code, run.stderr).to.equal(2);
    expect(run.stdout).to.include("Findings: 0 mandatory");
    expect(run.stdout).to.include("AWS refuses an input of stack alone when the provider creates");
    expect(run.stdout).to.include("aws:ssm/parameter:Parameter settings");
    expect(run.stdout).to.match(
      /Result for alone: PASS — .* — and pulumi up would stop: AWS refuses an input at create/,
    );
    expect(run.stdout).to.include(
      "but pulumi up would stop at inputs AWS refuses at create (alone)",
    );
  });
});
