// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: API Gateway REST APIs (stages, methods, integrations, usage plans)
// and HTTP and WebSocket APIs.

const ARN = "arn:aws:iam::123456789012:role/app";
const LOGS = "arn:aws:logs:us-east-1:123456789012:log-group:api";

/** A compliant resource of each type, or the inputs added to one of the first file's. */
export const API_COMPLIANT: Record<string, Record<string, unknown>> = {
  "aws:apigateway/restApi:RestApi": {
    name: "api",
    apiKeySource: "AUTHORIZER",
    endpointConfiguration: { types: "PRIVATE" },
    putRestApiMode: "merge",
  },
  "aws:apigateway/stage:Stage": {
    restApi: "a1",
    deployment: "d1",
    stageName: "prod",
    accessLogSettings: { destinationArn: LOGS, format: "$context.requestId" },
    cacheClusterSize: "237",
  },
  "aws:apigateway/method:Method": {
    restApi: "a1",
    resourceId: "r1",
    httpMethod: "ANY",
    authorization: "NONE",
  },
  "aws:apigateway/integration:Integration": {
    restApi: "a1",
    resourceId: "r1",
    httpMethod: "POST",
    integrationHttpMethod: "POST",
    type: "AWS_PROXY",
    connectionType: "VPC_LINK",
    contentHandling: "CONVERT_TO_TEXT",
    passthroughBehavior: "WHEN_NO_TEMPLATES",
    timeoutMilliseconds: 300_000,
  },
  "aws:apigateway/usagePlan:UsagePlan": {
    name: "basic",
    quotaSettings: { limit: 10, period: "WEEK" },
  },
  "aws:apigatewayv2/api:Api": {
    name: "a".repeat(128),
    protocolType: "WEBSOCKET",
    apiKeySelectionExpression: "$context.authorizer.usageIdentifierKey",
    credentialsArn: ARN,
    description: "d".repeat(1024),
    version: "v".repeat(64),
  },
  "aws:apigatewayv2/stage:Stage": {
    apiId: "a1",
    name: "$default",
    description: "",
    accessLogSettings: { destinationArn: LOGS, format: "$context.requestId" },
    defaultRouteSettings: { loggingLevel: "OFF" },
    routeSettings: [{ routeKey: "$connect", loggingLevel: "INFO" }],
  },
  "aws:apigatewayv2/integration:Integration": {
    apiId: "a1",
    integrationType: "AWS_PROXY",
    integrationMethod: "POST",
    connectionType: "INTERNET",
    contentHandlingStrategy: "CONVERT_TO_BINARY",
    passthroughBehavior: "NEVER",
    payloadFormatVersion: "2.0",
    credentialsArn: ARN,
    integrationSubtype: "s".repeat(128),
    connectionId: "c".repeat(1024),
  },
};

/** Broken inputs, as BROKEN of provider-inputs-cases.ts. */
export const API_BROKEN: [string, string, unknown, string, Record<string, unknown>?][] = [
  ["aws:apigateway/restApi:RestApi", "apiKeySource", "header", "got header"],
  [
    "aws:apigateway/restApi:RestApi",
    "endpointConfiguration",
    { types: "Regional" },
    "got Regional",
  ],
  ["aws:apigateway/restApi:RestApi", "putRestApiMode", "MERGE", "got MERGE"],
  [
    "aws:apigateway/stage:Stage",
    "accessLogSettings",
    { destinationArn: "api-logs", format: "x" },
    "is an invalid ARN",
  ],
  [
    "aws:apigateway/stage:Stage",
    "cacheClusterSize",
    "1",
    "expected cache_cluster_size to be one of",
  ],
  ["aws:apigateway/method:Method", "httpMethod", "get", "expected http_method to be one of"],
  ["aws:apigateway/integration:Integration", "httpMethod", "CONNECT", "got CONNECT"],
  ["aws:apigateway/integration:Integration", "integrationHttpMethod", "post", "got post"],
  ["aws:apigateway/integration:Integration", "type", "LAMBDA", "got LAMBDA"],
  ["aws:apigateway/integration:Integration", "connectionType", "VPC", "got VPC"],
  [
    "aws:apigateway/integration:Integration",
    "contentHandling",
    "CONVERT_TO_JSON",
    "got CONVERT_TO_JSON",
  ],
  ["aws:apigateway/integration:Integration", "passthroughBehavior", "ALWAYS", "got ALWAYS"],
  ["aws:apigateway/integration:Integration", "timeoutMilliseconds", 49, "(50 - 300000), got 49"],
  [
    "aws:apigateway/integration:Integration",
    "timeoutMilliseconds",
    300_001,
    "(50 - 300000), got 300001",
  ],
  ["aws:apigateway/usagePlan:UsagePlan", "quotaSettings", { limit: 1, period: "YEAR" }, "got YEAR"],
  ["aws:apigatewayv2/api:Api", "name", "a".repeat(129), "(1 - 128)"],
  ["aws:apigatewayv2/api:Api", "protocolType", "REST", "got REST"],
  [
    "aws:apigatewayv2/api:Api",
    "apiKeySelectionExpression",
    "$request.header.X-Api-Key",
    "got $request",
  ],
  ["aws:apigatewayv2/api:Api", "credentialsArn", "api-role", "is an invalid ARN"],
  ["aws:apigatewayv2/api:Api", "description", "d".repeat(1025), "(0 - 1024)"],
  ["aws:apigatewayv2/api:Api", "version", "v".repeat(65), "(1 - 64)"],
  ["aws:apigatewayv2/stage:Stage", "name", "s".repeat(129), "(1 - 128)"],
  ["aws:apigatewayv2/stage:Stage", "description", "d".repeat(1025), "(0 - 1024)"],
  [
    "aws:apigatewayv2/stage:Stage",
    "accessLogSettings",
    { destinationArn: "logs", format: "x" },
    "invalid ARN",
  ],
  ["aws:apigatewayv2/stage:Stage", "defaultRouteSettings", { loggingLevel: "DEBUG" }, "got DEBUG"],
  [
    "aws:apigatewayv2/stage:Stage",
    "routeSettings",
    [{ routeKey: "$default", loggingLevel: "info" }],
    "got info",
  ],
  ["aws:apigatewayv2/integration:Integration", "integrationType", "LAMBDA", "got LAMBDA"],
  ["aws:apigatewayv2/integration:Integration", "integrationMethod", "TRACE", "got TRACE"],
  ["aws:apigatewayv2/integration:Integration", "connectionType", "PRIVATE", "got PRIVATE"],
  ["aws:apigatewayv2/integration:Integration", "contentHandlingStrategy", "TEXT", "got TEXT"],
  ["aws:apigatewayv2/integration:Integration", "passthroughBehavior", "never", "got never"],
  ["aws:apigatewayv2/integration:Integration", "payloadFormatVersion", "2", "got 2"],
  ["aws:apigatewayv2/integration:Integration", "credentialsArn", "role", "invalid ARN"],
  ["aws:apigatewayv2/integration:Integration", "integrationSubtype", "s".repeat(129), "(1 - 128)"],
  ["aws:apigatewayv2/integration:Integration", "connectionId", "c".repeat(1025), "(1 - 1024)"],
];
