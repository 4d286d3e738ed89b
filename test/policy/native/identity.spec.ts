// The advisory sign-in and rotation rules for aws-native resources
// (policy-pack/lib/native/twins-identity.ts): Cognito user pools (mfaConfiguration,
// userPoolAddOns.advancedSecurityMode, policies.passwordPolicy) and Secrets Manager rotation
// (secretsmanager:RotationSchedule for a secretsmanager:Secret). A compliant resource passes; each
// case breaks one field; a value unknown at preview is a preview note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";
import { STRONG_PASSWORD_POLICY, WITHOUT_LOWERCASE } from "../fixtures/identity";
import { Case, runCases } from "./cases";

const pool = {
  userPoolName: "customers",
  mfaConfiguration: "ON",
  enabledMfas: ["SOFTWARE_TOKEN_MFA"],
  userPoolTier: "PLUS",
  userPoolAddOns: { advancedSecurityMode: "ENFORCED" },
  policies: { passwordPolicy: STRONG_PASSWORD_POLICY },
};
const password = (over: Record<string, unknown>) => ({
  policies: { passwordPolicy: { ...pool.policies.passwordPolicy, ...over } },
});

const cognito: Case[] = [
  {
    rule: "cognito-user-pool-mfa",
    type: n.NATIVE_COGNITO_USER_POOL,
    inputs: pool,
    prop: "mfaConfiguration",
    broken: [
      [{ mfaConfiguration: "OPTIONAL" }, 'mfaConfiguration is "OPTIONAL"'],
      [{ mfaConfiguration: undefined }, 'mfaConfiguration is not set (default "OFF")'],
    ],
  },
  {
    rule: "cognito-user-pool-threat-protection",
    type: n.NATIVE_COGNITO_USER_POOL,
    inputs: pool,
    prop: "userPoolAddOns",
    broken: [
      [
        { userPoolAddOns: { advancedSecurityMode: "AUDIT" } },
        'userPoolAddOns.advancedSecurityMode is "AUDIT"',
      ],
      [{ userPoolAddOns: undefined }, "threat protection is off"],
    ],
  },
  {
    rule: "cognito-user-pool-password-policy",
    type: n.NATIVE_COGNITO_USER_POOL,
    inputs: pool,
    prop: "policies",
    broken: [
      [password({ minimumLength: 6 }), "policies.passwordPolicy.minimumLength is 6"],
      [password({ requireSymbols: false }), "policies.passwordPolicy.requireSymbols is false"],
      [password({ requireNumbers: false }), "policies.passwordPolicy.requireNumbers is false"],
    ],
  },
];

runCases("aws-native Cognito user pools (advisory)", cognito);

// cdk-nag AwsSolutions-COG1 asks for no lowercase letter (CognitoUserPoolStrongPasswordPolicy), nor
// does the rule: its minimum passes with requireLowercase left out or false.
describe("aws-native: cognito-user-pool-password-policy without lowercase letters", () => {
  for (const [what, passwordPolicy] of WITHOUT_LOWERCASE) {
    it(`compliant: ${what} (COG1 does not check it)`, async () => {
      const lax = res(n.NATIVE_COGNITO_USER_POOL, "s", { ...pool, policies: { passwordPolicy } });
      await expectClean(policy("cognito-user-pool-password-policy"), [lax]);
    });
  }
});

describe("aws-native: secretsmanager-secret-rotation (secretsmanager:RotationSchedule)", () => {
  const rule = "secretsmanager-secret-rotation";
  const ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";
  const secret = res(
    n.NATIVE_SECRETSMANAGER_SECRET,
    "db",
    { name: "db" },
    { outputs: { name: "db", awsId: ARN } },
  );
  const rotation = (over: Record<string, unknown> = {}, refs = { secretId: [secret] }) =>
    res(
      n.NATIVE_SECRETSMANAGER_ROTATION_SCHEDULE,
      "db-rotation",
      {
        secretId: ARN,
        hostedRotationLambda: { rotationType: "PostgreSQLSingleUser" },
        rotationRules: { automaticallyAfterDays: 30 },
        ...over,
      },
      { refs },
    );

  it("a rotation built from the secret, every 30 days, passes", async () => {
    await expectClean(policy(rule), [secret, rotation()]);
  });
  it("a schedule expression instead of days passes", async () => {
    const s = rotation({ rotationRules: { scheduleExpression: "rate(10 days)" } });
    await expectClean(policy(rule), [secret, s]);
  });
  it("a rotation naming the secret's ARN (awsId) or name as a literal passes", async () => {
    await expectClean(policy(rule), [secret, rotation({}, { secretId: [] })]);
    await expectClean(policy(rule), [secret, rotation({ secretId: "db" }, { secretId: [] })]);
  });
  it("no rotation is the finding", async () => {
    expect(await violationsOf(rule, [secret])).to.deep.equal([
      "db: The secret has no automatic rotation.",
    ]);
  });
  it("a rotation of another secret is the finding", async () => {
    const other = rotation({ secretId: ARN.replace("db-", "other-") }, { secretId: [] });
    expect(await violationsOf(rule, [secret, other])).to.have.length(1);
  });
  it("automaticallyAfterDays 180 is the finding", async () => {
    const found = await violationsOf(rule, [
      secret,
      rotation({ rotationRules: { automaticallyAfterDays: 180 } }),
    ]);
    expect(found).to.deep.equal(["db: The secret rotates every 180 days (> 90)."]);
  });
  it("rotationRules left out is the finding", async () => {
    const found = await violationsOf(rule, [secret, rotation({ rotationRules: undefined })]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("has no rotationRules");
  });
  it("a secretId unknown at preview with no dependency is a preview note", async () => {
    const s = rotation({ secretId: UNKNOWN }, { secretId: [] });
    expect(await violationsOf(rule, [secret, s])).to.deep.equal([]);
    expect(await previewNotes(policy(rule), [secret, s])).to.have.length(1);
  });
  it("a classic secret rotated by a native schedule passes", async () => {
    const classic = res("aws:secretsmanager/secret:Secret", "legacy", { name: "legacy" });
    await expectClean(policy(rule), [classic, rotation({}, { secretId: [classic] })]);
  });
});
