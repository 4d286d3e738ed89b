// Which separate policy resources belong to each role (RolePolicy, RolePolicyAttachment,
// PolicyAttachment, an aws-native ManagedPolicy's or Policy's roles), by property dependency or literal role
// name, and whether a Role manages the same policies itself: shared by the managed-policy and
// policy-management-conflict rules.
import type { PolicyResource } from "@pulumi/policy";
import type { StackIndex } from "../define";
import { perStack } from "../references";
import { isUnknownError, peek } from "../values";

import { nativeTypeOf } from "../native/view";
import { NATIVE_IAM_MANAGED_POLICY, NATIVE_IAM_POLICY } from "../native/types";
import {
  IAM_POLICY,
  IAM_POLICY_ATTACHMENT,
  IAM_ROLE,
  IAM_ROLE_POLICY,
  IAM_ROLE_POLICY_ATTACHMENT,
} from "../types";

/** The separate policy resources of each role, found by property dependency or literal name. */
export interface RoleLinks {
  readonly inline: PolicyResource[];
  readonly attached: PolicyResource[];
}

/**
 * For every Role (by URN): the RolePolicy resources whose `role` names it and the
 * RolePolicyAttachment / PolicyAttachment resources whose `role`/`roles` name it. Built once per
 * stack evaluation.
 */
export const roleLinks = perStack((index): Map<string, RoleLinks> => {
  const byName = new Map<string, PolicyResource>();
  for (const role of index.ofType(IAM_ROLE)) {
    // A name unknown at preview: correlate by property dependencies only.
    const n = peek(() => role.props.name);
    if (n.known && typeof n.value === "string") byName.set(n.value, role);
  }
  const links = new Map<string, RoleLinks>();
  const add = (role: PolicyResource, r: PolicyResource, kind: keyof RoleLinks) => {
    let l = links.get(role.urn);
    if (!l) links.set(role.urn, (l = { inline: [], attached: [] }));
    if (!l[kind].includes(r)) l[kind].push(r);
  };
  const link = (r: PolicyResource, prop: string, kind: keyof RoleLinks) => {
    for (const role of index.referenced(r, prop, IAM_ROLE)) add(role, r, kind);
    try {
      const v = r.props[prop];
      for (const n of Array.isArray(v) ? v : [v]) {
        const role = typeof n === "string" ? byName.get(n) : undefined;
        if (role) add(role, r, kind);
      }
    } catch (e) {
      if (!isUnknownError(e)) throw e; // unknown: the property dependency already names the role
    }
  };
  // An aws-native Policy (0.x only) puts itself inline into each role its `roles` lists
  // (CloudFormation AWS::IAM::Policy Roles: PutRolePolicy per role); its view is a classic RolePolicy.
  for (const r of index.ofType(IAM_ROLE_POLICY)) {
    link(r, nativeTypeOf(r) === NATIVE_IAM_POLICY ? "roles" : "role", "inline");
  }
  for (const r of index.ofType(IAM_ROLE_POLICY_ATTACHMENT)) link(r, "role", "attached");
  for (const r of index.ofType(IAM_POLICY_ATTACHMENT)) link(r, "roles", "attached");
  // An aws-native ManagedPolicy attaches itself to the roles its `roles` lists (CloudFormation
  // AWS::IAM::ManagedPolicy Roles); its view is a classic Policy (../native/twins.ts).
  for (const r of index.ofType(IAM_POLICY)) {
    if (nativeTypeOf(r) === NATIVE_IAM_MANAGED_POLICY) link(r, "roles", "attached");
  }
  return links;
});

/** Known values of `prop` on the given resources (names of RolePolicies, ARNs of attachments). */
export function knownValues(resources: readonly PolicyResource[], prop: string): Set<string> {
  const out = new Set<string>();
  for (const r of resources) {
    const v = peek(() => r.props[prop]); // unknown at preview: left out
    if (v.known && typeof v.value === "string") out.add(v.value);
  }
  return out;
}

/**
 * Whether the Role itself manages `prop` (inlinePolicies / managedPolicyArns). Both are optional
 * *computed* outputs: unknown at preview when unset, and after a refresh they list every policy of
 * the role, including those the separate resources attached. So an entry counts as the role's own
 * only if no separate resource accounts for it (`separate`: their policy names or ARNs); an
 * unknown list counts only if the program built it from other resources (it has dependencies).
 * Limitation: an explicit empty list (`managedPolicyArns: []`, exclusive "none") cannot be told
 * from an unset one through outputs.
 */
export function roleManages(
  index: StackIndex,
  role: PolicyResource,
  prop: string,
  keyOf: (entry: any) => unknown,
  separate: Set<string>,
): boolean {
  let list: unknown;
  try {
    list = role.props[prop];
  } catch (e) {
    if (!isUnknownError(e)) throw e;
    return index.referenced(role, prop).length > 0;
  }
  if (!Array.isArray(list)) return false;
  for (let i = 0; i < list.length; i++) {
    const key = keyOf(list[i]);
    if (typeof key !== "string" || !separate.has(key)) return true;
  }
  return false;
}
