// Data services that publish their own logs to CloudWatch Logs (or another sink): RDS and Aurora
// log exports, DocumentDB audit/profiler exports, Neptune audit exports and MSK broker logs.
// (OpenSearch audit logs: ../databases/search.ts; CloudTrail: ../audit.)
import { resourcePolicy } from "../../lib/define";
import {
  DOCDB_CLUSTER,
  MSK_CLUSTER,
  NEPTUNE_CLUSTER,
  RDS_CLUSTER,
  RDS_INSTANCE,
} from "../../lib/types";
import {
  NATIVE_DOCDB_DB_CLUSTER,
  NATIVE_DOCDB_DB_CLUSTER_V0,
  NATIVE_MSK_CLUSTER,
  NATIVE_NEPTUNE_DB_CLUSTER,
  NATIVE_NEPTUNE_DB_CLUSTER_V0,
  NATIVE_RDS_DB_CLUSTER,
  NATIVE_RDS_DB_CLUSTER_V0,
  NATIVE_RDS_DB_INSTANCE,
  NATIVE_RDS_DB_INSTANCE_V0,
} from "../../lib/native/types";
import { asList, flagOn } from "../../lib/values";
import { auroraMember } from "../../lib/databases/aurora";
import { awsDocs, checkov, fsbp, trivy } from "../../lib/controls";

/** The log types a resource exports, lower-cased. */
const exported = (value: unknown): string[] => asList(value).map((t) => String(t).toLowerCase());

export const rdsLogExports = resourcePolicy({
  name: "rds-log-exports",
  description:
    "RDS instances and Aurora clusters export their database logs (enabledCloudwatchLogsExports: " +
    "audit, error, general, slow query, postgresql...) to CloudWatch Logs. Advisory: without " +
    "them, failed logins and suspicious queries leave no trace outside the instance.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `enabledCloudwatchLogsExports` to the engine\'s log types, e.g. ["postgresql"] for ' +
    'PostgreSQL and Aurora PostgreSQL, ["audit", "error", "general", "slowquery"] for MySQL and ' +
    "Aurora MySQL (audit needs the server_audit_logging parameter).",
  references: [
    checkov("CKV_AWS_129"),
    checkov("CKV_AWS_324"),
    fsbp("RDS.9"),
    awsDocs("AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch"),
  ],
  types: [
    RDS_INSTANCE,
    RDS_CLUSTER,
    NATIVE_RDS_DB_INSTANCE,
    NATIVE_RDS_DB_INSTANCE_V0,
    NATIVE_RDS_DB_CLUSTER,
    NATIVE_RDS_DB_CLUSTER_V0,
  ],
  check: (props, ctx, args) => {
    // An aws-native DBInstance that joins an Aurora cluster (dbClusterIdentifier) exports nothing of
    // its own: the cluster's exports are judged (CloudFormation AWS::RDS::DBInstance
    // EnableCloudwatchLogsExports, "Amazon Aurora: Not applicable. CloudWatch Logs exports are
    // managed by the DB cluster"). A classic aws.rds.Instance has no such input, and cannot be an
    // Aurora member (RDS refuses a standalone Aurora instance, "Standalone DB Instances are not
    // supported for the specified engine"; members are aws.rds.ClusterInstance, which this rule
    // does not list: https://github.com/aws/aws-cdk/pull/5367).
    if (auroraMember(args.type, props)) return;
    if (exported(props.enabledCloudwatchLogsExports).length === 0) {
      ctx.report("enabledCloudwatchLogsExports is empty: no database log reaches CloudWatch Logs.");
    }
  },
});

export const docdbLogExports = resourcePolicy({
  name: "docdb-cluster-log-exports",
  description:
    "DocumentDB clusters export audit or profiler logs (enabledCloudwatchLogsExports) to " +
    "CloudWatch Logs. Advisory: DocumentDB keeps no audit trail of its own.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `enabledCloudwatchLogsExports: ["audit", "profiler"]` and turn on the audit_logs ' +
    "parameter in the cluster parameter group.",
  references: [
    checkov("CKV_AWS_85"),
    trivy("AWS-0020"),
    fsbp("DocumentDB.4"),
    awsDocs("documentdb/latest/developerguide/event-auditing"),
  ],
  types: [DOCDB_CLUSTER, NATIVE_DOCDB_DB_CLUSTER, NATIVE_DOCDB_DB_CLUSTER_V0],
  check: (props, ctx) => {
    const logs = exported(props.enabledCloudwatchLogsExports);
    if (!logs.includes("audit") && !logs.includes("profiler")) {
      ctx.report("enabledCloudwatchLogsExports has neither audit nor profiler.");
    }
  },
});

export const neptuneAuditLogs = resourcePolicy({
  name: "neptune-cluster-audit-logs",
  description:
    "Neptune clusters export audit logs (enableCloudwatchLogsExports includes audit) to " +
    "CloudWatch Logs. Advisory: Neptune keeps no audit trail of its own.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `enableCloudwatchLogsExports: ["audit"]` and the neptune_enable_audit_log parameter to 1 ' +
    "in the cluster parameter group.",
  references: [
    checkov("CKV_AWS_101"),
    trivy("AWS-0075"),
    fsbp("Neptune.2"),
    awsDocs("neptune/latest/userguide/auditing"),
  ],
  types: [NEPTUNE_CLUSTER, NATIVE_NEPTUNE_DB_CLUSTER, NATIVE_NEPTUNE_DB_CLUSTER_V0],
  check: (props, ctx) => {
    if (!exported(props.enableCloudwatchLogsExports).includes("audit")) {
      ctx.report("enableCloudwatchLogsExports does not include audit.");
    }
  },
});

export const mskBrokerLogs = resourcePolicy({
  name: "msk-cluster-broker-logs",
  description:
    "MSK clusters ship broker logs to CloudWatch Logs, Kinesis Data Firehose or S3 " +
    "(loggingInfo.brokerLogs, one destination enabled). Advisory: without them, broker errors " +
    "and authentication failures are lost.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `loggingInfo: { brokerLogs: { cloudwatchLogs: { enabled: true, logGroup: group.name } } }` " +
    "(or firehose / s3).",
  references: [
    checkov("CKV_AWS_80"),
    trivy("AWS-0074"),
    awsDocs("msk/latest/developerguide/msk-logging"),
  ],
  types: [MSK_CLUSTER, NATIVE_MSK_CLUSTER],
  check: (props, ctx) => {
    const broker = props.loggingInfo?.brokerLogs;
    const on = ["cloudwatchLogs", "firehose", "s3"].some((sink) => flagOn(broker?.[sink]?.enabled));
    if (!on) ctx.report("loggingInfo.brokerLogs enables no destination: broker logs are dropped.");
  },
});
