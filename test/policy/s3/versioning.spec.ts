// S3 versioning and lifecycle: versioning enabled, and an enabled lifecycle rule that aborts
// incomplete multipart uploads.
import { expect } from "chai";
import { S3_BUCKET, S3_BUCKET_V2, S3_BUCKET_VERSIONING_V2 } from "../../../policy-pack/lib/types";
import { policy, res, UNKNOWN, violations } from "../fixture";
import { compliantBucket, passesCompliantBuckets, stack } from "../fixtures/s3";

describe("s3-bucket-versioning-enabled", () => {
  const p = policy("s3-bucket-versioning-enabled");

  describe("Noncompliance", () => {
    it("reports Suspended and missing versioning", async () => {
      const suspended = stack({
        parts: { versioning: { versioningConfiguration: { status: "Suspended" } } },
      });
      expect(await violations(p, suspended)).to.deep.equal([
        'data: bucket "data": versioning "data-versioning" is Suspended, not Enabled.',
      ]);
      expect(await violations(p, stack({ parts: { versioning: null } }))).to.deep.equal([
        'data: bucket "data" has no versioning enabled.',
      ]);
      expect(
        await violations(p, [res(S3_BUCKET, "b", { versioning: { enabled: false } })]),
      ).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("passes Enabled (side resource, V2 side resource, inline V2)", async () => {
      expect(await violations(p, stack())).to.deep.equal([]);
      const { bucket } = compliantBucket();
      const v2 = res(
        S3_BUCKET_VERSIONING_V2,
        "v",
        { bucket: UNKNOWN, versioningConfiguration: { status: "Enabled" } },
        {
          refs: { bucket: [bucket] },
        },
      );
      expect(await violations(p, [bucket, v2])).to.deep.equal([]);
      expect(
        await violations(p, [res(S3_BUCKET_V2, "b", { versionings: [{ enabled: true }] })]),
      ).to.deep.equal([]);
    });
    it(
      "a compliant Bucket and a compliant BucketV2 pass",
      passesCompliantBuckets("s3-bucket-versioning-enabled"),
    );
  });
});

describe("s3-bucket-lifecycle-configured", () => {
  const p = policy("s3-bucket-lifecycle-configured");

  describe("Noncompliance", () => {
    it("reports a missing lifecycle, a disabled rule, and no abort rule", async () => {
      expect(await violations(p, stack({ parts: { lifecycle: null } }))).to.deep.equal([
        'data: bucket "data" has no enabled lifecycle rule.',
      ]);
      const disabled = stack({
        parts: {
          lifecycle: {
            rules: [
              {
                id: "x",
                status: "Disabled",
                abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
              },
            ],
          },
        },
      });
      expect(await violations(p, disabled)).to.have.length(1);
      const noAbort = stack({
        parts: { lifecycle: { rules: [{ id: "x", status: "Enabled", expiration: { days: 7 } }] } },
      });
      expect(await violations(p, noAbort)).to.deep.equal([
        'data: bucket "data" has no lifecycle rule that aborts incomplete multipart uploads.',
      ]);
    });
  });

  describe("Compliance", () => {
    it("passes an enabled rule that aborts incomplete uploads (side resource, inline)", async () => {
      expect(await violations(p, stack())).to.deep.equal([]);
      const inline = res(S3_BUCKET, "b", {
        lifecycleRules: [{ enabled: true, abortIncompleteMultipartUploadDays: 7 }],
      });
      expect(await violations(p, [inline])).to.deep.equal([]);
    });
    it(
      "a compliant Bucket and a compliant BucketV2 pass",
      passesCompliantBuckets("s3-bucket-lifecycle-configured"),
    );
  });
});
