// Alarms and notifications: CloudWatch metric alarms and SNS topic subscriptions. Each entry names
// the provider file that declares it. A metric alarm's comparison operators and statistics are AWS
// SDK enumerations, judged as growing (a value of their shape is accepted); its missing-data
// treatment and a subscription's protocols are lists the provider writes out itself
// (missingData_Values, subscriptionProtocol_Values), judged as fixed; its units are not judged.
import type { CrossRule, InputRule } from "./rule";
import { arnInputs, conflictsWith } from "./rule";
import {
  all,
  any,
  CAMEL,
  custom,
  intAtLeast,
  intDivisibleBy,
  intOneOf,
  lenBetween,
  matches,
  oneOf,
  oneOfGrowing,
  oneOfIgnoringCase,
  validARN,
  Validator,
} from "./validators";
import { isJSON } from "./validators-formats";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";

const CLOUDWATCH = "internal/service/cloudwatch/metric_alarm.go";
const SNS = "internal/service/sns/topic_subscription.go";

/**
 * types.ComparisonOperator of the AWS SDK (`enum.Validate[types.ComparisonOperator]()` in
 * metric_alarm.go): an SDK enumeration, so a value of the same shape (a CamelCase word) is
 * accepted as one a newer provider may list.
 */
const OPERATORS = [
  "GreaterThanOrEqualToThreshold",
  "GreaterThanThreshold",
  "LessThanThreshold",
  "LessThanOrEqualToThreshold",
  "LessThanLowerOrGreaterThanUpperThreshold",
  "LessThanLowerThreshold",
  "GreaterThanUpperThreshold",
];

/** types.Statistic of the AWS SDK (`enum.Validate[types.Statistic]()`), growing like the operators. */
const STATISTICS = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];

/** The provider's pattern of an extended statistic (p99, tm90, TM(10%:90%), IQM, …). */
const EXTENDED =
  /^((p|(tm)|(wm)|(tc)|(ts))((\d{1,2}(\.\d{1,2})?)|(100))|(IQM)|(((TM)|(WM)|(PR)|(TC)|(TS)))\((\d+(\.\d+)?%?)?:(\d+(\.\d+)?%?)?\))$/;
const EXTENDED_WHY =
  "invalid statistic, see: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html";

/** A period of 10, 20 or 30 seconds (high resolution) or a multiple of 60. */
const period = (fast: readonly number[]): Validator => any(intOneOf(fast), intDivisibleBy(60));

/**
 * A namespace of 1 to 255 characters matching `[^:].*` — unanchored, as the provider writes it,
 * so only a value of colons alone fails it.
 */
const namespace = all(
  lenBetween(1, 255),
  custom(
    (s) => /[^:].*/.test(s),
    (k) => `invalid value for ${k} (must not contain colon characters)`,
  ),
);

function alarm(prop: string, attr: string, validate: Validator, fix: string): InputRule {
  return { type: ALARM, prop, attr, validate, fix, source: CLOUDWATCH };
}

export const ALARM_RULES: readonly InputRule[] = [
  alarm("name", "alarm_name", lenBetween(1, 255), "a name of 1 to 255 characters"),
  alarm(
    "alarmDescription",
    "alarm_description",
    lenBetween(0, 1024),
    "a description of at most 1024 characters",
  ),
  alarm(
    "comparisonOperator",
    "comparison_operator",
    oneOfGrowing(OPERATORS, CAMEL),
    "an operator as AWS spells it, e.g. GreaterThanOrEqualToThreshold",
  ),
  alarm("evaluationPeriods", "evaluation_periods", intAtLeast(1), "at least 1 evaluation period"),
  alarm(
    "datapointsToAlarm",
    "datapoints_to_alarm",
    intAtLeast(1),
    "at least 1 datapoint, or leave it out",
  ),
  alarm(
    "period",
    "period",
    period([10, 20, 30]),
    "10, 20 or 30 seconds (high-resolution metrics) or a multiple of 60",
  ),
  alarm(
    "statistic",
    "statistic",
    oneOfGrowing(STATISTICS, CAMEL),
    "SampleCount, Average, Sum, Minimum or Maximum (a percentile goes in extendedStatistic)",
  ),
  alarm(
    "extendedStatistic",
    "extended_statistic",
    matches(EXTENDED, EXTENDED_WHY),
    "a percentile or trimmed statistic: p99, p99.9, tm90, TM(10%:90%), IQM, …",
  ),
  alarm(
    "treatMissingData",
    "treat_missing_data",
    oneOfIgnoringCase(["missing", "ignore", "breaching", "notBreaching"]),
    "missing, ignore, breaching or notBreaching",
  ),
  alarm("metricName", "metric_name", lenBetween(1, 255), "a metric name of 1 to 255 characters"),
  alarm("namespace", "namespace", namespace, "a namespace of 1 to 255 characters, e.g. AWS/Lambda"),
  alarm(
    "thresholdMetricId",
    "threshold_metric_id",
    lenBetween(1, 255),
    "the id of one of the metric queries",
  ),
  ...(
    [
      ["alarmActions", "alarm_actions"],
      ["okActions", "ok_actions"],
      ["insufficientDataActions", "insufficient_data_actions"],
    ] as const
  ).map(([prop, attr]) =>
    alarm(prop, attr, validARN, "ARNs (a topic's `arn` output, an arn:aws:automate:… action)"),
  ),
  alarm("metricQueries.id", "metric_query.id", lenBetween(1, 255), "an id of 1 to 255 characters"),
  alarm(
    "metricQueries.expression",
    "metric_query.expression",
    lenBetween(1, 1024),
    "an expression of 1 to 1024 characters",
  ),
  alarm(
    "metricQueries.period",
    "metric_query.period",
    period([1, 5, 10, 20, 30]),
    "1, 5, 10, 20 or 30 seconds or a multiple of 60",
  ),
  alarm(
    "metricQueries.metric.period",
    "metric_query.metric.0.period",
    period([1, 5, 10, 20, 30]),
    "1, 5, 10, 20 or 30 seconds or a multiple of 60",
  ),
  alarm(
    "metricQueries.metric.stat",
    "metric_query.metric.0.stat",
    any(oneOfGrowing(STATISTICS, CAMEL), matches(EXTENDED, EXTENDED_WHY)),
    "Average, Sum, Minimum, Maximum, SampleCount or a percentile such as p99",
  ),
  alarm(
    "metricQueries.metric.metricName",
    "metric_query.metric.0.metric_name",
    lenBetween(1, 255),
    "a metric name of 1 to 255 characters",
  ),
  alarm(
    "metricQueries.metric.namespace",
    "metric_query.metric.0.namespace",
    namespace,
    "a namespace of 1 to 255 characters",
  ),
];

