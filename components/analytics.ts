// The analytics layer: a Redshift Serverless namespace and workgroup in the private data subnets,
// encrypted with its own customer-managed key, reachable on 5439 only from named client security
// groups (the BI tunnel host, the compute tasks), with AWS-managed admin credentials, audit logs
// in KMS-encrypted log groups, a read-only COPY role for the upload buckets, and a usage limit
// that stops a runaway workload. Design notes and the AWS facts behind them:
// docs/decisions/analytics.md.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accountContext, keyAliasName, tagsOf } from "./context";
import { policyDocument, PolicyStatement } from "./iam";
import { cloudWatchLogsGrant, EncryptionKey, serviceKeyGrants } from "./kms-key";

/** The port the workgroup listens on (the Redshift default). */
export const REDSHIFT_PORT = 5439;

/**
 * Availability zones the workgroup's subnets must span. Redshift docs ("Considerations when using
 * Amazon Redshift Serverless"): with enhanced VPC routing a workgroup needs at least three subnets
 * in three AZs (without it, two in two AZs; US West (N. California) is the documented exception,
 * three subnets in two AZs). This platform always turns enhanced VPC routing on.
 */
export const REDSHIFT_MIN_AZS = 3;

/** Audit logs the namespace exports to CloudWatch Logs (Redshift docs, "Audit logging for Amazon Redshift Serverless"). */
export const REDSHIFT_LOG_EXPORTS = ["userlog", "connectionlog", "useractivitylog"] as const;

/** Admin user names that are public knowledge: the Serverless console default and the cluster default. */
export const DEFAULT_ADMIN_NAMES: readonly string[] = ["admin", "awsuser"];

export type UsageLimitPeriod = "daily" | "weekly" | "monthly";
/**
 * What Redshift does when the usage limit is reached (UsageLimit API: log, emit-metric,
 * deactivate). `log` only writes a system-table row, so it is not offered: it stops nothing.
 */
export type UsageLimitBreachAction = "deactivate" | "emit-metric";

/**
 * Largest max capacity accepted (RPUs). The capacity page documents only the base range; this
 * bound (and steps of 8) follow the console, and AWS has the last word at apply.
 */
export const MAX_RPU_LIMIT = 5632;

/**
 * Whether `rpu` is a base capacity AWS accepts. Redshift docs ("Compute capacity for Amazon
 * Redshift Serverless"): 8 to 512 RPUs in units of 8.
 */
export function isValidBaseRpu(rpu: number): boolean {
  return Number.isInteger(rpu) && rpu >= 8 && rpu <= 512 && rpu % 8 === 0;
}

/**
 * Free IP addresses each subnet needs to create a workgroup of `baseRpu`. Redshift docs
 * ("Considerations when using Amazon Redshift Serverless", free IP address requirements): 32 RPU
 * → 13, 64 → 21, 128 → 37, 256 → 69, 512 → 133, i.e. RPU/4 + 5. Raising the base capacity later
 * needs more (the same page lists the update requirements).
 */
export function freeIpsNeeded(baseRpu: number): number {
  return Math.ceil(baseRpu / 4) + 5;
}

/** A security group that may open connections to the workgroup. */
export interface AnalyticsClient {
  /** Short label used in resource names and rule descriptions, e.g. "tunnel" or "tasks". */
  readonly label: string;
  readonly securityGroupId: pulumi.Input<string>;
}

/** Usage limit that bounds the compute a workgroup may consume per period. */
export interface UsageLimit {
  /** RPU-hours per period (a positive integer). */
  readonly rpuHours: number;
  readonly period: UsageLimitPeriod;
  readonly breachAction: UsageLimitBreachAction;
}

