// S3 data retention: versioning enabled, and lifecycle rules that expire data and abort
// incomplete multipart uploads (advisory).
import { stackPolicy } from "../../lib/define";
import { sideResourcesOf } from "../../lib/s3/buckets";
import { asList, programSetting, flagOn } from "../../lib/values";
import { eachBucket, label } from "../../lib/s3/checks";
import { checkov, fsbp, trivy } from "../../lib/controls";
import { BUCKET_TYPES, S3_SIDE } from "../../lib/types";
import { NATIVE_S3_BUCKET } from "../../lib/native/types";

export const versioningEnabled = stackPolicy({
  name: "s3-bucket-versioning-enabled",
  description: "Every bucket has versioning enabled (BucketVersioning or inline).",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Add an aws.s3.BucketVersioning with `bucket: <bucket>.id` and versioningConfiguration: " +
    '{ status: "Enabled" }, and expire noncurrent versions with a lifecycle rule.',
  references: [checkov("CKV_AWS_21"), trivy("AWS-0090"), fsbp("S3.14")],
  types: [...BUCKET_TYPES, NATIVE_S3_BUCKET, ...S3_SIDE.versioning],
  check: (ctx) =>
    eachBucket(ctx, (bucket) => {
      const sides = sideResourcesOf(ctx.index, bucket, S3_SIDE.versioning);
      if (sides.length) {
        for (const v of sides) {
          const status = v.props.versioningConfiguration?.status;
          if (status !== "Enabled") {
            ctx.report(
              bucket,
              `${label(bucket)}: versioning "${v.name}" is ${String(status)}, not Enabled.`,
              [v],
            );
          }
        }
        return;
      }
      const inline = [
        ...asList(programSetting(bucket, "versioning")),
        ...asList(programSetting(bucket, "versionings")),
      ];
      if (!inline.some((v: any) => flagOn(v?.enabled))) {
        ctx.report(bucket, `${label(bucket)} has no versioning enabled.`);
      }
    }),
});

export const lifecycleConfigured = stackPolicy({
  name: "s3-bucket-lifecycle-configured",
  description:
    "Every bucket has an enabled lifecycle rule, and one that aborts incomplete multipart uploads.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Add an aws.s3.BucketLifecycleConfiguration with `bucket: <bucket>.id` and an enabled rule " +
    "that expires objects (and noncurrent versions) and sets abortIncompleteMultipartUpload: " +
    "{ daysAfterInitiation: 7 } so abandoned uploads stop costing storage.",
  references: [checkov("CKV2_AWS_61"), checkov("CKV_AWS_300"), fsbp("S3.13"), fsbp("S3.10")],
  // An aws-native Bucket's lifecycleConfiguration rules read as the inline lifecycleRules
  // (../../lib/native/twins-buckets.ts).
  types: [...BUCKET_TYPES, ...S3_SIDE.lifecycle, NATIVE_S3_BUCKET],
  check: (ctx) =>
    eachBucket(ctx, (bucket) => {
      const sides = sideResourcesOf(ctx.index, bucket, S3_SIDE.lifecycle);
      // Side resources: rules[].status / abortIncompleteMultipartUpload.daysAfterInitiation;
      // inline: lifecycleRules[].enabled / abortIncompleteMultipartUploadDays.
      const rules = sides.length
        ? sides.flatMap((s) =>
            asList(s.props.rules)
              .filter((r: any) => r?.status === "Enabled")
              .map(
                (r: any) =>
                  typeof r?.abortIncompleteMultipartUpload?.daysAfterInitiation === "number",
              ),
          )
        : asList(programSetting(bucket, "lifecycleRules"))
            .filter((r: any) => flagOn(r?.enabled))
            .map((r: any) => typeof r?.abortIncompleteMultipartUploadDays === "number");
      if (rules.length === 0) {
        ctx.report(bucket, `${label(bucket)} has no enabled lifecycle rule.`, sides);
      } else if (!rules.includes(true)) {
        ctx.report(
          bucket,
          `${label(bucket)} has no lifecycle rule that aborts incomplete multipart uploads.`,
          sides,
        );
      }
    }),
});
