// IAM rule on unconstrained permissions management: actions that change who may do what (resource
// policies, grants, ACLs, sharing) granted on unscoped resources. Not privilege escalation in the
// Rhino Security Labs sense (./escalation.ts), but resource exposure: `s3:PutBucketPolicy` on every
// bucket lets the principal make any bucket public.
import { isPermissionsManagement, supportsResourceLevelPermissions } from "../../lib/iam/actions";
import { grantsAccess } from "../../lib/iam/statements";
import { PRIVESC_ACTIONS } from "../../lib/iam/catalog";
import {
  documentPolicy,
  grantedActions,
  listSome,
  unscopedActions,
  unscopedResource,
} from "../../lib/iam/documents";
import { checkov } from "../../lib/controls";

const ESCALATION = new Set(PRIVESC_ACTIONS.map((a) => a.toLowerCase()));

export const noUnscopedPermissionsManagement = documentPolicy(
  {
    name: "iam-no-unscoped-permissions-management",
    description:
      "IAM policies grant no permissions-management action (resource policies, grants, ACLs, sharing: s3:PutBucketPolicy, kms:CreateGrant, lambda:AddPermission, ...) on unscoped resources. The access levels come from AWS's Service Authorization Reference.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
      "Scope the action to the exact buckets, keys, functions or secrets the principal administers. A principal that must manage such policies account-wide (a security team's automation) gets a permissions boundary and a waiver of this policy with the reason.",
    references: [checkov("CKV_AWS_289"), checkov("CKV_AWS_109")],
  },
  {
    statement: (s, where, ctx) => {
      if (!grantsAccess(s)) return;
      const res = unscopedResource(s);
      if (!res) return;
      const { infos, everything } = grantedActions(s);
      if (everything) {
        ctx.report(
          `${where} ${s.label}: grants every action, permissions management included, on ${res}.`,
        );
        return;
      }
      // Escalation actions are ./escalation.ts' finding; actions without resource types cannot be
      // scoped (Cloudsplaining's "restrictable" actions only, as CKV_AWS_289 reads them).
      const pm = infos.filter(
        (i) =>
          isPermissionsManagement(i) &&
          supportsResourceLevelPermissions(i) &&
          !s.deniedByDocument(i.action) &&
          !ESCALATION.has(i.action.toLowerCase()),
      );
      // Each on an entry that names every resource of a type it acts on (`s3:PutBucketPolicy` on
      // `arn:aws:sqs:*:*:*` manages no bucket).
      const hit = unscopedActions(s, pm);
      if (hit.actions.length > 0) {
        ctx.report(
          `${where} ${s.label}: permissions-management action(s) on ${hit.res}: ${listSome(
            hit.actions.map((i) => i.action),
          )}.`,
        );
      }
      hit.unknown.rethrow();
    },
  },
);
