// A program that asks the Pulumi CLI who is logged in (test/fixtures/programs/pulumi-whoami):
// `pulumi preview` runs it, since the CLI running the program is logged in. The check never starts
// the CLI (tools/lib/engine/automation-guard.js), so it answers a bare `pulumi whoami` itself and
// says so, rather than refusing it as a nested deployment; any other `pulumi` command stays refused.
import { expect } from "chai";
import * as path from "path";
import { cliAnsweredNotes } from "../../tools/check/cli-note";
import { WHOAMI_USER } from "../../tools/lib/engine/automation-guard";
import { FIXTURES, lineOf, runStack } from "./program-runs";

describe("a program that runs `pulumi whoami`", function () {
  this.timeout(120_000);

  it("runs to the end with the check's user, and the run names each query and its line", async () => {
    const r = await runStack(path.join(FIXTURES, "pulumi-whoami"), { stack: "dev" });
    expect(r.failure?.message, "the run did not fail").to.equal(undefined);
    const queue = r.resources.find((x) => x.type === "aws:sqs/queue:Queue");
    expect(queue?.inputs.tags).to.deep.equal({ CreatedBy: WHOAMI_USER, Also: WHOAMI_USER });
    const first = lineOf("pulumi-whoami/index.ts", 'execSync("pulumi whoami")');
    const second = lineOf("pulumi-whoami/index.ts", 'execFileSync("pulumi"');
    expect(r.cliAnswered).to.deep.equal([
      `execSync("pulumi whoami") (index.ts:${first})`,
      `execFileSync("pulumi whoami") (index.ts:${second})`,
    ]);
    const [note] = cliAnsweredNotes([r], WHOAMI_USER);
    expect(note).to.contain(`execSync("pulumi whoami") (index.ts:${first})`);
    expect(note).to.contain(`answered "${WHOAMI_USER}"`);
  });

  it("a run that ran no query has no note", () => {
    expect(cliAnsweredNotes([{ cliAnswered: [] }], WHOAMI_USER)).to.deep.equal([]);
  });
});
