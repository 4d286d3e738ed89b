// Composition root: validated config → the platform's layers → stack outputs. Nothing else lives
// here; every resource is created inside a component.
import * as pulumi from "@pulumi/pulumi";
import { Access, accessNetworkArgs, biAccessCommands } from "./components/access";
import { Alerts } from "./components/alerts";
import { AiEnvironment } from "./components/ai-environment";
import { Analytics } from "./components/analytics";
import { Backup } from "./components/backup";
import { loadConfig } from "./components/config";
import { Database } from "./components/database";
import { DocsSite } from "./components/docs-site";
import { GithubOidc } from "./components/github-oidc";
import { Network } from "./components/network";
import { Pipeline } from "./components/pipeline";
import { Runtime, runtimeInterfaceEndpoints } from "./components/runtime";
import { Storage } from "./components/storage";
import { TEST_SERVER_INSTANCE_TYPE, TestServer } from "./components/test-server";
import { ConnectEndpoint } from "./components/connect-endpoint";
import { layerNaming, stackResourcePrefix } from "./components/naming";

const config = loadConfig();
// Components are named `<stack>-<layer>`, aliased to `<environment>-<layer>` (components/naming.ts).
const prefix = stackResourcePrefix(pulumi.getStack());
const { named, renamed } = layerNaming(prefix, config.environment);
/** What every layer takes: prod's protection of the data that must survive, the standard tags. */
const common = { protect: config.protectData, tags: config.tags };
// Opt-in MVP features (docs/features.md): each present only when its flag is on.
const features = config.features;

// Each layer names the interface endpoints its private workloads need (the runtime adds
// secretsmanager when it injects secrets). The database needs none: the tasks sign IAM
// authentication tokens locally and read no secret.
const interfaceEndpoints = [
  ...runtimeInterfaceEndpoints(),
  ...config.network.extraInterfaceEndpoints,
];
const network = new Network(
  named("network"),
  {
    cidrBlock: config.network.cidrBlock,
    subnetCidrs: config.network.subnetCidrs,
    endpointPlacement: config.network.endpointPlacement,
    interfaceEndpoints,
    // The private tiers' NACLs: the container port, the data tier's ports (Redshift, the
    // database when on), the bastion's public subnets, the AI server's ports; the config checked
    // that they fit the account's quota (components/nacl.keys.ts).
    ...config.programAcls,
    naclRuleQuota: config.naclRuleQuota,
    dataTierZoneCount: config.network.dataTierZoneCount,
    ...accessNetworkArgs(config.access.mode, config.region),
    flowLogRetentionDays: config.logRetentionDays,
    ...common,
  },
  renamed("network"),
);

// The Redshift COPY role reads the upload buckets, so the storage key names it; the role is
// created with the analytics layer below, and its ARN is handed over once it exists.
const [copyRoleArn, resolveCopyRoleArn] = pulumi.deferredOutput<string>();
// Likewise the AWS Backup role (backups read the buckets), created with the backup layer below.
const backupRole = features.backup ? pulumi.deferredOutput<string>() : undefined;
const storage = new Storage(
  named("storage"),
  {
    objectExpirationDays: config.storage.objectExpirationDays,
    ingestPrincipal: config.storage.ingestPrincipal,
    readerRoleArns: [copyRoleArn, ...(backupRole ? [backupRole[0]] : [])],
    ...common,
  },
  renamed("storage"),
);

// Optional application database: the tasks get its address and their database user as plain
// variables and connect with IAM database authentication (the task role may `rds-db:connect` as
// that user only); the RDS-managed master secret is never handed to them.
const database = features.database
  ? new Database(
      named("database"),
      {
        ...features.database,
        vpcId: network.vpcId,
        dataSubnetIds: network.dataSubnetIds,
        region: config.region,
        logRetentionDays: config.logRetentionDays,
        ...common,
      },
      renamed("database"),
    )
  : undefined;

// The task role's policies exist before the service starts tasks that use them.
const databaseConnect = database?.grantConnect("tasks", storage.apiRoleName);
const runtime = new Runtime(
  named("runtime"),
  {
    vpcId: network.vpcId,
    publicSubnetIds: network.publicSubnetIds,
    internetAccess: network.internetAccess,
    computeSubnetIds: network.computeSubnetIds,
    endpointSecurityGroupId: network.endpointSecurityGroupId,
    s3PrefixListId: network.s3PrefixListId,
    region: config.region,
    taskRoleArn: storage.apiRoleArn,
    taskRolePolicies: [storage.apiRolePolicy, ...(databaseConnect ? [databaseConnect] : [])],
    // The database's port is open to the tasks before the service starts them.
    taskSecurityGroupRules: database && ((sg) => database.allowFrom("tasks", sg)),
    interfaceEndpoints,
    bucketName: storage.apiBucketName,
    bucketKeyArn: storage.keyArn,
    ...config.runtime,
    extraEnvironment: database?.containerEnvironment,
    logRetentionDays: config.logRetentionDays,
    ...common,
  },
  renamed("runtime"),
);

