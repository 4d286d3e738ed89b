// A secure boolean or integer key the check cannot decrypt gets `false` or `0`, values any program
// writes. Where the program reads it as a secret (requireSecretBoolean, requireSecretNumber) the
// SDK's getter returns an unknown secret: the check that reads it is not evaluated, its reason
// naming the key, instead of judging a value the user never wrote. A `false` the program or the
// stack file writes, secret or not, is the program's own and is judged.
import { expect } from "chai";
import * as path from "path";
import { loadProject, loadStackConfig } from "../../tools/check/project";
import { secretScalarKeys } from "../../tools/check/secret-placeholders";
import {
  unknownSecretConfig,
  unknownSecretKeysFrom,
} from "../../tools/lib/engine/unknown-secret-config";
import { checkProgram, FIXTURES } from "./program-runs";

/** A stand-in for the SDK's Output: what the wrapped getter constructs it with. */
class FakeOutput {
  readonly args: unknown[];
  constructor(...args: unknown[]) {
    this.args = args;
  }
}

/** A stand-in for the SDK's Config class (config.ts: `fullKey` is `<name>:<key>`). */
function fakeConfigClass() {
  class Config {
    constructor(readonly name: string) {}
    fullKey(key: string) {
      return `${this.name}:${key}`;
    }
    requireSecretBoolean(key: string) {
      return `placeholder of ${key}`;
    }
    requireBoolean(key: string) {
      return `placeholder of ${key}`;
    }
  }
  return Config;
}

describe("secret booleans and integers the check cannot decrypt", function () {
  this.timeout(300_000);

  it("the keys of boolean and integer placeholders are the ones read as unknown", () => {
    expect(
      secretScalarKeys({
        "p:on": "false",
        "p:n": "0",
        "p:s": "offline-secret-placeholder-1",
      }),
    ).to.deep.equal(["p:n", "p:on"]);
    expect(secretScalarKeys({ "p:s": "offline-secret-placeholder-1" })).to.deep.equal([]);
    expect(unknownSecretKeysFrom('["p:on"]')).to.deep.equal(["p:on"]);
    expect(unknownSecretKeysFrom("not json")).to.deep.equal([]);
    expect(unknownSecretKeysFrom(undefined)).to.deep.equal([]);
  });

  it("the config note says such a key is unknown where read as a secret", () => {
    const config = loadStackConfig(loadProject(path.join(FIXTURES, "secret-scalars")), "dev");
    const [note] = config.notes.filter((n) => n.startsWith("secret config"));
    expect(note).to.contain(
      '("false" (unknown read as a secret), "offline-secret-placeholder-3", ' +
        '{"token":"offline-secret-placeholder-4","encrypted":false}, "0" (unknown read as a secret), marked secret)',
    );
  });

  it("a secret getter of such a key returns an unknown secret; other keys and plain getters are read", async () => {
    const Config = fakeConfigClass();
    unknownSecretConfig({ Config }, { Output: FakeOutput }, ["p:on"]);
    const config = new Config("p");
    const out = config.requireSecretBoolean("on") as unknown as FakeOutput;
    expect(out).to.be.instanceOf(FakeOutput);
    const [resources, value, isKnown, isSecret] = out.args as Promise<unknown>[];
    expect(resources).to.deep.equal(new Set());
    expect(await value).to.equal(undefined);
    expect(await isKnown).to.equal(false);
    expect(await isSecret).to.equal(true);
    expect(config.requireSecretBoolean("other")).to.equal("placeholder of other");
    // A plain getter returns a plain value, which cannot be unknown.
    expect(config.requireBoolean("on")).to.equal("placeholder of on");
  });

  it("judges the false a stack file or the program writes; a check on the placeholder is not evaluated, naming the key", async () => {
    const r = await checkProgram(path.join(FIXTURES, "secret-scalars"), {
      phases: ["preview", "apply"],
    });
    const encrypted = (name: string) =>
      r.violations.filter(
        (v) => v.policy === "ec2-ebs-volume-encrypted" && v.detail.includes(`"${name}"`),
      );
    // The program's own false is judged, in a plain input, a secret object's plain member
    // (`requireSecretObject`) and a value derived from a secret string: mandatory findings.
    for (const name of ["plain", "from-object", "derived"]) {
      expect(encrypted(name), name).to.have.length(1);
      expect(encrypted(name)[0].enforcementLevel, name).to.equal("mandatory");
    }
    // The placeholder is not judged.
    expect(encrypted("from-secret")).to.deep.equal([]);
    const open = r.unevaluated.filter((u) => u.policy === "ec2-ebs-volume-encrypted");
    expect(open).to.have.length(1);
    expect(open[0].reason).to.contain("from-secret");
    expect(open[0].enforcementLevel).to.equal("mandatory");
    expect(open[0].reason).to.contain(
      "a secret config value that cannot be decrypted offline (one of secret-scalars:encryptVolumes, " +
        "secret-scalars:volumeSize: give it for this run with --config <key>=<value>)",
    );
  });
});
