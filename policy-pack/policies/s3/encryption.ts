// S3 encryption at rest: SSE-KMS with a customer-managed key by default (a log target of a service
// that supports only SSE-S3 keeps SSE-S3, a documented exception), S3 Bucket Keys with SSE-KMS, and
// objects the program writes itself, which must not fall back to weaker encryption.
import type { PolicyResource } from "@pulumi/policy";
import { StackCheckContext, stackPolicy } from "../../lib/define";
import { classifyKey, customerKeyPolicy, describeKeyRef } from "../../lib/kms/keys";
import {
  bucketsConfiguredBy,
  directoryBucketsOf,
  logTargetSourcesOf,
  oaiReadersOf,
} from "../../lib/s3/buckets";
import { SseRule, sseRules, sseRulesOf } from "../../lib/s3/default-encryption";
import { sseS3OnlyTargets } from "../../lib/s3/log-destination";
import { eachBucket, label } from "../../lib/s3/checks";
import { awsDocs, cdkNag, checkov, compliancePolicies, fsbp, trivy } from "../../lib/controls";
import { holdsValue, isSet, flagOn } from "../../lib/values";
import {
  BUCKET_TYPES,
  S3_BUCKET_OBJECT,
  S3_BUCKET_OBJECTV2,
  S3_DIRECTORY_BUCKET,
  S3_OBJECT_COPY,
  S3_SIDE,
} from "../../lib/types";
import { NATIVE_S3_BUCKET } from "../../lib/native/types";

const KMS_ALGORITHMS = new Set(["aws:kms", "aws:kms:dsse"]);

export const sseKmsCmk = stackPolicy({
  name: "s3-bucket-sse-kms-cmk",
  description:
    "Every bucket's default encryption (directory buckets included, and buckets of other stacks whose default encryption this stack sets) is SSE-KMS (aws:kms or aws:kms:dsse) with a customer-managed key.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Add an aws.s3.BucketServerSideEncryptionConfiguration with sseAlgorithm "aws:kms", ' +
    "kmsMasterKeyId set to a customer-managed key of this stack (key.arn) and bucketKeyEnabled: true. " +
    "Exception, accepted without a waiver and listed by s3-bucket-documented-exceptions: a bucket " +
    "that receives S3 server access logs (from a BucketLogging of the stack, or granted to log " +
    "delivery by its own ACL or bucket policy) or Application Load Balancer access logs keeps SSE-S3 " +
    "(AES256), the only default encryption AWS supports there (S3 User Guide, 'Enabling Amazon S3 " +
    "server access logging'; ELB User Guide, 'Enable access logs'). A bucket served through a " +
    "CloudFront Origin Access Identity must move to Origin Access Control first: OAI cannot read " +
    "SSE-KMS objects.",
  references: [
    cdkNag("S3DefaultEncryptionKMS"),
    checkov("CKV_AWS_145"),
    checkov("CKV_AWS_19"),
    trivy("AWS-0132"),
    trivy("AWS-0088"),
    fsbp("S3.17"),
    compliancePolicies("aws-s3-bucket-configure-server-side-encryption-kms"),
    awsDocs("AmazonS3/latest/userguide/s3-express-UsingKMSEncryption"),
  ],
  // An aws-native Bucket's bucketEncryption reads as the inline configuration (../../lib/native/twins.ts).
  types: [...BUCKET_TYPES, S3_DIRECTORY_BUCKET, ...S3_SIDE.encryption, NATIVE_S3_BUCKET],
  check: (ctx) => {
    eachBucket(ctx, (bucket) => judgeDefaultEncryption(ctx, bucket, label(bucket)));
    // Directory buckets (S3 Express One Zone) default to SSE-S3 too and take SSE-KMS through the
    // same configuration resource. S3 User Guide, "Using server-side encryption with AWS KMS keys
    // (SSE-KMS) in directory buckets": "The AWS managed key (aws/s3) isn't supported"; S3 API
    // reference, ServerSideEncryptionByDefault: "only two supported options [...]: SSE-S3 and
    // SSE-KMS".
    for (const bucket of directoryBucketsOf(ctx.index)) {
      ctx.each(bucket, () =>
        judgeDefaultEncryption(ctx, bucket, `directory bucket "${bucket.name}"`),
      );
    }
    for (const config of ctx.index.ofType(...S3_SIDE.encryption)) {
      ctx.each(config, () => judgeConfigOfOtherBucket(ctx, config));
    }
  },
});

/** What is wrong with a bucket's default-encryption rules (none: SSE-KMS with customer keys). */
function encryptionProblems(
  ctx: StackCheckContext<unknown>,
  rules: readonly SseRule[],
): { problems: string[]; sseS3: boolean; otherProblem: boolean } {
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
  return { problems, sseS3, otherProblem };
}

