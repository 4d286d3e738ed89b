// RDS instances and Aurora cluster members kept running and observable: minor engine versions
// applied automatically, a standby in a second AZ, enhanced monitoring and Performance Insights,
// a certificate authority that has not expired, and Aurora MySQL backtracking.
// All advisory: they buy availability and diagnosis, not confidentiality, and each costs money.
import { reportIf, resourcePolicy } from "../../lib/define";
import { present, flagOn, flagValue } from "../../lib/values";
import { auroraMember } from "../../lib/databases/aurora";
import { RDS_CLUSTER, RDS_CLUSTER_INSTANCE, RDS_INSTANCE } from "../../lib/types";
import {
  NATIVE_RDS_DB_CLUSTER,
  NATIVE_RDS_DB_CLUSTER_V0,
  NATIVE_RDS_DB_INSTANCE,
  NATIVE_RDS_DB_INSTANCE_V0,
} from "../../lib/native/types";

// aws-native DbInstance (an Aurora member too, with dbClusterIdentifier) and DbCluster read as the
// classic Instance and Cluster (../../lib/native/twins-databases.ts: dbInstanceClass,
// caCertificateIdentifier).
const NATIVE_INSTANCES = [NATIVE_RDS_DB_INSTANCE, NATIVE_RDS_DB_INSTANCE_V0];
import { awsDocs, cdkNag, checkov, fsbp, kics } from "../../lib/controls";
import { stringListSchema } from "../../lib/config-schema";

export const rdsAutoMinorVersionUpgrade = resourcePolicy({
  name: "rds-auto-minor-version-upgrade",
  description:
    "RDS instances and Aurora cluster members should take minor engine versions automatically in the maintenance " +
    "window, so security patches land without a change to the program. Advisory. Left out, the provider and AWS " +
    "default to true, so only an explicit false is reported.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Leave `autoMinorVersionUpgrade` out or set it to `true`; pin a major version with `engineVersion` and " +
    '`ignoreChanges: ["engineVersion"]` if the program must not fight the upgrades.',
  references: [
    checkov("CKV_AWS_226"),
    fsbp("RDS.13"),
    awsDocs("Automatically upgrading the minor engine version (default: enabled)"),
  ],
  types: [RDS_INSTANCE, RDS_CLUSTER_INSTANCE, ...NATIVE_INSTANCES],
  check: reportIf("autoMinorVersionUpgrade", false),
});

export const rdsMultiAz = resourcePolicy({
  name: "rds-instance-multi-az",
  description:
    "RDS instances (not Aurora, whose storage spans three AZs and whose readers are the failover targets) should run " +
    "Multi-AZ, with a synchronous standby that takes over when an AZ or the primary fails. Advisory: a staging " +
    "database may waive it for cost. Read replicas follow their source.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Set `multiAz: true` (the default is false).",
  references: [checkov("CKV_AWS_157"), fsbp("RDS.5"), awsDocs("Multi-AZ DB instance deployments")],
  types: [RDS_INSTANCE, ...NATIVE_INSTANCES],
  check: (props, ctx, args) => {
    if (present(props, "replicateSourceDb")) return;
    // An aws-native DBInstance in an Aurora cluster (no classic Instance has dbClusterIdentifier).
    if (auroraMember(args.type, props)) return;
    if (!flagOn(props.multiAz))
      ctx.report(
        flagValue(props.multiAz) === false
          ? "multiAz is false: one AZ, no standby."
          : "multiAz is not set (default false): one AZ, no standby.",
      );
  },
});

const MONITORING_INTERVALS = [1, 5, 10, 15, 30, 60];

export const rdsEnhancedMonitoring = resourcePolicy({
  name: "rds-enhanced-monitoring",
  description:
    "RDS instances and Aurora cluster members should send enhanced monitoring (OS metrics every 1 to 60 seconds) to " +
    "CloudWatch Logs. Advisory. The default interval, 0, turns it off.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set `monitoringInterval` to 1, 5, 10, 15, 30 or 60 and `monitoringRoleArn` to a role that trusts " +
    "`monitoring.rds.amazonaws.com` with the AmazonRDSEnhancedMonitoringRole managed policy.",
  references: [checkov("CKV_AWS_118"), fsbp("RDS.6"), awsDocs("Setting up enhanced monitoring")],
  types: [RDS_INSTANCE, RDS_CLUSTER_INSTANCE, ...NATIVE_INSTANCES],
  check: (props, ctx) => {
    const interval = props.monitoringInterval;
    if (interval === undefined || interval === null)
      ctx.report("monitoringInterval is not set (default 0): enhanced monitoring is off.");
    else if (!MONITORING_INTERVALS.includes(interval))
      ctx.report(`monitoringInterval is ${String(interval)}: enhanced monitoring is off.`);
  },
});

