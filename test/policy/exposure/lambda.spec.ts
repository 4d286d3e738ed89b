// Lambda exposure, from Checkov CKV_AWS_301 / CKV_AWS_364 / CKV_AWS_258, KICS "Lambda Permission
// Principal Is Wildcard" and Trivy AWS-0067.
import { expect } from "chai";
import {
  LAMBDA_FUNCTION_URL,
  LAMBDA_LAYER_VERSION_PERMISSION,
  LAMBDA_PERMISSION,
} from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violations } from "../fixture";

/** Compliant: EventBridge invokes the function for one rule. */
const permission = (extra: Record<string, unknown> = {}) =>
  res(LAMBDA_PERMISSION, "perm", {
    statementId: "AllowExecutionFromCloudWatch",
    action: "lambda:InvokeFunction",
    function: "fn",
    principal: "events.amazonaws.com",
    sourceArn: "arn:aws:events:eu-west-1:111122223333:rule/RunDaily",
    ...extra,
  });

describe("lambda-permission-not-public", () => {
  const p = policy("lambda-permission-not-public");
  describe("Noncompliance", () => {
    it('CKV_AWS_301 / KICS "Lambda Permission Principal Is Wildcard": "*" with an S3 bucket as source (no account)', async () => {
      expect(
        await violations(p, [permission({ principal: "*", sourceArn: "arn:aws:s3:::uploads" })]),
      ).to.deep.equal([
        'perm: lambda:InvokeFunction is granted to Principal "*" with sourceArn arn:aws:s3:::uploads, which names no account, and no sourceAccount or principalOrgId: any account that owns a source with that ARN can invoke the function.',
      ]);
    });
    it("AWS Config lambda-function-public-access-prohibited (Security Hub Lambda.1): the S3 service principal without sourceAccount, with or without a bucket sourceArn", async () => {
      const found = await violations(p, [
        permission({ principal: "s3.amazonaws.com", sourceArn: undefined }),
        res(LAMBDA_PERMISSION, "bucket-only", {
          action: "lambda:InvokeFunction",
          function: "fn",
          principal: "s3.amazonaws.com",
          sourceArn: "arn:aws:s3:::uploads",
        }),
      ]);
      expect(found).to.have.length(2);
      expect(found[1]).to.equal(
        "bucket-only: lambda:InvokeFunction is granted to s3.amazonaws.com without sourceAccount: a bucket's ARN names no account, so a bucket of any account can invoke the function (AWS counts this as public access).",
      );
    });
    it('CKV_AWS_301: principal "*" with no source', async () => {
      expect(
        await violations(p, [permission({ principal: "*", sourceArn: undefined })]),
      ).to.deep.equal([
        'perm: lambda:InvokeFunction is granted to Principal "*" with no sourceArn, sourceAccount or principalOrgId: anyone can invoke the function.',
      ]);
    });
  });
  describe("Compliance", () => {
    it("the compliant fixture has no finding", async () => {
      expect(await violations(p, [permission()])).to.deep.equal([]);
    });
    it('"*" with a source ARN that names the account', async () => {
      expect(await violations(p, [permission({ principal: "*" })])).to.deep.equal([]);
    });
    it('"*" pinned by principalOrgId or sourceAccount', async () => {
      expect(
        await violations(p, [
          permission({ principal: "*", sourceArn: undefined, principalOrgId: "o-a1b2c3d4e5" }),
        ]),
      ).to.deep.equal([]);
      expect(
        await violations(p, [
          permission({ principal: "*", sourceArn: undefined, sourceAccount: "111122223333" }),
        ]),
      ).to.deep.equal([]);
    });
    it("the S3 service principal with sourceAccount and the bucket's sourceArn (the Lambda Developer Guide's S3 example)", async () => {
      expect(
        await violations(p, [
          permission({
            principal: "s3.amazonaws.com",
            sourceArn: "arn:aws:s3:::uploads",
            sourceAccount: "111122223333",
          }),
        ]),
      ).to.deep.equal([]);
    });
    it("an unknown principal is a preview note, not a pass", async () => {
      expect(
        await previewNotes(p, [permission({ principal: UNKNOWN, sourceArn: undefined })]),
      ).to.have.length(1);
    });
  });
});

