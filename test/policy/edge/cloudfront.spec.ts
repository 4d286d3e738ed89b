// CloudFront distributions: HTTPS to viewers and origins, private S3 origins behind OAC, a default
// root object, a web ACL, standard logging v2 and HSTS; the compliant distribution passes each.
import { expect } from "chai";
import {
  CLOUDFRONT_DISTRIBUTION,
  CLOUDFRONT_RESPONSE_HEADERS_POLICY,
  CLOUDWATCH_LOG_DELIVERY,
  CLOUDWATCH_LOG_DELIVERY_SOURCE,
} from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violations, violationsOf as one } from "../fixture";

type R = ReturnType<typeof res>;

const SECURITY_HEADERS = "67f7725c-6f97-4210-82d7-5512b31e9d03";
const s3Origin = {
  originId: "docs",
  domainName: "platform-docs.s3.eu-west-1.amazonaws.com",
  originAccessControlId: "E2QWRUHEXAMPLE",
};
const behavior = (over: Record<string, unknown> = {}) => ({
  targetOriginId: "docs",
  viewerProtocolPolicy: "redirect-to-https",
  allowedMethods: ["GET", "HEAD"],
  cachedMethods: ["GET", "HEAD"],
  cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
  responseHeadersPolicyId: SECURITY_HEADERS,
  ...over,
});
/** A custom (non-S3) origin at app.example.com, reached with `originProtocolPolicy`. */
const customOrigin = (originProtocolPolicy: string, originSslProtocols = ["TLSv1.2"]) => ({
  originId: "app",
  domainName: "app.example.com",
  customOriginConfig: {
    httpPort: 80,
    httpsPort: 443,
    originProtocolPolicy,
    originSslProtocols,
  },
});
const dist = (over: Record<string, unknown> = {}, opts = {}) =>
  res(
    CLOUDFRONT_DISTRIBUTION,
    "docs",
    {
      enabled: true,
      arn: UNKNOWN,
      defaultRootObject: "index.html",
      origins: [s3Origin],
      defaultCacheBehavior: behavior(),
      viewerCertificate: {
        acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: "TLSv1.2_2021",
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      webAclId: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/docs/1",
      loggingConfig: { bucket: "platform-cf-logs.s3.amazonaws.com" },
      ...over,
    },
    opts,
  );

/** The compliant distribution: no violation of `name`. */
const passesCompliantDistribution = (name: string) => async () => {
  expect(await violations(policy(name), [dist()]), name).to.deep.equal([]);
};

describe("cloudfront-viewer-https", () => {
  describe("Noncompliance", () => {
    it("Trivy AWS-0012 bad: catches allow-all on the default and on an ordered behavior", async () => {
      const name = "cloudfront-viewer-https";
      expect(
        await one(name, [
          dist({ defaultCacheBehavior: behavior({ viewerProtocolPolicy: "allow-all" }) }),
        ]),
      ).to.deep.equal([
        "docs: The default behavior allows HTTP viewers (viewerProtocolPolicy 'allow-all').",
      ]);
      const ordered = dist({
        orderedCacheBehaviors: [
          behavior({ pathPattern: "/api/*", viewerProtocolPolicy: "allow-all" }),
        ],
      });
      expect(await one(name, [ordered])).to.deep.equal([
        "docs: The behavior '/api/*' allows HTTP viewers (viewerProtocolPolicy 'allow-all').",
      ]);
    });
  });

  describe("Compliance", () => {
    it("the compliant distribution passes", passesCompliantDistribution("cloudfront-viewer-https"));
  });
});

describe("cloudfront-viewer-tls-version", () => {
  describe("Noncompliance", () => {
    it("Trivy AWS-0013 bad: catches the default certificate and old policies", async () => {
      const name = "cloudfront-viewer-tls-version";
      const v = await one(name, [
        dist({ viewerCertificate: { cloudfrontDefaultCertificate: true } }),
      ]);
      expect(v[0]).to.include("default CloudFront certificate");
      const cert = (minimumProtocolVersion?: string) => ({
        acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
        sslSupportMethod: "sni-only",
        minimumProtocolVersion,
      });
      expect(await one(name, [dist({ viewerCertificate: cert("TLSv1.2_2019") })])).to.have.length(
        1,
      );
      expect(await one(name, [dist({ viewerCertificate: cert(undefined) })])).to.have.length(1);
      expect(await one(name, [dist({ viewerCertificate: cert("TLSv1.3_2025") })])).to.deep.equal(
        [],
      );
      const unknownCert = {
        acmCertificateArn: UNKNOWN,
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: "TLSv1.2_2021",
      };
      expect(
        await previewNotes(policy(name), [dist({ viewerCertificate: unknownCert })]),
      ).to.deep.equal([]);
    });
  });

  describe("Compliance", () => {
    it(
      "the compliant distribution passes",
      passesCompliantDistribution("cloudfront-viewer-tls-version"),
    );
  });
});

describe("cloudfront-s3-origin-private", () => {
  const name = "cloudfront-s3-origin-private";

  describe("Noncompliance", () => {
    it("catches an S3 website endpoint origin", async () => {
      const site = {
        ...customOrigin("http-only"),
        originId: "site",
        domainName: "platform-docs.s3-website-eu-west-1.amazonaws.com",
      };
      expect(await one(name, [dist({ origins: [site] })])).to.deep.equal([
        "docs: Origin 'site' is an S3 website endpoint, which requires a public bucket.",
      ]);
    });
    it("catches an S3 origin without OAC or OAI", async () => {
      for (const origin of [
        { originId: "docs", domainName: "platform-docs.s3.amazonaws.com" },
        {
          originId: "docs",
          domainName: "platform-docs.s3.eu-west-1.amazonaws.com",
          s3OriginConfig: { originAccessIdentity: "" },
        },
      ]) {
        expect(await one(name, [dist({ origins: [origin] })])).to.have.length(1);
      }
    });
  });

  describe("Compliance", () => {
    it("is mandatory and accepts OAC even while the OAC id and bucket domain are unknown (preview)", async () => {
      expect(policy(name).enforcementLevel).to.equal("mandatory");
      const preview = dist({
        origins: [{ originId: "docs", domainName: UNKNOWN, originAccessControlId: UNKNOWN }],
      });
      expect(await one(name, [preview])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [preview])).to.deep.equal([]);
    });
    it("leaves OAI (advisory elsewhere) and custom origins alone; notes an unknown domain without OAC", async () => {
      const oai = {
        originId: "docs",
        domainName: "b.s3.amazonaws.com",
        s3OriginConfig: { originAccessIdentity: "origin-access-identity/cloudfront/E1" },
      };
      expect(await one(name, [dist({ origins: [oai] })])).to.deep.equal([]);
      const custom = customOrigin("https-only");
      expect(await one(name, [dist({ origins: [custom] })])).to.deep.equal([]);
      const unknown = dist({ origins: [{ originId: "docs", domainName: UNKNOWN }] });
      expect(await previewNotes(policy(name), [unknown])).to.have.length(1);
    });
    it(
      "the compliant distribution passes",
      passesCompliantDistribution("cloudfront-s3-origin-private"),
    );
  });
});

