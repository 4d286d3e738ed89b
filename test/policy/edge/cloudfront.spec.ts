// CloudFront distributions: HTTPS to viewers and origins, private S3 origins behind OAC, a default
// root object and a web ACL; the compliant distribution (../fixtures/cloudfront.ts) passes each.
// Standard logging v2 and HSTS: ./cloudfront-logging.spec.ts.
import { expect } from "chai";
import { policy, previewNotes, UNKNOWN, violationsOf as one } from "../fixture";
import { behavior, customOrigin, dist, passesCompliantDistribution } from "../fixtures/cloudfront";

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
