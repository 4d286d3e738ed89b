// The documented S3 exceptions: a CloudFront standard logging (legacy) target keeps ACLs (not
// demanded to enforce bucket ownership), and the SSE-KMS finding on a bucket read through an Origin
// Access Identity names Origin Access Control as the fix.
import { expect } from "chai";
import {
  CLOUDFRONT_DISTRIBUTION,
  S3_BUCKET,
  S3_BUCKET_OWNERSHIP_CONTROLS,
} from "../../../policy-pack/lib/types";
import { policy, res, violations } from "../fixture";
import { passesCompliantBuckets } from "../fixtures/s3";

function logBucket() {
  const logs = res(S3_BUCKET, "cf-logs", { bucket: "cf-logs" });
  const ownership = res(
    S3_BUCKET_OWNERSHIP_CONTROLS,
    "cf-logs-ownership",
    { bucket: "cf-logs", rule: { objectOwnership: "BucketOwnerPreferred" } },
    { refs: { bucket: [logs] } },
  );
  return { logs, ownership };
}
const distribution = (extra: Record<string, unknown>) =>
  res(CLOUDFRONT_DISTRIBUTION, "cdn", { enabled: true, origins: [], ...extra });

describe("s3-bucket-documented-exceptions", () => {
  const ownership = policy("s3-bucket-ownership-enforced");
  const notes = policy("s3-bucket-documented-exceptions");

  describe("Noncompliance", () => {
    it("CKV2_AWS_65: a bucket with ACLs enabled and no CloudFront legacy logging into it", async () => {
      const { logs, ownership: o } = logBucket();
      expect(await violations(ownership, [logs, o])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("a CloudFront legacy standard-logging target keeps ACLs, noted with the reason", async () => {
      const { logs, ownership: o } = logBucket();
      const cdn = distribution({
        loggingConfig: { bucket: "cf-logs.s3.amazonaws.com", prefix: "cdn/" },
      });
      expect(await violations(ownership, [logs, o, cdn])).to.deep.equal([]);
      const found = await violations(notes, [logs, o, cdn]);
      expect(found).to.have.length(1);
      expect(found[0]).to.contain("CloudFront standard logging (legacy)");
      expect(found[0]).to.contain('"Your bucket must have access control list (ACL) enabled"');
    });
    it("also when the logging bucket is given through a property dependency (preview)", async () => {
      const { logs, ownership: o } = logBucket();
      const cdn = res(
        CLOUDFRONT_DISTRIBUTION,
        "cdn",
        {
          enabled: true,
          origins: [],
          loggingConfig: { bucket: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" },
        },
        { refs: { loggingConfig: [logs] } },
      );
      expect(await violations(ownership, [logs, o, cdn])).to.deep.equal([]);
    });

    it(
      "a compliant Bucket and a compliant BucketV2 pass",
      passesCompliantBuckets("s3-bucket-documented-exceptions"),
    );
  });
});

describe("s3-bucket-sse-kms-cmk on a bucket read through an Origin Access Identity", () => {
  const p = policy("s3-bucket-sse-kms-cmk");
  it("says OAI cannot read SSE-KMS objects and the fix is Origin Access Control", async () => {
    const site = res(S3_BUCKET, "site", { bucket: "site" });
    const cdn = distribution({
      origins: [
        {
          originId: "s3",
          domainName: "site.s3.eu-west-1.amazonaws.com",
          s3OriginConfig: { originAccessIdentity: "origin-access-identity/cloudfront/E1" },
        },
      ],
    });
    const [found] = await violations(p, [site, cdn]);
    expect(found).to.contain("Origin Access Identity, which cannot read SSE-KMS-encrypted objects");
    expect(found).to.contain("Origin Access Control");
  });
});
