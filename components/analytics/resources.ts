// The analytics layer's resources, one builder per part (the Analytics constructor calls them in
// order): the key, the audit log groups, the COPY role, the security group, the namespace, the
// workgroup and its usage limit; and the COPY role's documents.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { REDSHIFT_PORT } from "../analytics.keys";
import { SettingsBuilder } from "../context";
import { policyDocument, PolicyStatement } from "../iam";
import { exportedLogGroups, exportedLogsKeyGrant } from "../exported-logs";
import { componentKey, EncryptionKey, SERVICE_KEY_ACTIONS, serviceKeyGrants } from "../kms-key";
import type { AnalyticsArgs, Settings } from "./index";

/** Audit logs the namespace exports to CloudWatch Logs (Redshift docs, "Audit logging for Amazon Redshift Serverless"). */
export const REDSHIFT_LOG_EXPORTS = ["userlog", "connectionlog", "useractivitylog"] as const;

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

/**
 * How long `pulumi up` and `pulumi destroy` wait for the workgroup, per wait. The provider
 * (terraform-provider-aws `internal/service/redshiftserverless/workgroup.go`, 20 minutes each by
 * default) waits once on create. On update it makes one UpdateWorkgroup call per changed group of
 * fields (base and max capacity, one call each; config parameters; enhanced VPC routing; port;
 * public access; security groups; subnets; track) and waits up to the update timeout after each;
 * before each call it retries for a fixed 20 minutes while AWS answers ConflictException
 * ("operation running") or, for capacity, until the first recovery point exists. On delete it
 * retries ConflictException for a fixed 10 minutes, then waits up to the delete timeout. The sums
 * must end before the deploy job's hour does: a provider timeout fails the `pulumi up` at the
 * workgroup and the next one starts from what AWS has, where a job cut leaves pending operations
 * (`test/components/slow-operations.spec.ts` holds each sum to the job).
 *
 * create: creation past 10 minutes was reported "nearly 100% of the time" (CREATING, then
 * MODIFYING: hashicorp/terraform-provider-aws#31048, #31054, #26522) and the provider's own
 * create-and-delete test took 815 s (#28114); 40 minutes leaves 20 for what precedes it in a first
 * `pulumi up`. update: a change of every field the workgroup sets is seven calls (public access
 * stays false: the mandatory `redshift-serverless-workgroup-not-public` refuses the `up`
 * otherwise); the provider's acceptance tests create, update and delete a workgroup in about five
 * minutes (#35720), so 7 minutes a call, 49 in all. The conflict retries are not in the sum: they
 * run only while another operation holds the workgroup (right after its creation, or a second
 * `up`), and no per-wait timeout could fit seven of them in the hour. delete: 10 + 40 minutes.
 */
export const WORKGROUP_TIMEOUTS: Readonly<pulumi.CustomTimeouts> = {
  create: "40m",
  update: "7m",
  delete: "40m",
};

/** What the Analytics builders share. */
export type Build = SettingsBuilder<
  AnalyticsArgs,
  Settings,
  {
    /** `/aws/redshift/<namespace>`: where Redshift exports the audit logs. */
    readonly logGroupPrefix: string;
  }
>;

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

/** The namespace's key (and its audit logs'). */
export function analyticsKey(b: Build) {
  const { name, region, accountId, accountRoot } = b;
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
  const key = componentKey(
    b,
    name,
    `Encrypts the ${name} Redshift Serverless namespace and its audit logs`,
    [
      ...serviceKeyGrants({
        sids: { use: "RedshiftServerlessUse", grants: "RedshiftServerlessGrants" },
        accountRoot,
        accountId,
        services: redshiftServices,
        actions: [...SERVICE_KEY_ACTIONS],
      }),
      exportedLogsKeyGrant(b),
    ],
  );
  return key;
}

/** The audit log groups, created before the namespace exports to them. */
export function auditLogGroups(b: Build, key: EncryptionKey) {
  // Redshift docs ("Audit logging for Amazon Redshift Serverless"): logs go to
  // /aws/redshift/<namespace>/<log_type>; "If a log group with the specified name exists,
  // Redshift exports log data using the existing log group", so they are created here with the
  // key and a retention, instead of AWS creating them unencrypted and kept forever.
  return exportedLogGroups(b, key, REDSHIFT_LOG_EXPORTS, (type) => type);
}

/** The read-only COPY role `${name}-copy-role` and its policy. */
export function buildCopyRole(b: Build) {
  const { name, args, s, tags, parent, region, accountId, partition } = b;
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
  return { copyRole, copyPolicy };
}

/** The workgroup's security group: 5439 in from the named clients only, HTTPS to S3 for COPY. */
export function workgroupSecurityGroup(b: Build) {
  const { name, args, s, tags, parent } = b;
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
  return sg;
}

/** The namespace (data, admin user, COPY role, audit log exports). */
export function buildNamespace(
  b: Build,
  on: { key: EncryptionKey; logGroups: aws.cloudwatch.LogGroup[]; copyRole: aws.iam.Role },
) {
  const { name, args, s, tags, dataOpts } = b;
  const { key, logGroups, copyRole } = on;
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
  return namespace;
}

/** The workgroup: private, enhanced VPC routing, TLS required, user activity logged. */
export function buildWorkgroup(
  b: Build,
  on: {
    namespace: aws.redshiftserverless.Namespace;
    sg: aws.ec2.SecurityGroup;
    copyPolicy: aws.iam.RolePolicy;
  },
) {
  const { name, args, s, tags } = b;
  const { namespace, sg, copyPolicy } = on;
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
      configParameters: Object.entries(WORKGROUP_CONFIG).map(([parameterKey, parameterValue]) => ({
        parameterKey,
        parameterValue,
      })),
      tags: tags("workgroup"),
    },
    { parent: b.self, dependsOn: [copyPolicy], customTimeouts: WORKGROUP_TIMEOUTS },
  );
  return workgroup;
}

/** The usage limit: a runaway query or stolen credential cannot run up the bill. */
export function usageLimit(b: Build, workgroup: aws.redshiftserverless.Workgroup) {
  const { name, args, parent } = b;
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
}
