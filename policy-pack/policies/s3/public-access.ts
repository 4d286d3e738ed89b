// S3 rules that block public access: bucket and account public-access blocks, ACLs, bucket
// policies granting to everyone, and object ownership (ACLs disabled).
import type { PolicyResource } from "@pulumi/policy";
import { resourcePolicy, stackPolicy } from "../../lib/define";
import { reportPublicPolicy } from "../../lib/public-policy";
import {
  bucketsConfiguredBy,
  bucketsOf,
  cloudfrontLegacyLoggingInto,
  pick,
  sideResourcesOf,
} from "../../lib/s3/buckets";
import {
  eachBucket,
  falseFlags,
  label,
  publicAclFindings,
  PUBLIC_ACL_REFERENCES,
} from "../../lib/s3/checks";
import {
  BUCKET_TYPES,
  PULUMI_STACK,
  S3_ACCOUNT_PUBLIC_ACCESS_BLOCK,
  S3_BUCKET_OBJECT,
  S3_BUCKET_OBJECTV2,
  S3_OBJECT_COPY,
  S3_SIDE,
} from "../../lib/types";
import { NATIVE_S3_BUCKET, NATIVE_S3_BUCKET_POLICY } from "../../lib/native/types";
import { nativeTypeOf } from "../../lib/native/view";
import {
  awsDocs,
  cdkNag,
  checkov,
  compliancePolicies,
  fsbp,
  kics,
  trivy,
} from "../../lib/controls";
import { asList, isSet, present } from "../../lib/values";

export const bucketPublicAccessBlock = stackPolicy({
  name: "s3-bucket-public-access-block",
  description:
    "Every S3 bucket (Bucket or BucketV2) has a BucketPublicAccessBlock with all four flags true.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Add an aws.s3.BucketPublicAccessBlock with `bucket: <bucket>.id` and blockPublicAcls, " +
    "blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all set to true.",
  references: [checkov("CKV2_AWS_6"), trivy("AWS-0094"), cdkNag("AwsSolutions-S2"), fsbp("S3.8")],
  // An aws-native Bucket carries its block inline: publicAccessBlockConfiguration, with the same
  // four flags (pulumi/pulumi-aws-native sdk/nodejs/s3/bucket.ts; CloudFormation
  // AWS::S3::Bucket PublicAccessBlockConfiguration). A BucketPublicAccessBlock naming it counts too.
  types: [...BUCKET_TYPES, ...S3_SIDE.publicAccessBlock, NATIVE_S3_BUCKET],
  check: (ctx) =>
    eachBucket(ctx, (bucket) => {
      const blocks = sideResourcesOf(ctx.index, bucket, S3_SIDE.publicAccessBlock);
      if (blocks.length === 0 && nativeTypeOf(bucket)) {
        const inline = bucket.props.publicAccessBlockConfiguration;
        if (inline === undefined || inline === null) {
          ctx.report(bucket, `${label(bucket)} has no publicAccessBlockConfiguration.`);
          return;
        }
        const off = falseFlags(inline);
        if (off.length) {
          ctx.report(
            bucket,
            `${label(bucket)}: publicAccessBlockConfiguration leaves ${off.join(", ")} off.`,
          );
        }
        return;
      }
      if (blocks.length === 0) {
        ctx.report(bucket, `${label(bucket)} has no BucketPublicAccessBlock.`);
        return;
      }
      for (const block of blocks) {
        const off = falseFlags(block.props);
        if (off.length) {
          ctx.report(
            bucket,
            `${label(bucket)}: public-access block "${block.name}" leaves ${off.join(", ")} off.`,
            [block],
          );
        }
      }
    }),
});

export const publicAccessBlockAllFlags = resourcePolicy({
  name: "s3-public-access-block-all-flags",
  description:
    "A BucketPublicAccessBlock, and an account-level AccountPublicAccessBlock the stack manages, " +
    "set all four flags to true.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true.",
  references: [
    cdkNag("AwsSolutions-S2"),
    checkov("CKV_AWS_53"),
    checkov("CKV_AWS_54"),
    checkov("CKV_AWS_55"),
    checkov("CKV_AWS_56"),
    trivy("AWS-0086"),
    trivy("AWS-0087"),
    trivy("AWS-0091"),
    trivy("AWS-0093"),
    fsbp("S3.8"),
    fsbp("S3.1"),
    kics("S3 Bucket Allows Public Policy"),
  ],
  // An account block the stack declares is judged as strictly as a bucket's: a flag it leaves off
  // weakens every bucket of the account. (Whether one exists at all: s3-account-public-access-block.)
  types: [...S3_SIDE.publicAccessBlock, S3_ACCOUNT_PUBLIC_ACCESS_BLOCK],
  check: (props, ctx) => {
    const off = falseFlags(props);
    if (off.length) ctx.report(`${off.join(", ")} not true (an unset flag is false).`);
  },
});

