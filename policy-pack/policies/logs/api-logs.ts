// APIs that log their own execution: API Gateway REST stages (execution logging, set in the
// stage's method settings) and AppSync GraphQL APIs (request and field-resolver logging). Access
// logs of API Gateway stages: ../edge/api-gateway-stages.ts.
import { resourcePolicy, stackPolicy } from "../../lib/define";
import { stageMethodSettings } from "../../lib/edge/stage-settings";
import { APIGATEWAY_METHOD_SETTINGS, APIGATEWAY_STAGE, APPSYNC_GRAPHQL_API } from "../../lib/types";
import {
  NATIVE_APIGATEWAY_STAGE,
  NATIVE_APPSYNC_GRAPHQL_API,
  NATIVE_APPSYNC_GRAPHQL_API_V0,
} from "../../lib/native/types";
import { inlineMethodSettings } from "../../lib/native/twins-apis";
import { holdsValue, unknownError } from "../../lib/values";
import { awsDocs, cdkNag, checkov, fsbp } from "../../lib/controls";

/** The method path of settings that apply to every method of a stage. */
const ALL_METHODS = "*/*";
/** Execution log levels that log (the API's other value is OFF). */
const LOGGING_LEVELS = new Set(["ERROR", "INFO"]);

export const apigatewayStageExecutionLogging = stackPolicy({
  name: "apigateway-stage-execution-logging",
  description:
    "API Gateway REST API stages turn on execution logging for every method: method settings " +
    'for the stage with methodPath "*/*" and settings.loggingLevel "ERROR" or "INFO", and no ' +
    'method path of the stage turned back to "OFF". Execution logging is off unless a stage\'s ' +
    "method settings turn it on. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Add `new aws.apigateway.MethodSettings(name, { restApi: api.id, stageName: " +
    'stage.stageName, methodPath: "*/*", settings: { loggingLevel: "ERROR", metricsEnabled: ' +
    "true } })`, after giving API Gateway a CloudWatch Logs role for the account " +
    "(`aws.apigateway.Account`). Prefer ERROR over INFO with dataTraceEnabled, which logs " +
    "request and response bodies.",
  references: [
    cdkNag("AwsSolutions-APIG6"),
    checkov("CKV2_AWS_4"),
    fsbp("APIGateway.1"),
    // "Execution logging ... Off, Errors only, Errors and info logs"; off by default.
    awsDocs("apigateway/latest/developerguide/set-up-logging"),
  ],
  types: [APIGATEWAY_STAGE, APIGATEWAY_METHOD_SETTINGS, NATIVE_APIGATEWAY_STAGE],
  appliesTo: [APIGATEWAY_STAGE, NATIVE_APIGATEWAY_STAGE],
  check: (ctx) => {
    for (const stage of ctx.index.ofType(APIGATEWAY_STAGE)) {
      ctx.each(stage, () => {
        const { settings, unresolved } = stageMethodSettings(ctx.index, stage);
        let all: string | undefined;
        const off: string[] = [];
        // An aws-native stage holds its method settings inline (../../lib/native/twins-apis.ts).
        for (const ms of [...settings.map((s) => s.props), ...inlineMethodSettings(stage)]) {
          const level = String(ms.settings?.loggingLevel ?? "OFF").toUpperCase();
          if (ms.methodPath === ALL_METHODS) all = level;
          else if (level === "OFF") off.push(String(ms.methodPath));
        }
        if (all !== undefined && LOGGING_LEVELS.has(all) && off.length === 0) return;
        // Settings whose stage cannot be told until apply may be the ones that turn logging on.
        if (unresolved.length > 0) {
          throw unknownError(
            `the stage or REST API of method settings ${unresolved.map((m) => `"${m.name}"`).join(", ")} ` +
              "is unknown until apply",
          );
        }
        ctx.report(
          stage,
          all === undefined
            ? `no method settings with methodPath "${ALL_METHODS}" turn execution logging on ` +
                'for the stage (loggingLevel "ERROR" or "INFO").'
            : !LOGGING_LEVELS.has(all)
              ? `the stage's "${ALL_METHODS}" method settings set loggingLevel "${all}": no ` +
                "execution logs."
              : `method settings turn execution logging off for ${off.join(", ")}.`,
        );
      });
    }
  },
});

/** Field resolver log levels that log nothing. */
const FIELD_LEVELS_OFF = new Set(["NONE"]);

export const appsyncGraphqlApiLogging = resourcePolicy({
  name: "appsync-graphql-api-logging",
  description:
    "AppSync GraphQL APIs log requests and field resolvers to CloudWatch Logs: logConfig with a " +
    'cloudwatchLogsRoleArn and a fieldLogLevel other than "NONE". AppSync logs nothing unless ' +
    "logConfig is set. Advisory. Unlike cdk-nag AwsSolutions-ASC3, excludeVerboseContent is " +
    "not judged: leaving headers and resolver context out of the logs is a privacy choice.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `logConfig: { cloudwatchLogsRoleArn: role.arn, fieldLogLevel: "ERROR" }` (a role that ' +
    "AppSync can assume, allowed to write to the API's log group).",
  references: [
    cdkNag("AwsSolutions-ASC3"),
    checkov("CKV_AWS_193"),
    checkov("CKV_AWS_194"),
    fsbp("AppSync.2"),
    // "Field-level logging ... None, Error, Info, Debug, All"; logging is configured per API.
    awsDocs("appsync/latest/devguide/monitoring"),
  ],
  types: [APPSYNC_GRAPHQL_API, NATIVE_APPSYNC_GRAPHQL_API, NATIVE_APPSYNC_GRAPHQL_API_V0],
  check: (props, ctx) => {
    const log = props.logConfig;
    if (!log) {
      ctx.report("No logConfig: the API writes no request or resolver logs.");
      return;
    }
    if (!holdsValue(() => log.cloudwatchLogsRoleArn)) {
      ctx.report("logConfig has no cloudwatchLogsRoleArn: AppSync cannot write the logs.");
    }
    const level = String(log.fieldLogLevel ?? "NONE").toUpperCase();
    if (FIELD_LEVELS_OFF.has(level)) {
      ctx.report('logConfig.fieldLogLevel is "NONE": field resolvers are not logged.');
    }
  },
});
