// RDS instances and Aurora clusters: private, deletion-protected, IAM authentication, backups kept,
// AWS-managed master passwords, and tags copied to snapshots (storage encryption with a
// customer-managed key is the KMS policies' rule). DocumentDB and Neptune clusters, built on the
// same RDS machinery, are held to the same deletion protection and backups, and Neptune to IAM
// authentication.
import { reportIf, requireTrue, resourcePolicy } from "../../lib/define";
import { SUPPLIED_PASSWORD_ADVISORY, suppliedPasswords } from "../../lib/secrets";
import { present, flagOn } from "../../lib/values";
import { auroraMember } from "../../lib/databases/aurora";
import {
  DOCDB_CLUSTER,
  NEPTUNE_CLUSTER,
  RDS_CLUSTER,
  RDS_CLUSTER_INSTANCE,
  RDS_INSTANCE,
  RDS_SHARD_GROUP,
} from "../../lib/types";
import {
  NATIVE_DOCDB_DB_CLUSTER,
  NATIVE_DOCDB_DB_CLUSTER_V0,
  NATIVE_NEPTUNE_DB_CLUSTER,
  NATIVE_NEPTUNE_DB_CLUSTER_V0,
  NATIVE_RDS_DB_CLUSTER,
  NATIVE_RDS_DB_CLUSTER_V0,
  NATIVE_RDS_DB_INSTANCE,
  NATIVE_RDS_DB_INSTANCE_V0,
} from "../../lib/native/types";
import { awsDocs, cdkNag, checkov, fsbp, kics, trivy } from "../../lib/controls";

/** The aws-native RDS instances and clusters, judged as their classic twins. */
const NATIVE_RDS = [
  NATIVE_RDS_DB_INSTANCE,
  NATIVE_RDS_DB_INSTANCE_V0,
  NATIVE_RDS_DB_CLUSTER,
  NATIVE_RDS_DB_CLUSTER_V0,
];
/** And the DocumentDB and Neptune clusters, for the rules they share with RDS. */
const NATIVE_DATABASES = [
  ...NATIVE_RDS,
  NATIVE_DOCDB_DB_CLUSTER,
  NATIVE_DOCDB_DB_CLUSTER_V0,
  NATIVE_NEPTUNE_DB_CLUSTER,
  NATIVE_NEPTUNE_DB_CLUSTER_V0,
];

export const rdsNotPublic = resourcePolicy({
  name: "rds-not-publicly-accessible",
  description:
    "RDS and Aurora instances (and Multi-AZ DB clusters, which take the setting on the cluster, and Aurora Limitless " +
    "shard groups) must not be publicly accessible. Mandatory: a public instance gets a public DNS name and IP reachable " +
    "from the internet, guarded only by its security group.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Set `publiclyAccessible: false` (the default) and keep the database in private data subnets.",
  // A shard group left out is public when its VPC has an internet gateway (CreateDBShardGroup,
  // PubliclyAccessible); only an explicit true is reported, as for instances.
  references: [
    trivy("AWS-0082"),
    checkov("CKV_AWS_17"),
    fsbp("RDS.2"),
    kics("RDS DB Instance Publicly Accessible"),
    awsDocs("AmazonRDS/latest/APIReference/API_CreateDBShardGroup"),
  ],
  types: [
    RDS_INSTANCE,
    RDS_CLUSTER_INSTANCE,
    RDS_CLUSTER,
    RDS_SHARD_GROUP,
    NATIVE_RDS_DB_INSTANCE,
    NATIVE_RDS_DB_CLUSTER,
    NATIVE_RDS_DB_INSTANCE_V0,
    NATIVE_RDS_DB_CLUSTER_V0,
  ],
  check: reportIf("publiclyAccessible", true),
});

const deletionProtection = requireTrue("deletionProtection");
const copyTags = requireTrue("copyTagsToSnapshot");

export const rdsDeletionProtection = resourcePolicy({
  name: "rds-deletion-protection",
  description:
    "RDS instances, Aurora clusters, and DocumentDB and Neptune clusters should have deletion protection. Advisory: " +
    "production must, a throwaway staging database may waive it with a reason.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `deletionProtection: true` (and `skipFinalSnapshot: false` with a finalSnapshotIdentifier).",
  references: [
    cdkNag("AwsSolutions-RDS10"),
    checkov("CKV_AWS_139"),
    checkov("CKV_AWS_293"),
    checkov("CKV2_AWS_58"),
    trivy("AWS-0177"),
    fsbp("RDS.7"),
    fsbp("RDS.8"),
    fsbp("DocumentDB.5"),
    fsbp("Neptune.4"),
  ],
  types: [RDS_CLUSTER, RDS_INSTANCE, DOCDB_CLUSTER, NEPTUNE_CLUSTER, ...NATIVE_DATABASES],
  // An Aurora member's deletion protection is its cluster's (../../lib/databases/aurora.ts).
  check: (props, ctx, args) => {
    if (!auroraMember(args.type, props)) deletionProtection(props, ctx);
  },
});

