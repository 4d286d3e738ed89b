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
// document) and `aws:ssoadmin/managedPolicyAttachment` (`managedPolicyArn`); their tokens are in ../types.ts.
import {
  NATIVE_IAM_GROUP,
  NATIVE_IAM_GROUP_POLICY,
  NATIVE_IAM_MANAGED_POLICY,
  NATIVE_IAM_POLICY,
  NATIVE_IAM_ROLE,
  NATIVE_IAM_ROLE_POLICY,
  NATIVE_IAM_USER,
  NATIVE_IAM_USER_POLICY,
} from "../native/types";
import {
  IAM_GROUP,
  IAM_GROUP_POLICY,
  IAM_POLICY,
  IAM_ROLE,
  IAM_ROLE_POLICY,
  IAM_USER,
  IAM_USER_POLICY,
  SSO_PERMISSION_SET_INLINE_POLICY,
} from "../types";

/** Resources that carry identity-based permission documents. */
export const DOCUMENT_TYPES = [
  IAM_ROLE,
  IAM_ROLE_POLICY,
  IAM_POLICY,
  IAM_USER_POLICY,
  IAM_GROUP_POLICY,
  SSO_PERMISSION_SET_INLINE_POLICY,
  // @pulumi/aws-native, judged as their classic twins (../native/twins.ts): Role, User and Group
  // `policies[].policyDocument`, the `policyDocument` of the others.
  NATIVE_IAM_ROLE,
  NATIVE_IAM_USER,
  NATIVE_IAM_GROUP,
  NATIVE_IAM_POLICY,
  NATIVE_IAM_MANAGED_POLICY,
  NATIVE_IAM_ROLE_POLICY,
  NATIVE_IAM_USER_POLICY,
  NATIVE_IAM_GROUP_POLICY,
];

/**
 * Types (as rules see them) whose documents are a list of inline policies `{ name, policy }`: the
 * classic Role, and the views of aws-native Users and Groups (classic Users and Groups carry no
 * documents and are not in DOCUMENT_TYPES).
 */
export const INLINE_LIST_TYPES: ReadonlySet<string> = new Set([IAM_ROLE, IAM_USER, IAM_GROUP]);

/** The property that holds the document of a single-document type (not Role). */
export function documentProperty(type: string): string {
  return type === SSO_PERMISSION_SET_INLINE_POLICY ? "inlinePolicy" : "policy";
}
