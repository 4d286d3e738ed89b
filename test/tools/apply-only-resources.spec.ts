// Resources a program creates inside `apply` (test/fixtures/programs/apply-creates): `pulumi
// preview` of a new stack never runs the callback and lists none of them, `pulumi up` creates
// them. The apply phase judges them; the report names each, with its line, as registered only
// then (text and JSON), so a reader of the resource counts is not told that preview shows them.
import { expect } from "chai";
import * as path from "path";
import { stackToJson } from "../../tools/check/format-json";
import { formatText } from "../../tools/check/format-text";
import { FIXTURES, lineOf, QueuedRuns } from "./program-runs";

const runs = new QueuedRuns();
const FILE = path.relative(process.cwd(), path.join(FIXTURES, "apply-creates", "index.ts"));

describe("resources registered only in the apply phase", function () {
  this.timeout(300_000);

  before(() => {
    runs.queueCheck("apply-creates", ["preview", "apply"]);
    runs.queueCheck("apply-creates", ["preview"]);
  });

  it("are listed by name, and only they: not the resources preview registers too", async () => {
    const r = await runs.check("apply-creates", ["preview", "apply"]);
    expect(r.applyOnly.map((x) => `${x.type} ${x.name}`)).to.deep.equal([
      "aws:iam/policy:Policy etl-access",
      "aws:s3/bucketPolicy:BucketPolicy data-open",
    ]);
    // They are still resources of the report (counted, located) and judged in the apply phase.
    const names = r.resources.map((x) => x.name);
    expect(names).to.include.members(["data", "etl", "etl-access", "data-open"]);
    const open = r.violations.filter(
      (v) => v.policy === "s3-bucket-policy-no-public-principal" && v.name === "data-open",
    );
    expect(open.map((v) => [v.enforcementLevel, v.phases])).to.deep.equal([
      ["mandatory", ["apply"]],
    ]);
  });

  it("are named with their lines in the text report, and listed in the JSON report", async () => {
    const r = await runs.check("apply-creates", ["preview", "apply"]);
    const text = formatText([r]);
    expect(text).to.contain(
      "only at apply: 2 resources that `pulumi preview` of a new stack does not list",
    );
    expect(text).to.contain(
      `aws:iam/policy:Policy etl-access  (${FILE}:${lineOf("apply-creates/index.ts", 'new aws.iam.Policy("etl-access"')})`,
    );
    expect(text).to.contain(
      `aws:s3/bucketPolicy:BucketPolicy data-open  (${FILE}:${lineOf("apply-creates/index.ts", 'new aws.s3.BucketPolicy("data-open"')})`,
    );
    const json = stackToJson(r);
    expect(json.applyOnly.map((x) => x.name)).to.deep.equal(["etl-access", "data-open"]);
  });

  it("a preview-only run registers none of them and lists none", async () => {
    const r = await runs.check("apply-creates", ["preview"]);
    expect(r.resources.map((x) => x.name)).to.not.include.members(["etl-access"]);
    expect(r.applyOnly).to.deep.equal([]);
    expect(formatText([r])).to.not.contain("only at apply");
  });
});
