// CloudWatch Logs metric and subscription filters: the attribute validators of the provider's
// schema (internal/service/logs/metric_filter.go and subscription_filter.go, with validate.go),
// which its Check runs at `pulumi preview`. A metric filter: its name (at most 512 characters, no
// `:` or `*`), its log group's name, the pattern (at most 1024 UTF-8 characters), and the metric
// transformation's name and namespace (at most 255 characters, no `:`, `*` or `$`), value (at most
// 100 characters) and unit (the SDK's StandardUnit, case-sensitive); CIS-style alarm stacks create
// one per check, named from the logical name when the program gives none, so a logical name with
// `*` is refused. A subscription filter: its name (1 to 512 characters), pattern (at most 1024),
// destination and role ARNs, distribution (the SDK's Distribution) and system fields.
import { arnInputs, type InputRule } from "./rule";
import { logGroupName } from "./rules-data";
import {
  all,
  CAMEL,
  custom,
  goQuote,
  lenBetween,
  oneOf,
  oneOfGrowing,
  Validator,
} from "./validators";

const FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
const FILE = "internal/service/logs/metric_filter.go";
const VALIDATE = "internal/service/logs/validate.go";
const SUBSCRIPTION = "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter";
const SUBSCRIPTION_FILE = "internal/service/logs/subscription_filter.go";

/** validLogMetricFilterName and validLogMetricFilterTransformationName, in their words. */
function metricName(max: number, banned: RegExp, what: string, banWords: string): Validator {
  return all(
    custom(
      (s) => s.length <= max,
      (k, s) => `${goQuote(k)} cannot be longer than ${max} characters: ${goQuote(s)}`,
    ),
    custom(
      (s) => !banned.test(s),
      (k, s) => `${goQuote(k)} isn't a valid ${what} (must not contain ${banWords}): ${goQuote(s)}`,
    ),
  );
}

/** verify.StringUTF8LenBetween(0, 1024) of `pattern`, as the bridge joins its summary and detail. */
const patternLength: Validator = (v) => {
  if (typeof v !== "string") return [];
  const n = [...v].length;
  return n > 1024
    ? [
        `Invalid character length. expected length of pattern to be between 0 and 1024 UTF-8 characters, got ${n}`,
      ]
    : [];
};

/** CloudWatch's StandardUnit; a newer SDK's value of the same shape passes (oneOfGrowing). */
const UNITS = [
  "Seconds",
  "Microseconds",
  "Milliseconds",
  "Bytes",
  "Kilobytes",
  "Megabytes",
  "Gigabytes",
  "Terabytes",
  "Bits",
  "Kilobits",
  "Megabits",
  "Gigabits",
  "Terabits",
  "Percent",
  "Count",
  "Bytes/Second",
  "Kilobytes/Second",
  "Megabytes/Second",
  "Gigabytes/Second",
  "Terabytes/Second",
  "Bits/Second",
  "Kilobits/Second",
  "Megabits/Second",
  "Gigabits/Second",
  "Terabits/Second",
  "Count/Second",
  "None",
];
const UNIT_SHAPE = /^[A-Z][a-z]+(\/[A-Z][a-z]+)?$/;

const TRANSFORMATION_NAME_FIX = "at most 255 characters, without :, * or $";

export const LOG_RULES: readonly InputRule[] = [
  {
    type: FILTER,
    prop: "name",
    attr: "name",
    validate: metricName(512, /[:*]/, "log metric name", "colon nor asterisk"),
    fix: "at most 512 characters, without : or * (a logical name Pulumi turns into the name too)",
    source: VALIDATE,
  },
  {
    type: FILTER,
    prop: "logGroupName",
    attr: "log_group_name",
    validate: logGroupName(512),
    fix: "the log group's name (letters, digits, _ - / # .), e.g. the group's `name` output",
    source: VALIDATE,
  },
  {
    type: FILTER,
    prop: "pattern",
    attr: "pattern",
    validate: patternLength,
    fix: "a filter pattern of at most 1024 characters",
    source: FILE,
  },
  ...(
    [
      ["metricTransformation.name", "name"],
      ["metricTransformation.namespace", "namespace"],
    ] as const
  ).map(([prop, attr]): InputRule => ({
    type: FILTER,
    prop,
    attr,
    validate: metricName(
      255,
      /[:*$]/,
      "log metric transformation name",
      "colon, asterisk nor dollar sign",
    ),
    fix: TRANSFORMATION_NAME_FIX,
    source: VALIDATE,
  })),
  {
    type: FILTER,
    prop: "metricTransformation.value",
    attr: "value",
    validate: lenBetween(0, 100),
    fix: 'the value to publish, at most 100 characters ("1", or a field such as $.latency)',
    source: FILE,
  },
  {
    type: FILTER,
    prop: "metricTransformation.unit",
    attr: "unit",
    validate: oneOfGrowing(UNITS, UNIT_SHAPE),
    fix: "a CloudWatch unit as AWS spells it: Count, Seconds, Bytes, Percent, Count/Second, None, …",
    source: FILE,
  },
  {
    type: SUBSCRIPTION,
    prop: "name",
    attr: "name",
    validate: lenBetween(1, 512),
    fix: "at most 512 characters (a logical name Pulumi turns into the name too)",
    source: SUBSCRIPTION_FILE,
  },
  {
    type: SUBSCRIPTION,
    prop: "filterPattern",
    attr: "filter_pattern",
    validate: lenBetween(0, 1024),
    fix: 'a filter pattern of at most 1024 characters ("" forwards every event)',
    source: SUBSCRIPTION_FILE,
  },
  ...arnInputs(SUBSCRIPTION, SUBSCRIPTION_FILE, [
    [
      "destinationArn",
      "destination_arn",
      "the ARN of the stream, Firehose, function or destination",
    ],
    ["roleArn", "role_arn", "the ARN of the role CloudWatch Logs assumes"],
  ]),
  {
    // enum.Validate of the SDK's Distribution: ByLogStream, Random.
    type: SUBSCRIPTION,
    prop: "distribution",
    attr: "distribution",
    validate: oneOfGrowing(["Random", "ByLogStream"], CAMEL),
    fix: "ByLogStream or Random, as AWS spells them",
    source: SUBSCRIPTION_FILE,
  },
  {
    type: SUBSCRIPTION,
    prop: "emitSystemFields",
    attr: "emit_system_fields",
    validate: oneOf(["@aws.account", "@aws.region"]),
    fix: "@aws.account and/or @aws.region",
    source: SUBSCRIPTION_FILE,
  },
];
