// Least-privilege IAM: every identity-based policy document the program attaches, wherever it is
// attached (../../lib/iam/holders.ts lists where), and every role's trust policy. One file per rule
// or small group of related rules; ../../lib/iam/ holds the machinery the document rules share
// (documents.ts) and the curated action lists they rely on (catalog.ts).
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { noResourceWildcard, noWildcardActions } from "./wildcards";
import { passRolePassedToService, passRoleScoped } from "./passrole";
import {
  kmsDecryptScoped,
  noCredentialsExposure,
  noDataExfiltration,
  noPrivilegeEscalation,
} from "./escalation";
import { noUnscopedPermissionsManagement } from "./permissions-management";
import {
  trustConfusedDeputy,
  trustConfusedDeputyUnverified,
  trustSpecificPrincipals,
} from "./trust";
import { managedPolicyAllowlist } from "./managed";
import { noUserPolicies } from "./users";
import { iamUsersFederated } from "./federated-users";
import { groupHasUsers } from "./groups";
import { iamUserAccessKeys } from "./access-keys";
import { rolePolicyManagementConflicts } from "./conflicts";
import { documentValid } from "./validity";
import {
  passwordPolicyLowercase,
  passwordPolicyMinimumLength,
  passwordPolicyNumbers,
  passwordPolicySymbols,
  passwordPolicyUppercase,
} from "./password-policy";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  noWildcardActions,
  noResourceWildcard,
  passRoleScoped,
  passRolePassedToService,
  noPrivilegeEscalation,
  noUnscopedPermissionsManagement,
  noCredentialsExposure,
  noDataExfiltration,
  kmsDecryptScoped,
  trustSpecificPrincipals,
  trustConfusedDeputy,
  trustConfusedDeputyUnverified,
  managedPolicyAllowlist,
  noUserPolicies,
  iamUsersFederated,
  groupHasUsers,
  iamUserAccessKeys,
  rolePolicyManagementConflicts,
  documentValid,
  passwordPolicyMinimumLength,
  passwordPolicyLowercase,
  passwordPolicyUppercase,
  passwordPolicyNumbers,
  passwordPolicySymbols,
];
