// A provider refusal of a value resting on an undecryptable secret's placeholder is not evaluated,
// never a refusal, and names the key(s) the value may come from; integer placeholders keep a
// program's arithmetic and counts working.
import { expect } from "chai";
import * as path from "path";
import { demoProgram } from "./demo-program";
import { loadProject } from "../../tools/check/project";
import { checkStack } from "../../tools/check/run";
import { defaultRunner } from "../../tools/check/judge";
import { fakeCloudAnswers } from "../../tools/lib/engine/answers";
import { ProviderInputError } from "../../tools/check/provider-refusals";
import { integerPlaceholder, quotesPlaceholder } from "../../tools/check/secret-placeholders";
import { placeholderKeysOf, setAsideSecretRefusals } from "../../tools/check/secret-refusals";
import type { PhasedRefusal } from "../../tools/lib/provider-checks";
import type { EngineResource } from "../../tools/lib/engine/monitor";

const ROOT = path.resolve(__dirname, "..", "..");

const resource = { type: "aws:lb/targetGroup:TargetGroup", name: "web" } as EngineResource;

/** A compliant-shaped refusal of `value`, the provider's own. */
const refusal = (value: unknown): PhasedRefusal => ({
  resource,
  prop: "port",
  value,
  says: ["expected port to be in the range (1 - 65535)"],
  fix: "a port from 1 to 65535",
  source: "hashicorp/terraform-provider-aws internal/service/elbv2/target_group.go",
  by: "provider",
  autoNamed: false,
  phases: ["preview"],
});

/** Two integer keys and a string key the check could not decrypt, all read by the program. */
const config = {
  values: { "demo:port": "9100", "demo:size": "9200", "demo:name": "offline-secret-placeholder-3" },
  sources: {},
  secretKeys: ["demo:name", "demo:port", "demo:size"],
  placeholders: {
    "demo:port": integerPlaceholder(1),
    "demo:size": integerPlaceholder(2),
    "demo:name": "offline-secret-placeholder-3",
  },
  reads: new Map([
    ["demo:port", undefined],
    ["demo:size", undefined],
    ["demo:name", undefined],
  ]),
};

describe("secret placeholders under the provider's checks", () => {
  it("gives integer keys small positive numbers a hundred apart, quoted only whole", () => {
    const all = [1, 2, 3].map(integerPlaceholder);
    expect(all).to.deep.equal(["9100", "9200", "9300"]);
    // A port, a count: what a program does with an integer works.
    for (const p of all) {
      expect(Number(p)).to.be.within(1, 65535);
      expect(() => Array(Number(p))).to.not.throw();
      expect(all).to.not.include(String(Number(p) + 1));
    }
    expect(quotesPlaceholder("port 9100 refused", "9100")).to.equal(true);
    expect(quotesPlaceholder("port 19100 refused", "9100")).to.equal(false);
    expect(quotesPlaceholder("port 91001 refused", "9100")).to.equal(false);
  });

  it("names the key a refused value rests on, every read integer key for a derived number", () => {
    expect(placeholderKeysOf(refusal("[secret]"), config)).to.deep.equal([
      "demo:name",
      "demo:port",
      "demo:size",
    ]);
    expect(placeholderKeysOf(refusal(9200), config)).to.deep.equal(["demo:size"]);
    expect(placeholderKeysOf(refusal(9201), config)).to.deep.equal(["demo:port", "demo:size"]);
    expect(placeholderKeysOf(refusal("x-offline-secret-placeholder-3"), config)).to.deep.equal([
      "demo:name",
    ]);
    // The program's own value: a string without a placeholder, an auto-name, no key read.
    expect(placeholderKeysOf(refusal("my-group"), config)).to.deep.equal([]);
    expect(placeholderKeysOf({ ...refusal(9201), autoNamed: true }, config)).to.deep.equal([]);
    expect(placeholderKeysOf(refusal(9201), { ...config, reads: new Map() })).to.deep.equal([]);
  });

  it("sets aside only the refusals resting on a placeholder, as notes naming their keys", () => {
    const e = new ProviderInputError("dev", [refusal(9100), refusal("my group!")]);
    const aside = setAsideSecretRefusals(e, config);
    expect(aside.error?.refusals.map((r) => r.value)).to.deep.equal(["my group!"]);
    expect(aside.notes).to.have.length(1);
    expect(aside.notes[0]).to.match(/^not evaluated: /);
    expect(aside.notes[0]).to.contain("rests on the placeholder of secret config demo:port,");
    expect(aside.notes[0]).to.contain("--config demo:port=<value>");
    const derived = setAsideSecretRefusals(new ProviderInputError("dev", [refusal(9101)]), config);
    expect(derived.error).to.equal(undefined);
    expect(derived.notes[0]).to.contain(
      "may rest on the placeholder of secret config demo:port, demo:size",
    );
  });

  it("checks a program whose secret port is derived from, counted with and refused on", async () => {
    const dir = demoProgram({
      "Pulumi.yaml": "name: demo\nruntime: nodejs\nconfig:\n  port:\n    type: integer\n",
      "Pulumi.dev.yaml": "config:\n  demo:port:\n    secure: v1:cA==\n",
      "index.ts":
        'import * as pulumi from "@pulumi/pulumi";\n' +
        'import * as aws from "@pulumi/aws";\n' +
        "const cfg = new pulumi.Config();\n" +
        'const secret = cfg.requireSecretNumber("port");\n' +
        'const port = cfg.requireNumber("port");\n' +
        'const tg = (name: string, p: pulumi.Input<number>) => new aws.lb.TargetGroup(name, { port: p, protocol: "HTTP", vpcId: "vpc-0123456789abcdef0" });\n' +
        'tg("plus", secret.apply((p) => p + 1));\n' +
        'tg("times", secret.apply((p) => p * 100));\n' +
        'tg("plain", port * 100);\n' +
        "export const slots = [...Array(port).keys()].length;\n",
    });
    const result = await checkStack({
      project: loadProject(dir),
      stack: "dev",
      phases: ["preview"],
      judge: defaultRunner().judge,
      answers: (region) => fakeCloudAnswers({ accountId: "123456789012", region }),
      timeoutMs: 120_000,
      fallbackModulesDir: ROOT,
    });
    const notes = result.configNotes.filter((n) => n.startsWith("not evaluated: "));
    expect(notes.map((n) => n.match(/TargetGroup (\w+) port/)?.[1]).sort()).to.deep.equal([
      "plain",
      "times",
    ]);
    for (const n of notes) expect(n).to.contain("--config demo:port=<value>");
  });
});
