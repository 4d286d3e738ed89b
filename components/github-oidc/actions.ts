// The action lists and waivers of the GitHub Actions deploy role: which services it manages with
// service-level permissions, which IAM actions it may use on the stack's own names, and why the
// pack's policies it cannot satisfy are waived.
/**
 * Services whose resources the program manages with service-level permissions (regional, region
 * locked). A layer that adds a service adds it here; a test fails when a resource type of the
 * program belongs to no service the deploy role covers.
 */
export const DEPLOY_WILDCARD_SERVICES = [
  "application-autoscaling",
  "backup",
  "cloudwatch",
  "codebuild",
  "codecommit",
  "codeconnections",
  "codestar-connections",
  "ec2",
  "ecs",
  "elasticloadbalancing",
  "events",
  "rds",
  "redshift-serverless",
  "wafv2",
] as const;

/**
 * AWS Backup docs ("Create a backup vault"): creating a vault also needs
 * backup-storage:MountCapsule (no resource type).
 */
export const BACKUP_STORAGE_ACTIONS = ["backup-storage:MountCapsule"];

/**
 * Global services (CloudFront) and the CloudFront log delivery, whose API calls are made in
 * us-east-1 (CloudFront docs: a distribution's certificate and its standard logs v2 delivery live
 * in us-east-1), so their statement is locked to us-east-1 and the stack's region.
 */
export const DEPLOY_GLOBAL_SERVICES = ["cloudfront"] as const;

/**
 * CodePipeline actions listed one by one: `codepipeline:*` would include codepipeline:PollForJobs,
 * which returns job credentials.
 */
export const CODEPIPELINE_ACTIONS = [
  "codepipeline:CreatePipeline",
  "codepipeline:DeletePipeline",
  "codepipeline:GetPipeline",
  "codepipeline:GetPipelineState",
  "codepipeline:ListPipelines",
  "codepipeline:ListTagsForResource",
  "codepipeline:TagResource",
  "codepipeline:UntagResource",
  "codepipeline:UpdatePipeline",
];

/** Role and inline-policy management of this stack's roles (the program uses no managed policies). */
export const ROLE_ACTIONS = [
  "iam:CreateRole",
  "iam:DeleteRole",
  "iam:DeleteRolePolicy",
  "iam:GetRole",
  "iam:GetRolePolicy",
  "iam:ListAttachedRolePolicies",
  "iam:ListInstanceProfilesForRole",
  "iam:ListRolePolicies",
  "iam:ListRoleTags",
  "iam:PutRolePolicy",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:UpdateAssumeRolePolicy",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
];

/**
 * Services the program's roles are passed to (iam:PassedToService): EC2 gets the instance roles
 * of the test server and the AI server (through their instance profiles), AWS Backup its backup
 * role (the backup selection), the others their service roles.
 */
export const PASSED_TO = [
  "backup.amazonaws.com",
  "codebuild.amazonaws.com",
  "codepipeline.amazonaws.com",
  "ec2.amazonaws.com",
  "ecs-tasks.amazonaws.com",
  "events.amazonaws.com",
  "redshift.amazonaws.com",
  "redshift-serverless.amazonaws.com",
  "vpc-flow-logs.amazonaws.com",
];

/** Instance profiles of this stack's servers (test server, AI server). */
export const INSTANCE_PROFILE_ACTIONS = [
  "iam:AddRoleToInstanceProfile",
  "iam:CreateInstanceProfile",
  "iam:DeleteInstanceProfile",
  "iam:GetInstanceProfile",
  "iam:ListInstanceProfileTags",
  "iam:RemoveRoleFromInstanceProfile",
  "iam:TagInstanceProfile",
  "iam:UntagInstanceProfile",
];

/**
 * Services that encrypt with the stack's keys on behalf of the principal creating the resource,
 * through grants they create as that principal (EBS for the servers' volumes, RDS, Redshift
 * Serverless, Secrets Manager for the RDS master secret, AWS Backup for the vault): each key's
 * policy lets the account use it only through its service, and the deployer needs the same in its
 * IAM policy. EBS docs ("Permissions for IAM users" of EBS encryption): kms:CreateGrant,
 * kms:Decrypt, kms:DescribeKey, kms:GenerateDataKeyWithoutPlaintext and kms:ReEncrypt*, with
 * kms:ViaService.
 */
