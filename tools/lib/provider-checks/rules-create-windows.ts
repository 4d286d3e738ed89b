// Backup and maintenance windows of RDS instances and clusters, and ElastiCache maintenance
// windows. The provider checks the format of each at `pulumi preview` (verify.ValidOnceADayWindowFormat
// and verify.ValidOnceAWeekWindowFormat in rds/instance.go and rds/cluster.go); AWS refuses the rest
// when the provider creates the resource at `pulumi up` (`by: "aws"`): an RDS window shorter than 30
// minutes, an RDS backup window that overlaps the maintenance window, an ElastiCache maintenance
// window shorter than 60 minutes. Each rule cites the AWS page that states the limit. A window of a
// format the provider refuses is the provider's refusal alone and is not judged here.
import type { CrossProblem, CrossRule, InputRule } from "./rule";
import { awsRule, inputRule } from "./rule";
import {
  DAILY_WINDOW_FIX,
  HH_MI,
  onceADayWindow,
  onceAWeekWindow,
  Validator,
  WEEKLY_WINDOW_FIX,
} from "./validators";

const DB = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const CACHE_CLUSTER = "aws:elasticache/cluster:Cluster";
const CACHE_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

const RDS_API = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference";
/**
 * API_CreateDBInstance, `PreferredBackupWindow`: "Must be in the format hh24:mi-hh24:mi. … Must
 * not conflict with the preferred maintenance window. Must be at least 30 minutes."
 * `PreferredMaintenanceWindow`: "Must be in the format ddd:hh24:mi-ddd:hh24:mi. … Must not
 * conflict with the preferred backup window. Must be at least 30 minutes."
 */
const CREATE_INSTANCE = `${RDS_API}/API_CreateDBInstance.html`;
/** API_CreateDBCluster, `PreferredBackupWindow` and `PreferredMaintenanceWindow`: the same. */
const CREATE_CLUSTER = `${RDS_API}/API_CreateDBCluster.html`;
/**
 * API_CreateCacheCluster and API_CreateReplicationGroup, `PreferredMaintenanceWindow`: "The
 * minimum maintenance window is a 60 minute period."
 */
const CREATE_CACHE_CLUSTER =
  "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheCluster.html";
const CREATE_REPLICATION_GROUP =
  "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html";

const DAY = 24 * 60;
const WEEK = 7 * DAY;
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** A window as minutes: its start, and its end after it (a window past midnight or Saturday ends later). */
export interface Window {
  readonly start: number;
  readonly end: number;
}

const TIME = new RegExp(`^${HH_MI}$`);

