// Permissions are not attached to IAM users directly (advisory).
import { resourcePolicy } from "../../lib/define";
import { IAM_TYPES } from "./types";

export const noUserPolicies = resourcePolicy({
  name: "iam-no-user-policies",
  description:
    "Permissions are not attached to IAM users directly (inline or managed); grant them through groups or, better, roles.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Move the permissions to a role the user (or its workload) assumes, or to a group the user belongs to, and remove the user policy or attachment.",
  references: [
    { source: "Security Hub FSBP", id: "IAM.2" },
    { source: "cdk-nag", id: "IAMUserNoPolicies" },
    { source: "Checkov", id: "CKV_AWS_40" },
    { source: "Trivy", id: "AWS-0143" },
    { source: "KICS", id: "iam_policies_attached_to_user" },
  ],
  types: [
    IAM_TYPES.userPolicy,
    IAM_TYPES.userPolicyAttachment,
    IAM_TYPES.policyAttachment,
    IAM_TYPES.userPoliciesExclusive,
    IAM_TYPES.userPolicyAttachmentsExclusive,
  ],
  check: (props, ctx, args) => {
    const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;
    switch (args.type) {
      case IAM_TYPES.userPolicy:
        ctx.report("an inline policy is attached directly to a user.");
        break;
      case IAM_TYPES.userPolicyAttachment:
        ctx.report("a managed policy is attached directly to a user.");
        break;
      case IAM_TYPES.policyAttachment:
        if (nonEmpty(props.users)) ctx.report("the policy attachment includes users.");
        break;
      case IAM_TYPES.userPoliciesExclusive:
        if (nonEmpty(props.policyNames))
          ctx.report("the user keeps inline policies (policyNames).");
        break;
      case IAM_TYPES.userPolicyAttachmentsExclusive:
        if (nonEmpty(props.policyArns)) ctx.report("the user keeps managed policies (policyArns).");
        break;
    }
  },
});
