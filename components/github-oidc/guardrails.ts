// The deploy role's explicit denies: what no grant of ./deploy-policy.ts may open, whatever it allows.
import { PolicyStatement } from "../iam";
import { ROLE_ACTIONS } from "./actions";
import { ciResources, DeployScope } from "./scope";

/** Explicit denies, which win over any allow (IAM policy evaluation logic). */
export function deployGuardrails(s: DeployScope): PolicyStatement[] {
  const ciRoles = ciResources(s);
  const guardrails: PolicyStatement[] = [
    {
      sid: "DenyLongLivedCredentials",
      effect: "Deny",
      actions: [
        "iam:AddUserToGroup",
        "iam:AttachUserPolicy",
        "iam:CreateAccessKey",
        "iam:CreateLoginProfile",
        "iam:CreateServiceSpecificCredential",
        "iam:CreateUser",
        "iam:PutUserPolicy",
        "iam:UpdateAccessKey",
        "iam:UpdateLoginProfile",
      ],
      resources: ["*"],
    },
    {
      sid: "DenyCredentialReads",
      effect: "Deny",
      actions: ["ec2:GetPasswordData"],
      resources: ["*"],
    },
    {
      // `pulumi up` never runs a build or a command in a task, yet the service-level grants allow
      // both in any project or task of the region: a build started with a buildspec override runs
      // as the project's service role (CodeBuild API, StartBuild `buildspecOverride`), ECS exec as
      // the task's role, another stack's in a shared account too. The pipeline's own role starts
      // its builds (components/pipeline/policies.ts).
      sid: "DenyRunningAsOtherRoles",
      effect: "Deny",
      actions: [
        "codebuild:RetryBuild",
        "codebuild:RetryBuildBatch",
        "codebuild:StartBuild",
        "codebuild:StartBuildBatch",
        "ecs:ExecuteCommand",
      ],
      resources: ["*"],
    },
    {
      sid: "DenyChangesToCiAccess",
      effect: "Deny",
      actions: [
        ...ROLE_ACTIONS.filter((a) => !/:(Get|List)/.test(a)),
        "iam:AttachRolePolicy",
        "iam:DeleteRolePermissionsBoundary",
        "iam:PutRolePermissionsBoundary",
        "iam:AddClientIDToOpenIDConnectProvider",
        "iam:CreateOpenIDConnectProvider",
        "iam:DeleteOpenIDConnectProvider",
        "iam:RemoveClientIDFromOpenIDConnectProvider",
        "iam:TagOpenIDConnectProvider",
        "iam:UntagOpenIDConnectProvider",
        "iam:UpdateOpenIDConnectProviderThumbprint",
      ],
      resources: ciRoles,
    },
  ];
  if (s.protect) {
    guardrails.push({
      // Prod data survives even a `pulumi state unprotect` run from CI.
      sid: "DenyDataDeletion",
      effect: "Deny",
      actions: [
        "kms:DisableKey",
        "kms:ScheduleKeyDeletion",
        "s3:DeleteBucket",
        "logs:DeleteLogGroup",
        "rds:DeleteDBCluster",
        "redshift-serverless:DeleteNamespace",
        "backup:DeleteBackupVault",
        "backup:DeleteRecoveryPoint",
      ],
      resources: ["*"],
    });
  }
  return guardrails;
}
