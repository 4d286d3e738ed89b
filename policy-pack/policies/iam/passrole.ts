// iam:PassRole rules: granted only on specific roles, and only to the intended service.
import { grantsAccess } from "../../lib/iam/statements";
import { narrowingClauses } from "../../lib/conditions";
import { statementGrants } from "../../lib/policy-document";
import { documentPolicy, narrowedByCondition, unscopedResource } from "../../lib/iam/documents";
import { lookupAction } from "../../lib/iam/actions";
import {
  excludesEveryTarget,
  isUnscopedResource,
  resourceAppliesTo,
} from "../../lib/iam/resource-scope";
import type { IamStatement } from "../../lib/policy-document";
import { kics, trivy } from "../../lib/controls";

/**
 * The first entry of the statement's Resource that names every role, or NotResource unless one of
 * its entries leaves out every role (`arn:aws:iam::*:role/*`: every resource but the roles, so no
 * role to pass); undefined when none does. iam:PassRole acts on roles only (Service Authorization
 * Reference, "Actions defined by AWS Identity and Access Management": PassRole, resource type
 * `role`, `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`), so a glob of another
 * service (`arn:aws:s3:::*`, cfn_nag's iam_role_passrole_resource_wildcard_pass.yml) lets the
 * principal pass no role at all.
 */
function unscopedRoles(s: IamStatement): string | undefined {
  const found = unscopedResource(s);
  if (found === undefined) return undefined;
  // iam is among the services every document check loads first (lib/iam/catalog BASE_SERVICES).
  const passRole = lookupAction("iam:PassRole");
  if (s.notResources) {
    // An unknown entry might leave the roles out: with no known one doing so, a preview note.
    const excluded = passRole && s.notResources.some((r) => excludesEveryTarget(r, passRole));
    return excluded ? undefined : found;
  }
  // An unknown entry might name every role: with no known one doing so, a preview note.
  let role: string | undefined;
  s.resources?.some((r) => {
    if (isUnscopedResource(r) && (!passRole || resourceAppliesTo(r, passRole))) role = r;
    return role !== undefined;
  });
  return role === undefined ? undefined : `"${role}"`;
}

export const passRoleScoped = documentPolicy(
  {
    name: "iam-passrole-scoped",
    description:
      "iam:PassRole is granted only on specific role ARNs, or on all roles only to services named exactly by `iam:PassedToService`; never on all roles for any service (directly, through `iam:*`/`*`, or NotAction).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
      "Grant iam:PassRole in its own statement with Resource set to the ARNs of the roles the principal must hand to a service, and add an `iam:PassedToService` condition naming that service.",
    references: [trivy("AWS-0342"), kics("IAM Role Policy passRole Allows All")],
  },
  {
    statement: (s, where, ctx) => {
      if (!grantsAccess(s) || !statementGrants(s, "iam:PassRole")) return;
      // Denied everywhere by the document's own Deny statements: no role is passed.
      if (s.deniedByDocument("iam:PassRole")) return;
      // On all roles, but only to the services an iam:PassedToService clause names exactly: IAM
      // Access Analyzer's own fix for "Pass role with star in resource" (lib/iam/catalog
      // NARROWED_BY_CONDITION). A wildcard service value hands every role to any service.
      const passRole = lookupAction("iam:PassRole");
      if (passRole && narrowedByCondition(s, passRole)) return;
      const res = unscopedRoles(s);
      if (res) {
        ctx.report(
          `${where} ${s.label}: iam:PassRole on ${res} lets the principal hand any role to a service; name the roles, or the services in an iam:PassedToService condition.`,
        );
      }
    },
  },
);

export const passRolePassedToService = documentPolicy(
  {
    name: "iam-passrole-passed-to-service",
    description:
      "iam:PassRole grants carry an `iam:PassedToService` condition, so the role can be handed only to the intended service.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps:
      'Add `"Condition": {"StringEquals": {"iam:PassedToService": "<service>.amazonaws.com"}}` to the statement that grants iam:PassRole.',
    references: [trivy("AWS-0342")],
  },
  {
    statement: (s, where, ctx) => {
      if (!grantsAccess(s) || !statementGrants(s, "iam:PassRole")) return;
      if (s.deniedByDocument("iam:PassRole")) return;
      if (narrowingClauses(s, /^iam:PassedToService$/i).length > 0) return;
      ctx.report(`${where} ${s.label}: iam:PassRole without an iam:PassedToService condition.`);
    },
  },
);
