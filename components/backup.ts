// Backups (opt-in, `platform:backupEnabled`): one AWS Backup vault encrypted with its own
// customer-managed key, an optional vault lock, one daily plan with a configurable retention, and
// resource assignments for the data that must survive (the upload buckets, the application
// database, the analytics namespace). The roles AWS Backup assumes carry inline least-privilege
// policies derived from the AWS-managed service-role policies, scoped to exactly these resources
// (the pack forbids AWS-managed attachments). Restore steps: docs/features.md.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountContext, keyAliasName, tagsOf } from "./context";
import { policyDocument, PolicyStatement } from "./iam";
import { EncryptionKey, KeyGrant, serviceKeyGrants } from "./kms-key";

/**
 * "none": no lock. "governance": recovery points cannot be deleted before their retention except
 * by principals allowed backup:DeleteBackupVaultLockConfiguration (the lock can be removed).
 * "compliance": after a 3-day grace period the lock is immutable: nobody, not even the account root
 * or AWS, can shorten retention, delete a recovery point early or remove the lock (AWS Backup docs,
 * "AWS Backup Vault Lock").
 */
export type VaultLockMode = "none" | "governance" | "compliance";
export const VAULT_LOCK_MODES: readonly VaultLockMode[] = ["none", "governance", "compliance"];

/** AWS Backup docs ("Vault lock"): the compliance-mode grace time before the lock becomes immutable, at least 72 hours. */
export const COMPLIANCE_GRACE_DAYS = 3;

/** A resource AWS Backup protects, with the key its data is encrypted with. */
export interface BackupTarget {
  /** Short label for names, e.g. "api-bucket". */
  readonly label: string;
  readonly arn: pulumi.Input<string>;
  /** Customer-managed key of the resource (the role may use it only through the resource's service). */
  readonly keyArn: pulumi.Input<string>;
}

export interface BackupArgs {
  /** Days each recovery point is kept (AWS Backup lifecycle deleteAfter): 1 keeps one daily backup (the MVP). */
  readonly retentionDays: number;
  /** Vault lock mode. Defaults to "none". */
  readonly vaultLock?: VaultLockMode;
  /** When the daily backup starts (AWS Backup cron, UTC). Defaults to "cron(0 5 ? * * *)". */
  readonly schedule?: string;
  /** Region of the stack (service names in the keys' conditions). */
  readonly region: string;
  /** S3 buckets (versioning on, required by AWS Backup for S3). */
  readonly buckets: readonly BackupTarget[];
  /** Aurora clusters. Defaults to none. */
  readonly auroraClusters?: readonly BackupTarget[];
  /** Redshift Serverless namespaces. Defaults to none. */
  readonly redshiftServerlessNamespaces?: readonly BackupTarget[];
  /** Prefix of the new buckets S3 restores create (the restore role may create and write only those). Defaults to `<project>-<stack>-restore-`. */
  readonly restoreBucketPrefix?: string;
  /** Protect and retain the vault and its key (prod). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

const SCHEDULE_RE = /^cron\([^)]+\)$/;
const LABEL_RE = /^[a-z][a-z0-9-]{0,40}$/;
const BUCKET_PREFIX_RE = /^[a-z0-9][a-z0-9-]{1,40}-$/;

interface Settings {
  readonly lock: VaultLockMode;
  readonly schedule: string;
  readonly vaultName: string;
  readonly restoreBucketPrefix: string;
  readonly protect: boolean;
}

function settingsOf(name: string, args: BackupArgs): Settings {
  const problems: string[] = [];
  const stack = `${pulumi.getProject()}-${pulumi.getStack()}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-");
  const s: Settings = {
    lock: args.vaultLock ?? "none",
    schedule: args.schedule ?? "cron(0 5 ? * * *)",
    vaultName: stack,
    restoreBucketPrefix: args.restoreBucketPrefix ?? `${stack}-restore-`,
    protect: args.protect ?? false,
  };
  // AWS Backup API (Lifecycle.DeleteAfterDays): at least 1 day; 100 years is far beyond any need.
  if (
    !Number.isInteger(args.retentionDays) ||
    args.retentionDays < 1 ||
    args.retentionDays > 36500
  ) {
    problems.push(
      `retentionDays: ${args.retentionDays} is not a whole number of days from 1 to 36500`,
    );
  }
  if (!VAULT_LOCK_MODES.includes(s.lock)) {
    problems.push(`vaultLock: "${String(s.lock)}" is not ${VAULT_LOCK_MODES.join(", ")}`);
  }
  if (!SCHEDULE_RE.test(s.schedule)) problems.push(`schedule: "${s.schedule}" is not cron(...)`);
  if (!BUCKET_PREFIX_RE.test(s.restoreBucketPrefix)) {
    problems.push(
      `restoreBucketPrefix: "${s.restoreBucketPrefix}" must be lowercase letters, digits and hyphens ending in "-"`,
    );
  }
  const all = [
    ...args.buckets,
    ...(args.auroraClusters ?? []),
    ...(args.redshiftServerlessNamespaces ?? []),
  ];
  if (all.length === 0)
    problems.push("nothing to back up: give at least one bucket, cluster or namespace");
  const labels = all.map((t) => t.label);
  for (const l of labels)
    if (!LABEL_RE.test(l)) problems.push(`label "${l}" must be a-z, 0-9 and -`);
  if (new Set(labels).size !== labels.length) problems.push("target labels must be unique");
  if (problems.length > 0) {
    throw new Error(`Backup ${name}: invalid arguments:\n  - ${problems.join("\n  - ")}`);
  }
  return s;
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

export class Backup extends pulumi.ComponentResource {
  public readonly vaultName: pulumi.Output<string>;
  public readonly vaultArn: pulumi.Output<string>;
  public readonly planId: pulumi.Output<string>;
  public readonly keyArn: pulumi.Output<string>;
  /** Role AWS Backup assumes for the scheduled backup jobs. */
  public readonly backupRoleArn: pulumi.Output<string>;
  /** Role to pass to `start-restore-job` for S3 restores into a new bucket. */
  public readonly restoreRoleArn: pulumi.Output<string>;
  public readonly restoreBucketPrefix: string;

