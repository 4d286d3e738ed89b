// Scripts of the Pulumi Automation API given to the check as programs: they deploy a program of
// their own through the Pulumi CLI. The check never lets a program start the CLI (a stub `pulumi`
// first on PATH is never called): each run is a failure at the program's call, naming every
// refused call and the program to check instead, even when the program registered resources too;
// a folder without Pulumi.yaml says what it is (an Automation API script, a policy pack).
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadProject } from "../../tools/check/project";
import { loadFailure } from "../../tools/lib/engine/diagnose";
import { automationScriptNote } from "../../tools/lib/engine/hints-automation";
import { codeOnly } from "../../tools/lib/engine/program-sources";
import { FIXTURES, lineOf, QueuedRuns, ROOT } from "./program-runs";
import { usageErrorOf } from "./usage-errors";

const runs = new QueuedRuns();

/** The refusal every failure starts with. */
const NOT_RUN =
  "the Automation API is not run by the offline check: give the project its program belongs to, --program <dir>";

/** The refusal `loadProject` gives a folder without Pulumi.yaml. */
function refusal(dir: string): string {
  return usageErrorOf(() => loadProject(dir)).message;
}

describe("Automation API scripts given as programs", function () {
  this.timeout(300_000);
  // A `pulumi` first on PATH that only notes each call: the runs' processes inherit PATH.
  const stub = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-stub-"));
  const calls = path.join(stub, "calls.log");
  const savedPath = process.env.PATH;

  before(() => {
    fs.writeFileSync(
      path.join(stub, "pulumi"),
      `#!/bin/sh\necho "$*" >> "${calls}"\necho v3.248.0\n`,
      { mode: 0o755 },
    );
    process.env.PATH = `${stub}${path.delimiter}${savedPath}`;
    runs.queueRun("fail-automation-cli");
    runs.queueRun("fail-automation-inline");
    runs.queueRun(path.join(FIXTURES, "fail-automation-local", "infra"));
    runs.queueRun("outputs-deploy-test");
    runs.queueRun("fail-automation-unloadable");
    runs.queueRun("fail-automation-local-program");
  });

  after(() => {
    process.env.PATH = savedPath;
    fs.rmSync(stub, { recursive: true, force: true });
  });

  it("never starts the Pulumi CLI: every Automation API call and direct run is refused and named", async () => {
    const r = await runs.run("fail-automation-cli");
    expect(
      fs.existsSync(calls),
      `the stub pulumi was called: ${fs.existsSync(calls) && fs.readFileSync(calls, "utf8")}`,
    ).to.equal(false);
    const f = r.failure;
    expect(f?.kind).to.equal("error");
    expect(f!.message).to.contain(NOT_RUN);
    for (const call of [
      "`LocalWorkspace.createOrSelectStack` at index.ts:",
      "`LocalWorkspace.createStack` at index.ts:",
      "`LocalWorkspace.selectStack` at index.ts:",
      "`LocalWorkspace.create` at index.ts:",
      "`RemoteWorkspace.createOrSelectStack` at index.ts:",
      "`PulumiCommand.install`",
      '`execSync("pulumi up --yes")` at index.ts:',
      '`execFileSync("pulumi destroy --yes")` at index.ts:',
      '`spawn("sh -c cd . && pulumi up --yes")` at index.ts:',
    ])
      expect(f!.message).to.contain(call);
    // The program registered its bucket; the refusal is reported all the same, at the first call.
    expect(r.resources.map((x) => x.type)).to.include("aws:s3/bucket:Bucket");
    expect(f!.location?.file).to.equal(path.join(FIXTURES, "fail-automation-cli", "index.ts"));
    expect(f!.location?.line).to.equal(
      lineOf("fail-automation-cli/index.ts", "LocalWorkspace.createOrSelectStack({"),
    );
    // The program saw the refusal as an error it can recognise.
    expect(r.output.join("\n")).to.contain("createOrSelectStack: ERR_OFFLINE_AUTOMATION");
    expect(r.output.join("\n")).to.contain("spawn: ERR_OFFLINE_AUTOMATION");
  });

  it("a program whose test uses the Automation API, and which never loads it, passes", async () => {
    const r = await runs.run("outputs-deploy-test");
    expect(r.failure, r.failure?.message).to.equal(undefined);
  });

  it("a script that catches the CLI's refusal is not an empty pass: it names its inline program", async () => {
    const r = await runs.run("fail-automation-inline");
    const f = r.failure;
    expect(f, "the run failed").to.not.equal(undefined);
    expect(f!.kind).to.equal("error");
    expect(f!.message).to.contain(NOT_RUN);
    expect(f!.message).to.contain("`LocalWorkspace.createOrSelectStack` at index.ts:");
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
    expect(f?.kind).to.equal("error");
    expect(f!.message).to.contain(NOT_RUN);
    expect(f!.message).to.contain("`LocalWorkspace.createOrSelectStack` at ../automation.ts:");
    expect(f!.message).to.contain(
      "its program is the Pulumi project in the folder its `workDir` names",
    );
    expect(f!.message).to.contain('it is the "main" of ../package.json');
    expect(f!.message).to.contain("set `main:` in Pulumi.yaml");
  });

  it("a script that fails before it reaches the API keeps its own error and names the program to check", async () => {
    const r = await runs.run("fail-automation-unloadable");
    const f = r.failure;
    expect(f?.kind).to.equal("error");
    // Its own error first, as `pulumi preview` shows it: the import nobody installed.
    expect(f!.message).to.match(/^Cannot find module 'dotenv\/config'/);
    // Then what fixing it leads to: a deploy script, and the inline program to check instead.
    const call = lineOf("fail-automation-unloadable/index.ts", "createOrSelectStack(");
    expect(f!.message).to.match(/^Cannot find module 'dotenv\/config'[^]*[.?] Besides, /);
    expect(f!.message).to.contain(
      `Besides, \`createOrSelectStack\` at index.ts:${call} uses the Pulumi Automation API`,
    );
    expect(f!.message).to.contain("its program is inline (`uploadsProgram`)");
    expect(f!.message).to.contain("`export = uploadsProgram`");
  });

  it("an inline program passed in shorthand (`{ stackName, program }`) is named", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "automation-shorthand-"));
    try {
      const entry = path.join(dir, "index.ts");
      fs.writeFileSync(
        entry,
        'import { LocalWorkspace } from "@pulumi/pulumi/automation/index.js";\n' +
          'import { program } from "./program.js";\n' +
          'const stack = await LocalWorkspace.createOrSelectStack({ stackName: "dev", projectName: "p", program });\n',
      );
      const note = automationScriptNote(entry, dir);
      expect(note).to.contain("`createOrSelectStack` at index.ts:3 uses the Pulumi Automation API");
      expect(note).to.contain("its program is inline (`program`)");
      expect(automationScriptNote(undefined, dir)).to.equal("");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("comments, strings and `import type` are no use of the API; the program is read from the call's own arguments", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "automation-code-"));
    const note = (text: string) => {
      fs.writeFileSync(path.join(dir, "index.ts"), text);
      return automationScriptNote(path.join(dir, "index.ts"), dir);
    };
    try {
      // A program that names the API only in a type import, a comment and a string.
      expect(
        note(
          'import * as aws from "@pulumi/aws";\n' +
            'import type { Stack } from "@pulumi/pulumi/automation";\n' +
            '// Deployed by ops/deploy.ts via LocalWorkspace.createOrSelectStack({ stackName, workDir: "." })\n' +
            "export type Handle = Stack;\n" +
            'const how = "see LocalWorkspace.createOrSelectStack(";\n',
        ),
      ).to.equal("");
      // A CLI parser's `program` elsewhere in the file; the call passes a `workDir`.
      const local = note(
        'import { program } from "commander";\n' +
          'import { LocalWorkspace } from "@pulumi/pulumi/automation";\n' +
          'program.option("--stack <name>").parse();\n' +
          "const stack = await LocalWorkspace.createOrSelectStack({\n" +
          '  stackName: program.opts().stack, // not { program }\n  workDir: "./infra",\n});\n',
      );
      expect(local).to.contain(
        "`createOrSelectStack` at index.ts:4 uses the Pulumi Automation API",
      );
      expect(local).to.contain("the Pulumi project its `workDir` names");
      expect(local).not.to.contain("inline");
      // The same script with the inline program inside the call's arguments: inline.
      const inline = note(
        'import { LocalWorkspace } from "@pulumi/pulumi/automation";\n' +
          "const program = async () => ({});\n" +
          'await LocalWorkspace.createOrSelectStack({ stackName: "dev", projectName: "p", program });\n',
      );
      expect(inline).to.contain("its program is inline (`program`)");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("comments and string contents are blanked in place, lines and columns kept", () => {
    const text = "a(\"x(y\", `t${b}`); // c(\n/* d(\n */ e('\\'')";
    const code = codeOnly(text, true);
    expect(code.split("\n").map((l) => l.length)).to.deep.equal(
      text.split("\n").map((l) => l.length),
    );
    expect(code.split("\n").map((l) => l.trimEnd())).to.deep.equal([
      'a("   ", `     `);',
      "",
      "    e('  ')",
    ]);
    expect(codeOnly(text)).to.contain('a("x(y"');
  });

  it("a regular expression literal is code: a /* or // inside it starts no comment", () => {
    const call = 'LocalWorkspace.createOrSelectStack({ workDir: "../infra" });';
    for (const re of ["/[/*]/", "/\\/*$/", "/a\\//", "/[/]/", "/`/"]) {
      for (const before of ["const re = ", "f(", "x.replace(", "return ", "[", "a && ", "c ? "]) {
        const text = `${before}${re};\n${call} // */`;
        const code = codeOnly(text, true);
        expect(code, text).to.contain("createOrSelectStack(");
        expect(code.split("\n")[1].trimEnd(), text).to.equal(call.replace("../infra", "        "));
      }
    }
    // After a value, `/` is a division: `a / b /* c */` keeps its comment a comment.
    expect(codeOnly("const d = a / b /* c( */ + e(1);")).to.not.contain("c(");
    expect(codeOnly("const d = f(x) / 2; // g(")).to.not.contain("g(");
    // With no closing `/` on its line, it was no literal: the comment after it is still one.
    expect(codeOnly("x = (a\n/ 2); // h(")).to.not.contain("h(");
  });

  it("the note is added only to a failure to load a module, not to any error of the program", () => {
    const at = (message: string, detail?: string) =>
      loadFailure({ kind: "error", message, detail });
    expect(at("Cannot find module 'dotenv/config'\nRequire stack:")).to.equal(true);
    expect(
      at("Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'x' imported from /p/index.js"),
    ).to.equal(true);
    expect(at('TypeError [ERR_UNKNOWN_FILE_EXTENSION]: Unknown file extension ".ts"')).to.equal(
      true,
    );
    expect(at("Error [ERR_REQUIRE_ESM]: require() of ES Module /p/x.js not supported")).to.equal(
      true,
    );
    expect(at("Error: settings missing: set platform:env")).to.equal(false);
    expect(at("Error: boom", "Error: boom\n    at Object.<anonymous> (/p/index.ts:6:7)")).to.equal(
      false,
    );
  });

  it("a program that fails is not called a script when only another file of its folder uses the API", async () => {
    const r = await runs.run("fail-automation-local-program");
    expect(r.failure?.kind).to.equal("error");
    expect(r.failure!.message).to.not.contain("Automation API");
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
