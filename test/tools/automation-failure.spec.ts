// The failure a run gets when its program tried to start the Pulumi CLI, built from the calls the
// program's preload recorded (tools/lib/engine/automation-guard.js): where it points, what it names,
// and which program it tells the user to check instead, never the folder already given.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { automationFailure } from "../../tools/lib/engine/hints-automation";
import { writeFile } from "./files";

describe("the failure of a program that tried to start the Pulumi CLI", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "automation-failure-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (file: string, text: string) => writeFile(dir, file, text);
  const at = (file: string, line: number) => ({ file, line, column: 5 });
  const NOT_RUN =
    "the Automation API is not run by the offline check: give the project its program belongs to, --program <dir>";

  it("a run with no refused call has no such failure, even when it called an entry point", () => {
    const file = write("index.ts", "x\n");
    const sites = new Map([["automation:LocalWorkspace.create", at(file, 1)]]);
    expect(automationFailure(sites, dir)).to.equal(undefined);
  });

  it("a RemoteWorkspace names the repository's folder to clone, not a folder of this disk", () => {
    const file = write(
      "index.ts",
      'import { RemoteWorkspace } from "@pulumi/pulumi/automation";\n' +
        'RemoteWorkspace.createOrSelectStack({ stackName: "o/p/dev", url: "https://x/y.git", projectPath: "app" });\n',
    );
    const f = automationFailure(
      new Map([
        ["automation:RemoteWorkspace.createOrSelectStack", at(file, 2)],
        ["automation-blocked:PulumiCommand.get", at(file, 2)],
      ]),
      dir,
    );
    expect(f?.kind).to.equal("error");
    expect(f!.message).to.contain(NOT_RUN);
    expect(f!.message).to.contain("`RemoteWorkspace.createOrSelectStack` at index.ts:2");
    expect(f!.message).to.contain("the git repository its `url` names");
    expect(f!.message).to.contain("`projectPath`");
    expect(f!.message).to.contain(
      "clone that repository and give --program that folder of the clone",
    );
    expect(f!.message).to.not.contain("give that folder to --program");
    expect(f!.location).to.deep.equal(at(file, 2));
  });

  it("a script in the project it deploys is not told to give that same folder", () => {
    const file = write(
      "index.ts",
      'import { LocalWorkspace } from "@pulumi/pulumi/automation";\n' +
        'LocalWorkspace.createOrSelectStack({ stackName: "dev", workDir: __dirname });\n',
    );
    write("Pulumi.yaml", "name: p\nruntime: nodejs\n");
    const f = automationFailure(
      new Map([
        ["automation:LocalWorkspace.createOrSelectStack", at(file, 2)],
        ["automation-blocked:PulumiCommand.get", at(file, 2)],
      ]),
      dir,
    );
    expect(f!.message).to.contain("when that is this project, it deploys itself");
    expect(f!.message).to.not.contain("--program .");
    expect(f!.message).to.not.contain("give that project's folder");
  });

  it("a script beside other projects lists them, never the folder given", () => {
    const file = write(
      "index.ts",
      'import { LocalWorkspace } from "@pulumi/pulumi/automation";\n' +
        'LocalWorkspace.createOrSelectStack({ stackName: "dev", workDir: "infra" });\n',
    );
    write("Pulumi.yaml", "name: p\nruntime: nodejs\n");
    write("infra/Pulumi.yaml", "name: infra\nruntime: nodejs\n");
    const f = automationFailure(
      // A refused call the SDK made after an `await`: no line of the program in its stack.
      new Map<string, Partial<ReturnType<typeof at>>>([
        ["automation:LocalWorkspace.createOrSelectStack", at(file, 2)],
        ["automation-blocked:PulumiCommand.get", {}],
      ]),
      dir,
    );
    expect(f!.message).to.contain("(Pulumi projects here: --program infra)");
    expect(f!.message).to.contain("`PulumiCommand.get`");
  });

  it("a direct run of pulumi is named with its command, at its line", () => {
    const file = write(
      "index.ts",
      'import { execSync } from "child_process";\nexecSync("pulumi up --yes");\n',
    );
    const f = automationFailure(
      new Map([['automation-blocked:execSync("pulumi up --yes")', at(file, 2)]]),
      dir,
    );
    expect(f!.message).to.contain('`execSync("pulumi up --yes")` at index.ts:2');
    // No Automation API call: the failure says the check never runs the CLI, not "the API".
    expect(f!.message).to.match(
      /^the offline check never runs the Pulumi CLI\. The check refused /,
    );
    expect(f!.message).to.contain("Give --program the project of the program that command deploys");
    expect(f!.location).to.deep.equal(at(file, 2));
  });
});