describe("cloudfront-s3-origin-access-control", () => {
  describe("Noncompliance", () => {
    it("catches a legacy OAI", async () => {
      const oai = {
        originId: "docs",
        domainName: "b.s3.amazonaws.com",
        s3OriginConfig: { originAccessIdentity: "origin-access-identity/cloudfront/E1" },
      };
      expect(
        await one("cloudfront-s3-origin-access-control", [dist({ origins: [oai] })]),
      ).to.deep.equal(["docs: Origin 'docs' uses a legacy origin access identity."]);
    });
  });

  describe("Compliance", () => {
    it(
      "the compliant distribution passes",
      passesCompliantDistribution("cloudfront-s3-origin-access-control"),
    );
  });
});

describe("cloudfront-origin-tls", () => {
  const name = "cloudfront-origin-tls";

  describe("Noncompliance", () => {
    it("catches http-only, match-viewer with HTTP viewers, and deprecated protocols", async () => {
      expect(await one(name, [dist({ origins: [customOrigin("http-only")] })])).to.have.length(1);
      const mixed = dist({
        origins: [customOrigin("match-viewer")],
        defaultCacheBehavior: behavior({ viewerProtocolPolicy: "allow-all" }),
      });
      expect(await one(name, [mixed])).to.have.length(1);
      const old = await one(name, [
        dist({ origins: [customOrigin("https-only", ["TLSv1", "TLSv1.1", "TLSv1.2"])] }),
      ]);
      expect(old).to.deep.equal([
        "docs: Origin 'app' allows deprecated protocols: TLSv1, TLSv1.1.",
      ]);
    });
  });

  describe("Compliance", () => {
    it("accepts https-only with TLSv1.2, and match-viewer when every viewer uses HTTPS", async () => {
      expect(await one(name, [dist({ origins: [customOrigin("https-only")] })])).to.deep.equal([]);
      expect(await one(name, [dist({ origins: [customOrigin("match-viewer")] })])).to.deep.equal(
        [],
      );
    });
    it("the compliant distribution passes", passesCompliantDistribution("cloudfront-origin-tls"));
  });
});

describe("cloudfront-default-root-object", () => {
  describe("Noncompliance", () => {
    it("catches a missing root object on S3 origins only", async () => {
      const name = "cloudfront-default-root-object";
      expect(await one(name, [dist({ defaultRootObject: undefined })])).to.have.length(1);
      const custom = customOrigin("https-only");
      expect(
        await one(name, [dist({ defaultRootObject: undefined, origins: [custom] })]),
      ).to.deep.equal([]);
      const unknown = dist({
        defaultRootObject: undefined,
        origins: [{ originId: "docs", domainName: UNKNOWN, originAccessControlId: UNKNOWN }],
      });
      expect(await previewNotes(policy(name), [unknown])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it(
      "the compliant distribution passes",
      passesCompliantDistribution("cloudfront-default-root-object"),
    );
  });
});

describe("cloudfront-waf", () => {
  describe("Noncompliance", () => {
    it("Trivy AWS-0011 bad: catches a missing web ACL and accepts an unknown one", async () => {
      expect(await one("cloudfront-waf", [dist({ webAclId: undefined })])).to.have.length(1);
      expect(await one("cloudfront-waf", [dist({ webAclId: UNKNOWN })])).to.deep.equal([]);
    });
  });

  describe("Compliance", () => {
    it("the compliant distribution passes", passesCompliantDistribution("cloudfront-waf"));
  });
});

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
