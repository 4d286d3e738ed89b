// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: EventBridge Scheduler schedules (rules-scheduler.ts), CloudWatch Logs
// metric and subscription filters (rules-logs.ts), API Gateway v2 routes (rules-api.ts) and
// Cognito user pool clients (rules-cognito-client.ts) and Lambda function URLs
// (rules-function-url.ts).

export const SCHEDULE = "aws:scheduler/schedule:Schedule";
export const METRIC_FILTER = "aws:cloudwatch/logMetricFilter:LogMetricFilter";
const SUBSCRIPTION = "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter";
const ROUTE = "aws:apigatewayv2/route:Route";
export const CLIENT = "aws:cognito/userPoolClient:UserPoolClient";
const FUNCTION_URL = "aws:lambda/functionUrl:FunctionUrl";

/** A metric filter's transformation, as CIS-style alarm stacks write one. */
const TRANSFORMATION = { name: "UnauthorizedAPICalls", namespace: "CISBenchmark", value: "1" };

/** A resource of each type, or the inputs added to one of the first files', at its bounds. */
export const EVENTS_COMPLIANT: Record<string, Record<string, unknown>> = {
  [SCHEDULE]: {
    name: `nightly.export_v2-${"n".repeat(45)}`,
    groupName: "g".repeat(64),
    description: "d".repeat(512),
    scheduleExpressionTimezone: "America/Argentina/ComodRivadavia",
    kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    state: "DISABLED",
    actionAfterCompletion: "DELETE",
    flexibleTimeWindow: { mode: "FLEXIBLE", maximumWindowInMinutes: 1440 },
    target: {
      arn: "arn:aws:sqs:us-east-1:123456789012:q.fifo",
      roleArn: "arn:aws:iam::123456789012:role/scheduler",
      deadLetterConfig: { arn: "arn:aws:sqs:us-east-1:123456789012:dlq" },
      retryPolicy: { maximumEventAgeInSeconds: 60, maximumRetryAttempts: 185 },
      sqsParameters: { messageGroupId: "m".repeat(128) },
    },
  },
  [METRIC_FILTER]: {
    name: `unauthorized-api_calls.v2/${"f".repeat(486)}`,
    logGroupName: "/aws/cloudtrail/org#main",
    pattern:
      '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }'.padEnd(
        1024,
      ),
    metricTransformation: {
      ...TRANSFORMATION,
      name: "n".repeat(255),
      namespace: "CIS/Benchmark_v1.4-ns",
      value: "v".repeat(100),
      unit: "Count/Second",
      defaultValue: "0",
    },
  },
  [SUBSCRIPTION]: {
    name: "s".repeat(512),
    logGroup: "/aws/lambda/api",
    filterPattern: "",
    destinationArn: "arn:aws:firehose:us-east-1:123456789012:deliverystream/logs",
    roleArn: "arn:aws:iam::123456789012:role/cwl-to-firehose",
    distribution: "Random",
    emitSystemFields: ["@aws.account", "@aws.region"],
  },
  [ROUTE]: {
    apiId: "a1b2c3",
    routeKey: "GET /items/{id}",
    authorizationType: "JWT",
    authorizerId: "auth1",
    operationName: "o".repeat(64),
    target: "integrations/abc123",
  },
  // Each token at its longest, in the default units (hours, and days for the refresh token).
  [CLIENT]: {
    userPoolId: "us-east-1_AbCdEf123",
    authSessionValidity: 15,
    allowedOauthFlows: ["code", "implicit", "client_credentials"],
    accessTokenValidity: 24,
    idTokenValidity: 24,
    refreshTokenValidity: 3650,
  },
  [FUNCTION_URL]: {
    functionName: "api",
    authorizationType: "AWS_IAM",
    cors: { allowOrigins: ["https://example.com"], maxAge: 86400 },
  },
};

type Case = [string, string, unknown, string, Record<string, unknown>?];

