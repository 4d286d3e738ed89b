// The analytics layer: a Redshift Serverless namespace and workgroup in the private data subnets,
// encrypted with its own customer-managed key, reachable on 5439 only from named client security
// groups (the BI tunnel host, the compute tasks), with AWS-managed admin credentials, audit logs
// in KMS-encrypted log groups, a read-only COPY role for the upload buckets, and a usage limit
// that stops a runaway workload. Design notes and the AWS facts behind them:
// docs/decisions/analytics.md.
import * as pulumi from "@pulumi/pulumi";
import {
  ANALYTICS_SECTION,
  AnalyticsSettings,
  DEFAULT_ADMIN_NAMES,
  isValidBaseRpu,
  MAX_RPU_LIMIT,
  REDSHIFT_MIN_AZS,
  REDSHIFT_PORT,
  USAGE_LIMIT_BREACH_ACTIONS,
  USAGE_LIMIT_PERIODS,
} from "../analytics.keys";
import { invalidArguments, settingsBuilder } from "../context";
import { projectStackName } from "../naming";
import {
  analyticsKey,
  auditLogGroups,
  Build,
  buildCopyRole,
  buildNamespace,
  buildWorkgroup,
  usageLimit,
  workgroupSecurityGroup,
} from "./resources";

export {
  copyRoleExternalIdPattern,
  copyRoleStatements,
  REDSHIFT_LOG_EXPORTS,
  WORKGROUP_CONFIG,
} from "./resources";

export {
  DEFAULT_ADMIN_NAMES,
  freeIpsNeeded,
  isValidBaseRpu,
  MAX_RPU_LIMIT,
  REDSHIFT_MIN_AZS,
  REDSHIFT_PORT,
} from "../analytics.keys";
export type { UsageLimit, UsageLimitBreachAction, UsageLimitPeriod } from "../analytics.keys";

/** A security group that may open connections to the workgroup. */
export interface AnalyticsClient {
  /** Short label used in resource names and rule descriptions, e.g. "tunnel" or "tasks". */
  readonly label: string;
  readonly securityGroupId: pulumi.Input<string>;
}

/**
 * Redshift Serverless for one environment. Capacity, usage limit and names are the analytics
 * section's settings (components/analytics.keys.ts); the names default as declared there.
 */
