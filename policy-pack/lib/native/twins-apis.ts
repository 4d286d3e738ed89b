// API Gateway as @pulumi/aws-native declares it, read as the classic twins (see ./twins.ts) for
// the advisory API rules:
// - AWS::ApiGateway::DomainName SecurityPolicy keeps its name (sdk/nodejs/apigateway/domainName.ts);
// - AWS::ApiGateway::RequestValidator RestApiId is the classic restApi; ValidateRequestBody and
//   ValidateRequestParameters keep their names (sdk/nodejs/apigateway/requestValidator.ts);
// - AWS::ApiGatewayV2::Stage ApiId and DefaultRouteSettings { LoggingLevel, ... } keep the classic
//   names; RouteSettings is a JSON map from route key to its settings, where the classic stage lists
//   routeSettings [{ routeKey, loggingLevel }] (sdk/nodejs/apigatewayv2/stage.ts, 1.x and 0.67.0;
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-stage.html);
// - AWS::ApiGateway::Stage MethodSettings [{ ResourcePath, HttpMethod, LoggingLevel, ... }] holds
//   inline what the classic program declares as aws.apigateway.MethodSettings resources
//   (`inlineMethodSettings`): "specify an asterisk (*) for the HttpMethod and /* for the
//   ResourcePath" for every method, a path's slashes encoded as ~1 (StageMethodSetting in
//   types/input.ts), which is the classic methodPath "*/*", "resource/subresource/GET".
import * as t from "../types";
import * as n from "./types";
import type { Twin } from "./twins";
import { asList } from "../values";
import { mapAsList, templateField } from "./json-map";

/** A native WebSocket stage's routeSettings map as the classic [{ routeKey, loggingLevel }]. */
const routeSettings = (v: unknown): unknown =>
  mapAsList(v, (routeKey, settings) => ({
    routeKey,
    // The JSON is the template's: CloudFormation's LoggingLevel, or the camelCase the SDK's typed
    // defaultRouteSettings uses.
    get loggingLevel() {
      return templateField(settings(), "loggingLevel");
    },
  }));

/** A method settings resource as a rule reads it: its methodPath and settings.loggingLevel. */
interface MethodSettingsView {
  readonly methodPath: unknown;
  readonly settings?: { readonly loggingLevel?: unknown };
}

/**
 * The method settings an aws-native REST stage holds inline (its methodSettings), each as the
 * classic MethodSettings resource reads: methodPath "<resource path>/<method>", the path's ~1
 * decoded and its leading slash dropped ("/*" and "*" → "*\/*"). A classic stage has none.
 * Reading an unknown list throws (a preview note where the rule runs it).
 */
export function inlineMethodSettings(stage: { props: any }): MethodSettingsView[] {
  return asList(stage.props.methodSettings).map((m: any) => {
    const path = String(m?.resourcePath ?? "/*")
      .replace(/~1/g, "/")
      .replace(/^\/+/, "");
    return {
      methodPath: `${path}/${String(m?.httpMethod ?? "*")}`,
      settings: { loggingLevel: m?.loggingLevel },
    };
  });
}

export const API_TWINS: [string, Twin][] = [
  [n.NATIVE_APIGATEWAY_DOMAIN_NAME, { classic: t.APIGATEWAY_DOMAIN_NAME }],
  [
    n.NATIVE_APIGATEWAY_REQUEST_VALIDATOR,
    { classic: t.APIGATEWAY_REQUEST_VALIDATOR, rename: { restApi: "restApiId" } },
  ],
  [
    n.NATIVE_APIGATEWAYV2_STAGE,
    {
      classic: t.APIGATEWAYV2_STAGE,
      derive: { routeSettings: { from: "routeSettings", map: routeSettings } },
    },
  ],
];
