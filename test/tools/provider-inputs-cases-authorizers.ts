// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: API Gateway authorizers of HTTP and REST APIs (rules-authorizers.ts),
// a Lambda function's asynchronous invocation settings (rules-invoke-config.ts) and CloudWatch
// composite alarms (rules-composite-alarms.ts), each bound crossed once.
import type { Case } from "./provider-inputs-cases";
import { ROLE_ARN } from "./provider-inputs-cases-base";

const V2_AUTHORIZER = "aws:apigatewayv2/authorizer:Authorizer";
const AUTHORIZER = "aws:apigateway/authorizer:Authorizer";
const CONFIG = "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig";
const COMPOSITE = "aws:cloudwatch/compositeAlarm:CompositeAlarm";

const INVOKE_ARN =
  "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations";
const POOL_ARN = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI";
const QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:failed-events";
const TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:alerts";
const topics = (n: number) => Array.from({ length: n }, (_, i) => `${TOPIC_ARN}-${i}`);

/** The compliant resources of the types only these cases cover. */
export const AUTHORIZERS_COMPLIANT: Record<string, Record<string, unknown>> = {
  [V2_AUTHORIZER]: {
    apiId: "a1b2c3d4e5",
    name: "lambda-auth",
    authorizerType: "REQUEST",
    authorizerUri: INVOKE_ARN,
    authorizerCredentialsArn: ROLE_ARN,
    authorizerPayloadFormatVersion: "2.0",
    authorizerResultTtlInSeconds: 300,
    identitySources: ["$request.header.Authorization"],
  },
  [AUTHORIZER]: {
    restApi: "a1b2c3d4e5",
    name: "users",
    type: "COGNITO_USER_POOLS",
    providerArns: [POOL_ARN],
    authorizerCredentials: ROLE_ARN,
    authorizerResultTtlInSeconds: 3600,
  },
  [CONFIG]: {
    functionName: "worker",
    maximumEventAgeInSeconds: 21600,
    maximumRetryAttempts: 0,
    destinationConfig: {
      onFailure: { destination: QUEUE_ARN },
      onSuccess: { destination: TOPIC_ARN },
    },
  },
  [COMPOSITE]: {
    alarmName: "service-unhealthy",
    alarmDescription: "CPU high and errors up",
    alarmRule: 'ALARM("cpu-high") AND ALARM("errors")',
    // Five distinct actions, the most a list takes; a value given twice counts once (a set).
    alarmActions: [...topics(5), `${TOPIC_ARN}-0`],
    okActions: [TOPIC_ARN],
    insufficientDataActions: [TOPIC_ARN],
  },
};

