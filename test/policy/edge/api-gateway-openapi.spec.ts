// apigateway-method-authorization on operations a REST API defines in its OpenAPI `body`
// (lib/edge/openapi-auth.ts): a compliant definition (every operation names a security scheme),
// then one field broken at a time. The security schemes are the API Gateway Developer Guide's
// own examples ("x-amazon-apigateway-authtype property", "x-amazon-apigateway-auth object").
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/edge";
import { APIGATEWAY_REST_API } from "../../../policy-pack/lib/types";
import { openOperations } from "../../../policy-pack/lib/edge/openapi-auth";
import { clean, res } from "../fixture";
import { policyNamed, run, UNKNOWN } from "../fixtures/kms";

type Doc = Record<string, any>;

/** An OpenAPI 3 document whose two operations require IAM (the guide's sigv4Reference scheme). */
const compliantDoc = (): Doc => ({
  openapi: "3.0.1",
  info: { title: "api", version: "1.0" },
  paths: {
    "/": { post: { security: [{ sigv4Reference: [] }] } },
    "/items/{id}": {
      get: { security: [{ sigv4Reference: [] }] },
      options: { responses: {} },
    },
  },
  components: {
    securitySchemes: {
      sigv4Reference: {
        type: "apiKey",
        name: "Authorization",
        in: "header",
        "x-amazon-apigateway-authtype": "awsSigv4",
      },
    },
  },
});

const api = (doc: Doc | string, inputs: Record<string, unknown> = {}) =>
  res(APIGATEWAY_REST_API, "api", {
    name: "api",
    body: typeof doc === "string" ? doc : JSON.stringify(doc),
    ...inputs,
  });

