// EventBridge Scheduler schedules: the attribute validators of the provider's schema
// (internal/service/scheduler/schedule.go), which its Check runs at `pulumi preview`: the name and
// its prefix (letters, digits, `.`, `-` and `_`, at most 64 characters, the prefix 26 fewer for the
// provider's unique suffix), the group name, description and time zone lengths, the flexible time
// window (a mode of the SDK's FlexibleTimeWindowMode, a window of 1 to 1440 minutes), the state and
// the action after completion (SDK enumerations), the target's ARNs, its retry policy (an event
// age of 60 to 86400 seconds, 0 to 185 attempts) and its SQS message group id. The schedule
// expression itself is AWS's to parse at create (rules-schedules.ts).
import { conflictsWith, CrossRule, InputRule } from "./rule";
import {
  all,
  intBetween,
  lenBetween,
  matches,
  oneOfGrowing,
  validARN,
  Validator,
} from "./validators";

const SCHEDULE = "aws:scheduler/schedule:Schedule";
const FILE = "internal/service/scheduler/schedule.go";

/** The provider's name pattern and its message (a `.` passes the pattern though the words omit it). */
const nameOf = (max: number) =>
  all(
    lenBetween(1, max),
    matches(
      /^[0-9A-Za-z_.-]+$/,
      "The name must consist of alphanumerics, hyphens, and underscores.",
    ),
  );

const NAME_FIX = "letters, digits, ., - and _ only";

/** [input path, provider attribute, validator, fix]: every rule of this type, in schema order. */
const TABLE: [string, string, Validator, string][] = [
  [
    "name",
    "name",
    nameOf(64),
    `${NAME_FIX}, at most 64 characters (a logical name Pulumi turns into the name too: at most 56)`,
  ],
  [
    "namePrefix",
    "name_prefix",
    // 64 less sdkid.UniqueIDSuffixLength (26), the suffix the provider appends.
    nameOf(64 - 26),
    `${NAME_FIX}, at most 38 characters (the provider adds 26)`,
  ],
  [
    "groupName",
    "group_name",
    lenBetween(1, 64),
    "the schedule group's name, at most 64 characters",
  ],
  ["description", "description", lenBetween(0, 512), "at most 512 characters"],
  [
    "scheduleExpressionTimezone",
    "schedule_expression_timezone",
    lenBetween(1, 50),
    "an IANA time zone name, e.g. Europe/Paris (at most 50 characters)",
  ],
  ["kmsKeyArn", "kms_key_arn", validARN, "the KMS key's ARN, not its id or alias"],
  // enum.Validate of the SDK's ScheduleState, FlexibleTimeWindowMode and ActionAfterCompletion.
  ["state", "state", oneOfGrowing(["ENABLED", "DISABLED"]), "ENABLED or DISABLED, upper case"],
  [
    "actionAfterCompletion",
    "action_after_completion",
    oneOfGrowing(["NONE", "DELETE"]),
    "NONE or DELETE, upper case",
  ],
  [
    "flexibleTimeWindow.mode",
    "mode",
    oneOfGrowing(["OFF", "FLEXIBLE"]),
    "OFF or FLEXIBLE, upper case",
  ],
  [
    "flexibleTimeWindow.maximumWindowInMinutes",
    "maximum_window_in_minutes",
    intBetween(1, 1440),
    "a window of 1 to 1440 minutes (one day)",
  ],
  ["target.arn", "arn", validARN, "the target's ARN (a queue, function, state machine, ...)"],
  ["target.roleArn", "role_arn", validARN, "the ARN of the role Scheduler assumes"],
  [
    "target.deadLetterConfig.arn",
    "arn",
    validARN,
    "the ARN of the SQS queue that takes failed events",
  ],
  [
    "target.retryPolicy.maximumEventAgeInSeconds",
    "maximum_event_age_in_seconds",
    intBetween(60, 86400),
    "an event age of 60 to 86400 seconds (one day)",
  ],
  [
    "target.retryPolicy.maximumRetryAttempts",
    "maximum_retry_attempts",
    intBetween(0, 185),
    "0 to 185 retries",
  ],
  [
    "target.sqsParameters.messageGroupId",
    "message_group_id",
    lenBetween(1, 128),
    "a message group id of at most 128 characters",
  ],
];

export const SCHEDULER_RULES: readonly InputRule[] = TABLE.map(([prop, attr, validate, fix]) => ({
  type: SCHEDULE,
  prop,
  attr,
  validate,
  fix,
  source: FILE,
}));

export const SCHEDULER_CROSS_RULES: readonly CrossRule[] = [
  conflictsWith(SCHEDULE, ["name", "name"], ["namePrefix", "name_prefix"], FILE),
];
