// The advisory API Gateway rules for aws-native resources (policy-pack/lib/native/twins-apis.ts):
// REST stages' execution logging from their inline methodSettings, WebSocket stages'
// (apigatewayv2:Stage defaultRouteSettings and the routeSettings map), custom domain names' TLS
// (apigateway:DomainName securityPolicy) and request validators (apigateway:RequestValidator, or
// the OpenAPI body's x-amazon-apigateway-request-validators). A compliant resource passes; each
// case breaks one field; a value unknown at preview is a preview note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";
import { Case, runCases } from "./cases";

const all = { resourcePath: "/*", httpMethod: "*", loggingLevel: "ERROR", metricsEnabled: true };

const cases: Case[] = [
  {
    rule: "apigateway-stage-execution-logging",
    type: n.NATIVE_APIGATEWAY_STAGE,
    inputs: { restApiId: "abc123", stageName: "prod", methodSettings: [all] },
    prop: "methodSettings",
    broken: [
      [
        { methodSettings: [{ ...all, loggingLevel: "OFF" }] },
        'the stage\'s "*/*" method settings set loggingLevel "OFF"',
        "loggingLevel OFF for every method",
      ],
      [
        {
          methodSettings: [
            all,
            { resourcePath: "/~1pets~1{id}", httpMethod: "GET", loggingLevel: "OFF" },
          ],
        },
        "turn execution logging off for pets/{id}/GET",
        "one method turned off",
      ],
      [{ methodSettings: undefined }, 'no method settings with methodPath "*/*"'],
    ],
  },
  {
    rule: "apigateway-domain-name-tls",
    type: n.NATIVE_APIGATEWAY_DOMAIN_NAME,
    inputs: { domainName: "api.example.com", securityPolicy: "TLS_1_2" },
    prop: "securityPolicy",
    broken: [
      [{ securityPolicy: "TLS_1_0" }, 'securityPolicy is "TLS_1_0"'],
      [{ securityPolicy: undefined }, "securityPolicy is not set"],
    ],
  },
];

runCases("aws-native API Gateway (advisory)", cases);

describe("aws-native: apigatewayv2-websocket-stage-execution-logging (apigatewayv2:Stage)", () => {
  const rule = "apigatewayv2-websocket-stage-execution-logging";
  const api = (protocolType = "WEBSOCKET") =>
    res(n.NATIVE_APIGATEWAYV2_API, "chat", { name: "chat", protocolType });
  const stage = (a: ReturnType<typeof api>, over: Record<string, unknown> = {}) =>
    res(
      n.NATIVE_APIGATEWAYV2_STAGE,
      "live",
      { apiId: "ws1", stageName: "live", defaultRouteSettings: { loggingLevel: "ERROR" }, ...over },
      { refs: { apiId: [a] } },
    );

  it("a WebSocket stage logging ERROR passes; an HTTP API's stage is not judged", async () => {
    const ws = api();
    await expectClean(policy(rule), [ws, stage(ws)]);
    const http = api("HTTP");
    await expectClean(policy(rule), [http, stage(http, { defaultRouteSettings: undefined })]);
  });
  it("defaultRouteSettings left out is the finding (OFF)", async () => {
    const ws = api();
    const found = await violationsOf(rule, [ws, stage(ws, { defaultRouteSettings: undefined })]);
    expect(found).to.deep.equal([
      "live: defaultRouteSettings.loggingLevel is not set (OFF): the WebSocket stage writes no execution logs.",
    ]);
  });
  it("a route turned OFF in the routeSettings map is the finding, in either casing", async () => {
    const ws = api();
    for (const settings of [{ LoggingLevel: "OFF" }, { loggingLevel: "OFF" }]) {
      const found = await violationsOf(rule, [
        ws,
        stage(ws, { routeSettings: { $connect: settings } }),
      ]);
      expect(found).to.deep.equal([
        'live: routeSettings turn execution logging off for "$connect".',
      ]);
    }
  });
  it("defaultRouteSettings unknown at preview is a preview note", async () => {
    const ws = api();
    const s = stage(ws, { defaultRouteSettings: UNKNOWN });
    expect(await violationsOf(rule, [ws, s])).to.deep.equal([]);
    expect(await previewNotes(policy(rule), [ws, s])).to.have.length(1);
  });
});

describe("aws-native: apigateway-rest-api-request-validation (apigateway:RequestValidator)", () => {
  const rule = "apigateway-rest-api-request-validation";
  const restApi = (over: Record<string, unknown> = {}) =>
    res(n.NATIVE_APIGATEWAY_REST_API, "orders", { name: "orders", ...over });
  const validator = (api: ReturnType<typeof restApi>, restApiId: unknown = "abc123") =>
    res(
      n.NATIVE_APIGATEWAY_REQUEST_VALIDATOR,
      "all",
      { restApiId, validateRequestBody: true, validateRequestParameters: true },
      { refs: { restApiId: [api] } },
    );

  it("a validator built from the API passes", async () => {
    const api = restApi();
    await expectClean(policy(rule), [api, validator(api)]);
  });
  it("validators declared in the OpenAPI body (a JSON object) pass", async () => {
    const body = {
      openapi: "3.0.1",
      "x-amazon-apigateway-request-validators": { all: { validateRequestBody: true } },
    };
    await expectClean(policy(rule), [restApi({ body })]);
  });
  it("no validator is the finding", async () => {
    expect(await violationsOf(rule, [restApi({ body: { openapi: "3.0.1" } })])).to.deep.equal([
      "orders: The REST API defines no request validator: no request is validated.",
    ]);
  });
  it("the body unknown at preview is a preview note", async () => {
    const api = restApi({ body: UNKNOWN });
    expect(await violationsOf(rule, [api])).to.deep.equal([]);
    expect(await previewNotes(policy(rule), [api])).to.have.length(1);
  });
});
