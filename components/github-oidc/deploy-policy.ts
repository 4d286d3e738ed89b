// What the GitHub Actions roles may do, as data: the deploy role's statements (service-level
// where the program's resources get generated ids, region-locked, scoped by the stack's names
// elsewhere) and its explicit denies; the preview role's look-ups.
import * as pulumi from "@pulumi/pulumi";
import { PolicyStatement } from "../iam";
import { KEY_ADMIN_ACTIONS } from "../kms-key";
import { nameWithin } from "../naming";
import { containerInsightsLogGroupName } from "../runtime/cluster";
import {
  DEPLOY_WILDCARD_SERVICES,
  BACKUP_STORAGE_ACTIONS,
  DEPLOY_GLOBAL_SERVICES,
  CODEPIPELINE_ACTIONS,
  ROLE_ACTIONS,
  PASSED_TO,
  INSTANCE_PROFILE_ACTIONS,
  KEY_USING_SERVICES,
  KEY_USE_ACTIONS,
  POLICY_ACTIONS,
  SERVICE_LINKED,
} from "./actions";

/** Where the roles' statements point: this stack's names, account, region. */
export interface DeployScope {
  readonly project: string;
  readonly stack: string;
  /** `<project>-<stack>`. */
  readonly prefix: string;
  /** The prefix of the stack's component names (`<stack>`, see index.ts). */
  readonly own: string;
  /** The runtime's ECS cluster (`platform:runtimeClusterName`, default `<project>-<stack>`). */
  readonly clusterName: string;
  readonly region: string;
  readonly partition: pulumi.Output<string>;
  readonly accountId: pulumi.Output<string>;
  /** The account's GitHub OIDC provider, by its URL. */
  readonly ownProviderArn: pulumi.Output<string>;
  /** Deny the deploy role deleting data (prod). */
  readonly protect: boolean;
}

/** `arn:<partition>:<service>:<region or "">:<account>:<resource>`. */
function arnOf(
  s: DeployScope,
): (service: string, resource: string, inRegion?: boolean) => pulumi.Output<string> {
  return (service, resource, inRegion = true) =>
    pulumi.interpolate`arn:${s.partition}:${service}:${inRegion ? s.region : ""}:${s.accountId}:${resource}`;
}

/**
 * SSM docs ("Calling AMI public parameters"): the latest Amazon Linux AMI id is a public
 * parameter under /aws/service/, an ARN without an account.
 */
export function publicParametersStatement(s: DeployScope): PolicyStatement {
  return {
    sid: "ReadPublicAmiParameters",
    effect: "Allow",
    actions: ["ssm:GetParameter", "ssm:GetParameters"],
    resources: [pulumi.interpolate`arn:${s.partition}:ssm:${s.region}::parameter/aws/service/*`],
  };
}

/** Requests to the stack's region only. */
export function regionCondition(region: string) {
  return { test: "StringEquals" as const, variable: "aws:RequestedRegion", values: [region] };
}

/** IAM API, CreateRole `RoleName`: 1 to 64 characters (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html). */
const IAM_ROLE_NAME_MAX_LENGTH = 64;

/** The CI roles' names, `<project>-<stack>-github-<role>`. */
export type CiRole = "preview" | "deploy";
const LONGEST_CI_ROLE: CiRole = "preview";

/**
 * What both CI roles' names start with: `<project>-<stack>-github-`, with `<project>-<stack>`
 * cut (`nameWithin`) so that `...-github-preview` fits IAM's 64 characters for any stack name (the
 * names of stacks that fit are unchanged). The deploy role's deny names the roles by this prefix.
 */
function ciRoleNamePrefix(prefix: string): string {
  const room = IAM_ROLE_NAME_MAX_LENGTH - `-github-${LONGEST_CI_ROLE}`.length;
  return `${nameWithin(prefix, room)}-github-`;
}

/** The name of one CI role of the stack whose names start with `prefix` (`<project>-<stack>`). */
export function ciRoleName(prefix: string, role: CiRole): string {
  return `${ciRoleNamePrefix(prefix)}${role}`;
}

/** The CI roles and the provider, which the deploy role may never change. */
function ciResources(s: DeployScope): pulumi.Output<string>[] {
  return [arnOf(s)("iam", `role/${ciRoleNamePrefix(s.prefix)}*`, false), s.ownProviderArn];
}

