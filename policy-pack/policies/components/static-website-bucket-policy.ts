// @pulumi/aws-static-website's PublicBucketPolicy: a component the package publishes beside the
// Website (schema.json at 59cbae68: `aws-static-website:index:PublicBucketPolicy`,
// `"isComponent": true`, one required input `bucket`, an aws.s3.Bucket; sdk/nodejs/
// publicBucketPolicy.ts registers it remote), so the two resources it creates are never seen by a
// policy. From the plugin's source (provider/cmd/pulumi-resource-aws-static-website/
// publicBucketPolicy.ts), whatever the inputs:
// - `new aws.s3.BucketOwnershipControls(..., { bucket, rule: { objectOwnership: "ObjectWriter" } })`:
//   ACLs enabled again on the bucket (s3-bucket-ownership-enforced's finding);
// - `new aws.s3.BucketPublicAccessBlock(..., { bucket, blockPublicAcls: false })`: the other three
//   flags unset, so false (s3-public-access-block-all-flags's finding), and as S3 keeps one block
//   per bucket, it takes the place of any block the program gives the same bucket.
// The bucket passed in is the program's own, so the S3 rules still judge it; what they cannot see
// is that this component switches its guards off. The plugin's provider.ts constructs the Website
// only, so a program that registers this component may fail at the plugin; the request is judged
// all the same.
import { resourcePolicy } from "../../lib/define";
import { cdkNag, checkov, fsbp, trivy } from "../../lib/controls";

/** @pulumi/aws-static-website's component that opens a bucket to public ACLs. */
export const STATIC_WEBSITE_PUBLIC_BUCKET_POLICY = "aws-static-website:index:PublicBucketPolicy";

export const staticWebsitePublicBucketPolicy = resourcePolicy({
  name: "static-website-public-bucket-policy-not-used",
  description:
    "An @pulumi/aws-static-website PublicBucketPolicy is not used: whatever its inputs, it gives its `bucket` BucketOwnershipControls with objectOwnership ObjectWriter (ACLs enabled) and a BucketPublicAccessBlock with blockPublicAcls false and the other three flags off, replacing any block the bucket had. Mandatory, as s3-public-access-block-all-flags and s3-bucket-ownership-enforced on the resources it creates.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Remove the component; give the bucket an aws.s3.BucketPublicAccessBlock with all four flags true and BucketOwnershipControls with `objectOwnership: "BucketOwnerEnforced"`, and serve public content through CloudFront with an origin access control. A bucket that must serve public objects gets a waiver saying why.',
  references: [
    cdkNag("AwsSolutions-S2"),
    checkov("CKV_AWS_53"),
    checkov("CKV_AWS_55"),
    trivy("AWS-0086"),
    trivy("AWS-0091"),
    fsbp("S3.8"),
    checkov("CKV2_AWS_65"),
    fsbp("S3.12"),
  ],
  types: [STATIC_WEBSITE_PUBLIC_BUCKET_POLICY],
  check: (_props, ctx) => {
    ctx.report(
      'the component gives its bucket object ownership "ObjectWriter" (ACLs enabled) and a public-access block with blockPublicAcls false and blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets unset (false); no input turns this off.',
    );
  },
});
