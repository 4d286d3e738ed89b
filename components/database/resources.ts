// The database's resources, one builder per part (the Database constructor calls them in order):
// the key, the log groups, the network (subnet, security and parameter groups), the cluster.
import * as aws from "@pulumi/aws";
import { exportedLogGroups, exportedLogsKeyGrant } from "../exported-logs";
import { componentKey, EncryptionKey, SERVICE_KEY_ACTIONS, serviceKeyGrants } from "../kms-key";
import { STAGING_DATABASE_WAIVERS } from "./engines";
import type { Build } from "./index";

/** The key `${name}-key`: the cluster, its snapshots, its master secret and its logs. */
export function databaseKey(b: Build) {
  const { name, s, region, accountId, accountRoot } = b;
  const inAccount = { test: "StringEquals", variable: "kms:CallerAccount", values: [accountId] };
  // RDS docs ("AWS KMS key management"): RDS uses the key on behalf of the principal creating the
  // cluster, through grants it creates (kms:CreateGrant for AWS resources, kms:DescribeKey);
  // Secrets Manager docs ("Secret encryption and decryption"): GenerateDataKey to encrypt and
  // Decrypt to read a secret, called by Secrets Manager as the caller, with the secret's ARN as
  // encryption context. So the account principal (IAM then decides who: the deployer for RDS, the
  // ECS execution role for the secret) may use the key only through RDS or Secrets Manager in this
  // region and from this account; CloudWatch Logs only for this cluster's log groups.
  const rdsService = `rds.${region}.amazonaws.com`;
  const secretsService = `secretsmanager.${region}.amazonaws.com`;
  const key = componentKey(
    b,
    name,
    `Encrypts the ${s.clusterIdentifier} Aurora cluster, its snapshots, master secret and logs`,
    [
      ...serviceKeyGrants({
        sids: { use: "RdsUse", grants: "RdsGrants" },
        accountRoot,
        accountId,
        services: [rdsService],
        actions: [...SERVICE_KEY_ACTIONS],
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
      exportedLogsKeyGrant(b),
    ],
  );
  return key;
}

/** The exported logs' groups, created before the cluster. */
export function databaseLogGroups(b: Build, key: EncryptionKey) {
  // Aurora publishes each exported log to /aws/rds/cluster/<cluster>/<type> and uses the group if
  // it exists (the approach of terraform-aws-modules/rds-aurora), so the groups are created
  // first, encrypted and with a retention, instead of AWS creating them unencrypted and kept
  // forever.
  return exportedLogGroups(b, key, b.s.profile.logExports, (type) => `${type}-logs`);
}

/** The subnet group, the security group (rules: `allowFrom`) and the parameter group. */
export function databaseNetwork(b: Build) {
  const { name, args, s, tags, parent } = b;
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
  const sg = new aws.ec2.SecurityGroup(
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
  return { subnetGroup, sg, parameters };
}

/**
 * The name of the snapshot RDS takes when Pulumi deletes the cluster: `<cluster>-final-<UTC time
 * of creation>`. A fixed name would be taken by the first such snapshot, and the next cluster of
 * that name (a prod brought back or restored) could not be deleted: DeleteDBCluster refuses a
 * `FinalDBSnapshotIdentifier` that exists (`DBClusterSnapshotAlreadyExistsFault`, RDS API
 * Reference, https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBCluster.html). The provider only keeps the value for the deletion (no API call on update), and the
 * cluster ignores later changes to it, so it stays the one written at creation: no diff on every
 * update; a cluster created before keeps its `<cluster>-final`. Prod's cluster is retainOnDelete,
 * so Pulumi itself never deletes it: the name serves a deletion through the provider without that
 * option (docs/first-deploy.md, "How to back out"). 1-255 letters, digits and hyphens, a letter
 * first, no `--`, no trailing hyphen.
 */
export function finalSnapshotIdentifier(clusterIdentifier: string, createdAt: Date): string {
  const stamp = createdAt.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `${clusterIdentifier}-final-${stamp}`;
}

/** The cluster and its db.serverless instances. */
export function databaseCluster(
  b: Build,
  on: {
    key: EncryptionKey;
    logGroups: aws.cloudwatch.LogGroup[];
    subnetGroup: aws.rds.SubnetGroup;
    sg: aws.ec2.SecurityGroup;
    parameters: aws.rds.ClusterParameterGroup;
  },
) {
  const { name, args, s, tags, dataOpts } = b;
  const { key, logGroups, subnetGroup, sg, parameters } = on;
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
      vpcSecurityGroupIds: [sg.id],
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
      finalSnapshotIdentifier: s.protect
        ? finalSnapshotIdentifier(s.clusterIdentifier, new Date())
        : undefined,
      enabledCloudwatchLogsExports: [...s.profile.logExports],
      allowMajorVersionUpgrade: false,
      networkType: "IPV4",
      tags: tags("cluster", s.protect ? {} : STAGING_DATABASE_WAIVERS),
    },
    // The final snapshot's name is the one written at creation (`finalSnapshotIdentifier`).
    {
      ...dataOpts,
      dependsOn: logGroups,
      ignoreChanges: ["engineVersion", "finalSnapshotIdentifier"],
    },
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
      { parent: b.self, ignoreChanges: ["engineVersion"] },
    );
  }
  return cluster;
}
