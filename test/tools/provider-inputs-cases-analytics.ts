// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: Athena databases and workgroups, Glue catalog databases, tables and
// jobs, AppSync GraphQL APIs and data sources. Each bound is met by the compliant resource and
// crossed by one broken case.

const DB = "aws:athena/database:Database";
const WG = "aws:athena/workgroup:Workgroup";
const GLUE_DB = "aws:glue/catalogDatabase:CatalogDatabase";
const GLUE_TABLE = "aws:glue/catalogTable:CatalogTable";
const API = "aws:appsync/graphQLApi:GraphQLApi";
const RESULTS = (encryptionConfiguration: Record<string, unknown>) => ({
  resultConfiguration: { outputLocation: "s3://results/", encryptionConfiguration },
});

export const ANALYTICS_COMPLIANT: Record<string, Record<string, unknown>> = {
  [DB]: {
    name: "web_logs_2",
    bucket: "results",
    encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKey: "k" },
  },
  [WG]: {
    name: `Analysts.v2_${"w".repeat(116)}`,
    description: "d".repeat(1024),
    state: "DISABLED",
    configuration: {
      bytesScannedCutoffPerQuery: 1048576,
      ...RESULTS({
        encryptionOption: "CSE_KMS",
        kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1",
      }),
    },
  },
  [GLUE_DB]: { name: `logs-db.v2 ${"g".repeat(244)}` },
  [GLUE_TABLE]: { name: "clicks_2026", databaseName: "logs" },
  "aws:glue/job:Job": {
    roleArn: "arn:aws:iam::123456789012:role/glue",
    command: { scriptLocation: "s3://scripts/job.py" },
  },
  [API]: {
    name: "orders-api 1",
    authenticationType: "AMAZON_COGNITO_USER_POOLS",
    additionalAuthenticationProviders: [{ authenticationType: "AWS_IAM" }],
    logConfig: { cloudwatchLogsRoleArn: "logs-role", fieldLogLevel: "ERROR" },
    visibility: "PRIVATE",
    introspectionConfig: "DISABLED",
    userPoolConfig: { userPoolId: "us-east-1_abc", defaultAction: "DENY" },
    lambdaAuthorizerConfig: { authorizerUri: "fn", authorizerResultTtlInSeconds: 3600 },
    queryDepthLimit: 75,
    resolverCountLimit: 10000,
  },
  "aws:appsync/dataSource:DataSource": {
    apiId: "a",
    name: "orders_table",
    type: "amazon_dynamodb",
  },
};

export const ANALYTICS_BROKEN: [string, string, unknown, string, Record<string, unknown>?][] = [
  [DB, "name", "web-logs", "must be lowercase letters, numbers, or underscore"],
  [DB, "name", "WebLogs", "must be lowercase letters, numbers, or underscore"],
  [DB, "encryptionConfiguration", { encryptionOption: "sse-kms" }, "got sse-kms"],
  [WG, "name", "w".repeat(129), "(1 - 128)"],
  [WG, "name", "data team", "periods, underscores, and hyphens"],
  [WG, "description", "d".repeat(1025), "(0 - 1024)"],
  [WG, "state", "disabled", "got disabled"],
  [WG, "configuration", RESULTS({ encryptionOption: "SSE S3" }), "got SSE S3"],
  [WG, "configuration", RESULTS({ encryptionOption: "SSE_KMS", kmsKeyArn: "k" }), "invalid ARN"],
  [WG, "configuration", { bytesScannedCutoffPerQuery: 1048575 }, "at least (1048576), got 1048575"],
  [GLUE_DB, "name", "Logs", "uppercase characters cannot be used"],
  [GLUE_DB, "name", "g".repeat(256), "(1 - 255)"],
  [GLUE_TABLE, "name", "Clicks", "uppercase characters cannot be used"],
  ["aws:glue/job:Job", "roleArn", "glue-role", "invalid ARN"],
  [API, "authenticationType", "Cognito", "got Cognito"],
  [API, "additionalAuthenticationProviders", [{ authenticationType: "iam" }], "got iam"],
  [API, "name", "2026-01", '"name" must match [_A-Za-z][_0-9A-Za-z]*'],
  [
    API,
    "logConfig",
    { cloudwatchLogsRoleArn: "r", fieldLogLevel: "errors only" },
    "got errors only",
  ],
  [API, "visibility", "Private", "got Private"],
  [API, "introspectionConfig", "off", "got off"],
  [API, "userPoolConfig", { userPoolId: "p", defaultAction: "Deny" }, "got Deny"],
  [
    API,
    "lambdaAuthorizerConfig",
    { authorizerUri: "fn", authorizerResultTtlInSeconds: 3601 },
    "(0 - 3600), got 3601",
  ],
  [API, "queryDepthLimit", 76, "(0 - 75), got 76"],
  [API, "resolverCountLimit", 10001, "(0 - 10000), got 10001"],
  ["aws:appsync/dataSource:DataSource", "type", "dynamo db", "got dynamo db"],
  ["aws:appsync/dataSource:DataSource", "name", "1-2", "must match [_A-Za-z][_0-9A-Za-z]*"],
];
