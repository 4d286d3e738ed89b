// @pulumi/synced-folder's S3BucketFolder: a provider plugin's component (its schema.json marks
// `synced-folder:index:S3BucketFolder` `"isComponent": true`, and the generated SDKs register it
// remote), so the objects it uploads are never seen by a policy. What it writes is decided by its
// `acl` input alone, a required canned ACL (schema.json: "The AWS Canned ACL to apply to each file
// (e.g., `public-read`). Required."). From the plugin's source
// (provider/cmd/pulumi-resource-synced-folder/s3-bucket-folder.ts):
// - `managedObjects` true (the default): one `new aws.s3.BucketObject(..., { acl: args.acl, ... })`
//   per file of the folder;
// - `managedObjects` false: a `command.local.Command` running `aws s3 sync ... --acl "${args.acl}"`.
// Either way every file of the folder gets that ACL, so the verdict of s3-bucket-no-public-acl on
// those objects follows from the input. Whether S3 honours the ACL (ACLs enabled by the bucket's
// ownership controls, public ACLs not blocked by its public-access block) is decided by the bucket's
// own resources, which the pack judges where the stack manages them; the pulumi template
// static-website-aws-typescript turns both off for the folder's public-read objects.
import { resourcePolicy } from "../../lib/define";
import { compliancePolicies, kics } from "../../lib/controls";
import { publicAclFindings, PUBLIC_ACL_REFERENCES } from "../../lib/s3/checks";
import { peek } from "../../lib/values";

/** @pulumi/synced-folder's S3 component, remote in every release. */
export const SYNCED_FOLDER_S3 = "synced-folder:index:S3BucketFolder";

export const syncedFolderNoPublicAcl = resourcePolicy({
  name: "synced-folder-objects-no-public-acl",
  description:
    "An @pulumi/synced-folder S3BucketFolder does not upload its files with a public canned ACL (public-read, public-read-write, authenticated-read): the component gives every object its `acl` input, whether it manages them as aws.s3.BucketObject resources or runs `aws s3 sync --acl`. Mandatory, as s3-bucket-no-public-acl on the objects it creates.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    'Set `acl: "private"` and serve the files through CloudFront with an origin access control and a bucket policy scoped to the distribution (or a waiver saying why the objects must be public), with ACLs disabled on the bucket (BucketOwnerEnforced).',
  references: [
    ...PUBLIC_ACL_REFERENCES,
    compliancePolicies("aws-s3-bucket-disallow-public-read"),
    kics("S3 Bucket ACL Allows Read Or Write to All Users"),
  ],
  types: [SYNCED_FOLDER_S3],
  check: (props, ctx) => {
    // The verdict is the `acl`'s alone: an unknown `managedObjects` only leaves the wording plain.
    const managed = peek(() => props?.managedObjects);
    const sync = managed.known && managed.value === false ? " (aws s3 sync --acl)" : "";
    for (const f of publicAclFindings({ acl: props.acl }))
      ctx.report(`every file the folder uploads${sync} gets it: ${f}.`);
  },
});
