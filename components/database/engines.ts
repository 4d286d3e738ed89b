// The engines the database runs: the Aurora version, parameter family, port, log exports and
// TLS parameters of each (pure data).
import type { DatabaseEngine } from "../database.keys";

/** What the component needs to know of one engine. */
export interface EngineProfile {
  readonly port: number;
  /** First version pinned at creation; minor upgrades then come from AWS (ignored afterwards). */
  readonly version: string;
  /** The versions of the same major version, which `family` fits (a stack may pick another one). */
  readonly sameMajor: RegExp;
  /** The first version that pauses at 0 ACUs (Aurora docs, "Aurora Serverless v2 capacity"). */
  readonly pausesFrom: string;
  /**
   * The first version with the RDS Data API, which the cluster is created with (Aurora user guide,
   * "Supported Regions and Aurora DB engines for RDS Data API": Aurora PostgreSQL 16 "Version 16.1
   * and higher", Aurora MySQL "Version 3.07 and higher").
   */
  readonly dataApiFrom: string;
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
    sameMajor: /^16\.\d+$/,
    pausesFrom: "16.3",
    dataApiFrom: "16.1",
    family: "aurora-postgresql16",
    logExports: ["postgresql"],
    parameters: [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }],
  },
  "aurora-mysql": {
    port: 3306,
    version: "8.0.mysql_aurora.3.08.2",
    sameMajor: /^8\.0\.mysql_aurora\.3\.\d{2}\.\d+$/,
    pausesFrom: "8.0.mysql_aurora.3.08.0",
    dataApiFrom: "8.0.mysql_aurora.3.07.0",
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

/** Whether Aurora version `version` is `least` or later (numbers compared in order: 16.10 > 16.9). */
export function versionAtLeast(version: string, least: string): boolean {
  const a = (version.match(/\d+/g) ?? []).map(Number);
  const b = (least.match(/\d+/g) ?? []).map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

/** The port an engine listens on. */
export function databasePort(engine: DatabaseEngine): number {
  return ENGINE_PROFILES[engine].port;
}

/** Written reasons the staging database carries for the advisory RDS policies it does not meet. */
export const STAGING_DATABASE_WAIVERS: Readonly<Record<string, string>> = {
  "waiver:rds-deletion-protection":
    "Staging database is disposable test data: pulumi destroy must remove it. Prod sets deletion protection and a final snapshot",
};