describe("lambda-permission-service-source", () => {
  const p = policy("lambda-permission-service-source");
  describe("Noncompliance", () => {
    it("CKV_AWS_364 ckv_unittest_fail / Trivy AWS-0067: a service principal without sourceArn or sourceAccount", async () => {
      expect(
        await violations(p, [
          permission({ principal: "apigateway.amazonaws.com", sourceArn: undefined }),
        ]),
      ).to.have.length(1);
      expect(p.enforcementLevel).to.equal("mandatory");
    });
    it("Trivy AWS-0067 bad example (sns.amazonaws.com) and an EventBridge rule of any account: mandatory", async () => {
      for (const principal of ["sns.amazonaws.com", "events.amazonaws.com"]) {
        const found = await violations(p, [permission({ principal, sourceArn: undefined })]);
        expect(found, principal).to.have.length(1);
        expect(found[0]).to.contain(`the service principal ${principal} may invoke the function`);
      }
    });
    it("a sourceArn that pins no account does not count as a source (IAM User Guide, confused deputy problem; stricter than CKV_AWS_364 and Trivy AWS-0067, which accept any sourceArn)", async () => {
      for (const [principal, sourceArn] of [
        ["apigateway.amazonaws.com", "arn:aws:execute-api:*:*:*"],
        ["sns.amazonaws.com", "arn:aws:sns:*:*:*"],
        ["events.amazonaws.com", "arn:aws:events:eu-west-1:*:rule/RunDaily"],
        ["apigateway.amazonaws.com", "arn:aws:execute-api:eu-west-1::*/*/*"],
        ["sns.amazonaws.com", "*"],
      ]) {
        const found = await violations(p, [permission({ principal, sourceArn })]);
        expect(found, sourceArn).to.deep.equal([
          `perm: the service principal ${principal} may invoke the function for any account's ` +
            `resources: sourceArn ${sourceArn} pins no account (a wildcard or nothing in its ` +
            "account field), and there is no sourceAccount.",
        ]);
      }
    });
    it("leaves S3 without sourceAccount to lambda-permission-not-public (one finding, mandatory)", async () => {
      expect(
        await violations(p, [permission({ principal: "s3.amazonaws.com", sourceArn: undefined })]),
      ).to.deep.equal([]);
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_364 ckv_unittest_pass_source_arn / _source_account: an API's execution ARN, or sourceAccount alone", async () => {
      expect(
        await violations(p, [
          permission({
            principal: "apigateway.amazonaws.com",
            sourceArn: "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*/*/*",
          }),
          permission({
            principal: "events.amazonaws.com",
            sourceArn: undefined,
            sourceAccount: "123456789012",
          }),
        ]),
      ).to.deep.equal([]);
    });
    it("Lambda Developer Guide source-arn forms: wildcards after a named account (an API's arn:aws:execute-api:region:account:api-id/*/*), and a sourceArn unknown at preview", async () => {
      for (const sourceArn of [
        "arn:aws:execute-api:eu-west-1:123456789012:abc123/*/*",
        "arn:aws:sns:*:123456789012:*",
        UNKNOWN,
      ]) {
        expect(
          await violations(p, [permission({ principal: "apigateway.amazonaws.com", sourceArn })]),
          sourceArn,
        ).to.deep.equal([]);
      }
    });
    it("the compliant fixture, and an account principal", async () => {
      expect(await violations(p, [permission()])).to.deep.equal([]);
      expect(
        await violations(p, [permission({ principal: "111122223333", sourceArn: undefined })]),
      ).to.deep.equal([]);
    });
  });
});

describe("lambda-function-url-auth", () => {
  const p = policy("lambda-function-url-auth");
  const url = (authorizationType: string) =>
    res(LAMBDA_FUNCTION_URL, "url", { functionName: "fn", authorizationType });
  describe("Noncompliance", () => {
    it('CKV_AWS_258: authorizationType "NONE"', async () => {
      expect(await violations(p, [url("NONE")])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it('authorizationType "AWS_IAM"', async () => {
      expect(await violations(p, [url("AWS_IAM")])).to.deep.equal([]);
    });
  });
});

describe("lambda-layer-permission-not-public", () => {
  const p = policy("lambda-layer-permission-not-public");
  const layer = (extra: Record<string, unknown>) =>
    res(LAMBDA_LAYER_VERSION_PERMISSION, "layer", {
      layerName: "l",
      versionNumber: 1,
      statementId: "s",
      action: "lambda:GetLayerVersion",
      ...extra,
    });
  describe("Noncompliance", () => {
    it('principal "*" without organizationId', async () => {
      expect(await violations(p, [layer({ principal: "*" })])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("one account, or * within an organization", async () => {
      expect(await violations(p, [layer({ principal: "111122223333" })])).to.deep.equal([]);
      expect(
        await violations(p, [layer({ principal: "*", organizationId: "o-a1b2c3d4e5" })]),
      ).to.deep.equal([]);
    });
  });
});

describe("lambda-permission-invoke-only", () => {
  const p = policy("lambda-permission-invoke-only");
  describe("Noncompliance", () => {
    it("KICS 'Lambda Permission Misconfigured' positive: lambda:DeleteFunction to CloudWatch Logs", async () => {
      const found = await violations(p, [
        permission({
          action: "lambda:DeleteFunction",
          principal: "logs.eu-west-1.amazonaws.com",
          sourceArn: UNKNOWN,
        }),
      ]);
      expect(found).to.deep.equal([
        'perm: action "lambda:DeleteFunction" grants more than invoking the function.',
      ]);
    });
    it('KICS \'Lambda With Vulnerable Policy\' positive1 and wildcards: "lambda:*" and "*"', async () => {
      for (const action of ["lambda:*", "*"]) {
        const found = await violations(p, [permission({ action })]);
        expect(found, action).to.have.length(1);
        expect(found[0]).to.contain("every Lambda action");
      }
    });
  });
  describe("Compliance", () => {
    it("KICS negative: lambda:InvokeFunction; also a function URL and reading the function", async () => {
      expect(
        await violations(p, [
          permission(),
          permission({ action: "lambda:InvokeFunctionUrl", principal: "111122223333" }),
          permission({ action: "lambda:GetFunction", principal: "111122223333" }),
          permission({ action: "Lambda:invokeFunction" }),
        ]),
      ).to.deep.equal([]);
    });
  });
});