export const noPublicAcl = resourcePolicy({
  name: "s3-bucket-no-public-acl",
  description:
    "No bucket or object ACL (canned or grant) is public: public-read, public-read-write, " +
    "authenticated-read, or grants to the AllUsers / AuthenticatedUsers groups.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Remove the public ACL. Disable ACLs with aws.s3.BucketOwnershipControls " +
    "(objectOwnership: BucketOwnerEnforced) and grant access with a scoped bucket policy.",
  references: [
    ...PUBLIC_ACL_REFERENCES,
    compliancePolicies("aws-s3-bucket-disallow-public-read"),
    kics("S3 Bucket ACL Allows Read Or Write to All Users"),
    kics("S3 Bucket ACL Allows Read to Any Authenticated User"),
  ],
  // Objects take the same canned ACLs and grants as buckets (S3 User Guide, "Access control list
  // (ACL) overview", canned ACLs "Applies to: Bucket and object"): an object written or copied
  // with public-read is public wherever ACLs are still honoured.
  // An aws-native Bucket's accessControl reads as the classic acl (../../lib/native/twins.ts).
  types: [
    ...BUCKET_TYPES,
    ...S3_SIDE.acl,
    S3_BUCKET_OBJECT,
    S3_BUCKET_OBJECTV2,
    S3_OBJECT_COPY,
    NATIVE_S3_BUCKET,
  ],
  check: (props, ctx) => {
    // Bucket / BucketV2 / ObjectCopy inline `grants`; BucketAcl(V2) `accessControlPolicy.grants`.
    for (const f of publicAclFindings(props)) ctx.report(`${f}.`);
  },
});

export const policyNoPublicPrincipal = resourcePolicy({
  name: "s3-bucket-policy-no-public-principal",
  description:
    'No bucket policy (BucketPolicy or inline) makes the bucket public: no Allow to Principal "*" ' +
    "(or another unfixed principal) without a condition that pins it to known callers, and no " +
    'Allow with NotPrincipal (as S3 defines "public").',
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    'Name the principals (role ARNs, service principals) instead of "*", or add a StringEquals/' +
    "ArnEquals condition on aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, " +
    "aws:PrincipalAccount or aws:SourceVpce with fixed values.",
  references: [
    checkov("CKV_AWS_70"),
    checkov("CKV_AWS_261"),
    checkov("CKV_AWS_283"),
    fsbp("S3.2"),
    fsbp("S3.3"),
    kics("S3 Bucket Allows Delete Action From All Principals"),
    kics("S3 Bucket With All Permissions"),
  ],
  types: [...S3_SIDE.policy, ...BUCKET_TYPES, NATIVE_S3_BUCKET_POLICY],
  // The S3 definition of "public" is applied by ../../lib/public-policy.ts, as for every resource
  // policy of the pack.
  check: (props, ctx) => reportPublicPolicy(props.policy, "", ctx.report),
});

/** The ownership settings of a BucketOwnershipControls, as its `rule` or `rules` give them. */
const ownersOf = (c: PolicyResource): unknown[] =>
  pick(c.props, "rule", "rules").map((r: any) => r?.objectOwnership);

export const ownershipEnforced = stackPolicy({
  name: "s3-bucket-ownership-enforced",
  description:
    "No BucketOwnershipControls the stack sets turns ACLs back on: objectOwnership is BucketOwnerEnforced (ACLs disabled), on its own buckets and on buckets of other stacks. A bucket without controls keeps S3's default for new buckets, BucketOwnerEnforced (s3-bucket-ownership-explicit asks for the explicit resource).",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    'Set the controls\' rule to `{ objectOwnership: "BucketOwnerEnforced" }`. Exception: a bucket ' +
    "that receives CloudFront standard logging (legacy) needs ACLs (BucketOwnerPreferred); better, " +
    "move the distribution to standard logging v2 (CloudWatch Logs delivery), which does not.",
  // Checkov's CKV2_AWS_65 judges the ownership-controls resources alone (resource_types
  // aws_s3_bucket_ownership_controls, rule.object_ownership equals BucketOwnerEnforced), and S3
  // creates new buckets with ACLs disabled: "By default, Object Ownership is set to the Bucket
  // owner enforced setting and all ACLs are disabled" (S3 user guide, about-object-ownership).
  references: [
    checkov("CKV2_AWS_65"),
    fsbp("S3.12"),
    awsDocs("AmazonS3/latest/userguide/about-object-ownership"),
  ],
  // An aws-native Bucket carries its controls inline: ownershipControls.rules[].objectOwnership
  // (pulumi/pulumi-aws-native sdk/nodejs/s3/bucket.ts; CloudFormation AWS::S3::Bucket
  // OwnershipControls, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-ownershipcontrolsrule.html).
  types: [...BUCKET_TYPES, ...S3_SIDE.ownershipControls, NATIVE_S3_BUCKET],
  check: (ctx) => {
    eachBucket(ctx, (bucket) => {
      // CloudFront standard logging (legacy) writes with ACLs: such a bucket must keep them
      // enabled (documented exception, listed by s3-bucket-documented-exceptions).
      if (cloudfrontLegacyLoggingInto(ctx.index, bucket).length) return;
      const inline = nativeTypeOf(bucket) ? bucket.props.ownershipControls : undefined;
      if (inline !== undefined && inline !== null) {
        const owners = asList((inline as any).rules).map((r: any) => r?.objectOwnership);
        if (!owners.includes("BucketOwnerEnforced")) {
          ctx.report(
            bucket,
            `${label(bucket)}: ownershipControls set ${owners.join(", ") || "no rule"}, ` +
              "not BucketOwnerEnforced (ACLs stay enabled).",
          );
        }
      }
      for (const c of sideResourcesOf(ctx.index, bucket, S3_SIDE.ownershipControls)) {
        const owners = ownersOf(c);
        if (!owners.includes("BucketOwnerEnforced")) {
          ctx.report(
            bucket,
            `${label(bucket)}: ownership controls "${c.name}" set ${owners.join(", ") || "no rule"}, ` +
              "not BucketOwnerEnforced (ACLs stay enabled).",
            [c],
          );
        }
      }
    });
    // Controls the stack sets on a bucket it does not create (given by name): the stack still
    // decides whether that bucket honours ACLs, so they are judged on their own.
    for (const c of ctx.index.ofType(...S3_SIDE.ownershipControls)) {
      ctx.each(c, () => {
        if (bucketsConfiguredBy(ctx.index, c).length) return;
        // An unknown bucket that no property dependency names is a preview note, never a pass.
        if (!isSet(c.props.bucket)) return;
        const owners = ownersOf(c);
        if (owners.includes("BucketOwnerEnforced")) return;
        ctx.report(
          c,
          `ownership controls of bucket "${String(c.props.bucket)}" (not created by this stack) ` +
            `set ${owners.join(", ") || "no rule"}, not BucketOwnerEnforced (ACLs stay enabled).`,
        );
      });
    }
  },
});

