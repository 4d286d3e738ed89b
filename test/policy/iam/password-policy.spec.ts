// The account password policy rules (Checkov CKV_AWS_10/11/12/14/15, Security Hub IAM.7/IAM.15,
// KICS "IAM Password Without Minimum Length" and "IAM Password Without Lowercase Letter"): a
// strong policy passes, and each field broken or left out draws its rule's finding alone.
import { expect } from "chai";
import { IAM_ACCOUNT_PASSWORD_POLICY } from "../../../policy-pack/policies/iam/password-policy";
import { policyCatalog } from "../../../policy-pack/lib/define";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const RULES = [
  "iam-password-policy-minimum-length",
  "iam-password-policy-lowercase",
  "iam-password-policy-uppercase",
  "iam-password-policy-numbers",
  "iam-password-policy-symbols",
];

const strong = (over: Record<string, unknown> = {}) =>
  res(IAM_ACCOUNT_PASSWORD_POLICY, "strict", {
    minimumPasswordLength: 14,
    requireLowercaseCharacters: true,
    requireUppercaseCharacters: true,
    requireNumbers: true,
    requireSymbols: true,
    allowUsersToChangePassword: true,
    ...over,
  });

/** The rules that flag `r`, with their messages. */
async function flagged(r: ReturnType<typeof strong>): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const name of RULES) {
    const v = await violationsOf(name, [r]);
    if (v.length > 0) out[name] = v;
  }
  return out;
}

describe("iam-password-policy-*", () => {
  it("a policy with 14 characters and every character type passes every rule", async () => {
    for (const name of RULES) await expectClean(policy(name), [strong()]);
  });

  it("a longer minimum passes too", async () => {
    expect(await flagged(strong({ minimumPasswordLength: 32 }))).to.deep.equal({});
  });

  it("minimumPasswordLength 10 (KICS positive) or left out (the provider's 6)", async () => {
    expect(await flagged(strong({ minimumPasswordLength: 10 }))).to.deep.equal({
      "iam-password-policy-minimum-length": [
        "strict: minimumPasswordLength is 10: at least 14 is required.",
      ],
    });
    expect(await flagged(strong({ minimumPasswordLength: undefined }))).to.deep.equal({
      "iam-password-policy-minimum-length": [
        "strict: minimumPasswordLength is not set (the provider's default, 6): at least 14 is required.",
      ],
    });
  });

  const types: [string, string][] = [
    ["requireLowercaseCharacters", "iam-password-policy-lowercase"],
    ["requireUppercaseCharacters", "iam-password-policy-uppercase"],
    ["requireNumbers", "iam-password-policy-numbers"],
    ["requireSymbols", "iam-password-policy-symbols"],
  ];
  for (const [key, rule] of types) {
    it(`${key} false or left out draws ${rule} alone`, async () => {
      expect(await flagged(strong({ [key]: false }))).to.deep.equal({
        [rule]: [`strict: ${key} is false.`],
      });
      expect(await flagged(strong({ [key]: undefined }))).to.deep.equal({
        [rule]: [`strict: ${key} is not set (false).`],
      });
    });
  }

  it("a setting unknown at preview is a preview note of its rule, not a pass", async () => {
    for (const [key, rule] of [
      ["minimumPasswordLength", "iam-password-policy-minimum-length"],
      ...types.map(([k, r]) => [k, r]),
    ]) {
      const r = strong({ [key]: UNKNOWN });
      expect(await violationsOf(rule, [r]), rule).to.deep.equal([]);
      expect(await previewNotes(policy(rule), [r]), rule).to.have.length(1);
    }
  });

  it("rules are advisory and cite the controls they mirror", () => {
    const cited = (name: string) =>
      policyCatalog.get(name)!.references.map((r) => `${r.source} ${r.id}`);
    for (const name of RULES) expect(policy(name).enforcementLevel, name).to.equal("advisory");
    expect(cited("iam-password-policy-minimum-length")).to.include.members([
      "Checkov CKV_AWS_10",
      "KICS IAM Password Without Minimum Length",
      "Security Hub FSBP IAM.15",
    ]);
    expect(cited("iam-password-policy-lowercase")).to.include.members([
      "Checkov CKV_AWS_11",
      "KICS IAM Password Without Lowercase Letter",
      "Security Hub FSBP IAM.7",
    ]);
  });
});
