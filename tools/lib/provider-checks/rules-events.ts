// Events and notifications: EventBridge rules, targets and bus permissions, SNS topics. Each entry
// names the provider file that declares it.
import type { CrossRule, InputRule } from "./rule";
import { arnInputs, atLeastOneOf, conflictsWith, fifoCapableRules } from "./rule";
import {
  all,
  custom,
  goQuote,
  intBetween,
  lenBetween,
  oneOf,
  oneOfGrowing,
  validARN,
  Validator,
} from "./validators";
import { isJSON } from "./validators-formats";

const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const TOPIC = "aws:sns/topic:Topic";
const PERMISSION = "aws:cloudwatch/eventPermission:EventPermission";

const EVENTS = "internal/service/events/validate.go";
const TARGETS = "internal/service/events/target.go";
const SNS = "internal/service/sns/topic.go";
const PERMISSION_GO = "internal/service/events/permission.go";

/**
 * EventBridge `validateRuleName` and `validateTargetID`: at most 64 characters of
 * [0-9A-Za-z_.-] (internal/service/events/validate.go).
 */
const eventName: Validator = all(
  custom(
    (s) => s.length <= 64,
    (k, s) => `${goQuote(k)} cannot be longer than 64 characters: ${goQuote(s)}`,
  ),
  custom(
    (s) => /^[0-9A-Za-z_.-]+$/.test(s),
    (k, s) => `${goQuote(k)} doesn't comply with restrictions ("^[0-9A-Za-z_.-]+$"): ${goQuote(s)}`,
  ),
);

const EVENT_NAME_FIX =
  "letters, digits and _ . - only, at most 64 characters (a logical name Pulumi turns into the name too)";

/** A length of 1 to 64 bytes, as the permission's validators count it (Go's `len`). */
const oneTo64 = custom(
  (s) => Buffer.byteLength(s, "utf8") >= 1 && Buffer.byteLength(s, "utf8") <= 64,
  (k) => `${goQuote(k)} must be between 1 and 64 characters`,
);

/**
 * The bus permission's own validators (internal/service/events/permission.go, after EventBridge's
 * PutPermission request parameters): `validatePermissionAction`, `validatePermissionPrincipal`,
 * `validatePermissionStatementID`, and the condition block's key and type, each a one-value
 * `validation.StringInSlice` ("aws:PrincipalOrgID", "StringEquals"). A wildcard action
 * ("events:*") or a condition on another key is refused at `pulumi preview`, before any policy
 * judges whom the permission opens the bus to.
 */
const PERMISSION_RULES: readonly InputRule[] = [
  {
    type: PERMISSION,
    prop: "action",
    attr: "action",
    validate: all(
      oneTo64,
      custom(
        (s) => /^events:[A-Za-z]+$/.test(s),
        (k) => `${goQuote(k)} must be: events: followed by one or more alphabetic characters`,
      ),
    ),
    fix: 'one action, written out: "events:PutEvents" (the default when left out); no wildcard',
    source: PERMISSION_GO,
  },
  {
    type: PERMISSION,
    prop: "principal",
    attr: "principal",
    validate: custom(
      (s) => /^(\d{12}|\*)$/.test(s),
      (k) => `${goQuote(k)} must be * or a 12 digit AWS account ID`,
    ),
    fix: 'a 12-digit account ID, or "*" with a condition on aws:PrincipalOrgID',
    source: PERMISSION_GO,
  },
  {
    type: PERMISSION,
    prop: "statementId",
    attr: "statement_id",
    validate: all(
      oneTo64,
      custom(
        (s) => /^[0-9A-Za-z_-]+$/.test(s),
        (k) => `${goQuote(k)} must be one or more alphanumeric, hyphen, or underscore characters`,
      ),
    ),
    fix: "letters, digits, - and _ only, at most 64 characters",
    source: PERMISSION_GO,
  },
  {
    type: PERMISSION,
    prop: "condition.key",
    attr: "condition.0.key",
    validate: oneOf(["aws:PrincipalOrgID"]),
    fix: 'condition: { key: "aws:PrincipalOrgID", type: "StringEquals", value: <organization id> } (the only key EventBridge takes); or name an account as principal',
    source: PERMISSION_GO,
  },
  {
    type: PERMISSION,
    prop: "condition.type",
    attr: "condition.0.type",
    validate: oneOf(["StringEquals"]),
    fix: 'type "StringEquals" (the only condition type EventBridge takes)',
    source: PERMISSION_GO,
  },
];

