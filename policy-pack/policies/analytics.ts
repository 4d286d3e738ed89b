// Data and analytics guardrails: Redshift Serverless workgroups and namespaces (their encryption
// with a customer-managed key is the KMS policies' rule), RDS/Aurora, AWS Backup, Secrets Manager
// and the EC2 Instance Connect Endpoint that gives BI users their tunnel.
import type {
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { resourcePolicy, stackPolicy } from "../lib/define";
import { list, literalReferences, present } from "./compute";

const WORKGROUP = "aws:redshiftserverless/workgroup:Workgroup";
const NAMESPACE = "aws:redshiftserverless/namespace:Namespace";
const USAGE_LIMIT = "aws:redshiftserverless/usageLimit:UsageLimit";
const RDS_CLUSTER = "aws:rds/cluster:Cluster";
const RDS_INSTANCE = "aws:rds/instance:Instance";
const RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const BACKUP_VAULT = "aws:backup/vault:Vault";
const BACKUP_PLAN = "aws:backup/plan:Plan";
const SECRET = "aws:secretsmanager/secret:Secret";
const SECRET_ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
const INSTANCE_CONNECT_ENDPOINT =
  "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint";

// ---------------------------------------------------------------------------------------------
// Redshift Serverless
// ---------------------------------------------------------------------------------------------

const redshiftWorkgroupNotPublic = resourcePolicy({
  name: "redshift-serverless-workgroup-not-public",
  description:
    "Redshift Serverless workgroups must not be publicly accessible. Mandatory: public access gives the warehouse an " +
    "Elastic IP reachable from the internet, guarded only by its security group and a password.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `publiclyAccessible: false` (the default) and reach the workgroup through a private tunnel or VPC endpoint.",
  references: [{ source: "Security Hub FSBP", id: "RedshiftServerless.3" }],
  types: [WORKGROUP],
  check: (props, ctx) => {
    if (props.publiclyAccessible === true) ctx.report("publiclyAccessible is true.");
  },
});

const redshiftWorkgroupEnhancedVpcRouting = resourcePolicy({
  name: "redshift-serverless-workgroup-enhanced-vpc-routing",
  description:
    "Redshift Serverless workgroups should use enhanced VPC routing, so COPY/UNLOAD traffic to S3 goes through the VPC " +
    "(endpoints, endpoint policies, flow logs) instead of the internet. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `enhancedVpcRouting: true` and give the data subnets an S3 gateway endpoint.",
  references: [{ source: "Security Hub FSBP", id: "RedshiftServerless.1" }],
  types: [WORKGROUP],
  check: (props, ctx) => {
    if (props.enhancedVpcRouting !== true) ctx.report("enhancedVpcRouting is not true.");
  },
});

const redshiftWorkgroupRequireSsl = resourcePolicy({
  name: "redshift-serverless-workgroup-require-ssl",
  description:
    "Redshift Serverless workgroups should require TLS from clients (config parameter `require_ssl` = true; the default " +
    "accepts unencrypted connections). Advisory: the workgroup is private, so exposure is limited to the VPC.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    'Add `configParameters: [{ parameterKey: "require_ssl", parameterValue: "true" }]`. The key is the API\'s snake_case ' +
    "name (the provider's documentation renders it as requireSsl, which the API does not accept).",
  references: [
    { source: "Security Hub FSBP", id: "RedshiftServerless.2" },
    { source: "cdk-nag", id: "AwsSolutions-RS1" },
  ],
  types: [WORKGROUP],
  check: (props, ctx) => {
    // Redshift Serverless API (ConfigParameter): keys are auto_mv, datestyle, enable_user_activity_logging,
    // query_group, search_path, require_ssl, use_fips_ssl, ...
    const params = list(props.configParameters);
    const ssl = params.find((p: any) => p?.parameterKey === "require_ssl");
    if (ssl === undefined) {
      const camel = params.some((p: any) => p?.parameterKey === "requireSsl");
      ctx.report(
        camel
          ? "The parameter key is 'requireSsl'; Redshift expects 'require_ssl'."
          : "require_ssl is not set, so clients may connect without TLS.",
      );
    } else if (String(ssl.parameterValue).toLowerCase() !== "true") {
      ctx.report(`require_ssl is '${ssl.parameterValue}'.`);
    }
  },
});

const redshiftWorkgroupNetwork = resourcePolicy({
  name: "redshift-serverless-workgroup-network",
  description:
    "Redshift Serverless workgroups should name their subnets and security groups. Without them AWS places the workgroup " +
    "in the default VPC's subnets with the default security group. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `subnetIds` to the private data subnets (spread over the Availability Zones the service requires) and " +
    "`securityGroupIds` to a group allowing 5439 only from the clients that need it.",
  references: [
    { source: "AWS docs", id: "Redshift Serverless workgroup subnets and security groups" },
  ],
  types: [WORKGROUP],
  check: (props, ctx) => {
    if (!present(props, "subnetIds"))
      ctx.report("subnetIds is not set (default VPC subnets are used).");
    if (!present(props, "securityGroupIds"))
      ctx.report("securityGroupIds is not set (the default security group is used).");
  },
});

const redshiftWorkgroupUsageLimit = stackPolicy({
  name: "redshift-serverless-workgroup-usage-limit",
  description:
    "Every Redshift Serverless workgroup should have a usage limit (aws.redshiftserverless.UsageLimit whose resourceArn " +
    "is the workgroup), so a runaway query or a stolen credential cannot run up unbounded RPU hours. Advisory: cost control.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Add an `aws.redshiftserverless.UsageLimit` with `resourceArn: <workgroup>.arn`, `usageType: "serverless-compute"`, ' +
    'an amount in RPU-hours per period and `breachAction: "deactivate"` (or "emit-metric" with an alarm).',
  references: [{ source: "AWS docs", id: "Redshift Serverless usage limits" }],
  types: [WORKGROUP, USAGE_LIMIT],
  check: (ctx) => {
    for (const wg of ctx.index.ofType(WORKGROUP)) {
      if (ctx.index.referrers(wg, "resourceArn", USAGE_LIMIT).length === 0) {
        ctx.report(wg, "The workgroup has no usage limit.");
      }
    }
  },
});

/** Admin names that are public knowledge: the Serverless default and the provisioned-cluster default. */
const DEFAULT_ADMIN_NAMES = new Set(["admin", "awsuser"]);

const redshiftNamespaceAdminUsername = resourcePolicy({
  name: "redshift-serverless-namespace-admin-username",
  description:
    "Redshift Serverless namespaces with an admin user should not use a default name ('admin', or the cluster default " +
    "'awsuser'): a known name halves what a password-guessing attack must find. Advisory.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Set `adminUsername` to a project-specific name.",
  references: [
    { source: "Security Hub FSBP", id: "RedshiftServerless.5" },
    { source: "cdk-nag", id: "AwsSolutions-RS3" },
  ],
  types: [NAMESPACE],
  check: (props, ctx) => {
    const hasAdmin =
      props.manageAdminPassword === true ||
      present(props, "adminUserPassword") ||
      present(props, "adminUserPasswordWo");
    const name = props.adminUsername;
    if (typeof name === "string" && DEFAULT_ADMIN_NAMES.has(name.toLowerCase())) {
      ctx.report(`adminUsername is the default '${name}'.`);
    } else if (hasAdmin && (name === undefined || name === "")) {
      ctx.report("An admin user is configured without an explicit adminUsername.");
    }
  },
});

const redshiftNamespaceManagedPassword = resourcePolicy({
  name: "redshift-serverless-namespace-managed-admin-password",
  description:
    "Redshift Serverless admin passwords must be managed by AWS (manageAdminPassword, kept in Secrets Manager and " +
    "rotatable), never supplied by the program. Mandatory: a supplied password lives in stack config and, for " +
    "adminUserPassword, in Pulumi state.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Remove `adminUserPassword`/`adminUserPasswordWo` and set `manageAdminPassword: true`.",
  references: [
    { source: "AWS docs", id: "Redshift Serverless managed admin credentials in Secrets Manager" },
  ],
  types: [NAMESPACE],
  check: (props, ctx) => {
    // Presence is enough: the value itself is a secret the report must not echo.
    if (present(props, "adminUserPassword")) ctx.report("adminUserPassword is set by the program.");
    if (present(props, "adminUserPasswordWo"))
      ctx.report("adminUserPasswordWo is set by the program.");
  },
});

const redshiftNamespaceAuditLogs = resourcePolicy<{ requiredLogExports: string[] }>({
  name: "redshift-serverless-namespace-audit-logs",
  description:
    "Redshift Serverless namespaces should export their audit logs to CloudWatch Logs: connection log (who connected " +
    "from where), user log (changes to users) and user activity log (every query). Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps: 'Set `logExports: ["connectionlog", "userlog", "useractivitylog"]`.',
  references: [{ source: "Security Hub FSBP", id: "RedshiftServerless.6" }],
  config: {
    requiredLogExports: {
      type: "array",
      items: { type: "string" },
      description: "Log types every namespace must export.",
      default: ["connectionlog", "userlog", "useractivitylog"],
    },
  },
  types: [NAMESPACE],
  check: (props, ctx) => {
    const exported = new Set(list<string>(props.logExports));
    const missing = ctx.config.requiredLogExports.filter((l) => !exported.has(l));
    if (missing.length) ctx.report(`Log exports missing: ${missing.join(", ")}.`);
  },
});

const redshiftNamespaceDbName = resourcePolicy({
  name: "redshift-serverless-namespace-db-name",
  description:
    "Redshift Serverless namespaces should not keep the default first database name 'dev' (the default when dbName is " +
    "omitted). Advisory: mirrors the provisioned-cluster rule; a known name is one less thing to guess.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Set `dbName` to a project-specific name.",
  references: [{ source: "Checkov", id: "CKV_AWS_320" }],
  types: [NAMESPACE],
  check: (props, ctx) => {
    const name = props.dbName;
    if (name === undefined || name === "" || String(name).toLowerCase() === "dev") {
      ctx.report(`dbName is '${name || "dev (default)"}'.`);
    }
  },
});

// ---------------------------------------------------------------------------------------------
// RDS / Aurora
// ---------------------------------------------------------------------------------------------

const rdsStorageEncrypted = resourcePolicy({
  name: "rds-storage-encrypted-cmk",
  description:
    "RDS instances and Aurora clusters must encrypt storage with a customer-managed KMS key (storageEncrypted plus " +
    "kmsKeyId). Mandatory: part of the encryption-at-rest guarantee; encryption cannot be added after creation, and the " +
    "AWS-managed aws/rds key cannot be governed or shared.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `storageEncrypted: true` and `kmsKeyId` to the stack's customer-managed key (the database must be recreated, e.g. " +
    "restored from an encrypted snapshot copy).",
  references: [
    { source: "cdk-nag", id: "AwsSolutions-RDS2" },
    { source: "Checkov", id: "CKV_AWS_16" },
    { source: "Checkov", id: "CKV_AWS_96" },
    { source: "Checkov", id: "CKV_AWS_327" },
    { source: "Security Hub FSBP", id: "RDS.3" },
    { source: "Security Hub FSBP", id: "RDS.27" },
  ],
  types: [RDS_CLUSTER, RDS_INSTANCE],
  check: (props, ctx, args) => {
    // Aurora Serverless v1 ("serverless" engine mode) is always encrypted.
    const alwaysEncrypted = args.type === RDS_CLUSTER && props.engineMode === "serverless";
    if (!alwaysEncrypted && props.storageEncrypted !== true)
      ctx.report("storageEncrypted is not true.");
    if (!present(props, "kmsKeyId"))
      ctx.report("kmsKeyId is not set (the AWS-managed aws/rds key is used).");
  },
});

const rdsNotPublic = resourcePolicy({
  name: "rds-not-publicly-accessible",
  description:
    "RDS and Aurora instances must not be publicly accessible. Mandatory: a public instance gets a public DNS name and IP " +
    "reachable from the internet, guarded only by its security group.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Set `publiclyAccessible: false` (the default) and keep the database in private data subnets.",
  references: [
    { source: "Checkov", id: "CKV_AWS_17" },
    { source: "Security Hub FSBP", id: "RDS.2" },
  ],
  types: [RDS_INSTANCE, RDS_CLUSTER_INSTANCE],
  check: (props, ctx) => {
    if (props.publiclyAccessible === true) ctx.report("publiclyAccessible is true.");
  },
});

const rdsDeletionProtection = resourcePolicy({
  name: "rds-deletion-protection",
  description:
    "RDS instances and Aurora clusters should have deletion protection. Advisory: production must, a throwaway staging " +
    "database may waive it with a reason.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `deletionProtection: true` (and `skipFinalSnapshot: false` with a finalSnapshotIdentifier).",
  references: [
    { source: "cdk-nag", id: "AwsSolutions-RDS10" },
    { source: "Checkov", id: "CKV_AWS_139" },
    { source: "Checkov", id: "CKV_AWS_293" },
    { source: "Security Hub FSBP", id: "RDS.7" },
    { source: "Security Hub FSBP", id: "RDS.8" },
  ],
  types: [RDS_CLUSTER, RDS_INSTANCE],
  check: (props, ctx) => {
    if (props.deletionProtection !== true) ctx.report("deletionProtection is not true.");
  },
});

const IAM_AUTH_ENGINES = /mysql|postgres|mariadb/i;

const rdsIamAuthentication = resourcePolicy({
  name: "rds-iam-authentication",
  description:
    "MySQL, MariaDB and PostgreSQL databases should enable IAM database authentication, so applications can connect " +
    "with short-lived tokens instead of stored passwords. Advisory.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set `iamDatabaseAuthenticationEnabled: true` and grant `rds-db:connect` for the database user.",
  references: [
    { source: "cdk-nag", id: "AwsSolutions-RDS6" },
    { source: "Checkov", id: "CKV_AWS_161" },
    { source: "Checkov", id: "CKV_AWS_162" },
    { source: "Security Hub FSBP", id: "RDS.10" },
    { source: "Security Hub FSBP", id: "RDS.12" },
  ],
  types: [RDS_CLUSTER, RDS_INSTANCE],
  check: (props, ctx) => {
    if (!IAM_AUTH_ENGINES.test(String(props.engine ?? ""))) return;
    if (props.iamDatabaseAuthenticationEnabled !== true)
      ctx.report("IAM database authentication is not enabled.");
  },
});

const rdsBackupRetention = resourcePolicy<{ minBackupRetentionDays: number }>({
  name: "rds-backup-retention",
  description:
    "RDS instances and Aurora clusters should keep automated backups (point-in-time recovery) for at least " +
    "`minBackupRetentionDays` days. Advisory: recovery, not exposure.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `backupRetentionPeriod` to at least the configured minimum (7 days by default, up to 35).",
  references: [
    { source: "cdk-nag", id: "AwsSolutions-RDS13" },
    { source: "Checkov", id: "CKV_AWS_133" },
    { source: "Security Hub FSBP", id: "RDS.11" },
  ],
  config: {
    minBackupRetentionDays: {
      type: "number",
      description: "Fewest days of automated backups.",
      default: 7,
    },
  },
  types: [RDS_CLUSTER, RDS_INSTANCE],
  check: (props, ctx) => {
    if (present(props, "replicateSourceDb")) return; // read replicas take the source's backups
    const days = props.backupRetentionPeriod;
    const min = ctx.config.minBackupRetentionDays;
    if (typeof days !== "number")
      ctx.report(`backupRetentionPeriod is not set (AWS default 1 day, < ${min}).`);
    else if (days < min) ctx.report(`backupRetentionPeriod is ${days} day(s) (< ${min}).`);
  },
});

const rdsManagedMasterPassword = resourcePolicy({
  name: "rds-managed-master-password",
  description:
    "RDS and Aurora master passwords must be managed by AWS (manageMasterUserPassword: Secrets Manager, rotated), never " +
    "supplied by the program. Mandatory: a supplied password lives in stack config and, unless write-only, in Pulumi state.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Remove `masterPassword`/`password` (and the *Wo variants) and set `manageMasterUserPassword: true` (optionally " +
    "`masterUserSecretKmsKeyId` to the stack's key); applications read the secret at start.",
  references: [{ source: "AWS docs", id: "RDS password management with Secrets Manager" }],
  types: [RDS_CLUSTER, RDS_INSTANCE],
  check: (props, ctx) => {
    for (const key of ["masterPassword", "masterPasswordWo", "password", "passwordWo"]) {
      if (present(props, key)) ctx.report(`${key} is set by the program.`);
    }
  },
});

const rdsCopyTagsToSnapshot = resourcePolicy({
  name: "rds-copy-tags-to-snapshot",
  description:
    "RDS instances and Aurora clusters should copy their tags to snapshots, so snapshots keep their owner, data " +
    "classification and waiver tags. Advisory.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Set `copyTagsToSnapshot: true`.",
  references: [
    { source: "Checkov", id: "CKV_AWS_313" },
    { source: "Checkov", id: "CKV2_AWS_60" },
    { source: "Security Hub FSBP", id: "RDS.16" },
    { source: "Security Hub FSBP", id: "RDS.17" },
  ],
  types: [RDS_CLUSTER, RDS_INSTANCE],
  check: (props, ctx) => {
    if (props.copyTagsToSnapshot !== true) ctx.report("copyTagsToSnapshot is not true.");
  },
});

// ---------------------------------------------------------------------------------------------
// AWS Backup
// ---------------------------------------------------------------------------------------------

const backupVaultCmk = resourcePolicy({
  name: "backup-vault-cmk",
  description:
    "AWS Backup vaults should encrypt recovery points with a customer-managed KMS key (kmsKeyArn); without it the " +
    "AWS-managed aws/backup key is used, which cannot be governed or shared for cross-account copies. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `kmsKeyArn` to the stack's customer-managed key (the vault must be recreated).",
  references: [
    { source: "Checkov", id: "CKV_AWS_166" },
    { source: "Security Hub FSBP", id: "Backup.1" },
  ],
  types: [BACKUP_VAULT],
  check: (props, ctx) => {
    if (!present(props, "kmsKeyArn"))
      ctx.report("kmsKeyArn is not set (the AWS-managed aws/backup key is used).");
  },
});

const backupPlanLifecycle = resourcePolicy({
  name: "backup-plan-lifecycle",
  description:
    "Every AWS Backup plan rule (and copy action) should set a lifecycle with `deleteAfter`, so recovery points expire " +
    "as intended instead of accumulating forever. Advisory: cost and data-retention hygiene.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `lifecycle: { deleteAfter: <days> }` on every rule and on every copy action.",
  references: [{ source: "AWS docs", id: "AWS Backup plan lifecycle" }],
  types: [BACKUP_PLAN],
  check: (props, ctx) => {
    const rules = list(props.rules);
    if (rules.length === 0) ctx.report("The backup plan has no rules.");
    for (const rule of rules) {
      if (typeof rule?.lifecycle?.deleteAfter !== "number") {
        ctx.report(
          `Rule '${rule?.ruleName}' keeps recovery points forever (no lifecycle.deleteAfter).`,
        );
      }
      for (const copy of list(rule?.copyActions)) {
        if (typeof copy?.lifecycle?.deleteAfter !== "number") {
          ctx.report(
            `A copy action of rule '${rule?.ruleName}' keeps copies forever (no lifecycle.deleteAfter).`,
          );
        }
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Secrets Manager
// ---------------------------------------------------------------------------------------------

const secretsManagerCmk = resourcePolicy({
  name: "secretsmanager-secret-cmk",
  description:
    "Secrets should be encrypted with a customer-managed KMS key (kmsKeyId), so access needs the key policy too and " +
    "cross-account sharing is possible. Advisory: the default aws/secretsmanager key still encrypts.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Set `kmsKeyId` to the stack's customer-managed key.",
  references: [{ source: "Checkov", id: "CKV_AWS_149" }],
  types: [SECRET],
  check: (props, ctx) => {
    if (!present(props, "kmsKeyId"))
      ctx.report("kmsKeyId is not set (the AWS-managed aws/secretsmanager key is used).");
  },
});

const secretsManagerRotation = stackPolicy<{ maxRotationDays: number }>({
  name: "secretsmanager-secret-rotation",
  description:
    "Secrets should rotate automatically (an aws.secretsmanager.SecretRotation for the secret) at least every " +
    "`maxRotationDays` days. Advisory: third-party credentials that cannot rotate automatically should carry a waiver " +
    "saying so.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Add an `aws.secretsmanager.SecretRotation` with `secretId: <secret>.id`, a rotation Lambda (or managed rotation) and " +
    "`rotationRules: { automaticallyAfterDays: 30 }` (or a schedule expression).",
  references: [
    { source: "cdk-nag", id: "AwsSolutions-SMG4" },
    { source: "Checkov", id: "CKV2_AWS_57" },
    { source: "Checkov", id: "CKV_AWS_304" },
    { source: "Security Hub FSBP", id: "SecretsManager.1" },
    { source: "Security Hub FSBP", id: "SecretsManager.4" },
  ],
  config: {
    maxRotationDays: {
      type: "number",
      description: "Longest acceptable automaticallyAfterDays.",
      default: 90,
    },
  },
  types: [SECRET, SECRET_ROTATION],
  check: (ctx) => {
    const max = ctx.config.maxRotationDays;
    // Rotations given a literal secret name or ARN (not built from a secret in this stack).
    const literal = literalReferences(ctx, [SECRET_ROTATION], "secretId");
    for (const secret of ctx.index.ofType(SECRET)) {
      ctx.each(secret, () => {
        let rotations: PolicyResource[] = ctx.index.referrers(secret, "secretId", SECRET_ROTATION);
        if (rotations.length === 0 && !literal.complete) return;
        if (rotations.length === 0 && literal.values.size > 0) {
          // The ARN is unknown at preview: look at it only when the name does not match.
          rotations =
            literal.values.get(secret.props.name) ?? literal.values.get(secret.props.arn) ?? [];
        }
        if (rotations.length === 0) {
          ctx.report(secret, "The secret has no automatic rotation.");
          return;
        }
        for (const rot of rotations) {
          if (rot.props.rotationEnabled === false) {
            ctx.report(secret, "Rotation is explicitly disabled (rotationEnabled false).");
            continue;
          }
          const days = rot.props.rotationRules?.automaticallyAfterDays;
          if (typeof days === "number" && days > max) {
            ctx.report(secret, `The secret rotates every ${days} days (> ${max}).`);
          } else if (
            typeof days !== "number" &&
            !present(rot.props.rotationRules, "scheduleExpression")
          ) {
            ctx.report(
              secret,
              "The rotation has no rotationRules (neither automaticallyAfterDays nor a schedule).",
            );
          }
        }
      });
    }
  },
});

// ---------------------------------------------------------------------------------------------
// EC2 Instance Connect Endpoint. `preserveClientIp` is deliberately not checked: an instance
// security group that admits SSH from the endpoint's security group works either way (EC2 docs,
// "Security groups for EC2 Instance Connect Endpoint"), and preserving the client IP keeps the
// caller's address in the instance's logs.
// ---------------------------------------------------------------------------------------------

const instanceConnectEndpointSecurityGroups = resourcePolicy({
  name: "ec2-instance-connect-endpoint-security-groups",
  description:
    "EC2 Instance Connect Endpoints should name their security groups. Without them the VPC's default security group is " +
    "attached, which should allow nothing (so the tunnel breaks) or, worse, allows everything. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `securityGroupIds` to a dedicated group whose only egress is TCP 22 (or the tunnelled port) to the target " +
    "instances' security group; let the instances admit that port only from the endpoint's group.",
  references: [{ source: "AWS docs", id: "Security groups for EC2 Instance Connect Endpoint" }],
  types: [INSTANCE_CONNECT_ENDPOINT],
  check: (props, ctx) => {
    // The ids are usually unknown at preview; whether any are set is known.
    if (
      !present(props, "securityGroupIds") ||
      (Array.isArray(props.securityGroupIds) && props.securityGroupIds.length === 0)
    ) {
      ctx.report("securityGroupIds is not set: the VPC's default security group is attached.");
    }
  },
});

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  redshiftWorkgroupNotPublic,
  redshiftWorkgroupEnhancedVpcRouting,
  redshiftWorkgroupRequireSsl,
  redshiftWorkgroupNetwork,
  redshiftWorkgroupUsageLimit,
  redshiftNamespaceAdminUsername,
  redshiftNamespaceManagedPassword,
  redshiftNamespaceAuditLogs,
  redshiftNamespaceDbName,
  rdsStorageEncrypted,
  rdsNotPublic,
  rdsDeletionProtection,
  rdsIamAuthentication,
  rdsBackupRetention,
  rdsManagedMasterPassword,
  rdsCopyTagsToSnapshot,
  backupVaultCmk,
  backupPlanLifecycle,
  secretsManagerCmk,
  secretsManagerRotation,
  instanceConnectEndpointSecurityGroups,
];