const IAM_AUTH_ENGINES = /mysql|postgres|mariadb/i;

export const rdsIamAuthentication = resourcePolicy({
  name: "rds-iam-authentication",
  description:
    "MySQL, MariaDB and PostgreSQL databases, and Neptune clusters, should enable IAM database authentication, so " +
    "applications can connect with short-lived tokens instead of stored passwords. Advisory.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set `iamDatabaseAuthenticationEnabled: true` and grant `rds-db:connect` for the database user.",
  references: [
    cdkNag("AwsSolutions-RDS6"),
    checkov("CKV_AWS_161"),
    checkov("CKV_AWS_162"),
    checkov("CKV_AWS_359"),
    trivy("AWS-0176"),
    fsbp("RDS.10"),
    fsbp("RDS.12"),
    fsbp("Neptune.7"),
  ],
  types: [
    RDS_CLUSTER,
    RDS_INSTANCE,
    NEPTUNE_CLUSTER,
    ...NATIVE_RDS,
    NATIVE_NEPTUNE_DB_CLUSTER,
    NATIVE_NEPTUNE_DB_CLUSTER_V0,
  ],
  check: (props, ctx, args) => {
    if (auroraMember(args.type, props)) return; // the cluster's setting
    // Neptune supports IAM authentication whatever its engine field says (always "neptune").
    if (args.type !== NEPTUNE_CLUSTER && !IAM_AUTH_ENGINES.test(String(props.engine ?? ""))) return;
    if (!flagOn(props.iamDatabaseAuthenticationEnabled))
      ctx.report("IAM database authentication is not enabled.");
  },
});

export const rdsBackupRetention = resourcePolicy<{ minBackupRetentionDays: number }>({
  name: "rds-backup-retention",
  description:
    "RDS instances, Aurora clusters, and DocumentDB and Neptune clusters should keep automated backups (point-in-time " +
    "recovery) for at least `minBackupRetentionDays` days. Advisory: recovery, not exposure.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `backupRetentionPeriod` to at least the configured minimum (7 days by default, up to 35).",
  references: [
    cdkNag("AwsSolutions-RDS13"),
    checkov("CKV_AWS_133"),
    checkov("CKV_AWS_360"),
    checkov("CKV_AWS_361"),
    trivy("AWS-0077"),
    fsbp("RDS.11"),
    fsbp("DocumentDB.2"),
    fsbp("Neptune.5"),
    cdkNag("AwsSolutions-DOC4"),
    cdkNag("AwsSolutions-N3"),
  ],
  config: {
    minBackupRetentionDays: {
      type: "number",
      description: "Fewest days of automated backups.",
      default: 7,
    },
  },
  types: [RDS_CLUSTER, RDS_INSTANCE, DOCDB_CLUSTER, NEPTUNE_CLUSTER, ...NATIVE_DATABASES],
  check: (props, ctx, args) => {
    if (present(props, "replicateSourceDb")) return; // read replicas take the source's backups
    if (auroraMember(args.type, props)) return; // an Aurora member's backups are the cluster's
    const days = props.backupRetentionPeriod;
    const min = ctx.config.minBackupRetentionDays;
    if (typeof days !== "number")
      ctx.report(`backupRetentionPeriod is not set (AWS default 1 day, < ${min}).`);
    else if (days < min) ctx.report(`backupRetentionPeriod is ${days} day(s) (< ${min}).`);
  },
});

export const rdsManagedMasterPassword = resourcePolicy({
  name: "rds-managed-master-password",
  description:
    "RDS and Aurora master passwords should be managed by AWS (manageMasterUserPassword: kept in Secrets Manager and " +
    "rotated) rather than supplied by the program. " +
    SUPPLIED_PASSWORD_ADVISORY,
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Remove `masterPassword`/`password` (and the *Wo variants) and set `manageMasterUserPassword: true` (optionally " +
    "`masterUserSecretKmsKeyId` to the stack's key); applications read the secret at start.",
  references: [awsDocs("RDS password management with Secrets Manager")],
  types: [RDS_CLUSTER, RDS_INSTANCE, ...NATIVE_RDS],
  check: (props, ctx) => {
    const keys = ["masterPassword", "masterPasswordWo", "password", "passwordWo"];
    for (const key of suppliedPasswords(props, keys)) ctx.report(`${key} is set by the program.`);
  },
});

export const rdsCopyTagsToSnapshot = resourcePolicy({
  name: "rds-copy-tags-to-snapshot",
  description:
    "RDS instances and Aurora clusters should copy their tags to snapshots, so snapshots keep their owner, data " +
    "classification and waiver tags. Advisory.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Set `copyTagsToSnapshot: true`.",
  references: [checkov("CKV_AWS_313"), checkov("CKV2_AWS_60"), fsbp("RDS.16"), fsbp("RDS.17")],
  types: [RDS_CLUSTER, RDS_INSTANCE, ...NATIVE_RDS],
  check: (props, ctx, args) => {
    if (!auroraMember(args.type, props)) copyTags(props, ctx); // else the cluster's setting
  },
});
