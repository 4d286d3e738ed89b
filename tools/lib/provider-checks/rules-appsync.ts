// AppSync GraphQL APIs and data sources: authentication types, log level, visibility,
// introspection, a user pool's default action, the Lambda authorizer's cache TTL, query depth and
// resolver limits, a data source's type, and names. The provider's name pattern
// (`[_A-Za-z][_0-9A-Za-z]*`) is not anchored, so it refuses only a name without any letter or
// `_`; the names Pulumi makes for a data source (`<logical name>_<7 hex>`: pulumi/pulumi-aws
// provider/autonaming.go and provider/resource_overrides.go) always hold one, but an API's
// (`<logical name>-<7 hex>`) may not: the hex is random (an all-digit logical name gets an
// all-digit suffix now and then), so a made-up API name is never judged. The enumerations are the AWS SDK's: a value of their shape is accepted, and a
// data source's type in any case (older providers read it so). A log config's role ARN is left to
// AWS: older providers set no validator on it. Each entry names the provider file that declares
// it.
import type { InputRule } from "./rule";
import {
  anyCaseOfShape,
  custom,
  goQuote,
  intBetween,
  oneOfGrowing,
  oneOfIgnoringCase,
} from "./validators";

const API = "aws:appsync/graphQLApi:GraphQLApi";
const DATA_SOURCE = "aws:appsync/dataSource:DataSource";
const API_FILE = "internal/service/appsync/graphql_api.go";
const DS_FILE = "internal/service/appsync/datasource.go";

const AUTH = oneOfGrowing([
  "API_KEY",
  "AWS_IAM",
  "AMAZON_COGNITO_USER_POOLS",
  "OPENID_CONNECT",
  "AWS_LAMBDA",
]);
const AUTH_FIX = "API_KEY, AWS_IAM, AMAZON_COGNITO_USER_POOLS, OPENID_CONNECT or AWS_LAMBDA";

/** The provider's GraphQL name check: the unanchored `[_A-Za-z][_0-9A-Za-z]*` finds a match. */
const graphqlName = custom(
  (s) => /[_A-Za-z][_0-9A-Za-z]*/.test(s),
  (k) => `${goQuote(k)} must match [_A-Za-z][_0-9A-Za-z]*`,
);

const DATA_SOURCE_TYPES = [
  "AWS_LAMBDA",
  "AMAZON_DYNAMODB",
  "AMAZON_ELASTICSEARCH",
  "HTTP",
  "NONE",
  "RELATIONAL_DATABASE",
  "AMAZON_OPENSEARCH_SERVICE",
  "AMAZON_EVENTBRIDGE",
];

const api = (
  prop: string,
  attr: string,
  validate: InputRule["validate"],
  fix: string,
): InputRule => ({ type: API, prop, attr, validate, fix, source: API_FILE });

export const APPSYNC_RULES: readonly InputRule[] = [
  api("authenticationType", "authentication_type", AUTH, AUTH_FIX),
  api(
    "additionalAuthenticationProviders.authenticationType",
    "additional_authentication_provider.authentication_type",
    AUTH,
    AUTH_FIX,
  ),
  { ...api("name", "name", graphqlName, "a name with a letter or _ in it"), skipAutoName: true },
  api(
    "logConfig.fieldLogLevel",
    "log_config.0.field_log_level",
    oneOfGrowing(["ALL", "ERROR", "NONE", "INFO", "DEBUG"]),
    "ALL, ERROR, INFO, DEBUG or NONE, in upper case",
  ),
  api(
    "visibility",
    "visibility",
    oneOfGrowing(["GLOBAL", "PRIVATE"]),
    "GLOBAL or PRIVATE, in upper case",
  ),
  api(
    "introspectionConfig",
    "introspection_config",
    oneOfGrowing(["ENABLED", "DISABLED"]),
    "ENABLED or DISABLED, in upper case",
  ),
  api(
    "userPoolConfig.defaultAction",
    "user_pool_config.0.default_action",
    oneOfGrowing(["ALLOW", "DENY"]),
    "ALLOW or DENY, in upper case",
  ),
  api(
    "lambdaAuthorizerConfig.authorizerResultTtlInSeconds",
    "lambda_authorizer_config.0.authorizer_result_ttl_in_seconds",
    intBetween(0, 3600),
    "a cache TTL from 0 to 3600 seconds",
  ),
  api("queryDepthLimit", "query_depth_limit", intBetween(0, 75), "a depth from 0 (no limit) to 75"),
  api(
    "resolverCountLimit",
    "resolver_count_limit",
    intBetween(0, 10000),
    "a count from 0 (no limit) to 10000",
  ),
  {
    type: DATA_SOURCE,
    prop: "type",
    attr: "type",
    validate: anyCaseOfShape(oneOfIgnoringCase(DATA_SOURCE_TYPES)),
    fix: "AWS_LAMBDA, AMAZON_DYNAMODB, HTTP, NONE, RELATIONAL_DATABASE, … (words joined by _)",
    source: DS_FILE,
  },
  {
    type: DATA_SOURCE,
    prop: "name",
    attr: "name",
    validate: graphqlName,
    fix: "a name with a letter or _ in it",
    source: DS_FILE,
  },
];
