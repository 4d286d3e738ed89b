// IAM rules on what an unscoped grant can be turned into: privilege escalation, credential
// exposure, bulk data reads, and kms:Decrypt on all keys (FSBP KMS.1 / KMS.2).
import { isPermissionsManagement } from "../../lib/iam-actions";
import { statementGrants } from "../../lib/policy-document";
import {
  CREDENTIAL_ACTIONS,
  ESCALATION_PATHS,
  EXFILTRATION_ACTIONS,
  KMS_DECRYPT_ACTIONS,
  PRIVESC_ACTIONS,
} from "./catalog";
import {
  documentPolicy,
  grantedActions,
  listSome,
  TagConditionConfig,
  tagConditionConfig,
  unscopedActionsCheck,
  unscopedResource,
} from "./documents";

export const noPrivilegeEscalation = documentPolicy(
  {
    name: "iam-no-privilege-escalation",
    description:
      "IAM policies allow no known privilege-escalation path (IAM write on other principals or policies, PassRole with compute creation, code updates of functions with roles) and no permissions-management action on unscoped resources.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
      "Remove the escalation actions, or scope them to the exact resources the workload manages (a deployment role that must pass one role names that role's ARN). Permissions-management actions (policies on buckets, keys, roles ...) must name their resources. If a principal truly administers IAM, give it a permissions boundary and waive this policy on it with the reason.",
    references: [
      { source: "Checkov", id: "CKV_AWS_286" },
      { source: "Checkov", id: "CKV_AWS_289" },
    ],
  },
  {
    document: (doc, where, ctx) => {
      const granted = new Set<string>();
      const unscoped = new Set<string>();
      const unknown = doc.scan((s) => {
        if (!s.isAllow) return;
        const grants = PRIVESC_ACTIONS.filter((a) => statementGrants(s, a));
        const res = unscopedResource(s);
        for (const a of grants) {
          granted.add(a);
          if (res) unscoped.add(a);
        }
        if (!res) return;
        // Unconstrained permissions management (CKV_AWS_289), from the data set's access levels.
        const { infos } = grantedActions(s);
        const pm = infos
          .filter(isPermissionsManagement)
          .map((i) => i.action)
          .filter((a) => !PRIVESC_ACTIONS.some((p) => p.toLowerCase() === a.toLowerCase()));
        if (pm.length > 0) {
          ctx.report(
            `${where} ${s.label}: permissions-management action(s) on ${res}: ${listSome(pm)}.`,
          );
        }
      });
      const paths: string[] = [];
      for (const [path, actions] of Object.entries(ESCALATION_PATHS)) {
        if (unscoped.has(actions[0]) && actions.every((a) => granted.has(a))) {
          paths.push(`${path} (${actions.join(" + ")})`);
        }
      }
      if (paths.length > 0) {
        ctx.report(
          `${where}: allows privilege escalation on unscoped resources: ${listSome(paths, 8)}.`,
        );
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
    references: [{ source: "Checkov", id: "CKV_AWS_287" }],
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
    references: [{ source: "Checkov", id: "CKV_AWS_288" }],
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
    references: [
      { source: "Security Hub FSBP", id: "KMS.1" },
      { source: "Security Hub FSBP", id: "KMS.2" },
    ],
  },
  {
    statement: (s, where, ctx) => {
      if (!s.isAllow) return;
      const grants = KMS_DECRYPT_ACTIONS.filter((a) => statementGrants(s, a));
      if (grants.length === 0) return;
      const res = unscopedResource(s);
      if (res) ctx.report(`${where} ${s.label}: ${grants.join(", ")} on ${res} (all KMS keys).`);
    },
  },
);
