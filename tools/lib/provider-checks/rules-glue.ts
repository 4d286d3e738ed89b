// Glue jobs and crawlers: worker type and count, retries, execution class and mode, the command
// and its timeout, a crawler's name, targets, sampling and policies. Each entry names the provider
// file that declares it (internal/service/glue/job.go and crawler.go), or, for a limit AWS
// enforces when the job is created and the provider does not check, the AWS API reference page.
//
// Where provider versions differ, the most lenient reading is kept: a job's worker count is at
// least 1 (older providers asked for 2), and worker types and enumerations a newer provider may
// list are accepted by their shape (`oneOfGrowing`). The Glue version is not judged: the API
// reference gives it no pattern the provider or AWS is documented to enforce.
import { atLeastOneOf, awsRule, conflictsWith, CrossRule, InputRule, inputRule } from "./rule";
import {
  custom,
  floatBetween,
  intAtLeast,
  intBetween,
  lenBetween,
  matches,
  oneOf,
  oneOfGrowing,
  validARN,
} from "./validators";
import { isJSON } from "./validators-formats";

const JOB = "aws:glue/job:Job";
const CRAWLER = "aws:glue/crawler:Crawler";
const JOB_GO = "internal/service/glue/job.go";
const CRAWLER_GO = "internal/service/glue/crawler.go";

/**
 * `workerType_Values()`: the AWS SDK's WorkerType values and those the provider adds (G.12X,
 * G.16X, R.1X to R.8X); a later one of the same shape (a letter, `.`, a size and `X`) is accepted.
 */
const WORKER_TYPES = [
  "Standard",
  "G.025X",
  "G.1X",
  "G.2X",
  "G.4X",
  "G.8X",
  "G.12X",
  "G.16X",
  "Z.2X",
  "R.1X",
  "R.2X",
  "R.4X",
  "R.8X",
];

/**
 * JobCommand.Name: "For an Apache Spark ETL job, this must be glueetl. For a Python shell job, it
 * must be pythonshell. For an Apache Spark streaming ETL job, this must be gluestreaming. For a Ray
 * job, this must be glueray." (https://docs.aws.amazon.com/glue/latest/webapi/API_JobCommand.html).
 * The provider passes any name on (its default is glueetl); the case is not judged, as the provider
 * itself compares the names ignoring case.
 */
const COMMANDS = ["glueetl", "pythonshell", "gluestreaming", "glueray"];
const JOB_COMMAND_PAGE = "https://docs.aws.amazon.com/glue/latest/webapi/API_JobCommand.html";

const JOB_RULES: InputRule[] = [
  inputRule(JOB, "roleArn", "role_arn", validARN, "the role's `arn` output, not its name", JOB_GO),
  inputRule(
    JOB,
    "workerType",
    "worker_type",
    oneOfGrowing(WORKER_TYPES, /^[A-Z]\.\d+X$/),
    "a worker type as Glue spells it: G.1X, G.2X, G.4X, G.8X, G.025X, Z.2X, R.1X … (aws.glue.WorkerType)",
    JOB_GO,
  ),
  inputRule(
    JOB,
    "numberOfWorkers",
    "number_of_workers",
    intAtLeast(1),
    "at least 1 worker",
    JOB_GO,
  ),
  inputRule(JOB, "maxRetries", "max_retries", intBetween(0, 10), "0 to 10 retries", JOB_GO),
  inputRule(
    JOB,
    "executionClass",
    "execution_class",
    oneOfGrowing(["FLEX", "STANDARD"]),
    "FLEX or STANDARD, in upper case",
    JOB_GO,
  ),
  inputRule(
    JOB,
    "jobMode",
    "job_mode",
    oneOfGrowing(["SCRIPT", "VISUAL", "NOTEBOOK"]),
    "SCRIPT, VISUAL or NOTEBOOK, in upper case",
    JOB_GO,
  ),
  inputRule(
    JOB,
    "executionProperty.maxConcurrentRuns",
    "execution_property.0.max_concurrent_runs",
    intAtLeast(1),
    "at least 1 concurrent run",
    JOB_GO,
  ),
  inputRule(
    JOB,
    "notificationProperty.notifyDelayAfter",
    "notification_property.0.notify_delay_after",
    intAtLeast(1),
    "a delay of at least 1 minute",
    JOB_GO,
  ),
  // The same values as the API's pattern ^([2-3]|3[.]9)$ (API_JobCommand.html).
  inputRule(
    JOB,
    "command.pythonVersion",
    "command.0.python_version",
    oneOf(["2", "3", "3.9"]),
    'a Python version "3" or "3.9" (as a string)',
    JOB_GO,
  ),
  awsRule(
    JOB,
    "command.name",
    "command.name",
    custom(
      (s) => COMMANDS.includes(s.toLowerCase()),
      (k, s) => `${k} must be one of ${COMMANDS.join(", ")} (got ${s})`,
    ),
    "glueetl (Spark ETL), gluestreaming (Spark streaming), pythonshell (Python shell) or glueray (Ray)",
    JOB_COMMAND_PAGE,
  ),
];

/**
 * resourceJobCustomizeDiff: a timeout the program gives must be at least 1 minute (0 for a
 * streaming job, gluestreaming), and a Ray job (glueray) takes none ("InvalidInputException:
 * Timeout not supported for Ray jobs", the provider's comment quoting AWS).
 */
