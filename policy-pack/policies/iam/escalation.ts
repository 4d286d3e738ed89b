// IAM rules on what an unscoped grant can be turned into: privilege escalation, credential
// exposure, bulk data reads, and kms:Decrypt on all keys (FSBP KMS.1 / KMS.2). Unconstrained
// permissions management is ./permissions-management.ts.
import { grantsAccess } from "../../lib/iam/statements";
import { statementGrants } from "../../lib/policy-document";
import {
  CREDENTIAL_ACTIONS,
  ESCALATES_ON_ANY_RESOURCE,
  ESCALATES_ON_SELF,
  ESCALATION_PATHS,
  ESCALATION_TARGET_TYPES,
  EXFILTRATION_ACTIONS,
  KMS_DECRYPT_ACTIONS,
  PRIVESC_ACTIONS,
} from "../../lib/iam/catalog";
import {
  callerScopedResource,
  documentPolicy,
  listSome,
  TagConditionConfig,
  tagConditionConfig,
  unscopedActionsCheck,
  unscopedGrants,
  unscopedResource,
  unscopedResourceFor,
} from "../../lib/iam/documents";
import { ActionInfo, lookupAction } from "../../lib/iam/actions";
import { admittedTargets, PASSROLE_PATH_SERVICES } from "../../lib/iam/passed-to-service";
import { checkov, fsbp, kics, trivy } from "../../lib/controls";

/**
 * The action as an escalation path judges its resources: on the resource types whose role the
 * caller gains (ESCALATION_TARGET_TYPES), or on all of them.
 */
function targetsOf(info: ActionInfo | undefined): ActionInfo | undefined {
  const types = info && ESCALATION_TARGET_TYPES.get(info.action.toLowerCase());
  if (!info || !types) return info;
  const resourceTypes = info.resourceTypes.filter((rt) => types.includes(rt.name));
  return resourceTypes.length > 0 ? { ...info, resourceTypes, targetsOnly: true } : info;
}

export const noPrivilegeEscalation = documentPolicy(
  {
    name: "iam-no-privilege-escalation",
    description:
      "IAM policies allow no known privilege-escalation path: IAM writes on other principals, policies or permissions boundaries, PassRole together with compute, job, stack or project creation, and running code as a role a resource already has (function code, EC2 user data and launch templates, SSM commands and sessions, ECS exec, CodeBuild builds, CloudFormation change sets, SageMaker notebooks): Rhino Security Labs' methods and pathfinding.cloud's paths as Cloudsplaining encodes them, Pacu's and PMapper's.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
      "Remove the escalation actions, or scope them to the exact resources the workload manages (a deployment role that must pass one role names that role's ARN). Never grant iam:Delete*PermissionsBoundary. If a principal truly administers IAM, give it a permissions boundary and waive this policy on it with the reason.",
    references: [
      checkov("CKV_AWS_286"),
      checkov("CKV_AWS_110"),
      trivy("AWS-0347"),
      trivy("AWS-0348"),
      trivy("AWS-0349"),
      trivy("AWS-0350"),
      trivy("AWS-0351"),
      trivy("AWS-0352"),
      trivy("AWS-0353"),
      kics("*_with_privilege_escalation_by_actions_*"),
    ],
  },
  {
    document: (doc, where, ctx) => {
      const granted = new Set<string>();
      const unscoped = new Set<string>();
      // Actions granted on a resource named through a policy variable: the caller's own user.
      const onSelf = new Set<string>();
      // The services iam:PassRole on unscoped roles may pass a role to (its iam:PassedToService
      // clauses): a PassRole path needs its own service among them.
      const passTargets = new Set<string>();
      const unknown = doc.scan((s) => {
        if (!grantsAccess(s)) return;
        // An action a Deny of the document overrides everywhere is granted by no Allow, whatever
        // else the Allow grants (Prowler's test_iam_policy_not_allows_privilege_escalation_*).
        const grants = PRIVESC_ACTIONS.filter(
          (a) => statementGrants(s, a) && !s.deniedByDocument(a),
        );
        if (grants.length === 0) return;
        for (const a of grants) granted.add(a);
        const res = unscopedResource(s);
        if (res) {
          // Per action: an entry unscoped for another service's resources (`arn:aws:s3:::*` beside
          // `ssm:SendCommand` on one instance) leaves this action scoped.
          let passesUnscoped = false;
          for (const a of grants) {
            const info = targetsOf(lookupAction(a));
            if (info && !unscopedResourceFor(s, info)) continue;
            unscoped.add(a);
            passesUnscoped ||= a === "iam:PassRole";
          }
          // Read last: a Condition unknown at preview throws here, after the statement's other
          // actions are counted, so it hides no path of theirs (the scan keeps the error).
          if (passesUnscoped) for (const t of admittedTargets(s)) passTargets.add(t);
        } else if (callerScopedResource(s)) for (const a of grants) onSelf.add(a);
      });
      const paths: string[] = [];
      for (const [path, actions] of Object.entries(ESCALATION_PATHS)) {
        const pivot = actions[0];
        const self = !unscoped.has(pivot) && ESCALATES_ON_SELF.has(pivot) && onSelf.has(pivot);
        // A PassRole path the service map does not know counts on any unscoped PassRole.
        const services = pivot === "iam:PassRole" ? PASSROLE_PATH_SERVICES[path] : undefined;
        const pivotOk = ESCALATES_ON_ANY_RESOURCE.has(pivot)
          ? granted.has(pivot)
          : services
            ? services.some((t) => passTargets.has(t))
            : unscoped.has(pivot) || self;
        if (pivotOk && actions.every((a) => granted.has(a))) {
          const on = self ? " on the caller's own user (a policy variable in Resource)" : "";
          paths.push(`${path} (${actions.join(" + ")})${on}`);
        }
      }
      if (paths.length > 0) {
        ctx.report(`${where}: allows privilege escalation: ${listSome(paths, 8)}.`);
      }
      if (unknown) throw unknown;
    },
  },
);

