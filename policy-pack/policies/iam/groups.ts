// IAM groups have members (advisory): a group without users grants nothing today but keeps
// permissions around for whoever is added later, unreviewed.
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import {
  IAM_GROUP,
  IAM_GROUP_MEMBERSHIP,
  IAM_USER,
  IAM_USER_GROUP_MEMBERSHIP,
} from "../../lib/types";
import { NATIVE_IAM_GROUP, NATIVE_IAM_USER } from "../../lib/native/types";
import { nativeTypeOf } from "../../lib/native/view";
import { isUnknownError, peek } from "../../lib/values";
import { checkov, kics } from "../../lib/controls";

export const groupHasUsers = stackPolicy({
  name: "iam-group-has-users",
  description:
    "Every IAM group the program creates has at least one user, through a GroupMembership or a UserGroupMembership. Advisory: an empty group grants nothing yet, but its policies wait unreviewed for whoever is added later.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Add the users with `aws.iam.GroupMembership` (or `aws.iam.UserGroupMembership`), or delete the unused group and its policies.",
  references: [checkov("CKV2_AWS_14"), kics("iam_group_without_users")],
  // An aws-native User joins its groups itself: Groups, a list of group names (AWS::IAM::User,
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-user.html),
  // read as a UserGroupMembership's groups; an aws-native Group is named by its groupName.
  types: [
    IAM_GROUP,
    IAM_GROUP_MEMBERSHIP,
    IAM_USER_GROUP_MEMBERSHIP,
    NATIVE_IAM_GROUP,
    NATIVE_IAM_USER,
  ],
  appliesTo: [IAM_GROUP, NATIVE_IAM_GROUP],
  check: (ctx) => {
    const { index } = ctx;
    const groups = index.ofType(IAM_GROUP);
    if (groups.length === 0) return;
    // Groups named by a membership: through property dependencies (the group's name output, unknown
    // at preview) or by literal name. A membership whose group is unknown and names no resource
    // makes the answer unknown for the groups it might name.
    const member = new Set<string>();
    const byName = new Map<string, PolicyResource>();
    for (const g of groups) {
      const n = peek(() => g.props.name);
      if (n.known && typeof n.value === "string") byName.set(n.value, g);
    }
    let unresolved: PolicyResource | undefined;
    const note = (r: PolicyResource, prop: string) => {
      for (const g of index.referenced(r, prop, IAM_GROUP)) member.add(g.urn);
      let v: unknown;
      try {
        v = r.props[prop];
      } catch (e) {
        if (!isUnknownError(e)) throw e;
        if (index.referenced(r, prop, IAM_GROUP).length === 0) unresolved ??= r;
        return;
      }
      for (const name of Array.isArray(v) ? v : [v]) {
        const g = typeof name === "string" ? byName.get(name) : undefined;
        if (g) member.add(g.urn);
      }
    };
    for (const m of index.ofType(IAM_GROUP_MEMBERSHIP)) {
      const users = peek(() => m.props.users);
      // `users: []` adds nobody.
      if (users.known && Array.isArray(users.value) && users.value.length === 0) continue;
      note(m, "group");
    }
    for (const m of index.ofType(IAM_USER_GROUP_MEMBERSHIP)) note(m, "groups");
    for (const u of index.ofType(IAM_USER)) if (nativeTypeOf(u)) note(u, "groups");
    for (const g of groups) {
      if (member.has(g.urn)) continue;
      ctx.each(g, () => {
        if (unresolved) {
          // Re-read the unknown reference so the engine's preview note names it.
          void unresolved.props[unresolved.type === IAM_GROUP_MEMBERSHIP ? "group" : "groups"];
        }
        ctx.report(
          g,
          nativeTypeOf(g)
            ? "The group has no users (no user's groups, GroupMembership or UserGroupMembership names it)."
            : "The group has no users (no GroupMembership or UserGroupMembership names it).",
        );
      });
    }
  },
});
