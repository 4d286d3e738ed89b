// Cognito sign-in: user pool MFA (cdk-nag AwsSolutions-COG2), threat protection (cdk-nag
// AwsSolutions-COG3, Security Hub Cognito.1), password policy (cdk-nag AwsSolutions-COG1) and
// identity pools without guest credentials (cdk-nag AwsSolutions-COG7, Security Hub Cognito.2),
// from the provider's examples and each broken field.
import { expect } from "chai";
import { COGNITO_IDENTITY_POOL, COGNITO_USER_POOL } from "../../../policy-pack/lib/types";
import { expectClean, policy, res, violationsOf } from "../fixture";
import {
  COG1_MINIMUM_PASSWORD_POLICY,
  STRONG_PASSWORD_POLICY,
  WITHOUT_LOWERCASE,
} from "../fixtures/identity";

// The provider's "Enabling SMS and Software Token Multi-Factor Authentication" example, with
// threat protection on the Plus plan and a password policy.
const pool = (over: Record<string, unknown> = {}) =>
  res(COGNITO_USER_POOL, "example", {
    smsConfiguration: {
      externalId: "example",
      snsCallerArn: "arn:aws:iam::123456789012:role/sms",
      snsRegion: "us-east-1",
    },
    softwareTokenMfaConfiguration: { enabled: true },
    mfaConfiguration: "ON",
    smsAuthenticationMessage: "Your code is {####}",
    userPoolTier: "PLUS",
    userPoolAddOns: { advancedSecurityMode: "ENFORCED" },
    passwordPolicy: STRONG_PASSWORD_POLICY,
    ...over,
  });
// The provider's "Basic configuration" example.
const basic = res(COGNITO_USER_POOL, "pool", { name: "mypool" });

describe("cognito-user-pool-mfa", () => {
  const p = policy("cognito-user-pool-mfa");
  it('COG2 compliant: mfaConfiguration "ON" (provider MFA example)', async () => {
    await expectClean(p, [pool()]);
  });
  it("COG2: the provider's basic example leaves MFA off", async () => {
    expect(await violationsOf(p.name, [basic])).to.deep.equal([
      'pool: mfaConfiguration is not set (default "OFF"): users sign in with a password alone.',
    ]);
  });
  it('COG2: "OPTIONAL" and "OFF"', async () => {
    expect(await violationsOf(p.name, [pool({ mfaConfiguration: "OPTIONAL" })])).to.deep.equal([
      'example: mfaConfiguration is "OPTIONAL": MFA is not required of every user.',
    ]);
    expect(await violationsOf(p.name, [pool({ mfaConfiguration: "OFF" })])).to.have.length(1);
  });
});

describe("cognito-user-pool-threat-protection", () => {
  const p = policy("cognito-user-pool-threat-protection");
  it('COG3 / Cognito.1 compliant: advancedSecurityMode "ENFORCED"', async () => {
    await expectClean(p, [pool()]);
  });
  it("COG3 / Cognito.1: no add-ons (provider basic example)", async () => {
    expect(await violationsOf(p.name, [basic])).to.deep.equal([
      "pool: No userPoolAddOns.advancedSecurityMode: threat protection is off.",
    ]);
  });
  it('Cognito.1: "AUDIT" only collects metrics', async () => {
    expect(
      await violationsOf(p.name, [pool({ userPoolAddOns: { advancedSecurityMode: "AUDIT" } })]),
    ).to.deep.equal(['example: userPoolAddOns.advancedSecurityMode is "AUDIT", not "ENFORCED".']);
  });
});

describe("cognito-user-pool-password-policy", () => {
  const p = policy("cognito-user-pool-password-policy");
  it("COG1 compliant: a strong policy, and none set (the provider's basic example)", async () => {
    await expectClean(p, [pool(), basic]);
  });
  // COG1 asks for no lowercase letter (cdk-nag CognitoUserPoolStrongPasswordPolicy), nor does the
  // rule: the least COG1 accepts passes with requireLowercase left out or false.
  for (const [what, passwordPolicy] of WITHOUT_LOWERCASE) {
    it(`COG1 compliant: ${what} (COG1 does not check it)`, async () => {
      await expectClean(p, [pool({ passwordPolicy })]);
    });
  }
  it("COG1: a minimum length below 8", async () => {
    const weak = pool({ passwordPolicy: { ...COG1_MINIMUM_PASSWORD_POLICY, minimumLength: 6 } });
    expect(await violationsOf(p.name, [weak])).to.deep.equal([
      "example: passwordPolicy.minimumLength is 6 (at least 8).",
    ]);
  });
  for (const field of ["requireUppercase", "requireNumbers", "requireSymbols"]) {
    it(`COG1: ${field} false`, async () => {
      // The least COG1 accepts (8 characters, no requireLowercase) with the field broken.
      const weak = pool({ passwordPolicy: { ...COG1_MINIMUM_PASSWORD_POLICY, [field]: false } });
      expect(await violationsOf(p.name, [weak])).to.deep.equal([
        `example: passwordPolicy.${field} is false.`,
      ]);
    });
  }
});

describe("cognito-identity-pool-no-unauthenticated", () => {
  const p = policy("cognito-identity-pool-no-unauthenticated");
  // The provider's aws.cognito.IdentityPool example.
  const identityPool = (allowUnauthenticatedIdentities?: boolean) =>
    res(COGNITO_IDENTITY_POOL, "main", {
      cognitoIdentityProviders: [
        {
          clientId: "6lhlkkfbfb4q5kpp90urffae",
          providerName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_Tv0493apJ",
          serverSideTokenCheck: false,
        },
      ],
      identityPoolName: "identity pool",
      allowUnauthenticatedIdentities,
      allowClassicFlow: false,
    });
  it("COG7 / Cognito.2 compliant: the provider example (false) and the flag left out", async () => {
    await expectClean(p, [identityPool(false), identityPool(undefined)]);
  });
  it("COG7 / Cognito.2: allowUnauthenticatedIdentities true", async () => {
    expect(await violationsOf(p.name, [identityPool(true)])).to.deep.equal([
      "main: allowUnauthenticatedIdentities is true: guests get AWS credentials.",
    ]);
  });
});
