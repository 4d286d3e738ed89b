// awsx.cloudtrail.Trail: the trail, its bucket and its bucket policy, judged on the component's
// inputs with the verdicts of cloudtrail-kms-cmk, s3-bucket-public-access-block,
// s3-bucket-sse-kms-cmk, s3-bucket-tls-only, s3-bucket-ownership-enforced and
// s3-bucket-no-public-acl (all mandatory).
//
// What awsx creates, from its source (pulumi-awsx awsx/cloudtrail/trail.ts and awsx/s3/bucket.ts):
// - the aws.cloudtrail.Trail from every input but `s3Bucket` and `cloudWatchLogsGroup`, so
//   `kmsKeyId` passes through unchanged (none by default: log files get SSE-S3);
// - `requiredBucket(name, s3Bucket, {}, ...)`: unless `s3Bucket.existing` names a bucket, a new
//   aws.s3.Bucket from `{ forceDestroy: true, ...s3Bucket.args }`, with no BucketPublicAccessBlock,
//   no BucketOwnershipControls, the ACL or grants of `args` if any, and, unless
//   `args.serverSideEncryptionConfiguration` says otherwise, S3's default SSE-S3;
// - always (also on an `existing` bucket) an aws.s3.BucketPolicy on that bucket whose only
//   statements are the two CloudTrail Allows (AWSCloudTrailAclCheck, AWSCloudTrailWrite): it
//   replaces any policy the bucket had, and it denies nothing sent without TLS.
import { awsxKeyProblem } from "../../lib/components/awsx";
import { resourcePolicy } from "../../lib/define";
import { publicAclFindings, PUBLIC_ACL_REFERENCES } from "../../lib/s3/checks";
import { AWSX_TRAIL } from "../../lib/types";
import { awsDocs, cdkNag, checkov, fsbp, trivy } from "../../lib/controls";

/** Whether `s3Bucket.existing` names the bucket, so awsx creates none. */
function existingBucket(props: any): boolean {
  const existing = props.s3Bucket?.existing;
  return existing !== undefined && existing !== null;
}

export const awsxTrailKms = resourcePolicy({
  name: "awsx-cloudtrail-trail-kms-cmk",
  description:
    "An awsx CloudTrail Trail encrypts its log files with a customer-managed KMS key (`kmsKeyId`, which awsx passes to the trail). Without it the log files get only the bucket's SSE-S3. Mandatory, as cloudtrail-kms-cmk.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `kmsKeyId` to the stack's customer-managed key whose key policy lets cloudtrail.amazonaws.com encrypt (kms:GenerateDataKey*, limited with aws:SourceArn to the trail) and the auditors decrypt.",
  references: [checkov("CKV_AWS_35"), trivy("AWS-0015"), fsbp("CloudTrail.2")],
  types: [AWSX_TRAIL],
  check: (props, ctx) => {
    const problem = awsxKeyProblem(
      () => props.kmsKeyId,
      "The trail (kmsKeyId)",
      "log files get only the bucket's SSE-S3",
    );
    if (problem) ctx.report(problem);
  },
});

export const awsxTrailBucketPublicAccessBlock = resourcePolicy({
  name: "awsx-cloudtrail-bucket-public-access-block",
  description:
    "An awsx CloudTrail Trail writes to a bucket the stack blocks from public access: `s3Bucket.existing`. Otherwise awsx creates the log bucket itself, with no BucketPublicAccessBlock (and none can be attached from the inputs). Mandatory, as s3-bucket-public-access-block.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Create the log bucket in the stack with a BucketPublicAccessBlock (all four flags true), SSE-KMS with a customer-managed key and ownership controls, and pass it as `s3Bucket: { existing: { name: bucket.bucket } }`.",
  references: [
    checkov("CKV2_AWS_6"),
    trivy("AWS-0094"),
    cdkNag("AwsSolutions-S2"),
    fsbp("S3.8"),
    fsbp("CloudTrail.6"),
  ],
  types: [AWSX_TRAIL],
  check: (props, ctx) => {
    if (existingBucket(props)) return;
    ctx.report(
      "No s3Bucket.existing: awsx creates the trail's log bucket with no public access block.",
    );
  },
});

