// Redshift Serverless workgroups and namespaces (their encryption with a customer-managed key is
// the KMS policies' rule): private, TLS-only, placed in named subnets and groups, usage-limited,
// with non-default names, AWS-managed admin passwords and audit log exports; and the AWS-managed
// master password of provisioned clusters (whose public access is ../exposure/endpoints.ts').
import { reportIf, requireTrue, resourcePolicy, stackPolicy } from "../../lib/define";
import { asList, present, flagOn } from "../../lib/values";
import { SUPPLIED_PASSWORD_ADVISORY, suppliedPasswords } from "../../lib/secrets";
import {
  REDSHIFT_CLUSTER,
  REDSHIFTSERVERLESS_NAMESPACE,
  REDSHIFTSERVERLESS_USAGE_LIMIT,
  REDSHIFTSERVERLESS_WORKGROUP,
} from "../../lib/types";
import {
  NATIVE_REDSHIFTSERVERLESS_NAMESPACE,
  NATIVE_REDSHIFTSERVERLESS_WORKGROUP,
  NATIVE_REDSHIFT_CLUSTER,
} from "../../lib/native/types";
import { awsDocs, fsbp } from "../../lib/controls";
import { stringListSchema } from "../../lib/config-schema";

export const redshiftWorkgroupNotPublic = resourcePolicy({
  name: "redshift-serverless-workgroup-not-public",
  description:
    "Redshift Serverless workgroups must not be publicly accessible. Mandatory: public access gives the warehouse an " +
    "Elastic IP reachable from the internet, guarded only by its security group and a password.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `publiclyAccessible: false` (the default) and reach the workgroup through a private tunnel or VPC endpoint.",
  references: [fsbp("RedshiftServerless.3")],
  types: [REDSHIFTSERVERLESS_WORKGROUP, NATIVE_REDSHIFTSERVERLESS_WORKGROUP],
  check: reportIf("publiclyAccessible", true),
});

export const redshiftWorkgroupEnhancedVpcRouting = resourcePolicy({
  name: "redshift-serverless-workgroup-enhanced-vpc-routing",
  description:
    "Redshift Serverless workgroups should use enhanced VPC routing, so COPY/UNLOAD traffic to S3 goes through the VPC " +
    "(endpoints, endpoint policies, flow logs) instead of the internet. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `enhancedVpcRouting: true` and give the data subnets an S3 gateway endpoint.",
  references: [fsbp("RedshiftServerless.1")],
  types: [REDSHIFTSERVERLESS_WORKGROUP, NATIVE_REDSHIFTSERVERLESS_WORKGROUP],
  check: requireTrue("enhancedVpcRouting"),
});

