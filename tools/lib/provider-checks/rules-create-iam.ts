// Limits IAM enforces when the provider creates a role, user, group or policy at `pulumi up`, which
// the provider's schema passes on (`by: "aws"`): the size of a policy document (a managed policy's,
// an inline policy's, every inline policy of a role together), the characters a policy document
// may hold, a path that begins and ends with `/`, and a managed policy's description of at most
// 1000 characters. The provider checks a document only as JSON (verify.ValidIAMPolicyJSON), a
// role's path only for its length and the other paths and descriptions not at all
// (internal/service/iam/role.go, user.go, group.go, policy.go, instance_profile.go). Each rule
// cites the AWS page that states the limit.
import { awsRule, CrossRule, InputRule } from "./rule";
import { jsonDocument, Validator } from "./validators";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const USER_POLICY = "aws:iam/userPolicy:UserPolicy";
const GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
const USER = "aws:iam/user:User";
const GROUP = "aws:iam/group:Group";
const PROFILE = "aws:iam/instanceProfile:InstanceProfile";

/**
 * IAM and AWS STS quotas: "Managed policy size: 6,144 characters"; "the total aggregate policy
 * size (the sum size of all inline policies) per entity cannot exceed": user 2,048, role 10,240,
 * group 5,120 characters; "IAM does not count white space when calculating the size of a policy
 * against these quotas". None of these can be raised. Also: "Policy documents can contain only the
 * following Unicode characters: horizontal tab (U+0009), linefeed (U+000A), carriage return
 * (U+000D), and characters in the range U+0020 to U+00FF", and "Path names must begin and end
 * with a forward slash (/)".
 */
export const QUOTAS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html";

/** The inline policies of one user, role or group together, characters without white space. */
export const INLINE_TOTAL = { user: 2048, role: 10240, group: 5120 } as const;

/** What to do with a role's inline policies over their total. */
export const ROLE_INLINE_FIX =
  "move statements to a managed policy (aws.iam.Policy, 6144 characters each, attached with " +
  "aws.iam.RolePolicyAttachment), or merge and trim statements (one statement for many " +
  "resources, wildcards in ARNs)";

/** CreatePolicy, `Description`: "Maximum length of 1000". */
const CREATE_POLICY = "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html";

/**
 * The characters of a document IAM counts, at least: the provider sends the document as
 * `structure.NormalizeJsonString` writes it (compact JSON, Go's escapes, which are never shorter
 * than JavaScript's), and IAM leaves white space out of the count. White space inside strings is
 * left out here too, so the count is never more than IAM's. A document given as an object is
 * counted as the bridge sends it, its compact JSON (./validators.ts jsonDocument). Undefined for
 * text that is not JSON (the provider's own refusal, at preview).
 */
export function policySize(v: unknown): number | undefined {
  const doc = jsonDocument(v);
  if (doc === undefined) return undefined;
  return [...JSON.stringify(doc)].filter((c) => !/\s/.test(c)).length;
}

/** A document of more than `max` characters, white space not counted. */
function policyAtMost(max: number, what: string): Validator {
  return (v, k) => {
    const n = policySize(v);
    return n !== undefined && n > max
      ? [`${k} is ${n} characters without white space, over the ${max} of ${what}`]
      : [];
  };
}

/** Every key and string value of a parsed document. */
function documentStrings(doc: unknown, out: string[] = []): string[] {
  if (typeof doc === "string") out.push(doc);
  else if (Array.isArray(doc)) doc.forEach((x) => documentStrings(x, out));
  else if (doc && typeof doc === "object")
    for (const [key, x] of Object.entries(doc)) {
      out.push(key);
      documentStrings(x, out);
    }
  return out;
}

/**
 * Characters a policy document may not hold: outside tab, line feed, carriage return and U+0020
 * to U+00FF, in its keys and string values as parsed. The provider re-encodes the document with
 * Go's `json.Marshal` (`structure.NormalizeJsonString`), which writes every character past U+007F
 * out as it is, so `\u2019` in the text reaches IAM as the character; only U+2028 and U+2029 stay
 * escaped (Go's encoding/json escapes them, with `<`, `>` and `&`), and those IAM reads as ASCII.
 * The text outside strings is JSON's own characters.
 */
const policyCharacters: Validator = (v, k) => {
  const doc = jsonDocument(v);
  if (doc === undefined) return [];
  const chars = documentStrings(doc).flatMap((s) => [...s]);
  const bad = [...new Set(chars.filter((c) => !/^[\t\n\r\u0020-\u00ff\u2028\u2029]$/.test(c)))];
  return bad.length > 0
    ? [
        `${k} holds ${bad.map((c) => JSON.stringify(c)).join(", ")}: IAM takes policy documents ` +
          "of tab, line feed, carriage return and U+0020 to U+00FF only",
      ]
    : [];
};