export const ownershipExplicit = stackPolicy({
  name: "s3-bucket-ownership-explicit",
  description:
    "Every bucket has a BucketOwnershipControls resource that keeps ACLs disabled (BucketOwnerEnforced). Advisory: S3 creates new buckets so, and without the resource nothing in the stack keeps them so or says so.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Add an aws.s3.BucketOwnershipControls with `bucket: <bucket>.id` and " +
    'rule: { objectOwnership: "BucketOwnerEnforced" }.',
  references: [fsbp("S3.12"), awsDocs("AmazonS3/latest/userguide/about-object-ownership")],
  // An aws-native Bucket states its controls inline (ownershipControls, as for
  // s3-bucket-ownership-enforced above); what they set is that rule's to judge, so here a value
  // unknown at preview is stated and passes, as a classic controls resource does.
  types: [...BUCKET_TYPES, ...S3_SIDE.ownershipControls, NATIVE_S3_BUCKET],
  check: (ctx) => {
    eachBucket(ctx, (bucket) => {
      // A CloudFront legacy logging target keeps ACLs on purpose (s3-bucket-documented-exceptions).
      if (cloudfrontLegacyLoggingInto(ctx.index, bucket).length) return;
      if (sideResourcesOf(ctx.index, bucket, S3_SIDE.ownershipControls).length) return;
      const native = nativeTypeOf(bucket) !== undefined;
      if (native && present(bucket.props, "ownershipControls")) return;
      const missing = native ? "ownershipControls" : "BucketOwnershipControls";
      ctx.report(bucket, `${label(bucket)} has no ${missing}: ACLs are off only by S3's default.`);
    });
  },
});

export const accountPublicAccessBlock = stackPolicy({
  name: "s3-account-public-access-block",
  description:
    "A stack with buckets manages the account-level S3 public-access block, or it is managed " +
    "elsewhere (a block the stack manages is judged flag by flag by s3-public-access-block-all-flags).",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Turn on all four flags of the account's S3 Block Public Access, with an " +
    "aws.s3.AccountPublicAccessBlock in a stack that owns account settings (or an AWS " +
    "Organizations S3 policy). If it is managed elsewhere, disable this advisory for the stack.",
  references: [fsbp("S3.1")],
  noNativeTwin: "CloudFormation has no type for the account-wide S3 Block Public Access settings.",
  types: [S3_ACCOUNT_PUBLIC_ACCESS_BLOCK],
  check: (ctx) => {
    // The flags of a block the stack manages are the mandatory all-flags rule's to judge: one
    // finding per problem, not two.
    const blocks = ctx.index.ofType(S3_ACCOUNT_PUBLIC_ACCESS_BLOCK);
    if (blocks.length === 0 && bucketsOf(ctx.index).length > 0) {
      // Stack-level note: no resource to attach it to (the engine shows it for the stack).
      const stack = { urn: undefined, name: "stack", type: PULUMI_STACK, props: {} };
      ctx.report(
        stack as unknown as PolicyResource,
        "this stack creates buckets but no AccountPublicAccessBlock: make sure the account-level " +
          "block (all four flags) is on, managed here or elsewhere.",
      );
    }
  },
});
