// Provisioned Redshift clusters: audit logging (aws.redshift.Logging; @pulumi/aws 7 has no
// `logging` block on the cluster), user-activity logging and TLS, both set by parameters of the
// cluster's parameter group (aws.redshift.ParameterGroup), automated snapshots and major version
// upgrades.
import { reportIf, resourcePolicy, stackPolicy } from "../../lib/define";
import { byKnownName, eachWithReferrers, namedTarget } from "../../lib/references";
import { REDSHIFT_CLUSTER, REDSHIFT_LOGGING, REDSHIFT_PARAMETER_GROUP } from "../../lib/types";
import {
  NATIVE_REDSHIFT_CLUSTER,
  NATIVE_REDSHIFT_CLUSTER_PARAMETER_GROUP,
} from "../../lib/native/types";
import { nativeTypeOf } from "../../lib/native/view";
import { asList, holdsValue, parameterGroupValue } from "../../lib/values";
import { awsDocs, cdkNag, checkov, fsbp } from "../../lib/controls";

export const redshiftClusterAuditLogging = stackPolicy({
  name: "redshift-cluster-audit-logging",
  description:
    "Provisioned Redshift clusters turn on audit logging (an aws.redshift.Logging for the " +
    'cluster: to an S3 bucket, or to CloudWatch Logs with logExports such as "connectionlog" ' +
    'and "userlog"). Audit logging is off until it is turned on. Advisory.',
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Add `new aws.redshift.Logging(name, { clusterIdentifier: cluster.id, logDestinationType: " +
    '"cloudwatch", logExports: ["connectionlog", "userlog", "useractivitylog"] })`.',
  references: [
    cdkNag("AwsSolutions-RS5"),
    checkov("CKV_AWS_71"),
    fsbp("Redshift.4"),
    // "Audit logging is not turned on by default in Amazon Redshift."
    awsDocs("redshift/latest/mgmt/db-auditing"),
  ],
  // An aws-native Cluster turns audit logging on inline: loggingProperties { BucketName,
  // LogDestinationType (s3 or cloudwatch), LogExports, S3KeyPrefix } (AWS::Redshift::Cluster
  // LoggingProperties, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-redshift-cluster-loggingproperties.html),
  // judged as an aws.redshift.Logging would be; a classic Logging naming it counts too.
  types: [REDSHIFT_CLUSTER, REDSHIFT_LOGGING, NATIVE_REDSHIFT_CLUSTER],
  appliesTo: [REDSHIFT_CLUSTER, NATIVE_REDSHIFT_CLUSTER],
  check: (ctx) => {
    const link = { type: REDSHIFT_LOGGING, prop: "clusterIdentifier", keys: ["clusterIdentifier"] };
    eachWithReferrers(ctx, REDSHIFT_CLUSTER, link, (cluster, logging) => {
      const native = nativeTypeOf(cluster) !== undefined;
      const settings = logging.map((l) => ({ what: `logging "${l.name}"`, props: l.props }));
      const inline: unknown = native ? cluster.props.loggingProperties : undefined;
      if (inline !== undefined && inline !== null) {
        settings.push({ what: "loggingProperties", props: inline as Record<string, unknown> });
      }
      if (settings.length === 0) {
        ctx.report(
          cluster,
          native
            ? "no loggingProperties (and no aws.redshift.Logging) turn audit logging on for the cluster."
            : "no aws.redshift.Logging turns audit logging on for the cluster.",
        );
        return;
      }
      for (const { what, props } of settings) {
        const type = String(props.logDestinationType ?? "s3").toLowerCase();
        if (type === "cloudwatch" && asList(props.logExports).length === 0) {
          ctx.report(cluster, `${what} sends to CloudWatch Logs but exports no log.`);
        } else if (type === "s3" && !holdsValue(() => props.bucketName)) {
          ctx.report(cluster, `${what} sends to S3 but names no bucketName.`);
        }
      }
    });
  },
});

