// API Gateway: REST APIs (v1: APIs, stages, methods, integrations, usage plans) and HTTP and
// WebSocket APIs (v2: APIs, stages, integrations). Each entry names the provider file that declares
// it. Stage names, route keys and minimum compression sizes have no validator in the provider's
// schema (API Gateway refuses a bad one at `pulumi up`): not judged here. A stage's access-log
// destination is an ARN to the provider (verify.ValidARN in both stage.go files) but is left out:
// the KICS test programs this check runs as a fixture give placeholders ("sampleArn") there.
// Enumerations: the AWS SDK's (`enum.Validate[types.X]()`: key sources, endpoint and integration
// types, connection types, content handling, passthrough behaviours, quota periods, protocol
// types, logging levels, put modes) are judged as growing, a value of their shape accepted; the
// lists the provider writes out itself (validHTTPMethod, payload format versions, API key
// selection expressions) and the stage cache sizes are judged as fixed.
import type { InputRule } from "./rule";
import { inputRule } from "./rule";
import {
  intBetween,
  lenBetween,
  LOWER_SNAKE,
  oneOf,
  oneOfGrowing,
  oneOfIgnoringCase,
  validARN,
} from "./validators";

const REST_API = "aws:apigateway/restApi:RestApi";
const STAGE = "aws:apigateway/stage:Stage";
const METHOD = "aws:apigateway/method:Method";
const INTEGRATION = "aws:apigateway/integration:Integration";
const USAGE_PLAN = "aws:apigateway/usagePlan:UsagePlan";
const API_V2 = "aws:apigatewayv2/api:Api";
const STAGE_V2 = "aws:apigatewayv2/stage:Stage";
const INTEGRATION_V2 = "aws:apigatewayv2/integration:Integration";
const ROUTE_V2 = "aws:apigatewayv2/route:Route";

const V1 = "internal/service/apigateway";
const V2 = "internal/service/apigatewayv2";

/** `validHTTPMethod()` of both services (internal/service/apigateway/validate.go). */
const HTTP_METHODS = ["ANY", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];
const HTTP_METHOD_FIX = "ANY, DELETE, GET, HEAD, OPTIONS, PATCH, POST or PUT (upper case)";

/** `enum.Validate[types.IntegrationType]()` of the AWS SDK, the same values in both services. */
const INTEGRATION_TYPES = ["HTTP", "AWS", "MOCK", "HTTP_PROXY", "AWS_PROXY"];
const CONNECTION_TYPES = ["INTERNET", "VPC_LINK"];
const CONTENT_HANDLING = ["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"];
const PASSTHROUGH = ["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"];

const rule = inputRule;

