// What the GitHub Actions deploy role may do, as data: its statements (service-level where the
// program's resources get generated ids, region-locked, scoped by the stack's names elsewhere).
// Its explicit denies are in ./guardrails.ts; the scope both read, the preview role's look-ups
// and the CI roles' names in ./scope.ts.
import * as pulumi from "@pulumi/pulumi";
import { PolicyStatement } from "../iam";
import { KEY_ADMIN_ACTIONS } from "../kms-key";
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
import {
  arnOf,
  ciResources,
  DeployScope,
  publicParametersStatement,
  regionCondition,
} from "./scope";

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
