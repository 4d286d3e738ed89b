// aws-apigateway-restapi-route-authorization: the routes of an @pulumi/aws-apigateway RestAPI,
// which the plugin writes into the OpenAPI body of the REST API it creates, with the verdict of
// apigateway-method-authorization (cdk-nag AwsSolutions-APIG4, Checkov CKV_AWS_59, Trivy AWS-0004).
import { expect } from "chai";
import {
  APIGATEWAY_COMPONENT_REST_API,
  apigatewayComponentRouteAuthorization as policy,
} from "../../../policy-pack/policies/components/apigateway";
import { res } from "../fixture";
import { findingsOf, run, UNKNOWN } from "../fixtures/iam";

const HANDLER = "arn:aws:lambda:us-west-2:123456789012:function:handler";
const authorizer = {
  parameterName: "Authorization",
  identitySource: ["method.request.header.Authorization"],
  handler: HANDLER,
};
const securedData = {
  "x-amazon-apigateway-auth": { type: "AWS_IAM" },
  "x-amazon-apigateway-integration": { type: "mock" },
};

/** One route of each kind, each authorized a different way. */
const routes = () => [
  { path: "/items", method: "GET", eventHandler: HANDLER, authorizers: [authorizer] },
  { path: "/admin", method: "POST", eventHandler: HANDLER, iamAuthEnabled: true },
  { path: "/www", localPath: "./www", apiKeyRequired: true },
  {
    path: "/proxy",
    target: { type: "http_proxy", uri: "https://example.com" },
    authorizers: [authorizer],
  },
  { path: "/raw", method: "GET", data: securedData },
  { path: "/items", method: "OPTIONS", eventHandler: HANDLER },
];

const api = (over: Record<string, unknown> = {}) =>
  res(APIGATEWAY_COMPONENT_REST_API, "api", { routes: routes(), ...over }, { custom: false });

/** The fixture with route `i` changed by `change`. */
const withRoute = (i: number, change: Record<string, unknown>) => {
  const rs: Record<string, unknown>[] = routes();
  rs[i] = { ...rs[i], ...change };
  return api({ routes: rs });
};

describe("aws-apigateway-restapi-route-authorization", () => {
  describe("Noncompliance", () => {
    it("APIG4 / CKV_AWS_59: each route kind with its authorization taken away", async () => {
      for (const [i, change, open] of [
        [0, { authorizers: undefined }, "GET /items"],
        [0, { authorizers: [] }, "GET /items"],
        [1, { iamAuthEnabled: false }, "POST /admin"],
        [2, { apiKeyRequired: undefined }, "GET /www"],
        [3, { authorizers: undefined }, "ANY /proxy"],
        [4, { data: { "x-amazon-apigateway-integration": { type: "mock" } } }, "GET /raw"],
      ] as const) {
        const f = await findingsOf(policy, [withRoute(i, change)]);
        expect(f, open).to.have.length(1);
        expect(f[0]).to.match(new RegExp(`^${open} without authorization`));
      }
    });
    it("a swaggerString operation without a security requirement", async () => {
      const swaggerString = JSON.stringify({
        swagger: "2.0",
        info: { title: "api", version: "1" },
        paths: { "/open": { get: { "x-amazon-apigateway-integration": { type: "mock" } } } },
      });
      const f = await findingsOf(policy, [api({ routes: undefined, swaggerString })]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain("GET /open");
    });
    it("a route written without its leading slash is named as the plugin serves it", async () => {
      const f = await findingsOf(policy, [withRoute(0, { path: "items", authorizers: undefined })]);
      expect(f).to.have.length(1);
      expect(f[0]).to.match(/^GET \/items without authorization/);
    });
    it("a route unknown at preview is a note, and does not hide another route's finding", async () => {
      const rs: Record<string, unknown>[] = routes();
      rs[0] = { ...rs[0], authorizers: undefined };
      rs[1] = { ...rs[1], iamAuthEnabled: UNKNOWN };
      const { findings, notes } = await run(policy, [api({ routes: rs })]);
      expect(findings).to.have.length(1);
      expect(findings[0]).to.contain("GET /items without authorization");
      expect(findings[0]).to.not.contain("/admin");
      expect(notes).to.have.length(1);
      expect(notes[0]).to.contain("route /admin");
    });
    it("a swaggerString unknown at preview, or in YAML, is a note, not a pass", async () => {
      for (const swaggerString of [UNKNOWN, "swagger: '2.0'\npaths: {}\n"]) {
        const { findings, notes } = await run(policy, [api({ routes: undefined, swaggerString })]);
        expect(findings).to.deep.equal([]);
        expect(notes, String(swaggerString)).to.have.length(1);
      }
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture", async () => {
      expect(await findingsOf(policy, [api()])).to.deep.equal([]);
    });
    it("a swaggerString requiring an API key: leftover open routes beside it are not used", async () => {
      // api.ts createAPI: `if (args.swaggerString) {...} else if (args.routes || ...)`.
      const swaggerString = JSON.stringify({
        swagger: "2.0",
        info: { title: "api", version: "1" },
        securityDefinitions: { api_key: { type: "apiKey", name: "x-api-key", in: "header" } },
        paths: {
          "/date": {
            get: {
              security: [{ api_key: [] }],
              "x-amazon-apigateway-integration": { type: "mock" },
            },
          },
        },
      });
      const open = [{ path: "/date", method: "GET", eventHandler: HANDLER }];
      expect(await findingsOf(policy, [api({ routes: open, swaggerString })])).to.deep.equal([]);
      // An empty swaggerString is falsy to the plugin: the routes are used, and judged.
      const f = await findingsOf(policy, [api({ routes: open, swaggerString: "" })]);
      expect(f).to.have.length(1);
      expect(f[0]).to.match(/^GET \/date without authorization/);
    });
  });
});
