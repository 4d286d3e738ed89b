// A program that fails only in the apply phase, where every output of what the stack creates is
// known (test/fixtures/programs): which failures `pulumi up` would stop at whatever the machine,
// and so stay the program's error, and which ones an offline run may cause (a missing Docker
// daemon; programs.spec.ts), where the preview phase is still judged.
import { expect } from "chai";
import * as path from "path";
import { ProgramError } from "../../tools/check/run";
import { FIXTURES, lineOf, QueuedRuns } from "./program-runs";

const runs = new QueuedRuns();

describe("programs that fail only once outputs are known", function () {
  this.timeout(300_000);

  before(() => {
    runs.queueCheck("fail-apply-duplicate-urn", ["preview", "apply"]);
    runs.queueCheck("apply-invented-names", ["preview", "apply"]);
  });

  it("a duplicate URN registered inside an apply stays a program error, at the registration", async () => {
    // The engine refuses the second registration however the outputs were made: `pulumi up`
    // stops there, so no preview-only report with a note.
    const e = await runs.check("fail-apply-duplicate-urn", ["preview", "apply"]).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e, "the check's outcome").to.be.instanceOf(ProgramError);
    const f = e as ProgramError;
    expect(f.phase).to.equal("apply");
    expect(f.message).to.contain(
      "Duplicate resource URN 'urn:pulumi:dev::fixture-fail-apply-duplicate-urn::" +
        "aws:lambda/eventSourceMapping:EventSourceMapping::prod-worker-trigger'",
    );
    expect(f.location?.file).to.equal(path.join(FIXTURES, "fail-apply-duplicate-urn", "index.ts"));
    expect(f.location?.line).to.equal(
      lineOf("fail-apply-duplicate-urn/index.ts", "new aws.lambda.EventSourceMapping("),
    );
  });

  it("names made of values the engine makes up never repeat: every resource named after one registers", async () => {
    // 25 each of RandomPet, RandomString (4 letters), RandomId (2 bytes) and RandomUuid, each
    // naming a log group inside an apply: the provider's draws practically never repeat, so
    // neither do the engine's, and no duplicate URN stops the run.
    const r = await runs.check("apply-invented-names", ["preview", "apply"]);
    const groups = r.resources.filter((x) => x.type === "aws:cloudwatch/logGroup:LogGroup");
    expect(groups, "log groups registered in the apply phase").to.have.length(100);
    expect(r.applyOnly.filter((x) => x.type === "aws:cloudwatch/logGroup:LogGroup")).to.have.length(
      100,
    );
    expect(new Set(groups.map((g) => g.name)).size).to.equal(100);
    const pets = groups.map((g) => g.name).filter((n) => !/^(tag|id|uuid)-/.test(n));
    expect(pets, "the pets").to.have.length(25);
    for (const pet of pets) expect(pet, "two words joined by a dash").to.match(/^[a-z]+-[a-z]+$/);
    expect(r.configNotes.join("\n")).to.not.contain("apply phase failed");
  });
});
