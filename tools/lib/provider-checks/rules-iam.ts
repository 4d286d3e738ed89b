// IAM: the name, path, session and ARN validators of roles, policies, instance profiles and users.
// Names follow `validResourceName(max)` = StringLenBetween(1, max) + StringMatch(`^[\w+=,.@-]*$`,
// "must match [\w+=,.@-]") (internal/service/iam/validate.go); a `namePrefix` leaves room for
// the 26 characters of Terraform's unique suffix (id.UniqueIDSuffixLength).
import { conflictsWith, CrossRule, InputRule } from "./rule";
import {
  all,
  custom,
  goQuote,
  intBetween,
  lenBetween,
  matches,
  notMatches,
  validARN,
  Validator,
} from "./validators";
import { iamPolicyJSON } from "./validators-formats";

const UNIQUE_SUFFIX = 26;

function resourceName(max: number): Validator {
  return all(lenBetween(1, max), matches(/^[\w+=,.@-]*$/, "must match [\\w+=,.@-]"));
}

const NAME_FIX =
  "use only letters, digits and + = , . @ _ - (a logical name Pulumi turns into the name must " +
  "keep to them too), within the length";

function named(type: string, max: number, source: string): InputRule[] {
  return [
    { type, prop: "name", attr: "name", validate: resourceName(max), fix: NAME_FIX, source },
    {
      type,
      prop: "namePrefix",
      attr: "name_prefix",
      validate: resourceName(max - UNIQUE_SUFFIX),
      fix: `${NAME_FIX}; a prefix at most ${max - UNIQUE_SUFFIX} characters`,
      source,
    },
  ];
}

/** A user's or group's name, judged by the provider's pattern. */
function userOrGroupName(type: string, source: string): InputRule {
  return {
    type,
    prop: "name",
    attr: "name",
    validate: matches(
      /^[0-9A-Za-z=,.@\-_+]+$/,
      "must only contain alphanumeric characters, hyphens, underscores, commas, periods, @ symbols, plus and equals signs",
    ),
    fix: NAME_FIX,
    source,
  };
}

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const PROFILE = "aws:iam/instanceProfile:InstanceProfile";
const USER = "aws:iam/user:User";
const GROUP = "aws:iam/group:Group";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

export const IAM_RULES: readonly InputRule[] = [
  ...named(ROLE, 64, "internal/service/iam/role.go"),
  {
    type: ROLE,
    prop: "path",
    attr: "path",
    validate: lenBetween(0, 512),
    fix: "a path of at most 512 characters",
    source: "internal/service/iam/role.go",
  },
  {
    type: ROLE,
    prop: "description",
    attr: "description",
    // The provider's third check, StringMatch(`[\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]*`), is
    // unanchored and matches any value.
    validate: all(
      lenBetween(0, 1000),
      notMatches(/[“‘]/, "cannot contain specially formatted single or double quotes: [“‘]"),
    ),
    fix: "a description of at most 1000 characters, with plain quotes (' \") not curly ones",
    source: "internal/service/iam/role.go",
  },
  ...(
    [
      [ROLE, "assumeRolePolicy", "assume_role_policy", "role"],
      [POLICY, "policy", "policy", "policy"],
      [ROLE_POLICY, "policy", "policy", "role_policy"],
    ] as const
  ).map(([type, prop, attr, file]): InputRule => ({
    type,
    prop,
    attr,
    validate: iamPolicyJSON,
    fix: "a policy document as a JSON object: JSON.stringify({ Version, Statement }) or aws.iam.getPolicyDocumentOutput(...).json",
    source: `internal/service/iam/${file}.go`,
  })),
  {
    type: ROLE,
    prop: "maxSessionDuration",
    attr: "max_session_duration",
    validate: intBetween(3600, 43200),
    fix: "a duration in seconds from 3600 (1 hour) to 43200 (12 hours)",
    source: "internal/service/iam/role.go",
  },
  {
    type: ROLE,
    prop: "permissionsBoundary",
    attr: "permissions_boundary",
    validate: validARN,
    fix: "the ARN of a managed policy (arn:aws:iam::<account>:policy/<name>), not its name",
    source: "internal/service/iam/role.go",
  },
  {
    type: ROLE,
    prop: "managedPolicyArns",
    attr: "managed_policy_arns",
    validate: validARN,
    fix: "ARNs of managed policies, not their names",
    source: "internal/service/iam/role.go",
  },
  ...named(POLICY, 128, "internal/service/iam/policy.go"),
  ...named(PROFILE, 128, "internal/service/iam/instance_profile.go"),
  userOrGroupName(USER, "internal/service/iam/user.go"),
  // The group's only validator: its path has none (internal/service/iam/group.go).
  userOrGroupName(GROUP, "internal/service/iam/group.go"),
  {
    type: USER,
    prop: "permissionsBoundary",
    attr: "permissions_boundary",
    validate: lenBetween(0, 2048),
    fix: "a policy ARN of at most 2048 characters",
    source: "internal/service/iam/user.go",
  },
];

const SOURCE_FILE: Record<string, string> = {
  [ROLE]: "role",
  [POLICY]: "policy",
  [PROFILE]: "instance_profile",
  [ROLE_POLICY]: "role_policy",
};

/**
 * An account field `verify.ValidARN` takes (internal/verify/validate.go, validateAccountID: twelve
 * digits or one of AWS's words), or none: where the check's ARN test is more lenient than the
 * provider's, the provider would read the value as a name and let it pass.
 */
const ARN_ACCOUNT =
  /^arn:[^:]*:[^:]*:[^:]*:(\d{12}|aws|aws-managed|third-party|aws-marketplace|cw.{10})?:/;

/**
 * `validRolePolicyRole`: the role of an inline policy is the role's name, never its ARN
 * (internal/service/iam/validate.go).
 */
const rolePolicyRole = all(
  lenBetween(1, 128),
  custom(
    (s) => validARN(s, "role").length > 0 || !ARN_ACCOUNT.test(s),
    (k) => `${goQuote(k)} must be the role's name not its ARN`,
  ),
);

export const ROLE_POLICY_RULES: readonly InputRule[] = [
  ...named(ROLE_POLICY, 128, "internal/service/iam/role_policy.go"),
  {
    type: ROLE_POLICY,
    prop: "role",
    attr: "role",
    validate: rolePolicyRole,
    fix: "the role's name (its `name` or `id` output), not its `arn`",
    source: "internal/service/iam/validate.go",
  },
];

export const IAM_CROSS_RULES: readonly CrossRule[] = [ROLE, POLICY, PROFILE, ROLE_POLICY].map(
  (type) =>
    conflictsWith(
      type,
      ["name", "name"],
      ["namePrefix", "name_prefix"],
      `internal/service/iam/${SOURCE_FILE[type]}.go`,
    ),
);
