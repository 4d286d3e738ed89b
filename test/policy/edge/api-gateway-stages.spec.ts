// API Gateway stages and custom domain names: access logging (Checkov CKV_AWS_76/CKV_AWS_95, KICS
// "API Gateway Access Logging Disabled", Trivy AWS-0001), X-Ray (Checkov CKV_AWS_73, KICS "API
// Gateway X-Ray Disabled", Trivy AWS-0003) and the TLS policy of custom domains (Checkov
// CKV_AWS_206, KICS "API Gateway Without Security Policy", Trivy AWS-0005), from their fixtures.
import { expect } from "chai";
import { policy, previewNotes, res, UNKNOWN as U, violations } from "../fixture";
import {
  APIGATEWAY_DOMAIN_NAME,
  APIGATEWAY_STAGE,
  APIGATEWAYV2_STAGE,
} from "../../../policy-pack/lib/types";

const LOG_GROUP = "arn:aws:logs:region:0123456789:log-group:access_logging";

const restStage = (extra: Record<string, unknown> = {}) =>
  res(APIGATEWAY_STAGE, "rest-stage", {
    deploymentId: "dep-1",
    restApi: "api-1",
    stageName: "example",
    accessLogSettings: { destinationArn: LOG_GROUP, format: "json" },
    xrayTracingEnabled: true,
    ...extra,
  });
const httpStage = (extra: Record<string, unknown> = {}) =>
  res(APIGATEWAYV2_STAGE, "http-stage", {
    apiId: "api-2",
    name: "example-stage",
    accessLogSettings: { destinationArn: LOG_GROUP, format: "json" },
    ...extra,
  });

describe("apigateway-stage-access-logging", () => {
  const p = policy("apigateway-stage-access-logging");
  describe("Noncompliance", () => {
    it("Trivy AWS-0001 bad / CKV_AWS_76 / CKV_AWS_95: stages without accessLogSettings", async () => {
      expect(
        await violations(p, [
          restStage({ accessLogSettings: undefined }),
          httpStage({ accessLogSettings: undefined }),
        ]),
      ).to.deep.equal([
        "rest-stage: No accessLogSettings: the stage writes no access logs.",
        "http-stage: No accessLogSettings: the stage writes no access logs.",
      ]);
    });
    it("Trivy AWS-0001 bad (CloudFormation): a format without a destination", async () => {
      expect(
        await violations(p, [httpStage({ accessLogSettings: { format: "json" } })]),
      ).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("Trivy AWS-0001 good: REST and HTTP stages with a destination", async () => {
      expect(await violations(p, [restStage(), httpStage()])).to.deep.equal([]);
    });
    it("a log group created with the stack (ARN unknown at preview) is a destination", async () => {
      const stage = restStage({ accessLogSettings: { destinationArn: U, format: "json" } });
      expect(await violations(p, [stage])).to.deep.equal([]);
      expect(await previewNotes(p, [stage])).to.deep.equal([]);
    });
  });
});

describe("apigateway-stage-xray-tracing", () => {
  const p = policy("apigateway-stage-xray-tracing");
  describe("Noncompliance", () => {
    it("Trivy AWS-0003 bad / CKV_AWS_73: xrayTracingEnabled false or left out", async () => {
      expect(
        await violations(p, [
          restStage({ xrayTracingEnabled: false }),
          restStage({ xrayTracingEnabled: undefined }),
        ]),
      ).to.have.length(2);
    });
  });
  describe("Compliance", () => {
    it("Trivy AWS-0003 good: xrayTracingEnabled true", async () => {
      expect(await violations(p, [restStage()])).to.deep.equal([]);
    });
  });
});

describe("apigateway-domain-name-tls", () => {
  const p = policy("apigateway-domain-name-tls");
  const domain = (extra: Record<string, unknown> = {}) =>
    res(APIGATEWAY_DOMAIN_NAME, "domain", {
      domainName: "api.example.com",
      regionalCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abcd",
      endpointConfiguration: { types: "REGIONAL" },
      ...extra,
    });
  describe("Noncompliance", () => {
    it('Trivy AWS-0005 bad / CKV_AWS_206 / KICS positive: securityPolicy "TLS_1_0"', async () => {
      expect(await violations(p, [domain({ securityPolicy: "TLS_1_0" })])).to.deep.equal([
        'domain: securityPolicy is "TLS_1_0": clients may connect with TLS 1.0 and 1.1.',
      ]);
    });
    it("KICS positive: securityPolicy left out", async () => {
      expect(await violations(p, [domain()])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_206 / KICS negative: TLS_1_2", async () => {
      expect(await violations(p, [domain({ securityPolicy: "TLS_1_2" })])).to.deep.equal([]);
    });
    it("Trivy AWS-0005 good: enhanced policies, regional and edge", async () => {
      expect(
        await violations(p, [
          domain({
            securityPolicy: "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09",
            endpointAccessMode: "STRICT",
          }),
          domain({
            securityPolicy: "SecurityPolicy_TLS12_PFS_2025_EDGE",
            endpointAccessMode: "STRICT",
            endpointConfiguration: { types: "EDGE" },
          }),
        ]),
      ).to.deep.equal([]);
    });
  });
});