/**
 * A default-encryption configuration this stack sets on a bucket it does not create (given by
 * name): the stack still decides how that bucket encrypts new objects, so the configuration is
 * judged on its own, reported on itself.
 */
function judgeConfigOfOtherBucket(ctx: StackCheckContext<unknown>, config: PolicyResource): void {
  if (bucketsConfiguredBy(ctx.index, config).length) return;
  // An unknown bucket that no property dependency names is a preview note, never a pass.
  if (!isSet(config.props.bucket)) return;
  const rules = sseRulesOf(config);
  const { problems } = encryptionProblems(ctx, rules);
  if (problems.length === 0) return;
  ctx.report(
    config,
    `default encryption of bucket "${String(config.props.bucket)}" (not created by this stack) ${problems.join("; ")}.`,
  );
}

/** Reports `bucket` unless its default encryption is SSE-KMS with a customer-managed key. */
function judgeDefaultEncryption(
  ctx: StackCheckContext<unknown>,
  bucket: PolicyResource,
  what: string,
): void {
  const { problems, sseS3, otherProblem } = encryptionProblems(ctx, sseRules(ctx.index, bucket));
  if (problems.length === 0) return;
  // A bucket that receives logs from a service that supports only SSE-S3 must keep SSE-S3:
  // accepted without a waiver (the documented-exceptions note lists it). See `SSE_S3_ONLY` in
  // ../../lib/s3/buckets.ts for the documents, per target type, and ../../lib/s3/log-destination.ts
  // for a bucket that grants log delivery itself (the delivery configured in another stack).
  if (sseS3 && !otherProblem && sseS3OnlyTargets(ctx.index, bucket).length) return;
  const targets = logTargetSourcesOf(ctx.index, bucket);
  let message = `${what} ${problems.join("; ")}.`;
  if (sseS3 && targets.length) {
    const from = [...new Set(targets.map((t) => `${t.kind} from "${t.source.name}"`))].join(", ");
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
}

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
  // An aws-native Bucket's bucketEncryption rules read as the inline configuration, each rule's
  // bucketKeyEnabled with them (AWS::S3::Bucket ServerSideEncryptionRule BucketKeyEnabled,
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-serversideencryptionrule.html).
  types: [...BUCKET_TYPES, ...S3_SIDE.encryption, NATIVE_S3_BUCKET],
  check: (ctx) =>
    eachBucket(ctx, (bucket) => {
      for (const r of sseRules(ctx.index, bucket)) {
        if (!r.defaults.some((d: any) => d.sseAlgorithm === "aws:kms")) continue;
        if (!flagOn(r.rule.bucketKeyEnabled)) {
          ctx.report(bucket, `${label(bucket)} uses SSE-KMS without bucketKeyEnabled: true.`, [
            r.source,
          ]);
        }
      }
    }),
});

export const objectKmsCmk = customerKeyPolicy({
  name: "s3-object-kms-cmk",
  description:
    "Objects the program writes (BucketObject, BucketObjectv2, ObjectCopy) are encrypted with a " +
    "customer-managed KMS key: their own kmsKeyId, or the SSE-KMS default of a bucket of this " +
    "stack (which s3-bucket-sse-kms-cmk judges); never SSE-S3 or the AWS-managed key aws/s3.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    'Set serverSideEncryption "aws:kms" and kmsKeyId to the stack\'s customer-managed key, or ' +
    "leave both unset on an object of a bucket whose default encryption uses one.",
  references: [checkov("CKV_AWS_186"), checkov("CKV_AWS_181")],
  types: [S3_BUCKET_OBJECT, S3_BUCKET_OBJECTV2, S3_OBJECT_COPY],
  noun: (r) => (r.type === S3_OBJECT_COPY ? "S3 object copy" : "S3 object"),
  check: (k) => {
    const managed = "S3 then uses the AWS-managed key aws/s3";
    const algorithm = k.setting("serverSideEncryption");
    if (holdsValue(() => k.setting("kmsKeyId"))) {
      k.requireKey({ prop: "kmsKeyId", computed: true, whenNone: managed });
      return;
    }
    if (algorithm === "AES256") {
      k.report("serverSideEncryption is AES256 (SSE-S3), not SSE-KMS with a customer-managed key.");
      return;
    }
    if (isSet(algorithm)) {
      k.report(`serverSideEncryption is ${String(algorithm)} without kmsKeyId: ${managed}.`);
      return;
    }
    // PutObject without encryption headers takes the bucket's default encryption.
    if (bucketsConfiguredBy(k.index, k.resource).length) return;
    k.report(
      "no kmsKeyId, and its bucket is not one of this stack: the object takes that bucket's " +
        "default encryption (SSE-S3 unless the bucket says otherwise).",
    );
  },
});
