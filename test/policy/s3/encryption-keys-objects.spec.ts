// S3 Bucket Keys with SSE-KMS, and the objects a program writes (Checkov CKV_AWS_186 /
// CKV_AWS_181 fixtures) encrypted with a customer-managed key. A bucket's default encryption:
// ./encryption.spec.ts.
import { expect } from "chai";
import { S3_BUCKET_OBJECTV2, S3_OBJECT_COPY } from "../../../policy-pack/lib/types";
import { policy, res, UNKNOWN, violations } from "../fixture";
import { compliantBucket, KEY_ARN, passesCompliantBuckets, stack } from "../fixtures/s3";

describe("s3-bucket-key-enabled", () => {
  const p = policy("s3-bucket-key-enabled");

  describe("Noncompliance", () => {
    it("reports SSE-KMS without bucketKeyEnabled", async () => {
      const s = stack({
        parts: {
          sse: {
            rules: [
              {
                applyServerSideEncryptionByDefault: {
                  sseAlgorithm: "aws:kms",
                  kmsMasterKeyId: KEY_ARN,
                },
                bucketKeyEnabled: false,
              },
            ],
          },
        },
      });
      expect(await violations(p, s)).to.deep.equal([
        'data: bucket "data" uses SSE-KMS without bucketKeyEnabled: true.',
      ]);
    });
  });

  describe("Compliance", () => {
    it("passes SSE-KMS with bucketKeyEnabled, and DSSE-KMS without it (unsupported there)", async () => {
      expect(await violations(p, stack())).to.deep.equal([]);
      const dsse = stack({
        parts: {
          sse: {
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse" } }],
          },
        },
      });
      expect(await violations(p, dsse)).to.deep.equal([]);
    });
    it(
      "a compliant Bucket and a compliant BucketV2 pass",
      passesCompliantBuckets("s3-bucket-key-enabled"),
    );
  });
});

describe("s3-object-kms-cmk", () => {
  const p = policy("s3-object-kms-cmk");
  const object = (inputs: Record<string, unknown>, opts = {}) =>
    res(
      S3_BUCKET_OBJECTV2,
      "object",
      { bucket: "my-bucket", key: "k", content: "x", ...inputs },
      opts,
    );

  describe("Noncompliance", () => {
    it("CKV_AWS_186 failing fixture: an object without kmsKeyId in a bucket outside the stack", async () => {
      expect(await violations(p, [object({})])).to.deep.equal([
        'object: S3 object "object": no kmsKeyId, and its bucket is not one of this stack: the object takes that bucket\'s default encryption (SSE-S3 unless the bucket says otherwise).',
      ]);
    });
    it("SSE-S3 (AES256), and aws:kms without a key (aws/s3), even in a bucket of the stack", async () => {
      const bucket = compliantBucket("data");
      const inBucket = (inputs: Record<string, unknown>) =>
        object(inputs, { refs: { bucket: [bucket.bucket] } });
      expect(
        await violations(p, [
          ...bucket.all,
          inBucket({ bucket: UNKNOWN, serverSideEncryption: "AES256" }),
        ]),
      ).to.have.length(1);
      expect(
        await violations(p, [
          ...bucket.all,
          inBucket({ bucket: UNKNOWN, serverSideEncryption: "aws:kms" }),
        ]),
      ).to.have.length(1);
    });
    it("CKV_AWS_181 failing fixture: an object copy without kmsKeyId", async () => {
      const copy = res(S3_OBJECT_COPY, "copy", {
        bucket: "destination_bucket",
        key: "destination_key",
        source: "source_bucket/source_key",
      });
      expect(await violations(p, [copy])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("CKV_AWS_186 passing fixture: kmsKeyId names a customer key", async () => {
      expect(
        await violations(p, [object({ serverSideEncryption: "aws:kms", kmsKeyId: KEY_ARN })]),
      ).to.deep.equal([]);
    });
    it("an object without settings in a bucket of the stack takes its SSE-KMS default", async () => {
      const bucket = compliantBucket("data");
      const o = object({ bucket: UNKNOWN }, { refs: { bucket: [bucket.bucket] } });
      expect(await violations(p, [...bucket.all, o])).to.deep.equal([]);
    });
  });
});
