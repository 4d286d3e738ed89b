// The grammar IAM holds a policy document to when the provider creates a role, policy or inline
// policy at `pulumi up` (`by: "aws"`): IAM answers a document that breaks it with
// MalformedPolicyDocument, and the provider checks the document only as JSON
// (verify.ValidIAMPolicyJSON, internal/verify/json.go). The rules are cfn-lint's (E2507
// `iam/Policy.py`, W2512 `iam/Sid.py`), each confirmed on the IAM page cited beside it.
//
// Only what the pages state is judged, and only on documents IAM reads as identity or trust
// policies: an S3, SQS or SNS resource policy (other grammars, other Sid rules) is not judged.
// Element names are IAM's as the grammar writes them: a known element written in another case
// (`statement`, `effect`) is refused. The evidence is a lower-case top-level `statement`: IAM's
// API answers "Unknown field statement" (Service: Iam, Status Code: 400: the IAM call a resource
// handler makes with the document as given, pulumi/pulumi-aws-native#1616 and #1543,
// carina-rs/carina#637), and the classic provider's aws.iam.Role example written so failed to
// provision (pulumi/pulumi-converter-terraform#123). Each of those documents had every name in
// lower case and IAM's answer names one field, so no report shows its answer to a lower-case name
// inside a correctly cased `Statement`. Refusing one there is an inference, held sound because
// the answer is an unknown-field error (IAM's parser refuses a field it does not know rather than
// skipping it) and the grammar page defines a statement's elements in the same grammar, with the
// same written names, as the document's. Were a miscased key skipped instead, a required element
// would be missing (Effect; Action or NotAction; Resource or NotResource in a permission policy;
// Principal in a trust policy), which IAM refuses on the pages cited below; only for an optional
// one (Sid, Condition) does the refusal rest on the parser's strictness alone. The words say so:
// IAM's answer is quoted for neither, and a statement's are "case sensitive inside a statement
// too". Only a case variant of an element the grammar names is judged, not an unknown name. The
// other rules look elements up in any case, so a miscased element is refused once, for its case,
// and not also as missing. A statement whose element holds a value that is not yet known (an
// object document with an Output inside) is never reached, the rule only running on known values.
import { awsRule, InputRule } from "./rule";
import { jsonDocument, Validator } from "./validators";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const USER_POLICY = "aws:iam/userPolicy:UserPolicy";
const GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";

/** IAM JSON policy elements: Version: "IAM supports the following Version element values: 2012-10-17 … 2008-10-17". */
const VERSION =
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html";
/** IAM JSON policy elements: Effect: "The Effect element is required … Valid values for Effect are Allow and Deny. The Effect value is case sensitive." */
const EFFECT =
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_effect.html";
/**
 * IAM JSON policy elements reference: "you cannot use both Action and NotAction in the same policy
 * statement. Other pairs that are mutually exclusive include Principal/NotPrincipal and
 * Resource/NotResource"; the grammar (reference_policies_grammar.html) makes an action block,
 * `Action` or `NotAction`, part of every statement.
 */
const ELEMENTS =
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html";
/** IAM JSON policy elements: Resource: "Statements must include either a Resource or a NotResource element." */
const RESOURCE =
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html";
/**
 * AWS JSON policy elements: NotPrincipal: "You cannot use the NotPrincipal element in an IAM
 * identity-based policy nor in an IAM role trust policy."
 */
const NOT_PRINCIPAL =
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html";
/**
 * AWS JSON policy elements: Principal: "You must use the Principal element in resource-based
 * policies … The IAM resource-based policy type is a role trust policy"; "You cannot use the
 * Principal element in an identity-based policy" (IAM: "Has prohibited field Principal").
 */
const PRINCIPAL =
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html";
/**
 * IAM JSON policy elements: Sid: "In IAM, the Sid value must be unique within a JSON policy"; "The
 * Sid element supports ASCII uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)."
 */
const SID = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html";
/**
 * Grammar of the IAM JSON policy language: `policy = { <version_block?> <id_block?>
 * <statement_block> }`, `<statement_block> = "Statement" : …`, `<effect_block> = "Effect" : …`:
 * each element named as written.
 */
const GRAMMAR = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html";

const DOCUMENT_ELEMENTS = ["Version", "Id", "Statement"];
const STATEMENT_ELEMENTS = [
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
];

