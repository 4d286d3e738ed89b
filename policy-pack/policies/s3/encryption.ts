// S3 encryption at rest: SSE-KMS with a customer-managed key by default (log targets may keep
// SSE-S3 only as a waived exception), and S3 Bucket Keys with SSE-KMS.
import type { PolicyResource } from "@pulumi/policy";
import type { StackCheckContext } from "../../lib/define";
import { stackPolicy } from "../../lib/define";
import { classifyKey, describeKeyRef } from "../../lib/kms-keys";
import { BUCKET_TYPES, logTargetSourcesOf, pick, S3_SIDE, sideResourcesOf } from "../../lib/s3";
import { asList, programSetting } from "../../lib/values";
import { eachBucket, label } from "./buckets";

const KMS_ALGORITHMS = new Set(["aws:kms", "aws:kms:dsse"]);

interface SseRule {
  /** The resource the rule lives on (encryption side resource or the bucket itself). */
  readonly source: PolicyResource;
  /** Its top-level property (for property dependencies on the key). */
  readonly prop: string;
  readonly rule: any;
  readonly defaults: any[];
}

/**
 * The bucket's default-encryption rules: from its encryption side resources when there is one
 * (applied after the bucket, so they win), else from the deprecated inline blocks
 * (`serverSideEncryptionConfiguration.rule` on Bucket, `serverSideEncryptionConfigurations[].rules`
 * on BucketV2).
 */
function sseRules(ctx: StackCheckContext<unknown>, bucket: PolicyResource): SseRule[] {
  const sides = sideResourcesOf(ctx.index, bucket, S3_SIDE.encryption);
  const out: SseRule[] = [];
  const add = (source: PolicyResource, prop: string, rules: any[]) => {
    for (const rule of rules) {
      out.push({
        source,
        prop,
        rule,
        defaults: pick(
          rule,
          "applyServerSideEncryptionByDefault",
          "applyServerSideEncryptionByDefaults",
        ),
      });
    }
  };
  if (sides.length) {
    for (const s of sides) add(s, "rules", asList(s.props.rules));
    return out;
  }
  for (const prop of ["serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations"]) {
    for (const cfg of asList(programSetting(bucket, prop)))
      add(bucket, prop, pick(cfg, "rule", "rules"));
  }
  return out;
}

export const sseKmsCmk = stackPolicy({
  name: "s3-bucket-sse-kms-cmk",
  description:
    "Every bucket's default encryption is SSE-KMS (aws:kms or aws:kms:dsse) with a customer-managed key.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Add an aws.s3.BucketServerSideEncryptionConfiguration with sseAlgorithm "aws:kms", ' +
    "kmsMasterKeyId set to a customer-managed key of this stack (key.arn) and bucketKeyEnabled: true. " +
    "Exception: a bucket that receives S3 server access logs or load balancer logs may keep SSE-S3 " +
    "(AES256), because AWS supports only SSE-S3 there (S3 User Guide, 'Enabling Amazon S3 server " +
    "access logging': default SSE-KMS is not supported on the destination bucket; ELB 'Enable access " +
    "logs': SSE-S3 is the only option). Tag such a bucket `waiver:s3-bucket-sse-kms-cmk` = <reason>; " +
    "the finding is then reported as waived, never dropped.",
  references: [
    { source: "cdk-nag", id: "S3DefaultEncryptionKMS" },
    { source: "Checkov", id: "CKV_AWS_145" },
    { source: "Trivy", id: "AWS-0132" },
    { source: "Security Hub FSBP", id: "S3.17" },
    { source: "compliance-policies", id: "aws-s3-bucket-configure-server-side-encryption-kms" },
  ],
  types: [...BUCKET_TYPES, ...S3_SIDE.encryption],
  check: (ctx) =>
    eachBucket(ctx, (bucket) => {
      const rules = sseRules(ctx, bucket);
      const defaults = rules.flatMap((r) => r.defaults.map((d: any) => ({ ...r, d })));
      const problems: string[] = [];
      let sseS3 = defaults.length === 0;
      if (defaults.length === 0)
        problems.push("has no default-encryption configuration, so S3 applies SSE-S3 (AES256)");
      for (const { source, prop, d } of defaults) {
        const algorithm = d.sseAlgorithm;
        if (!KMS_ALGORITHMS.has(algorithm)) {
          if (algorithm === "AES256") sseS3 = true;
          problems.push(
            `uses ${algorithm === "AES256" ? "SSE-S3 (AES256)" : String(algorithm)}, not SSE-KMS`,
          );
          continue;
        }
        const key = classifyKey(ctx.index, source, prop, () => d.kmsMasterKeyId);
        if (key.kind !== "customer") {
          problems.push(
            `uses ${algorithm} but ${describeKeyRef(key, "S3 then uses the AWS-managed key aws/s3")}`,
          );
        }
      }
      if (problems.length === 0) return;
      const targets = logTargetSourcesOf(ctx.index, bucket);
      let message = `${label(bucket)} ${problems.join("; ")}.`;
      if (sseS3 && targets.length) {
        const from = [...new Set(targets.map((t) => `${t.kind} from "${t.source.name}"`))].join(
          ", ",
        );
        // S3 User Guide, "Enabling Amazon S3 server access logging": "You can use default bucket
        // encryption on the destination bucket only if you use SSE-S3 ... Default server-side
        // encryption with AWS KMS keys (SSE-KMS) is not supported." AWS CDK (PR 25350) saw SSE-KMS
        // work with a key policy for logging.s3.amazonaws.com, but AWS calls that unsupported and
        // not working in every Region (awsdocs/amazon-s3-developer-guide PR 38). ELB user guide
        // ("Enable access logs"): "The only server-side encryption option that's supported is
        // Amazon S3-managed keys (SSE-S3)". So a log target may keep SSE-S3 as a waived exception.
        message +=
          ` It is a log target (${from}): AWS supports only SSE-S3 default encryption there, so ` +
          "this is an accepted exception only with the waiver tag `waiver:s3-bucket-sse-kms-cmk` and its reason.";
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
  references: [{ source: "AWS docs", id: "AmazonS3/userguide/bucket-key" }],
  types: [...BUCKET_TYPES, ...S3_SIDE.encryption],
  check: (ctx) =>
    eachBucket(ctx, (bucket) => {
      for (const r of sseRules(ctx, bucket)) {
        if (!r.defaults.some((d: any) => d.sseAlgorithm === "aws:kms")) continue;
        if (r.rule.bucketKeyEnabled !== true) {
          ctx.report(bucket, `${label(bucket)} uses SSE-KMS without bucketKeyEnabled: true.`, [
            r.source,
          ]);
        }
      }
    }),
});
