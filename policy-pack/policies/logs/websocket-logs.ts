// WebSocket APIs (API Gateway v2) log their own execution: the stage's default route settings
// turn CloudWatch execution logging on. HTTP APIs have no execution logs (only access logs,
// ../edge/api-gateway-stages.ts); REST stages: ./api-logs.ts.
import { stackPolicy } from "../../lib/define";
import { APIGATEWAYV2_API, APIGATEWAYV2_STAGE } from "../../lib/types";
import { awsDocs, fsbp, kics } from "../../lib/controls";
import { NATIVE_APIGATEWAYV2_API, NATIVE_APIGATEWAYV2_STAGE } from "../../lib/native/types";

/** Execution log levels that log (the other value, and the default, is OFF). */
const LOGGING_LEVELS = new Set(["ERROR", "INFO"]);

// --- apigatewayv2-websocket-stage-execution-logging --------------------------------------------
export const websocketStageExecutionLogging = stackPolicy({
  name: "apigatewayv2-websocket-stage-execution-logging",
  description:
    "Stages of WebSocket APIs turn on execution logging: defaultRouteSettings.loggingLevel " +
    '"ERROR" or "INFO", and no route of the stage turned back to "OFF". The level defaults to ' +
    "OFF and applies to WebSocket APIs only; stages of HTTP APIs, and of APIs the program does " +
    "not declare, are not judged. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `defaultRouteSettings: { loggingLevel: "ERROR", detailedMetricsEnabled: true }` on the ' +
    "aws.apigatewayv2.Stage, after giving API Gateway a CloudWatch Logs role for the account " +
    "(`aws.apigateway.Account`). Prefer ERROR over INFO with dataTraceEnabled, which logs " +
    "message bodies.",
  references: [
    kics("API Gateway Access Logging Disabled"),
    // "API Gateway REST and WebSocket API execution logging should be enabled".
    fsbp("APIGateway.1"),
    // "Logging level for the default route ... Valid values: ERROR, INFO, OFF. Defaults to OFF.
    // Supported only for WebSocket APIs." (the provider's apigatewayv2 Stage reference)
    awsDocs("apigateway/latest/developerguide/websocket-api-logging"),
  ],
  types: [APIGATEWAYV2_STAGE, APIGATEWAYV2_API, NATIVE_APIGATEWAYV2_STAGE, NATIVE_APIGATEWAYV2_API],
  appliesTo: [APIGATEWAYV2_STAGE, NATIVE_APIGATEWAYV2_STAGE],
  check: (ctx) => {
    for (const stage of ctx.index.ofType(APIGATEWAYV2_STAGE)) {
      ctx.each(stage, () => {
        const [api] = ctx.index.referenced(stage, "apiId", APIGATEWAYV2_API);
        if (!api || String(api.props.protocolType).toUpperCase() !== "WEBSOCKET") return;
        const raw = stage.props.defaultRouteSettings?.loggingLevel;
        const level = String(raw || "OFF").toUpperCase();
        const routes = (stage.props.routeSettings ?? []) as {
          routeKey?: string;
          loggingLevel?: string;
        }[];
        const off = routes
          .filter(
            (r) =>
              r.loggingLevel !== undefined &&
              !LOGGING_LEVELS.has(String(r.loggingLevel).toUpperCase()),
          )
          .map((r) => `"${r.routeKey}"`);
        if (LOGGING_LEVELS.has(level) && off.length === 0) return;
        ctx.report(
          stage,
          !LOGGING_LEVELS.has(level)
            ? `defaultRouteSettings.loggingLevel is ${raw === undefined ? "not set (OFF)" : JSON.stringify(raw)}: ` +
                "the WebSocket stage writes no execution logs."
            : `routeSettings turn execution logging off for ${off.join(", ")}.`,
        );
      });
    }
  },
});