export const redshiftClusterUserActivityLogging = stackPolicy({
  name: "redshift-cluster-user-activity-logging",
  description:
    "Provisioned Redshift clusters log user activity (each query before it runs): the cluster's " +
    'parameter group sets enable_user_activity_logging to "true". The default is false, and a ' +
    "cluster without a parameter group of the stack gets the default group. The log reaches " +
    "S3 or CloudWatch Logs only with audit logging on (redshift-cluster-audit-logging). " +
    "Advisory.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Create an `aws.redshift.ParameterGroup` with `parameters: [{ name: " +
    '"enable_user_activity_logging", value: "true" }, { name: "require_ssl", value: "true" }]` ' +
    "and set the cluster's `clusterParameterGroupName` to its name.",
  references: [
    cdkNag("AwsSolutions-RS11"),
    // "enable_user_activity_logging ... default false": the parameter table, and "To log user
    // activity, you must also enable the enable_user_activity_logging database parameter".
    awsDocs("redshift/latest/mgmt/db-auditing"),
    awsDocs("redshift/latest/mgmt/working-with-parameter-groups"),
  ],
  // An aws-native Cluster names its group in clusterParameterGroupName too, and an aws-native
  // ClusterParameterGroup (parameterGroupName, parameters [{ parameterName, parameterValue }])
  // reads as the classic group (../../lib/native/twins-settings.ts).
  types: [
    REDSHIFT_CLUSTER,
    REDSHIFT_PARAMETER_GROUP,
    NATIVE_REDSHIFT_CLUSTER,
    NATIVE_REDSHIFT_CLUSTER_PARAMETER_GROUP,
  ],
  appliesTo: [REDSHIFT_CLUSTER, NATIVE_REDSHIFT_CLUSTER],
  check: (ctx) => {
    const byName = byKnownName(ctx.index.ofType(REDSHIFT_PARAMETER_GROUP));
    for (const cluster of ctx.index.ofType(REDSHIFT_CLUSTER)) {
      ctx.each(cluster, () => {
        const { target: group, name } = namedTarget(
          ctx.index,
          cluster,
          "clusterParameterGroupName",
          REDSHIFT_PARAMETER_GROUP,
          byName,
        );
        if (group === undefined) {
          ctx.report(
            cluster,
            name
              ? `parameter group "${String(name)}" is not in this stack: ` +
                  "enable_user_activity_logging cannot be read."
              : "no clusterParameterGroupName: the default parameter group does not log user " +
                  "activity.",
          );
          return;
        }
        const value = parameterGroupValue(group.props, "enable_user_activity_logging");
        if (value !== "true") {
          ctx.report(
            cluster,
            `parameter group "${group.name}" ` +
              (value === undefined
                ? "does not set enable_user_activity_logging (default false)."
                : `sets enable_user_activity_logging to "${value}".`),
          );
        }
      });
    }
  },
});

export const redshiftParameterGroupRequireSsl = resourcePolicy({
  name: "redshift-parameter-group-require-ssl",
  description:
    "Redshift cluster parameter groups do not turn require_ssl off: clients could then connect " +
    'without TLS. Only an explicit "false" is reported: the default of a parameter group that ' +
    "leaves require_ssl out (and of the default group AWS gives a cluster without one) is not " +
    "judged here, since AWS has changed it for new clusters. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `parameters: [{ name: "require_ssl", value: "true" }]` on the parameter group.',
  references: [
    cdkNag("AwsSolutions-RS1"),
    checkov("CKV_AWS_105"),
    fsbp("Redshift.2"),
    awsDocs("redshift/latest/mgmt/connecting-ssl-support"),
  ],
  types: [REDSHIFT_PARAMETER_GROUP, NATIVE_REDSHIFT_CLUSTER_PARAMETER_GROUP],
  check: (props, ctx) => {
    const value = parameterGroupValue(props, "require_ssl");
    if (value !== undefined && value !== "true") {
      ctx.report(`require_ssl is "${value}": clients may connect without TLS.`);
    }
  },
});

export const redshiftClusterAutomatedSnapshots = resourcePolicy({
  name: "redshift-cluster-automated-snapshots",
  description:
    "Provisioned Redshift clusters keep automated snapshots (automatedSnapshotRetentionPeriod " +
    "of at least one day; 0 turns them off, and the provider's default is 1), so the warehouse " +
    "can be restored to a recent point. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Leave `automatedSnapshotRetentionPeriod` unset (1 day) or set it to the days of snapshots " +
    "to keep (up to 35).",
  references: [
    cdkNag("AwsSolutions-RS10"),
    fsbp("Redshift.3"),
    awsDocs("redshift/latest/mgmt/working-with-snapshots (automated snapshots)"),
  ],
  types: [REDSHIFT_CLUSTER, NATIVE_REDSHIFT_CLUSTER],
  check: (props, ctx) => {
    const days = props.automatedSnapshotRetentionPeriod;
    if (typeof days === "number" && days < 1) {
      ctx.report(`automatedSnapshotRetentionPeriod is ${days}: automated snapshots are off.`);
    }
  },
});

export const redshiftClusterVersionUpgrade = resourcePolicy({
  name: "redshift-cluster-version-upgrade",
  description:
    "Provisioned Redshift clusters accept major version upgrades in their maintenance window " +
    "(allowVersionUpgrade; the provider's default is true), so they keep receiving engine fixes. " +
    "Only an explicit false is reported. Advisory.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Remove `allowVersionUpgrade: false` (or set it to true).",
  references: [
    cdkNag("AwsSolutions-RS9"),
    fsbp("Redshift.6"),
    awsDocs("redshift/latest/mgmt/working-with-clusters (maintenance windows)"),
  ],
  types: [REDSHIFT_CLUSTER, NATIVE_REDSHIFT_CLUSTER],
  check: reportIf("allowVersionUpgrade", false, "major version upgrades are not applied"),
});
