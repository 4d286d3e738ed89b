// The S3 exceptions the pack accepts without a waiver because AWS documents them as required, made
// visible: an advisory note per bucket, so the report says what was accepted and why instead of
// staying silent.
import { stackPolicy } from "../../lib/define";
import { cloudfrontLegacyLoggingInto, pick, sideResourcesOf } from "../../lib/s3/buckets";
import { usesSseS3 } from "../../lib/s3/default-encryption";
import { sseS3OnlyTargets } from "../../lib/s3/log-destination";
import { eachBucket, label } from "../../lib/s3/checks";
import { awsDocs } from "../../lib/controls";
import { BUCKET_TYPES, S3_SIDE } from "../../lib/types";

export const documentedExceptions = stackPolicy({
  name: "s3-bucket-documented-exceptions",
  description:
    "Notes (advisory) the documented exceptions the S3 rules accept: SSE-S3 on a bucket that " +
    "receives logs from a service supporting only SSE-S3, and ACLs kept on a bucket that receives " +
    "CloudFront standard logging (legacy).",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Nothing to fix while the exception holds. To retire it: deliver CloudFront logs with " +
    "standard logging v2 (then enforce bucket ownership), and keep log buckets separate from data.",
  references: [
    awsDocs("AmazonS3/userguide/enable-server-access-logging"),
    awsDocs("elasticloadbalancing/latest/application/enable-access-logging"),
    awsDocs("AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3"),
  ],
  noNativeTwin:
    "the exceptions are read from the classic bucket and its side resources (encryption configuration, ownership controls); an aws-native Bucket holds those settings inline, where the bucket rules' own twins judge them.",
  types: [...BUCKET_TYPES, ...S3_SIDE.encryption, ...S3_SIDE.ownershipControls],
  check: (ctx) =>
    eachBucket(ctx, (bucket) => {
      const forcing = usesSseS3(ctx.index, bucket) ? sseS3OnlyTargets(ctx.index, bucket) : [];
      if (forcing.length) {
        const docs = [...new Set(forcing.map((t) => t.sseS3Only))].join("; ");
        const from = [...new Set(forcing.map((t) => `"${t.source.name}"`))].join(", ");
        ctx.report(
          bucket,
          `${label(bucket)} keeps SSE-S3 default encryption without a waiver: it receives logs ` +
            `from ${from}, and AWS supports only SSE-S3 on that target (${docs}).`,
        );
      }
      const distributions = cloudfrontLegacyLoggingInto(ctx.index, bucket);
      if (distributions.length) {
        const owners = sideResourcesOf(ctx.index, bucket, S3_SIDE.ownershipControls).flatMap((c) =>
          pick(c.props, "rule", "rules").map((r: any) => r?.objectOwnership),
        );
        ctx.report(
          bucket,
          `${label(bucket)} is not required to enforce bucket ownership (ACLs stay enabled: ` +
            `${owners.join(", ") || "no ownership controls"}): it receives CloudFront standard ` +
            `logging (legacy) from ${distributions.map((d) => `"${d.name}"`).join(", ")}, which ` +
            "writes with ACLs (CloudFront Developer Guide, 'Configure standard logging (legacy)': " +
            '"Your bucket must have access control list (ACL) enabled").',
        );
      }
    }),
});