/** Redshift Serverless for one environment. */
export interface AnalyticsArgs {
  readonly vpcId: pulumi.Input<string>;
  /** Private data subnets, one per AZ; at least REDSHIFT_MIN_AZS (validated). */
  readonly dataSubnetIds: readonly pulumi.Input<string>[];
  /** S3 prefix list of the gateway endpoint: with enhanced VPC routing, COPY reaches S3 through the workgroup's own network interfaces and security group. */
  readonly s3PrefixListId: pulumi.Input<string>;
  /** Security groups allowed to connect on 5439. The component also opens their egress to the workgroup. At least one. */
  readonly clients: readonly AnalyticsClient[];
  /** Buckets the COPY role may read (objects and listing), e.g. the two upload buckets. */
  readonly copySourceBucketArns: readonly pulumi.Input<string>[];
  /** The key those buckets are encrypted with; the COPY role may decrypt with it only through S3. */
  readonly copySourceKeyArn: pulumi.Input<string>;
  /** Region of the stack (the KMS service names and the COPY role's conditions name it). */
  readonly region: string;
  /** Base capacity in RPUs: 8 to 512 in steps of 8. */
  readonly baseRpu: number;
  /** Most RPUs the workgroup may scale to: a multiple of 8 from baseRpu to 5632. */
  readonly maxRpu: number;
  readonly usageLimit: UsageLimit;
  /** Admin user of the first database; not "admin" or "awsuser". Defaults to "platform_admin". */
  readonly adminUsername?: string;
  /** First database; not "dev". Defaults to "analytics". */
  readonly dbName?: string;
  /** Namespace name (3-64 of a-z, 0-9, -). Defaults to `<project>-<stack>`. */
  readonly namespaceName?: string;
  /** Workgroup name (3-64 of a-z, 0-9, -). Defaults to `<project>-<stack>`. */
  readonly workgroupName?: string;
  /**
   * KMS key for the admin-password secret in Secrets Manager. Defaults to none: Secrets Manager's
   * AWS-managed key. A customer-managed key here must let the deployer and the secret's readers use
   * it through Secrets Manager.
   */
  readonly adminPasswordSecretKmsKeyId?: pulumi.Input<string>;
  /** Retention of the audit-log groups (a CloudWatch Logs value). */
  readonly logRetentionDays: number;
  /** Protect and retain the namespace, its key and its audit logs (prod). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

const NAME_RE = /^[a-z0-9-]{3,64}$/;
/** Redshift docs ("Names and identifiers"): standard identifiers start with a letter or underscore. */
const ADMIN_RE = /^[a-z_][a-z0-9_]{0,127}$/;
const DB_RE = /^[a-z_][a-z0-9_]{0,126}$/;

/**
 * Workgroup config parameters, all of them: the API returns every parameter, and the provider shows
 * a permanent diff for any it was not given (terraform-provider-aws #33692), so the defaults AWS
 * reports are spelled out next to the two that matter: TLS required, user activity logged.
 */
export const WORKGROUP_CONFIG: Readonly<Record<string, string>> = {
  require_ssl: "true",
  enable_user_activity_logging: "true",
  use_fips_ssl: "false",
  auto_mv: "true",
  datestyle: "ISO, MDY",
  enable_case_sensitive_identifier: "false",
  query_group: "default",
  search_path: "$user, public",
  max_query_execution_time: "14400",
};

function defaultName(): string {
  return `${pulumi.getProject()}-${pulumi.getStack()}`.toLowerCase().replace(/[^a-z0-9-]/g, "-");
}

interface Settings {
  readonly namespaceName: string;
  readonly workgroupName: string;
  readonly adminUsername: string;
  readonly dbName: string;
  readonly protect: boolean;
}

/** Validates what the type system cannot; throws one error naming every problem. */
function settingsOf(name: string, args: AnalyticsArgs): Settings {
  const problems: string[] = [];
  const s: Settings = {
    namespaceName: args.namespaceName ?? defaultName(),
    workgroupName: args.workgroupName ?? defaultName(),
    adminUsername: args.adminUsername ?? "platform_admin",
    dbName: args.dbName ?? "analytics",
    protect: args.protect ?? false,
  };
  if (args.dataSubnetIds.length < REDSHIFT_MIN_AZS) {
    problems.push(
      `dataSubnetIds: ${args.dataSubnetIds.length} subnet(s); Redshift Serverless with enhanced VPC routing needs subnets in at least ${REDSHIFT_MIN_AZS} availability zones`,
    );
  }
  if (!isValidBaseRpu(args.baseRpu)) {
    problems.push(`baseRpu: ${args.baseRpu} is not 8 to 512 in steps of 8`);
  }
  if (
    !Number.isInteger(args.maxRpu) ||
    args.maxRpu % 8 !== 0 ||
    args.maxRpu < args.baseRpu ||
    args.maxRpu > MAX_RPU_LIMIT
  ) {
    problems.push(
      `maxRpu: ${args.maxRpu} must be a multiple of 8 from baseRpu (${args.baseRpu}) to ${MAX_RPU_LIMIT}`,
    );
  }
  const limit = args.usageLimit;
  if (!Number.isInteger(limit.rpuHours) || limit.rpuHours < 1) {
    problems.push(`usageLimit.rpuHours: ${limit.rpuHours} must be a positive integer`);
  }
  if (!["daily", "weekly", "monthly"].includes(limit.period)) {
    problems.push(`usageLimit.period: "${limit.period}" must be daily, weekly or monthly`);
  }
  if (!["deactivate", "emit-metric"].includes(limit.breachAction)) {
    problems.push(
      `usageLimit.breachAction: "${limit.breachAction}" must be deactivate or emit-metric`,
    );
  }
  for (const [key, value] of [
    ["namespaceName", s.namespaceName],
    ["workgroupName", s.workgroupName],
  ] as const) {
    if (!NAME_RE.test(value)) problems.push(`${key}: "${value}" must be 3-64 of a-z, 0-9 and -`);
  }
  if (!ADMIN_RE.test(s.adminUsername) || DEFAULT_ADMIN_NAMES.includes(s.adminUsername)) {
    problems.push(
      `adminUsername: "${s.adminUsername}" must be a lowercase identifier other than ${DEFAULT_ADMIN_NAMES.join(" or ")}`,
    );
  }
  if (!DB_RE.test(s.dbName) || s.dbName === "dev") {
    problems.push(`dbName: "${s.dbName}" must be a lowercase identifier other than "dev"`);
  }
  if (args.clients.length === 0) problems.push("clients: at least one client security group");
  const labels = args.clients.map((c) => c.label);
  for (const l of labels) {
    if (!/^[a-z][a-z0-9-]{0,30}$/.test(l)) problems.push(`clients: label "${l}" must be a-z0-9-`);
  }
  if (new Set(labels).size !== labels.length) problems.push("clients: labels must be unique");
  if (args.copySourceBucketArns.length === 0) {
    problems.push("copySourceBucketArns: at least one bucket");
  }
  if (problems.length > 0) {
    throw new Error(`Analytics ${name}: invalid arguments:\n  - ${problems.join("\n  - ")}`);
  }
  return s;
}

export class Analytics extends pulumi.ComponentResource {
  public readonly namespaceName: pulumi.Output<string>;
  /** ARN of the namespace (AWS Backup protects the data through it). */
  public readonly namespaceArn: pulumi.Output<string>;
  public readonly workgroupName: pulumi.Output<string>;
  public readonly workgroupArn: pulumi.Output<string>;
  /** Private DNS name of the workgroup endpoint. */
  public readonly endpointAddress: pulumi.Output<string>;
  public readonly port: number;
  public readonly dbName: string;
  public readonly adminUsername: string;
  public readonly securityGroupId: pulumi.Output<string>;
  public readonly copyRoleArn: pulumi.Output<string>;
  public readonly keyArn: pulumi.Output<string>;
  /** Secrets Manager secret holding the AWS-managed admin password. */
  public readonly adminSecretArn: pulumi.Output<string>;

