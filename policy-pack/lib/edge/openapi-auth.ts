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

/** A security requirement list that demands authorization: non-empty, each requirement named. */
function demandsAuth(security: unknown): boolean {
  return (
    Array.isArray(security) &&
    security.length > 0 &&
    security.every((req) => isObject(req) && Object.keys(req).length > 0)
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
  const open: OpenOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!isObject(item)) continue;
    for (const key of METHODS) {
      const op = item[key];
      if (!isObject(op)) continue;
      const auth = op["x-amazon-apigateway-auth"];
      if (isObject(auth) && String(auth.type ?? "").toUpperCase() === "AWS_IAM") continue;
      if (demandsAuth(op.security ?? doc.security)) continue;
      const method = key === "x-amazon-apigateway-any-method" ? "ANY" : key.toUpperCase();
      open.push(`${method} ${path}`);
    }
  }
  return open;
}
