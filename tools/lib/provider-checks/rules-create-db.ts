// Limits AWS enforces when the provider creates RDS storage at `pulumi up`, which the provider's
// schema passes on (`by: "aws"`): an instance's allocated storage in the range of its engine and
// storage type, Provisioned IOPS storage (io1, io2) with its IOPS, a storage autoscaling maximum at
// least 10% over the allocated storage, and a Performance Insights retention of 7 days, a whole
// number of 31-day months up to 23, or 731 days. Each rule cites the AWS page that states the
// limit. Read replicas and restores from a snapshot or a point in time take their storage from
// the source (other API calls with their own rules): not judged. An S3 import (`s3Import`,
// RestoreDBInstanceFromS3) allocates its storage as a create does: its allocated storage is judged.
// The master user's name: a letter first, then letters, digits and underscores, and not a name the
// engine reserves (`rdsadmin` on Aurora MySQL and Aurora PostgreSQL, `admin` and `pg_…` on
// PostgreSQL and Aurora PostgreSQL).
import type { CrossProblem, CrossRule } from "./rule";
import { FROM_SOURCE } from "./rules-create-data";
import { isTrue } from "./bool-input";

const DB = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";

const RDS_API = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference";
/**
 * API_CreateDBInstance, `AllocatedStorage`, for RDS for MariaDB, MySQL and PostgreSQL: "General
 * Purpose (SSD) storage (gp2, gp3): Must be an integer from 20 to 65536. Provisioned IOPS storage
 * (io1, io2): Must be an integer from 100 to 65536. Magnetic storage (standard): Must be an
 * integer from 5 to 3072." For RDS for Db2: gp3 20 to 65536, io1 and io2 100 to 65536 (AWS refuses
 * with "Invalid storage size for engine name postgres and storage type gp2: 10",
 * convox/rack#2846). Oracle's and SQL Server's ranges differ by edition and are not judged, nor
 * are RDS Custom's. `StorageType`: "If you specify io1, io2, or gp3, you must also include a value
 * for the Iops parameter" ("The storage type io1 requires iops to be specified",
 * terraform-community-modules/tf_aws_rds#22); gp3 is not judged, AWS refusing IOPS on a gp3
 * volume under 400 GiB (cloudtools/troposphere#2153). "Default: io1, if the Iops parameter is
 * specified. Otherwise, gp3" (gp2 on earlier editions: the same range for these engines).
 * `PerformanceInsightsRetentionPeriod`: "7; month * 31, where month is a number of months from
 * 1-23 …; 731 … If you specify a retention period that isn't valid, such as 94, Amazon RDS
 * returns an error."
 */
const CREATE_INSTANCE = `${RDS_API}/API_CreateDBInstance.html`;
/** API_CreateDBCluster, `PerformanceInsightsRetentionPeriod`: the same values. */
const CREATE_CLUSTER = `${RDS_API}/API_CreateDBCluster.html`;
/**
 * "Set the maximum storage threshold to at least 10% more than the currently allocated storage
 * … Otherwise, you receive an error such as Invalid max storage size for engine_name" (the page's
 * other editions; "Max storage size must be greater than storage size",
 * ministryofjustice/cloud-platform-environments#7483). `maxAllocatedStorage` 0 turns autoscaling
 * off (the provider's documentation) and is not judged.
 */
const AUTOSCALING =
  "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.Autoscaling.html";

type Range = readonly [low: number, high: number];
const OPEN_ENGINES: Readonly<Record<string, Range>> = {
  gp2: [20, 65536],
  gp3: [20, 65536],
  io1: [100, 65536],
  io2: [100, 65536],
  standard: [5, 3072],
};
const DB2: Readonly<Record<string, Range>> = {
  gp3: [20, 65536],
  io1: [100, 65536],
  io2: [100, 65536],
};

/** The storage ranges of an engine whose ranges the page states; undefined for another. */
function rangesOf(engine: unknown): Readonly<Record<string, Range>> | undefined {
  if (typeof engine !== "string") return undefined;
  if (["mysql", "mariadb", "postgres"].includes(engine)) return OPEN_ENGINES;
  if (engine === "db2-se" || engine === "db2-ae") return DB2;
  return undefined;
}

const given = (inputs: Record<string, any>, k: string) =>
  inputs[k] !== undefined && inputs[k] !== null;
const fromSource = (inputs: Record<string, any>) => FROM_SOURCE.some((k) => given(inputs, k));