export const redshiftWorkgroupRequireSsl = resourcePolicy({
  name: "redshift-serverless-workgroup-require-ssl",
  description:
    "Redshift Serverless workgroups should require TLS from clients (config parameter `require_ssl` = true; the default " +
    "accepts unencrypted connections). Advisory: the workgroup is private, so exposure is limited to the VPC.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    'Add `configParameters: [{ parameterKey: "require_ssl", parameterValue: "true" }]`. The key is the API\'s snake_case ' +
    "name (the provider's documentation renders it as requireSsl, which the API does not accept).",
  references: [fsbp("RedshiftServerless.2")],
  types: [REDSHIFTSERVERLESS_WORKGROUP, NATIVE_REDSHIFTSERVERLESS_WORKGROUP],
  check: (props, ctx) => {
    // Redshift Serverless API (ConfigParameter): keys are auto_mv, datestyle, enable_user_activity_logging,
    // query_group, search_path, require_ssl, use_fips_ssl, ...
    const params = asList(props.configParameters);
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

export const redshiftWorkgroupNetwork = resourcePolicy({
  name: "redshift-serverless-workgroup-network",
  description:
    "Redshift Serverless workgroups should name their subnets and security groups. Without them AWS places the workgroup " +
    "in the default VPC's subnets with the default security group. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `subnetIds` to the private data subnets (spread over the Availability Zones the service requires) and " +
    "`securityGroupIds` to a group allowing 5439 only from the clients that need it.",
  references: [awsDocs("Redshift Serverless workgroup subnets and security groups")],
  types: [REDSHIFTSERVERLESS_WORKGROUP, NATIVE_REDSHIFTSERVERLESS_WORKGROUP],
  check: (props, ctx) => {
    if (!present(props, "subnetIds"))
      ctx.report("subnetIds is not set (default VPC subnets are used).");
    if (!present(props, "securityGroupIds"))
      ctx.report("securityGroupIds is not set (the default security group is used).");
  },
});

export const redshiftWorkgroupUsageLimit = stackPolicy({
  name: "redshift-serverless-workgroup-usage-limit",
  description:
    "Every Redshift Serverless workgroup should have a usage limit (aws.redshiftserverless.UsageLimit whose resourceArn " +
    "is the workgroup), so a runaway query or a stolen credential cannot run up unbounded RPU hours. Advisory: cost control.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Add an `aws.redshiftserverless.UsageLimit` with `resourceArn: <workgroup>.arn`, `usageType: "serverless-compute"`, ' +
    'an amount in RPU-hours per period and `breachAction: "deactivate"` (or "emit-metric" with an alarm).',
  references: [awsDocs("Redshift Serverless usage limits")],
  noNativeTwin:
    "CloudFormation has no type for a Redshift Serverless usage limit; an aws-native Workgroup limited by a classic aws.redshiftserverless.UsageLimit is not matched yet, so native workgroups are not judged.",
  types: [REDSHIFTSERVERLESS_WORKGROUP, REDSHIFTSERVERLESS_USAGE_LIMIT],
  appliesTo: REDSHIFTSERVERLESS_WORKGROUP,
  check: (ctx) => {
    for (const wg of ctx.index.ofType(REDSHIFTSERVERLESS_WORKGROUP)) {
      if (ctx.index.referrers(wg, "resourceArn", REDSHIFTSERVERLESS_USAGE_LIMIT).length === 0) {
        ctx.report(wg, "The workgroup has no usage limit.");
      }
    }
  },
});

/** Admin names that are public knowledge: the Serverless default and the provisioned-cluster default. */
const DEFAULT_ADMIN_NAMES = new Set(["admin", "awsuser"]);

export const redshiftNamespaceAdminUsername = resourcePolicy({
  name: "redshift-serverless-namespace-admin-username",
  description:
    "Redshift Serverless namespaces with an admin user should not use a default name ('admin', or the cluster default " +
    "'awsuser'): a known name halves what a password-guessing attack must find. Advisory.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Set `adminUsername` to a project-specific name.",
  references: [fsbp("RedshiftServerless.5")],
  types: [REDSHIFTSERVERLESS_NAMESPACE, NATIVE_REDSHIFTSERVERLESS_NAMESPACE],
  check: (props, ctx) => {
    const hasAdmin =
      flagOn(props.manageAdminPassword) ||
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

export const redshiftNamespaceManagedPassword = resourcePolicy({
  name: "redshift-serverless-namespace-managed-admin-password",
  description:
    "Redshift Serverless admin passwords must be managed by AWS (manageAdminPassword, kept in Secrets Manager and " +
    "rotatable), never supplied by the program. Mandatory: a supplied password lives in stack config and, for " +
    "adminUserPassword, in Pulumi state.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Remove `adminUserPassword`/`adminUserPasswordWo` and set `manageAdminPassword: true`.",
  references: [awsDocs("Redshift Serverless managed admin credentials in Secrets Manager")],
  types: [REDSHIFTSERVERLESS_NAMESPACE, NATIVE_REDSHIFTSERVERLESS_NAMESPACE],
  check: (props, ctx) => {
    // Presence is enough: the value itself is a secret the report must not echo.
    if (present(props, "adminUserPassword")) ctx.report("adminUserPassword is set by the program.");
    if (present(props, "adminUserPasswordWo"))
      ctx.report("adminUserPasswordWo is set by the program.");
  },
});

export const redshiftClusterManagedPassword = resourcePolicy({
  name: "redshift-cluster-managed-master-password",
  description:
    "Provisioned Redshift master passwords should be managed by AWS (manageMasterPassword: kept in Secrets Manager and " +
    "rotated) rather than supplied by the program. " +
    SUPPLIED_PASSWORD_ADVISORY,
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Remove `masterPassword`/`masterPasswordWo` and set `manageMasterPassword: true` (optionally " +
    "`masterPasswordSecretKmsKeyId` to the stack's key).",
  references: [awsDocs("Managing Amazon Redshift admin passwords using AWS Secrets Manager")],
  types: [REDSHIFT_CLUSTER, NATIVE_REDSHIFT_CLUSTER],
  check: (props, ctx) => {
    for (const key of suppliedPasswords(props, ["masterPassword", "masterPasswordWo"])) {
      ctx.report(`${key} is set by the program.`);
    }
  },
});

export const redshiftNamespaceAuditLogs = resourcePolicy<{ requiredLogExports: string[] }>({
  name: "redshift-serverless-namespace-audit-logs",
  description:
    "Redshift Serverless namespaces should export their audit logs to CloudWatch Logs: connection log (who connected " +
    "from where), user log (changes to users) and user activity log (every query). Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps: 'Set `logExports: ["connectionlog", "userlog", "useractivitylog"]`.',
  references: [fsbp("RedshiftServerless.6")],
  config: {
    requiredLogExports: stringListSchema("Log types every namespace must export.", [
      "connectionlog",
      "userlog",
      "useractivitylog",
    ]),
  },
  types: [REDSHIFTSERVERLESS_NAMESPACE, NATIVE_REDSHIFTSERVERLESS_NAMESPACE],
  check: (props, ctx) => {
    const exported = new Set(asList<string>(props.logExports));
    const missing = ctx.config.requiredLogExports.filter((l) => !exported.has(l));
    if (missing.length) ctx.report(`Log exports missing: ${missing.join(", ")}.`);
  },
});

export const redshiftNamespaceDbName = resourcePolicy({
  name: "redshift-serverless-namespace-db-name",
  description:
    "Redshift Serverless namespaces should not keep the default first database name 'dev' (the default when dbName is " +
    "omitted). Advisory: mirrors the provisioned-cluster rule; a known name is one less thing to guess.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Set `dbName` to a project-specific name.",
  // Checkov CKV_AWS_320 is the provisioned-cluster rule; it has no Redshift Serverless check.
  references: [awsDocs("Redshift Serverless: namespaces (dbName defaults to dev)")],
  types: [REDSHIFTSERVERLESS_NAMESPACE, NATIVE_REDSHIFTSERVERLESS_NAMESPACE],
  check: (props, ctx) => {
    const name = props.dbName;
    if (name === undefined || name === "" || String(name).toLowerCase() === "dev") {
      ctx.report(`dbName is '${name || "dev (default)"}'.`);
    }
  },
});