export const EVENT_RULES: readonly InputRule[] = [
  ...PERMISSION_RULES,
  {
    type: EVENT_RULE,
    prop: "name",
    attr: "name",
    validate: eventName,
    fix: EVENT_NAME_FIX,
    source: EVENTS,
  },
  {
    type: TARGET,
    prop: "targetId",
    attr: "target_id",
    validate: eventName,
    fix: EVENT_NAME_FIX,
    source: TARGETS,
  },
  ...arnInputs(TARGET, TARGETS, [
    ["arn", "arn", "the target's ARN (a function's, queue's or topic's `arn` output)"],
    ["roleArn", "role_arn", "a role's `arn` output, not its name"],
  ]),
  {
    type: TARGET,
    prop: "rule",
    attr: "rule",
    validate: eventName,
    fix: "the rule's name (its `name` output), not its ARN",
    source: TARGETS,
  },
  {
    type: TARGET,
    prop: "input",
    attr: "input",
    validate: all(isJSON, lenBetween(0, 8192)),
    fix: "a JSON document of at most 8192 characters (JSON.stringify of the event to send)",
    source: TARGETS,
  },
  {
    type: TARGET,
    prop: "inputPath",
    attr: "input_path",
    validate: lenBetween(0, 256),
    fix: "a JSONPath of at most 256 characters, e.g. $.detail",
    source: TARGETS,
  },
  {
    type: TARGET,
    prop: "inputTransformer.inputTemplate",
    attr: "input_transformer.0.input_template",
    validate: lenBetween(1, 8192),
    fix: "an input template of 1 to 8192 characters",
    source: TARGETS,
  },
  ...(
    [
      ["deadLetterConfig.arn", "dead_letter_config.0.arn"],
      ["ecsTarget.taskDefinitionArn", "ecs_target.0.task_definition_arn"],
    ] as const
  ).map(([prop, attr]): InputRule => ({
    type: TARGET,
    prop,
    attr,
    validate: validARN,
    fix: "an ARN (a queue's or task definition's `arn` output)",
    source: TARGETS,
  })),
  {
    type: TARGET,
    prop: "retryPolicy.maximumRetryAttempts",
    attr: "retry_policy.0.maximum_retry_attempts",
    validate: intBetween(0, 185),
    fix: "from 0 to 185 retry attempts",
    source: TARGETS,
  },
  {
    type: TARGET,
    prop: "retryPolicy.maximumEventAgeInSeconds",
    attr: "retry_policy.0.maximum_event_age_in_seconds",
    validate: intBetween(0, 86400),
    fix: "an event age in seconds from 0 to 86400 (24 hours)",
    source: TARGETS,
  },
  {
    type: TOPIC,
    prop: "signatureVersion",
    attr: "signature_version",
    validate: intBetween(1, 2),
    fix: "signature version 1 (SHA1) or 2 (SHA256)",
    source: SNS,
  },
];

const RULE_GO = "internal/service/events/rule.go";

/**
 * `validateEventPatternValue()` (rule.go): valid JSON (empty accepted), at most 4096 bytes once
 * normalised (the provider's bound since v5; older providers stop at 2048, so the wider one is
 * kept).
 */
const eventPattern: Validator = (v, k) => {
  if (typeof v !== "string" || v === "") return [];
  let normal: string;
  try {
    normal = JSON.stringify(JSON.parse(v));
  } catch (e) {
    return [`${goQuote(k)} contains an invalid JSON: ${(e as Error).message}`];
  }
  return Buffer.byteLength(normal, "utf8") > 4096
    ? [`${goQuote(k)} cannot be longer than 4096 characters: ${goQuote(normal)}`]
    : [];
};

/** A rule's other inputs (rule.go): description, pattern, role, schedule, state. */
export const EVENT_RULE_INPUTS: readonly InputRule[] = [
  {
    type: EVENT_RULE,
    prop: "description",
    attr: "description",
    validate: lenBetween(0, 512),
    fix: "a description of at most 512 characters",
    source: RULE_GO,
  },
  {
    type: EVENT_RULE,
    prop: "eventPattern",
    attr: "event_pattern",
    validate: eventPattern,
    fix: "the pattern as JSON text (JSON.stringify({ source: [...], ... })), at most 4096 characters",
    source: RULE_GO,
  },
  {
    type: EVENT_RULE,
    prop: "roleArn",
    attr: "role_arn",
    validate: validARN,
    fix: "the role's `arn` output, not its name",
    source: RULE_GO,
  },
  {
    type: EVENT_RULE,
    prop: "scheduleExpression",
    attr: "schedule_expression",
    validate: lenBetween(0, 256),
    fix: 'a schedule of at most 256 characters: "rate(5 minutes)" or "cron(0 3 * * ? *)"',
    source: RULE_GO,
  },
  {
    type: EVENT_RULE,
    prop: "state",
    attr: "state",
    // enum.Validate[types.RuleState](): an AWS SDK enumeration, judged as growing.
    validate: oneOfGrowing([
      "ENABLED",
      "DISABLED",
      "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
    ]),
    fix: "ENABLED or DISABLED (upper case)",
    source: RULE_GO,
  },
];

/** `AtLeastOneOf` of a rule's schedule and pattern. */
const scheduleOrPattern = atLeastOneOf(
  EVENT_RULE,
  [
    ["scheduleExpression", "schedule_expression"],
    ["eventPattern", "event_pattern"],
  ],
  RULE_GO,
);

/** The checks of an SNS topic's name and FIFO settings when the provider plans a create. */
const topicChecks = fifoCapableRules(TOPIC, "topic", "fifoTopic", 256, "FIFO topics", SNS);

export const EVENT_CROSS_RULES: readonly CrossRule[] = [
  ...topicChecks,
  scheduleOrPattern,
  conflictsWith(EVENT_RULE, ["name", "name"], ["namePrefix", "name_prefix"], RULE_GO),
  conflictsWith(TARGET, ["input", "input"], ["inputPath", "input_path"], TARGETS),
  conflictsWith(TARGET, ["input", "input"], ["inputTransformer", "input_transformer"], TARGETS),
  conflictsWith(
    TARGET,
    ["inputPath", "input_path"],
    ["inputTransformer", "input_transformer"],
    TARGETS,
  ),
  conflictsWith(TOPIC, ["name", "name"], ["namePrefix", "name_prefix"], SNS),
];
