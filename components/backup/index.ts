// Backups (opt-in, `platform:backupEnabled`): one AWS Backup vault encrypted with its own
// customer-managed key, an optional vault lock, one daily plan with a configurable retention, and
// resource assignments for the data that must survive (the upload buckets, the application
// database, the analytics namespace). The roles AWS Backup assumes carry inline least-privilege
// policies derived from the AWS-managed service-role policies, scoped to exactly these resources
// (the pack forbids AWS-managed attachments). Restore steps: docs/features.md.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BackupSettings, VAULT_LOCK_MODES, VaultLockMode } from "../backup.keys";
import { invalidArguments, settingsBuilder, SettingsBuilder } from "../context";
import { policyDocument } from "../iam";
import { componentKey, EncryptionKey, KeyGrant, serviceKeyGrants } from "../kms-key";
import { nameWithin, projectStackName } from "../naming";
import { backupRolePolicies, restoreRolePolicy } from "./role-policies";

export { VAULT_LOCK_MODES } from "../backup.keys";
export type { VaultLockMode } from "../backup.keys";

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

/** Retention and vault lock are the backup section's settings (components/backup.keys.ts). */
export interface BackupArgs
  extends Pick<BackupSettings, "retentionDays">, Partial<Pick<BackupSettings, "vaultLock">> {
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

/**
 * The longest vault, plan and selection name AWS Backup takes: vault `^[a-zA-Z0-9\-\_]{2,50}$`
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html), plan and
 * selection "1 to 50 alphanumeric or '-_.' characters"
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupPlanInput.html,
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupSelection.html). A stack's
 * name has no length limit, so the names built from it are shortened to fit (`nameWithin`).
 */
export const BACKUP_NAME_MAX_LENGTH = 50;

/** The longest restore-bucket prefix: room for a restore's own suffix within S3's 63 characters. */
const RESTORE_PREFIX_MAX_LENGTH = 42;

const SCHEDULE_RE = /^cron\([^)]+\)$/;
const LABEL_RE = /^[a-z][a-z0-9-]{0,40}$/;
const BUCKET_PREFIX_RE = /^[a-z0-9][a-z0-9-]{1,40}-$/;

/** The validated settings of one Backup. */
export interface Settings {
  readonly lock: VaultLockMode;
  readonly schedule: string;
  /** The vault's and the plan's name: `<project>-<stack>`, shortened to 50 characters. */
  readonly vaultName: string;
  /** The selection's name: `<project>-<stack>-data`, shortened to 50 characters. */
  readonly selectionName: string;
  readonly restoreBucketPrefix: string;
  readonly protect: boolean;
}

