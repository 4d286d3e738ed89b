// A `secure:` value no secrets manager can decrypt (tools/check/secure-values.ts): `pulumi preview`
// fails on it before the program starts ("failed to decrypt config: ..."), so the check refuses it
// with the file, the line, the key and the fix; ciphertext of either manager's form still loads
// (its value unknown offline, as before).
import { expect } from "chai";
import { demoProgram } from "./demo-program";
import { loadProject, loadStackConfig } from "../../tools/check/project";
import { base64Error } from "../../tools/check/secure-values";

/** The stack file `dev` with `head` (top-level keys) and `demo:token` set to `secure: <value>`. */
function load(value: string, head = "", overrides?: Record<string, string>) {
  const dir = demoProgram({
    "Pulumi.yaml": "name: demo\nruntime: nodejs\n",
    "Pulumi.dev.yaml": `${head}config:\n  demo:region: eu-west-1\n  demo:token:\n    secure: ${value}\n`,
  });
  return () => loadStackConfig(loadProject(dir), "dev", overrides ? { overrides } : {});
}

const fix =
  "set it with `pulumi config set --secret demo:token <value>`, or give a value for this run " +
  "with --config demo:token=<value>";
/** With neither key, the manager is the backend's: no guess at its reason, no key named. */
const NEITHER =
  "is neither form a secrets manager reads (Pulumi Cloud's base64, or `v1:<nonce>:<ciphertext>` " +
  'of a passphrase or cloud KMS one): `pulumi preview` fails with "failed to decrypt config" and ' +
  "the reason its secrets manager gives";
const NOT = "is not ciphertext";
const PASSPHRASE = "the passphrase secrets manager (encryptionsalt)";
const SALT = "encryptionsalt: v1:c2FsdA==:v1:AAAAAAAAAAAAAAAA:c2FsdA==\n";
const KMS = "secretsprovider: awskms://alias/pulumi\nencryptedkey: AAAA\n";
/** `secretsprovider: passphrase` without a salt: the backend's default manager (crypto.go). */
const PASSPHRASE_NO_SALT = "secretsprovider: passphrase\n";

describe("offline check: secure values that are no ciphertext", () => {
  const refused: [string, string, string, string][] = [
    ["a placeholder left for the CLI", "CONFIGURE_THROUGH_PULUMI_CLI", "", NEITHER],
    ["text with a space", "my password", "", NEITHER],
    [
      "text under secretsprovider: passphrase with no salt",
      "my password",
      PASSPHRASE_NO_SALT,
      NEITHER,
    ],
    ["text under secretsprovider: default", "my password", "secretsprovider: default\n", NEITHER],
    [
      "Pulumi Cloud ciphertext under a cloud KMS secretsprovider",
      "AAABAMm9",
      KMS,
      `${NOT} the stack's secretsprovider can decrypt: \`pulumi preview\` fails with "failed to decrypt config: bad value"`,
    ],
    [
      "Pulumi Cloud ciphertext under secretsprovider: default with a salt (the passphrase manager)",
      "AAABAMm9",
      `secretsprovider: default\n${SALT}`,
      `${NOT} ${PASSPHRASE} can decrypt: \`pulumi preview\` fails with "failed to decrypt config: bad value"`,
    ],
    [
      "Pulumi Cloud ciphertext under a passphrase",
      "AAABAMm9",
      SALT,
      `${NOT} ${PASSPHRASE} can decrypt: \`pulumi preview\` fails with "failed to decrypt config: bad value"`,
    ],
    [
      "another version",
      "v2:AAAAAAAAAAAAAAAA:cHc=",
      SALT,
      `${NOT} ${PASSPHRASE} can decrypt: \`pulumi preview\` fails with "failed to decrypt config: unknown value version"`,
    ],
    [
      "a nonce that is not base64",
      "v1:not-base64:cHc=",
      SALT,
      `${NOT} ${PASSPHRASE} can decrypt: \`pulumi preview\` fails with "failed to decrypt config: bad value: illegal base64 data at input byte 3"`,
    ],
  ];
  for (const [what, value, head, says] of refused) {
    it(`refuses ${what}, naming the file, line, key and fix`, () => {
      const line = 3 + head.split("\n").length - 1;
      expect(load(value, head)).to.throw(
        `Pulumi.dev.yaml:${line}: the secure value of 'demo:token' ${says}; ${fix}`,
      );
    });
  }

  it("names no key the stack file lacks", () => {
    expect(load("my password", PASSPHRASE_NO_SALT)).to.throw(/^(?!.*encryptionsalt)/s);
    expect(load("my password")).to.throw(/^(?!.*(encryptionsalt|secretsprovider))/s);
  });

  it("never shows the value (it may be a secret typed in place of its ciphertext)", () => {
    expect(load("hunter2 hunter2")).to.throw(/^(?!.*hunter2)/s);
  });

  const accepted: [string, string, string][] = [
    ["Pulumi Cloud ciphertext", "AAABAHcbW2i3Qnx1p6fJ0sTg0Jq8Yw7a2mE9b4kLk1vUoQpZrXn5", ""],
    [
      "passphrase ciphertext with no salt (a self-managed backend's)",
      "v1:AAAAAAAAAAAAAAAA:cHc=",
      "",
    ],
    ["passphrase ciphertext", "v1:AAAAAAAAAAAAAAAA:cHc=", SALT],
    [
      "Pulumi Cloud ciphertext under secretsprovider: passphrase with no salt",
      "AAABAHcbW2i3Qnx1p6fJ0sTg0Jq8Yw7a2mE9b4kLk1vUoQpZrXn5",
      PASSPHRASE_NO_SALT,
    ],
    [
      "Pulumi Cloud ciphertext under secretsprovider: default",
      "AAABAHcbW2i3Qnx1p6fJ0sTg0Jq8Yw7a2mE9b4kLk1vUoQpZrXn5",
      "secretsprovider: default\n",
    ],
    ["KMS ciphertext", "v1:AAAAAAAAAAAAAAAA:cHc=", KMS],
  ];
  for (const [what, value, head] of accepted) {
    it(`loads ${what}, its value a placeholder`, () => {
      expect(load(value, head)().placeholders).to.have.property("demo:token");
    });
  }

  it("a value given with --config takes the place of the one that is no ciphertext", () => {
    expect(
      load("CONFIGURE_THROUGH_PULUMI_CLI", "", { "demo:token": "t" })().values["demo:token"],
    ).to.equal("t");
  });

  it("reads base64 as Go's encoding/base64 does: newlines skipped, padding required", () => {
    const cases: [string, string | undefined][] = [
      ["Zm9v", undefined],
      ["Zm9v\nYmFy", undefined],
      ["Zg==", undefined],
      ["Zm8=", undefined],
      ["Zm9", "illegal base64 data at input byte 0"],
      ["Z===", "illegal base64 data at input byte 1"],
      ["Zg=a", "illegal base64 data at input byte 2"],
      ["Zm9v=", "illegal base64 data at input byte 4"],
      ["Zm9v_", "illegal base64 data at input byte 4"],
    ];
    expect(cases.map(([s]) => [s, base64Error(s)])).to.deep.equal(cases);
  });
});
