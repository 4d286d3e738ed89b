// The inline policies of one IAM user, role or group given as separate resources
// (aws.iam.UserPolicy, aws.iam.RolePolicy, aws.iam.GroupPolicy) over the identity's total: AWS
// refuses the PutUserPolicy, PutRolePolicy or PutGroupPolicy call that takes the sum past it when
// the provider creates the policy at `pulumi up` (`by: "aws"`). IAM and AWS STS quotas: "the
// total aggregate policy size (the sum size of all inline policies) per entity cannot exceed":
// user 2,048, role 10,240, group 5,120 characters, white space not counted
// (reference_iam-quotas.html). Each policy alone is judged by ./rules-create-iam.ts, and a role's
// own `inlinePolicies` together there too; this check sums the resources that name one identity,
// with the `inlinePolicies` of the role of that name when the program creates it, and only when
// every part is known: the identity's name (as a string, not secret) and every policy's document. Policies of one identity are grouped by their provider too (another
// provider may be another account). An imported policy counts toward the total (it is on the
// identity), but only one `pulumi up` creates is refused: the last of the group the program
// declares, as the one that takes the total past the quota in the order written.
import type { EngineResource } from "../engine/monitor";
import { containsUnknown, isSecret, plainValue } from "../engine/wire";
import { operationOf } from "../operations";
import type { Refusal } from "./refusal";
import { INLINE_TOTAL, policySize, QUOTAS, ROLE_INLINE_FIX } from "./rules-create-iam";

/** Each policy type: the input naming its identity (its word too), the identity's total. */
const KINDS: Record<string, { by: keyof typeof INLINE_TOTAL; fix: string }> = {
  "aws:iam/userPolicy:UserPolicy": {
    by: "user",
    fix:
      "attach managed policies (aws.iam.UserPolicyAttachment) instead of some inline ones, or " +
      "put the user in a group",
  },
  "aws:iam/rolePolicy:RolePolicy": { by: "role", fix: ROLE_INLINE_FIX },
  "aws:iam/groupPolicy:GroupPolicy": {
    by: "group",
    fix: "attach managed policies (aws.iam.GroupPolicyAttachment) instead of some inline ones",
  },
};

const ROLE = "aws:iam/role:Role";

/**
 * A role's own `inlinePolicies` (name and document each) counted in the total of the RolePolicy
 * resources that name it, when the role's name is known; a part not known leaves the group unjudged.
 */
function roleInline(
  r: EngineResource,
  group: (provider: string | undefined, type: string, identity: string) => Group,
): void {
  const inputs = r.inputs as Record<string, unknown>;
  const name: unknown = plainValue(inputs.name);
  if (
    typeof name !== "string" ||
    name === "" ||
    containsUnknown(inputs.name) ||
    isSecret(inputs.name)
  )
    return;
  const list: unknown = inputs.inlinePolicies;
  if (list === undefined) return;
  const g = group(r.provider, "aws:iam/rolePolicy:RolePolicy", name);
  if (containsUnknown(list) || !Array.isArray(plainValue(list))) {
    g.unknown = true;
    return;
  }
  for (const item of plainValue(list) as unknown[]) {
    const policy = (item as Record<string, unknown> | undefined)?.policy;
    if (policy === undefined || policy === "") continue;
    const size = policySize(policy);
    if (size === undefined) g.unknown = true;
    else g.members.push({ r, size });
  }
}

interface Group {
  readonly type: string;
  readonly identity: string;
  readonly members: { r: EngineResource; size: number }[];
  /** A part is not known: the group is not judged. */
  unknown: boolean;
}

/** The inline-policy resources of one run whose identity's total is over IAM's quota. */
export function inlinePoliciesOverTotal(resources: readonly EngineResource[]): Refusal[] {
  const groups = new Map<string, Group>();
  const group = (provider: string | undefined, type: string, identity: string): Group => {
    const key = `${provider ?? ""}\u0000${type}\u0000${identity}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { type, identity, members: [], unknown: false }));
    return g;
  };
  for (const r of resources) {
    if (r.type === ROLE && r.custom && !r.external) roleInline(r, group);
    const kind = KINDS[r.type];
    if (!kind || !r.custom || r.external) continue;
    const raw = (r.inputs as Record<string, unknown>)[kind.by];
    const identity: unknown = plainValue(raw);
    // An identity not known by name (unknown, secret, a reference) cannot be grouped.
    if (typeof identity !== "string" || identity === "" || containsUnknown(raw) || isSecret(raw))
      continue;
    const g = group(r.provider, r.type, identity);
    const policy = (r.inputs as Record<string, unknown>).policy;
    const size = containsUnknown(policy) ? undefined : policySize(plainValue(policy));
    if (size === undefined) g.unknown = true;
    else g.members.push({ r, size });
  }
  const out: Refusal[] = [];
  for (const g of groups.values()) {
    const { by: what, fix } = KINDS[g.type];
    const max = INLINE_TOTAL[what];
    if (g.unknown || g.members.length < 2) continue;
    // One policy over the quota alone is its own refusal (./rules-create-iam.ts).
    if (g.members.some((m) => m.size > max)) continue;
    const total = g.members.reduce((s, m) => s + m.size, 0);
    if (total <= max) continue;
    // Refused on a policy resource: a role's own inline policies are judged with the role.
    const created = g.members.filter((m) => m.r.type === g.type && operationOf(m.r) === "create");
    const last = created[created.length - 1];
    if (!last) continue;
    const names = g.members.map((m) => m.r.name).join(", ");
    out.push({
      resource: last.r,
      prop: "policy",
      value: `${g.members.length} policies`,
      says: [
        `the ${g.members.length} inline policies of ${what} ${JSON.stringify(g.identity)} (${names}) ` +
          `are ${total} characters without white space together, over the ${max} IAM takes per ${what}`,
      ],
      fix,
      source: QUOTAS,
      by: "aws",
      autoNamed: false,
    });
  }
  return out;
}