describe("apigateway-method-authorization: operations of a REST API's OpenAPI body", () => {
  const p = policyNamed(policies, "apigateway-method-authorization");
  const broken = (edit: (d: Doc) => void) => {
    const d = compliantDoc();
    edit(d);
    return d;
  };

  describe("Compliance", () => {
    it("the untouched definition: every operation requires IAM; OPTIONS is preflight", async () => {
      expect(await run(p, [api(compliantDoc())])).to.deep.equal(clean);
    });
    it("the document's own security, x-amazon-apigateway-auth AWS_IAM, and a PRIVATE API", async () => {
      const global = broken((d) => {
        delete d.paths["/"].post.security;
        d.security = [{ sigv4Reference: [] }];
      });
      const iam = broken((d) => {
        d.paths["/"].post = { "x-amazon-apigateway-auth": { type: "AWS_IAM" } };
      });
      const open = broken((d) => delete d.paths["/"].post.security);
      // The API key itself, and a Cognito authorizer (the guide's "x-amazon-apigateway-authorizer").
      const apiKey = broken((d) => {
        d.components.securitySchemes.api_key = { type: "apiKey", name: "x-api-key", in: "header" };
        d.paths["/"].post.security = [{ api_key: [] }];
      });
      const cognito = broken((d) => {
        d.components.securitySchemes.pool = {
          type: "apiKey",
          name: "Authorization",
          in: "header",
          "x-amazon-apigateway-authtype": "cognito_user_pools",
          "x-amazon-apigateway-authorizer": { type: "cognito_user_pools", providerARNs: ["arn"] },
        };
        d.paths["/"].post.security = [{ pool: [] }];
      });
      for (const r of [
        api(global),
        api(iam),
        api(apiKey),
        api(cognito),
        api(open, { endpointConfiguration: { types: "PRIVATE" } }),
      ])
        expect(await run(p, [r])).to.deep.equal(clean);
    });
    it("a body that is no OpenAPI document with paths, or none, is not judged", async () => {
      for (const r of [api("not a document"), api({ openapi: "3.0.1" })])
        expect(await run(p, [r])).to.deep.equal(clean);
      expect(await run(p, [res(APIGATEWAY_REST_API, "api", { name: "api" })])).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("an operation without a security requirement (the unauthenticated POST / of a proxy API)", async () => {
      const r = await run(p, [api(broken((d) => delete d.paths["/"].post.security))]);
      expect(r.violations).to.deep.equal([
        'api: API Gateway REST API "api" defines POST / in its OpenAPI body without authorization (no security requirement naming a scheme API Gateway enforces, no x-amazon-apigateway-auth AWS_IAM) and no API key.',
      ]);
    });
    it("an empty requirement makes authorization optional; an operation's [] overrides the document's", async () => {
      const optional = broken((d) => d.paths["/"].post.security.push({}));
      const overridden = broken((d) => {
        d.security = [{ sigv4Reference: [] }];
        d.paths["/"].post.security = [];
      });
      const none = broken((d) => {
        d.paths["/"].post = { "x-amazon-apigateway-auth": { type: "NONE" } };
      });
      for (const doc of [optional, overridden, none])
        expect((await run(p, [api(doc)])).violations, JSON.stringify(doc.paths["/"])).to.deep.equal(
          [
            'api: API Gateway REST API "api" defines POST / in its OpenAPI body without authorization (no security requirement naming a scheme API Gateway enforces, no x-amazon-apigateway-auth AWS_IAM) and no API key.',
          ],
        );
    });
    it("a requirement naming only schemes API Gateway does not enforce (HTTP bearer, a plain apiKey)", async () => {
      // API Gateway imports only apiKey schemes; HTTP and OAuth 2 work only through a Lambda
      // authorizer set up by its extensions, and an apiKey scheme without them is no check.
      const bearer = broken((d) => {
        d.components.securitySchemes.sigv4Reference = { type: "http", scheme: "bearer" };
      });
      const plain = broken((d) => {
        delete d.components.securitySchemes.sigv4Reference["x-amazon-apigateway-authtype"];
      });
      for (const doc of [bearer, plain]) {
        const r = await run(p, [api(doc)]);
        expect(r.violations, JSON.stringify(doc.components)).to.have.length(1);
        expect(r.violations[0]).to.contain("defines POST /, GET /items/{id} in its OpenAPI body");
      }
    });
    it("names every open operation, ANY included, of a REGIONAL API", async () => {
      const doc = broken((d) => {
        delete d.paths["/items/{id}"].get.security;
        d.paths["/{proxy+}"] = { "x-amazon-apigateway-any-method": {} };
      });
      expect(openOperations(JSON.stringify(doc))).to.deep.equal([
        "GET /items/{id}",
        "ANY /{proxy+}",
      ]);
      const r = await run(p, [api(doc, { endpointConfiguration: { types: "REGIONAL" } })]);
      expect(r.violations).to.have.length(1);
      expect(r.violations[0]).to.contain(
        "defines GET /items/{id}, ANY /{proxy+} in its OpenAPI body",
      );
    });
  });

  it("does not call a broken JSON body YAML", async () => {
    const trailingComma = '{\n"openapi": "3.0.1",\n"paths": {},\n}';
    expect(await run(p, [api(trailingComma)])).to.deep.equal(clean);
  });

  it("reports a YAML body (which API Gateway imports) as not judged, never as a pass", async () => {
    for (const body of [
      "openapi: 3.0.1\npaths:\n  /:\n    get: {}\n",
      "swagger: '2.0'\npaths: {}\n",
    ]) {
      const r = await run(p, [api(body)]);
      expect(r.violations).to.deep.equal([]);
      expect(r.notes).to.have.length(1);
      expect(r.notes[0]).to.contain("in YAML");
    }
  });

  it("reports a body unknown at preview as a preview note, not a pass", async () => {
    const r = await run(p, [api(compliantDoc(), { body: UNKNOWN })]);
    expect(r.violations).to.deep.equal([]);
    expect(r.notes).to.have.length(1);
    expect(r.notes[0]).to.contain("body");
  });
});
