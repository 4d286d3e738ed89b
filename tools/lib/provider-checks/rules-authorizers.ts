// API Gateway authorizers: the attribute validators of the provider's schema, which its Check runs
// at `pulumi preview`. An HTTP or WebSocket API's authorizer (internal/service/apigatewayv2/
// authorizer.go): its credentials an ARN (verify.ValidARN), a Lambda authorizer's payload format
// `1.0` or `2.0` (StringInSlice), a cache time of 0 to 3600 seconds (IntBetween), the type of the
// SDK's AuthorizerType (`JWT`, `REQUEST`: enum.Validate, so a newer value of the same shape is let
// through), a URI of 1 to 2048 characters and a name of 1 to 128 (StringLenBetween). A REST API's
// authorizer (internal/service/apigateway/authorizer.go): its credentials and each Cognito user
// pool of `providerArns` an ARN, the same cache time, and the SDK's AuthorizerType (`TOKEN`,
// `REQUEST`, `COGNITO_USER_POOLS`). And the checks it makes when it plans the create
// (resourceAuthorizerCustomizeDiff, so at `pulumi preview`): a TOKEN or REQUEST authorizer, TOKEN
// being the type when none is given (`cmp.Or(plan.Type.ValueEnum(), AuthorizerTypeToken)`: the
// plan holds no schema default), without `authorizerUri` (null or "") is refused with
// "authorizer_uri must be set non-empty when authorizer type is <type>", and a COGNITO_USER_POOLS
// one without `providerArns` (null or no item) with "provider_arns must be set non-empty when
// authorizer type is COGNITO_USER_POOLS". An unknown type, URI or list is not judged, as the
// provider skips it (`IsUnknown()`). Older provider versions made the same check, in the same
// words, only when creating the authorizer (validateAuthorizerType), so at `pulumi up`: the
// program does not deploy with either.
import { arnInputs, inputRule, type CrossRule, type InputRule } from "./rule";
import { intBetween, lenBetween, oneOf, oneOfGrowing } from "./validators";

const V2_AUTHORIZER = "aws:apigatewayv2/authorizer:Authorizer";
const V2_FILE = "internal/service/apigatewayv2/authorizer.go";
const AUTHORIZER = "aws:apigateway/authorizer:Authorizer";
const FILE = "internal/service/apigateway/authorizer.go";

const TTL_FIX = "a cache time of 0 (no caching) to 3600 seconds";

export const AUTHORIZER_RULES: readonly InputRule[] = [
  ...arnInputs(V2_AUTHORIZER, V2_FILE, [
    [
      "authorizerCredentialsArn",
      "authorizer_credentials_arn",
      "the ARN of a role API Gateway assumes to invoke the authorizer (a role's `arn` output)",
    ],
  ]),
  inputRule(
    V2_AUTHORIZER,
    "authorizerPayloadFormatVersion",
    "authorizer_payload_format_version",
    oneOf(["1.0", "2.0"]),
    'a payload format version of "1.0" or "2.0" (as a string)',
    V2_FILE,
  ),
  inputRule(
    V2_AUTHORIZER,
    "authorizerResultTtlInSeconds",
    "authorizer_result_ttl_in_seconds",
    intBetween(0, 3600),
    TTL_FIX,
    V2_FILE,
  ),
  inputRule(
    V2_AUTHORIZER,
    "authorizerType",
    "authorizer_type",
    oneOfGrowing(["JWT", "REQUEST"]),
    "JWT (JSON Web Tokens, HTTP APIs) or REQUEST (a Lambda function), upper case",
    V2_FILE,
  ),
  inputRule(
    V2_AUTHORIZER,
    "authorizerUri",
    "authorizer_uri",
    lenBetween(1, 2048),
    "the authorizer's invoke URI, at most 2048 characters (a function's `invokeArn` output)",
    V2_FILE,
  ),
  inputRule(
    V2_AUTHORIZER,
    "name",
    "name",
    lenBetween(1, 128),
    "a name of 1 to 128 characters",
    V2_FILE,
  ),
  ...arnInputs(AUTHORIZER, FILE, [
    [
      "authorizerCredentials",
      "authorizer_credentials",
      "the ARN of a role API Gateway assumes to invoke the authorizer (a role's `arn` output)",
    ],
    [
      "providerArns",
      "provider_arns",
      "the ARN of each Cognito user pool (a user pool's `arn` output), not its id or name",
    ],
  ]),
  inputRule(
    AUTHORIZER,
    "authorizerResultTtlInSeconds",
    "authorizer_result_ttl_in_seconds",
    intBetween(0, 3600),
    TTL_FIX,
    FILE,
  ),
  inputRule(
    AUTHORIZER,
    "type",
    "type",
    oneOfGrowing(["TOKEN", "REQUEST", "COGNITO_USER_POOLS"]),
    "TOKEN, REQUEST or COGNITO_USER_POOLS, upper case",
    FILE,
  ),
];

/** The type the provider plans with: TOKEN when none is given. */
const planned = (type: unknown) =>
  type === undefined || type === null || type === "" ? "TOKEN" : type;

const lambdaNeedsUri: CrossRule = {
  type: AUTHORIZER,
  what: "a TOKEN or REQUEST authorizer has authorizerUri",
  reads: ["type", "authorizerUri"],
  check: (inputs) => {
    const type = planned(inputs.type);
    const uri = inputs.authorizerUri;
    return (type === "TOKEN" || type === "REQUEST") &&
      (uri === undefined || uri === null || uri === "")
      ? [
          {
            prop: "authorizerUri",
            value: uri,
            says: `authorizer_uri must be set non-empty when authorizer type is ${type}`,
          },
        ]
      : [];
  },
  fix:
    "the Lambda authorizer's invoke URI (a function's `invokeArn` output) as authorizerUri, or " +
    'type "COGNITO_USER_POOLS" with providerArns for a Cognito authorizer (TOKEN is the default type)',
  source: FILE,
};

const cognitoNeedsPools: CrossRule = {
  type: AUTHORIZER,
  what: "a COGNITO_USER_POOLS authorizer has providerArns",
  reads: ["type", "providerArns"],
  check: (inputs) => {
    const arns = inputs.providerArns;
    return planned(inputs.type) === "COGNITO_USER_POOLS" &&
      (arns === undefined || arns === null || (Array.isArray(arns) && arns.length === 0))
      ? [
          {
            prop: "providerArns",
            value: arns,
            says: "provider_arns must be set non-empty when authorizer type is COGNITO_USER_POOLS",
          },
        ]
      : [];
  },
  fix: "the ARN of each Cognito user pool the authorizer accepts (a user pool's `arn` output)",
  source: FILE,
};

export const AUTHORIZER_CROSS_RULES: readonly CrossRule[] = [lambdaNeedsUri, cognitoNeedsPools];
