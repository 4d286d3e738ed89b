// apigatewayv2-websocket-stage-execution-logging (Security Hub APIGateway.1, KICS "API Gateway
// Access Logging Disabled"): a WebSocket stage logging at ERROR passes; each field that turns its
// execution logs off draws the finding; HTTP APIs and APIs outside the stack are not judged.
import { expect } from "chai";
import { APIGATEWAYV2_API, APIGATEWAYV2_STAGE } from "../../../policy-pack/lib/types";
import { expectClean, policy, previewNotes, res, UNKNOWN as U, violationsOf } from "../fixture";

const NAME = "apigatewayv2-websocket-stage-execution-logging";
const api = (protocolType = "WEBSOCKET") =>
  res(APIGATEWAYV2_API, "chat", { protocolType, routeSelectionExpression: "$request.body.action" });
// The stage of an API created in the stack: its apiId is unknown at preview, linked by the
// property dependency.
const stage = (over: Record<string, unknown> = {}, target = api()) =>
  res(
    APIGATEWAYV2_STAGE,
    "live",
    {
      apiId: U,
      name: "live",
      accessLogSettings: {
        destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:chat",
        format: "CLF",
      },
      defaultRouteSettings: { loggingLevel: "ERROR", detailedMetricsEnabled: true },
      ...over,
    },
    { refs: { apiId: [target] } },
  );

describe(NAME, () => {
  describe("Compliance", () => {
    it('a WebSocket stage whose default route logs at "ERROR"', async () => {
      const a = api();
      await expectClean(policy(NAME), [a, stage({}, a)]);
    });
    it('"INFO", and route settings that keep logging on', async () => {
      const a = api();
      const s = stage(
        {
          defaultRouteSettings: { loggingLevel: "INFO" },
          routeSettings: [{ routeKey: "$connect", loggingLevel: "ERROR" }],
        },
        a,
      );
      expect(await violationsOf(NAME, [a, s])).to.deep.equal([]);
    });
    it("stages of HTTP APIs (no execution logs) and of APIs outside the stack are not judged", async () => {
      const http = api("HTTP");
      expect(
        await violationsOf(NAME, [http, stage({ defaultRouteSettings: undefined }, http)]),
      ).to.deep.equal([]);
      const outside = res(APIGATEWAYV2_STAGE, "other", { apiId: "a1b2c3", name: "other" });
      expect(await violationsOf(NAME, [outside])).to.deep.equal([]);
    });
  });

  describe("Unknown at preview", () => {
    it("a default or route logging level unknown at preview is a note, not a pass", async () => {
      for (const over of [
        { defaultRouteSettings: { loggingLevel: U } },
        { defaultRouteSettings: U },
        { routeSettings: [{ routeKey: "$connect", loggingLevel: U }] },
      ]) {
        const a = api();
        const s = stage(over, a);
        expect(await violationsOf(NAME, [a, s])).to.deep.equal([]);
        expect(await previewNotes(policy(NAME), [a, s])).to.have.length(1);
      }
    });
  });

  describe("Noncompliance", () => {
    it('loggingLevel "OFF", "" or left out (KICS positive2 and positive4)', async () => {
      const cases: [Record<string, unknown> | undefined, string][] = [
        [{ loggingLevel: "OFF" }, '"OFF"'],
        [{ loggingLevel: "" }, '""'],
        [{ dataTraceEnabled: false }, "not set (OFF)"],
        [undefined, "not set (OFF)"],
      ];
      for (const [defaults, shown] of cases) {
        const a = api();
        expect(
          await violationsOf(NAME, [a, stage({ defaultRouteSettings: defaults }, a)]),
        ).to.deep.equal([
          `live: defaultRouteSettings.loggingLevel is ${shown}: the WebSocket stage writes no execution logs.`,
        ]);
      }
    });
    it('a route turned back to "OFF"', async () => {
      const a = api();
      const s = stage({ routeSettings: [{ routeKey: "sendmessage", loggingLevel: "OFF" }] }, a);
      expect(await violationsOf(NAME, [a, s])).to.deep.equal([
        'live: routeSettings turn execution logging off for "sendmessage".',
      ]);
    });
  });
});
