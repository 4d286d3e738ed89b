// AWS-managed policies are attached only when allow-listed in config with a reason.
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { eachElement, isUnknownError } from "../../lib/values";
import { knownValues, roleLinks } from "../../lib/iam/role-links";

import {
  IAM_GROUP,
  IAM_GROUP_POLICY_ATTACHMENT,
  IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE,
  IAM_POLICY,
  IAM_POLICY_ATTACHMENT,
  IAM_ROLE,
  IAM_ROLE_POLICY_ATTACHMENT,
  IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE,
  IAM_USER,
  IAM_USER_POLICY_ATTACHMENT,
  IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE,
  SSO_MANAGED_POLICY_ATTACHMENT,
} from "../../lib/types";
import { NATIVE_IAM_GROUP, NATIVE_IAM_ROLE, NATIVE_IAM_USER } from "../../lib/native/types";
import { cdkNag, checkov } from "../../lib/controls";

export interface ManagedPolicyConfig {
  allowedManagedPolicies: { arn: string; reason: string }[];
}

/**
 * AWS-managed policies accepted by default: the narrow execution-role policies AWS maintains for a
 * service to run a workload, whose grants are what the service itself needs (mostly actions AWS
 * defines without resource types). Each reason says what the policy allows; the JSON of each is in
 * the AWS Managed Policy Reference (docs.aws.amazon.com/aws-managed-policy/latest/reference/<Name>.html).
 * Broad policies stay out on purpose: AdministratorAccess, PowerUserAccess, IAMFullAccess, every
 * *FullAccess and *ReadOnlyAccess, and execution-role policies that read every queue or stream
 * (AWSLambdaSQSQueueExecutionRole, AWSLambdaKinesisExecutionRole, AWSLambdaDynamoDBExecutionRole).
 * Setting `allowedManagedPolicies` replaces this list: `[]` accepts no AWS-managed policy at all.
 */
export const DEFAULT_ALLOWED_MANAGED_POLICIES: readonly { arn: string; reason: string }[] = [
  {
    arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    reason:
      "Lambda execution role: logs:CreateLogGroup, logs:CreateLogStream and logs:PutLogEvents only.",
  },
  {
    arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
    reason:
      "VPC-attached Lambda: create, describe and delete its network interfaces, and write CloudWatch Logs.",
  },
  {
    arn: "arn:aws:iam::aws:policy/CloudWatchLambdaInsightsExecutionRolePolicy",
    reason: "Lambda Insights extension: writes to the /aws/lambda-insights log group only.",
  },
  {
    arn: "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
    reason: "X-Ray trace and telemetry upload; these actions have no resource types.",
  },
  {
    arn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
    reason:
      "ECS task execution role (used by the ECS agent, not the application): ECR image pull and CloudWatch Logs writes.",
  },
  {
    arn: "arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole",
    reason:
      "Glue service role AWS maintains for jobs and crawlers (Glue catalog, aws-glue-* buckets, job networking).",
  },
  {
    arn: "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
    reason: "API Gateway's account-level logging role: writes execution and access logs.",
  },
  // The roles the container services require of the machines they run (Amazon ECS Developer
  // Guide, "Amazon ECS container instance IAM role"; Amazon EKS User Guide, "Amazon EKS cluster
  // IAM role" and "Amazon EKS node IAM role"): each names this policy as the role's permissions.
  {
    arn: "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
    reason:
      "ECS container instance role: the ECS agent registers the instance and polls for tasks, pulls images from ECR and writes CloudWatch Logs.",
  },
  {
    arn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
    reason:
      "EKS cluster role: the control plane manages the cluster's network interfaces, load balancers and node security groups.",
  },
  {
    arn: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    reason:
      "EKS node role: the kubelet describes the VPC's EC2 resources and the Pod Identity agent gets pod credentials.",
  },
  {
    arn: "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    reason:
      "Amazon VPC CNI plugin: assigns and releases the pods' IP addresses on the node's network interfaces.",
  },
  // The enhanced monitoring role that rds-enhanced-monitoring asks for: the RDS User Guide
  // ("Setting up and enabling Enhanced Monitoring") names this policy as its permissions, and its
  // JSON (AWS Managed Policy Reference, AmazonRDSEnhancedMonitoringRole) grants log writes to the
  // RDS* log groups only.
  {
    arn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
    reason:
      "RDS enhanced monitoring role: creates the RDS* log groups and writes OS metrics to their streams only.",
  },
  // Not AmazonSSMManagedInstanceCore, the Systems Manager instance profile policy: besides the
  // agent's own calls it grants ssm:GetParameter and ssm:GetParameters on "*", so the instance reads
  // every String parameter of the account and every SecureString under the AWS managed key aws/ssm,
  // whose key policy grants Decrypt to every principal of the account (Systems Manager User Guide,
  // "Restricting decryption of SecureString parameter values"). The same grant written inline is an
  // iam-no-data-exfiltration finding; a stack that accepts it lists the ARN in
  // allowedManagedPolicies with its reason, or builds the agent's statements without the reads.
  // Not AWSBackupServiceRolePolicyForBackup, the policy of AWS Backup's default service role: its
  // JSON (AWS Managed Policy Reference) grants snapshot and copy actions across services, among
  // them the sharing ones (ec2:ModifySnapshotAttribute, ec2:ModifyImageAttribute,
  // rds:ModifyDBSnapshotAttribute, rds:ModifyDBClusterSnapshotAttribute), with which a snapshot can
  // be shared with any account. A stack that accepts it lists the ARN in allowedManagedPolicies with
  // its reason, or builds the role's statements for its own resources, as this project's Backup does.
  {
    arn: "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
    reason:
      "Image pulls from ECR (the EKS node role's registry policy): authorization token and layer downloads only.",
  },
];

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy(\/.+)$/;