export const API_RULES: readonly InputRule[] = [
  rule(
    REST_API,
    "apiKeySource",
    "api_key_source",
    oneOfGrowing(["HEADER", "AUTHORIZER"]),
    "HEADER or AUTHORIZER",
    `${V1}/rest_api.go`,
  ),
  rule(
    REST_API,
    "endpointConfiguration.types",
    "endpoint_configuration.0.types",
    oneOfGrowing(["REGIONAL", "EDGE", "PRIVATE"]),
    "REGIONAL, EDGE or PRIVATE (upper case)",
    `${V1}/rest_api.go`,
  ),
  rule(
    REST_API,
    "putRestApiMode",
    "put_rest_api_mode",
    oneOfGrowing(["merge", "overwrite"], LOWER_SNAKE),
    "merge or overwrite (lower case)",
    `${V1}/rest_api.go`,
  ),
  rule(
    STAGE,
    "cacheClusterSize",
    "cache_cluster_size",
    oneOfIgnoringCase(["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"]),
    "a cache size in GB as API Gateway offers it: 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118 or 237",
    `${V1}/stage.go`,
  ),
  rule(
    METHOD,
    "httpMethod",
    "http_method",
    oneOf(HTTP_METHODS),
    HTTP_METHOD_FIX,
    `${V1}/method.go`,
  ),
  ...(
    [
      ["httpMethod", "http_method"],
      ["integrationHttpMethod", "integration_http_method"],
    ] as const
  ).map(([prop, attr]) =>
    rule(INTEGRATION, prop, attr, oneOf(HTTP_METHODS), HTTP_METHOD_FIX, `${V1}/integration.go`),
  ),
  rule(
    INTEGRATION,
    "type",
    "type",
    oneOfGrowing(INTEGRATION_TYPES),
    "HTTP, AWS, MOCK, HTTP_PROXY or AWS_PROXY (a Lambda proxy is AWS_PROXY)",
    `${V1}/integration.go`,
  ),
  rule(
    INTEGRATION,
    "connectionType",
    "connection_type",
    oneOfGrowing(CONNECTION_TYPES),
    "INTERNET or VPC_LINK",
    `${V1}/integration.go`,
  ),
  rule(
    INTEGRATION,
    "contentHandling",
    "content_handling",
    oneOfGrowing(CONTENT_HANDLING),
    "CONVERT_TO_BINARY or CONVERT_TO_TEXT",
    `${V1}/integration.go`,
  ),
  rule(
    INTEGRATION,
    "passthroughBehavior",
    "passthrough_behavior",
    oneOfGrowing(PASSTHROUGH),
    "WHEN_NO_MATCH, WHEN_NO_TEMPLATES or NEVER",
    `${V1}/integration.go`,
  ),
  // 50 to 300000, the current provider's bound (AWS lifted the 29-second cap in 2024; older
  // providers stop at 29000): the widest bound, so no program a current provider takes is refused.
  rule(
    INTEGRATION,
    "timeoutMilliseconds",
    "timeout_milliseconds",
    intBetween(50, 300_000),
    "a timeout in milliseconds from 50 to 300000",
    `${V1}/integration.go`,
  ),
  rule(
    USAGE_PLAN,
    "quotaSettings.period",
    "quota_settings.0.period",
    oneOfGrowing(["DAY", "WEEK", "MONTH"]),
    "DAY, WEEK or MONTH (upper case)",
    `${V1}/usage_plan.go`,
  ),
  rule(API_V2, "name", "name", lenBetween(1, 128), "a name of 1 to 128 characters", `${V2}/api.go`),
  rule(
    API_V2,
    "protocolType",
    "protocol_type",
    oneOfGrowing(["HTTP", "WEBSOCKET"]),
    "HTTP or WEBSOCKET (upper case)",
    `${V2}/api.go`,
  ),
  rule(
    API_V2,
    "apiKeySelectionExpression",
    "api_key_selection_expression",
    oneOf(["$context.authorizer.usageIdentifierKey", "$request.header.x-api-key"]),
    "$request.header.x-api-key or $context.authorizer.usageIdentifierKey",
    `${V2}/api.go`,
  ),
  rule(
    API_V2,
    "credentialsArn",
    "credentials_arn",
    validARN,
    "a role's `arn` output",
    `${V2}/api.go`,
  ),
  rule(
    API_V2,
    "description",
    "description",
    lenBetween(0, 1024),
    "a description of at most 1024 characters",
    `${V2}/api.go`,
  ),
  rule(
    API_V2,
    "version",
    "version",
    lenBetween(1, 64),
    "a version of 1 to 64 characters",
    `${V2}/api.go`,
  ),
  rule(
    STAGE_V2,
    "name",
    "name",
    lenBetween(1, 128),
    "a stage name of 1 to 128 characters",
    `${V2}/stage.go`,
  ),
  rule(
    STAGE_V2,
    "description",
    "description",
    lenBetween(0, 1024),
    "a description of at most 1024 characters",
    `${V2}/stage.go`,
  ),
  ...(
    [
      ["defaultRouteSettings.loggingLevel", "default_route_settings.0.logging_level"],
      ["routeSettings.loggingLevel", "route_settings.logging_level"],
    ] as const
  ).map(([prop, attr]) =>
    rule(
      STAGE_V2,
      prop,
      attr,
      // An empty level is read as absent, as every empty string is (./index.ts).
      oneOfGrowing(["ERROR", "INFO", "OFF"]),
      "ERROR, INFO or OFF",
      `${V2}/stage.go`,
    ),
  ),
  rule(
    INTEGRATION_V2,
    "integrationType",
    "integration_type",
    oneOfGrowing(["AWS", "AWS_PROXY", "HTTP", "HTTP_PROXY", "MOCK"]),
    "AWS_PROXY (a Lambda), HTTP_PROXY, AWS, HTTP or MOCK",
    `${V2}/integration.go`,
  ),
  rule(
    INTEGRATION_V2,
    "integrationMethod",
    "integration_method",
    oneOf(HTTP_METHODS),
    HTTP_METHOD_FIX,
    `${V2}/integration.go`,
  ),
  rule(
    INTEGRATION_V2,
    "connectionType",
    "connection_type",
    oneOfGrowing(CONNECTION_TYPES),
    "INTERNET or VPC_LINK",
    `${V2}/integration.go`,
  ),
  rule(
    INTEGRATION_V2,
    "contentHandlingStrategy",
    "content_handling_strategy",
    oneOfGrowing(CONTENT_HANDLING),
    "CONVERT_TO_BINARY or CONVERT_TO_TEXT",
    `${V2}/integration.go`,
  ),
  rule(
    INTEGRATION_V2,
    "passthroughBehavior",
    "passthrough_behavior",
    oneOfGrowing(PASSTHROUGH),
    "WHEN_NO_MATCH, WHEN_NO_TEMPLATES or NEVER",
    `${V2}/integration.go`,
  ),
  rule(
    INTEGRATION_V2,
    "payloadFormatVersion",
    "payload_format_version",
    oneOf(["1.0", "2.0"]),
    '"1.0" or "2.0" (a string)',
    `${V2}/integration.go`,
  ),
  rule(
    INTEGRATION_V2,
    "credentialsArn",
    "credentials_arn",
    validARN,
    "a role's `arn` output",
    `${V2}/integration.go`,
  ),
  rule(
    INTEGRATION_V2,
    "integrationSubtype",
    "integration_subtype",
    lenBetween(1, 128),
    "a subtype of 1 to 128 characters, e.g. SQS-SendMessage",
    `${V2}/integration.go`,
  ),
  rule(
    INTEGRATION_V2,
    "connectionId",
    "connection_id",
    lenBetween(1, 1024),
    "the VPC link's `id` output",
    `${V2}/integration.go`,
  ),
  // A route: enum.Validate of the SDK's AuthorizationType, an operation name of 1 to 64 and a
  // target of 1 to 128 characters (route.go). The route key is AWS's to parse, and how depends on
  // the API's protocol, which the route does not carry: not judged.
  rule(
    ROUTE_V2,
    "authorizationType",
    "authorization_type",
    oneOfGrowing(["NONE", "AWS_IAM", "CUSTOM", "JWT"]),
    "NONE, AWS_IAM, CUSTOM or JWT (upper case)",
    `${V2}/route.go`,
  ),
  rule(
    ROUTE_V2,
    "operationName",
    "operation_name",
    lenBetween(1, 64),
    "an operation name of at most 64 characters",
    `${V2}/route.go`,
  ),
  rule(
    ROUTE_V2,
    "target",
    "target",
    lenBetween(1, 128),
    "integrations/<the integration's id>",
    `${V2}/route.go`,
  ),
];