/** `hh24:mi` as minutes of the day; undefined for another text. */
function minutes(hhmi: string): number | undefined {
  const m = TIME.exec(hhmi);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** `ddd:hh24:mi` (the day in any case) as minutes of the week from Sunday 00:00. */
function weekMinutes(text: string): number | undefined {
  const day = DAYS.indexOf(text.slice(0, 3).toLowerCase());
  const at = text[3] === ":" ? minutes(text.slice(4)) : undefined;
  return day < 0 || at === undefined ? undefined : day * DAY + at;
}

/**
 * A window `<from>-<to>` whose ends `at` reads as minutes of a `period` (a day or a week), its end
 * after its start (a window past midnight or Saturday ends in the next period); undefined for a
 * text of another format (the provider's refusal).
 */
function parseWindow(
  text: unknown,
  at: (point: string) => number | undefined,
  period: number,
): Window | undefined {
  if (typeof text !== "string") return undefined;
  const [from, to, ...rest] = text.split("-");
  const start = at(from ?? "");
  const end = at(to ?? "");
  if (rest.length > 0 || start === undefined || end === undefined) return undefined;
  return { start, end: end < start ? end + period : end };
}

/** A daily window `hh24:mi-hh24:mi`. */
export const dailyWindow = (text: unknown) => parseWindow(text, minutes, DAY);
/** A weekly window `ddd:hh24:mi-ddd:hh24:mi`. */
export const weeklyWindow = (text: unknown) => parseWindow(text, weekMinutes, WEEK);

const length = (w: Window) => w.end - w.start;

/**
 * Whether a daily window and a weekly one share a minute: the daily window falls on every day of
 * the week, the weekly one wraps past Saturday midnight. Windows that only touch (one ends at the
 * minute the other starts) do not overlap.
 */
export function overlaps(daily: Window, weekly: Window): boolean {
  for (let day = -1; day <= 7; day++) {
    const start = daily.start + day * DAY;
    const end = daily.end + day * DAY;
    for (const shift of [-WEEK, 0, WEEK])
      if (start < weekly.end + shift && weekly.start + shift < end) return true;
  }
  return false;
}

/** An RDS window of at least 30 minutes; of a format the provider accepts, or not judged. */
function atLeast(parse: (v: unknown) => Window | undefined, min: number): Validator {
  return (v, k) => {
    const w = parse(v);
    return w && length(w) < min
      ? [
          `${k} ${JSON.stringify(v)} is ${length(w)} minutes long, under the ${min} minutes AWS requires`,
        ]
      : [];
  };
}

/**
 * The backup window does not overlap the maintenance window. Not judged when automated backups
 * are off (a retention period of 0): the backup window is then not used.
 */
function noOverlap(
  type: string,
  backup: string,
  maintenance: string,
  fixBackup: string,
  source: string,
): CrossRule {
  return {
    type,
    what: `${backup} not overlapping ${maintenance}`,
    reads: [backup, maintenance, "backupRetentionPeriod"],
    check: (inputs): CrossProblem[] => {
      if (inputs.backupRetentionPeriod === 0) return [];
      const daily = dailyWindow(inputs[backup]);
      const weekly = weeklyWindow(inputs[maintenance]);
      if (!daily || !weekly || !overlaps(daily, weekly)) return [];
      return [
        {
          prop: backup,
          value: inputs[backup],
          says: `the backup window ${inputs[backup]} overlaps the maintenance window ${inputs[maintenance]}: AWS requires them not to conflict`,
        },
      ];
    },
    fix: fixBackup,
    source,
    by: "aws",
  };
}

const LONG_FIX = "a window of at least 30 minutes (e.g. 03:00-03:30)";
const APART_FIX =
  "move the backup window out of the maintenance window's hours on its day (e.g. backups 03:00-03:30, maintenance sun:05:00-sun:05:30)";

/** The provider's format checks and AWS's 30-minute minimum of an RDS instance's or cluster's windows. */
function rdsWindowRules(
  type: string,
  [backup, backupAttr]: [string, string],
  [maintenance, maintenanceAttr]: [string, string],
  providerFile: string,
  page: string,
): InputRule[] {
  return [
    inputRule(type, backup, backupAttr, onceADayWindow, DAILY_WINDOW_FIX, providerFile),
    inputRule(type, maintenance, maintenanceAttr, onceAWeekWindow, WEEKLY_WINDOW_FIX, providerFile),
    awsRule(type, backup, backup, atLeast(dailyWindow, 30), LONG_FIX, page),
    awsRule(type, maintenance, maintenance, atLeast(weeklyWindow, 30), LONG_FIX, page),
  ];
}

export const CREATE_WINDOW_RULES: readonly InputRule[] = [
  ...rdsWindowRules(
    DB,
    ["backupWindow", "backup_window"],
    ["maintenanceWindow", "maintenance_window"],
    "internal/service/rds/instance.go",
    CREATE_INSTANCE,
  ),
  ...rdsWindowRules(
    CLUSTER,
    ["preferredBackupWindow", "preferred_backup_window"],
    ["preferredMaintenanceWindow", "preferred_maintenance_window"],
    "internal/service/rds/cluster.go",
    CREATE_CLUSTER,
  ),
  ...(
    [
      [CACHE_CLUSTER, CREATE_CACHE_CLUSTER],
      [CACHE_GROUP, CREATE_REPLICATION_GROUP],
    ] as const
  ).map(([type, page]) =>
    awsRule(
      type,
      "maintenanceWindow",
      "maintenanceWindow",
      atLeast(weeklyWindow, 60),
      "a window of at least 60 minutes (e.g. sun:05:00-sun:06:00)",
      page,
    ),
  ),
];

export const CREATE_WINDOW_CROSS_RULES: readonly CrossRule[] = [
  noOverlap(DB, "backupWindow", "maintenanceWindow", APART_FIX, CREATE_INSTANCE),
  noOverlap(
    CLUSTER,
    "preferredBackupWindow",
    "preferredMaintenanceWindow",
    APART_FIX,
    CREATE_CLUSTER,
  ),
];