// The VPC's one EC2 Instance Connect Endpoint (one per VPC), whenever a host uses it: the BI
// tunnel host in private mode, the test server. One owner, so turning either on or off never
// moves it (a moved endpoint is created before the old one goes, and AWS refuses the second). It
// takes the first compute subnet whose zone offers both hosts' instance types, and the hosts
// that use it go in its subnet (the compute NACL admits no SSH between subnets).
const connectEndpoint =
  config.access.mode === "private" || features.testServer
    ? new ConnectEndpoint(
        named("connect"),
        {
          vpcId: network.vpcId,
          subnets: {
            ...network.hostSubnets("compute"),
            fix:
              `Set platform:tunnelInstanceType to a Graviton type offered where ${TEST_SERVER_INSTANCE_TYPE} is ` +
              "(the hosts beside the endpoint), or deploy to another region",
          },
          instanceTypes: [config.access.instanceType, TEST_SERVER_INSTANCE_TYPE],
          // Before, the access layer (private mode) or else the test server created it.
          formerOwners: [
            { name: named("access"), type: "platform:access:Access" },
            { name: named("test-server"), type: "platform:test-server:TestServer" },
          ],
          tags: config.tags,
        },
        renamed("connect"),
      )
    : undefined;

const access = new Access(
  named("access"),
  {
    mode: config.access.mode,
    vpcId: network.vpcId,
    // Private mode: the connect endpoint's compute subnet (no internet route; its NACL already
    // allows 5439 to the data tier). Bastion mode: the first public subnet whose zone offers the
    // instance type.
    subnets:
      config.access.mode === "private" && connectEndpoint
        ? connectEndpoint.beside
        : network.hostSubnets("public"),
    connectEndpoint: config.access.mode === "private" ? connectEndpoint?.shared : undefined,
    s3PrefixListId: network.s3PrefixListId,
    internetAccess: network.internetAccess,
    // Empty unless in bastion mode: the config refuses platform:bastionAllowedCidrs otherwise.
    allowedCidrs: config.access.allowedCidrs,
    instanceType: config.access.instanceType,
    region: config.region,
    ...common,
  },
  renamed("access"),
);

const analytics = new Analytics(
  named("analytics"),
  {
    vpcId: network.vpcId,
    dataSubnetIds: network.dataSubnetIds,
    s3PrefixListId: network.s3PrefixListId,
    // 5439 only from the BI tunnel host and the compute tasks.
    clients: [
      { label: "tunnel", securityGroupId: access.securityGroupId },
      { label: "tasks", securityGroupId: runtime.taskSecurityGroupId },
    ],
    copySourceBucketArns: [storage.apiBucketArn, storage.ingestBucketArn],
    copySourceKeyArn: storage.keyArn,
    region: config.region,
    ...config.analytics,
    logRetentionDays: config.logRetentionDays,
    ...common,
  },
  renamed("analytics"),
);
resolveCopyRoleArn(analytics.copyRoleArn);
const biCommands = biAccessCommands(access, config.region, analytics);

// Optional test server, in the connect endpoint's subnet, sharing it. The endpoint took a zone
// that offers the test server's type (TEST_SERVER_INSTANCE_TYPE, the only one it is given), so
// its placement there cannot fail: a region without such a zone is refused by the endpoint, with
// the endpoint's fix.
const testServer =
  features.testServer && connectEndpoint
    ? new TestServer(
        named("test-server"),
        {
          vpcId: network.vpcId,
          subnets: connectEndpoint.beside,
          s3PrefixListId: network.s3PrefixListId,
          region: config.region,
          connectEndpoint: connectEndpoint.shared,
          ...common,
        },
        renamed("test-server"),
      )
    : undefined;

// Optional AI environment: a peered VPC the tasks may call on the allowed ports.
const ai = features.aiEnvironment
  ? new AiEnvironment(
      named("ai"),
      {
        ...features.aiEnvironment,
        peer: {
          vpcId: network.vpcId,
          cidrBlock: config.network.cidrBlock,
          routeTableIds: network.computeRouteTableIds,
          clientCidrs: config.network.subnetCidrs.compute,
          clientSecurityGroupId: runtime.taskSecurityGroupId,
        },
        region: config.region,
        flowLogRetentionDays: config.logRetentionDays,
        ...common,
      },
      renamed("ai"),
    )
  : undefined;

// Optional backups of the data that must survive.
const backup = features.backup
  ? new Backup(
      named("backup"),
      {
        ...features.backup,
        region: config.region,
        buckets: [
          { label: "api-bucket", arn: storage.apiBucketArn, keyArn: storage.keyArn },
          { label: "ingest-bucket", arn: storage.ingestBucketArn, keyArn: storage.keyArn },
        ],
        auroraClusters: database
          ? [{ label: "database", arn: database.clusterArn, keyArn: database.keyArn }]
          : [],
        redshiftServerlessNamespaces: [
          { label: "analytics", arn: analytics.namespaceArn, keyArn: analytics.keyArn },
        ],
        ...common,
      },
      renamed("backup"),
    )
  : undefined;