export const AUTHORIZERS_BROKEN: Case[] = [
  [
    V2_AUTHORIZER,
    "authorizerCredentialsArn",
    "app-authorizer-role",
    '"authorizer_credentials_arn" (app-authorizer-role) is an invalid ARN',
  ],
  [
    V2_AUTHORIZER,
    "authorizerPayloadFormatVersion",
    "2",
    'expected authorizer_payload_format_version to be one of ["1.0" "2.0"], got 2',
  ],
  [
    V2_AUTHORIZER,
    "authorizerResultTtlInSeconds",
    3601,
    "expected authorizer_result_ttl_in_seconds to be in the range (0 - 3600), got 3601",
  ],
  [V2_AUTHORIZER, "authorizerResultTtlInSeconds", -1, "in the range (0 - 3600), got -1"],
  [V2_AUTHORIZER, "authorizerType", "jwt", "expected authorizer_type to be one of"],
  [
    V2_AUTHORIZER,
    "authorizerUri",
    `${INVOKE_ARN}/${"x".repeat(2048)}`,
    "expected length of authorizer_uri to be in the range (1 - 2048)",
  ],
  [V2_AUTHORIZER, "name", "a".repeat(129), "expected length of name to be in the range (1 - 128)"],
  [
    AUTHORIZER,
    "authorizerCredentials",
    "authorizer-role",
    '"authorizer_credentials" (authorizer-role) is an invalid ARN',
  ],
  [
    AUTHORIZER,
    "providerArns",
    [POOL_ARN, "us-east-1_AbCdEfGhI"],
    '"provider_arns" (us-east-1_AbCdEfGhI) is an invalid ARN',
  ],
  [
    AUTHORIZER,
    "authorizerResultTtlInSeconds",
    7200,
    "expected authorizer_result_ttl_in_seconds to be in the range (0 - 3600), got 7200",
  ],
  [AUTHORIZER, "type", "Cognito", "expected type to be one of"],
  // resourceAuthorizerCustomizeDiff: a Lambda authorizer (TOKEN, the default, or REQUEST) needs
  // its URI, a Cognito one its user pools; an empty value counts as none.
  [
    AUTHORIZER,
    "type",
    undefined,
    "authorizer_uri must be set non-empty when authorizer type is TOKEN",
  ],
  [
    AUTHORIZER,
    "authorizerUri",
    "",
    "authorizer_uri must be set non-empty when authorizer type is REQUEST",
    { type: "REQUEST", authorizerUri: INVOKE_ARN, providerArns: undefined },
  ],
  [
    AUTHORIZER,
    "providerArns",
    undefined,
    "provider_arns must be set non-empty when authorizer type is COGNITO_USER_POOLS",
  ],
  [
    AUTHORIZER,
    "providerArns",
    [],
    "provider_arns must be set non-empty when authorizer type is COGNITO_USER_POOLS",
  ],
  [
    CONFIG,
    "maximumEventAgeInSeconds",
    59,
    "expected maximum_event_age_in_seconds to be in the range (60 - 21600), got 59",
  ],
  [CONFIG, "maximumEventAgeInSeconds", 21601, "in the range (60 - 21600), got 21601"],
  [
    CONFIG,
    "maximumRetryAttempts",
    3,
    "expected maximum_retry_attempts to be in the range (0 - 2), got 3",
  ],
  [
    CONFIG,
    "destinationConfig",
    {
      onFailure: { destination: "https://sqs.us-east-1.amazonaws.com/123456789012/failed-events" },
    },
    '"destination_config.0.on_failure.0.destination" (https://sqs.us-east-1.amazonaws.com/123456789012/failed-events) is an invalid ARN',
  ],
  [
    CONFIG,
    "destinationConfig",
    { onSuccess: { destination: "worker-done" } },
    '"destination_config.0.on_success.0.destination" (worker-done) is an invalid ARN',
  ],
  [
    COMPOSITE,
    "alarmName",
    "a".repeat(256),
    "expected length of alarm_name to be in the range (0 - 255)",
  ],
  [
    COMPOSITE,
    "alarmDescription",
    "d".repeat(1025),
    "expected length of alarm_description to be in the range (0 - 1024)",
  ],
  [
    COMPOSITE,
    "alarmRule",
    `ALARM("${"x".repeat(10240)}")`,
    "expected length of alarm_rule to be in the range (1 - 10240)",
  ],
  [COMPOSITE, "alarmActions", ["alerts"], '"alarm_actions" (alerts) is an invalid ARN'],
  [COMPOSITE, "okActions", ["alerts"], '"ok_actions" (alerts) is an invalid ARN'],
  [
    COMPOSITE,
    "insufficientDataActions",
    ["alerts"],
    '"insufficient_data_actions" (alerts) is an invalid ARN',
  ],
  [
    COMPOSITE,
    "alarmActions",
    topics(6),
    "Attribute alarm_actions supports 5 item maximum, but config has 6 declared.",
  ],
  [COMPOSITE, "okActions", topics(6), "Attribute ok_actions supports 5 item maximum"],
  [
    COMPOSITE,
    "insufficientDataActions",
    topics(6),
    "Attribute insufficient_data_actions supports 5 item maximum",
  ],
];