export const KEY_USING_SERVICES = [
  "backup",
  "ec2",
  "rds",
  "redshift",
  "redshift-serverless",
  "secretsmanager",
];
export const KEY_USE_ACTIONS = [
  "kms:CreateGrant",
  "kms:Decrypt",
  "kms:DescribeKey",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:RetireGrant",
];

/** Customer-managed policies of this stack (e.g. the BI users' tunnel policy). */
export const POLICY_ACTIONS = [
  "iam:CreatePolicy",
  "iam:CreatePolicyVersion",
  "iam:DeletePolicy",
  "iam:DeletePolicyVersion",
  "iam:GetPolicy",
  "iam:GetPolicyVersion",
  "iam:ListPolicyVersions",
  "iam:TagPolicy",
  "iam:UntagPolicy",
];

/**
 * Service-linked roles AWS creates on first use of these services in an account: ECS, its
 * autoscaling, ELB, RDS (AWSServiceRoleForRDS), Redshift (AWSServiceRoleForRedshift, also for
 * Redshift Serverless), EC2 Instance Connect Endpoint (AWSServiceRoleForEC2InstanceConnect) and
 * AWS Backup (AWSServiceRoleForBackup: AWS Backup Developer Guide, "Using roles to back up and
 * copy": AWS Backup creates it "when you list resources to back up, set up cross-account backup,
 * or perform backups", and "you must configure permissions to allow an IAM entity ... to create"
 * it, so a CI `pulumi up` that turns backups on in an account that never used AWS Backup needs
 * it). Each is scoped by `iam:AWSServiceName` to that service's role only.
 */
export const SERVICE_LINKED = [
  "backup.amazonaws.com",
  "ec2-instance-connect.amazonaws.com",
  "ecs.amazonaws.com",
  "ecs.application-autoscaling.amazonaws.com",
  "elasticloadbalancing.amazonaws.com",
  "rds.amazonaws.com",
  "redshift.amazonaws.com",
];

/**
 * Why the deploy role waives each policy it cannot satisfy. Role tags: at most 255 characters of
 * letters, digits, spaces and `_ . : / = + - @` (`tagValueProblem`), so no commas or parentheses.
 */
export const DEPLOY_ROLE_WAIVERS: Readonly<Record<string, string>> = {
  "iam-no-wildcard-actions":
    "Runs pulumi up for the whole program: service-level actions for the services it manages. Region-locked. " +
    "S3/ECR/logs/KMS/IAM are scoped by name. See docs/decisions/pipeline.md.",
  "iam-no-resource-wildcard":
    "EC2/ECS/ELB/WAF/RDS/Backup and build resources get generated ids so they cannot be named in advance. " +
    "Region-locked. S3/ECR/logs/IAM are scoped to the names of this stack. Keys are used only through their services.",
  "iam-no-credentials-exposure":
    "The ec2 service-level grant includes ec2:GetPasswordData for Windows passwords. The servers of the program run " +
    "Amazon Linux which has none and the guardrails policy of this role denies that action explicitly.",
  "iam-kms-decrypt-scoped":
    "Key ids are generated so keys cannot be named in advance: Decrypt and ReEncryptFrom only through " +
    "EC2/RDS/Redshift/Secrets Manager/AWS Backup by kms:ViaService. Those services encrypt for what pulumi up creates.",
  "iam-no-privilege-escalation":
    "Runs pulumi up for the whole program: it edits user data and launch templates of instances with generated ids. " +
    "Build starts and ECS exec are denied. Give each stack its own account to keep one from another. See docs/decisions/pipeline.md.",
  "iam-no-unscoped-permissions-management":
    "pulumi up writes resource policies of key/bucket/log/WAF/build resources with generated ids. Region-locked. " +
    "Denied: IAM users and access keys and any change to the CI roles or the OIDC provider.",
};