export interface AnalyticsArgs
  extends
    Pick<AnalyticsSettings, "baseRpu" | "maxRpu" | "usageLimit">,
    Partial<Pick<AnalyticsSettings, "adminUsername" | "dbName">> {
  readonly vpcId: pulumi.Input<string>;
  /**
   * Private data subnets, at least REDSHIFT_MIN_AZS (validated): one per AZ, except in the
   * REDSHIFT_TWO_AZ_REGIONS, where they share two AZs (the Network's `dataTierZoneCount`).
   */
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
  /** Namespace name (3-64 of a-z, 0-9, -). Defaults to `<project>-<stack>`. */
  readonly namespaceName?: string;
  /** Workgroup name (3-64 of a-z, 0-9, -). Defaults to `<project>-<stack>`. */
  readonly workgroupName?: string;
  /**
   * KMS key for the admin-password secret in Secrets Manager. Defaults to none: Secrets Manager's
   * AWS-managed key. A customer-managed key here must let the deployer and the secret's readers use
   * it through Secrets Manager. Its key ARN, as AWS reports it (validated when given as a string).
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

/** The validated settings of one Analytics. */
export interface Settings {
  readonly namespaceName: string;
  readonly workgroupName: string;
  readonly adminUsername: string;
  readonly dbName: string;
  readonly protect: boolean;
}

/** A KMS key ARN (multi-Region keys have `mrk-` ids), as AWS reports a namespace's keys. */
const KMS_KEY_ARN_RE = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/(?:mrk-)?[0-9a-f-]+$/;

/** Validates what the type system cannot; throws one error naming every problem. */
function validateArgs(name: string, args: AnalyticsArgs): Settings {
  const problems: string[] = [];
  const keys = ANALYTICS_SECTION.keys;
  const stackName = projectStackName(pulumi.getProject(), pulumi.getStack());
  const s: Settings = {
    namespaceName: args.namespaceName ?? stackName,
    workgroupName: args.workgroupName ?? stackName,
    adminUsername: args.adminUsername ?? keys.adminUsername.default,
    dbName: args.dbName ?? keys.dbName.default,
    protect: args.protect ?? false,
  };
  if (args.dataSubnetIds.length < REDSHIFT_MIN_AZS) {
    problems.push(
      `dataSubnetIds: ${args.dataSubnetIds.length} subnet(s); Redshift Serverless with enhanced VPC routing needs at least ${REDSHIFT_MIN_AZS} subnets, one per availability zone (in us-west-1 sharing its two)`,
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
  if (!USAGE_LIMIT_PERIODS.includes(limit.period)) {
    problems.push(`usageLimit.period: "${limit.period}" must be daily, weekly or monthly`);
  }
  if (!USAGE_LIMIT_BREACH_ACTIONS.includes(limit.breachAction)) {
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
  // The provider types admin_password_secret_kms_key_id as an ARN (fwtypes.ARNType in the
  // aws_redshiftserverless_namespace schema): a bare key id or `alias/<name>` is refused
  // at preview. An alias ARN passes, but AWS reports the key ARN, so the provider updates the
  // namespace on every `pulumi up` (hashicorp/terraform-provider-aws#45683). Only a key ARN fits.
  // A value known only at deploy time (an Output) is not judged here.
  const secretKey = args.adminPasswordSecretKmsKeyId;
  if (typeof secretKey === "string" && !KMS_KEY_ARN_RE.test(secretKey)) {
    const why = /^arn:[^:]+:kms:[^:]*:[^:]*:alias\//.test(secretKey)
      ? "AWS reports the key ARN, so an alias ARN makes the provider update the namespace on " +
        "every pulumi up"
      : secretKey.startsWith("arn:")
        ? "this is not the ARN of a KMS key"
        : "the provider takes an ARN only and refuses a key id or an alias/ name at preview";
    problems.push(
      `adminPasswordSecretKmsKeyId: "${secretKey}" must be a key ARN ` +
        `(arn:<partition>:kms:<region>:<account>:key/<key id>): ${why}`,
    );
  }
  invalidArguments("Analytics", name, problems);
  return s;
}

export class Analytics extends pulumi.ComponentResource {
  /** The namespace (`<project>-<stack>` unless named). */
  public readonly namespaceName: pulumi.Output<string>;
  /** ARN of the namespace (AWS Backup protects the data through it). */
  public readonly namespaceArn: pulumi.Output<string>;
  /** The workgroup (`<project>-<stack>` unless named): the BI users' tunnel command names it. */
  public readonly workgroupName: pulumi.Output<string>;
  /** ARN of the workgroup (the usage limit is set on it). */
  public readonly workgroupArn: pulumi.Output<string>;
  /** Private DNS name of the workgroup endpoint. */
  public readonly endpointAddress: pulumi.Output<string>;
  /** The port the workgroup listens on (5439). */
  public readonly port: number;
  /** The first database. */
  public readonly dbName: string;
  /** The admin user of the first database (its password: `adminSecretArn`). */
  public readonly adminUsername: string;
  /** The workgroup's security group (5439 from the named clients only). */
  public readonly securityGroupId: pulumi.Output<string>;
  /** The read-only role COPY uses to load the upload buckets (the storage key names it). */
  public readonly copyRoleArn: pulumi.Output<string>;
  /** Key of the namespace and its audit logs (AWS Backup names it). */
  public readonly keyArn: pulumi.Output<string>;
  /** Secrets Manager secret holding the AWS-managed admin password. */
  public readonly adminSecretArn: pulumi.Output<string>;

  constructor(name: string, args: AnalyticsArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validated before anything registers: invalid arguments create no resource at all.
    const s = validateArgs(name, args);
    super("platform:analytics:Analytics", name, {}, opts);
    const b: Build = settingsBuilder(this, name, args, s, () => ({
      logGroupPrefix: `/aws/redshift/${s.namespaceName}`,
    }));

    const key = analyticsKey(b);
    const logGroups = auditLogGroups(b, key);
    const { copyRole, copyPolicy } = buildCopyRole(b);
    const sg = workgroupSecurityGroup(b);
    const namespace = buildNamespace(b, { key, logGroups, copyRole });
    const workgroup = buildWorkgroup(b, { namespace, sg, copyPolicy });
    usageLimit(b, workgroup);

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
