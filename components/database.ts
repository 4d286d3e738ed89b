// The application database (opt-in, `platform:databaseEnabled`): Aurora Serverless v2 (PostgreSQL
// or MySQL) in the private data subnets, encrypted with its own customer-managed key, the master
// password generated and rotated by RDS in Secrets Manager (never in config or state, never handed
// to the app), the app connecting as its own user with IAM database authentication (`grantConnect`),
// TLS required, audit/engine logs in KMS-encrypted log groups with a retention, reachable only from
// the security groups a caller names with `allowFrom` (the runtime's tasks).
// Deletion protection and a final snapshot in prod. What it does and what it costs: docs/features.md.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountContext, keyAliasName, tagsOf } from "./context";
import { policyDocument } from "./iam";
import { cloudWatchLogsGrant, EncryptionKey, serviceKeyGrants } from "./kms-key";

export type DatabaseEngine = "aurora-postgresql" | "aurora-mysql";
export const DATABASE_ENGINES: readonly DatabaseEngine[] = ["aurora-postgresql", "aurora-mysql"];

/**
 * Aurora Serverless v2 capacity limits (Aurora docs, "Aurora Serverless v2 capacity"): 0 to 256
 * ACUs in steps of 0.5; 0 means automatic pause (Aurora PostgreSQL 13.15+/14.12+/15.7+/16.3+,
 * Aurora MySQL 3.08.0+, both met by the versions below); the maximum is at least 1.
 */
export const ACU_LIMITS = { min: 0, max: 256, step: 0.5, lowestMax: 1 } as const;

/** Whether `acu` is an Aurora Serverless v2 capacity AWS accepts (0 to 256 in steps of 0.5). */
export function isValidAcu(acu: number): boolean {
  return (
    Number.isFinite(acu) &&
    acu >= ACU_LIMITS.min &&
    acu <= ACU_LIMITS.max &&
    Number.isInteger(acu / ACU_LIMITS.step)
  );
}

interface EngineProfile {
  readonly port: number;
  /** First version pinned at creation; minor upgrades then come from AWS (ignored afterwards). */
  readonly version: string;
  /** Cluster parameter group family of that major version. */
  readonly family: string;
  /** Log types exported to CloudWatch Logs (RDS API, EnableCloudwatchLogsExports). */
  readonly logExports: readonly string[];
  /** Cluster parameters: TLS required, and the logs above actually written. */
  readonly parameters: readonly { name: string; value: string; applyMethod?: string }[];
}

/**
 * Per engine. Aurora PostgreSQL: `rds.force_ssl = 1` refuses unencrypted connections (Aurora docs,
 * "Securing Aurora PostgreSQL data with SSL/TLS"); the `postgresql` log is the only export.
 * Aurora MySQL: `require_secure_transport = ON` (Aurora docs, "TLS connections to Aurora MySQL");
 * the audit log needs `server_audit_logging = 1` and the slow query log `slow_query_log = 1`, both
 * written to files (`log_output = FILE`) for the export (Aurora docs, "Publishing Aurora MySQL logs
 * to Amazon CloudWatch Logs"). Static parameters apply at the next reboot (`pending-reboot`).
 */
export const ENGINE_PROFILES: Readonly<Record<DatabaseEngine, EngineProfile>> = {
  "aurora-postgresql": {
    port: 5432,
    version: "16.6",
    family: "aurora-postgresql16",
    logExports: ["postgresql"],
    parameters: [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }],
  },
  "aurora-mysql": {
    port: 3306,
    version: "8.0.mysql_aurora.3.08.2",
    family: "aurora-mysql8.0",
    logExports: ["audit", "error", "slowquery"],
    parameters: [
      { name: "require_secure_transport", value: "ON" },
      { name: "server_audit_logging", value: "1" },
      { name: "server_audit_events", value: "CONNECT,QUERY_DCL,QUERY_DDL" },
      { name: "slow_query_log", value: "1" },
      { name: "long_query_time", value: "2" },
      { name: "log_output", value: "FILE" },
    ],
  },
};

/** The port an engine listens on. */
export function databasePort(engine: DatabaseEngine): number {
  return ENGINE_PROFILES[engine].port;
}

