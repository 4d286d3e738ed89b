// Which scripts use the Automation API (tools/lib/engine/automation-calls.ts), read with the
// TypeScript parser: a program that only mentions the API (a string, a comment, a type it
// imports, a function of its own that shares a method's name) is no script, and a script that
// reaches the API another way than `import ... from "@pulumi/pulumi/automation"` still is one.
import { expect } from "chai";
import { automationCallsInSource } from "../../tools/lib/engine/automation-calls";

const WORKDIR = '({ stackName: "dev", workDir: "./infra" })';
const calls = (text: string, file = "/app/index.ts") =>
  automationCallsInSource(file, text).map((c) => `${c.call}@${c.line}:${c.program}`);

describe("Automation API calls, read with the TypeScript parser", () => {
  it("finds none in a program that only mentions the API", () => {
    // An import line inside a template string, and a function of its own named createStack.
    expect(
      calls(
        'import * as aws from "@pulumi/aws";\n' +
          'const doc = `import * as auto from "@pulumi/pulumi/automation";`;\n' +
          "function createStack(n: string) { return new aws.s3.Bucket(n); }\n" +
          'createStack("a");\n',
      ),
    ).to.deep.equal([]);
    // A helper type imported without `import type`: TypeScript erases the import.
    expect(
      calls(
        'import { ConfigMap, LocalWorkspace } from "@pulumi/pulumi/automation";\n' +
          "export const settings: ConfigMap = {};\n" +
          "export function open(ws: LocalWorkspace) { return ws.selectStack; }\n" +
          "const helpers = { selectStack: (n: string) => n };\n" +
          'helpers.selectStack("dev");\n',
      ),
    ).to.deep.equal([]);
    // The SDK imported for resources, and the API named only in comments and strings.
    expect(
      calls(
        'import * as pulumi from "@pulumi/pulumi";\n' +
          "// deployed with pulumi.automation.LocalWorkspace.createOrSelectStack" +
          WORKDIR +
          "\n" +
          'const how = "LocalWorkspace.createOrSelectStack(";\n' +
          'export const name = new pulumi.Config().get("name") ?? how;\n',
      ),
    ).to.deep.equal([]);
  });

  it("finds the API reached through the SDK's `automation` member, under any name", () => {
    const call = `LocalWorkspace.createOrSelectStack${WORKDIR};\n`;
    for (const head of [
      'import * as pulumi from "@pulumi/pulumi";\nawait pulumi.automation.',
      'import { automation as auto } from "@pulumi/pulumi";\nawait auto.',
      'import pulumi = require("@pulumi/pulumi");\nvoid pulumi.automation.',
      'const sdk = require("@pulumi/pulumi");\nsdk.automation.',
      'const { automation } = require("@pulumi/pulumi");\nautomation.',
    ]) {
      expect(calls(head + call), head).to.deep.equal(["createOrSelectStack@2:local"]);
    }
    expect(
      calls(
        'const { LocalWorkspace } = require("@pulumi/pulumi").automation;\n' +
          `LocalWorkspace.createOrSelectStack${WORKDIR};\n`,
        "/app/deploy.js",
      ),
    ).to.deep.equal(["createOrSelectStack@2:local"]);
  });

  it("finds the API module required, imported whole or dynamically, in TypeScript and JavaScript", () => {
    const call = `.LocalWorkspace.createOrSelectStack${WORKDIR};\n`;
    for (const [head, file] of [
      ['const auto = require("@pulumi/pulumi/automation");\nauto', "/app/deploy.js"],
      ['import * as auto from "@pulumi/pulumi/automation/index.js";\nawait auto', "/app/a.mts"],
      ['import auto from "@pulumi/pulumi/automation";\nauto', "/app/a.mjs"],
      ['const auto = await import("@pulumi/pulumi/automation");\nawait auto', "/app/a.ts"],
    ]) {
      expect(calls(head + call, file), head).to.deep.equal(["createOrSelectStack@2:local"]);
    }
  });

  it("finds Stack.createOrSelect, a workspace's own selectStack, and a call over several lines", () => {
    expect(
      calls(
        'import * as auto from "@pulumi/pulumi/automation";\n' +
          'const ws = await auto.LocalWorkspace.create({ workDir: "./infra" });\n' +
          'const stack = await auto.Stack.createOrSelect("dev", ws);\n' +
          'await ws.selectStack("dev");\n',
      ),
    ).to.deep.equal(["createOrSelect@3:local", "selectStack@4:local"]);
    expect(
      calls(
        'import { LocalWorkspace } from "@pulumi/pulumi/automation";\n' +
          "const stack = await LocalWorkspace\n  .createOrSelectStack(\n" +
          '    { stackName: "dev", projectName: "p", program: deployApp },\n  );\n',
      ),
    ).to.deep.equal(["createOrSelectStack@3:inline"]);
  });
});