// Performance Insights is not offered for MariaDB and RDS for MySQL on these classes (RDS docs,
// "Amazon RDS DB engine, Region, and instance class support for Performance Insights").
const NO_PI_ENGINES = /^(mariadb|mysql)$/;
const NO_PI_CLASSES = new Set([
  "db.t2.micro",
  "db.t2.small",
  "db.t3.micro",
  "db.t3.small",
  "db.t4g.micro",
  "db.t4g.small",
]);

export const rdsPerformanceInsights = resourcePolicy({
  name: "rds-performance-insights",
  description:
    "RDS instances and Aurora cluster members should enable Performance Insights (database load by wait, SQL and " +
    "host, seven days free). Advisory. Not judged where AWS does not offer it: MariaDB and MySQL on micro and small " +
    "burstable classes.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set `performanceInsightsEnabled: true` and `performanceInsightsKmsKeyId` to the stack's key (the customer-key " +
    "rule asks for it once Performance Insights is on).",
  references: [
    checkov("CKV_AWS_353"),
    awsDocs("Amazon RDS DB engine, Region, and instance class support for Performance Insights"),
  ],
  types: [RDS_INSTANCE, RDS_CLUSTER_INSTANCE, ...NATIVE_INSTANCES],
  check: (props, ctx) => {
    const engine = String(props.engine ?? "");
    if (NO_PI_ENGINES.test(engine) && NO_PI_CLASSES.has(String(props.instanceClass ?? ""))) return;
    if (!flagOn(props.performanceInsightsEnabled))
      ctx.report("performanceInsightsEnabled is not true.");
  },
});

interface CaConfig {
  readonly currentCertificateAuthorities: string[];
}

export const rdsInstanceCaCertificate = resourcePolicy<CaConfig>({
  name: "rds-instance-ca-certificate",
  description:
    "RDS instances that name a certificate authority (caCertIdentifier) name a current one: " +
    "rds-ca-rsa2048-g1, rds-ca-rsa4096-g1 or rds-ca-ecc384-g1 (valid until 2061 and later). " +
    "rds-ca-2019 expired in 2024 and rds-ca-2015 before it; clients that verify the server " +
    "certificate then fail to connect, or are told to stop verifying. Advisory. Left out, RDS " +
    "uses its default, rds-ca-rsa2048-g1 for new instances, so it passes.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `caCertIdentifier: "rds-ca-rsa2048-g1"` (or rds-ca-rsa4096-g1 / rds-ca-ecc384-g1) ' +
    "and give the clients the matching root from the RDS global bundle.",
  references: [
    checkov("CKV_AWS_211"),
    kics("CA Certificate Identifier Is Outdated"),
    awsDocs("AmazonRDS/latest/UserGuide/UsingWithRDS.SSL-certificate-rotation"),
  ],
  config: {
    // RDS user guide, "Certificate authorities": rds-ca-rsa2048-g1 (40 years), rds-ca-rsa4096-g1
    // and rds-ca-ecc384-g1 (100 years), released December 2022.
    currentCertificateAuthorities: stringListSchema(
      "RDS certificate authorities that have not expired.",
      ["rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"],
    ),
  },
  types: [RDS_INSTANCE, ...NATIVE_INSTANCES],
  check: (props, ctx) => {
    const ca = props.caCertIdentifier;
    if (typeof ca !== "string" || ca === "") return;
    if (!ctx.config.currentCertificateAuthorities.includes(ca)) {
      ctx.report(
        `caCertIdentifier "${ca}" is not a current certificate authority ` +
          `(${ctx.config.currentCertificateAuthorities.join(", ")}).`,
      );
    }
  },
});

/** Engines that support backtracking (Aurora User Guide, "Backtracking an Aurora DB cluster"). */
const BACKTRACK_ENGINES = new Set(["aurora", "aurora-mysql"]);

export const rdsAuroraMysqlBacktrack = resourcePolicy({
  name: "rds-aurora-mysql-backtrack",
  description:
    "Aurora MySQL clusters keep a backtrack window (backtrackWindow, in seconds), so a destructive " +
    "statement can be rewound in minutes without a restore. Advisory: backtracking can only be " +
    "turned on when the cluster is created, stores change records at a cost, and does not work " +
    "with binary log replication (a cluster that replicates from another is not judged).",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Create the cluster with `backtrackWindow: 86400` (24 hours; at most 259200).",
  references: [
    cdkNag("AwsSolutions-RDS14"),
    awsDocs("AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack"),
  ],
  types: [RDS_CLUSTER, NATIVE_RDS_DB_CLUSTER, NATIVE_RDS_DB_CLUSTER_V0],
  check: (props, ctx) => {
    if (!BACKTRACK_ENGINES.has(String(props.engine ?? "").toLowerCase())) return;
    // Knowledge Center, "aurora-mysql-cluster-backtrack": not supported with binlog replication.
    if (present(props, "replicationSourceIdentifier")) return;
    // The provider's Cluster: backtrackWindow "Defaults to 0", which disables backtracking.
    const window = props.backtrackWindow;
    if (typeof window !== "number" || window <= 0) {
      ctx.report(`backtrackWindow is ${window ?? "not set (default 0)"}: backtracking is off.`);
    }
  },
});
