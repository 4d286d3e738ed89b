// AWS Batch compute environments, job queues and job definitions: names, types and states, retry
// attempts and timeouts. A compute environment's type and state and a job queue's state are
// AWS SDK enumerations the provider reads in any case (`enum.ValidateIgnoreCase`,
// `enum.FrameworkValidateIgnoreCase`), so only a value of no enumeration shape in any case is
// refused (`managed ec2`). Names take the name Pulumi makes (`<logical name>-<7 hex>`,
// pulumi/pulumi-aws provider/autonaming.go; no override of these types in
// provider/resource_overrides.go), which the provider's pattern judges too. Each entry names the
// provider file that declares it.
import { conflictsWith, CrossRule, InputRule } from "./rule";
import {
  anyCaseOfShape,
  custom,
  goQuote,
  intAtLeast,
  int64Between,
  intBetween,
  LOWER_SNAKE,
  oneOfGrowing,
  oneOfIgnoringCase,
  validARN,
  Validator,
} from "./validators";

const COMPUTE_ENVIRONMENT = "aws:batch/computeEnvironment:ComputeEnvironment";
const JOB_QUEUE = "aws:batch/jobQueue:JobQueue";
const JOB_DEFINITION = "aws:batch/jobDefinition:JobDefinition";

const COMPUTE = "internal/service/batch/compute_environment.go";
const QUEUE = "internal/service/batch/job_queue.go";
const DEFINITION = "internal/service/batch/job_definition.go";

const NAME = /^[0-9A-Za-z]{1}[0-9A-Za-z_-]{0,127}$/;
const PREFIX = /^[0-9A-Za-z]{1}[0-9A-Za-z_-]{0,101}$/;
const NAME_WORDS =
  "must be up to 128 letters (uppercase and lowercase), numbers, underscores and dashes, and must start with an alphanumeric";

/** batch `validName` and `validPrefix` (internal/service/batch/validate.go). */
const batchName = (re: RegExp, most: number) =>
  custom(
    (s) => re.test(s),
    (k, s) =>
      `${goQuote(k)} (${goQuote(s)}) must be up to ${most} letters (uppercase and lowercase), numbers, underscores and dashes, and must start with an alphanumeric.`,
  );

/** The job queue's name, a framework attribute (stringvalidator.RegexMatches with its message). */
const queueName: Validator = (v, k) =>
  typeof v === "string" && !NAME.test(v) ? [`Attribute ${k} ${NAME_WORDS}, got: ${v}`] : [];

/** `enum.ValidateIgnoreCase[T]()` of a growing AWS SDK enumeration. */
function growingIgnoringCase(values: readonly string[]): Validator {
  return anyCaseOfShape(oneOfIgnoringCase(values));
}

const NAME_FIX =
  "letters, digits, _ and - only, starting with a letter or digit, at most 128 characters (a " +
  "logical name Pulumi turns into the name too)";