const POLICY_CHARACTERS_FIX =
  "plain quotes and text in the document: no curly quotes, long dashes, emoji or characters " +
  "past U+00FF";

/** CreateRole, CreateUser, …, `Path`: "Pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F)". */
const path: Validator = (v, k) =>
  typeof v === "string" && v !== "/" && !/^\/[\u0021-\u007e]+\/$/.test(v)
    ? [
        `${k} ${JSON.stringify(v)}: an IAM path begins and ends with "/" and holds printable ` +
          "ASCII only, no spaces",
      ]
    : [];

const PATH_FIX = 'a path such as "/" or "/service-roles/": "/" first and last, no spaces';

const description: Validator = (v, k) =>
  typeof v === "string" && [...v].length > 1000
    ? [`${k} is ${[...v].length} characters, over the 1000 of a policy's description`]
    : [];

/** Every inline policy of a role (`inlinePolicies`) together, white space not counted. */
const roleInlineTotal: CrossRule = {
  type: ROLE,
  what: "the role's inline policies at most 10240 characters together",
  reads: ["inlinePolicies"],
  check: (inputs) => {
    const list: unknown[] = Array.isArray(inputs.inlinePolicies) ? inputs.inlinePolicies : [];
    const sizes = list.map((p) => policySize((p as { policy?: unknown } | null)?.policy) ?? 0);
    const total = sizes.reduce((a, b) => a + b, 0);
    // One policy over the quota alone is the input rule's refusal; this one is of the sum.
    const max = INLINE_TOTAL.role;
    if (total <= max || sizes.some((n) => n > max)) return [];
    return [
      {
        prop: "inlinePolicies",
        value: `${list.length} policies`,
        says: `the role's ${list.length} inline policies are ${total} characters without white space together, over the ${max} IAM takes per role`,
      },
    ];
  },
  fix: ROLE_INLINE_FIX,
  source: QUOTAS,
  by: "aws",
};

const SIZE_FIX =
  "split the statements over several managed policies (aws.iam.Policy, attached with " +
  "aws.iam.RolePolicyAttachment) or trim them (one statement for many actions or resources)";

export const CREATE_IAM_RULES: readonly InputRule[] = [
  awsRule(POLICY, "policy", "policy", policyAtMost(6144, "a managed policy"), SIZE_FIX, QUOTAS),
  awsRule(
    ROLE_POLICY,
    "policy",
    "policy",
    policyAtMost(INLINE_TOTAL.role, "a role's inline policies"),
    SIZE_FIX,
    QUOTAS,
  ),
  awsRule(
    ROLE,
    "inlinePolicies.policy",
    "inline_policy.0.policy",
    policyAtMost(INLINE_TOTAL.role, "a role's inline policies"),
    SIZE_FIX,
    QUOTAS,
  ),
  awsRule(
    USER_POLICY,
    "policy",
    "policy",
    policyAtMost(INLINE_TOTAL.user, "a user's inline policies"),
    "attach managed policies (aws.iam.UserPolicyAttachment) or put the user in a group",
    QUOTAS,
  ),
  awsRule(
    GROUP_POLICY,
    "policy",
    "policy",
    policyAtMost(INLINE_TOTAL.group, "a group's inline policies"),
    "attach managed policies (aws.iam.GroupPolicyAttachment) instead",
    QUOTAS,
  ),
  ...(
    [
      [ROLE, "assumeRolePolicy", "assume_role_policy"],
      [ROLE, "inlinePolicies.policy", "inline_policy.0.policy"],
      [POLICY, "policy", "policy"],
      [ROLE_POLICY, "policy", "policy"],
      [USER_POLICY, "policy", "policy"],
      [GROUP_POLICY, "policy", "policy"],
    ] as const
  ).map(([type, prop, attr]) =>
    awsRule(type, prop, attr, policyCharacters, POLICY_CHARACTERS_FIX, QUOTAS),
  ),
  ...[ROLE, USER, GROUP, POLICY, PROFILE].map((type) =>
    awsRule(type, "path", "path", path, PATH_FIX, QUOTAS),
  ),
  awsRule(
    POLICY,
    "description",
    "description",
    description,
    "a description of at most 1000 characters",
    CREATE_POLICY,
  ),
];

export const CREATE_IAM_CROSS_RULES: readonly CrossRule[] = [roleInlineTotal];