/**
 * API_RestoreDBInstanceFromS3, `AllocatedStorage`: "The amount of storage (in gibibytes) to
 * allocate initially for the DB instance. Follow the allocation rules specified in
 * CreateDBInstance." Its IOPS rules are not stated the same way: only the size is judged.
 */
const FROM_S3 = `${RDS_API}/API_RestoreDBInstanceFromS3.html`;
/** A source whose storage a create-time rule does not judge: every one but an S3 import. */
const fromStoredSource = (inputs: Record<string, any>) =>
  FROM_SOURCE.some((k) => k !== "s3Import" && given(inputs, k));

/** The storage type a create gets: the one given (any case), else io1 with IOPS, else gp3. */
function storageTypeOf(inputs: Record<string, any>): string | undefined {
  const given = inputs.storageType;
  if (typeof given === "string") return given.toLowerCase();
  return typeof inputs.iops === "number" && inputs.iops > 0 ? "io1" : "gp3";
}

const instanceStorageSize: CrossRule = {
  type: DB,
  what: "allocated storage in the range of the engine and storage type; io1 and io2 with IOPS",
  reads: ["engine", "allocatedStorage", "storageType", "iops", ...FROM_SOURCE],
  check: (inputs) => {
    if (fromStoredSource(inputs)) return [];
    const fromS3 = given(inputs, "s3Import");
    const out: CrossProblem[] = [];
    const type = storageTypeOf(inputs);
    if (!fromS3 && (type === "io1" || type === "io2") && typeof inputs.iops !== "number")
      out.push({
        prop: "iops",
        value: undefined,
        says: `the storage type ${type} needs iops (Provisioned IOPS storage is created with its IOPS)`,
      });
    const size = inputs.allocatedStorage;
    const range = type === undefined ? undefined : rangesOf(inputs.engine)?.[type];
    if (typeof size === "number" && range && (size < range[0] || size > range[1]))
      out.push({
        prop: "allocatedStorage",
        value: size,
        says:
          `${inputs.engine} on ${type} storage takes ${range[0]} to ${range[1]} GiB, got ${size}` +
          (fromS3 ? ` (an S3 import follows CreateDBInstance's allocation rules: ${FROM_S3})` : ""),
      });
    return out;
  },
  fix:
    "allocatedStorage for MySQL, MariaDB and PostgreSQL: gp2 and gp3 20-65536, io1 and io2 " +
    "100-65536, standard 5-3072 GiB (Db2: gp3 20-65536, io1 and io2 100-65536); give iops with " +
    "storageType io1 or io2",
  source: CREATE_INSTANCE,
  by: "aws",
};

const autoscalingMaximum: CrossRule = {
  type: DB,
  what: "a storage autoscaling maximum at least 10% over the allocated storage",
  reads: ["allocatedStorage", "maxAllocatedStorage", ...FROM_SOURCE],
  check: (inputs) => {
    const { allocatedStorage: size, maxAllocatedStorage: max } = inputs;
    if (fromSource(inputs) || typeof size !== "number" || typeof max !== "number") return [];
    // In whole numbers: max ≥ 1.1 × size.
    if (max === 0 || max * 10 >= size * 11) return [];
    return [
      {
        prop: "maxAllocatedStorage",
        value: max,
        says: `maxAllocatedStorage ${max} GiB is not at least 10% over allocatedStorage ${size} GiB (${Math.ceil((size * 11) / 10)} or more)`,
      },
    ];
  },
  fix: "maxAllocatedStorage at least 10% over allocatedStorage (e.g. 110 for 100), or 0 to turn storage autoscaling off",
  source: AUTOSCALING,
  by: "aws",
};

/** 7, 31 × 1 to 23, or 731 days. */
export function validInsightsRetention(days: number): boolean {
  return days === 7 || days === 731 || (days % 31 === 0 && days >= 31 && days <= 713);
}

/**
 * The retention of a resource that turns Performance Insights on (one that leaves it off is not
 * judged: whether AWS reads the retention then is not stated; nor is 0, which programs give for
 * "the default" and which a provider reading the input with `d.GetOk` leaves out of the call).
 */
function insightsRetention(type: string, source: string): CrossRule {
  return {
    type,
    what: "a Performance Insights retention of 7, 31 × 1 to 23, or 731 days",
    reads: ["performanceInsightsEnabled", "performanceInsightsRetentionPeriod"],
    check: (inputs) => {
      const days = inputs.performanceInsightsRetentionPeriod;
      if (!isTrue(inputs.performanceInsightsEnabled) || typeof days !== "number" || days === 0)
        return [];
      return validInsightsRetention(days)
        ? []
        : [
            {
              prop: "performanceInsightsRetentionPeriod",
              value: days,
              says: `performanceInsightsRetentionPeriod ${days} is not 7, a multiple of 31 from 31 to 713, or 731 days`,
            },
          ];
    },
    fix: "7 (the free tier), a number of months times 31 (31, 62, … 713), or 731 days",
    source,
    by: "aws",
  };
}

