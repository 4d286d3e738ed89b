// IAM rules on wildcards: no wildcard actions (`*`, `service:*`, Allow+NotAction, broad partial
// wildcards) and no `"*"` resource for actions that support resource-level permissions.
import { grantsAccess } from "../../lib/iam/statements";
import type { IamStatement } from "../../lib/policy-document";
import {
  ActionInfo,
  expandActionPattern,
  isReadOnly,
  supportsResourceLevelPermissions,
  splitAction,
} from "../../lib/iam/actions";
import { hasWildcard } from "../../lib/policy-elements";
import { UNSCOPED_BY_DESIGN } from "../../lib/iam/catalog";
import { peek } from "../../lib/values";
import {
  documentPolicy,
  grantedActions,
  allServicesGrant,
  isAllServicesPattern,
  isEveryAction,
  listSome,
  narrowedByCondition,
  narrowedByResourceTag,
  unscopedActions,
  unscopedResource,
} from "../../lib/iam/documents";
import { cdkNag, checkov, fsbp, kics, trivy } from "../../lib/controls";
import { stringListSchema } from "../../lib/config-schema";

/**
 * How many read/list actions a partial wildcard may stand for before it is too broad (the default
 * of `iam-no-wildcard-actions`' `maxWildcardExpansion`). A read-only wildcard broader than this
 * (`ec2:Describe*`, 190+ actions, most without resource types) is that rule's finding alone:
 * `iam-no-resource-wildcard` does not report the few of its actions that could be scoped, because
 * naming ARNs for them is no useful fix while the pattern stays.
 */
export const DEFAULT_MAX_WILDCARD_EXPANSION = 10;

interface WildcardActionsConfig {
  maxWildcardExpansion: number;
  allowedActionPatterns: string[];
}

export const noWildcardActions = documentPolicy<WildcardActionsConfig>(
  {
    name: "iam-no-wildcard-actions",
    description:
      "IAM policies grant named actions: no `*`, no `service:*`, no Allow with NotAction, and partial wildcards only when they expand to a few read/list actions.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
      "List the exact actions the workload calls (CloudTrail or IAM Access Analyzer policy generation shows them). Replace `*`/`service:*` and Allow+NotAction with that list. A partial wildcard such as `logs:Describe*` is accepted when it expands to at most `maxWildcardExpansion` read/list actions, or when added to this policy's `allowedActionPatterns` config.",
    references: [
      cdkNag("AwsSolutions-IAM5"),
      checkov("CKV_AWS_1"),
      checkov("CKV_AWS_62"),
      checkov("CKV_AWS_63"),
      checkov("CKV_AWS_49"),
      checkov("CKV2_AWS_40"),
      checkov("CKV2_AWS_70"),
      fsbp("IAM.1"),
      fsbp("IAM.21"),
      trivy("AWS-0057"),
      trivy("AWS-0345"),
      trivy("AWS-0346"),
      kics("iam_policies_with_full_privileges"),
      kics("iam_policy_grants_full_permissions"),
    ],
    config: {
      maxWildcardExpansion: {
        type: "integer",
        minimum: 1,
        default: DEFAULT_MAX_WILDCARD_EXPANSION,
        description:
          "A partial wildcard (e.g. `ec2:Describe*`) may expand to at most this many actions, all Read or List.",
      },
      allowedActionPatterns: stringListSchema(
        "Partial wildcards accepted as written (case-insensitive), e.g. `logs:Describe*`.",
        [],
      ),
    },
  },
  {
    statement: (s, where, ctx) => {
      if (!grantsAccess(s)) return;
      if (s.notActions) {
        ctx.report(
          `${where} ${s.label}: Allow with NotAction grants every action of every service except those listed.`,
        );
        return;
      }
      const actions = s.actions;
      if (!actions) return;
      const allowed = new Set(ctx.config.allowedActionPatterns.map((p) => p.toLowerCase()));
      for (const p of actions.known) {
        // A pattern the document's own Deny statements override everywhere grants nothing.
        if (s.deniedByDocument(p)) continue;
        if (isAllServicesPattern(p)) {
          // The finding stands either way; only its wording depends on Resource (maybe unknown).
          const res = peek(() => unscopedResource(s));
          const admin =
            isEveryAction(p) && res.known && res.value
              ? " on all resources: full administrator access"
              : "";
          ctx.report(`${where} ${s.label}: Action "${p}" ${allServicesGrant(p)}${admin}.`);
          continue;
        }
        const parts = splitAction(p);
        if (!parts || !hasWildcard(parts.name)) continue;
        if (parts.name.replace(/\*/g, "") === "") {
          ctx.report(`${where} ${s.label}: Action "${p}" grants every ${parts.service} action.`);
          continue;
        }
        if (allowed.has(p.toLowerCase())) continue;
        const expanded = expandActionPattern(p);
        const writes = expanded.filter((a) => !isReadOnly(a));
        if (writes.length > 0) {
          ctx.report(
            `${where} ${s.label}: Action "${p}" expands to ${writes.length} non-read action(s) (${listSome(
              writes.map((a) => `${a.action} [${a.accessLevel}]`),
              4,
            )}); list the exact actions.`,
          );
        } else if (expanded.length > ctx.config.maxWildcardExpansion) {
          ctx.report(
            `${where} ${s.label}: Action "${p}" expands to ${expanded.length} actions (more than ${ctx.config.maxWildcardExpansion}); list the exact actions or allow the pattern in config.`,
          );
        }
      }
      if (actions.unknown) throw actions.unknown;
    },
  },
);

