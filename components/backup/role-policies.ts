// The permissions of the roles AWS Backup assumes: what the AWS-managed service-role policies
// grant (the pack forbids AWS-managed attachments), narrowed to exactly the assigned resources.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, PolicyStatement } from "../iam";
import { EncryptionKey } from "../kms-key";
import type { Build } from "./index";

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/**
 * The keys of the protected resources, for AWS Backup's snapshots: create grants only through the
 * service that owns the resources (`kms:ViaService`) and only for AWS resources
 * (`kms:GrantIsForAWSResource`), and describe them; the service then encrypts with the key
 * through those grants. Two statements: kms:GrantIsForAWSResource is a key of CreateGrant,
 * ListGrants and RevokeGrant only (KMS Developer Guide, "Controlling access to grants"; Service
 * Authorization Reference, KMS: DescribeKey's keys are kms:CallerAccount, kms:RequestAlias and
 * kms:ViaService), so beside it DescribeKey would never be allowed. The AWS managed policy
 * AWSBackupServiceRolePolicyForBackup grants them the same way, DescribeKey (`KMSPermissions`)
 * apart from CreateGrant (`KMSCreateGrantPermissions`) and without a condition
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSBackupServiceRolePolicyForBackup.html);
 * here it is narrowed to these keys.
 */
function keysThroughService(
  sid: string,
  keyArns: readonly pulumi.Input<string>[],
  viaServices: readonly string[],
): PolicyStatement[] {
  const resources = unique(keyArns);
  return [
    {
      sid,
      effect: "Allow",
      actions: ["kms:CreateGrant"],
      resources,
      conditions: [
        { test: "StringEquals", variable: "kms:ViaService", values: viaServices },
        { test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] },
      ],
    },
    {
      sid: `Describe${sid}`,
      effect: "Allow",
      actions: ["kms:DescribeKey"],
      resources,
    },
  ];
}

