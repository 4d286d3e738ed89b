// Least-privilege IAM: every identity-based policy document the program attaches, wherever it is
// attached (./types.ts lists where), and every role's trust policy. One file per rule or small
// group of related rules; ./documents.ts holds the machinery the document rules share and
// ./catalog.ts the curated action lists they rely on.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
// Rule modules are imported in the order of `policies` below: each registers its policies in the
// pack's catalog as it loads, and the catalog keeps the pack's order.
import { noResourceWildcard, noWildcardActions } from "./wildcards";
import { passRolePassedToService, passRoleScoped } from "./passrole";
import {
  kmsDecryptScoped,
  noCredentialsExposure,
  noDataExfiltration,
  noPrivilegeEscalation,
} from "./escalation";
import { noUnscopedPermissionsManagement } from "./permissions-management";
import { trustConfusedDeputyUnverified, trustSpecificPrincipals } from "./trust";
import { managedPolicyAllowlist } from "./managed";
import { noUserPolicies } from "./users";
import { groupHasUsers } from "./groups";
import { rolePolicyManagementConflicts } from "./conflicts";
import { documentValid } from "./validity";

export { IAM_TYPES } from "./types";

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
  trustConfusedDeputyUnverified,
  managedPolicyAllowlist,
  noUserPolicies,
  groupHasUsers,
  rolePolicyManagementConflicts,
  documentValid,
];
