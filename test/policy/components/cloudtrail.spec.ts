// awsx CloudTrail Trail rules, from pulumi-awsx awsx/cloudtrail/trail.ts and awsx/s3/bucket.ts, with
// the verdicts of cloudtrail-kms-cmk (Checkov CKV_AWS_35, Trivy AWS-0015), s3-bucket-public-access-block
// (CKV2_AWS_6, AWS-0094), s3-bucket-sse-kms-cmk (CKV_AWS_145, AWS-0132), s3-bucket-tls-only
// (cdk-nag AwsSolutions-S10), s3-bucket-ownership-enforced (CKV2_AWS_65) and s3-bucket-no-public-acl
// (CKV_AWS_20, AWS-0092).
import { expect } from "chai";
import {
  awsxTrailBucketKms,
  awsxTrailBucketNoPublicAcl,
  awsxTrailBucketOwnershipEnforced,
  awsxTrailBucketPublicAccessBlock,
  awsxTrailBucketTlsOnly,
  awsxTrailKms,
} from "../../../policy-pack/policies/components/cloudtrail";
import { AWSX_TRAIL } from "../../../policy-pack/lib/types";
import { evaluate, res } from "../fixture";
import { findingsOf, KEY_ARN, run, UNKNOWN } from "../fixtures/iam";

const EXISTING = { existing: { name: "platform-audit-trail-logs" } };
const trail = (over: Record<string, unknown> = {}) =>
  res(
    AWSX_TRAIL,
    "trail",
    { kmsKeyId: KEY_ARN, s3Bucket: EXISTING, isMultiRegionTrail: true, ...over },
    { custom: false },
  );
const sse = (sseAlgorithm: string, kmsMasterKeyId?: string) => ({
  args: {
    serverSideEncryptionConfiguration: {
      rule: { applyServerSideEncryptionByDefault: { sseAlgorithm, kmsMasterKeyId } },
    },
  },
});

describe("awsx-cloudtrail-trail-kms-cmk", () => {
  describe("Noncompliance", () => {
    it("CKV_AWS_35 / AWS-0015: awsx/cloudtrail/trail.ts passes no kmsKeyId, or the aws/cloudtrail alias", async () => {
      for (const kmsKeyId of [undefined, "alias/aws/cloudtrail"]) {
        expect(await findingsOf(awsxTrailKms, [trail({ kmsKeyId })]), kmsKeyId).to.have.length(1);
      }
    });
    it("a key unknown at preview is a preview note, not a pass", async () => {
      const { findings, notes } = await run(awsxTrailKms, [trail({ kmsKeyId: UNKNOWN })]);
      expect(findings).to.deep.equal([]);
      expect(notes).to.have.length(1);
    });
  });
  it("Compliance: the untouched fixture (a customer-managed key ARN)", async () => {
    expect(await findingsOf(awsxTrailKms, [trail()])).to.deep.equal([]);
  });
});

describe("awsx-cloudtrail-bucket-public-access-block", () => {
  it("Noncompliance: CKV2_AWS_6 / AWS-0094: awsx/s3/bucket.ts's requiredBucket creates the bucket (no s3Bucket, or only args)", async () => {
    for (const s3Bucket of [undefined, { args: { forceDestroy: false } }]) {
      expect(
        await findingsOf(awsxTrailBucketPublicAccessBlock, [trail({ s3Bucket })]),
      ).to.deep.equal([
        "No s3Bucket.existing: awsx creates the trail's log bucket with no public access block.",
      ]);
    }
  });
  it("Compliance: the untouched fixture, an existing bucket", async () => {
    expect(await findingsOf(awsxTrailBucketPublicAccessBlock, [trail()])).to.deep.equal([]);
  });
});

