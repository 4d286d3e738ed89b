// A secure boolean or integer key the check cannot decrypt gets `false` or `0`, values any program
// writes. Where the program reads it as a secret (requireSecretBoolean, requireSecretNumber) the
// value arrives as a secret and policies see it unknown: the check that read it is not evaluated,
// its reason naming the key, instead of judging a value the user never wrote. A plain `false` or
// `0` is the program's own and is judged.
import { expect } from "chai";
import * as path from "path";
import { secretScalarPlaceholders } from "../../tools/check/secret-placeholders";
import { recordInputs } from "../../tools/lib/engine/recorded-inputs";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../../tools/lib/engine/wire";
import { checkProgram, FIXTURES } from "./program-runs";

const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

describe("secret booleans and integers the check cannot decrypt", function () {
  this.timeout(300_000);

  it("the placeholders of boolean and integer keys are the scalars to hide", () => {
    expect(
      secretScalarPlaceholders({
        "p:on": "false",
        "p:n": "0",
        "p:s": "offline-secret-placeholder-1",
      }),
    ).to.deep.equal([false, 0]);
    expect(secretScalarPlaceholders({ "p:s": "offline-secret-placeholder-1" })).to.deep.equal([]);
  });

  it("hides a secret false or 0, never a plain one", () => {
    const raw = {
      encrypted: secret(false),
      size: secret(0),
      nested: { flags: [secret(false), false], count: 0 },
      publiclyAccessible: false,
      iops: secret(3000),
    };
    const r = recordInputs(raw, true, new Set(), ["offline-secret-placeholder"], [false, 0]);
    expect(r.inputs.encrypted).to.deep.equal(secret(UNKNOWN));
    expect(r.inputs.size).to.deep.equal(secret(UNKNOWN));
    expect(r.inputs.nested).to.deep.equal({ flags: [secret(UNKNOWN), false], count: 0 });
    expect(r.inputs.publiclyAccessible).to.equal(false);
    expect(r.inputs.iops).to.deep.equal(secret(3000));
    expect(r.opaquePaths).to.deep.equal([".encrypted", ".size", ".nested.flags.0"]);
    expect(r.opaqueValues).to.deep.equal(["false", "0", "false"]);
    // No boolean or integer key undecryptable: a secret false is the program's.
    expect(
      recordInputs(raw, true, new Set(), ["offline-secret-placeholder"]).inputs.encrypted,
    ).to.deep.equal(secret(false));
  });

  it("a check on a secret boolean read with requireSecretBoolean is not evaluated, naming the key", async () => {
    const r = await checkProgram(path.join(FIXTURES, "secret-scalars"), {
      phases: ["preview", "apply"],
    });
    const encrypted = (name: string) =>
      r.violations.filter(
        (v) => v.policy === "ec2-ebs-volume-encrypted" && v.detail.includes(`"${name}"`),
      );
    // The program's own false is judged; the placeholder is not.
    expect(encrypted("plain")).to.have.length(1);
    expect(encrypted("from-secret")).to.deep.equal([]);
    const open = r.unevaluated.filter(
      (u) => u.policy === "ec2-ebs-volume-encrypted" && u.reason.includes("from-secret"),
    );
    expect(open).to.have.length(1);
    expect(open[0].enforcementLevel).to.equal("mandatory");
    const key = "secret-scalars:encryptVolumes";
    expect(open[0].reason).to.contain(
      `a secret config value that cannot be decrypted offline (${key}: give it for this run with --config ${key}=<value>)`,
    );
  });
});