/** `policy/<path>/<name>` of an AWS-managed policy ARN, partition-independent; undefined otherwise. */
export function awsManagedKey(arn: string): string | undefined {
  const m = AWS_MANAGED.exec(arn);
  return m ? m[1].toLowerCase() : undefined;
}

/** The keys (awsManagedKey) of the allow-list entries that give a reason of 10 characters or more. */
export function allowedManagedKeys(entries: ManagedPolicyConfig["allowedManagedPolicies"]) {
  return new Set(
    entries
      .filter((e) => typeof e?.reason === "string" && e.reason.trim().length >= 10)
      .map((e) => awsManagedKey(e.arn) ?? e.arn.toLowerCase()),
  );
}

function isCustomerPolicy(r: PolicyResource): boolean {
  return r.type === IAM_POLICY;
}

/**
 * The allow-list's config schema, which aws-apigateway-restapi-static-route-role declares too: a
 * policy reads only its own config, so a stack that allow-lists a policy sets it under both.
 */
export const ALLOWED_MANAGED_POLICIES_CONFIG = {
  allowedManagedPolicies: {
    type: "array" as const,
    default: DEFAULT_ALLOWED_MANAGED_POLICIES,
    description:
      "AWS-managed policies that may be attached, each with the reason. The default lists AWS's narrow execution-role policies; set a shorter list (or []) to tighten it.",
    items: {
      type: "object" as const,
      properties: {
        arn: { type: "string" as const },
        reason: { type: "string" as const, minLength: 10 },
      },
      required: ["arn", "reason"],
    },
  },
};

