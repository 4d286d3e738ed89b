// @pulumi/aws-static-website's Website: a provider plugin's component (schema.json:
// `aws-static-website:index:Website`, `"isComponent": true`; the generated SDKs register it
// remote, the `aws-static-website:aws:Website` of the package's aws/azure split too), so the
// bucket and objects it creates are never seen by a policy. Its content is public whatever the
// inputs say. From the plugin's source (pulumi/pulumi-aws-static-website,
// provider/cmd/pulumi-resource-aws-static-website/):
// - `index:Website`, since PR #27 (website.ts at 59cbae68, the 0.4 releases):
//   `provisionContentBucket` creates the bucket with a website configuration and no ACL, then a
//   `PublicBucketPolicy` for it (publicBucketPolicy.ts: `BucketOwnershipControls` with
//   `objectOwnership: "ObjectWriter"`, which turns ACLs back on, and a `BucketPublicAccessBlock`
//   with `blockPublicAcls: false` and the other three flags unset, so false); `putContents`
//   uploads every file of `sitePath` as `new aws.s3.BucketObject(..., { acl: "public-read" })`,
//   and atomic deployments run `aws s3 sync ... --acl public-read` instead (`putContentsSync`).
// - `aws:Website` (aws.ts): the bucket gets the canned ACL public-read itself
//   (`acl: aws.s3.PublicReadAcl`), and every object public-read.
// `withCDN` adds a CloudFront distribution in front, but the bucket website stays reachable over
// plain HTTP (`bucketWebsiteURL`) and the objects stay public-read. No input changes any of this,
// so every Website draws the findings s3-bucket-no-public-acl, s3-public-access-block-all-flags
// and s3-bucket-ownership-enforced would give the resources it creates.
import { resourcePolicy } from "../../lib/define";
import { compliancePolicies, kics } from "../../lib/controls";
import { PUBLIC_ACL_REFERENCES } from "../../lib/s3/checks";
import { peek } from "../../lib/values";

/** @pulumi/aws-static-website's Website, as released (`index`) and in the aws/azure split (`aws`). */
export const STATIC_WEBSITE_TYPES = [
  "aws-static-website:index:Website",
  "aws-static-website:aws:Website",
];

/** What the plugin does to the content bucket, by the component's type token. */
const BUCKET: Record<string, string> = {
  "aws-static-website:index:Website":
    'the component turns the content bucket\'s ACL guards off (its PublicBucketPolicy: object ownership "ObjectWriter", a public-access block with blockPublicAcls false) and gives it a public website endpoint',
  "aws-static-website:aws:Website":
    'the component creates its content bucket with the canned ACL "public-read" and a public website endpoint',
};

export const staticWebsiteNoPublicBucket = resourcePolicy({
  name: "static-website-bucket-no-public-acl",
  description:
    "An @pulumi/aws-static-website Website is not used: whatever its inputs, it uploads every file of `sitePath` with the canned ACL public-read (as aws.s3.BucketObject resources, or `aws s3 sync --acl public-read` for atomic deployments) into a content bucket with a website endpoint whose ACL guards it turns off (object ownership ObjectWriter and a public-access block with blockPublicAcls false; the aws:Website token gives the bucket itself public-read). `withCDN` adds CloudFront in front but leaves the bucket and objects public. Mandatory, as s3-bucket-no-public-acl on the objects it creates.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Build the site from @pulumi/aws resources instead: a private bucket with ACLs disabled (BucketOwnerEnforced) and all four public-access block flags, a CloudFront distribution with an origin access control, and a bucket policy that allows s3:GetObject to that distribution only (AWS:SourceArn). Or waive the rule for a site that must be served from the S3 website endpoint, saying why.",
  references: [
    ...PUBLIC_ACL_REFERENCES,
    compliancePolicies("aws-s3-bucket-disallow-public-read"),
    kics("S3 Bucket ACL Allows Read Or Write to All Users"),
  ],
  types: STATIC_WEBSITE_TYPES,
  check: (props, ctx, args) => {
    // The verdict does not depend on `withCDN`: an unknown one only leaves the wording plain.
    const withCdn = peek(() => props?.withCDN);
    const cdn =
      withCdn.known && withCdn.value === true ? ", behind the CloudFront distribution it adds" : "";
    ctx.report(
      `${BUCKET[args.type] ?? BUCKET[STATIC_WEBSITE_TYPES[0]]}${cdn}, and uploads every file with the canned ACL "public-read"; no input turns this off.`,
    );
  },
});
