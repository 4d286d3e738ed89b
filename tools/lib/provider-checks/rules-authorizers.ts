// API Gateway authorizers: the attribute validators of the provider's schema, which its Check runs
// at `pulumi preview`. An HTTP or WebSocket API's authorizer (internal/service/apigatewayv2/
// authorizer.go): its credentials an ARN (verify.ValidARN), a Lambda authorizer's payload format
// `1.0` or `2.0` (StringInSlice), a cache time of 0 to 3600 seconds (IntBetween), the type of the
// SDK's AuthorizerType (`JWT`, `REQUEST`: enum.Validate, so a newer value of the same shape is let
// through), a URI of 1 to 2048 characters and a name of 1 to 128 (StringLenBetween). A REST API's
// authorizer (internal/service/apigateway/authorizer.go): its credentials and each Cognito user
// pool of `providerArns` an ARN, the same cache time, and the SDK's AuthorizerType (`TOKEN`,
// `REQUEST`, `COGNITO_USER_POOLS`). The provider's refusal at create of a TOKEN or REQUEST
// authorizer without `authorizerUri` (validateAuthorizerType) is its own, at `pulumi up`, and is
// not judged here: it names no AWS page.
import { arnInputs, inputRule, type InputRule } from "./rule";
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