if (backup && backupRole) backupRole[1](backup.backupRoleArn);

const docsSite = new DocsSite(
  named("docs"),
  {
    domainName: config.docs.domainName,
    certificateArn: config.docs.certificateArn,
    ...common,
  },
  renamed("docs"),
);

const pipeline = new Pipeline(
  named("pipeline"),
  {
    ...config.delivery,
    region: config.region,
    repositoryUrl: runtime.repositoryUrl,
    repositoryArn: runtime.repositoryArn,
    clusterName: runtime.clusterName,
    serviceName: runtime.serviceName,
    taskDefinitionFamily: runtime.taskDefinitionFamily,
    executionRoleArn: runtime.executionRoleArn,
    taskRoleArn: storage.apiRoleArn,
    // The Storage log bucket accepts access logs from its producer buckets only (see docs/decisions/pipeline.md).
    accessLogs: {
      notLoggedBecause:
        "Short-lived build artifacts written only by the pipeline roles: the log bucket takes producer buckets only",
    },
    logRetentionDays: config.logRetentionDays,
    ...common,
  },
  renamed("pipeline"),
);

// Alarms on the service and failed deployments or pipeline runs, to one topic (docs/operations/alerts.md).
const alerts = new Alerts(
  named("alerts"),
  {
    ...config.alerts,
    loadBalancerArnSuffix: runtime.loadBalancerArnSuffix,
    targetGroupArnSuffix: runtime.targetGroupArnSuffix,
    clusterName: runtime.clusterName,
    serviceName: runtime.serviceName,
    serviceArn: runtime.serviceArn,
    pipelineNames: pipeline.pipelineNames,
    region: config.region,
    ...common,
  },
  renamed("alerts"),
);

// Optional: roles the GitHub Actions workflows assume (platform:githubOidcRepository).
const github = config.githubOidc
  ? new GithubOidc(
      named("github"),
      {
        ...config.githubOidc,
        namePrefix: prefix,
        clusterName: config.runtime.clusterName,
        region: config.region,
        ...common,
      },
      renamed("github"),
    )
  : undefined;

export const vpcId = network.vpcId;
export const publicSubnetIds = network.publicSubnetIds;
export const computeSubnetIds = network.computeSubnetIds;
export const dataSubnetIds = network.dataSubnetIds;
export const endpointSecurityGroupId = network.endpointSecurityGroupId;
export const apiBucketName = storage.apiBucketName;
export const ingestBucketName = storage.ingestBucketName;
export const apiRoleArn = storage.apiRoleArn;
export const ingestRoleArn = storage.ingestRoleArn;
export const url = runtime.url;
export const repositoryUrl = runtime.repositoryUrl;
export const clusterName = runtime.clusterName;
export const serviceName = runtime.serviceName;
export const pipelineNames = pipeline.pipelineNames;
/** Every alarm and failed deployment is published here; subscribe more endpoints to it. */
export const alertsTopicArn = alerts.topicArn;
export const sourceCloneUrl = pipeline.cloneUrlHttp;
export const sourceConnectionArn = pipeline.connectionArn;
export const githubPreviewRoleArn = github?.previewRoleArn;
export const githubDeployRoleArn = github?.deployRoleArn;
export const redshiftWorkgroup = analytics.workgroupName;
export const redshiftEndpoint = analytics.endpointAddress;
export const redshiftDatabase = analytics.dbName;
export const redshiftAdminSecretArn = analytics.adminSecretArn;
export const redshiftCopyRoleArn = analytics.copyRoleArn;
export const biAccessMode = access.mode;
export const biUserPolicyArn = access.userPolicyArn;
/** Opens the tunnel: Redshift is then on localhost:5439 for psql, Tableau and other clients. */
export const biTunnelCommand = biCommands.tunnel;
export const biPsqlCommand = biCommands.psql;
export const docsUrl = docsSite.url;
export const docsBucketName = docsSite.bucketName;
export const docsDistributionId = docsSite.distributionId;
export const databaseEndpoint = database?.endpoint;
/** The master user's secret (RDS-managed, rotated): for administrators, never for the app. */
export const databaseSecretArn = database?.secretArn;
/** The user the app connects as, with IAM database authentication. */
export const databaseAppUser = database?.appUsername;
export const backupVaultName = backup?.vaultName;
export const backupRestoreRoleArn = backup?.restoreRoleArn;
export const testServerInstanceId = testServer?.instanceId;
export const testServerAdminPolicyArn = testServer?.adminPolicyArn;
export const aiServerPrivateIp = ai?.privateIp;
export const aiPeeringConnectionId = ai?.peeringConnectionId;
export const aiAdminPolicyArn = ai?.adminPolicyArn;
