// IAM identity providers report their ARN as their id, and an OIDC provider's ARN ends with its
// URL's host and path: trust policies name their condition keys after it.
import { expect } from "chai";
import { resourceState, UNKNOWN } from "../../../tools/lib/fake-aws";

const ENV = { accountId: "123456789012", region: "eu-west-1" };

describe("fake IAM identity providers", () => {
  it("an OIDC provider's id and ARN: oidc-provider/<url without https://> (aws.iam.getOpenIdConnectProvider's example ARN)", () => {
    const { id, state } = resourceState(
      {
        type: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
        name: "github",
        inputs: {
          url: "https://token.actions.githubusercontent.com",
          clientIdLists: ["sts.amazonaws.com"],
        },
      },
      ENV,
      "apply",
    );
    expect(id).to.equal(
      "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
    );
    expect(state.arn).to.equal(id);
    // The `url` output is what IAM returns after create: without the scheme the input needs.
    expect(state.url).to.equal("token.actions.githubusercontent.com");
    expect(state.clientIdLists).to.deep.equal(["sts.amazonaws.com"]);
    const eks = resourceState(
      {
        type: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
        name: "eks",
        inputs: {
          url: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
        },
      },
      { accountId: "123456789012", region: "cn-north-1" },
      "apply",
    );
    expect(eks.state.arn).to.equal(
      "arn:aws-cn:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
    );
  });

  it("an OIDC provider being created shows its url input at preview, the scheme-less URL once read back", () => {
    const args = {
      type: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
      name: "github",
      inputs: { url: "https://token.actions.githubusercontent.com" },
    };
    expect(resourceState(args, ENV, "preview").state.url).to.equal(
      "https://token.actions.githubusercontent.com",
    );
    // Read (imported or `get`): the provider reads the URL from IAM.
    const read = resourceState(
      { ...args, id: "arn:x", inputs: { url: "https://x.example" } },
      ENV,
      "preview",
    );
    expect(read.state.url).to.equal("x.example");
  });

  it("an OIDC provider whose URL is not known yet has no id or ARN yet", () => {
    const { id, state } = resourceState(
      {
        type: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
        name: "p",
        inputs: { url: UNKNOWN },
      },
      ENV,
      "apply",
    );
    expect(id).to.equal("");
    expect(state.arn).to.equal(UNKNOWN);
  });

  it("a SAML provider's id is its ARN", () => {
    const { id, state } = resourceState(
      {
        type: "aws:iam/samlProvider:SamlProvider",
        name: "okta",
        inputs: { name: "okta", samlMetadataDocument: "<x/>" },
      },
      ENV,
      "apply",
    );
    expect(id).to.equal("arn:aws:iam::123456789012:saml-provider/okta");
    expect(state.arn).to.equal(id);
  });
});