/** Written reasons the staging database carries for the advisory RDS policies it does not meet. */
export const STAGING_DATABASE_WAIVERS: Readonly<Record<string, string>> = {
  "waiver:rds-deletion-protection":
    "Staging database is disposable test data: pulumi destroy must remove it. Prod sets deletion protection and a final snapshot",
};

/** Aurora Serverless v2 for one environment. */
export interface DatabaseArgs {
  /** "aurora-postgresql" or "aurora-mysql". */
  readonly engine: DatabaseEngine;
  /** Fewest ACUs (0 to 256 in steps of 0.5; 0 pauses the database when idle). */
  readonly minCapacity: number;
  /** Most ACUs (1 to 256 in steps of 0.5, at least minCapacity). */
  readonly maxCapacity: number;
  readonly vpcId: pulumi.Input<string>;
  /** Private data subnets, at least two AZs (RDS requires a subnet group spanning two AZs). */
  readonly dataSubnetIds: readonly pulumi.Input<string>[];
  /** Region of the stack (the key's kms:ViaService names it). */
  readonly region: string;
  /** DB instances (writer + readers) in the cluster, 1 to 15. Defaults to 1. Prod passes 2 (a reader in another AZ takes over on failure). */
  readonly instanceCount?: number;
  /** First database. Defaults to "app". */
  readonly dbName?: string;
  /** Master user (its password is generated by RDS). Defaults to "app_admin". */
  readonly masterUsername?: string;
  /**
   * The database user the app connects as, with IAM database authentication (no password). It is
   * created once with SQL (docs/first-deploy.md). Defaults to "app_user".
   */
  readonly appUsername?: string;
  /** Engine version at creation. Defaults to the engine profile's (16.6 / 8.0.mysql_aurora.3.08.2). */
  readonly engineVersion?: string;
  /** Days of automated backups (point-in-time restore), 1 to 35. Defaults to 7. */
  readonly backupRetentionDays?: number;
  /** Seconds of idleness before a cluster with minCapacity 0 pauses (300 to 86400). Defaults to 3600. */
  readonly secondsUntilAutoPause?: number;
  /** Retention of the exported log groups (a CloudWatch Logs value). */
  readonly logRetentionDays: number;
  /** Cluster identifier (also names the log groups). Defaults to `<project>-<stack>-db`. */
  readonly clusterIdentifier?: string;
  /** Deletion protection, a final snapshot, protect + retainOnDelete on the cluster and key (prod). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

const IDENTIFIER_RE = /^[a-z][a-z0-9-]{0,58}[a-z0-9]$/;
/** PostgreSQL and MySQL identifiers: a letter, then letters, digits and underscores. */
const DB_IDENTIFIER_RE = /^[a-z][a-z0-9_]{0,62}$/;
/** Names the engines reserve or that everyone guesses. */
const RESERVED_USERS = ["admin", "root", "postgres", "rdsadmin", "mysql", "sa"];

interface Settings {
  readonly profile: EngineProfile;
  readonly instanceCount: number;
  readonly dbName: string;
  readonly masterUsername: string;
  readonly appUsername: string;
  readonly clusterIdentifier: string;
  readonly backupRetentionDays: number;
  readonly secondsUntilAutoPause: number;
  readonly protect: boolean;
}

function settingsOf(name: string, args: DatabaseArgs): Settings {
  const problems: string[] = [];
  const profile = ENGINE_PROFILES[args.engine];
  if (!profile)
    problems.push(`engine: "${String(args.engine)}" is not ${DATABASE_ENGINES.join(" or ")}`);
  if (!isValidAcu(args.minCapacity)) {
    problems.push(`minCapacity: ${args.minCapacity} is not 0 to 256 ACUs in steps of 0.5`);
  }
  if (!isValidAcu(args.maxCapacity) || args.maxCapacity < ACU_LIMITS.lowestMax) {
    problems.push(`maxCapacity: ${args.maxCapacity} is not 1 to 256 ACUs in steps of 0.5`);
  } else if (args.maxCapacity < args.minCapacity) {
    problems.push(`maxCapacity: ${args.maxCapacity} is below minCapacity ${args.minCapacity}`);
  }
  const s: Settings = {
    profile,
    instanceCount: args.instanceCount ?? 1,
    dbName: args.dbName ?? "app",
    masterUsername: args.masterUsername ?? "app_admin",
    appUsername: args.appUsername ?? "app_user",
    clusterIdentifier:
      args.clusterIdentifier ??
      `${pulumi.getProject()}-${pulumi.getStack()}-db`.toLowerCase().replace(/[^a-z0-9-]/g, "-"),
    backupRetentionDays: args.backupRetentionDays ?? 7,
    secondsUntilAutoPause: args.secondsUntilAutoPause ?? 3600,
    protect: args.protect ?? false,
  };
  if (!Number.isInteger(s.instanceCount) || s.instanceCount < 1 || s.instanceCount > 15) {
    problems.push(`instanceCount: ${s.instanceCount} is not 1 to 15`);
  }
  if (args.dataSubnetIds.length < 2) {
    problems.push(
      `dataSubnetIds: ${args.dataSubnetIds.length} subnet(s); an RDS subnet group needs subnets in at least two AZs`,
    );
  }
  if (!DB_IDENTIFIER_RE.test(s.dbName)) {
    problems.push(`dbName: "${s.dbName}" must be a lowercase identifier (a-z, 0-9, _)`);
  }
  if (!DB_IDENTIFIER_RE.test(s.masterUsername) || RESERVED_USERS.includes(s.masterUsername)) {
    problems.push(
      `masterUsername: "${s.masterUsername}" must be a lowercase identifier other than ${RESERVED_USERS.join(", ")}`,
    );
  }
  if (!DB_IDENTIFIER_RE.test(s.appUsername) || RESERVED_USERS.includes(s.appUsername)) {
    problems.push(
      `appUsername: "${s.appUsername}" must be a lowercase identifier other than ${RESERVED_USERS.join(", ")}`,
    );
  } else if (s.appUsername === s.masterUsername) {
    problems.push(
      `appUsername: "${s.appUsername}" must differ from masterUsername: the app never connects as the master user`,
    );
  }
  // RDS API (CreateDBCluster): identifiers are 1-63 letters, digits or hyphens, start with a
  // letter, no double hyphen and no trailing hyphen.
  if (!IDENTIFIER_RE.test(s.clusterIdentifier) || s.clusterIdentifier.includes("--")) {
    problems.push(`clusterIdentifier: "${s.clusterIdentifier}" is not a valid cluster identifier`);
  }
  if (
    !Number.isInteger(s.backupRetentionDays) ||
    s.backupRetentionDays < 1 ||
    s.backupRetentionDays > 35
  ) {
    problems.push(`backupRetentionDays: ${s.backupRetentionDays} is not 1 to 35`);
  }
  if (
    !Number.isInteger(s.secondsUntilAutoPause) ||
    s.secondsUntilAutoPause < 300 ||
    s.secondsUntilAutoPause > 86400
  ) {
    problems.push(`secondsUntilAutoPause: ${s.secondsUntilAutoPause} is not 300 to 86400`);
  }
  if (problems.length > 0) {
    throw new Error(`Database ${name}: invalid arguments:\n  - ${problems.join("\n  - ")}`);
  }
  return s;
}

export class Database extends pulumi.ComponentResource {
  public readonly engine: DatabaseEngine;
  public readonly port: number;
  public readonly dbName: string;
  public readonly masterUsername: string;
  public readonly clusterIdentifier: string;
  public readonly clusterArn: pulumi.Output<string>;
  /** Writer endpoint (private DNS). */
  public readonly endpoint: pulumi.Output<string>;
  public readonly readerEndpoint: pulumi.Output<string>;
  public readonly securityGroupId: pulumi.Output<string>;
  /** Secrets Manager secret RDS keeps the master credentials in (JSON: username, password). */
  public readonly secretArn: pulumi.Output<string>;
  /** Key of the storage, the secret, the snapshots and the log groups. */
  public readonly keyArn: pulumi.Output<string>;
  /** The database user the app connects as (IAM database authentication). */
  public readonly appUsername: string;
  /** The cluster's resource id (`rds-db:connect` ARNs name it). */
  public readonly clusterResourceId: pulumi.Output<string>;
  /**
   * The app's connection settings, all plain (no secret exists for them): DB_ENGINE, DB_HOST,
   * DB_PORT, DB_NAME, DB_USER, and DB_AUTH=iam — the app signs a short-lived IAM authentication
   * token for DB_USER (AWS SDK `@aws-sdk/rds-signer`, valid 15 minutes) and connects with TLS.
   */
  public readonly containerEnvironment: Readonly<Record<string, pulumi.Input<string>>>;