/** The backup role's permissions: what the AWS-managed service-role policies grant, for these resources only. Returns what the selection waits for. */
export function backupRolePolicies(b: Build, backupRole: aws.iam.Role) {
  const {
    name,
    args,
    s,
    tags,
    parent,
    region,
    accountId,
    partition,
    s3Service,
    clusters,
    namespaces,
  } = b;
  const buckets = args.buckets.map((b) => b.arn);
  const statements: PolicyStatement[] = [];
  if (buckets.length > 0) {
    // AWSBackupServiceRolePolicyForS3Backup (v5), narrowed from arn:aws:s3:::* to our buckets and
    // from all KMS keys to theirs (AWS Backup docs, "Managed policies for AWS Backup").
    statements.push(
      {
        sid: "S3BucketBackup",
        effect: "Allow",
        actions: [
          "s3:GetBucketTagging",
          "s3:GetInventoryConfiguration",
          "s3:PutInventoryConfiguration",
          "s3:ListBucketVersions",
          "s3:ListBucket",
          "s3:GetBucketVersioning",
          "s3:GetBucketLocation",
          "s3:GetBucketAcl",
          "s3:GetBucketNotification",
          "s3:PutBucketNotification",
          "s3:ListTagsForResource",
        ],
        resources: buckets,
      },
      {
        sid: "S3ObjectBackup",
        effect: "Allow",
        actions: [
          "s3:GetObject",
          "s3:GetObjectAcl",
          "s3:GetObjectTagging",
          "s3:GetObjectVersion",
          "s3:GetObjectVersionAcl",
          "s3:GetObjectVersionTagging",
        ],
        resources: buckets.map((b) => pulumi.interpolate`${b}/*`),
      },
      {
        // Service Authorization Reference: s3:ListAllMyBuckets has no resource type.
        sid: "S3ListBuckets",
        effect: "Allow",
        actions: ["s3:ListAllMyBuckets"],
        resources: ["*"],
      },
      {
        sid: "DecryptBucketObjectsThroughS3",
        effect: "Allow",
        actions: ["kms:Decrypt", "kms:DescribeKey"],
        resources: unique(args.buckets.map((b) => b.keyArn)),
        conditions: [{ test: "StringEquals", variable: "kms:ViaService", values: [s3Service] }],
      },
      {
        // AWS Backup tracks S3 changes with EventBridge rules it names AwsBackupManagedRule*.
        sid: "ManagedEventRules",
        effect: "Allow",
        actions: [
          "events:DescribeRule",
          "events:EnableRule",
          "events:DisableRule",
          "events:PutRule",
          "events:DeleteRule",
          "events:PutTargets",
          "events:RemoveTargets",
          "events:ListTargetsByRule",
        ],
        resources: [
          pulumi.interpolate`arn:${partition}:events:${region}:${accountId}:rule/AwsBackupManagedRule*`,
        ],
      },
      {
        // Service Authorization Reference: events:ListRules has no resource type.
        sid: "ListEventRules",
        effect: "Allow",
        actions: ["events:ListRules"],
        resources: ["*"],
      },
    );
  }
  if (clusters.length > 0) {
    // AWSBackupServiceRolePolicyForBackup (RDS/Aurora statements): describe and snapshot the
    // cluster, tag and manage the snapshots AWS Backup names awsbackup:*.
    const clusterArns = clusters.map((c) => c.arn);
    const backupSnapshots = pulumi.interpolate`arn:${partition}:rds:${region}:${accountId}:cluster-snapshot:awsbackup:*`;
    statements.push(
      {
        sid: "AuroraSnapshot",
        effect: "Allow",
        actions: [
          "rds:DescribeDBClusters",
          "rds:CreateDBClusterSnapshot",
          "rds:ListTagsForResource",
          "rds:AddTagsToResource",
          "rds:DescribeDBClusterSnapshots",
          "rds:DescribeDBClusterAutomatedBackups",
        ],
        resources: [...clusterArns, backupSnapshots],
      },
      {
        sid: "AuroraBackupSnapshots",
        effect: "Allow",
        actions: [
          "rds:CopyDBClusterSnapshot",
          "rds:DeleteDBClusterSnapshot",
          "rds:ModifyDBClusterSnapshotAttribute",
        ],
        resources: [backupSnapshots],
      },
      // The snapshot stays encrypted with the cluster's key; RDS uses it through grants.
      ...keysThroughService(
        "AuroraKeyThroughRds",
        clusters.map((c) => c.keyArn),
        [`rds.${region}.amazonaws.com`],
      ),
    );
  }
  statements.push({
    sid: "TagRecoveryPoints",
    effect: "Allow",
    actions: ["backup:TagResource"],
    resources: [
      pulumi.interpolate`arn:${partition}:backup:${region}:${accountId}:recovery-point:*`,
    ],
  });
  const backupPolicy = new aws.iam.RolePolicy(
    `${name}-backup-policy`,
    { role: backupRole.id, policy: policyDocument(statements, parent) },
    parent,
  );
  const dependsOn: pulumi.Resource[] = [backupPolicy];
  // A customer-managed policy of its own carries each permission that cannot name a resource,
  // so each written waiver covers exactly that permission (none where the pack knows the action
  // has no resource to name).
  const attachWaived = (
    role: string,
    description: string,
    waiver: string | undefined,
    doc: PolicyStatement[],
  ) => {
    const policy = new aws.iam.Policy(
      `${name}-${role}`,
      {
        description,
        policy: policyDocument(doc, parent),
        tags: tags(role, waiver ? { "waiver:iam-no-resource-wildcard": waiver } : {}),
      },
      parent,
    );
    dependsOn.push(
      new aws.iam.RolePolicyAttachment(
        `${name}-${role}-attachment`,
        { role: backupRole.name, policyArn: policy.arn },
        parent,
      ),
    );
  };
  if (buckets.length > 0) {
    // AWSBackupServiceRolePolicyForS3Backup: AWS Backup reads the buckets' CloudWatch metrics.
    // cloudwatch:GetMetricData reads metrics that have no ARN, so "*" is its only resource; the
    // pack's wildcard rule knows it, and no waiver is needed.
    attachWaived(
      "bucket-metrics",
      `AWS Backup jobs of ${s.vaultName}: read S3 bucket metrics`,
      undefined,
      [
        {
          sid: "ReadBucketMetrics",
          effect: "Allow",
          actions: ["cloudwatch:GetMetricData"],
          resources: ["*"],
        },
      ],
    );
  }

  if (namespaces.length > 0) {
    // AWSBackupServiceRolePolicyForBackup (Redshift Serverless statements). Snapshot ARNs carry
    // an id Redshift assigns at creation, so CreateSnapshot, GetSnapshot and DeleteSnapshot cannot
    // name them in advance; the namespace they snapshot is named exactly. In a customer-managed
    // policy of its own, so its written waiver covers only these statements.
    const snapshots = pulumi.interpolate`arn:${partition}:redshift-serverless:${region}:${accountId}:snapshot/*`;
    const namespaceArns = namespaces.map((n) => n.arn);
    attachWaived(
      "redshift-serverless",
      `AWS Backup jobs of ${s.vaultName}: snapshot the analytics namespace`,
      "Redshift Serverless snapshot ARNs end in an id assigned at creation: AWS Backup needs every snapshot of this account and region. The namespace is named exactly",
      [
        {
          sid: "SnapshotNamespace",
          effect: "Allow",
          actions: ["redshift-serverless:CreateSnapshot", "redshift-serverless:GetNamespace"],
          resources: [...namespaceArns, snapshots],
        },
        {
          sid: "ManageBackupSnapshots",
          effect: "Allow",
          actions: [
            "redshift-serverless:GetSnapshot",
            "redshift-serverless:DeleteSnapshot",
            "redshift-serverless:TagResource",
            "redshift-serverless:ListSnapshots",
          ],
          resources: [snapshots],
        },
        {
          sid: "ListNamespaceTags",
          effect: "Allow",
          actions: ["redshift-serverless:ListTagsForResource"],
          resources: namespaceArns,
        },
        {
          // Service Authorization Reference: ListNamespaces has no resource type.
          sid: "ListNamespaces",
          effect: "Allow",
          actions: ["redshift-serverless:ListNamespaces"],
          resources: ["*"],
        },
        ...keysThroughService(
          "NamespaceKeyThroughRedshift",
          namespaces.map((n) => n.keyArn),
          [`redshift-serverless.${region}.amazonaws.com`, `redshift.${region}.amazonaws.com`],
        ),
      ],
    );
  }
  return dependsOn;
}

