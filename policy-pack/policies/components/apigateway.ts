// @pulumi/aws-apigateway's RestAPI: a provider plugin's component (its schema.json marks
// `aws-apigateway:index:RestAPI` `"isComponent": true`), so the aws.apigateway.RestApi it creates,
// with the OpenAPI body apigateway-method-authorization would judge, is never seen by a policy.
// That body is built from the inputs alone. From the plugin's source
// (provider/cmd/pulumi-resource-aws-apigateway/apigateway/api.ts):
// - each route becomes one operation (`eventHandler`: its `method`; `localPath`: GET, and ANY on
//   `<path>/{proxy+}` for a directory; `target`: ANY on `<path>/` and `<path>/{proxy+}`), and
//   `addBasePathOptionsToSwagger` gives it `security` from `authorizers` (a Lambda or Cognito
//   authorizer each), `x-amazon-apigateway-auth: AWS_IAM` from `iamAuthEnabled` and the `api_key`
//   requirement from `apiKeyRequired`, each read by JavaScript truthiness; none of them leaves the
//   method's authorization NONE (the schema's Route.iamAuthEnabled: "By default, the route method
//   auth type is set to `NONE`"); an empty `authorizers` list adds an empty `security` list;
// - a `data` route is put into the document verbatim (`addRawDataRouteToSwaggerSpec`);
// - `swaggerString` is the document itself, and then the only one: createAPI takes
//   `if (args.swaggerString) {...} else if (args.routes || args.additionalRoutes) {...}`, so
//   `routes` given beside a (non-empty) `swaggerString` are ignored and not judged here.
// The schema declares `routes` plain, so they are known at preview; the RestAPI takes no endpoint
// configuration, so the API is never PRIVATE. Routes given as `additionalRoutes` (the awsx classic
// API's Output-valued routes) are not in the schema and not judged.
import { resourcePolicy } from "../../lib/define";
import { openOperations, yamlOpenApi } from "../../lib/edge/openapi-auth";
import { asList, eachElement, peek, unknownError, Unknowns } from "../../lib/values";
import { cdkNag, checkov, kics, trivy } from "../../lib/controls";

/** @pulumi/aws-apigateway's REST API component. */
export const APIGATEWAY_COMPONENT_REST_API = "aws-apigateway:index:RestAPI";

const ANY = "x-amazon-apigateway-any-method";

/** The OpenAPI method key of a route's `method` (api.ts `swaggerMethod`). */
const methodKey = (method: unknown) =>
  String(method ?? "").toLowerCase() === "any" ? ANY : String(method ?? "").toLowerCase();

/** What one route of `routes` leaves open: `GET /items`, or nothing. */
function openRoute(route: any): string[] {
  // createSwaggerSpec: "We always normalize them internally to start with /".
  const written = String(route?.path ?? "");
  const path = written.startsWith("/") ? written : `/${written}`;
  const given = (key: string) => {
    const p = peek(() => route?.[key]);
    return !p.known || p.value !== undefined;
  };
  if (!given("eventHandler") && !given("localPath") && !given("target") && given("data")) {
    // The operation is `data` itself, judged as the document would be.
    return openOperations({ paths: { [path]: { [methodKey(route.method)]: route.data } } }) ?? [];
  }
  const method = given("localPath") ? "GET" : given("target") ? "ANY" : String(route?.method ?? "");
  if (method.toUpperCase().startsWith("OPTION")) return []; // CORS preflight, as the family
  // Any one of the three, known, authorizes the route; only then may another be unknown.
  const ways = [
    peek(() => {
      const a = route?.authorizers; // one authorizer or a list (api.ts BaseRoute)
      return Array.isArray(a) ? a.length > 0 : a !== undefined && a !== null;
    }),
    peek(() => Boolean(route?.iamAuthEnabled)),
    peek(() => Boolean(route?.apiKeyRequired)),
  ];
  if (ways.some((w) => w.known && w.value)) return [];
  if (ways.some((w) => !w.known))
    throw unknownError(`the authorization of route ${path} is unknown`);
  return [`${method.toUpperCase()} ${path}`];
}

function report(ctx: { report(message: string): void }, open: readonly string[]): void {
  if (open.length === 0) return;
  ctx.report(
    `${open.join(", ")} without authorization (no authorizer, IAM or API key): the REST API the component creates serves them to anyone.`,
  );
}

export const apigatewayComponentRouteAuthorization = resourcePolicy({
  name: "aws-apigateway-restapi-route-authorization",
  description:
    "An @pulumi/aws-apigateway RestAPI requires authorization on every route (other than OPTIONS): `authorizers`, `iamAuthEnabled` or `apiKeyRequired`, or a security requirement in a `data` route; or, when a `swaggerString` is given, a security requirement on each of its operations (the component then builds the API from that document alone and ignores `routes`). The component writes these inputs into the OpenAPI body of the REST API it creates, which is public (it takes no endpoint configuration); a route with none of them is a method with authorization NONE. Mandatory, as apigateway-method-authorization.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Give each route `authorizers` (a Lambda or Cognito authorizer), `iamAuthEnabled: true` or `apiKeyRequired: true` with a usage plan; in a `swaggerString`, a `security` requirement naming an authorizer or API key scheme on each operation. A deliberately public endpoint gets a waiver saying why.",
  references: [
    cdkNag("AwsSolutions-APIG4"),
    checkov("CKV_AWS_59"),
    kics("API Gateway With Open Access"),
    trivy("AWS-0004"),
  ],
  types: [APIGATEWAY_COMPONENT_REST_API],
  check: (props, ctx) => {
    // Only the document the plugin builds from is judged: a `swaggerString` the plugin takes (a
    // known empty one is falsy, so the routes are used; an unknown one is taken, and is a note).
    const given = peek(() => props?.swaggerString);
    if (!given.known || given.value) {
      const swagger = props.swaggerString;
      if (yamlOpenApi(swagger)) {
        throw unknownError(
          "swaggerString is YAML, which this policy does not read: write it as JSON (JSON.stringify) so its operations are judged",
        );
      }
      report(ctx, openOperations(swagger) ?? []);
      return;
    }
    // Each route is judged on its own: one unknown at preview does not hide another's finding.
    const unknowns = new Unknowns();
    const open: string[] = [];
    const routes = props?.routes;
    unknowns.note(
      eachElement(Array.isArray(routes) ? routes : asList(routes), (route) =>
        unknowns.run(() => open.push(...openRoute(route))),
      ),
    );
    report(ctx, open);
    unknowns.rethrow();
  },
});