  private readonly clients = new Set<string>();
  private readonly connectors = new Set<string>();
  private readonly baseName: string;
  private readonly region: string;
  private readonly sg: aws.ec2.SecurityGroup;
  private readonly tagsOf: (role: string) => Record<string, string>;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validated before anything registers: invalid arguments create no resource at all.
    const s = settingsOf(name, args);
    super("platform:database:Database", name, {}, opts);
    const parent = { parent: this };
    const tags = tagsOf(name, args.tags);
    this.tagsOf = tags;
    this.baseName = name;
    this.region = args.region;
    const dataOpts: pulumi.CustomResourceOptions = s.protect
      ? { parent: this, protect: true, retainOnDelete: true }
      : parent;
    const region = args.region;
    const { accountId, partition, accountRoot } = accountContext(parent);
    const logGroupPrefix = `/aws/rds/cluster/${s.clusterIdentifier}`;
    const inAccount = { test: "StringEquals", variable: "kms:CallerAccount", values: [accountId] };

    // ---- Key -----------------------------------------------------------------------------------
    // RDS docs ("AWS KMS key management"): RDS uses the key on behalf of the principal creating the
    // cluster, through grants it creates (kms:CreateGrant for AWS resources, kms:DescribeKey);
    // Secrets Manager docs ("Secret encryption and decryption"): GenerateDataKey to encrypt and
    // Decrypt to read a secret, called by Secrets Manager as the caller, with the secret's ARN as
    // encryption context. So the account principal (IAM then decides who: the deployer for RDS, the
    // ECS execution role for the secret) may use the key only through RDS or Secrets Manager in this
    // region and from this account; CloudWatch Logs only for this cluster's log groups.
    const rdsService = `rds.${region}.amazonaws.com`;
    const secretsService = `secretsmanager.${region}.amazonaws.com`;
    const key = new EncryptionKey(
      `${name}-key`,
      {
        description: `Encrypts the ${s.clusterIdentifier} Aurora cluster, its snapshots, master secret and logs`,
        grants: [
          ...serviceKeyGrants({
            sids: { use: "RdsUse", grants: "RdsGrants" },
            accountRoot,
            accountId,
            services: [rdsService],
            actions: [
              "kms:Encrypt",
              "kms:Decrypt",
              "kms:ReEncryptFrom",
              "kms:ReEncryptTo",
              "kms:GenerateDataKey",
              "kms:GenerateDataKeyWithoutPlaintext",
              "kms:DescribeKey",
            ],
          }),
          {
            sid: "SecretsManagerUse",
            principals: { type: "AWS", identifiers: [accountRoot] },
            actions: ["kms:GenerateDataKey", "kms:Decrypt", "kms:DescribeKey"],
            conditions: [
              { test: "StringEquals", variable: "kms:ViaService", values: [secretsService] },
              inAccount,
            ],
          },
          cloudWatchLogsGrant(
            pulumi.interpolate`arn:${partition}:logs:${region}:${accountId}:log-group:${logGroupPrefix}/*`,
            { region, parent: this },
          ),
        ],
        aliasName: keyAliasName(name),
        protect: s.protect,
        tags: tags("key"),
      },
      parent,
    );

