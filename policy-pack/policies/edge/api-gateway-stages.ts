// API Gateway stages and custom domain names: every stage writes access logs, REST stages trace
// with X-Ray, and REST custom domains refuse TLS 1.0.
import { requireTrue, resourcePolicy } from "../../lib/define";
import { APIGATEWAY_DOMAIN_NAME, APIGATEWAY_STAGE, APIGATEWAYV2_STAGE } from "../../lib/types";
import { NATIVE_APIGATEWAY_DOMAIN_NAME, NATIVE_APIGATEWAY_STAGE } from "../../lib/native/types";
import { holdsValue } from "../../lib/values";
import { awsDocs, cdkNag, checkov, fsbp, kics, trivy } from "../../lib/controls";

export const apigatewayStageAccessLogging = resourcePolicy({
  name: "apigateway-stage-access-logging",
  description:
    "API Gateway stages (REST, HTTP and WebSocket APIs) write access logs to a destination " +
    "(accessLogSettings.destinationArn): who called which route, from where, with what result.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `accessLogSettings: { destinationArn: logGroup.arn, format: ... }` on the stage, with a " +
    "log group encrypted with the stack's key.",
  references: [
    cdkNag("AwsSolutions-APIG1"),
    checkov("CKV_AWS_76"),
    checkov("CKV_AWS_95"),
    kics("API Gateway Access Logging Disabled"),
    trivy("AWS-0001"),
    // "Access logging should be configured for API Gateway V2 Stages" (HTTP and WebSocket).
    fsbp("APIGateway.9"),
  ],
  types: [APIGATEWAY_STAGE, APIGATEWAYV2_STAGE, NATIVE_APIGATEWAY_STAGE],
  check: (props, ctx) => {
    const settings = props.accessLogSettings;
    // Trivy AWS-0001's CloudFormation fixture: settings with a format but no destination log nothing.
    if (!holdsValue(() => settings?.destinationArn)) {
      ctx.report(
        settings
          ? "accessLogSettings has no destinationArn: the stage writes no access logs."
          : "No accessLogSettings: the stage writes no access logs.",
      );
    }
  },
});

export const apigatewayStageXray = resourcePolicy({
  name: "apigateway-stage-xray-tracing",
  description:
    "API Gateway REST API stages trace requests with AWS X-Ray (xrayTracingEnabled), so a call " +
    "can be followed through the services behind it.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Set `xrayTracingEnabled: true` on the stage.",
  references: [
    checkov("CKV_AWS_73"),
    kics("API Gateway X-Ray Disabled"),
    trivy("AWS-0003"),
    fsbp("APIGateway.3"),
  ],
  types: [APIGATEWAY_STAGE, NATIVE_APIGATEWAY_STAGE],
  check: requireTrue("xrayTracingEnabled"),
});

export const apigatewayDomainTls = resourcePolicy({
  name: "apigateway-domain-name-tls",
  description:
    "API Gateway REST custom domain names choose a security policy that refuses TLS 1.0: " +
    '"TLS_1_2" or an enhanced "SecurityPolicy_..." policy, never "TLS_1_0" or the default left ' +
    "unset.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    'Set `securityPolicy: "TLS_1_2"` (or an enhanced policy such as ' +
    '"SecurityPolicy_TLS13_1_2_2021_06" with `endpointAccessMode: "STRICT"`).',
  references: [
    checkov("CKV_AWS_206"),
    kics("API Gateway Without Security Policy"),
    trivy("AWS-0005"),
    // "TLS_1_0 and TLS_1_2 are legacy security policies ... Any policy that starts with
    // SecurityPolicy_ is an enhanced security policy"; a TLS 1.0 policy accepts TLS 1.0 traffic.
    // HTTP and WebSocket API domains support only TLS_1_2, so they need no rule.
    awsDocs("apigateway/latest/developerguide/apigateway-custom-domain-tls-version"),
  ],
  types: [APIGATEWAY_DOMAIN_NAME, NATIVE_APIGATEWAY_DOMAIN_NAME],
  check: (props, ctx) => {
    const policy = props.securityPolicy;
    if (policy === undefined || policy === null || policy === "") {
      ctx.report("securityPolicy is not set: choose one that refuses TLS 1.0 (TLS_1_2).");
    } else if (String(policy).toUpperCase() === "TLS_1_0") {
      ctx.report('securityPolicy is "TLS_1_0": clients may connect with TLS 1.0 and 1.1.');
    }
  },
});
