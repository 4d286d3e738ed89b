// static-website-public-bucket-policy-not-used: an @pulumi/aws-static-website PublicBucketPolicy
// always gives its bucket ObjectWriter ownership and a public-access block with blockPublicAcls
// false (the plugin's publicBucketPolicy.ts), the verdicts of s3-public-access-block-all-flags
// (Checkov CKV_AWS_53, FSBP S3.8) and s3-bucket-ownership-enforced (CKV2_AWS_65, FSBP S3.12).
import { expect } from "chai";
import {
  STATIC_WEBSITE_PUBLIC_BUCKET_POLICY,
  staticWebsitePublicBucketPolicy as policy,
} from "../../../policy-pack/policies/components/static-website-bucket-policy";
import { res } from "../fixture";
import { findingsOf, run, UNKNOWN } from "../fixtures/iam";

const BUCKET_URN = "urn:pulumi:dev::site::aws:s3/bucket:Bucket::data";

const component = (type: string, over: Record<string, unknown> = {}) =>
  res(type, "open-acls", { bucket: BUCKET_URN, ...over }, { custom: false });

describe("static-website-public-bucket-policy-not-used", () => {
  describe("Noncompliance", () => {
    it("CKV_AWS_53 / CKV2_AWS_65: every PublicBucketPolicy, whatever its bucket", async () => {
      const f = await findingsOf(policy, [component(STATIC_WEBSITE_PUBLIC_BUCKET_POLICY)]);
      expect(f).to.have.length(1);
      expect(f[0]).to.contain('object ownership "ObjectWriter"');
      expect(f[0]).to.contain("blockPublicAcls false");
    });
    it("a bucket unknown at preview changes nothing: still a finding, no note", async () => {
      const { findings, notes } = await run(policy, [
        component(STATIC_WEBSITE_PUBLIC_BUCKET_POLICY, { bucket: UNKNOWN }),
      ]);
      expect(findings).to.have.length(1);
      expect(notes).to.deep.equal([]);
    });
  });
  describe("Compliance", () => {
    // No input makes the component compliant: the compliant program gives its bucket a
    // public-access block and ownership controls of its own, which the S3 family judges.
    it("a component of another package with the same module and type name", async () => {
      const other = component("aws-website:index:PublicBucketPolicy");
      expect(await findingsOf(policy, [other])).to.deep.equal([]);
    });
  });
});
