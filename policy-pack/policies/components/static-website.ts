// @pulumi/aws-static-website's Website: a provider plugin's component (schema.json:
// `aws-static-website:index:Website`, `"isComponent": true`; the generated SDKs register it
// remote, the later `aws-static-website:aws:Website` too), so the bucket and objects it creates are
// never seen by a policy. Its content bucket is public whatever the inputs say. From the plugin's
// source (provider/cmd/pulumi-resource-aws-static-website/website.ts and aws.ts,
// `provisionContentBucket`): `new aws.s3.Bucket(..., { website: { indexDocument, errorDocument },
// acl: aws.s3.PublicReadAcl, ... })`, and `putContents` uploads every file of `sitePath` as
// `new aws.s3.BucketObject(..., { acl: "public-read", ... })` (the atomic deployments of website.ts
// run `aws s3 sync ... --acl public-read`). `withCDN` adds a CloudFront distribution and a bucket
// policy for its origin access identity, but it does not take the public ACLs away: the bucket
// website stays reachable over plain HTTP (`bucketWebsiteURL`). No input changes either ACL, so
// every Website draws the finding s3-bucket-no-public-acl would give its bucket and objects.
import { resourcePolicy } from "../../lib/define";
import { compliancePolicies, kics } from "../../lib/controls";
import { PUBLIC_ACL_REFERENCES } from "../../lib/s3/checks";
import { peek } from "../../lib/values";

/** @pulumi/aws-static-website's Website, as released (`index`) and on the package's main (`aws`). */
export const STATIC_WEBSITE_TYPES = [
  "aws-static-website:index:Website",
  "aws-static-website:aws:Website",
];

export const staticWebsiteNoPublicBucket = resourcePolicy({
  name: "static-website-bucket-no-public-acl",
  description:
    "An @pulumi/aws-static-website Website is not used: it always creates its content bucket with the canned ACL public-read and a website configuration, and uploads every file of `sitePath` with public-read, whatever its inputs (`withCDN` adds CloudFront in front but leaves the bucket public). Mandatory, as s3-bucket-no-public-acl on the bucket and objects it creates.",
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
  check: (props, ctx) => {
    // The verdict does not depend on `withCDN`: an unknown one only leaves the wording plain.
    const withCdn = peek(() => props?.withCDN);
    const cdn =
      withCdn.known && withCdn.value === true ? ", behind the CloudFront distribution it adds" : "";
    ctx.report(
      `the component creates its content bucket with the canned ACL "public-read" and a public website endpoint${cdn}, and uploads every file with "public-read"; no input turns this off.`,
    );
  },
});