/** The restore role's policy: AWSBackupServiceRolePolicyForS3Restore, for new restore buckets only. */
export function restoreRolePolicy(b: Build, restoreRole: aws.iam.Role, key: EncryptionKey) {
  const { name, parent, s3Service, restoreBuckets } = b;
  new aws.iam.RolePolicy(
    `${name}-restore-policy`,
    {
      role: restoreRole.id,
      policy: policyDocument(
        [
          {
            sid: "CreateRestoreBuckets",
            effect: "Allow",
            actions: [
              "s3:CreateBucket",
              "s3:ListBucket",
              "s3:ListBucketVersions",
              "s3:GetBucketVersioning",
              "s3:PutBucketVersioning",
              "s3:GetBucketLocation",
              "s3:GetBucketOwnershipControls",
              "s3:PutBucketOwnershipControls",
            ],
            resources: [restoreBuckets],
          },
          {
            sid: "WriteRestoredObjects",
            effect: "Allow",
            actions: [
              "s3:PutObject",
              "s3:GetObject",
              "s3:GetObjectVersion",
              "s3:DeleteObject",
              "s3:GetObjectTagging",
              "s3:PutObjectTagging",
              "s3:ListMultipartUploadParts",
            ],
            resources: [pulumi.interpolate`${restoreBuckets}/*`],
          },
          {
            sid: "EncryptWithVaultKeyThroughS3",
            effect: "Allow",
            actions: ["kms:GenerateDataKey", "kms:Decrypt", "kms:DescribeKey"],
            resources: [key.keyArn],
            conditions: [{ test: "StringEquals", variable: "kms:ViaService", values: [s3Service] }],
          },
        ],
        parent,
      ),
    },
    parent,
  );
}
