// Scripts of the Pulumi Automation API given to the check as programs: they deploy a program of
// their own through the Pulumi CLI, so they register nothing here. Each run is a failure that names
// the script's `createOrSelectStack` call and the program to check instead, never an empty PASS;
// a folder without Pulumi.yaml says what it is (an Automation API script, a policy pack).
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadProject, UsageError } from "../../tools/check/project";
import { FIXTURES, lineOf, QueuedRuns, ROOT } from "./program-runs";

const runs = new QueuedRuns();

/** The refusal `loadProject` gives a folder without Pulumi.yaml. */
function refusal(dir: string): string {
  try {
    loadProject(dir);
  } catch (e) {
    expect(e).to.be.instanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`${dir} loaded as a project`);
}

describe("Automation API scripts given as programs", function () {
  this.timeout(300_000);

  before(() => {
    runs.queueRun("fail-automation-inline");
    runs.queueRun(path.join(FIXTURES, "fail-automation-local", "infra"));
  });

  it("a script that catches the CLI's failure is not an empty pass: it names its inline program", async () => {
    const r = await runs.run("fail-automation-inline");
    const f = r.failure;
    expect(f, "the run failed").to.not.equal(undefined);
    expect(f!.kind).to.equal("error");
    expect(f!.message).to.contain("the program registered no resource");
    expect(f!.message).to.contain("`createOrSelectStack` at index.ts:");
    expect(f!.message).to.contain("Pulumi Automation API");
    expect(f!.message).to.contain("its program is inline (`pulumiProgram`)");
    expect(f!.message).to.contain("`export = pulumiProgram`");
    expect(f!.location?.file).to.equal(path.join(FIXTURES, "fail-automation-inline", "index.ts"));
    expect(f!.location?.line).to.equal(
      lineOf("fail-automation-inline/index.ts", "LocalWorkspace.createOrSelectStack(args)"),
    );
  });

  it("a project started through a parent package.json's main script is told why and how to fix it", async () => {
    const r = await runs.run(path.join(FIXTURES, "fail-automation-local", "infra"));
    const f = r.failure;
    expect(f?.kind).to.equal("early-exit");
    expect(f!.message).to.contain("`createOrSelectStack` at ../automation.ts:");
    expect(f!.message).to.contain(
      "its program is the Pulumi project in the folder its `workDir` names",
    );
    expect(f!.message).to.contain('it is the "main" of ../package.json');
    expect(f!.message).to.contain("set `main:` in Pulumi.yaml");
  });

  it("a folder without Pulumi.yaml holding an Automation API script names the call and the projects below", () => {
    const dir = path.join(FIXTURES, "fail-automation-local");
    const message = refusal(dir);
    expect(message).to.contain("is not a Pulumi project: it has no Pulumi.yaml");
    expect(message).to.contain(
      `\`createOrSelectStack\` at automation.ts:${lineOf("fail-automation-local/automation.ts", "createOrSelectStack(")}`,
    );
    expect(message).to.contain(
      `--program ${path.relative(process.cwd(), path.join(dir, "infra"))}`,
    );
  });

  it("a policy pack's folder is named as one, with the program beside it", () => {
    const message = refusal(path.join(ROOT, "policy-pack"));
    expect(message).to.contain("It holds PulumiPolicy.yaml: it is a CrossGuard policy pack");
    expect(message).to.contain(`--program ${path.relative(process.cwd(), ROOT) || "."}`);
  });

  it("a folder with nothing of the kind keeps the bare refusal", () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "not-a-project-"));
    try {
      expect(refusal(empty)).to.equal(`${empty} is not a Pulumi project: it has no Pulumi.yaml`);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
