// What stands in front of an API Gateway REST API's back ends: a WAFv2 web ACL on each stage, and
// request validation on the API.
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import type { StackIndex } from "../../lib/stack-index";
import { eachWithReferrers } from "../../lib/references";
import {
  APIGATEWAY_REQUEST_VALIDATOR,
  APIGATEWAY_REST_API,
  APIGATEWAY_STAGE,
  WAFV2_WEB_ACL_ASSOCIATION,
} from "../../lib/types";
import {
  NATIVE_APIGATEWAY_REQUEST_VALIDATOR,
  NATIVE_APIGATEWAY_REST_API,
  NATIVE_APIGATEWAY_STAGE,
  NATIVE_WAFV2_WEB_ACL_ASSOCIATION,
} from "../../lib/native/types";
import { asString } from "../../lib/values";
import { awsDocs, cdkNag, checkov, fsbp } from "../../lib/controls";

export const apigatewayStageWaf = stackPolicy({
  name: "apigateway-stage-waf",
  description:
    "API Gateway REST API stages are protected by a WAFv2 web ACL (an aws.wafv2.WebAclAssociation " +
    "whose resourceArn is the stage's ARN), which filters common exploits and floods before they " +
    "reach the back end. Advisory.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Create an `aws.wafv2.WebAcl` (scope REGIONAL) and an `aws.wafv2.WebAclAssociation` with " +
    "`resourceArn: stage.arn` (an aws-native Stage has no arn: write " +
    "`arn:<partition>:apigateway:<region>::/restapis/<restApiId>/stages/<stageName>`); or waive " +
    "the rule on the stage with the reason (for example a " +
    "private API reached only through the VPC).",
  references: [
    cdkNag("AwsSolutions-APIG3"),
    checkov("CKV2_AWS_29"),
    fsbp("APIGateway.4"),
    awsDocs("apigateway/latest/developerguide/apigateway-control-access-aws-waf"),
  ],
  types: [
    APIGATEWAY_STAGE,
    WAFV2_WEB_ACL_ASSOCIATION,
    NATIVE_APIGATEWAY_STAGE,
    NATIVE_WAFV2_WEB_ACL_ASSOCIATION,
  ],
  appliesTo: [APIGATEWAY_STAGE, NATIVE_APIGATEWAY_STAGE],
  check: (ctx) => {
    // Only an association given as a literal ARN needs the stage's ARN (unknown at preview).
    const link = { type: WAFV2_WEB_ACL_ASSOCIATION, prop: "resourceArn", keys: ["arn"] };
    eachWithReferrers(ctx, APIGATEWAY_STAGE, link, (stage, associations) => {
      if (associations.length > 0) return;
      if (namesStage(ctx.index, stage)) return;
      ctx.report(stage, "The stage is not associated with a WAFv2 web ACL.");
    });
  },
});

/** A stage's ARN, arn:<partition>:apigateway:<region>::/restapis/<api id>/stages/<stage name>. */
const STAGE_ARN = /^arn:[^:]+:apigateway:[^:]*::\/restapis\/([^/]+)\/stages\/([^/]+)$/;

/**
 * Whether an association names `stage` by the ARN form of its API's id and its name (an
 * aws-native Stage has no `arn` output, so its ARN is written out: WAF AssociateWebACL ResourceArn,
 * "For an Amazon API Gateway REST API stage: arn:partition:apigateway:region::/restapis/api-id/
 * stages/stage-name", https://docs.aws.amazon.com/waf/latest/APIReference/API_AssociateWebACL.html).
 * An association built from another resource than the stage's REST API is not read; one built
 * from that API, or literal, is read, and when its ARN or the stage's name is unknown at preview
 * the read throws: the stage's part becomes a preview note, not a finding.
 */
function namesStage(index: StackIndex, stage: PolicyResource): boolean {
  const apis = new Set(index.referenced(stage, "restApi").map((r) => r.urn));
  for (const a of index.ofType(WAFV2_WEB_ACL_ASSOCIATION)) {
    const from = index.referenced(a, "resourceArn");
    const sameApi = from.length > 0 && from.every((r) => apis.has(r.urn));
    if (from.length > 0 && !sameApi) continue;
    const m = STAGE_ARN.exec(String(a.props.resourceArn));
    if (!m || m[2] !== stage.props.stageName) continue;
    if (sameApi || m[1] === stage.props.restApi) return true;
  }
  return false;
}

/** The OpenAPI extension that names a REST API's request validators in its imported definition. */
const OPENAPI_VALIDATORS = "x-amazon-apigateway-request-validators";

export const apigatewayRequestValidation = stackPolicy({
  name: "apigateway-rest-api-request-validation",
  description:
    "API Gateway REST APIs define a request validator (an aws.apigateway.RequestValidator for the " +
    "API, or x-amazon-apigateway-request-validators in the OpenAPI body), so API Gateway can " +
    "reject requests whose parameters or body do not match the model before they reach the " +
    "back end. Without one, API Gateway validates nothing. Advisory. As cdk-nag " +
    "AwsSolutions-APIG2, the rule asks that a validator exist, not that every method use it.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Add `new aws.apigateway.RequestValidator(name, { restApi: api.id, validateRequestBody: " +
    "true, validateRequestParameters: true })` and set `requestValidatorId` on the methods that " +
    "take input.",
  references: [
    cdkNag("AwsSolutions-APIG2"),
    // "API Gateway ... can perform basic validation ... you configure a request validator".
    awsDocs("apigateway/latest/developerguide/api-gateway-method-request-validation"),
  ],
  types: [
    APIGATEWAY_REST_API,
    APIGATEWAY_REQUEST_VALIDATOR,
    NATIVE_APIGATEWAY_REST_API,
    NATIVE_APIGATEWAY_REQUEST_VALIDATOR,
  ],
  appliesTo: [APIGATEWAY_REST_API, NATIVE_APIGATEWAY_REST_API],
  check: (ctx) => {
    const link = { type: APIGATEWAY_REQUEST_VALIDATOR, prop: "restApi", keys: ["id"] };
    eachWithReferrers(ctx, APIGATEWAY_REST_API, link, (api, validators) => {
      if (validators.length > 0) return;
      if (asString(api.props.body)?.includes(OPENAPI_VALIDATORS)) return;
      ctx.report(api, "The REST API defines no request validator: no request is validated.");
    });
  },
});
