// The operations of a REST API's OpenAPI definition (`aws.apigateway.RestApi`'s `body`, how
// awsx.apigateway.API and @pulumi/aws-apigateway define routes) that API Gateway imports without
// authorization. API Gateway Developer Guide, "OpenAPI extensions for API Gateway":
// - an operation's `security` requirement names a security scheme: a Lambda or Cognito authorizer
//   (`x-amazon-apigateway-authorizer`), IAM (`x-amazon-apigateway-authtype: awsSigv4`) or an API
//   key (an `apiKey` scheme named `x-api-key`);
//   https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html
// - `x-amazon-apigateway-auth` "defines an authorization type to be applied for authorization of
//   method invocations": `type` NONE or AWS_IAM;
//   https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-auth.html
// - `x-amazon-apigateway-any-method` is the ANY method.
// OpenAPI 3.0.1 and Swagger 2.0, "Security Requirement Object": an operation's `security` overrides
// the document's; an empty list or an empty requirement (`{}`) makes authorization optional. The
// document's own `security` counts here as OpenAPI defines it (read generously: never a false
// mandatory finding). Only a JSON document is read; a YAML body (API Gateway imports both) is
// reported as not evaluated by the rule (yamlOpenApi), never passed.

/** HTTP methods of an OpenAPI path item; OPTIONS (CORS preflight) carries no credentials. */
const METHODS = ["get", "put", "post", "delete", "head", "patch", "x-amazon-apigateway-any-method"];

/** One operation without authorization, `POST /items`. */
export type OpenOperation = string;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Whether API Gateway enforces the security scheme a requirement names. API Gateway's REST import
 * takes only `apiKey` schemes ("Amazon API Gateway important notes": OAuth 2 and HTTP schemes
 * work only through a Lambda authorizer set up by the vendor extensions): one that carries
 * `x-amazon-apigateway-authorizer` or `x-amazon-apigateway-authtype` (awsSigv4, an authorizer),
 * or the API key itself (`x-api-key` in the header). A name the document does not define, or a
 * `$ref` (not followed here), is read generously as enforced: never a false mandatory finding.
 */
function enforced(schemes: Record<string, unknown>, name: string): boolean {
  const scheme = schemes[name];
  if (!isObject(scheme) || "$ref" in scheme) return true;
  if (isObject(scheme["x-amazon-apigateway-authorizer"])) return true;
  if (typeof scheme["x-amazon-apigateway-authtype"] === "string") return true;
  return (
    scheme.type === "apiKey" &&
    String(scheme.name ?? "").toLowerCase() === "x-api-key" &&
    scheme.in === "header"
  );
}

/** The security schemes a document defines (OpenAPI 3 `components`, Swagger 2 top level). */
function schemesOf(doc: Record<string, unknown>): Record<string, unknown> {
  const components = doc.components;
  if (isObject(components) && isObject(components.securitySchemes))
    return components.securitySchemes;
  return isObject(doc.securityDefinitions) ? doc.securityDefinitions : {};
}

/**
 * A security requirement list that demands authorization: non-empty, each requirement naming at
 * least one scheme API Gateway enforces.
 */
function demandsAuth(security: unknown, schemes: Record<string, unknown>): boolean {
  return (
    Array.isArray(security) &&
    security.length > 0 &&
    security.every(
      (req) => isObject(req) && Object.keys(req).some((name) => enforced(schemes, name)),
    )
  );
}

/** The document a `body` holds, or undefined (not JSON, or not an object). */
function parse(body: unknown): Record<string, unknown> | undefined {
  if (isObject(body)) return body;
  if (typeof body !== "string") return undefined;
  try {
    const doc: unknown = JSON.parse(body);
    return isObject(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a `body` is an OpenAPI or Swagger document written in YAML (not JSON). */
export function yamlOpenApi(body: unknown): boolean {
  return (
    typeof body === "string" &&
    parse(body) === undefined &&
    // A broken JSON document (a trailing comma) is no YAML.
    !/^\s*[[{]/.test(body) &&
    /^\s*["']?(openapi|swagger)["']?\s*:/m.test(body)
  );
}

/**
 * The operations of an OpenAPI `body` that API Gateway creates without authorization, or
 * undefined when the body is no JSON OpenAPI document.
 */
export function openOperations(body: unknown): OpenOperation[] | undefined {
  const doc = parse(body);
  if (!doc || !isObject(doc.paths)) return undefined;
  const schemes = schemesOf(doc);
  const open: OpenOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!isObject(item)) continue;
    for (const key of METHODS) {
      const op = item[key];
      if (!isObject(op)) continue;
      const auth = op["x-amazon-apigateway-auth"];
      if (isObject(auth) && String(auth.type ?? "").toUpperCase() === "AWS_IAM") continue;
      if (demandsAuth(op.security ?? doc.security, schemes)) continue;
      const method = key === "x-amazon-apigateway-any-method" ? "ANY" : key.toUpperCase();
      open.push(`${method} ${path}`);
    }
  }
  return open;
}