export const managedPolicyAllowlist = stackPolicy<ManagedPolicyConfig>({
  name: "iam-managed-policy-allowlist",
  description:
    "AWS-managed policies (`arn:aws:iam::aws:policy/...`, any partition) are attached only when allow-listed with a reason; by default only AWS's narrow execution-role policies (Lambda basic/VPC execution, ECS task execution, Glue service role, the ECS container instance and EKS cluster and node roles, RDS enhanced monitoring, the AWS Backup service role, ...) are. AdministratorAccess, PowerUserAccess, IAMFullAccess and every *FullAccess policy stay findings. Customer-managed policies are checked by the document policies.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Replace the AWS-managed policy with a customer-managed or inline policy listing only the needed actions on the needed resources. If the managed policy is truly required (e.g. a service-role policy AWS maintains), add `{ arn, reason }` to this policy's `allowedManagedPolicies` config.",
  references: [
    cdkNag("AwsSolutions-IAM4"),
    checkov("CKV_AWS_274"),
    checkov("CKV_AWS_275"),
    checkov("CKV2_AWS_56"),
  ],
  config: ALLOWED_MANAGED_POLICIES_CONFIG,
  types: [
    IAM_ROLE,
    NATIVE_IAM_ROLE,
    NATIVE_IAM_USER,
    NATIVE_IAM_GROUP,
    IAM_ROLE_POLICY_ATTACHMENT,
    IAM_USER_POLICY_ATTACHMENT,
    IAM_GROUP_POLICY_ATTACHMENT,
    IAM_POLICY_ATTACHMENT,
    IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE,
    IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE,
    IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE,
    SSO_MANAGED_POLICY_ATTACHMENT,
  ],
  check: (ctx) => {
    const allowed = allowedManagedKeys(ctx.config.allowedManagedPolicies);
    const { index } = ctx;
    const judge = (
      r: PolicyResource,
      prop: string,
      arns: unknown,
      carriers: PolicyResource[],
      skip: Set<string>,
    ) => {
      const deps = index.referenced(r, prop);
      const values: unknown[] = [];
      const unknownSeen = Array.isArray(arns)
        ? eachElement(arns, (v) => values.push(v))
        : (values.push(arns), undefined);
      for (const v of values) {
        if (typeof v !== "string" || skip.has(v)) continue;
        const key = awsManagedKey(v);
        if (key && !allowed.has(key)) {
          ctx.report(
            r,
            `${prop}: AWS-managed policy ${v} is not in allowedManagedPolicies; attach a least-privilege customer policy instead.`,
            carriers,
          );
        }
      }
      // ARNs unknown at preview come from resources; a customer-managed Policy is fine.
      if (unknownSeen && !(deps.length > 0 && deps.every(isCustomerPolicy))) throw unknownSeen;
    };
    const read = (
      r: PolicyResource,
      prop: string,
      carriers: PolicyResource[],
      skip = new Set<string>(),
    ) => {
      ctx.each(r, () => {
        let arns: unknown;
        try {
          arns = r.props[prop];
        } catch (e) {
          if (!isUnknownError(e)) throw e;
          const deps = index.referenced(r, prop);
          // Unknown as a whole: fine if built only from customer-managed policies; for a Role's
          // optional, computed managedPolicyArns with no dependencies, the program did not set it.
          if (deps.length > 0 && deps.every(isCustomerPolicy)) return;
          if (deps.length === 0 && r.type === IAM_ROLE) return;
          throw e;
        }
        if (arns === undefined || arns === null) return;
        judge(r, prop, arns, carriers, skip);
      });
    };
    const roleOf = (r: PolicyResource, prop: string) => index.referenced(r, prop, IAM_ROLE);
    const links = roleLinks(index);
    for (const r of index.ofType(IAM_ROLE)) {
      // After a refresh the computed managedPolicyArns also lists what attachments attached;
      // those are reported on the attachment.
      read(r, "managedPolicyArns", [], knownValues(links.get(r.urn)?.attached ?? [], "policyArn"));
    }
    // aws-native Users and Groups name managed policies inline (managedPolicyArns, as a Role does;
    // sdk/nodejs/iam/{user,group}.ts); classic ones carry none.
    for (const r of index.ofType(IAM_USER, IAM_GROUP)) read(r, "managedPolicyArns", []);
    for (const r of index.ofType(IAM_ROLE_POLICY_ATTACHMENT))
      read(r, "policyArn", roleOf(r, "role"));
    for (const r of index.ofType(IAM_USER_POLICY_ATTACHMENT, IAM_GROUP_POLICY_ATTACHMENT)) {
      read(r, "policyArn", []);
    }
    for (const r of index.ofType(IAM_POLICY_ATTACHMENT)) read(r, "policyArn", roleOf(r, "roles"));
    for (const r of index.ofType(IAM_ROLE_POLICY_ATTACHMENTS_EXCLUSIVE)) {
      read(r, "policyArns", roleOf(r, "roleName"));
    }
    for (const r of index.ofType(
      IAM_USER_POLICY_ATTACHMENTS_EXCLUSIVE,
      IAM_GROUP_POLICY_ATTACHMENTS_EXCLUSIVE,
    )) {
      read(r, "policyArns", []);
    }
    // IAM Identity Center: an AWS-managed policy on a permission set reaches every account it is
    // provisioned to (Checkov CKV_AWS_274 / CKV2_AWS_56 check aws_ssoadmin_managed_policy_attachment).
    for (const r of index.ofType(SSO_MANAGED_POLICY_ATTACHMENT)) {
      read(r, "managedPolicyArn", []);
    }
  },
});