export const BATCH_RULES: readonly InputRule[] = [
  {
    type: COMPUTE_ENVIRONMENT,
    prop: "name",
    attr: "name",
    validate: batchName(NAME, 128),
    fix: NAME_FIX,
    source: COMPUTE,
    // pulumi-aws 6.x (provider v5) names it computeEnvironmentName and makes no name of its own
    // (no AutoName for aws_batch_compute_environment in provider/resources.go): AWS does.
    skipAutoName: true,
  },
  {
    type: COMPUTE_ENVIRONMENT,
    prop: "namePrefix",
    attr: "name_prefix",
    validate: batchName(PREFIX, 102),
    fix: "letters, digits, _ and - only, starting with a letter or digit, at most 102 characters",
    source: COMPUTE,
  },
  {
    type: COMPUTE_ENVIRONMENT,
    prop: "type",
    attr: "type",
    validate: growingIgnoringCase(["MANAGED", "UNMANAGED"]),
    fix: "MANAGED or UNMANAGED",
    source: COMPUTE,
  },
  {
    type: COMPUTE_ENVIRONMENT,
    prop: "state",
    attr: "state",
    validate: growingIgnoringCase(["ENABLED", "DISABLED"]),
    fix: "ENABLED or DISABLED",
    source: COMPUTE,
  },
  {
    type: COMPUTE_ENVIRONMENT,
    prop: "computeResources.type",
    attr: "compute_resources.0.type",
    validate: growingIgnoringCase(["EC2", "SPOT", "FARGATE", "FARGATE_SPOT"]),
    fix: "EC2, SPOT, FARGATE or FARGATE_SPOT",
    source: COMPUTE,
  },
  ...(
    [
      ["serviceRole", "service_role"],
      ["computeResources.instanceRole", "compute_resources.0.instance_role"],
      ["computeResources.spotIamFleetRole", "compute_resources.0.spot_iam_fleet_role"],
      ["eksConfiguration.eksClusterArn", "eks_configuration.0.eks_cluster_arn"],
    ] as const
  ).map(([prop, attr]): InputRule => ({
    type: COMPUTE_ENVIRONMENT,
    prop,
    attr,
    validate: validARN,
    fix: "the `arn` output (of the role, instance profile or cluster), not its name",
    source: COMPUTE,
  })),
  {
    type: COMPUTE_ENVIRONMENT,
    prop: "updatePolicy.jobExecutionTimeoutMinutes",
    attr: "update_policy.0.job_execution_timeout_minutes",
    validate: intBetween(1, 360),
    fix: "a timeout from 1 to 360 minutes",
    source: COMPUTE,
  },
  {
    type: JOB_QUEUE,
    prop: "name",
    attr: "name",
    validate: queueName,
    fix: NAME_FIX,
    source: QUEUE,
  },
  {
    type: JOB_QUEUE,
    prop: "state",
    attr: "state",
    validate: (v, k) =>
      growingIgnoringCase(["ENABLED", "DISABLED"])(v, k).map(
        () =>
          `Attribute ${k} value must be one of: ["ENABLED" "DISABLED"], got: ${goQuote(String(v))}`,
      ),
    fix: "ENABLED or DISABLED",
    source: QUEUE,
  },
  {
    type: JOB_QUEUE,
    prop: "jobStateTimeLimitActions.maxTimeSeconds",
    attr: "job_state_time_limit_action.max_time_seconds",
    validate: int64Between(600, 86400),
    fix: "from 600 to 86400 seconds",
    source: QUEUE,
  },
  {
    type: JOB_DEFINITION,
    prop: "name",
    attr: "name",
    validate: batchName(NAME, 128),
    fix: NAME_FIX,
    source: DEFINITION,
  },
  {
    type: JOB_DEFINITION,
    prop: "type",
    attr: "type",
    // Read in any case by both majors: v5 `validation.StringInSlice(..., true)`, v6
    // `enum.ValidateIgnoreCase[awstypes.JobDefinitionType]()` (job_definition.go).
    validate: anyCaseOfShape(oneOfIgnoringCase(["container", "multinode"]), LOWER_SNAKE),
    fix: "container or multinode",
    source: DEFINITION,
  },
  {
    type: JOB_DEFINITION,
    prop: "platformCapabilities",
    attr: "platform_capabilities",
    validate: oneOfGrowing(["EC2", "FARGATE"]),
    fix: "EC2 or FARGATE, in upper case",
    source: DEFINITION,
  },
  {
    type: JOB_DEFINITION,
    prop: "retryStrategy.attempts",
    attr: "retry_strategy.0.attempts",
    validate: intBetween(1, 10),
    fix: "from 1 to 10 attempts",
    source: DEFINITION,
  },
  {
    type: JOB_DEFINITION,
    prop: "timeout.attemptDurationSeconds",
    attr: "timeout.0.attempt_duration_seconds",
    validate: intAtLeast(60),
    fix: "at least 60 seconds",
    source: DEFINITION,
  },
];

export const BATCH_CROSS_RULES: readonly CrossRule[] = [
  conflictsWith(COMPUTE_ENVIRONMENT, ["name", "name"], ["namePrefix", "name_prefix"], COMPUTE),
  conflictsWith(
    JOB_DEFINITION,
    ["containerProperties", "container_properties"],
    ["nodeProperties", "node_properties"],
    DEFINITION,
  ),
];