const jobTimeout: CrossRule = {
  type: JOB,
  what: "timeout as the job's command allows it",
  reads: ["command", "timeout"],
  check: (inputs) => {
    const timeout = inputs.timeout;
    if (typeof timeout !== "number") return [];
    const name = String(inputs.command?.name ?? "glueetl").toLowerCase();
    if (name === "glueray")
      return [
        { prop: "timeout", value: timeout, says: "timeout must not be configured for Ray jobs" },
      ];
    const min = name === "gluestreaming" ? 0 : 1;
    return timeout < min
      ? [
          {
            prop: "timeout",
            value: timeout,
            says: `expected timeout to be at least (${min}), got ${timeout}`,
          },
        ]
      : [];
  },
  fix: "a timeout of at least 1 minute (0, no limit, only for a gluestreaming job); none for a glueray job",
  source: JOB_GO,
};

/** The crawler's target kinds, one of which it needs (`targets()` of crawler.go). */
const TARGETS: [prop: string, attr: string][] = [
  ["s3Targets", "s3_target"],
  ["dynamodbTargets", "dynamodb_target"],
  ["mongodbTargets", "mongodb_target"],
  ["jdbcTargets", "jdbc_target"],
  ["catalogTargets", "catalog_target"],
  ["deltaTargets", "delta_target"],
  ["icebergTargets", "iceberg_target"],
  ["hudiTargets", "hudi_target"],
];

const CRAWLER_RULES: InputRule[] = [
  inputRule(
    CRAWLER,
    "name",
    "name",
    lenBetween(1, 255),
    "a name of 1 to 255 characters (a logical name Pulumi turns into the name too)",
    CRAWLER_GO,
  ),
  // The provider's pattern is anchored at the end only: the name must end in one of these.
  inputRule(
    CRAWLER,
    "name",
    "name",
    matches(/[0-9A-Za-z_$#/-]+$/, ""),
    "a name ending in a letter, digit or one of _ $ # / -",
    CRAWLER_GO,
  ),
  inputRule(
    CRAWLER,
    "description",
    "description",
    lenBetween(0, 2048),
    "a description of at most 2048 characters",
    CRAWLER_GO,
  ),
  inputRule(
    CRAWLER,
    "tablePrefix",
    "table_prefix",
    lenBetween(0, 128),
    "a table prefix of at most 128 characters",
    CRAWLER_GO,
  ),
  inputRule(
    CRAWLER,
    "configuration",
    "configuration",
    isJSON,
    "a JSON document (JSON.stringify the settings object)",
    CRAWLER_GO,
  ),
  inputRule(
    CRAWLER,
    "s3Targets.sampleSize",
    "s3_target.sample_size",
    intBetween(1, 249),
    "1 to 249 files per leaf folder",
    CRAWLER_GO,
  ),
  inputRule(
    CRAWLER,
    "dynamodbTargets.scanRate",
    "dynamodb_target.scan_rate",
    floatBetween(0.1, 1.5),
    "a scan rate from 0.1 to 1.5",
    CRAWLER_GO,
  ),
  ...(["hudiTargets", "icebergTargets"] as const).map((t) =>
    inputRule(
      CRAWLER,
      `${t}.maximumTraversalDepth`,
      `${t === "hudiTargets" ? "hudi" : "iceberg"}_target.maximum_traversal_depth`,
      intBetween(1, 20),
      "a traversal depth from 1 to 20",
      CRAWLER_GO,
    ),
  ),
  ...(["s3Targets", "catalogTargets"] as const).flatMap((t) =>
    (["eventQueueArn", "dlqEventQueueArn"] as const).map((q) =>
      inputRule(
        CRAWLER,
        `${t}.${q}`,
        `${t === "s3Targets" ? "s3" : "catalog"}_target.${q === "eventQueueArn" ? "event_queue_arn" : "dlq_event_queue_arn"}`,
        validARN,
        "the queue's `arn` output, not its URL or name",
        CRAWLER_GO,
      ),
    ),
  ),
  inputRule(
    CRAWLER,
    "recrawlPolicy.recrawlBehavior",
    "recrawl_policy.0.recrawl_behavior",
    oneOfGrowing(["CRAWL_EVERYTHING", "CRAWL_NEW_FOLDERS_ONLY", "CRAWL_EVENT_MODE"]),
    "CRAWL_EVERYTHING, CRAWL_NEW_FOLDERS_ONLY or CRAWL_EVENT_MODE",
    CRAWLER_GO,
  ),
  inputRule(
    CRAWLER,
    "schemaChangePolicy.deleteBehavior",
    "schema_change_policy.0.delete_behavior",
    oneOfGrowing(["LOG", "DELETE_FROM_DATABASE", "DEPRECATE_IN_DATABASE"]),
    "LOG, DELETE_FROM_DATABASE or DEPRECATE_IN_DATABASE",
    CRAWLER_GO,
  ),
  inputRule(
    CRAWLER,
    "schemaChangePolicy.updateBehavior",
    "schema_change_policy.0.update_behavior",
    oneOfGrowing(["LOG", "UPDATE_IN_DATABASE"]),
    "LOG or UPDATE_IN_DATABASE",
    CRAWLER_GO,
  ),
  inputRule(
    CRAWLER,
    "lineageConfiguration.crawlerLineageSettings",
    "lineage_configuration.0.crawler_lineage_settings",
    oneOfGrowing(["ENABLE", "DISABLE"]),
    "ENABLE or DISABLE",
    CRAWLER_GO,
  ),
];

export const GLUE_RULES: readonly InputRule[] = [...JOB_RULES, ...CRAWLER_RULES];

export const GLUE_CROSS_RULES: readonly CrossRule[] = [
  conflictsWith(
    JOB,
    ["maxCapacity", "max_capacity"],
    ["numberOfWorkers", "number_of_workers"],
    JOB_GO,
  ),
  conflictsWith(JOB, ["maxCapacity", "max_capacity"], ["workerType", "worker_type"], JOB_GO),
  jobTimeout,
  atLeastOneOf(CRAWLER, TARGETS, CRAWLER_GO),
];
