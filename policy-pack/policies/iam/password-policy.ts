// The account's IAM password policy (advisory): a program that sets one sets a strong one. The
// platform signs people in through roles, not IAM users, so these rules only judge a policy the
// program writes; they never ask for one. Once written, the policy replaces AWS's default
// (8 characters, 3 of 4 character types). The provider's defaults are weaker: a minimum length of
// 6 (hashicorp/terraform-provider-aws, internal/service/iam/account_password_policy.go, which the
// Pulumi provider bridges) and a character type it does not send is not required
// (UpdateAccountPasswordPolicy: "the default value of false"), which is why a property left out
// is a finding here.
import { resourcePolicy } from "../../lib/define";
import { awsDocs, checkov, fsbp, kics } from "../../lib/controls";
import { flagOn } from "../../lib/values";

/** aws.iam.AccountPasswordPolicy (one per account). */
export const IAM_ACCOUNT_PASSWORD_POLICY = "aws:iam/accountPasswordPolicy:AccountPasswordPolicy";

/** CIS AWS Foundations 1.8 and Security Hub IAM.15: at least 14 characters. */
export const MIN_PASSWORD_LENGTH = 14;

/** Why these rules judge no aws-native type. */
const NO_NATIVE_TWIN = "CloudFormation has no type for the account's IAM password policy.";

// --- iam-password-policy-minimum-length --------------------------------------------------------
export const passwordPolicyMinimumLength = resourcePolicy({
  name: "iam-password-policy-minimum-length",
  description:
    `The account password policy asks for passwords of at least ${MIN_PASSWORD_LENGTH} ` +
    "characters (CIS AWS Foundations 1.8). Advisory: people should sign in through roles; a " +
    "policy the program writes should still not weaken the console's passwords.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps: `Set \`minimumPasswordLength: ${MIN_PASSWORD_LENGTH}\` (or more) on the aws.iam.AccountPasswordPolicy.`,
  references: [
    checkov("CKV_AWS_10"),
    kics("IAM Password Without Minimum Length"),
    fsbp("IAM.15"),
    awsDocs("IAM/latest/UserGuide/id_credentials_passwords_account-policy"),
  ],
  noNativeTwin: NO_NATIVE_TWIN,
  types: [IAM_ACCOUNT_PASSWORD_POLICY],
  check: (props, ctx) => {
    const length = props.minimumPasswordLength;
    if (typeof length !== "number" || length < MIN_PASSWORD_LENGTH) {
      ctx.report(
        `minimumPasswordLength is ${String(length ?? "not set (the provider's default, 6)")}: ` +
          `at least ${MIN_PASSWORD_LENGTH} is required.`,
      );
    }
  },
});

// --- iam-password-policy-{lowercase,uppercase,numbers,symbols} ---------------------------------
// One rule per character type, as Checkov and KICS have them, so a finding names the one setting
// to change and a waiver covers exactly one.
interface CharacterType {
  readonly key: string;
  readonly slug: string;
  readonly label: string;
  readonly checkovId: string;
  readonly kicsName?: string;
}

function characterTypeRule(t: CharacterType) {
  return resourcePolicy({
    name: `iam-password-policy-${t.slug}`,
    description:
      `The account password policy requires at least one ${t.label} (${t.key}). Advisory: ` +
      "left out, a policy the program writes requires none (the provider's default is false).",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: `Set \`${t.key}: true\` on the aws.iam.AccountPasswordPolicy.`,
    references: [
      checkov(t.checkovId),
      ...(t.kicsName ? [kics(t.kicsName)] : []),
      fsbp("IAM.7"),
      awsDocs("IAM/latest/UserGuide/id_credentials_passwords_account-policy"),
    ],
    noNativeTwin: NO_NATIVE_TWIN,
    types: [IAM_ACCOUNT_PASSWORD_POLICY],
    check: (props, ctx) => {
      if (!flagOn(props[t.key])) {
        ctx.report(`${t.key} is ${String(props[t.key] ?? "not set (false)")}.`);
      }
    },
  });
}

export const passwordPolicyLowercase = characterTypeRule({
  key: "requireLowercaseCharacters",
  slug: "lowercase",
  label: "lowercase letter",
  checkovId: "CKV_AWS_11",
  kicsName: "IAM Password Without Lowercase Letter",
});

export const passwordPolicyUppercase = characterTypeRule({
  key: "requireUppercaseCharacters",
  slug: "uppercase",
  label: "uppercase letter",
  checkovId: "CKV_AWS_15",
});

export const passwordPolicyNumbers = characterTypeRule({
  key: "requireNumbers",
  slug: "numbers",
  label: "number",
  checkovId: "CKV_AWS_12",
});

export const passwordPolicySymbols = characterTypeRule({
  key: "requireSymbols",
  slug: "symbols",
  label: "symbol",
  checkovId: "CKV_AWS_14",
});
