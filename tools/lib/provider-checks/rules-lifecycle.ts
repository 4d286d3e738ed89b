// An ECR lifecycle policy's rules. The provider checks only that the policy is JSON; ECR evaluates
// the rules when the provider puts the policy at `pulumi up` ("The contents of your lifecycle
// policy is evaluated before being associated with a repository", LifecyclePolicies.html) and
// refuses one that breaks the properties page (`by: "aws"`). Only what that page states is
// judged; a count type or action the page does not list is left to ECR, as the service adds them.
import { awsRule, InputRule } from "./rule";
import { jsonDocument, type Validator } from "./validators";

const LIFECYCLE = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
const PROPERTIES =
  "https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html";

type Rule = {
  rulePriority?: unknown;
  selection?: {
    tagStatus?: unknown;
    tagPrefixList?: unknown;
    tagPatternList?: unknown;
    countType?: unknown;
    countUnit?: unknown;
    countNumber?: unknown;
    storageClass?: unknown;
  };
};

const given = (v: unknown) => Array.isArray(v) && v.length > 0;

/** The storage class a rule selects: its selection's, standard when it names none. */
const storageClass = (r: Rule): unknown => r?.selection?.storageClass ?? "standard";

/** One rule's problems, each prefixed with where it is (`rules[1].selection.tagStatus`). */
function ruleProblems(rule: Rule, at: string): string[] {
  const out: string[] = [];
  if (!Number.isInteger(rule.rulePriority))
    out.push(`${at}.rulePriority is required, a whole number (each rule's its own)`);
  const sel = rule.selection;
  if (!sel || typeof sel !== "object") return [...out, `${at}.selection is required`];
  const status = sel.tagStatus;
  // "Acceptable options are tagged, untagged, or any. … If you specify tagged, then you must also
  // specify a tagPrefixList value or a tagPatternList value. If you specify untagged, then you
  // must omit both tagPrefixList and tagPatternList."
  if (status !== "tagged" && status !== "untagged" && status !== "any")
    out.push(
      `${at}.selection.tagStatus must be tagged, untagged or any, got ${JSON.stringify(status)}`,
    );
  if (status === "tagged" && !given(sel.tagPrefixList) && !given(sel.tagPatternList))
    out.push(`${at}.selection: tagStatus tagged needs a tagPrefixList or a tagPatternList`);
  if (
    status === "untagged" &&
    (sel.tagPrefixList !== undefined || sel.tagPatternList !== undefined)
  )
    out.push(`${at}.selection: tagStatus untagged takes no tagPrefixList or tagPatternList`);
  // "There is a maximum limit of four wildcards (*) per string."
  if (Array.isArray(sel.tagPatternList))
    for (const p of sel.tagPatternList)
      if (typeof p === "string" && (p.match(/\*/g) ?? []).length > 4)
        out.push(
          `${at}.selection.tagPatternList: at most four * per pattern, got ${JSON.stringify(p)}`,
        );
  // countType is required; with sinceImagePushed, countUnit "days" is too.
  if (sel.countType === undefined) out.push(`${at}.selection.countType is required`);
  if (sel.countType === "sinceImagePushed" && sel.countUnit !== "days")
    out.push(`${at}.selection: countType sinceImagePushed needs countUnit "days"`);
  // "Acceptable values are positive integers (0 is not an accepted value)."
  if (!(Number.isInteger(sel.countNumber) && (sel.countNumber as number) > 0))
    out.push(
      `${at}.selection.countNumber must be a positive whole number, got ${JSON.stringify(sel.countNumber)}`,
    );
  return out;
}

/**
 * The policy's problems: each rule's, a rulePriority given twice ("you must give them each a
 * unique value for rulePriority"), and a tagStatus any rule not last among the rules of its storage
 * class ("A rule with a tagStatus value of any must have the highest value for rulePriority and be
 * evaluated last").
 */
export const lifecyclePolicy: Validator = (v, k) => {
  // A JSON text or an object (`string | LifecyclePolicyDocument`), as the bridge sends it.
  const doc = jsonDocument(v);
  const rules = (doc as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return [];
  const out = rules.flatMap((r, i) =>
    r && typeof r === "object"
      ? ruleProblems(r as Rule, `rules[${i}]`)
      : [`rules[${i}] is not an object`],
  );
  const priorities = rules
    .map((r) => (r as Rule)?.rulePriority)
    .filter(Number.isInteger) as number[];
  const twice = priorities.filter((p, i) => priorities.indexOf(p) !== i);
  for (const p of new Set(twice)) out.push(`rulePriority ${p} is given to more than one rule`);
  // Judged per storage class: an archive policy has a tagStatus any rule that archives standard
  // images and a later one that expires archived ones (selection.storageClass "archive"), as in
  // terraform-provider-aws's storage-class acceptance test (internal/service/ecr/
  // lifecycle_policy_test.go, testAccLifecyclePolicyConfig_storageClass). A rule without
  // storageClass selects standard images ("If you omit this, the value of standard will be used").
  const byClass = new Map<unknown, number>();
  for (const r of rules as Rule[]) {
    if (!Number.isInteger(r?.rulePriority)) continue;
    const cls = storageClass(r);
    byClass.set(cls, Math.max(byClass.get(cls) ?? -Infinity, r.rulePriority as number));
  }
  rules.forEach((r: Rule, i) => {
    const cls = storageClass(r);
    const highest = byClass.get(cls);
    if (
      r?.selection?.tagStatus === "any" &&
      typeof cls === "string" &&
      Number.isInteger(r.rulePriority) &&
      highest !== undefined &&
      r.rulePriority !== highest
    )
      out.push(
        `rules[${i}]: the tagStatus any rule must have the highest rulePriority of the ${cls} ` +
          `storage class's rules (${highest} is higher)`,
      );
  });
  return out.map((s) => `${k}: ${s}`);
};

export const LIFECYCLE_RULES: readonly InputRule[] = [
  awsRule(
    LIFECYCLE,
    "policy",
    "policy",
    lifecyclePolicy,
    "each rule with its own rulePriority (the tagStatus any rule highest among its storage class's), a tagStatus of tagged " +
      '(with tagPrefixList or tagPatternList), untagged or any, a countType, countUnit "days" with ' +
      "sinceImagePushed, and a countNumber of at least 1 (aws.ecr.getLifecyclePolicyDocument writes one)",
    PROPERTIES,
  ),
];