/** Broken inputs, as BROKEN of provider-inputs-cases.ts. */
export const EVENTS_BROKEN: Case[] = [
  // The provider's validators, at preview.
  [SCHEDULE, "name", "n".repeat(65), "expected length of name to be in the range (1 - 64)"],
  [
    SCHEDULE,
    "name",
    "nightly export",
    "The name must consist of alphanumerics, hyphens, and underscores.",
  ],
  [
    SCHEDULE,
    "namePrefix",
    "p".repeat(39),
    "expected length of name_prefix to be in the range (1 - 38)",
    { name: undefined },
  ],
  [SCHEDULE, "namePrefix", "nightly/", "invalid value for name_prefix", { name: undefined }],
  [SCHEDULE, "namePrefix", "nightly-", '"name": conflicts with name_prefix'],
  [
    SCHEDULE,
    "groupName",
    "g".repeat(65),
    "expected length of group_name to be in the range (1 - 64)",
  ],
  [
    SCHEDULE,
    "description",
    "d".repeat(513),
    "expected length of description to be in the range (0 - 512)",
  ],
  [
    SCHEDULE,
    "scheduleExpressionTimezone",
    "z".repeat(51),
    "schedule_expression_timezone to be in the range (1 - 50)",
  ],
  [SCHEDULE, "kmsKeyArn", "alias/scheduler", "kms_key_arn"],
  [SCHEDULE, "state", "enabled", 'expected state to be one of ["ENABLED" "DISABLED"], got enabled'],
  [SCHEDULE, "actionAfterCompletion", "Delete", "expected action_after_completion to be one of"],
  [SCHEDULE, "flexibleTimeWindow", { mode: "off" }, "expected mode to be one of"],
  [
    SCHEDULE,
    "flexibleTimeWindow",
    { mode: "FLEXIBLE", maximumWindowInMinutes: 1441 },
    "expected maximum_window_in_minutes to be in the range (1 - 1440), got 1441",
  ],
  [
    SCHEDULE,
    "flexibleTimeWindow",
    { mode: "FLEXIBLE", maximumWindowInMinutes: 0 },
    "maximum_window_in_minutes to be in the range (1 - 1440), got 0",
  ],
  [SCHEDULE, "target", { arn: "my-queue", roleArn: "arn:aws:iam::123456789012:role/s" }, "arn"],
  [
    SCHEDULE,
    "target",
    { arn: "arn:aws:sqs:us-east-1:123456789012:q", roleArn: "scheduler" },
    "role_arn",
  ],
  [
    SCHEDULE,
    "target",
    {
      arn: "arn:aws:sqs:us-east-1:123456789012:q",
      roleArn: "arn:aws:iam::1:role/s",
      deadLetterConfig: { arn: "dlq" },
    },
    "arn",
  ],
  [
    SCHEDULE,
    "target",
    {
      arn: "arn:aws:sqs:us-east-1:123456789012:q",
      roleArn: "arn:aws:iam::1:role/s",
      retryPolicy: { maximumEventAgeInSeconds: 59 },
    },
    "expected maximum_event_age_in_seconds to be in the range (60 - 86400), got 59",
  ],
  [
    SCHEDULE,
    "target",
    {
      arn: "arn:aws:sqs:us-east-1:123456789012:q",
      roleArn: "arn:aws:iam::1:role/s",
      retryPolicy: { maximumEventAgeInSeconds: 86401 },
    },
    "got 86401",
  ],
  [
    SCHEDULE,
    "target",
    {
      arn: "arn:aws:sqs:us-east-1:123456789012:q",
      roleArn: "arn:aws:iam::1:role/s",
      retryPolicy: { maximumRetryAttempts: 186 },
    },
    "expected maximum_retry_attempts to be in the range (0 - 185), got 186",
  ],
  [
    SCHEDULE,
    "target",
    {
      arn: "arn:aws:sqs:us-east-1:123456789012:q.fifo",
      roleArn: "arn:aws:iam::1:role/s",
      sqsParameters: { messageGroupId: "m".repeat(129) },
    },
    "expected length of message_group_id to be in the range (1 - 128)",
  ],
  [
    METRIC_FILTER,
    "name",
    "cis:unauthorized",
    '"name" isn\'t a valid log metric name (must not contain colon nor asterisk): "cis:unauthorized"',
  ],
  [METRIC_FILTER, "name", "f".repeat(513), '"name" cannot be longer than 512 characters'],
  [
    METRIC_FILTER,
    "logGroupName",
    "arn:aws:logs:us-east-1:1:log-group:trail",
    "isn't a valid log group name",
  ],
  [
    METRIC_FILTER,
    "pattern",
    "é".repeat(1025),
    "Invalid character length. expected length of pattern to be between 0 and 1024 UTF-8 characters, got 1025",
  ],
  [
    METRIC_FILTER,
    "metricTransformation",
    { ...TRANSFORMATION, name: "Calls$" },
    '"name" isn\'t a valid log metric transformation name (must not contain colon, asterisk nor dollar sign)',
  ],
  [
    METRIC_FILTER,
    "metricTransformation",
    { ...TRANSFORMATION, namespace: "CIS:Benchmark" },
    '"namespace" isn\'t a valid log metric transformation name',
  ],
  [
    METRIC_FILTER,
    "metricTransformation",
    { ...TRANSFORMATION, namespace: "n".repeat(256) },
    '"namespace" cannot be longer than 255 characters',
  ],
  [
    METRIC_FILTER,
    "metricTransformation",
    { ...TRANSFORMATION, value: "v".repeat(101) },
    "expected length of value to be in the range (0 - 100)",
  ],
  [
    METRIC_FILTER,
    "metricTransformation",
    { ...TRANSFORMATION, unit: "count" },
    'expected unit to be one of ["Seconds"',
  ],
  [
    METRIC_FILTER,
    "metricTransformation",
    { ...TRANSFORMATION, unit: "Bytes per second" },
    "got Bytes per second",
  ],
  [SUBSCRIPTION, "name", "s".repeat(513), "expected length of name to be in the range (1 - 512)"],
  [
    SUBSCRIPTION,
    "filterPattern",
    "p".repeat(1025),
    "expected length of filter_pattern to be in the range (0 - 1024)",
  ],
  [SUBSCRIPTION, "destinationArn", "logs-firehose", "destination_arn"],
  [SUBSCRIPTION, "roleArn", "cwl-to-firehose", "role_arn"],
  [
    SUBSCRIPTION,
    "distribution",
    "random",
    'expected distribution to be one of ["Random" "ByLogStream"], got random',
  ],
  [SUBSCRIPTION, "emitSystemFields", ["@aws.account", "aws.region"], "got aws.region"],
  [
    ROUTE,
    "authorizationType",
    "iam",
    'expected authorization_type to be one of ["NONE" "AWS_IAM" "CUSTOM" "JWT"], got iam',
  ],
  [
    ROUTE,
    "operationName",
    "o".repeat(65),
    "expected length of operation_name to be in the range (1 - 64)",
  ],
  [
    ROUTE,
    "target",
    `integrations/${"i".repeat(116)}`,
    "expected length of target to be in the range (1 - 128)",
  ],
  [
    CLIENT,
    "authSessionValidity",
    2,
    "Attribute auth_session_validity value must be between 3 and 15, got: 2",
  ],
  [
    CLIENT,
    "allowedOauthFlows",
    ["code", "authorization_code"],
    'Attribute allowed_oauth_flows[Value("authorization_code")] value must be one of: ["code" "implicit" "client_credentials"]',
  ],
  [
    CLIENT,
    "accessTokenValidity",
    25,
    "Attribute access_token_validity must have a duration between 5m0s and 24h0m0s, got: 25h0m0s",
  ],
  [
    CLIENT,
    "idTokenValidity",
    4,
    "Attribute id_token_validity must have a duration between 5m0s and 24h0m0s, got: 4m0s",
    { tokenValidityUnits: { accessToken: "hours", idToken: "minutes", refreshToken: "days" } },
  ],
  [
    CLIENT,
    "refreshTokenValidity",
    3651,
    "Attribute refresh_token_validity must have a duration between 1h0m0s and 87600h0m0s, got: 87624h0m0s",
  ],
  // Seconds, as AWS's own API takes them: 3600 access-token seconds fit, 3600 hours do not.
  [CLIENT, "accessTokenValidity", 3600, "got: 3600h0m0s", { accessTokenValidity: 1 }],
  [
    CLIENT,
    "refreshTokenValidity",
    59,
    "got: 59m0s",
    {
      tokenValidityUnits: { accessToken: "hours", idToken: "hours", refreshToken: "minutes" },
      refreshTokenValidity: 60,
    },
  ],
  [
    FUNCTION_URL,
    "authorizationType",
    "aws_iam",
    'expected authorization_type to be one of ["AWS_IAM" "NONE"], got aws_iam',
  ],
  [FUNCTION_URL, "authorizationType", "none", "got none"],
  [FUNCTION_URL, "cors", { maxAge: 86401 }, "expected max_age to be at most (86400), got 86401"],
];