type Statement = Record<string, unknown>;

/** The value of element `name` of an object, its key matched in any case (undefined when absent). */
function element(
  o: Record<string, unknown>,
  name: string,
): { key: string; value: unknown } | undefined {
  const key = Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : { key, value: o[key] };
}

/**
 * An element written with a value: not `null`, `""`, `[]` or `{}`, which a document serialised
 * from a struct carries for every field left empty (`"NotAction": null, "Principal": {}`). Whether
 * IAM reads those as given is not documented, so they count as absent where an element is
 * prohibited, and as given where one is required: the check never refuses on them.
 */
function written(x: { value: unknown } | undefined): boolean {
  if (x === undefined) return false;
  const v = x.value;
  if (v === null || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  return typeof v !== "object" || Object.keys(v as object).length > 0;
}

/** The statements of a document (`Statement` one object or a list of them); [] when none. */
function statements(doc: unknown): Statement[] {
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return [];
  const s = element(doc as Record<string, unknown>, "Statement")?.value;
  const list = Array.isArray(s) ? s : s && typeof s === "object" ? [s] : [];
  return list.filter((x): x is Statement => !!x && typeof x === "object" && !Array.isArray(x));
}

/** A statement's name in a message: its Sid, else its place in the list. */
function named(st: Statement, i: number): string {
  const sid = element(st, "Sid")?.value;
  return typeof sid === "string" && sid !== ""
    ? `statement ${JSON.stringify(sid)}`
    : `statement ${i + 1}`;
}

/** A validator of each statement of the document; `check` returns the problem of one, or none. */
function eachStatement(check: (st: Statement) => string | undefined): Validator {
  return (v, k) => {
    const problems = statements(jsonDocument(v)).flatMap((st, i) => {
      const says = check(st);
      return says === undefined ? [] : [`${k}: ${named(st, i)} ${says}`];
    });
    return problems;
  };
}

const version: Validator = (v, k) => {
  const doc = jsonDocument(v);
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return [];
  // `"Version": ""` is an element written empty: how IAM reads it is not documented (see `written`).
  const given = element(doc as Record<string, unknown>, "Version")?.value;
  return typeof given === "string" &&
    given !== "" &&
    given !== "2012-10-17" &&
    given !== "2008-10-17"
    ? [
        `${k}: Version ${JSON.stringify(given)} is not one IAM supports ("2012-10-17" or "2008-10-17")`,
      ]
    : [];
};

/**
 * The one empty element judged: `"Effect": ""` is a value, and the Effect page names the only two
 * IAM takes. `"Effect": null` is sent to IAM as written (the provider re-serialises the document,
 * structure.NormalizeJsonString, keeping a null), and no page says how IAM reads it: not judged.
 */
const effect = eachStatement((st) => {
  const e = element(st, "Effect");
  if (e === undefined) return "has no Effect (IAM requires one: Allow or Deny)";
  return e.value === null || e.value === "Allow" || e.value === "Deny"
    ? undefined
    : `has Effect ${JSON.stringify(e.value)}: IAM takes "Allow" or "Deny", written so (case sensitive)`;
});

/** Exactly one of two elements: neither, or both, is a problem (`required` false: both only). */
function oneOf(a: string, b: string, required: boolean) {
  return eachStatement((st) => {
    const [x, y] = [element(st, a), element(st, b)];
    if (written(x) && written(y)) return `has both ${a} and ${b}, which exclude each other`;
    if (x === undefined && y === undefined && required)
      return `has neither ${a} nor ${b} (IAM requires one)`;
    return undefined;
  });
}

const noPrincipal = eachStatement((st) => {
  const p = [element(st, "Principal"), element(st, "NotPrincipal")].find(written);
  return p === undefined
    ? undefined
    : `has ${p.key}: an identity-based policy applies to the role, user or group it is attached to and may not name one`;
});

const trustPrincipal = eachStatement((st) =>
  // A NotPrincipal in its place is the rule below's refusal.
  element(st, "Principal") === undefined && !written(element(st, "NotPrincipal"))
    ? "has no Principal: a trust policy names who may assume the role"
    : undefined,
);

const trustNoNotPrincipal = eachStatement((st) =>
  written(element(st, "NotPrincipal"))
    ? "has NotPrincipal, which a role's trust policy may not use"
    : undefined,
);

const sidCharacters = eachStatement((st) => {
  const sid = element(st, "Sid")?.value;
  return typeof sid === "string" && !/^[A-Za-z0-9]*$/.test(sid)
    ? `has Sid ${JSON.stringify(sid)}: IAM takes letters A-Z, a-z and digits 0-9 only`
    : undefined;
});

const sidUnique: Validator = (v, k) => {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const st of statements(jsonDocument(v))) {
    const sid = element(st, "Sid")?.value;
    if (typeof sid !== "string" || sid === "") continue;
    (seen.has(sid) ? twice : seen).add(sid);
  }
  return [...twice].map(
    (sid) =>
      `${k}: Sid ${JSON.stringify(sid)} is given to two statements; IAM wants each Sid once in a policy`,
  );
};

