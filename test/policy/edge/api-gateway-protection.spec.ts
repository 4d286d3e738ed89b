// What stands in front of a REST API's back ends: a WAFv2 web ACL on each stage (cdk-nag
// AwsSolutions-APIG3, Checkov CKV2_AWS_29, Security Hub APIGateway.4) and a request validator
// (cdk-nag AwsSolutions-APIG2), from the provider's examples and each broken link.
import { expect } from "chai";
import {
  APIGATEWAY_REQUEST_VALIDATOR,
  APIGATEWAY_REST_API,
  APIGATEWAY_STAGE,
  WAFV2_WEB_ACL_ASSOCIATION,
} from "../../../policy-pack/lib/types";
import { expectClean, policy, res, UNKNOWN as U, violationsOf } from "../fixture";

// The provider's aws.apigateway.RestApi OpenAPI example (no validators in the body).
const api = (
  body = JSON.stringify({
    openapi: "3.0.1",
    info: { title: "example", version: "1.0" },
    paths: {},
  }),
) => res(APIGATEWAY_REST_API, "example", { body, name: "example" });
const stage = (a: ReturnType<typeof api>) =>
  res(
    APIGATEWAY_STAGE,
    "example",
    { deployment: U, restApi: U, stageName: "example" },
    { refs: { restApi: [a] } },
  );

describe("apigateway-stage-waf", () => {
  const p = policy("apigateway-stage-waf");
  it("APIG3 / APIGateway.4 compliant: a web ACL association built from the stage's ARN", async () => {
    const a = api();
    const s = stage(a);
    const assoc = res(
      WAFV2_WEB_ACL_ASSOCIATION,
      "waf",
      { resourceArn: U, webAclArn: U },
      { refs: { resourceArn: [s] } },
    );
    await expectClean(p, [a, s, assoc]);
  });
  it("a web ACL association naming the stage by its literal ARN", async () => {
    const a = api();
    const arn = "arn:aws:apigateway:eu-west-1::/restapis/abc123/stages/example";
    const s = res(APIGATEWAY_STAGE, "example", {
      deployment: "d",
      restApi: "abc123",
      stageName: "example",
      arn,
    });
    const assoc = res(WAFV2_WEB_ACL_ASSOCIATION, "waf", {
      resourceArn: arn,
      webAclArn: "arn:aws:wafv2:acl",
    });
    await expectClean(p, [a, s, assoc]);
  });
  it("APIG3 / CKV2_AWS_29: a stage without a web ACL", async () => {
    const a = api();
    expect(await violationsOf(p.name, [a, stage(a)])).to.deep.equal([
      "example: The stage is not associated with a WAFv2 web ACL.",
    ]);
  });
  it("an association of another stage does not count", async () => {
    const a = api();
    const s = stage(a);
    const other = res(
      APIGATEWAY_STAGE,
      "other",
      { deployment: U, restApi: U, stageName: "other" },
      { refs: { restApi: [a] } },
    );
    const assoc = res(
      WAFV2_WEB_ACL_ASSOCIATION,
      "waf",
      { resourceArn: U, webAclArn: U },
      { refs: { resourceArn: [other] } },
    );
    expect(await violationsOf(p.name, [a, s, other, assoc])).to.have.length(1);
  });
});

describe("apigateway-rest-api-request-validation", () => {
  const p = policy("apigateway-rest-api-request-validation");
  it("APIG2 compliant: the provider's RequestValidator example on the API", async () => {
    const a = api();
    const validator = res(
      APIGATEWAY_REQUEST_VALIDATOR,
      "example",
      { name: "example", restApi: U, validateRequestBody: true, validateRequestParameters: true },
      { refs: { restApi: [a] } },
    );
    await expectClean(p, [a, validator]);
  });
  it("APIG2 compliant: validators declared in the OpenAPI body", async () => {
    const body = JSON.stringify({
      openapi: "3.0.1",
      info: { title: "example", version: "1.0" },
      "x-amazon-apigateway-request-validators": {
        all: { validateRequestBody: true, validateRequestParameters: true },
      },
      "x-amazon-apigateway-request-validator": "all",
      paths: {},
    });
    await expectClean(p, [api(body)]);
  });
  it("APIG2: the provider's OpenAPI example without a validator", async () => {
    expect(await violationsOf(p.name, [api()])).to.deep.equal([
      "example: The REST API defines no request validator: no request is validated.",
    ]);
  });
  it("a validator of another API does not count", async () => {
    const a = api();
    const other = res(APIGATEWAY_REST_API, "other", { name: "other" });
    const validator = res(
      APIGATEWAY_REQUEST_VALIDATOR,
      "v",
      { name: "v", restApi: U },
      { refs: { restApi: [other] } },
    );
    expect(await violationsOf(p.name, [a, other, validator])).to.deep.equal([
      "example: The REST API defines no request validator: no request is validated.",
    ]);
  });
});
