// Permissions are not attached to IAM users directly (mandatory: FSBP IAM.2; least privilege is
// granted to roles and groups, never to a user, whose long-lived credentials carry it anywhere).
import { resourcePolicy } from "../../lib/define";

import {
  NATIVE_IAM_MANAGED_POLICY,
  NATIVE_IAM_POLICY,
  NATIVE_IAM_USER,
  NATIVE_IAM_USER_POLICY,
} from "../../lib/native/types";
import { nativeTypeOf } from "../../lib/native/view";
import { eachElement } from "../../lib/values";
import {
  IAM_POLICY_ATTACHMENT,
  IAM_USER,
  IAM_USER_POLICIES_EXCLUSIVE,
  IAM_USER_POLICY,
  IAM_USER_POLICY_ATTACHMENT,
  IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE,
} from "../../lib/types";
import { cdkNag, checkov, fsbp, kics, trivy } from "../../lib/controls";

/**
 * Whether a list of user names names a user. An empty name names none: the provider leaves empty
 * names out of a PolicyAttachment's `users` (its create expands the set with
 * terraform-provider-aws internal/flex ExpandStringValueSet, which skips ""), so `users: [""]`
 * attaches the policy to no user (Regula's valid_group_policy_attachment_blank_users). A known
 * name answers even when other elements are unknown at preview; with none, the first unknown
 * element throws (the engine's preview note), for it may name a user.
 */
function namesAUser(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  let found = false;
  const unknown = eachElement(v, (u) => {
    if (u !== "") found = true;
  });
  if (!found && unknown) throw unknown;
  return found;
}

export const noUserPolicies = resourcePolicy({
  name: "iam-no-user-policies",
  description:
    "Permissions are not attached to IAM users directly (inline or managed); grant them through groups or, better, roles.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Move the permissions to a role the user (or its workload) assumes, or to a group the user belongs to, and remove the user policy or attachment.",
  references: [
    fsbp("IAM.2"),
    cdkNag("IAMUserNoPolicies"),
    checkov("CKV_AWS_40"),
    trivy("AWS-0143"),
    kics("iam_policies_attached_to_user"),
  ],
  types: [
    IAM_USER_POLICY,
    IAM_USER_POLICY_ATTACHMENT,
    IAM_POLICY_ATTACHMENT,
    IAM_USER_POLICIES_EXCLUSIVE,
    IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE,
    // aws-native: a UserPolicy, a User's inline `policies` / `managedPolicyArns`, and the `users`
    // a ManagedPolicy or Policy is attached to.
    NATIVE_IAM_USER_POLICY,
    NATIVE_IAM_USER,
    NATIVE_IAM_MANAGED_POLICY,
    NATIVE_IAM_POLICY,
  ],
  check: (props, ctx, args) => {
    const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;
    // CloudFormation attaches these to the users they list: AWS::IAM::ManagedPolicy `Users`, "the
    // name (friendly name, not ARN) of the IAM user to attach the policy to"; AWS::IAM::Policy
    // `Users`, "the name of the user to associate this policy with" (CloudFormation Template
    // Reference, aws-resource-iam-managedpolicy and aws-resource-iam-policy). Their classic views
    // (../../lib/native/twins.ts) are an aws.iam.Policy and a RolePolicy, which have no users.
    switch (nativeTypeOf(args)) {
      case NATIVE_IAM_MANAGED_POLICY:
        if (namesAUser(props.users)) ctx.report("the managed policy is attached to users.");
        return;
      case NATIVE_IAM_POLICY:
        if (namesAUser(props.users)) ctx.report("the inline policy is embedded in users.");
        return;
    }
    switch (args.type) {
      case IAM_USER_POLICY:
        ctx.report("an inline policy is attached directly to a user.");
        break;
      case IAM_USER_POLICY_ATTACHMENT:
        ctx.report("a managed policy is attached directly to a user.");
        break;
      case IAM_POLICY_ATTACHMENT:
        if (namesAUser(props.users)) ctx.report("the policy attachment includes users.");
        break;
      case IAM_USER_POLICIES_EXCLUSIVE:
        if (nonEmpty(props.policyNames))
          ctx.report("the user keeps inline policies (policyNames).");
        break;
      case IAM_USER: // an aws-native User (../../lib/native/twins.ts)
        if (nonEmpty(props.inlinePolicies)) ctx.report("the user has inline policies (policies).");
        if (nonEmpty(props.managedPolicyArns))
          ctx.report("the user has managed policies attached (managedPolicyArns).");
        break;
      case IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE:
        if (nonEmpty(props.policyArns)) ctx.report("the user keeps managed policies (policyArns).");
        break;
    }
  },
});