/** What `pulumi up` of this program needs, scoped as far as the services allow. */
export function deployStatements(s: DeployScope): PolicyStatement[] {
  const { project, stack, prefix, own, clusterName, region, partition } = s;
  const arn = arnOf(s);
  const ciRoles = ciResources(s);
  const publicParameters = publicParametersStatement(s);
  const regionLock = regionCondition(region);
  return [
    publicParameters,
    {
      sid: "ManageGeneratedIdResources",
      effect: "Allow",
      actions: [
        ...DEPLOY_WILDCARD_SERVICES.map((s) => `${s}:*`),
        ...BACKUP_STORAGE_ACTIONS,
        ...CODEPIPELINE_ACTIONS,
      ],
      resources: ["*"],
      conditions: [regionLock],
    },
    {
      sid: "ManageGlobalServices",
      effect: "Allow",
      actions: [
        ...DEPLOY_GLOBAL_SERVICES.map((s) => `${s}:*`),
        "logs:DeleteDelivery",
        "logs:DeleteDeliveryDestination",
        "logs:DeleteDeliverySource",
        "logs:CreateDelivery",
        "logs:GetDelivery",
        "logs:GetDeliveryDestination",
        "logs:GetDeliverySource",
        "logs:PutDeliveryDestination",
        "logs:PutDeliverySource",
        // CloudWatch Logs guide ("Logs sent to Amazon S3", user permissions): changing a
        // delivery's S3 settings (its suffix path) is UpdateDeliveryConfiguration.
        "logs:UpdateDeliveryConfiguration",
        "logs:TagResource",
        "logs:UntagResource",
        "logs:ListTagsForResource",
      ],
      resources: ["*"],
      conditions: [
        {
          test: "StringEquals",
          variable: "aws:RequestedRegion",
          values: [...new Set([region, "us-east-1"])],
        },
      ],
    },
    {
      // Every bucket of the stack is named after a component, `<stack>-<layer>-...`.
      sid: "ManageOwnBuckets",
      effect: "Allow",
      actions: ["s3:*"],
      resources: [
        pulumi.interpolate`arn:${partition}:s3:::${own}-*`,
        pulumi.interpolate`arn:${partition}:s3:::${own}-*/*`,
      ],
    },
    {
      // ECR's registry scanning configuration (components/runtime/): registry-level, the
      // actions define no resource type (Service Authorization Reference), so "*" in the region.
      sid: "ManageRegistryScanning",
      effect: "Allow",
      actions: ["ecr:GetRegistryScanningConfiguration", "ecr:PutRegistryScanningConfiguration"],
      resources: ["*"],
      conditions: [regionLock],
    },
    {
      sid: "ManageOwnRepositories",
      effect: "Allow",
      actions: ["ecr:*"],
      resources: [arn("ecr", `repository/${prefix}-*`)],
    },
    {
      // The alerts topic (components/alerts/), `<project>-<stack>-alerts`; its subscriptions'
      // ARNs are the topic's ARN and an id, so the pattern covers them too.
      sid: "ManageOwnTopics",
      effect: "Allow",
      actions: ["sns:*"],
      resources: [arn("sns", `${prefix}-*`)],
    },
    {
      sid: "ManageOwnLogGroups",
      effect: "Allow",
      actions: ["logs:*"],
      resources: [
        arn("logs", `log-group:/${project}/${stack}/*`),
        arn("logs", `log-group:/${project}/${own}-*`),
        arn("logs", `log-group:aws-waf-logs-${prefix}-*`),
        arn("logs", `log-group:/aws/redshift/${prefix}*`),
        // The database's exported logs: /aws/rds/cluster/<project>-<stack>-db/<type>.
        arn("logs", `log-group:/aws/rds/cluster/${prefix}-*`),
        // The cluster's Container Insights events.
        arn("logs", `log-group:${containerInsightsLogGroupName(clusterName)}*`),
      ],
    },
    {
      // Redshift docs ("Managing the admin password with Secrets Manager") and RDS docs
      // ("Password management with Amazon RDS and AWS Secrets Manager"): the service creates the
      // admin secret with the caller's permissions; its name starts with "redshift!" or "rds!".
      sid: "ManageServiceAdminSecrets",
      effect: "Allow",
      actions: [
        "secretsmanager:CreateSecret",
        "secretsmanager:DeleteSecret",
        "secretsmanager:DescribeSecret",
        "secretsmanager:RotateSecret",
        "secretsmanager:TagResource",
        "secretsmanager:UpdateSecret",
      ],
      resources: [
        arn("secretsmanager", "secret:redshift!*"),
        arn("secretsmanager", "secret:rds!*"),
      ],
    },
    {
      // CloudWatch Logs docs ("Enabling logging from AWS services"): log delivery for WAF is
      // account-level (log deliveries and the account's resource policy): no resource type.
      sid: "LogDelivery",
      effect: "Allow",
      actions: [
        "logs:CreateLogDelivery",
        "logs:DeleteLogDelivery",
        "logs:DescribeLogGroups",
        "logs:DescribeResourcePolicies",
        "logs:GetLogDelivery",
        "logs:ListLogDeliveries",
        "logs:PutResourcePolicy",
        "logs:UpdateLogDelivery",
      ],
      resources: ["*"],
      conditions: [regionLock],
    },
    {
      // kms:CreateKey defines no resource type. Key ids are generated, so key administration is
      // granted on this account's keys in the region; aliases are scoped to the stack's prefix.
      // ECR docs ("Encryption at rest"): creating a KMS-encrypted repository makes ECR create a
      // grant as the caller (kms:CreateGrant, kms:DescribeKey; RetireGrant on deletion).
      sid: "CreateKeys",
      effect: "Allow",
      actions: ["kms:CreateKey", "kms:ListAliases", "kms:ListKeys"],
      resources: ["*"],
      conditions: [regionLock],
    },
    {
      sid: "AdministerKeys",
      effect: "Allow",
      actions: [...KEY_ADMIN_ACTIONS, "kms:CreateGrant", "kms:RetireGrant"],
      resources: [
        arn("kms", "key/*"),
        arn("kms", `alias/${project}/${stack}/*`),
        arn("kms", `alias/${own}-*`),
      ],
    },
    {
      // Keys are used by the services that encrypt for the deployer, only through them.
      sid: "UseKeysThroughServices",
      effect: "Allow",
      actions: KEY_USE_ACTIONS,
      resources: [arn("kms", "key/*")],
      conditions: [
        {
          test: "StringEquals",
          variable: "kms:ViaService",
          values: KEY_USING_SERVICES.map((svc) => `${svc}.${region}.amazonaws.com`),
        },
      ],
    },
    {
      sid: "ManageStackInstanceProfiles",
      effect: "Allow",
      actions: INSTANCE_PROFILE_ACTIONS,
      resources: [arn("iam", `instance-profile/${own}-*`, false)],
    },
    {
      sid: "ManageStackRoles",
      effect: "Allow",
      actions: ROLE_ACTIONS,
      resources: [arn("iam", `role/${own}-*`, false)],
    },
    {
      sid: "ManageStackPolicies",
      effect: "Allow",
      actions: POLICY_ACTIONS,
      resources: [arn("iam", `policy/${own}-*`, false)],
    },
    {
      // Only this stack's own customer-managed policies can be attached to its roles.
      sid: "AttachStackPolicies",
      effect: "Allow",
      actions: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
      resources: [arn("iam", `role/${own}-*`, false)],
      conditions: [
        {
          test: "ArnLike",
          variable: "iam:PolicyARN",
          values: [arn("iam", `policy/${own}-*`, false)],
        },
      ],
    },
    {
      sid: "PassStackRoles",
      effect: "Allow",
      actions: ["iam:PassRole"],
      resources: [arn("iam", `role/${own}-*`, false)],
      conditions: [{ test: "StringEquals", variable: "iam:PassedToService", values: PASSED_TO }],
    },
    {
      sid: "CreateServiceLinkedRoles",
      effect: "Allow",
      actions: ["iam:CreateServiceLinkedRole"],
      resources: [arn("iam", "role/aws-service-role/*", false)],
      conditions: [
        { test: "StringEquals", variable: "iam:AWSServiceName", values: SERVICE_LINKED },
      ],
    },
    {
      sid: "ReadOidcProvider",
      effect: "Allow",
      actions: ["iam:GetOpenIDConnectProvider"],
      resources: [ciRoles[1]],
    },
  ];
}

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
