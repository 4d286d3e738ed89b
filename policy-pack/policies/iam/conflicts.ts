// One way to manage a role's policies (AWSGuard iam-role-no-policy-management-conflicts).
//
// aws-native roles fight the same way. The provider manages a role through the Cloud Control API,
// whose AWS::IAM::Role handler reads back every inline policy and every attached managed policy of
// the role as its Policies and ManagedPolicyArns, and an update sets those lists whole: policies
// another resource put or attached are removed (hashicorp/terraform-provider-awscc#399, "awscc_iam_role
// attempts to remove policies that are attached to it", the same handler under another client).
// So a native Role that sets `policies` has no separate RolePolicy nor native Policy (0.x, AWS::IAM::Policy)
// listing it in `roles`, and one that sets
// `managedPolicyArns` no attachment nor native ManagedPolicy listing it in `roles`
// (../../lib/iam/role-links.ts; the views: ../../lib/native/twins.ts).
import { stackPolicy } from "../../lib/define";
import { knownValues, roleLinks, roleManages } from "../../lib/iam/role-links";

import {
  IAM_POLICY_ATTACHMENT,
  IAM_ROLE,
  IAM_ROLE_POLICY,
  IAM_ROLE_POLICY_ATTACHMENT,
} from "../../lib/types";
import { awsGuard } from "../../lib/controls";
import {
  NATIVE_IAM_MANAGED_POLICY,
  NATIVE_IAM_POLICY,
  NATIVE_IAM_ROLE,
  NATIVE_IAM_ROLE_POLICY,
} from "../../lib/native/types";

export const rolePolicyManagementConflicts = stackPolicy({
  name: "iam-role-no-policy-management-conflicts",
  description:
    "A role's policies are managed one way: a Role that sets `inlinePolicies` has no separate RolePolicy resources, and a Role that sets `managedPolicyArns` has no separate attachments (each update would silently remove the other's policies).",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Either keep the policies in the Role's `inlinePolicies`/`managedPolicyArns`, or remove those arguments and use RolePolicy/RolePolicyAttachment resources (optionally with RolePoliciesExclusive/RolePolicyAttachmentsExclusive to remove strays).",
  references: [awsGuard("iam-role-no-policy-management-conflicts")],
  types: [
    IAM_ROLE,
    IAM_ROLE_POLICY,
    IAM_ROLE_POLICY_ATTACHMENT,
    IAM_POLICY_ATTACHMENT,
    NATIVE_IAM_ROLE,
    NATIVE_IAM_ROLE_POLICY,
    NATIVE_IAM_MANAGED_POLICY,
    NATIVE_IAM_POLICY,
  ],
  appliesTo: [IAM_ROLE, NATIVE_IAM_ROLE],
  check: (ctx) => {
    const { index } = ctx;
    for (const [urn, links] of roleLinks(index)) {
      const role = index.byUrn.get(urn);
      if (!role) continue;
      ctx.each(role, () => {
        const names = knownValues(links.inline, "name");
        if (
          links.inline.length > 0 &&
          roleManages(index, role, "inlinePolicies", (e) => e?.name, names)
        ) {
          ctx.report(
            role,
            `sets inlinePolicies and also has RolePolicy resource(s) ${links.inline.map((r) => r.name).join(", ")}.`,
          );
        }
        const arns = knownValues(links.attached, "policyArn");
        if (
          links.attached.length > 0 &&
          roleManages(index, role, "managedPolicyArns", (e) => e, arns)
        ) {
          ctx.report(
            role,
            `sets managedPolicyArns and also has attachment resource(s) ${links.attached.map((r) => r.name).join(", ")}.`,
          );
        }
      });
    }
  },
});
