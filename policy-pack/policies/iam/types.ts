// Resource types of the IAM policies: where identity-based documents and attachments live.
//
// Where documents live (all checked; objects or JSON strings):
// - `aws:iam/role:Role`: `inlinePolicies[].policy` (permissions) and `assumeRolePolicy` (trust);
// - `aws:iam/rolePolicy:RolePolicy`, `aws:iam/userPolicy:UserPolicy`,
//   `aws:iam/groupPolicy:GroupPolicy`: `policy` (inline policies);
// - `aws:iam/policy:Policy`: `policy` (customer managed; checked whether or not it is attached).
// Attachments (checked for AWS-managed policies and for users):
// - `aws:iam/{role,user,group}PolicyAttachment`, `aws:iam/policyAttachment:PolicyAttachment`,
//   Role `managedPolicyArns`, `aws:iam/{role,user,group}PolicyAttachmentsExclusive`.
// `aws:iam/{role,user,group}PoliciesExclusive` carry policy names only (the documents are on the
// RolePolicy/UserPolicy/GroupPolicy resources). @pulumi/aws 7 has no separate role inline-policy
// resource besides RolePolicy.
// IAM Identity Center permission sets: `aws:ssoadmin/permissionSetInlinePolicy` (`inlinePolicy`, a
// document) and `aws:ssoadmin/managedPolicyAttachment` (`managedPolicyArn`), see ../../lib/types.ts.
import { SSO_MANAGED_POLICY_ATTACHMENT, SSO_PERMISSION_SET_INLINE_POLICY } from "../../lib/types";

export const IAM_TYPES = {
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  policy: "aws:iam/policy:Policy",
  userPolicy: "aws:iam/userPolicy:UserPolicy",
  groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  userPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  groupPolicyAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
  rolePoliciesExclusive: "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive",
  userPoliciesExclusive: "aws:iam/userPoliciesExclusive:UserPoliciesExclusive",
  groupPoliciesExclusive: "aws:iam/groupPoliciesExclusive:GroupPoliciesExclusive",
  rolePolicyAttachmentsExclusive:
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
  userPolicyAttachmentsExclusive:
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
  groupPolicyAttachmentsExclusive:
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
  ssoPermissionSetInlinePolicy: SSO_PERMISSION_SET_INLINE_POLICY,
  ssoManagedPolicyAttachment: SSO_MANAGED_POLICY_ATTACHMENT,
} as const;

/** Resources that carry identity-based permission documents. */
export const DOCUMENT_TYPES = [
  IAM_TYPES.role,
  IAM_TYPES.rolePolicy,
  IAM_TYPES.policy,
  IAM_TYPES.userPolicy,
  IAM_TYPES.groupPolicy,
  IAM_TYPES.ssoPermissionSetInlinePolicy,
];

/** The property that holds the document of a single-document type (not Role). */
export function documentProperty(type: string): string {
  return type === IAM_TYPES.ssoPermissionSetInlinePolicy ? "inlinePolicy" : "policy";
}