/** The keys of `o` that name one of `elements` in another case, each with the name IAM reads. */
function miscased(o: Record<string, unknown>, elements: readonly string[]): string[] {
  return Object.keys(o).flatMap((k) => {
    const name = elements.find((e) => e.toLowerCase() === k.toLowerCase());
    return name !== undefined && name !== k ? [`"${k}" (write "${name}")`] : [];
  });
}

const elementCase: Validator = (v, k) => {
  const doc = jsonDocument(v);
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return [];
  const top = miscased(doc as Record<string, unknown>, DOCUMENT_ELEMENTS);
  const out = top.length
    ? [`${k}: IAM reads no element ${top.join(", ")}: element names are case sensitive`]
    : [];
  statements(doc).forEach((st, i) => {
    const bad = miscased(st, STATEMENT_ELEMENTS);
    if (bad.length)
      out.push(
        `${k}: ${named(st, i)} has ${bad.join(", ")}: element names are case sensitive inside a statement too`,
      );
  });
  return out;
};

/** The identity-based documents: a managed policy's, an inline policy's, a role's inline policies. */
const IDENTITY: readonly (readonly [type: string, prop: string, attr: string])[] = [
  [POLICY, "policy", "policy"],
  [ROLE_POLICY, "policy", "policy"],
  [USER_POLICY, "policy", "policy"],
  [GROUP_POLICY, "policy", "policy"],
  [ROLE, "inlinePolicies.policy", "inline_policy.0.policy"],
];
/** A role's trust policy. */
const TRUST = [ROLE, "assumeRolePolicy", "assume_role_policy"] as const;

const each = (
  docs: readonly (readonly [string, string, string])[],
  validate: Validator,
  fix: string,
  page: string,
): InputRule[] => docs.map(([type, prop, attr]) => awsRule(type, prop, attr, validate, fix, page));

export const CREATE_IAM_GRAMMAR_RULES: readonly InputRule[] = [
  ...each(
    [...IDENTITY, TRUST],
    elementCase,
    "element names as IAM writes them: Version, Statement, Sid, Effect, Principal, Action, Resource, Condition",
    GRAMMAR,
  ),
  ...each([...IDENTITY, TRUST], version, 'Version: "2012-10-17"', VERSION),
  ...each([...IDENTITY, TRUST], effect, 'Effect: "Allow" or "Deny", capitalised so', EFFECT),
  ...each(
    [...IDENTITY, TRUST],
    oneOf("Action", "NotAction", true),
    "one of Action or NotAction in each statement, not both",
    ELEMENTS,
  ),
  ...each(
    IDENTITY,
    oneOf("Resource", "NotResource", true),
    'one of Resource or NotResource in each statement (Resource: "*" where the actions take no resource)',
    RESOURCE,
  ),
  ...each(
    IDENTITY,
    noPrincipal,
    "leave Principal out of a permission policy (who may assume a role goes in its assumeRolePolicy; a bucket's or queue's own policy names principals)",
    PRINCIPAL,
  ),
  ...each(
    [TRUST],
    trustPrincipal,
    'a Principal in each statement, e.g. Principal: { Service: "lambda.amazonaws.com" }',
    PRINCIPAL,
  ),
  ...each(
    [TRUST],
    trustNoNotPrincipal,
    "name who may assume the role with Principal, and narrow it with a Condition",
    NOT_PRINCIPAL,
  ),
  ...each(IDENTITY, sidCharacters, 'a Sid of letters and digits only, e.g. "ReadBucket"', SID),
  ...each(IDENTITY, sidUnique, "a different Sid for each statement, or none", SID),
];
