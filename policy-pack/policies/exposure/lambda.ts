// Lambda exposure: permissions that let anyone invoke a function (or use a layer version), function
// URLs without IAM authentication, service permissions that any account's resources could use, and
// permissions that grant more than invoking the function.
//
// An aws.lambda.Permission becomes one statement of the function's resource policy (Lambda
// Developer Guide, "Viewing resource-based IAM policies in Lambda"): `principal` its Principal,
// `sourceArn` an ArnLike AWS:SourceArn condition, `sourceAccount` a StringEquals AWS:SourceAccount
// condition, `principalOrgId` a StringEquals aws:PrincipalOrgID condition. Judged the way the pack
// judges every resource policy (../../lib/public-policy.ts): a grant to "*" is public unless a
// condition pins it to an account or organization. A sourceArn pins the account only when its ARN
// names one: an S3 bucket's ARN carries no account (`arn:aws:s3:::bucket`), and any account that
// can make a source with that ARN could call (the Lambda Developer Guide asks for sourceAccount
// with S3 for that reason); Checkov CKV_AWS_301 and KICS flag "*" whatever the source. For the
// same reason AWS counts a grant to the S3 service principal without sourceAccount as public (AWS
// Config lambda-function-public-access-prohibited, behind Security Hub Lambda.1: "NON_COMPLIANT if
// a Lambda function is invoked from Amazon S3, and the policy doesn't include a condition to limit
// public access, such as AWS:SourceAccount"). Any other service principal without a source lets
// that service invoke the function for another account's resource (the Lambda Developer Guide,
// "Granting Lambda function access to AWS services": a grant to sns.amazonaws.com alone "doesn't
// restrict the Amazon SNS topic that triggers the invocation"): lambda-permission-service-source.
import { resourcePolicy } from "../../lib/define";
import { publicPrincipal } from "../../lib/public-policy";
import {
  LAMBDA_FUNCTION_URL,
  LAMBDA_LAYER_VERSION_PERMISSION,
  LAMBDA_PERMISSION,
} from "../../lib/types";
import {
  NATIVE_LAMBDA_LAYER_VERSION_PERMISSION,
  NATIVE_LAMBDA_PERMISSION,
  NATIVE_LAMBDA_URL,
} from "../../lib/native/types";
import { peek, present } from "../../lib/values";
import { awsDocs, checkov, fsbp, kics, trivy } from "../../lib/controls";
import { stringListSchema } from "../../lib/config-schema";

/** The permission's principal as the policy statement's Principal. */
function principalOf(principal: unknown): { type: string; id: string } {
  const id = String(principal);
  return { type: id.endsWith(".amazonaws.com") ? "Service" : "AWS", id };
}

const PINS = ["sourceAccount", "principalOrgId"];

/** The S3 service principal: its sources (bucket ARNs) carry no account. */
const S3_SERVICE = "s3.amazonaws.com";

/** An ARN whose account field is a concrete account id. */
const ARN_WITH_ACCOUNT = /^arn:[^:]+:[^:]*:[^:]*:\d{12}:/;

/**
 * Whether a sourceArn names a source: its account field is a concrete account id, or it is empty
 * (the ARN of a globally named resource, an S3 bucket) and the resource part names something.
 * `arn:aws:execute-api:*:*:*` or `arn:aws:sns:*:*:*` match a resource of every account, so they
 * leave the confused-deputy problem open (IAM User Guide, "The confused deputy problem": the
 * condition is to name "the ARN of the resource" or the account that owns it); wildcards after
 * a named account (API Gateway's `arn:aws:execute-api:region:account:api-id/*` form, the Lambda
 * Developer Guide's source-arn examples) still pin it. Checkov CKV_AWS_364 and Trivy AWS-0067
 * only ask for a sourceArn to be present.
 */