describe("awsx-cloudtrail-bucket-sse-kms-cmk", () => {
  describe("Noncompliance", () => {
    it("CKV_AWS_145 / AWS-0132: the bucket awsx creates with S3's default, AES256, or aws:kms without a customer key", async () => {
      for (const s3Bucket of [
        undefined,
        { args: {} },
        sse("AES256"),
        sse("aws:kms"),
        sse("aws:kms", "alias/aws/s3"),
      ]) {
        const f = await findingsOf(awsxTrailBucketKms, [trail({ s3Bucket })]);
        expect(f, JSON.stringify(s3Bucket)).to.have.length(1);
      }
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture (an existing bucket); a created bucket with SSE-KMS and a customer key", async () => {
      expect(await findingsOf(awsxTrailBucketKms, [trail()])).to.deep.equal([]);
      for (const algorithm of ["aws:kms", "aws:kms:dsse"]) {
        const r = trail({ s3Bucket: sse(algorithm, KEY_ARN) });
        expect(await findingsOf(awsxTrailBucketKms, [r]), algorithm).to.deep.equal([]);
      }
    });
  });
});

describe("awsx-cloudtrail-bucket-tls-only", () => {
  it("Noncompliance: AwsSolutions-S10: awsx/cloudtrail/trail.ts's createBucketCloudtrailPolicy replaces the policy of a created and of an existing bucket alike", async () => {
    expect(await findingsOf(awsxTrailBucketTlsOnly, [trail()])).to.deep.equal([
      "awsx writes the existing log bucket a policy with only CloudTrail's Allow statements: no Deny of requests without TLS (aws:SecureTransport false).",
    ]);
    expect(
      await findingsOf(awsxTrailBucketTlsOnly, [trail({ s3Bucket: undefined })]),
    ).to.deep.equal([
      "awsx writes the log bucket it creates a policy with only CloudTrail's Allow statements: no Deny of requests without TLS (aws:SecureTransport false).",
    ]);
  });
  it("Compliance: no input avoids it, so a written waiver tag on the component withholds the finding", async () => {
    const reason = "The audit account's trail bucket policy is replaced by the log archive's own.";
    const waived = trail({ tags: { "waiver:awsx-cloudtrail-bucket-tls-only": reason } });
    const report = await evaluate(awsxTrailBucketTlsOnly, [waived]);
    expect(report.violations).to.deep.equal([]);
    expect(report.waived).to.have.length(1);
    expect(report.waived[0].waiver).to.deep.equal({ reason, via: "tag" });
  });
});

describe("awsx-cloudtrail-bucket-ownership-enforced", () => {
  it("Noncompliance (advisory): awsx/s3/bucket.ts's requiredBucket creates the bucket without ownership controls", async () => {
    for (const s3Bucket of [undefined, { args: { forceDestroy: false } }]) {
      expect(
        await findingsOf(awsxTrailBucketOwnershipEnforced, [trail({ s3Bucket })]),
      ).to.deep.equal([
        "No s3Bucket.existing: awsx creates the trail's log bucket with no BucketOwnershipControls.",
      ]);
    }
  });
  it("Compliance: the untouched fixture, an existing bucket (by name or by ARN)", async () => {
    const byArn = { existing: { arn: "arn:aws:s3:::platform-audit-trail-logs" } };
    expect(
      await findingsOf(awsxTrailBucketOwnershipEnforced, [trail(), trail({ s3Bucket: byArn })]),
    ).to.deep.equal([]);
  });
});

describe("awsx-cloudtrail-bucket-no-public-acl", () => {
  const allUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
  it("Noncompliance: CKV_AWS_20 / AWS-0092: a public canned ACL or a grant to AllUsers in s3Bucket.args", async () => {
    const canned = { args: { acl: "public-read" } };
    const grants = { args: { grants: [{ type: "Group", uri: allUsers, permissions: ["READ"] }] } };
    expect(
      await findingsOf(awsxTrailBucketNoPublicAcl, [trail({ s3Bucket: canned })]),
    ).to.deep.equal([
      'The log bucket awsx creates: s3Bucket.args canned ACL "public-read" is public.',
    ]);
    expect(
      await findingsOf(awsxTrailBucketNoPublicAcl, [trail({ s3Bucket: grants })]),
    ).to.deep.equal([
      `The log bucket awsx creates: s3Bucket.args grants READ to the public group ${allUsers}.`,
    ]);
  });
  it("Compliance: the untouched fixture, no args, and a private ACL", async () => {
    const fixtures = [
      trail(),
      trail({ s3Bucket: undefined }),
      trail({ s3Bucket: { args: { acl: "private" } } }),
    ];
    expect(await findingsOf(awsxTrailBucketNoPublicAcl, fixtures)).to.deep.equal([]);
  });
});