  constructor(name: string, args: AnalyticsArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validated before anything registers: invalid arguments create no resource at all.
    const s = settingsOf(name, args);
    super("platform:analytics:Analytics", name, {}, opts);
    const parent = { parent: this };
    const tags = tagsOf(name, args.tags);
    const dataOpts: pulumi.CustomResourceOptions = s.protect
      ? { parent: this, protect: true, retainOnDelete: true }
      : parent;
    const region = args.region;
    const { accountId, partition, accountRoot } = accountContext(parent);
    const logGroupPrefix = `/aws/redshift/${s.namespaceName}`;

    // ---- Key ---------------------------------------------------------------------------------
    // Redshift docs ("Authorizing use of an AWS KMS customer managed key with Amazon Redshift
    // (Provisioned) and Amazon Redshift Serverless"): Redshift uses the key "on behalf of the user
    // who is creating or modifying" the namespace, through grants it creates as that user. So the
    // account principal (whose IAM policies then decide who deploys) may use the key and create
    // grants, but only through Redshift Serverless in this region (kms:ViaService), only from this
    // account (kms:CallerAccount), and grants only for AWS resources (kms:GrantIsForAWSResource).
    const redshiftServices = [
      `redshift-serverless.${region}.amazonaws.com`,
      `redshift.${region}.amazonaws.com`,
    ];
    const key = new EncryptionKey(
      `${name}-key`,
      {
        description: `Encrypts the ${name} Redshift Serverless namespace and its audit logs`,
        grants: [
          ...serviceKeyGrants({
            sids: { use: "RedshiftServerlessUse", grants: "RedshiftServerlessGrants" },
            accountRoot,
            accountId,
            services: redshiftServices,
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

    // ---- Audit log groups ----------------------------------------------------------------------
    // Redshift docs ("Audit logging for Amazon Redshift Serverless"): logs go to
    // /aws/redshift/<namespace>/<log_type>; "If a log group with the specified name exists,
    // Redshift exports log data using the existing log group", so they are created here with the
    // key and a retention, instead of AWS creating them unencrypted and kept forever.
    const logGroups = REDSHIFT_LOG_EXPORTS.map(
      (type) =>
        new aws.cloudwatch.LogGroup(
          `${name}-${type}`,
          {
            name: `${logGroupPrefix}/${type}`,
            retentionInDays: args.logRetentionDays,
            kmsKeyId: key.keyArn,
            tags: tags(type),
          },
          dataOpts,
        ),
    );

    // ---- COPY role -----------------------------------------------------------------------------
    // Redshift docs ("Granting permissions to Amazon Redshift Serverless"): the role's trust must
    // contain redshift-serverless.amazonaws.com and redshift.amazonaws.com. Redshift's documented
    // restriction ("Restricting access to IAM roles") is sts:ExternalId, which Redshift sets to the
    // calling database user's ARN; for Redshift Serverless that is
    // arn:aws:redshift:<region>:<account>:dbuser:serverless-<account id>-<workgroup id>/<user>.
    // The workgroup id exists only once the workgroup does, and the namespace (created before the
    // workgroup) already names this role, so the trust cannot name the id without a cycle: it
    // admits Redshift Serverless users of this account and region (`serverless-<account>-*/*`).
    // Redshift assumes only roles associated with a namespace, and associating one takes
    // iam:PassRole on it, so in practice this is the stack's own namespace (trade-off:
    // docs/decisions/analytics.md). Redshift does not document aws:SourceArn/SourceAccount for
    // this trust, so they are not added (an unsupported condition would block COPY); the waiver
    // below says so to the policy pack.
    const copyRole = new aws.iam.Role(
      `${name}-copy-role`,
      {
        description: `Lets ${s.workgroupName} COPY from the upload buckets (read-only)`,
        assumeRolePolicy: policyDocument(
          [
            {
              sid: "TrustRedshiftServerlessUsersOfThisAccount",
              effect: "Allow",
              actions: ["sts:AssumeRole"],
              principals: [
                {
                  type: "Service",
                  identifiers: ["redshift-serverless.amazonaws.com", "redshift.amazonaws.com"],
                },
              ],
              conditions: [
                {
                  test: "StringLike",
                  variable: "sts:ExternalId",
                  values: [copyRoleExternalIdPattern(partition, region, accountId)],
                },
              ],
            },
          ],
          parent,
        ),
        tags: tags("copy-role", {
          // Tag values allow only letters, digits, spaces and _ . : / = + - @ (IAM TagRole).
          "waiver:iam-trust-policy-confused-deputy-unverified":
            "Redshift documents sts:ExternalId = the database user ARN as its role restriction and it is set here. No aws:SourceArn is documented for this trust",
        }),
      },
      parent,
    );
    const copyPolicy = new aws.iam.RolePolicy(
      `${name}-copy-policy`,
      { role: copyRole.id, policy: policyDocument(copyRoleStatements(args), parent) },
      parent,
    );

    // ---- Security group: 5439 in from the named clients only ------------------------------------
    const sg = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: `Redshift Serverless ${s.workgroupName}: ${REDSHIFT_PORT} from ${args.clients
          .map((c) => c.label)
          .join(" and ")} only; HTTPS to S3 for COPY`,
        // No inline rules (the provider then removes AWS's default allow-all egress); rules below.
        tags: tags("sg"),
      },
      parent,
    );
    for (const client of args.clients) {
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-from-${client.label}`,
        {
          securityGroupId: sg.id,
          referencedSecurityGroupId: client.securityGroupId,
          ipProtocol: "tcp",
          fromPort: REDSHIFT_PORT,
          toPort: REDSHIFT_PORT,
          description: `Redshift from ${client.label}`,
          tags: tags(`from-${client.label}`),
        },
        parent,
      );
      // The client side of the same path: its group may open connections to the workgroup only.
      new aws.vpc.SecurityGroupEgressRule(
        `${name}-${client.label}-to-redshift`,
        {
          securityGroupId: client.securityGroupId,
          referencedSecurityGroupId: sg.id,
          ipProtocol: "tcp",
          fromPort: REDSHIFT_PORT,
          toPort: REDSHIFT_PORT,
          description: `${client.label} to Redshift`,
          tags: tags(`${client.label}-to-redshift`),
        },
        parent,
      );
    }
    // Redshift docs ("Enhanced VPC routing"): COPY and UNLOAD traffic then leaves through the
    // workgroup's network interfaces, so its security group must allow HTTPS to S3 (here: the
    // gateway endpoint's prefix list only).
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-to-s3`,
      {
        securityGroupId: sg.id,
        prefixListId: args.s3PrefixListId,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        description: "COPY from S3 through the gateway endpoint",
        tags: tags("to-s3"),
      },
      parent,
    );

    // ---- Namespace -----------------------------------------------------------------------------
    // manageAdminPassword: Redshift generates the admin password and keeps it in Secrets Manager;
    // it never appears in config or state (adminUserPassword is never set).
    const namespace = new aws.redshiftserverless.Namespace(
      `${name}-namespace`,
      {
        namespaceName: s.namespaceName,
        dbName: s.dbName,
        adminUsername: s.adminUsername,
        manageAdminPassword: true,
        adminPasswordSecretKmsKeyId: args.adminPasswordSecretKmsKeyId,
        kmsKeyId: key.keyArn,
        iamRoles: [copyRole.arn],
        defaultIamRoleArn: copyRole.arn,
        logExports: [...REDSHIFT_LOG_EXPORTS],
        tags: tags("namespace"),
      },
      { ...dataOpts, dependsOn: logGroups },
    );

    // ---- Workgroup -----------------------------------------------------------------------------
    const workgroup = new aws.redshiftserverless.Workgroup(
      `${name}-workgroup`,
      {
        workgroupName: s.workgroupName,
        namespaceName: namespace.namespaceName,
        baseCapacity: args.baseRpu,
        maxCapacity: args.maxRpu,
        port: REDSHIFT_PORT,
        publiclyAccessible: false,
        enhancedVpcRouting: true,
        subnetIds: [...args.dataSubnetIds],
        securityGroupIds: [sg.id],
        configParameters: Object.entries(WORKGROUP_CONFIG).map(
          ([parameterKey, parameterValue]) => ({
            parameterKey,
            parameterValue,
          }),
        ),
        tags: tags("workgroup"),
      },
      { parent: this, dependsOn: [copyPolicy] },
    );

    // ---- Usage limit: a runaway query or stolen credential cannot run up the bill ---------------
    // UsageLimit API: usageType serverless-compute, amount in RPU-hours per period (a weekly
    // period starts on Sunday), breach action deactivate (stop user queries) or emit-metric.
    new aws.redshiftserverless.UsageLimit(
      `${name}-usage-limit`,
      {
        resourceArn: workgroup.arn,
        usageType: "serverless-compute",
        amount: args.usageLimit.rpuHours,
        period: args.usageLimit.period,
        breachAction: args.usageLimit.breachAction,
      },
      parent,
    );

    this.namespaceName = namespace.namespaceName;
    this.namespaceArn = namespace.arn;
    this.workgroupName = workgroup.workgroupName;
    this.workgroupArn = workgroup.arn;
    this.endpointAddress = workgroup.endpoints.apply((e) => e?.[0]?.address ?? "");
    this.port = REDSHIFT_PORT;
    this.dbName = s.dbName;
    this.adminUsername = s.adminUsername;
    this.securityGroupId = sg.id;
    this.copyRoleArn = copyRole.arn;
    this.keyArn = key.keyArn;
    this.adminSecretArn = namespace.adminPasswordSecretArn;
    this.registerOutputs({
      namespaceName: this.namespaceName,
      workgroupName: this.workgroupName,
      workgroupArn: this.workgroupArn,
      endpointAddress: this.endpointAddress,
      securityGroupId: this.securityGroupId,
      copyRoleArn: this.copyRoleArn,
      keyArn: this.keyArn,
      adminSecretArn: this.adminSecretArn,
    });
  }
}

/**
 * The `sts:ExternalId` pattern the COPY role's trust accepts: any Redshift Serverless database user
 * of this account and region. Redshift Management Guide, "Restricting access to IAM roles": for
 * Redshift Serverless the external id is
 * `arn:aws:redshift:<region>:<account>:dbuser:serverless-<account id>-<workgroup id>/<user>`.
 */
export function copyRoleExternalIdPattern(
  partition: pulumi.Input<string>,
  region: string,
  accountId: pulumi.Input<string>,
): pulumi.Output<string> {
  return pulumi.interpolate`arn:${partition}:redshift:${region}:${accountId}:dbuser:serverless-${accountId}-*/*`;
}

/**
 * Inline policy of the COPY role: read the upload buckets (objects and listing, nothing else) and
 * decrypt with their key only through S3 and only for those buckets. Redshift docs ("IAM
 * permissions for COPY, UNLOAD, and CREATE LIBRARY"): COPY from S3 needs s3:GetObject and
 * s3:ListBucket. KMS docs ("kms:ViaService", "kms:EncryptionContext"): S3 calls KMS as
 * s3.<region>.amazonaws.com with the bucket ARN (bucket keys) or object ARN as encryption context.
 */
export function copyRoleStatements(args: {
  readonly copySourceBucketArns: readonly pulumi.Input<string>[];
  readonly copySourceKeyArn: pulumi.Input<string>;
  readonly region: string;
}): PolicyStatement[] {
  const buckets = [...args.copySourceBucketArns];
  const objects = buckets.map((b) => pulumi.interpolate`${b}/*`);
  return [
    { sid: "ReadUploadObjects", effect: "Allow", actions: ["s3:GetObject"], resources: objects },
    { sid: "ListUploadBuckets", effect: "Allow", actions: ["s3:ListBucket"], resources: buckets },
    {
      sid: "DecryptUploadsThroughS3",
      effect: "Allow",
      actions: ["kms:Decrypt"],
      resources: [args.copySourceKeyArn],
      conditions: [
        {
          test: "StringEquals",
          variable: "kms:ViaService",
          values: [`s3.${args.region}.amazonaws.com`],
        },
        {
          test: "StringLike",
          variable: "kms:EncryptionContext:aws:s3:arn",
          values: [...buckets, ...objects],
        },
      ],
    },
  ];
}