/** The engines on which RDS has been seen to refuse the master user name `rdsadmin`. */
const RDSADMIN_REFUSED = ["aurora-mysql", "aurora-postgresql"];

/**
 * CreateDBInstance and CreateDBCluster, `MasterUsername`: "First character must be a letter", of
 * "letters, numbers, or underscores", and "Can't be a reserved word for the chosen database
 * engine" (RestoreDBInstanceFromS3 and RestoreDBClusterFromS3 state the same; AWS enforces them,
 * crossplane-contrib/provider-aws#1701). The pages' "1 to 16" is not judged: a live account takes
 * longer names where the engine does (PostgreSQL's 63, floci-io/floci#3729). Of the reserved words
 * only the ones tried against AWS are judged (aws-cloudformation/cfn-lint#4425, "verified against
 * real CloudFormation deployments"): `rdsadmin` on the two engines that pull request tried it on,
 * `aurora-mysql` and `aurora-postgresql` ("rdsadmin on both engines → fails"), and nowhere else:
 * RDS keeps an `rdsadmin` user of its own on RDS for MySQL too ("Understanding predefined users",
 * Common DBA tasks for MySQL DB instances), but no page or report shows CreateDBInstance refusing
 * the name there or on another engine, so a refusal would be a guess; `admin` on PostgreSQL and
 * Aurora PostgreSQL ("MasterUsername admin cannot be used as it is a reserved word used by the
 * engine", aws/aws-cdk#10579; the instance engine too, aws/aws-cdk#10597), never on MySQL, where
 * it is the usual name; and on the PostgreSQL engines a name beginning `pg_` ("MasterUsername pg_dba
 * cannot be used because role names starting with "pg_" are reserved by the PostgreSQL engine",
 * DataShades/ckan-aws-templates#6). A replica or a restore from a snapshot or a point in time sends
 * no master user (its call has none): not judged.
 */
function masterUsername(
  type: string,
  prop: string,
  restores: readonly string[],
  source: string,
): CrossRule {
  return {
    type,
    what: "a master user name of a letter, then letters, digits and _, not one the engine reserves",
    reads: [prop, "engine", ...restores],
    check: (inputs) => {
      const name = inputs[prop];
      if (typeof name !== "string" || name === "") return [];
      if (restores.some((k) => inputs[k] !== undefined && inputs[k] !== null)) return [];
      const engine = typeof inputs.engine === "string" ? inputs.engine.toLowerCase() : undefined;
      const postgres = engine === "postgres" || engine === "aurora-postgresql";
      const says = !/^[A-Za-z]/.test(name)
        ? "a master user name begins with a letter"
        : !/^[A-Za-z0-9_]+$/.test(name)
          ? "a master user name holds only letters, digits and _"
          : name === "rdsadmin" && RDSADMIN_REFUSED.includes(engine ?? "")
            ? `rdsadmin is RDS's own user on the ${engine} engine`
            : postgres && name === "admin"
              ? `admin is a word the ${engine} engine reserves`
              : postgres && name.startsWith("pg_")
                ? `the ${engine} engine reserves role names beginning pg_`
                : undefined;
      return says === undefined
        ? []
        : [{ prop, value: name, says: `${prop} ${JSON.stringify(name)}: ${says}` }];
    },
    fix: 'a letter, then letters, digits and _ (e.g. "app_admin"); not rdsadmin on Aurora, nor admin or pg_… on PostgreSQL',
    source,
    by: "aws",
  };
}

export const CREATE_DB_CROSS_RULES: readonly CrossRule[] = [
  masterUsername(
    DB,
    "username",
    ["replicateSourceDb", "snapshotIdentifier", "restoreToPointInTime"],
    CREATE_INSTANCE,
  ),
  masterUsername(
    CLUSTER,
    "masterUsername",
    ["snapshotIdentifier", "restoreToPointInTime", "replicationSourceIdentifier"],
    CREATE_CLUSTER,
  ),
  instanceStorageSize,
  autoscalingMaximum,
  insightsRetention(DB, CREATE_INSTANCE),
  insightsRetention(CLUSTER, CREATE_CLUSTER),
  insightsRetention(CLUSTER_INSTANCE, CREATE_INSTANCE),
];
