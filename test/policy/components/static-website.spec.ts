// static-website-bucket-no-public-acl: an @pulumi/aws-static-website Website always uploads its
// objects public-read into a content bucket whose ACL guards it turns off (the plugin's
// provisionContentBucket, PublicBucketPolicy and putContents), so every Website draws the verdict
// of s3-bucket-no-public-acl (Checkov CKV_AWS_20, FSBP S3.2).
import { expect } from "chai";
import {
  STATIC_WEBSITE_TYPES,
  staticWebsiteNoPublicBucket,
} from "../../../policy-pack/policies/components/static-website";
import { res } from "../fixture";
import { findingsOf, run, UNKNOWN } from "../fixtures/iam";

const site = (type: string, over: Record<string, unknown> = {}) =>
  res(type, "website", { sitePath: "./www", withCDN: false, ...over }, { custom: false });

describe("static-website-bucket-no-public-acl", () => {
  describe("Noncompliance", () => {
    it("CKV_AWS_20: every Website, under both tokens, with or without the CDN", async () => {
      for (const type of STATIC_WEBSITE_TYPES) {
        for (const withCDN of [false, true, undefined]) {
          const f = await findingsOf(staticWebsiteNoPublicBucket, [site(type, { withCDN })]);
          expect(f, `${type} ${String(withCDN)}`).to.have.length(1);
          expect(f[0]).to.contain('"public-read"');
          expect(f[0].includes("CloudFront"), String(withCDN)).to.equal(withCDN === true);
        }
      }
    });
    it("each token says what its plugin code does to the bucket", async () => {
      // index:Website since PR #27 (website.ts): no bucket ACL, a PublicBucketPolicy instead.
      const [released] = await findingsOf(staticWebsiteNoPublicBucket, [
        site(STATIC_WEBSITE_TYPES[0]),
      ]);
      expect(released).to.contain('object ownership "ObjectWriter"');
      expect(released).to.contain("blockPublicAcls false");
      expect(released).to.not.contain('bucket with the canned ACL "public-read"');
      // aws:Website (aws.ts): the bucket itself gets the canned ACL public-read.
      const [split] = await findingsOf(staticWebsiteNoPublicBucket, [
        site(STATIC_WEBSITE_TYPES[1]),
      ]);
      expect(split).to.contain('content bucket with the canned ACL "public-read"');
    });
    it("a withCDN unknown at preview changes the wording only: still a finding, no note", async () => {
      const { findings, notes } = await run(staticWebsiteNoPublicBucket, [
        site(STATIC_WEBSITE_TYPES[0], { withCDN: UNKNOWN }),
      ]);
      expect(findings).to.have.length(1);
      expect(notes).to.deep.equal([]);
    });
  });
  describe("Compliance", () => {
    // No input makes a Website compliant: the compliant program builds the site from @pulumi/aws
    // resources, which the S3 family judges; a component of another package is not this rule's.
    it("a component of another package with the same module and type name", async () => {
      const other = res(
        "aws-website:index:Website",
        "website",
        { sitePath: "./www" },
        {
          custom: false,
        },
      );
      expect(await findingsOf(staticWebsiteNoPublicBucket, [other])).to.deep.equal([]);
    });
  });
});