// ---------------------------------------------------------------------------------------------
// No "*" resource for actions that support resource-level permissions

interface ResourceWildcardConfig {
  allowResourceTagConditions: boolean;
  allowedActions: string[];
}

export const noResourceWildcard = documentPolicy<ResourceWildcardConfig>(
  {
    name: "iam-no-resource-wildcard",
    description:
      'IAM policies scope actions that support resource-level permissions to specific ARNs: no `Resource: "*"` (or an all-wildcard ARN, or NotResource) for them.',
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
      'Name the exact ARNs (bucket and `bucket/*`, key ARN, log-group ARN ...) in Resource. Keep `"*"` only for actions AWS defines without resource types (e.g. `ecr:GetAuthorizationToken`, `logs:DescribeLogGroups`, `sts:GetCallerIdentity`), in a statement of their own. ABAC with a positive `aws:ResourceTag/<key>` condition is accepted for actions that support that key.',
    references: [
      checkov("CKV_AWS_355"),
      checkov("CKV_AWS_356"),
      checkov("CKV_AWS_290"),
      checkov("CKV_AWS_111"),
      cdkNag("AwsSolutions-IAM5"),
      trivy("AWS-0057"),
    ],
    config: {
      allowResourceTagConditions: {
        type: "boolean",
        default: true,
        description:
          'Accept `"*"` when a positive aws:ResourceTag/<service>:ResourceTag condition, evaluated by AWS for the action, narrows it.',
      },
      allowedActions: stringListSchema(
        'Exact actions accepted on "*" although they support resource-level permissions (state why in a waiver or the change that adds them).',
        [],
      ),
    },
  },
  {
    statement: (s, where, ctx) => {
      if (!grantsAccess(s)) return;
      const res = unscopedResource(s);
      if (!res) return;
      const { everything } = grantedActions(s);
      if (everything) {
        ctx.report(`${where} ${s.label}: grants every action (wildcard or NotAction) on ${res}.`);
        return;
      }
      const infos = scopableCandidates(s);
      const allowed = new Set(ctx.config.allowedActions.map((a) => a.toLowerCase()));
      const candidates = infos.filter(
        (info) =>
          supportsResourceLevelPermissions(info) &&
          !s.deniedByDocument(info.action) &&
          !allowed.has(info.action.toLowerCase()) &&
          !UNSCOPED_BY_DESIGN.has(info.action.toLowerCase()) &&
          !narrowedByCondition(s, info) &&
          !(ctx.config.allowResourceTagConditions && narrowedByResourceTag(s, info)),
      );
      // An action counts only on an entry that names every resource of a type it acts on (for
      // NotResource: unless an entry leaves out every such resource, as iam-passrole-scoped reads
      // it); an entry unknown at preview that leaves one undecided is a note once the known
      // offenders are reported.
      const { res: named, actions: offenders, unknown } = unscopedActions(s, candidates);
      if (offenders.length > 0) {
        ctx.report(
          `${where} ${s.label}: Resource ${named} for ${offenders.length} action(s) that support resource-level permissions (${listSome(
            offenders.map((a) => a.action),
          )}); scope them to specific ARNs.`,
        );
      }
      unknown.rethrow();
    },
  },
);

/**
 * The actions `iam-no-resource-wildcard` judges: every action the statement's patterns stand for,
 * except those of a read-only partial wildcard broader than DEFAULT_MAX_WILDCARD_EXPANSION (that
 * pattern is `iam-no-wildcard-actions`' finding, see DEFAULT_MAX_WILDCARD_EXPANSION).
 */
function scopableCandidates(s: IamStatement): ActionInfo[] {
  const actions = s.actions;
  if (!actions) return [];
  const out: ActionInfo[] = [];
  for (const p of actions.known) {
    const expanded = expandActionPattern(p);
    const parts = splitAction(p);
    const broadReadOnly =
      parts !== undefined &&
      hasWildcard(parts.name) &&
      expanded.length > DEFAULT_MAX_WILDCARD_EXPANSION &&
      expanded.every(isReadOnly);
    if (!broadReadOnly) out.push(...expanded);
  }
  if (actions.unknown) throw actions.unknown;
  return out;
}
