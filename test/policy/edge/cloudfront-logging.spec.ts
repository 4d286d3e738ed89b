// CloudFront distributions: standard logging v2 and HSTS in the response headers policy; the
// compliant distribution (../fixtures/cloudfront.ts) passes each. HTTPS, origins, the default root
// object and the web ACL: ./cloudfront.spec.ts.
import { expect } from "chai";
import {
  CLOUDFRONT_RESPONSE_HEADERS_POLICY,
  CLOUDWATCH_LOG_DELIVERY,
  CLOUDWATCH_LOG_DELIVERY_SOURCE,
} from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violationsOf as one } from "../fixture";
import { behavior, dist, passesCompliantDistribution } from "../fixtures/cloudfront";

type R = ReturnType<typeof res>;

describe("cloudfront-logging", () => {
  const name = "cloudfront-logging";

  describe("Noncompliance", () => {
    it("Trivy AWS-0010 bad: catches no logging, a source without delivery, and a source of another log type", async () => {
      const d = dist({ loggingConfig: undefined });
      expect(await one(name, [d])).to.have.length(1);
      const src = res(
        CLOUDWATCH_LOG_DELIVERY_SOURCE,
        "cf-logs",
        { name: "docs-access", logType: "ACCESS_LOGS", resourceArn: UNKNOWN },
        { refs: { resourceArn: [d] } },
      );
      expect((await one(name, [d, src]))[0]).to.include("no LogDelivery");
      const other = res(
        CLOUDWATCH_LOG_DELIVERY_SOURCE,
        "cf-conn",
        { name: "docs-conn", logType: "CONNECTION_LOGS", resourceArn: UNKNOWN },
        { refs: { resourceArn: [d] } },
      );
      expect(await one(name, [d, other])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("accepts standard logging v2: a delivery source for the distribution and a delivery from it", async () => {
      const d = dist({ loggingConfig: undefined });
      const src = res(
        CLOUDWATCH_LOG_DELIVERY_SOURCE,
        "cf-logs",
        { name: "docs-access", logType: "ACCESS_LOGS", resourceArn: UNKNOWN },
        { refs: { resourceArn: [d] } },
      );
      const delivery = res(
        CLOUDWATCH_LOG_DELIVERY,
        "cf-delivery",
        { deliverySourceName: UNKNOWN, deliveryDestinationArn: UNKNOWN },
        { refs: { deliverySourceName: [src] } },
      );
      expect(await one(name, [d, src, delivery])).to.deep.equal([]);
      const byName = res(CLOUDWATCH_LOG_DELIVERY, "cf-delivery", {
        deliverySourceName: "docs-access",
        deliveryDestinationArn: UNKNOWN,
      });
      expect(await one(name, [d, src, byName])).to.deep.equal([]);
    });
    it("the compliant distribution passes", passesCompliantDistribution("cloudfront-logging"));
  });
});

describe("cloudfront-security-headers-hsts", () => {
  const name = "cloudfront-security-headers-hsts";
  const rhp = (maxAge?: number) =>
    res(CLOUDFRONT_RESPONSE_HEADERS_POLICY, "headers", {
      name: "docs-headers",
      id: UNKNOWN,
      securityHeadersConfig:
        maxAge === undefined
          ? { contentTypeOptions: { override: true } }
          : {
              strictTransportSecurity: {
                accessControlMaxAgeSec: maxAge,
                includeSubdomains: true,
                override: true,
              },
            },
    });
  const withPolicy = (p: R) =>
    dist(
      { defaultCacheBehavior: behavior({ responseHeadersPolicyId: UNKNOWN }) },
      { refs: { defaultCacheBehavior: [p] } },
    );

  describe("Noncompliance", () => {
    it("catches a behavior without a policy, a policy without HSTS and a short max-age", async () => {
      expect(
        await one(name, [
          dist({ defaultCacheBehavior: behavior({ responseHeadersPolicyId: undefined }) }),
        ]),
      ).to.have.length(1);
      const none = rhp();
      expect((await one(name, [none, withPolicy(none)]))[0]).to.include(
        "no Strict-Transport-Security",
      );
      const short = rhp(300);
      expect((await one(name, [short, withPolicy(short)]))[0]).to.include("max-age 300");
    });
    it("an unknown policy id with no in-stack policy behind it is a preview note", async () => {
      const d = dist({ defaultCacheBehavior: behavior({ responseHeadersPolicyId: UNKNOWN }) });
      expect(await one(name, [d])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [d])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("accepts the managed security headers policy and an in-stack policy with HSTS (id unknown at preview)", async () => {
      expect(await one(name, [dist()])).to.deep.equal([]);
      const p = rhp(31536000);
      expect(await one(name, [p, withPolicy(p)])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [p, withPolicy(p)])).to.deep.equal([]);
    });
    it("checks ordered behaviors and literal ids", async () => {
      const ordered = dist({
        orderedCacheBehaviors: [
          behavior({
            pathPattern: "/assets/*",
            responseHeadersPolicyId: "60669652-455b-4ae9-85a4-c4c02393f86c",
          }),
        ],
      });
      expect((await one(name, [ordered]))[0]).to.include(
        "neither a managed security-headers policy",
      );
      const known = res(CLOUDFRONT_RESPONSE_HEADERS_POLICY, "headers", {
        id: "abc-123",
        securityHeadersConfig: {
          strictTransportSecurity: { accessControlMaxAgeSec: 63072000, override: true },
        },
      });
      const byId = dist({ defaultCacheBehavior: behavior({ responseHeadersPolicyId: "abc-123" }) });
      expect(await one(name, [known, byId])).to.deep.equal([]);
    });
    it(
      "the compliant distribution passes",
      passesCompliantDistribution("cloudfront-security-headers-hsts"),
    );
  });
});
