// The provider's checks at plan time that read two inputs (rules-authorizers.ts): a value unknown
// at preview is not judged, as the provider skips an unknown one, and what is accepted beside
// what is refused.
import { expect } from "chai";
import { handBuiltResource } from "../../tools/lib/engine/registration";
import { UNKNOWN } from "../../tools/lib/engine/wire";
import { refusedInputs } from "../../tools/lib/provider-checks";

const META = { stack: "dev", project: "app", outputs: {} };
const AUTHORIZER = "aws:apigateway/authorizer:Authorizer";
const INVOKE_ARN =
  "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations";

const refused = (type: string, inputs: Record<string, unknown>) =>
  refusedInputs(handBuiltResource(type, "r", inputs, META)).map((r) => [r.prop, r.says[0]]);
const authorizer = (inputs: Record<string, unknown>) =>
  refused(AUTHORIZER, { restApi: "a1b2c3d4e5", name: "auth", ...inputs });

describe("provider inputs: a REST API authorizer's URI or user pools, at plan", () => {
  it("refuses an authorizer of the default type without a URI, and takes one with it", () => {
    expect(authorizer({})).to.deep.equal([
      ["authorizerUri", "authorizer_uri must be set non-empty when authorizer type is TOKEN"],
    ]);
    expect(authorizer({ authorizerUri: INVOKE_ARN })).to.deep.equal([]);
    expect(authorizer({ type: "REQUEST", authorizerUri: INVOKE_ARN })).to.deep.equal([]);
  });

  it("does not judge an unknown type, URI or list of user pools", () => {
    expect(authorizer({ type: UNKNOWN })).to.deep.equal([]);
    expect(authorizer({ authorizerUri: UNKNOWN })).to.deep.equal([]);
    expect(authorizer({ type: "COGNITO_USER_POOLS", providerArns: UNKNOWN })).to.deep.equal([]);
    expect(authorizer({ type: "COGNITO_USER_POOLS", providerArns: [UNKNOWN] })).to.deep.equal([]);
  });

  it("asks a Cognito authorizer for its pools, not for a URI", () => {
    expect(authorizer({ type: "COGNITO_USER_POOLS" })).to.deep.equal([
      [
        "providerArns",
        "provider_arns must be set non-empty when authorizer type is COGNITO_USER_POOLS",
      ],
    ]);
    const pool = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI";
    expect(authorizer({ type: "COGNITO_USER_POOLS", providerArns: [pool] })).to.deep.equal([]);
  });
});