function namesSource(arn: string): boolean {
  const m = /^arn:[^:]+:[^:]*:[^:]*:([^:]*):(.*)$/.exec(arn);
  if (!m) return false;
  const [, account, resource] = m;
  if (/^\d{12}$/.test(account)) return true;
  return account === "" && !/^[*?/:]*$/.test(resource);
}

export const lambdaPermissionNotPublic = resourcePolicy({
  name: "lambda-permission-not-public",
  description:
    'No Lambda permission grants invocation to Principal "*" (or another unfixed principal) ' +
    "without sourceAccount, principalOrgId or a sourceArn that names an account pinning who may " +
    "call, nor to the S3 service principal without sourceAccount (any account's bucket could call).",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Set `principal` to the service (events.amazonaws.com, apigateway.amazonaws.com ...) or " +
    "account that invokes the function, with `sourceArn` (and `sourceAccount`), or keep the " +
    "principal and add `principalOrgId` for callers of your organization.",
  references: [
    checkov("CKV_AWS_301"),
    kics("Lambda Permission Principal Is Wildcard"),
    fsbp("Lambda.1"),
    awsDocs("config/latest/developerguide/lambda-function-public-access-prohibited"),
  ],
  types: [LAMBDA_PERMISSION, NATIVE_LAMBDA_PERMISSION],
  check: (props, ctx) => {
    const principal = principalOf(props.principal);
    if (principal.type === "Service" && principal.id.toLowerCase() === S3_SERVICE) {
      if (present(props, "sourceAccount")) return;
      ctx.report(
        `${props.action ?? "the action"} is granted to ${principal.id} without sourceAccount: a ` +
          "bucket's ARN names no account, so a bucket of any account can invoke the function " +
          "(AWS counts this as public access).",
      );
      return;
    }
    const who = publicPrincipal(principal);
    if (who === undefined) return;
    if (PINS.some((k) => present(props, k))) return;
    if (present(props, "sourceArn")) {
      const arn = String(props.sourceArn);
      if (ARN_WITH_ACCOUNT.test(arn)) return;
      ctx.report(
        `${props.action ?? "the action"} is granted to ${who} with sourceArn ${arn}, which names ` +
          "no account, and no sourceAccount or principalOrgId: any account that owns a source " +
          "with that ARN can invoke the function.",
      );
      return;
    }
    ctx.report(
      `${props.action ?? "the action"} is granted to ${who} with no sourceArn, sourceAccount or ` +
        "principalOrgId: anyone can invoke the function.",
    );
  },
});

export const lambdaPermissionServiceSource = resourcePolicy({
  name: "lambda-permission-service-source",
  description:
    "Lambda permissions granted to an AWS service principal name the source (a sourceArn that " +
    "names an account, or sourceAccount), so the service cannot invoke the function for another account's resource " +
    "(the confused-deputy problem): without one, a bucket, rule, topic or API of any account can " +
    "be made to invoke the function.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `sourceArn` to the bucket, rule, topic or API that invokes the function (and " +
    "`sourceAccount` for S3, whose bucket ARNs carry no account).",
  references: [
    checkov("CKV_AWS_364"),
    trivy("AWS-0067"),
    fsbp("Lambda.1"),
    awsDocs("lambda/latest/dg/permissions-function-services (source-arn)"),
  ],
  types: [LAMBDA_PERMISSION, NATIVE_LAMBDA_PERMISSION],
  check: (props, ctx) => {
    const principal = principalOf(props.principal);
    if (principal.type !== "Service" || publicPrincipal(principal) !== undefined) return;
    // S3 without sourceAccount is public, lambda-permission-not-public's finding.
    if (principal.id.toLowerCase() === S3_SERVICE && !present(props, "sourceAccount")) return;
    if (PINS.some((k) => present(props, k))) return;
    if (present(props, "sourceArn")) {
      // Unknown at preview: the ARN of a resource the program creates, which names its account.
      const arn = peek(() => props.sourceArn);
      if (!arn.known || namesSource(String(arn.value))) return;
      ctx.report(
        `the service principal ${principal.id} may invoke the function for any account's ` +
          `resources: sourceArn ${String(arn.value)} pins no account (a wildcard or nothing in ` +
          "its account field), and there is no sourceAccount.",
      );
      return;
    }
    ctx.report(
      `the service principal ${principal.id} may invoke the function for any account's resources ` +
        "(no sourceArn or sourceAccount).",
    );
  },
});

