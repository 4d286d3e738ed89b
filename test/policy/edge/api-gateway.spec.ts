// API Gateway methods and routes without authorization, from the third parties' own fixtures
// translated to Pulumi inputs.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/edge";
import {
  APIGATEWAY_METHOD,
  APIGATEWAY_REST_API,
  APIGATEWAYV2_API,
  APIGATEWAYV2_ROUTE,
} from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import { policyNamed, run, UNKNOWN } from "../fixtures/kms";

const method = (inputs: Record<string, unknown>) =>
  res(APIGATEWAY_METHOD, "method", {
    restApi: UNKNOWN,
    resourceId: UNKNOWN,
    httpMethod: "GET",
    authorization: "AWS_IAM",
    ...inputs,
  });
const route = (inputs: Record<string, unknown>, api?: ReturnType<typeof res>) =>
  res(
    APIGATEWAYV2_ROUTE,
    "route",
    { apiId: UNKNOWN, routeKey: "$default", ...inputs },
    api ? { refs: { apiId: [api] } } : {},
  );

/** A REST API with the endpoint `types`, and a GET method on it with authorization NONE. */
const onApi = (types: string | string[]) => {
  const api = res(APIGATEWAY_REST_API, "api", { name: "api", endpointConfiguration: { types } });
  const m = res(
    APIGATEWAY_METHOD,
    "method",
    { restApi: "a1b2c3", resourceId: "r", httpMethod: "GET", authorization: "NONE" },
    { refs: { restApi: [api] } },
  );
  return [api, m];
};

describe("apigateway-method-authorization", () => {
  const p = policyNamed(policies, "apigateway-method-authorization");

  describe("Compliance", () => {
    it("Trivy AWS-0004 good examples: AWS_IAM; NONE with an API key; OPTION(S) preflight", async () => {
      expect(await run(p, [method({})])).to.deep.equal(clean);
      expect(await run(p, [method({ authorization: "NONE", apiKeyRequired: true })])).to.deep.equal(
        clean,
      );
      expect(await run(p, [method({ authorization: "NONE", httpMethod: "OPTION" })])).to.deep.equal(
        clean,
      );
    });
    it("KICS 'API Gateway With Open Access' negative: OPTIONS with NONE", async () => {
      expect(
        await run(p, [
          method({ authorization: "NONE", httpMethod: "OPTIONS", authorizerId: UNKNOWN }),
        ]),
      ).to.deep.equal(clean);
    });
    it("CKV_AWS_309 'pass' and 'pass2': routes with AWS_IAM and JWT", async () => {
      expect(await run(p, [route({ authorizationType: "AWS_IAM" })])).to.deep.equal(clean);
      expect(
        await run(p, [route({ authorizationType: "JWT", authorizerId: UNKNOWN })]),
      ).to.deep.equal(clean);
    });
    it("CKV2_AWS_70 pass_private: a method of a PRIVATE REST API (reached only through VPC endpoints)", async () => {
      const [api, m] = onApi("PRIVATE");
      expect(await run(p, [api, m])).to.deep.equal(clean);
    });
    it("WebSocket routes other than $connect take no authorization", async () => {
      const api = res(APIGATEWAYV2_API, "ws", { name: "ws", protocolType: "WEBSOCKET" });
      expect(await run(p, [api, route({ routeKey: "sendmessage" }, api)])).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_59 / KICS positive / Trivy AWS-0004 bad example: GET with authorization NONE", async () => {
      const r = await run(p, [method({ authorization: "NONE", authorizerId: UNKNOWN })]);
      expect(r.violations).to.deep.equal([
        'method: API Gateway method "method" (GET) has authorization NONE and no API key.',
      ]);
    });
    it("CKV_AWS_309 'fail' and 'fail2': a route without authorization type, and with NONE", async () => {
      expect((await run(p, [route({})])).violations).to.deep.equal([
        'route: API Gateway route "route" ($default) has no authorization type (NONE).',
      ]);
      expect((await run(p, [route({ authorizationType: "NONE" })])).violations).to.have.length(1);
    });
    it("NONE written in lower case is still no authorization", async () => {
      expect((await run(p, [method({ authorization: "none" })])).violations).to.have.length(1);
      expect((await run(p, [route({ authorizationType: "none" })])).violations).to.have.length(1);
    });
    it("is mandatory: an open method is a back end anyone on the internet can call", () => {
      expect(p.enforcementLevel).to.equal("mandatory");
    });
    it("a REGIONAL or EDGE REST API's method with NONE (CKV2_AWS_70 fail4: REGIONAL beside PRIVATE)", async () => {
      for (const types of ["REGIONAL", "EDGE", ["REGIONAL", "PRIVATE"]]) {
        const [api, m] = onApi(types);
        expect((await run(p, [api, m])).violations, JSON.stringify(types)).to.have.length(1);
      }
    });
    it("a WebSocket $connect route without authorization", async () => {
      const api = res(APIGATEWAYV2_API, "ws", { name: "ws", protocolType: "WEBSOCKET" });
      const r = await run(p, [api, route({ routeKey: "$connect" }, api)]);
      expect(r.violations).to.have.length(1);
    });
  });
});
