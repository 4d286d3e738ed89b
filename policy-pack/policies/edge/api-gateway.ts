// API Gateway methods and routes require authorization (mandatory: an open method is a back end
// anyone on the internet can call): REST API methods other than CORS preflight need an authorizer,
// IAM or an API key, and HTTP API routes an authorization type. A method of a PRIVATE REST API is
// reachable only through the VPC's interface endpoints (API Gateway Developer Guide, "Private REST
// APIs in API Gateway"; Checkov CKV2_AWS_70 passes it too): its resource policy is judged instead
// (apigateway-rest-api-policy-not-public). Operations a REST API defines in its OpenAPI `body` are
// judged the same way (../../lib/edge/openapi-auth.ts).
import { stackPolicy } from "../../lib/define";
import { openOperations, yamlOpenApi } from "../../lib/edge/openapi-auth";
import { flagOn, unknownError } from "../../lib/values";
import {
  APIGATEWAY_METHOD,
  APIGATEWAY_REST_API,
  APIGATEWAYV2_API,
  APIGATEWAYV2_ROUTE,
} from "../../lib/types";
import {
  NATIVE_APIGATEWAYV2_API,
  NATIVE_APIGATEWAYV2_ROUTE,
  NATIVE_APIGATEWAY_METHOD,
  NATIVE_APIGATEWAY_REST_API,
} from "../../lib/native/types";
import { cdkNag, checkov, kics, trivy } from "../../lib/controls";

/** CORS preflight requests carry no credentials, so OPTIONS stays open (Checkov and KICS agree). */
const isPreflight = (method: unknown) =>
  String(method ?? "")
    .toUpperCase()
    .startsWith("OPTION");

/** `endpointConfiguration.types` names PRIVATE only (a string in @pulumi/aws 7, a list before). */
function isPrivateOnly(config: any): boolean {
  const types = config?.types;
  const list: unknown[] = Array.isArray(types) ? types : types === undefined ? [] : [types];
  return list.length > 0 && list.every((t) => t === "PRIVATE");
}

export const apigatewayAuthorization = stackPolicy({
  name: "apigateway-method-authorization",
  description:
    "API Gateway REST methods (other than OPTIONS), as resources or in a REST API's OpenAPI body, " +
    "require an authorizer, IAM or an API key, and " +
    "HTTP API routes an authorization type, so back ends are not open to anyone on the internet.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    'Set authorization to "AWS_IAM", "CUSTOM" or "COGNITO_USER_POOLS" (with authorizerId) on ' +
    'aws.apigateway.Method, or apiKeyRequired: true with a usage plan; set authorizationType "JWT", ' +
    '"AWS_IAM" or "CUSTOM" on aws.apigatewayv2.Route; in a RestApi\'s OpenAPI body, a `security` ' +
    "requirement naming an authorizer, IAM (x-amazon-apigateway-authtype awsSigv4) or API key " +
    "scheme, or x-amazon-apigateway-auth AWS_IAM, on each operation. A deliberately public endpoint gets a waiver " +
    "saying why.",
  references: [
    cdkNag("AwsSolutions-APIG4"),
    checkov("CKV_AWS_59"),
    checkov("CKV2_AWS_70"),
    checkov("CKV_AWS_309"),
    kics("API Gateway With Open Access"),
    trivy("AWS-0004"),
  ],
  types: [
    APIGATEWAY_METHOD,
    APIGATEWAY_REST_API,
    APIGATEWAYV2_ROUTE,
    APIGATEWAYV2_API,
    NATIVE_APIGATEWAY_METHOD,
    NATIVE_APIGATEWAY_REST_API,
    NATIVE_APIGATEWAYV2_ROUTE,
    NATIVE_APIGATEWAYV2_API,
  ],
  appliesTo: [
    APIGATEWAY_METHOD,
    APIGATEWAY_REST_API,
    APIGATEWAYV2_ROUTE,
    NATIVE_APIGATEWAY_METHOD,
    NATIVE_APIGATEWAYV2_ROUTE,
  ],
  check: (ctx) => {
    for (const m of ctx.index.ofType(APIGATEWAY_METHOD)) {
      ctx.each(m, () => {
        if (isPreflight(m.props.httpMethod)) return;
        // Compared without regard to case, so a program's "none" is judged as NONE. Left out (an
        // aws-native method's authorizationType is optional in AWS::ApiGateway::Method), the
        // method is created without authorization: judged as NONE, as the v2 routes are below.
        if (String(m.props.authorization ?? "NONE").toUpperCase() !== "NONE") return;
        if (flagOn(m.props.apiKeyRequired)) return;
        const apis = ctx.index.referenced(m, "restApi", APIGATEWAY_REST_API);
        if (apis.length && isPrivateOnly(apis[0].props.endpointConfiguration)) return;
        ctx.report(
          m,
          `API Gateway method "${m.name}" (${String(m.props.httpMethod)}) has authorization NONE and no API key.`,
        );
      });
    }
    for (const api of ctx.index.ofType(APIGATEWAY_REST_API)) {
      ctx.each(api, () => {
        if (api.props.body === undefined || isPrivateOnly(api.props.endpointConfiguration)) return;
        if (yamlOpenApi(api.props.body)) {
          throw unknownError(
            `API Gateway REST API "${api.name}" defines its OpenAPI body in YAML, which this policy does not read: write the body as JSON (JSON.stringify) so its operations are judged`,
          );
        }
        const open = openOperations(api.props.body);
        if (!open?.length) return;
        ctx.report(
          api,
          `API Gateway REST API "${api.name}" defines ${open.join(", ")} in its OpenAPI body without authorization (no security requirement naming a scheme API Gateway enforces, no x-amazon-apigateway-auth AWS_IAM) and no API key.`,
        );
      });
    }
    for (const route of ctx.index.ofType(APIGATEWAYV2_ROUTE)) {
      ctx.each(route, () => {
        const routeKey = String(route.props.routeKey ?? "");
        if (isPreflight(routeKey.split(" ")[0])) return;
        // API Gateway developer guide, "Controlling access to WebSocket APIs": authorization is
        // supported only on the $connect route, so other WebSocket routes are judged there.
        const apis = ctx.index.referenced(route, "apiId", APIGATEWAYV2_API);
        if (apis.length && apis[0].props.protocolType === "WEBSOCKET" && routeKey !== "$connect") {
          return;
        }
        const type = route.props.authorizationType ?? "NONE";
        if (String(type).toUpperCase() !== "NONE") return;
        if (flagOn(route.props.apiKeyRequired)) return;
        ctx.report(
          route,
          `API Gateway route "${route.name}" (${routeKey}) has no authorization type (NONE).`,
        );
      });
    }
  },
});
