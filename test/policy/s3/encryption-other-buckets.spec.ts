// A default-encryption configuration the stack sets on a bucket it does not create (the bucket
// given by name, as in Checkov's CKV_AWS_145 and Trivy's AWS-0132 fixtures of
// aws_s3_bucket_server_side_encryption_configuration): judged on its own, among a compliant bucket
// of the stack, so SSE-S3 or the AWS-managed key there is a mandatory finding on the configuration.
import { expect } from "chai";
import {
  KMS_KEY,
  S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
} from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violations } from "../fixture";
import { KEY_ARN, stack } from "../fixtures/s3";

const p = policy("s3-bucket-sse-kms-cmk");

/** The configuration of bucket "shared-data" (not in the stack) with one default rule. */
const config = (d: Record<string, unknown>, opts = {}) =>
  res(
    S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
    "shared-sse",
    { bucket: "shared-data", rules: [{ applyServerSideEncryptionByDefault: d }] },
    opts,
  );

describe("s3-bucket-sse-kms-cmk: configurations of buckets outside the stack", () => {
  describe("Compliance", () => {
    it("CKV_AWS_145 passing: aws:kms with a customer-managed key ARN", async () => {
      const cfg = config({ sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN });
      expect(await violations(p, [...stack(), cfg])).to.deep.equal([]);
    });
    it("aws:kms:dsse with a key of the stack, unknown at preview", async () => {
      const key = res(KMS_KEY, "shared-key", { enableKeyRotation: true });
      const cfg = config(
        { sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: UNKNOWN },
        { refs: { rules: [key] } },
      );
      expect(await violations(p, [...stack(), key, cfg])).to.deep.equal([]);
    });
  });

  describe("Noncompliance", () => {
    for (const [fixture, d, words] of [
      ["Trivy AWS-0132 bad: SSE-S3", { sseAlgorithm: "AES256" }, "SSE-S3 (AES256)"],
      ["CKV_AWS_145 failing: aws:kms without a key", { sseAlgorithm: "aws:kms" }, "no KMS key"],
      ["aws:kms:dsse without a key", { sseAlgorithm: "aws:kms:dsse" }, "no KMS key"],
      [
        "the AWS-managed alias/aws/s3",
        { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/aws/s3" },
        "alias/aws/s3",
      ],
    ] as const) {
      it(`${fixture} is a finding on the configuration`, async () => {
        const found = await violations(p, [...stack(), config(d)]);
        expect(found).to.have.length(1);
        expect(found[0]).to.match(/^shared-sse: /);
        expect(found[0]).to.contain('bucket "shared-data" (not created by this stack)');
        expect(found[0]).to.contain(words);
      });
    }
    it("an unknown bucket that no property dependency names is a preview note", async () => {
      const cfg = res(S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION, "shared-sse", {
        bucket: UNKNOWN,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      });
      expect(await previewNotes(p, [...stack(), cfg])).to.have.length(1);
    });
  });
});
