// S3 encryption at rest: SSE-KMS with a customer-managed key by default (a log target of a service
// that supports only SSE-S3 keeps SSE-S3, a documented exception), and S3 Bucket Keys with SSE-KMS.
import { stackPolicy } from "../../lib/define";
import { classifyKey, describeKeyRef } from "../../lib/kms/keys";
import {
  logTargetSourcesOf,
  oaiReadersOf,
  sseRules,
  sseS3OnlyDeliveries,
} from "../../lib/s3/buckets";
import { eachBucket, label } from "../../lib/s3/checks";
import { awsDocs, cdkNag, checkov, compliancePolicies, fsbp, trivy } from "../../lib/controls";
import { BUCKET_TYPES, S3_SIDE } from "../../lib/types";

const KMS_ALGORITHMS = new Set(["aws:kms", "aws:kms:dsse"]);

export const sseKmsCmk = stackPolicy({
  name: "s3-bucket-sse-kms-cmk",
  description:
    "Every bucket's default encryption is SSE-KMS (aws:kms or aws:kms:dsse) with a customer-managed key.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Add an aws.s3.BucketServerSideEncryptionConfiguration with sseAlgorithm "aws:kms", ' +
    "kmsMasterKeyId set to a customer-managed key of this stack (key.arn) and bucketKeyEnabled: true. " +
    "Exception, accepted without a waiver and listed by s3-bucket-documented-exceptions: a bucket " +
    "that receives S3 server access logs or Application Load Balancer access logs keeps SSE-S3 " +
    "(AES256), the only default encryption AWS supports there (S3 User Guide, 'Enabling Amazon S3 " +
    "server access logging'; ELB User Guide, 'Enable access logs'). A bucket served through a " +
    "CloudFront Origin Access Identity must move to Origin Access Control first: OAI cannot read " +
    "SSE-KMS objects.",
  references: [
    cdkNag("S3DefaultEncryptionKMS"),
    checkov("CKV_AWS_145"),
    trivy("AWS-0132"),
    fsbp("S3.17"),
    compliancePolicies("aws-s3-bucket-configure-server-side-encryption-kms"),
  ],
  types: [...BUCKET_TYPES, ...S3_SIDE.encryption],
  check: (ctx) =>
    eachBucket(ctx, (bucket) => {
      const rules = sseRules(ctx.index, bucket);
      const defaults = rules.flatMap((r) => r.defaults.map((d: any) => ({ ...r, d })));
      const problems: string[] = [];
      let sseS3 = defaults.length === 0;
      let otherProblem = false;
      if (defaults.length === 0)
        problems.push("has no default-encryption configuration, so S3 applies SSE-S3 (AES256)");
      for (const { source, prop, d } of defaults) {
        const algorithm = d.sseAlgorithm;
        if (!KMS_ALGORITHMS.has(algorithm)) {
          if (algorithm === "AES256") sseS3 = true;
          else otherProblem = true;
          problems.push(
            `uses ${algorithm === "AES256" ? "SSE-S3 (AES256)" : String(algorithm)}, not SSE-KMS`,
          );
          continue;
        }
        const key = classifyKey(ctx.index, source, prop, () => d.kmsMasterKeyId);
        if (key.kind !== "customer") {
          otherProblem = true;
          problems.push(
            `uses ${algorithm} but ${describeKeyRef(key, "S3 then uses the AWS-managed key aws/s3")}`,
          );
        }
      }
      if (problems.length === 0) return;
      // A bucket that receives logs from a service that supports only SSE-S3 must keep SSE-S3:
      // accepted without a waiver (the documented-exceptions note lists it). See `SSE_S3_ONLY` in
      // ../../lib/s3/buckets.ts for the documents, per target type.
      if (sseS3 && !otherProblem && sseS3OnlyDeliveries(ctx.index, bucket).length) return;
      const targets = logTargetSourcesOf(ctx.index, bucket);
      let message = `${label(bucket)} ${problems.join("; ")}.`;
      if (sseS3 && targets.length) {
        const from = [...new Set(targets.map((t) => `${t.kind} from "${t.source.name}"`))].join(
          ", ",
        );
        message +=
          ` It is a log target (${from}), but these deliveries support SSE-KMS with a ` +
          "customer-managed key (or are not documented as SSE-S3-only): use one, with a key policy " +
          "that lets the delivering service use the key.";
      }
      const readers = oaiReadersOf(ctx.index, bucket);
      if (readers.length) {
        // CloudFront, "Amazon CloudFront introduces Origin Access Control (OAC)" (AWS Networking &
        // Content Delivery blog, 2022): OAI has "limitations such as [...] integrating with
        // SSE-KMS"; "OAC supports downloading and uploading S3 objects encrypted with SSE-KMS".
        // CloudFront Developer Guide, "Restrict access to an Amazon S3 origin": OAC is recommended.
        message +=
          ` It is served by CloudFront (${readers.map((r) => `"${r.name}"`).join(", ")}) through an ` +
          "Origin Access Identity, which cannot read SSE-KMS-encrypted objects: switch the origin " +
          "to Origin Access Control (aws.cloudfront.OriginAccessControl, originAccessControlId) " +
          "and allow cloudfront.amazonaws.com kms:Decrypt in the key policy for the distribution, " +
          "then use SSE-KMS.";
      }
      ctx.report(bucket, message);
    }),
});

export const bucketKeyEnabled = stackPolicy({
  name: "s3-bucket-key-enabled",
  description: "Buckets encrypted with SSE-KMS (aws:kms) enable S3 Bucket Keys.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set bucketKeyEnabled: true on the encryption rule: S3 then asks KMS for a bucket-level key " +
    "instead of one call per object, which cuts KMS requests and cost. (DSSE-KMS does not support " +
    "Bucket Keys: S3 User Guide, 'Using dual-layer server-side encryption'.)",
  references: [awsDocs("AmazonS3/userguide/bucket-key")],
  types: [...BUCKET_TYPES, ...S3_SIDE.encryption],
  check: (ctx) =>
    eachBucket(ctx, (bucket) => {
      for (const r of sseRules(ctx.index, bucket)) {
        if (!r.defaults.some((d: any) => d.sseAlgorithm === "aws:kms")) continue;
        if (r.rule.bucketKeyEnabled !== true) {
          ctx.report(bucket, `${label(bucket)} uses SSE-KMS without bucketKeyEnabled: true.`, [
            r.source,
          ]);
        }
      }
    }),
});
