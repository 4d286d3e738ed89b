// Cognito user pools: the password policy's bounds, the MFA, deletion-protection and attribute
// enumerations (AWS SDK enumerations, `enum.Validate[awstypes.X]()`, judged as growing: a value of
// their shape is accepted as one a newer provider may list), the triggers' and senders' ARNs, and
// alias and username attributes not both. Each entry names the provider file that declares it.
// The pool's name takes any value of 1 to 128 characters or one matching its (unanchored)
// pattern: not judged.
import type { CrossRule, InputRule } from "./rule";
import { conflictsWith } from "./rule";
import { CAMEL, intBetween, LOWER_SNAKE, oneOfGrowing, validARN, Validator } from "./validators";

const POOL = "aws:cognito/userPool:UserPool";
const COGNITO = "internal/service/cognitoidp/user_pool.go";

function pool(prop: string, attr: string, validate: Validator, fix: string): InputRule {
  return { type: POOL, prop, attr, validate, fix, source: COGNITO };
}

/** The Lambda triggers of `lambda_config` validated as ARNs (verify.ValidARN). */
const TRIGGERS: [prop: string, attr: string][] = [
  ["createAuthChallenge", "create_auth_challenge"],
  ["customMessage", "custom_message"],
  ["defineAuthChallenge", "define_auth_challenge"],
  ["kmsKeyId", "kms_key_id"],
  ["postAuthentication", "post_authentication"],
  ["postConfirmation", "post_confirmation"],
  ["preAuthentication", "pre_authentication"],
  ["preSignUp", "pre_sign_up"],
  ["preTokenGeneration", "pre_token_generation"],
  ["userMigration", "user_migration"],
  ["verifyAuthChallengeResponse", "verify_auth_challenge_response"],
];

export const COGNITO_RULES: readonly InputRule[] = [
  pool(
    "passwordPolicy.minimumLength",
    "password_policy.0.minimum_length",
    intBetween(6, 99),
    "a minimum password length from 6 to 99",
  ),
  pool(
    "passwordPolicy.temporaryPasswordValidityDays",
    "password_policy.0.temporary_password_validity_days",
    intBetween(0, 365),
    "a temporary password validity from 0 to 365 days",
  ),
  pool(
    "mfaConfiguration",
    "mfa_configuration",
    oneOfGrowing(["OFF", "ON", "OPTIONAL"]),
    "OFF, ON or OPTIONAL (upper case)",
  ),
  pool(
    "deletionProtection",
    "deletion_protection",
    oneOfGrowing(["ACTIVE", "INACTIVE"]),
    "ACTIVE or INACTIVE (upper case)",
  ),
  pool(
    "aliasAttributes",
    "alias_attributes",
    oneOfGrowing(["phone_number", "email", "preferred_username"], LOWER_SNAKE),
    "phone_number, email or preferred_username",
  ),
  ...(
    [
      ["autoVerifiedAttributes", "auto_verified_attributes"],
      ["usernameAttributes", "username_attributes"],
    ] as const
  ).map(([prop, attr]) =>
    pool(prop, attr, oneOfGrowing(["phone_number", "email"], LOWER_SNAKE), "phone_number or email"),
  ),
  pool(
    "schemas.attributeDataType",
    "schema.attribute_data_type",
    oneOfGrowing(["String", "Number", "DateTime", "Boolean"], CAMEL),
    "String, Number, DateTime or Boolean (as AWS spells them)",
  ),
  pool(
    "userPoolAddOns.advancedSecurityMode",
    "user_pool_add_ons.0.advanced_security_mode",
    oneOfGrowing(["OFF", "AUDIT", "ENFORCED"]),
    "OFF, AUDIT or ENFORCED",
  ),
  pool(
    "emailConfiguration.emailSendingAccount",
    "email_configuration.0.email_sending_account",
    oneOfGrowing(["COGNITO_DEFAULT", "DEVELOPER"]),
    "COGNITO_DEFAULT or DEVELOPER",
  ),
  pool(
    "emailConfiguration.sourceArn",
    "email_configuration.0.source_arn",
    validARN,
    "the SES identity's ARN",
  ),
  ...TRIGGERS.map(([prop, attr]) =>
    pool(
      `lambdaConfig.${prop}`,
      `lambda_config.0.${attr}`,
      validARN,
      "a function's `arn` output (a key's `arn` for kmsKeyId), not its name",
    ),
  ),
];

export const COGNITO_CROSS_RULES: readonly CrossRule[] = [
  conflictsWith(
    POOL,
    ["aliasAttributes", "alias_attributes"],
    ["usernameAttributes", "username_attributes"],
    COGNITO,
  ),
];