    // ---- Log groups ----------------------------------------------------------------------------
    // Aurora publishes each exported log to /aws/rds/cluster/<cluster>/<type> and uses the group if
    // it exists (the approach of terraform-aws-modules/rds-aurora), so the groups are created
    // first, encrypted and with a retention, instead of AWS creating them unencrypted and kept
    // forever.
    const logGroups = s.profile.logExports.map(
      (type) =>
        new aws.cloudwatch.LogGroup(
          `${name}-${type}-logs`,
          {
            name: `${logGroupPrefix}/${type}`,
            retentionInDays: args.logRetentionDays,
            kmsKeyId: key.keyArn,
            tags: tags(`${type}-logs`),
          },
          dataOpts,
        ),
    );

    // ---- Network -------------------------------------------------------------------------------
    const subnetGroup = new aws.rds.SubnetGroup(
      `${name}-subnets`,
      {
        description: `Private data subnets of ${s.clusterIdentifier}`,
        subnetIds: [...args.dataSubnetIds],
        tags: tags("subnets"),
      },
      parent,
    );
    // No rules here: the database answers connections only (security groups are stateful) and
    // accepts them from the groups named through `allowFrom`.
    this.sg = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: `Aurora ${s.clusterIdentifier}: ${s.profile.port} from the named client security groups only`,
        tags: tags("sg"),
      },
      parent,
    );

    const parameters = new aws.rds.ClusterParameterGroup(
      `${name}-params`,
      {
        family: s.profile.family,
        description: `TLS required and logs written for ${s.clusterIdentifier}`,
        parameters: s.profile.parameters.map((p) => ({
          name: p.name,
          value: p.value,
          applyMethod: p.applyMethod ?? "immediate",
        })),
        tags: tags("params"),
      },
      parent,
    );

    // ---- Cluster -------------------------------------------------------------------------------
    // manageMasterUserPassword: RDS generates the password, keeps it in Secrets Manager encrypted
    // with our key and rotates it (every 7 days by default, RDS docs "Password management with
    // Amazon RDS and AWS Secrets Manager"); masterPassword is never set. engineVersion is ignored
    // after creation: auto minor version upgrades move it, and the program must not fight them.
    const cluster = new aws.rds.Cluster(
      `${name}-cluster`,
      {
        clusterIdentifier: s.clusterIdentifier,
        engine: args.engine,
        engineMode: "provisioned",
        engineVersion: args.engineVersion ?? s.profile.version,
        databaseName: s.dbName,
        masterUsername: s.masterUsername,
        manageMasterUserPassword: true,
        masterUserSecretKmsKeyId: key.keyArn,
        port: s.profile.port,
        dbSubnetGroupName: subnetGroup.name,
        vpcSecurityGroupIds: [this.sg.id],
        dbClusterParameterGroupName: parameters.name,
        storageEncrypted: true,
        kmsKeyId: key.keyArn,
        // The app's only way in (grantConnect); the master user is for administrators.
        iamDatabaseAuthenticationEnabled: true,
        // RDS Data API: administrators run the one-time SQL that creates the app user
        // (docs/first-deploy.md) with IAM credentials and the master secret, without a network
        // path into the data subnets; every call is in CloudTrail.
        enableHttpEndpoint: true,
        serverlessv2ScalingConfiguration: {
          minCapacity: args.minCapacity,
          maxCapacity: args.maxCapacity,
          secondsUntilAutoPause: args.minCapacity === 0 ? s.secondsUntilAutoPause : undefined,
        },
        backupRetentionPeriod: s.backupRetentionDays,
        // Automated backups and maintenance apart from the AWS Backup window (05:00 UTC).
        preferredBackupWindow: "02:00-03:00",
        preferredMaintenanceWindow: "sun:03:30-sun:04:30",
        copyTagsToSnapshot: true,
        deletionProtection: s.protect,
        skipFinalSnapshot: !s.protect,
        finalSnapshotIdentifier: s.protect ? `${s.clusterIdentifier}-final` : undefined,
        enabledCloudwatchLogsExports: [...s.profile.logExports],
        allowMajorVersionUpgrade: false,
        networkType: "IPV4",
        tags: tags("cluster", s.protect ? {} : STAGING_DATABASE_WAIVERS),
      },
      { ...dataOpts, dependsOn: logGroups, ignoreChanges: ["engineVersion"] },
    );

    // db.serverless instances: Aurora Serverless v2 (Aurora docs, "Creating a DB cluster that uses
    // Aurora Serverless v2"). The reader, if any, is the failover target in another AZ.
    for (let i = 0; i < s.instanceCount; i++) {
      new aws.rds.ClusterInstance(
        `${name}-instance-${i}`,
        {
          identifier: `${s.clusterIdentifier}-${i}`,
          clusterIdentifier: cluster.id,
          instanceClass: "db.serverless",
          engine: args.engine,
          engineVersion: cluster.engineVersion,
          dbSubnetGroupName: subnetGroup.name,
          publiclyAccessible: false,
          autoMinorVersionUpgrade: true,
          copyTagsToSnapshot: true,
          promotionTier: i,
          tags: tags(`instance-${i}`),
        },
        { parent: this, ignoreChanges: ["engineVersion"] },
      );
    }

    this.engine = args.engine;
    this.port = s.profile.port;
    this.dbName = s.dbName;
    this.masterUsername = s.masterUsername;
    this.clusterIdentifier = s.clusterIdentifier;
    this.clusterArn = cluster.arn;
    this.endpoint = cluster.endpoint;
    this.readerEndpoint = cluster.readerEndpoint;
    this.securityGroupId = this.sg.id;
    this.keyArn = key.keyArn;
    this.secretArn = cluster.masterUserSecrets.apply((secrets) => {
      const arn = secrets?.[0]?.secretArn;
      if (!arn) throw new Error(`Database ${name}: RDS returned no master user secret`);
      return arn;
    });
    this.appUsername = s.appUsername;
    this.clusterResourceId = cluster.clusterResourceId;
    this.containerEnvironment = {
      DB_ENGINE: args.engine,
      DB_HOST: this.endpoint,
      DB_PORT: String(this.port),
      DB_NAME: this.dbName,
      DB_USER: s.appUsername,
      DB_AUTH: "iam",
    };
    this.registerOutputs({
      clusterArn: this.clusterArn,
      endpoint: this.endpoint,
      readerEndpoint: this.readerEndpoint,
      securityGroupId: this.securityGroupId,
      secretArn: this.secretArn,
      keyArn: this.keyArn,
    });
  }

  /**
   * Lets one IAM role connect as the app user with IAM database authentication: an inline policy
   * `${name}-<label>-connect` on the role allowing `rds-db:connect` on exactly
   * `arn:aws:rds-db:<region>:<account>:dbuser:<cluster resource id>/<app user>` (RDS docs,
   * "Creating and using an IAM policy for IAM database access"). A separate step because the role
   * (the runtime's task role) lives in another layer.
   */
  grantConnect(label: string, roleName: pulumi.Input<string>): void {
    if (!/^[a-z][a-z0-9-]{0,30}$/.test(label)) {
      throw new Error(`Database: connector label "${label}" must be a-z, 0-9 and - (up to 31)`);
    }
    if (this.connectors.has(label)) {
      throw new Error(`Database: connector "${label}" may already connect`);
    }
    this.connectors.add(label);
    const parent = { parent: this };
    const { accountId, partition } = accountContext(parent);
    new aws.iam.RolePolicy(
      `${this.baseName}-${label}-connect`,
      {
        role: roleName,
        policy: policyDocument(
          [
            {
              sid: "ConnectAsAppUser",
              effect: "Allow",
              actions: ["rds-db:connect"],
              resources: [
                pulumi.interpolate`arn:${partition}:rds-db:${this.region}:${accountId}:dbuser:${this.clusterResourceId}/${this.appUsername}`,
              ],
            },
          ],
          parent,
        ),
      },
      parent,
    );
  }

  /**
   * Opens the database port to one client security group, both ends of the path: ingress on the
   * database's group from the client's, egress on the client's group to the database's only.
   * A separate step because the clients (the runtime's tasks) are built after the database they
   * receive connection settings from.
   */
  allowFrom(label: string, clientSecurityGroupId: pulumi.Input<string>): void {
    if (!/^[a-z][a-z0-9-]{0,30}$/.test(label)) {
      throw new Error(`Database: client label "${label}" must be a-z, 0-9 and - (up to 31)`);
    }
    if (this.clients.has(label)) throw new Error(`Database: client "${label}" is already allowed`);
    this.clients.add(label);
    const base = this.baseName;
    new aws.vpc.SecurityGroupIngressRule(
      `${base}-from-${label}`,
      {
        securityGroupId: this.sg.id,
        referencedSecurityGroupId: clientSecurityGroupId,
        ipProtocol: "tcp",
        fromPort: this.port,
        toPort: this.port,
        description: `${this.engine} from ${label}`,
        tags: this.tagsOf(`from-${label}`),
      },
      { parent: this },
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${base}-${label}-to-db`,
      {
        securityGroupId: clientSecurityGroupId,
        referencedSecurityGroupId: this.sg.id,
        ipProtocol: "tcp",
        fromPort: this.port,
        toPort: this.port,
        description: `${label} to ${this.engine}`,
        tags: this.tagsOf(`${label}-to-db`),
      },
      { parent: this },
    );
  }
}