interface InvokeOnlyConfig {
  readonly allowedActions: string[];
}

export const lambdaPermissionInvokeOnly = resourcePolicy<InvokeOnlyConfig>({
  name: "lambda-permission-invoke-only",
  description:
    "Lambda permissions grant only invocation (lambda:InvokeFunction, lambda:InvokeFunctionUrl) " +
    'or reading the function: never a wildcard ("*", "lambda:*") or an action that changes or ' +
    "deletes the function, which would let another principal replace the code that runs with " +
    "the function's role.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set `action: "lambda:InvokeFunction"` (or "lambda:InvokeFunctionUrl" for a function URL); ' +
    "grant management of the function through IAM policies of your own principals instead.",
  references: [
    kics("Lambda Permission Misconfigured"),
    kics("Lambda With Vulnerable Policy"),
    // AddPermission, Action: "The action that the principal can use on the function. For example,
    // lambda:InvokeFunction or lambda:GetFunction."
    awsDocs("lambda/latest/api/API_AddPermission"),
  ],
  config: {
    allowedActions: stringListSchema(
      "Actions a Lambda permission may grant (compared case-insensitively).",
      ["lambda:InvokeFunction", "lambda:InvokeFunctionUrl", "lambda:GetFunction"],
    ),
  },
  types: [LAMBDA_PERMISSION, NATIVE_LAMBDA_PERMISSION],
  check: (props, ctx) => {
    const action = String(props.action ?? "");
    const allowed = ctx.config.allowedActions.map((a) => a.toLowerCase());
    if (allowed.includes(action.toLowerCase())) return;
    ctx.report(
      action.includes("*")
        ? `action "${action}" grants every Lambda action on the function, not only invocation.`
        : `action "${action}" grants more than invoking the function.`,
    );
  },
});

export const lambdaFunctionUrlAuth = resourcePolicy({
  name: "lambda-function-url-auth",
  description:
    'Lambda function URLs require IAM authentication (authorizationType "AWS_IAM"); "NONE" makes ' +
    "the function callable by anyone on the internet who knows the URL.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set `authorizationType: "AWS_IAM"` and grant lambda:InvokeFunctionUrl to the callers, or put ' +
    "the function behind API Gateway or CloudFront (with Origin Access Control) instead.",
  references: [checkov("CKV_AWS_258"), awsDocs("lambda/latest/dg/urls-auth")],
  types: [LAMBDA_FUNCTION_URL, NATIVE_LAMBDA_URL],
  check: (props, ctx) => {
    if (props.authorizationType === "NONE") {
      ctx.report('authorizationType is "NONE": the function URL is public.');
    }
  },
});

export const lambdaLayerPermissionNotPublic = resourcePolicy({
  name: "lambda-layer-permission-not-public",
  description:
    'No Lambda layer version permission grants use of the layer to Principal "*" without an ' +
    "organizationId: that publishes the layer's code to every AWS account.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Grant the layer to named account ids, or keep `principal: "*"` with `organizationId` set to ' +
    "your organization.",
  references: [awsDocs("lambda/latest/dg/permissions-layer-cross-account")],
  types: [LAMBDA_LAYER_VERSION_PERMISSION, NATIVE_LAMBDA_LAYER_VERSION_PERMISSION],
  check: (props, ctx) => {
    const who = publicPrincipal(principalOf(props.principal));
    if (who === undefined || present(props, "organizationId")) return;
    ctx.report(`the layer version is shared with ${who} and no organizationId.`);
  },
});
