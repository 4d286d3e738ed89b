// S3 bucket settings written with @pulumi/aws-native that live outside the bucket's inline
// encryption and public-access block: the TLS-only bucket policy (an aws-native BucketPolicy, for a
// native or classic bucket) and ownership controls (the native Bucket's inline ownershipControls).
// A compliant bucket passes; each rule's field is then broken one at a time.
import { expect } from "chai";
import type { RecordedResource } from "../../../tools/lib/recorder";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const tlsDeny = {
  Sid: "DenyInsecureTransport",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: ["arn:aws:s3:::site-bucket", "arn:aws:s3:::site-bucket/*"],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });

function stack(
  bucketOver: Record<string, unknown> = {},
  policyDocument: unknown = doc(tlsDeny),
): RecordedResource[] {
  const bucket = res(n.NATIVE_S3_BUCKET, "site", {
    bucketName: "site-bucket",
    ownershipControls: { rules: [{ objectOwnership: "BucketOwnerEnforced" }] },
    ...bucketOver,
  });
  const bucketPolicy = res(
    n.NATIVE_S3_BUCKET_POLICY,
    "site-policy",
    { bucket: UNKNOWN, policyDocument },
    { refs: { bucket: [bucket] } },
  );
  return [bucket, bucketPolicy];
}

describe("aws-native S3 bucket policies and ownership controls", () => {
  const rules = ["s3-bucket-tls-only", "s3-bucket-ownership-enforced"].map(policy);

  it("a bucket with a TLS-only BucketPolicy and BucketOwnerEnforced passes", async () => {
    await expectClean(rules, stack());
  });
  it("a bucket without ownershipControls keeps S3's default (ACLs disabled) and passes", async () => {
    await expectClean(rules, stack({ ownershipControls: undefined }));
  });
  it("s3-bucket-tls-only: the BucketPolicy's policyDocument denies nothing without TLS", async () => {
    const allowRead = {
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::123456789012:root" },
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::site-bucket/*",
    };
    const found = await violationsOf("s3-bucket-tls-only", stack({}, doc(allowRead)));
    expect(found).to.deep.equal([
      'site: bucket "site": no bucket policy statement denies requests without TLS (aws:SecureTransport "false").',
    ]);
  });
  it("s3-bucket-tls-only: a native bucket without any BucketPolicy", async () => {
    const found = await violationsOf("s3-bucket-tls-only", stack().slice(0, 1));
    expect(found).to.deep.equal([
      'site: bucket "site" has no bucket policy, so nothing denies non-TLS requests.',
    ]);
  });
  it("s3-bucket-tls-only: an aws-native BucketPolicy on a classic bucket counts", async () => {
    const bucket = res("aws:s3/bucketV2:BucketV2", "classic", { bucket: "classic-bucket" });
    const bucketPolicy = res(
      n.NATIVE_S3_BUCKET_POLICY,
      "classic-policy",
      { bucket: UNKNOWN, policyDocument: doc(tlsDeny) },
      { refs: { bucket: [bucket] } },
    );
    expect(await violationsOf("s3-bucket-tls-only", [bucket, bucketPolicy])).to.deep.equal([]);
  });
  for (const owner of ["BucketOwnerPreferred", "ObjectWriter"]) {
    it(`s3-bucket-ownership-enforced: ownershipControls ${owner}`, async () => {
      const found = await violationsOf(
        "s3-bucket-ownership-enforced",
        stack({ ownershipControls: { rules: [{ objectOwnership: owner }] } }),
      );
      expect(found).to.deep.equal([
        `site: bucket "site": ownershipControls set ${owner}, not BucketOwnerEnforced (ACLs stay enabled).`,
      ]);
    });
  }
  it("a policyDocument unknown at preview is a preview note, not a pass", async () => {
    const notes = await previewNotes(policy("s3-bucket-tls-only"), stack({}, UNKNOWN));
    expect(notes).to.have.length(1);
  });
  it("ownershipControls unknown at preview is a preview note, not a pass", async () => {
    const notes = await previewNotes(
      policy("s3-bucket-ownership-enforced"),
      stack({ ownershipControls: UNKNOWN }),
    );
    expect(notes).to.have.length(1);
  });
});
