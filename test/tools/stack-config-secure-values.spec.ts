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
const ANY = "any secrets manager (Pulumi Cloud's or a passphrase)";
const PASSPHRASE = "the passphrase secrets manager (encryptionsalt)";
const SALT = "encryptionsalt: v1:c2FsdA==:v1:AAAAAAAAAAAAAAAA:c2FsdA==\n";

describe("offline check: secure values that are no ciphertext", () => {
  const refused: [string, string, string, string][] = [
    [
      "a placeholder left for the CLI",
      "CONFIGURE_THROUGH_PULUMI_CLI",
      "",
      `${ANY} can decrypt: \`pulumi preview\` fails with "failed to decrypt config: illegal base64 data at input byte 9"`,
    ],
    [
      "text with a space",
      "my password",
      "",
      `${ANY} can decrypt: \`pulumi preview\` fails with "failed to decrypt config: illegal base64 data at input byte 2"`,
    ],
    [
      "Pulumi Cloud ciphertext under a passphrase",
      "AAABAMm9",
      SALT,
      `${PASSPHRASE} can decrypt: \`pulumi preview\` fails with "failed to decrypt config: bad value"`,
    ],
    [
      "another version",
      "v2:AAAAAAAAAAAAAAAA:cHc=",
      SALT,
      `${PASSPHRASE} can decrypt: \`pulumi preview\` fails with "failed to decrypt config: unknown value version"`,
    ],
    [
      "a nonce that is not base64",
      "v1:not-base64:cHc=",
      SALT,
      `${PASSPHRASE} can decrypt: \`pulumi preview\` fails with "failed to decrypt config: bad value: illegal base64 data at input byte 3"`,
    ],
  ];
  for (const [what, value, head, says] of refused) {
    it(`refuses ${what}, naming the file, line, key and fix`, () => {
      expect(load(value, head)).to.throw(
        `Pulumi.dev.yaml:${head ? 4 : 3}: the secure value of 'demo:token' is not ciphertext ${says}; ${fix}`,
      );
    });
  }

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