/** Validates what the type system cannot; throws one error listing every problem. */
function validateArgs(name: string, args: BackupArgs): Settings {
  const problems: string[] = [];
  const stack = projectStackName(pulumi.getProject(), pulumi.getStack());
  const s: Settings = {
    lock: args.vaultLock ?? "none",
    schedule: args.schedule ?? "cron(0 5 ? * * *)",
    vaultName: nameWithin(stack, BACKUP_NAME_MAX_LENGTH),
    selectionName: nameWithin(`${stack}-data`, BACKUP_NAME_MAX_LENGTH),
    restoreBucketPrefix:
      args.restoreBucketPrefix ??
      `${nameWithin(`${stack}-restore`, RESTORE_PREFIX_MAX_LENGTH - 1)}-`,
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
      `restoreBucketPrefix: "${s.restoreBucketPrefix}" must be at most ${RESTORE_PREFIX_MAX_LENGTH} lowercase letters, digits and hyphens ending in "-"`,
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
  invalidArguments("Backup", name, problems);
  return s;
}

/** What the Backup builders share. */
export type Build = SettingsBuilder<
  BackupArgs,
  Settings,
  {
    /** `s3.<region>.amazonaws.com`. */
    readonly s3Service: string;
    /** The buckets S3 restores create: `arn:<partition>:s3:::<restoreBucketPrefix>*`. */
    readonly restoreBuckets: pulumi.Output<string>;
    readonly clusters: readonly BackupTarget[];
    readonly namespaces: readonly BackupTarget[];
  }
>;

export class Backup extends pulumi.ComponentResource {
  /** The backup vault (`<project>-<stack>`). */
  public readonly vaultName: pulumi.Output<string>;
  /** ARN of the backup vault. */
  public readonly vaultArn: pulumi.Output<string>;
  /** The daily backup plan. */
  public readonly planId: pulumi.Output<string>;
  /** Key of the vault and of S3 restores. */
  public readonly keyArn: pulumi.Output<string>;
  /** Role AWS Backup assumes for the scheduled backup jobs. */
  public readonly backupRoleArn: pulumi.Output<string>;
  /** Role to pass to `start-restore-job` for S3 restores into a new bucket. */
  public readonly restoreRoleArn: pulumi.Output<string>;
  /** Prefix of the buckets S3 restores create (`<project>-<stack>-restore-` unless given). */
  public readonly restoreBucketPrefix: string;

  constructor(name: string, args: BackupArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = validateArgs(name, args);
    super("platform:backup:Backup", name, {}, opts);
    const b: Build = settingsBuilder(this, name, args, s, (scope) => ({
      s3Service: `s3.${args.region}.amazonaws.com`,
      restoreBuckets: pulumi.interpolate`arn:${scope.account.partition}:s3:::${s.restoreBucketPrefix}*`,
      clusters: args.auroraClusters ?? [],
      namespaces: args.redshiftServerlessNamespaces ?? [],
    }));

    const { backupRole, restoreRole } = backupRoles(b);
    const key = vaultKey(b, restoreRole);
    const vault = vaultAndLock(b, key);
    const plan = backupPlan(b, vault);
    const dependsOn = backupRolePolicies(b, backupRole);
    restoreRolePolicy(b, restoreRole, key);
    backupSelection(b, { plan, backupRole, dependsOn });

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

/** The roles AWS Backup assumes, `${name}-backup-role` and `${name}-restore-role` (created first: the vault key names the restore role). */
function backupRoles(b: Build) {
  const { name, s, tags, parent } = b;
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
  return { backupRole, restoreRole };
}

/** The vault's key `${name}-key`. */
function vaultKey(b: Build, restoreRole: aws.iam.Role) {
  const { name, s, region, accountId, accountRoot, s3Service, restoreBuckets } = b;
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
  return componentKey(b, name, `Encrypts the ${s.vaultName} backup vault and S3 restores`, grants);
}

/** The vault `${name}-vault` and, unless "none", its lock. */
function vaultAndLock(b: Build, key: EncryptionKey) {
  const { name, args, s, tags, dataOpts } = b;
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
    //
    // A lock has no update: every argument forces a new one and its id is the vault's name
    // (terraform-provider-aws, backup/vault_lock_configuration.go: ForceNew on all four, Delete =
    // DeleteBackupVaultLockConfiguration of the vault). Replaced the default way (create, then
    // delete the old), a new backupRetentionDays would put the new lock on the vault and then
    // delete the vault's lock, leaving it unlocked while the stack says locked. Delete first.
    new aws.backup.VaultLockConfiguration(
      `${name}-vault-lock`,
      {
        backupVaultName: vault.name,
        minRetentionDays: args.retentionDays,
        changeableForDays: s.lock === "compliance" ? COMPLIANCE_GRACE_DAYS : undefined,
      },
      { ...dataOpts, deleteBeforeReplace: true },
    );
  }
  return vault;
}

/** The daily plan `${name}-plan`. */
function backupPlan(b: Build, vault: aws.backup.Vault) {
  const { name, args, s, tags, parent } = b;
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
  return plan;
}

/** What the plan covers: every target, with the backup role. */
function backupSelection(
  b: Build,
  on: { plan: aws.backup.Plan; backupRole: aws.iam.Role; dependsOn: pulumi.Resource[] },
) {
  const { name, args, s, clusters, namespaces } = b;
  const { plan, backupRole, dependsOn } = on;
  const targets = [...args.buckets, ...clusters, ...namespaces];
  new aws.backup.Selection(
    `${name}-selection`,
    {
      name: s.selectionName,
      planId: plan.id,
      iamRoleArn: backupRole.arn,
      resources: targets.map((t) => t.arn),
    },
    // AWS Backup cannot update a selection: a change of what it covers replaces it
    // (terraform-provider-aws aws_backup_selection: every argument forces a new one), and the new
    // one keeps the name. Whether CreateBackupSelection refuses a second selection of that name in
    // the plan (its AlreadyExistsException) is not documented, so the old one goes first; the
    // plan has no selection for the seconds in between.
    { parent: b.self, dependsOn, deleteBeforeReplace: true },
  );
}