  constructor(name: string, args: BackupArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = settingsOf(name, args);
    super("platform:backup:Backup", name, {}, opts);
    const parent = { parent: this };
    const tags = tagsOf(name, args.tags);
    const dataOpts: pulumi.CustomResourceOptions = s.protect
      ? { parent: this, protect: true, retainOnDelete: true }
      : parent;
    const region = args.region;
    const { accountId, partition, accountRoot } = accountContext(parent);
    const s3Service = `s3.${region}.amazonaws.com`;
    const restoreBuckets = pulumi.interpolate`arn:${partition}:s3:::${s.restoreBucketPrefix}*`;
    const clusters = args.auroraClusters ?? [];
    const namespaces = args.redshiftServerlessNamespaces ?? [];

    // ---- Roles (created first: the vault key names the restore role) -----------------------------
    // AWS Backup's confused-deputy guidance (AWS Backup docs, "Cross-service confused deputy
    // prevention") covers resource policies (KMS keys, SNS topics); no aws:SourceArn/SourceAccount
    // is documented for the role it assumes, and an unsupported condition would break every job.
    const trust = policyDocument(
      [
        {
          sid: "TrustAwsBackup",
          effect: "Allow",
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["backup.amazonaws.com"] }],
        },
      ],
      parent,
    );
    const trustWaiver = {
      "waiver:iam-trust-policy-confused-deputy-unverified":
        "AWS Backup documents aws:SourceArn and aws:SourceAccount for resource policies only and not for the role it assumes. An unsupported condition would break backup jobs",
    };
    const backupRole = new aws.iam.Role(
      `${name}-backup-role`,
      {
        description: `AWS Backup jobs of ${s.vaultName}: read the assigned resources only`,
        assumeRolePolicy: trust,
        tags: tags("backup-role", trustWaiver),
      },
      parent,
    );
    const restoreRole = new aws.iam.Role(
      `${name}-restore-role`,
      {
        description: `AWS Backup S3 restores of ${s.vaultName}: write new ${s.restoreBucketPrefix}* buckets only`,
        assumeRolePolicy: trust,
        tags: tags("restore-role", trustWaiver),
      },
      parent,
    );

    // ---- Vault key ---------------------------------------------------------------------------
    // AWS Backup docs ("Create a backup vault", required permissions): creating a vault with a
    // customer-managed key needs kms:CreateGrant, DescribeKey, RetireGrant, Decrypt and
    // GenerateDataKey on the key; AWS Backup then encrypts the backups it fully manages (S3) with
    // it through those grants. So the account principal (IAM decides: the deployer) may use the key
    // only through AWS Backup in this region, grants only for AWS resources. Restores write new
    // buckets encrypted with this key through S3; the restore role may do that, and principals of
    // the account (IAM decides: operators) may read those objects, only for restore buckets.
    const backupService = `backup.${region}.amazonaws.com`;
    const inAccount = { test: "StringEquals", variable: "kms:CallerAccount", values: [accountId] };
    const restoreContext = {
      test: "StringLike",
      variable: "kms:EncryptionContext:aws:s3:arn",
      values: [restoreBuckets, pulumi.interpolate`${restoreBuckets}/*`],
    };
    const grants: KeyGrant[] = [
      ...serviceKeyGrants({
        sids: { use: "AwsBackupUse", grants: "AwsBackupGrants" },
        accountRoot,
        accountId,
        services: [backupService],
        actions: ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey", "kms:RetireGrant"],
      }),
      {
        sid: "RestoreRoleWritesRestoreBuckets",
        principals: { type: "AWS", identifiers: [restoreRole.arn] },
        actions: ["kms:GenerateDataKey", "kms:Decrypt"],
        conditions: [
          { test: "StringEquals", variable: "kms:ViaService", values: [s3Service] },
          restoreContext,
        ],
      },
      {
        sid: "AccountReadsRestoreBuckets",
        principals: { type: "AWS", identifiers: [accountRoot] },
        actions: ["kms:Decrypt"],
        conditions: [
          { test: "StringEquals", variable: "kms:ViaService", values: [s3Service] },
          inAccount,
          restoreContext,
        ],
      },
    ];
    const key = new EncryptionKey(
      `${name}-key`,
      {
        description: `Encrypts the ${s.vaultName} backup vault and S3 restores`,
        grants,
        aliasName: keyAliasName(name),
        protect: s.protect,
        tags: tags("key"),
      },
      parent,
    );

    // ---- Vault and lock ----------------------------------------------------------------------
    const vault = new aws.backup.Vault(
      `${name}-vault`,
      {
        name: s.vaultName,
        kmsKeyArn: key.keyArn,
        // Unprotected (disposable) stacks delete their recovery points on `pulumi destroy` (a
        // vault lock still refuses it); prod never.
        forceDestroy: !s.protect,
        tags: tags("vault"),
      },
      dataOpts,
    );
    if (s.lock !== "none") {
      // Recovery points must be kept at least the plan's retention. Compliance mode: changeable
      // for COMPLIANCE_GRACE_DAYS, then immutable; governance mode: no changeableForDays.
      new aws.backup.VaultLockConfiguration(
        `${name}-vault-lock`,
        {
          backupVaultName: vault.name,
          minRetentionDays: args.retentionDays,
          changeableForDays: s.lock === "compliance" ? COMPLIANCE_GRACE_DAYS : undefined,
        },
        dataOpts,
      );
    }

    // ---- Plan --------------------------------------------------------------------------------
    const plan = new aws.backup.Plan(
      `${name}-plan`,
      {
        name: s.vaultName,
        rules: [
          {
            ruleName: "daily",
            targetVaultName: vault.name,
            schedule: s.schedule,
            scheduleExpressionTimezone: "Etc/UTC",
            startWindow: 60,
            completionWindow: 480,
            lifecycle: { deleteAfter: args.retentionDays },
            recoveryPointTags: { ...args.tags, "backup-plan": s.vaultName },
          },
        ],
        tags: tags("plan"),
      },
      parent,
    );

    // ---- Backup role: what the AWS-managed service-role policies grant, for these resources only
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
        {
          // The snapshot stays encrypted with the cluster's key; RDS uses it through grants.
          sid: "AuroraKeyThroughRds",
          effect: "Allow",
          actions: ["kms:DescribeKey", "kms:CreateGrant"],
          resources: unique(clusters.map((c) => c.keyArn)),
          conditions: [
            {
              test: "StringEquals",
              variable: "kms:ViaService",
              values: [`rds.${region}.amazonaws.com`],
            },
            { test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] },
          ],
        },
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
    // so each written waiver covers exactly that permission.
    const attachWaived = (
      role: string,
      description: string,
      waiver: string,
      doc: PolicyStatement[],
    ) => {
      const policy = new aws.iam.Policy(
        `${name}-${role}`,
        {
          description,
          policy: policyDocument(doc, parent),
          tags: tags(role, { "waiver:iam-no-resource-wildcard": waiver }),
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
      attachWaived(
        "bucket-metrics",
        `AWS Backup jobs of ${s.vaultName}: read S3 bucket metrics`,
        "cloudwatch:GetMetricData reads metrics that have no ARN. Its optional dataset resource type does not apply to S3 bucket metrics. Read-only",
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
          {
            sid: "NamespaceKeyThroughRedshift",
            effect: "Allow",
            actions: ["kms:DescribeKey", "kms:CreateGrant"],
            resources: unique(namespaces.map((n) => n.keyArn)),
            conditions: [
              {
                test: "StringEquals",
                variable: "kms:ViaService",
                values: [
                  `redshift-serverless.${region}.amazonaws.com`,
                  `redshift.${region}.amazonaws.com`,
                ],
              },
              { test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] },
            ],
          },
        ],
      );
    }

    // ---- Restore role: AWSBackupServiceRolePolicyForS3Restore, for new restore buckets only ------
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
              conditions: [
                { test: "StringEquals", variable: "kms:ViaService", values: [s3Service] },
              ],
            },
          ],
          parent,
        ),
      },
      parent,
    );

    // ---- What the plan covers ----------------------------------------------------------------
    const targets = [...args.buckets, ...clusters, ...namespaces];
    new aws.backup.Selection(
      `${name}-selection`,
      {
        name: `${s.vaultName}-data`,
        planId: plan.id,
        iamRoleArn: backupRole.arn,
        resources: targets.map((t) => t.arn),
      },
      { parent: this, dependsOn },
    );

    this.vaultName = vault.name;
    this.vaultArn = vault.arn;
    this.planId = plan.id;
    this.keyArn = key.keyArn;
    this.backupRoleArn = backupRole.arn;
    this.restoreRoleArn = restoreRole.arn;
    this.restoreBucketPrefix = s.restoreBucketPrefix;
    this.registerOutputs({
      vaultName: this.vaultName,
      vaultArn: this.vaultArn,
      planId: this.planId,
      keyArn: this.keyArn,
      backupRoleArn: this.backupRoleArn,
      restoreRoleArn: this.restoreRoleArn,
    });
  }
}
