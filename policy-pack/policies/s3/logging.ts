// S3 server access logging: every bucket logs to another bucket (a log bucket itself records its
// exception with a waiver).
import { stackPolicy } from "../../lib/define";
import { logTargetSourcesOf, sideResourcesOf } from "../../lib/s3/buckets";
import { asList, peek, programSetting } from "../../lib/values";
import { eachBucket, label } from "../../lib/s3/checks";
import { awsGuard, cdkNag, checkov, fsbp, trivy } from "../../lib/controls";
import { BUCKET_TYPES, S3_SIDE } from "../../lib/types";
import { NATIVE_S3_BUCKET } from "../../lib/native/types";

export const loggingEnabled = stackPolicy({
  name: "s3-bucket-logging-enabled",
  description:
    "Every bucket has server access logging to another bucket (BucketLogging or inline).",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Add an aws.s3.BucketLogging with `bucket: <bucket>.id`, targetBucket: a dedicated log " +
    "bucket and a targetPrefix. A log bucket itself should not log (S3 User Guide: the " +
    "destination bucket should not have server access logging enabled; logging to itself loops): " +
    "tag it `waiver:s3-bucket-logging-enabled` = <reason> so the exception is recorded.",
  references: [
    awsGuard("s3-bucket-logging-enabled"),
    cdkNag("AwsSolutions-S1"),
    checkov("CKV_AWS_18"),
    trivy("AWS-0089"),
    fsbp("S3.9"),
  ],
  types: [...BUCKET_TYPES, NATIVE_S3_BUCKET, ...S3_SIDE.logging],
  check: (ctx) =>
    eachBucket(ctx, (bucket) => {
      const sides = sideResourcesOf(ctx.index, bucket, S3_SIDE.logging);
      // Inline logging counts when it names a target (after `up` the provider reports an
      // unconfigured block with an empty target; an unknown target comes from a bucket of the stack).
      const inline = [
        ...asList(programSetting(bucket, "logging")),
        ...asList(programSetting(bucket, "loggings")),
      ].filter((l: any) => {
        const target = peek(() => l?.targetBucket);
        return !target.known || (typeof target.value === "string" && target.value !== "");
      });
      const targets = logTargetSourcesOf(ctx.index, bucket);
      if (targets.some((t) => t.kind === "s3-server-access-logs" && t.loggedBucket === bucket)) {
        ctx.report(
          bucket,
          `${label(bucket)} delivers its access logs to itself, an endless loop of log records.`,
        );
        return;
      }
      if (sides.length || inline.length) return;
      if (targets.length) {
        ctx.report(
          bucket,
          `${label(bucket)} has no server access logging; it is a log target (from ` +
            `${[...new Set(targets.map((t) => `"${t.source.name}"`))].join(", ")}), which S3 ` +
            "advises not to log: record that with a `waiver:s3-bucket-logging-enabled` tag.",
        );
      } else {
        ctx.report(bucket, `${label(bucket)} has no server access logging.`);
      }
    }),
});