/**
 * The alarm's own plan check (its CustomizeDiff): with a metric name, exactly one of statistic and
 * extended statistic; a metric query has an expression or a metric, not both.
 */
const statisticGiven: CrossRule = {
  type: ALARM,
  what: "a statistic or an extended statistic with a metric name; an expression or a metric per query",
  reads: ["metricName", "statistic", "extendedStatistic", "metricQueries"],
  check: (inputs) => {
    const set = (v: unknown) => v !== undefined && v !== null && v !== "";
    const out = [];
    if (set(inputs.metricName) && set(inputs.statistic) === set(inputs.extendedStatistic))
      out.push({
        prop: "statistic",
        value: inputs.statistic,
        says: "One of `statistic` or `extended_statistic` must be set for a cloudwatch metric alarm",
      });
    const queries = Array.isArray(inputs.metricQueries) ? inputs.metricQueries : [];
    if (queries.some((q: any) => set(q?.expression) && q?.metric && typeof q.metric === "object"))
      out.push({
        prop: "metricQueries",
        value: undefined,
        says: "No metric_query may have both `expression` and a `metric` specified",
      });
    return out;
  },
  fix:
    "give statistic (Average, Sum, …) or extendedStatistic (p99, …) with metricName, not both; " +
    "a metric query has an expression or a metric",
  source: CLOUDWATCH,
};

export const ALARM_CROSS_RULES: readonly CrossRule[] = [
  statisticGiven,
  conflictsWith(
    ALARM,
    ["extendedStatistic", "extended_statistic"],
    ["statistic", "statistic"],
    CLOUDWATCH,
  ),
  conflictsWith(
    ALARM,
    ["threshold", "threshold"],
    ["thresholdMetricId", "threshold_metric_id"],
    CLOUDWATCH,
  ),
  conflictsWith(
    ALARM,
    ["metricName", "metric_name"],
    ["metricQueries", "metric_query"],
    CLOUDWATCH,
  ),
];

/** subscriptionProtocol_Values (internal/service/sns/consts.go). */
const PROTOCOLS = [
  "application",
  "email",
  "email-json",
  "firehose",
  "http",
  "https",
  "lambda",
  "sms",
  "sqs",
];

export const SUBSCRIPTION_RULES: readonly InputRule[] = [
  {
    type: SUBSCRIPTION,
    prop: "protocol",
    attr: "protocol",
    validate: oneOf(PROTOCOLS),
    fix: "sqs, lambda, https, http, email, email-json, sms, firehose or application (lower case)",
    source: SNS,
  },
  ...arnInputs(SUBSCRIPTION, SNS, [
    ["topic", "topic_arn", "the topic's `arn` output, not its name"],
    ["subscriptionRoleArn", "subscription_role_arn", "a role's `arn` output"],
  ]),
  {
    type: SUBSCRIPTION,
    prop: "filterPolicyScope",
    attr: "filter_policy_scope",
    validate: oneOf(["MessageAttributes", "MessageBody"]),
    fix: "MessageAttributes or MessageBody",
    source: SNS,
  },
  ...(
    [
      ["filterPolicy", "filter_policy"],
      ["deliveryPolicy", "delivery_policy"],
      ["redrivePolicy", "redrive_policy"],
      ["replayPolicy", "replay_policy"],
    ] as const
  ).map(([prop, attr]): InputRule => ({
    type: SUBSCRIPTION,
    prop,
    attr,
    validate: isJSON,
    fix: "a JSON document: JSON.stringify of an object (pulumi.jsonStringify when it holds outputs)",
    source: SNS,
  })),
];