export const awsxTrailBucketKms = resourcePolicy({
  name: "awsx-cloudtrail-bucket-sse-kms-cmk",
  description:
    "The log bucket an awsx CloudTrail Trail creates (no `s3Bucket.existing`) has default encryption SSE-KMS with a customer-managed key (`s3Bucket.args.serverSideEncryptionConfiguration`). awsx sets none, so S3 applies SSE-S3. Mandatory, as s3-bucket-sse-kms-cmk.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Pass `s3Bucket: { existing: { name } }` with a bucket the stack encrypts, or set `s3Bucket.args.serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true } }`.',
  references: [
    cdkNag("S3DefaultEncryptionKMS"),
    checkov("CKV_AWS_145"),
    trivy("AWS-0132"),
    fsbp("S3.17"),
  ],
  types: [AWSX_TRAIL],
  check: (props, ctx) => {
    if (existingBucket(props)) return;
    const byDefault =
      props.s3Bucket?.args?.serverSideEncryptionConfiguration?.rule
        ?.applyServerSideEncryptionByDefault;
    const algorithm = byDefault?.sseAlgorithm;
    if (algorithm !== "aws:kms" && algorithm !== "aws:kms:dsse") {
      ctx.report(
        `The log bucket awsx creates is encrypted with ${algorithm ?? "S3's default SSE-S3"}, not SSE-KMS with a customer-managed key.`,
      );
      return;
    }
    const problem = awsxKeyProblem(
      () => byDefault.kmsMasterKeyId,
      "The log bucket awsx creates (kmsMasterKeyId)",
      "S3 then uses the AWS-managed key aws/s3",
    );
    if (problem) ctx.report(problem);
  },
});

export const awsxTrailBucketTlsOnly = resourcePolicy({
  name: "awsx-cloudtrail-bucket-tls-only",
  description:
    "An awsx CloudTrail Trail always writes its log bucket's policy itself (on the bucket it creates and on an `s3Bucket.existing` one alike): two Allow statements for cloudtrail.amazonaws.com and no Deny of requests without TLS, replacing any policy the bucket had. No input changes it. Mandatory, as s3-bucket-tls-only.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Build the trail with aws.cloudtrail.Trail and a bucket policy of the stack (the CloudTrail Allows limited with aws:SourceArn, plus a Deny when aws:SecureTransport is false), or tag the component `waiver:awsx-cloudtrail-bucket-tls-only` with the written reason.",
  references: [cdkNag("AwsSolutions-S10"), fsbp("S3.5")],
  types: [AWSX_TRAIL],
  check: (props, ctx) => {
    const bucket = existingBucket(props) ? "the existing log bucket" : "the log bucket it creates";
    ctx.report(
      `awsx writes ${bucket} a policy with only CloudTrail's Allow statements: no Deny of requests without TLS (aws:SecureTransport false).`,
    );
  },
});

export const awsxTrailBucketOwnershipEnforced = resourcePolicy({
  name: "awsx-cloudtrail-bucket-ownership-enforced",
  description:
    "An awsx CloudTrail Trail writes to a bucket whose ownership controls the stack manages: `s3Bucket.existing`. Otherwise awsx creates the log bucket with no BucketOwnershipControls (none can be attached from the inputs): S3 creates it with ACLs disabled (BucketOwnerEnforced, the default for new buckets since April 2023), but nothing in the stack keeps them so. Advisory, as s3-bucket-ownership-explicit, which asks the same explicit resource of every bucket.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Create the log bucket in the stack with aws.s3.BucketOwnershipControls (`rule: { objectOwnership: "BucketOwnerEnforced" }`; CloudTrail\'s bucket-owner-full-control writes still succeed) and pass it as `s3Bucket: { existing: { name: bucket.bucket } }`.',
  references: [
    fsbp("S3.12"),
    // "By default, Object Ownership is set to the Bucket owner enforced setting and all ACLs are
    // disabled."
    awsDocs("AmazonS3/latest/userguide/about-object-ownership"),
  ],
  types: [AWSX_TRAIL],
  check: (props, ctx) => {
    if (existingBucket(props)) return;
    ctx.report(
      "No s3Bucket.existing: awsx creates the trail's log bucket with no BucketOwnershipControls.",
    );
  },
});

export const awsxTrailBucketNoPublicAcl = resourcePolicy({
  name: "awsx-cloudtrail-bucket-no-public-acl",
  description:
    "The log bucket an awsx CloudTrail Trail creates takes no public ACL from `s3Bucket.args` (a canned `acl` of public-read, public-read-write or authenticated-read, or `grants` to the AllUsers or AuthenticatedUsers groups): awsx passes the args to the bucket unchanged. Mandatory, as s3-bucket-no-public-acl.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Remove `acl` and `grants` from `s3Bucket.args`, or pass a bucket of the stack as `s3Bucket.existing` with ACLs disabled (BucketOwnerEnforced).",
  references: [...PUBLIC_ACL_REFERENCES],
  types: [AWSX_TRAIL],
  check: (props, ctx) => {
    if (existingBucket(props)) return;
    for (const f of publicAclFindings(props.s3Bucket?.args))
      ctx.report(`The log bucket awsx creates: s3Bucket.args ${f}.`);
  },
});