export const noCredentialsExposure = documentPolicy<TagConditionConfig>(
  {
    name: "iam-no-credentials-exposure",
    description:
      "IAM policies grant no credential-returning action (sts:AssumeRole, iam:CreateAccessKey, redshift:GetClusterCredentials ...) on unscoped resources.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
      "Name the exact roles, users, clusters or database users in Resource. Actions AWS defines without resource types (ecr:GetAuthorizationToken, sts:GetSessionToken) are not reported because they cannot be scoped.",
    references: [checkov("CKV_AWS_287"), checkov("CKV_AWS_107")],
    config: tagConditionConfig,
  },
  unscopedActionsCheck(CREDENTIAL_ACTIONS, "credential-returning action(s)"),
);

export const noDataExfiltration = documentPolicy<TagConditionConfig>(
  {
    name: "iam-no-data-exfiltration",
    description:
      "IAM policies grant no bulk data read (s3:GetObject, ssm:GetParameter*, secretsmanager:GetSecretValue) on unscoped resources.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
      "Scope the read to the exact bucket prefix (`arn:aws:s3:::<bucket>/<prefix>/*`), parameter path or secret ARN the workload reads.",
    references: [checkov("CKV_AWS_288"), checkov("CKV_AWS_108")],
    config: tagConditionConfig,
  },
  unscopedActionsCheck(EXFILTRATION_ACTIONS, "data read"),
);

// ---------------------------------------------------------------------------------------------
// kms:Decrypt scoped (FSBP KMS.1 / KMS.2)

export const kmsDecryptScoped = documentPolicy(
  {
    name: "iam-kms-decrypt-scoped",
    description:
      "IAM policies (customer managed and inline) do not allow kms:Decrypt or kms:ReEncryptFrom on all KMS keys.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
      'Set Resource to the ARNs of the keys the principal uses and, where a service uses the key on its behalf, add a `kms:ViaService` condition. Conditions do not make a `"*"` key resource acceptable (as in Security Hub KMS.1/KMS.2).',
    references: [fsbp("KMS.1"), fsbp("KMS.2")],
  },
  {
    statement: (s, where, ctx) => {
      if (!grantsAccess(s)) return;
      // Tags never make a key resource acceptable here (Security Hub KMS.1/KMS.2); an entry
      // unscoped for another type (`arn:aws:kms:*:*:alias/*`) grants no key.
      const hit = unscopedGrants(s, KMS_DECRYPT_ACTIONS, false);
      if (!hit) return;
      ctx.report(`${where} ${s.label}: ${hit.actions.join(", ")} on ${hit.res} (all KMS keys).`);
      hit.unknown.rethrow();
    },
  },
);
