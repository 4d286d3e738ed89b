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
    runs.queueCheck("apply-renamed", ["preview", "apply"]);
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

  it("a name computed anew in each run is the same resource named differently, not one created inside apply", async () => {
    const r = await runs.check("apply-renamed", ["preview", "apply"]);
    const buckets = r.resources.filter((x) => x.type === "aws:s3/bucket:Bucket");
    expect(buckets).to.have.length(1);
    expect(r.applyOnly).to.deep.equal([]);
    const [renamed] = r.renamedAtApply;
    expect(r.renamedAtApply).to.have.length(1);
    expect(renamed).to.include({ urn: buckets[0].urn, name: buckets[0].name });
    expect(renamed.applyName)
      .to.match(/^logs-/)
      .and.not.equal(renamed.name);
    // Each finding once, seen in both phases, on the preview's resource and in its words.
    const acl = r.violations.filter((v) => v.policy === "s3-bucket-no-public-acl");
    expect(acl.map((v) => [v.urn, v.phases])).to.deep.equal([
      [buckets[0].urn, ["preview", "apply"]],
    ]);
    const pab = r.violations.filter((v) => v.policy === "s3-bucket-public-access-block");
    expect(pab).to.have.length(1);
    expect(pab[0].detail).to.contain(renamed.name).and.not.contain(renamed.applyName);
    const text = formatText([r]);
    expect(text).to.not.contain("only at apply");
    const file = path.relative(process.cwd(), path.join(FIXTURES, "apply-renamed", "index.ts"));
    expect(text).to.contain(
      "named differently at apply: 1 resource whose name the program computes anew",
    );
    expect(text).to.contain(
      `aws:s3/bucket:Bucket ${renamed.name} (at apply: ${renamed.applyName})  (${file}:${lineOf("apply-renamed/index.ts", "new aws.s3.Bucket(")})`,
    );
    expect(stackToJson(r).renamedAtApply).to.deep.equal(r.renamedAtApply);
  });
});
