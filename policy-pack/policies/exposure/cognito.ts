// Sign-in to what the stack exposes: Cognito user pools (MFA, threat protection, password policy)
// and identity pools (no AWS credentials for unauthenticated guests).
import { reportIf, resourcePolicy } from "../../lib/define";
import { COGNITO_IDENTITY_POOL, COGNITO_USER_POOL } from "../../lib/types";
import { NATIVE_COGNITO_IDENTITY_POOL, NATIVE_COGNITO_USER_POOL } from "../../lib/native/types";
import { numberish, flagValue } from "../../lib/values";
import { awsDocs, cdkNag, checkov, fsbp } from "../../lib/controls";

export const cognitoUserPoolMfa = resourcePolicy({
  name: "cognito-user-pool-mfa",
  description:
    'Cognito user pools require multi-factor authentication (mfaConfiguration "ON"). The ' +
    'provider\'s default is "OFF"; "OPTIONAL" leaves each user to choose. Advisory.',
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `mfaConfiguration: "ON"` with `softwareTokenMfaConfiguration: { enabled: true }` (or ' +
    "an SMS or email MFA configuration).",
  references: [
    cdkNag("AwsSolutions-COG2"),
    awsDocs("cognito/latest/developerguide/user-pool-settings-mfa"),
  ],
  types: [COGNITO_USER_POOL, NATIVE_COGNITO_USER_POOL],
  check: (props, ctx) => {
    const mfa = String(props.mfaConfiguration ?? "OFF").toUpperCase();
    if (mfa !== "ON") {
      ctx.report(
        props.mfaConfiguration === undefined
          ? 'mfaConfiguration is not set (default "OFF"): users sign in with a password alone.'
          : `mfaConfiguration is "${mfa}": MFA is not required of every user.`,
      );
    }
  },
});

export const cognitoUserPoolThreatProtection = resourcePolicy({
  name: "cognito-user-pool-threat-protection",
  description:
    "Cognito user pools turn threat protection (advanced security) on in full-function mode " +
    '(userPoolAddOns.advancedSecurityMode "ENFORCED"), which blocks sign-ins with compromised ' +
    "credentials and adapts to risky ones. Off unless the add-on is set; it needs the Plus " +
    "feature plan. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `userPoolTier: "PLUS"` and `userPoolAddOns: { advancedSecurityMode: "ENFORCED" }`; ' +
    "waive the rule with the reason where the Plus plan's cost is not justified.",
  references: [
    cdkNag("AwsSolutions-COG3"),
    fsbp("Cognito.1"),
    awsDocs("cognito/latest/developerguide/cognito-user-pool-settings-threat-protection"),
  ],
  types: [COGNITO_USER_POOL, NATIVE_COGNITO_USER_POOL],
  check: (props, ctx) => {
    const mode = props.userPoolAddOns?.advancedSecurityMode;
    if (String(mode ?? "OFF").toUpperCase() !== "ENFORCED") {
      ctx.report(
        mode === undefined
          ? "No userPoolAddOns.advancedSecurityMode: threat protection is off."
          : `userPoolAddOns.advancedSecurityMode is "${String(mode)}", not "ENFORCED".`,
      );
    }
  },
});

/** The shortest password cdk-nag AwsSolutions-COG1 accepts. */
const MIN_PASSWORD_LENGTH = 8;

export const cognitoUserPoolPasswordPolicy = resourcePolicy({
  name: "cognito-user-pool-password-policy",
  description:
    "Cognito user pools do not weaken their password policy: a passwordPolicy that sets " +
    `minimumLength below ${MIN_PASSWORD_LENGTH}, or sets requireUppercase, requireNumbers or ` +
    "requireSymbols to false, is reported. Only values the program sets are judged: what AWS " +
    "applies when passwordPolicy or one of its fields is left out is not confirmed here. " +
    "Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    `Set \`passwordPolicy: { minimumLength: ${MIN_PASSWORD_LENGTH} (or more), requireLowercase: ` +
    "true, requireUppercase: true, requireNumbers: true, requireSymbols: true }`.",
  references: [
    cdkNag("AwsSolutions-COG1"),
    awsDocs("cognito/latest/developerguide/managing-users-passwords"),
  ],
  types: [COGNITO_USER_POOL, NATIVE_COGNITO_USER_POOL],
  check: (props, ctx) => {
    const policy = props.passwordPolicy;
    if (!policy) return;
    const length = numberish(policy.minimumLength);
    if (length !== undefined && length < MIN_PASSWORD_LENGTH) {
      ctx.report(`passwordPolicy.minimumLength is ${length} (at least ${MIN_PASSWORD_LENGTH}).`);
    }
    for (const field of ["requireUppercase", "requireNumbers", "requireSymbols"]) {
      if (flagValue(policy[field]) === false) ctx.report(`passwordPolicy.${field} is false.`);
    }
  },
});

export const cognitoIdentityPoolNoUnauthenticated = resourcePolicy({
  name: "cognito-identity-pool-no-unauthenticated",
  description:
    "Cognito identity pools do not give AWS credentials to unauthenticated (guest) identities " +
    "(allowUnauthenticatedIdentities true): anyone on the internet could then act with the " +
    "pool's unauthenticated role. A deliberate guest role with narrow permissions gets a waiver " +
    "saying why.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `allowUnauthenticatedIdentities: false` (or leave it out), or waive the rule with " +
    "the reason and keep the unauthenticated role's policy minimal.",
  references: [
    cdkNag("AwsSolutions-COG7"),
    fsbp("Cognito.2"),
    checkov("CKV_AWS_366"),
    awsDocs("cognito/latest/developerguide/identity-pools"),
  ],
  types: [COGNITO_IDENTITY_POOL, NATIVE_COGNITO_IDENTITY_POOL],
  check: reportIf("allowUnauthenticatedIdentities", true, "guests get AWS credentials"),
});
