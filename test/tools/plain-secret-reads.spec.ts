// A secure boolean the check cannot decrypt, read with requireBoolean: a plain `false` policies
// cannot tell from the program's own; the report names the key, the line and how to give it.
import { expect } from "chai";
import * as path from "path";
import { demoProgram } from "./demo-program";
import { loadProject } from "../../tools/check/project";
import { checkStack } from "../../tools/check/run";
import { defaultRunner } from "../../tools/check/judge";
import { fakeCloudAnswers } from "../../tools/lib/engine/answers";
import { plainSecretBooleanNotes } from "../../tools/check/plain-secret-reads";

const ROOT = path.resolve(__dirname, "..", "..");

/** A program reading secure boolean `demo:encrypted` with `getter` for an EBS volume. */
const program = (getter: string) =>
  demoProgram({
    "Pulumi.yaml": "name: demo\nruntime: nodejs\nconfig:\n  encrypted:\n    type: boolean\n",
    "Pulumi.dev.yaml": "config:\n  demo:encrypted:\n    secure: v1:ZQ==\n",
    "index.ts":
      'import * as pulumi from "@pulumi/pulumi";\n' +
      'import * as aws from "@pulumi/aws";\n' +
      "const cfg = new pulumi.Config();\n" +
      `new aws.ebs.Volume("data", { availabilityZone: "eu-west-1a", size: 8, encrypted: cfg.${getter}("encrypted") });\n`,
  });

const check = (dir: string) =>
  checkStack({
    project: loadProject(dir),
    stack: "dev",
    phases: ["preview"],
    judge: defaultRunner().judge,
    answers: (region) => fakeCloudAnswers({ accountId: "123456789012", region }),
    timeoutMs: 120_000,
    fallbackModulesDir: ROOT,
  });

describe("a secure boolean read with a getter that does not mark it secret", function () {
  this.timeout(300_000);

  it("is named with its line, the getter and how to give it", async () => {
    const r = await check(program("requireBoolean"));
    const notes = r.configNotes.filter((n) => n.includes("requireBoolean/getBoolean"));
    expect(notes).to.have.length(1);
    expect(notes[0]).to.match(/^secret config demo:encrypted at index\.ts:4 is a secure boolean /);
    expect(notes[0]).to.contain("--config demo:encrypted=<true|false>");
    // The placeholder note no longer claims a plain read is marked secret.
    expect(r.configNotes.join("\n")).to.not.contain("marked secret");
  });

  it("is not named when read with requireSecretBoolean: the secret false is unknown", async () => {
    const r = await check(program("requireSecretBoolean"));
    expect(r.configNotes.join("\n")).to.not.contain("requireBoolean/getBoolean");
    expect(r.violations.map((v) => v.policy)).to.not.include("ec2-ebs-volume-encrypted");
  });

  it("names only boolean placeholders, each once across runs", () => {
    const at = (line: number) => ({ file: path.join(ROOT, "x", "index.ts"), line, column: 1 });
    const runs = [
      { plainConfigReads: new Map([["demo:tls", at(3)]]) },
      {
        plainConfigReads: new Map([
          ["demo:tls", at(9)],
          ["demo:port", at(4)],
        ]),
      },
    ];
    const placeholders = { "demo:tls": "false", "demo:port": "9100" };
    const notes = plainSecretBooleanNotes(runs, placeholders, path.join(ROOT, "x"));
    expect(notes).to.have.length(1);
    expect(notes[0]).to.match(/^secret config demo:tls at index\.ts:3 is a secure boolean /);
    expect(notes[0]).to.not.contain("demo:port");
    expect(plainSecretBooleanNotes([{}], placeholders, ROOT)).to.deep.equal([]);
  });
});
