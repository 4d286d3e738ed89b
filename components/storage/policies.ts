// The storage layer's documents as data: the producer buckets' policies, the producer roles'
// policies, the access-log delivery statements and the key's grants.
import * as pulumi from "@pulumi/pulumi";
import { ANYONE, PolicyStatement } from "../iam";
import { KeyGrant } from "../kms-key";

/** The producers, each with its own bucket and role. */
export const PRODUCERS = ["api", "ingest"] as const;
export type Producer = (typeof PRODUCERS)[number];

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Object-level writes. Only the producer role may perform them on its bucket; everyone else
 * (administrators included) is denied by the bucket policy. Bucket-level actions (policy,
 * configuration) are not denied, so administrators keep managing the bucket.
 */
export const OBJECT_WRITE_ACTIONS = [
  "s3:PutObject",
  "s3:PutObjectAcl",
  "s3:PutObjectVersionAcl",
  "s3:PutObjectTagging",
  "s3:PutObjectVersionTagging",
  "s3:PutObjectRetention",
  "s3:PutObjectLegalHold",
  "s3:DeleteObject",
  "s3:DeleteObjectVersion",
  "s3:DeleteObjectTagging",
  "s3:DeleteObjectVersionTagging",
  "s3:ReplicateObject",
  "s3:ReplicateDelete",
  "s3:ReplicateTags",
] as const;

/**
 * Bucket policy statements of a producer bucket (after the TLS-only deny every bucket gets): uploads encrypted with our key only; object writes
 * only by the producer role.
 *
 * IAM docs ("Condition operators"): a negated operator such as StringNotEquals is true when the key
 * is absent, so each encryption deny is paired with `Null = false` and applies only when the client
 * sends the header. A client that sends no encryption header gets the bucket default (SSE-KMS with
 * our key). S3 API reference ("PutObject"): `aws:kms` without a key id means the AWS managed key
 * aws/s3, so that combination is denied; clients name the key by its full ARN or send nothing.
 */
export function producerBucketStatements(
  bucketArn: pulumi.Input<string>,
  keyArn: pulumi.Input<string>,
  roleArn: pulumi.Input<string>,
): PolicyStatement[] {
  const objects = pulumi.interpolate`${bucketArn}/*`;
  const sse = "s3:x-amz-server-side-encryption";
  const sseKeyId = "s3:x-amz-server-side-encryption-aws-kms-key-id";
  const denyPut = (sid: string, conditions: PolicyStatement["conditions"]): PolicyStatement => ({
    sid,
    effect: "Deny",
    principals: [ANYONE],
    actions: ["s3:PutObject"],
    resources: [objects],
    conditions,
  });
  return [
    denyPut("DenyEncryptionOtherThanKms", [
      { test: "Null", variable: sse, values: ["false"] },
      { test: "StringNotEquals", variable: sse, values: ["aws:kms"] },
    ]),
    denyPut("DenyKmsWithoutOurKeyId", [
      { test: "Null", variable: sse, values: ["false"] },
      { test: "Null", variable: sseKeyId, values: ["true"] },
    ]),
    denyPut("DenyKeysOtherThanOurs", [
      { test: "Null", variable: sseKeyId, values: ["false"] },
      { test: "StringNotEquals", variable: sseKeyId, values: [keyArn] },
    ]),
    denyPut("DenyCustomerProvidedKeys", [
      {
        test: "Null",
        variable: "s3:x-amz-server-side-encryption-customer-algorithm",
        values: ["false"],
      },
    ]),
    {
      // IAM docs ("aws:PrincipalArn"): for a role session this is the role's ARN.
      sid: "DenyObjectWritesByOthers",
      effect: "Deny",
      principals: [ANYONE],
      actions: [...OBJECT_WRITE_ACTIONS],
      resources: [objects],
      conditions: [{ test: "StringNotEquals", variable: "aws:PrincipalArn", values: [roleArn] }],
    },
  ];
}

export interface ProducerRoleScope {
  readonly bucketArn: pulumi.Input<string>;
  readonly keyArn: pulumi.Input<string>;
  /** `s3.<region>.amazonaws.com`. */
  readonly s3ViaService: pulumi.Input<string>;
  /** Restricts s3:ListBucket to keys under this prefix. */
  readonly listPrefix?: string;
}

/**
 * Inline policy of a producer role: its own bucket only; the key only through S3. No DeleteObject:
 * objects leave through the lifecycle rules, and a compromised producer cannot erase data.
 */
export function producerRoleStatements(scope: ProducerRoleScope): PolicyStatement[] {
  return [
    {
      sid: "ReadWriteOwnObjects",
      effect: "Allow",
      actions: [
        "s3:PutObject",
        "s3:GetObject",
        "s3:AbortMultipartUpload",
        "s3:ListMultipartUploadParts",
      ],
      resources: [pulumi.interpolate`${scope.bucketArn}/*`],
    },
    {
      // Without s3:ListBucket, S3 answers 403 instead of 404 for a missing key, and the API's
      // gallery lists objects.
      sid: "ListOwnBucket",
      effect: "Allow",
      actions: ["s3:ListBucket"],
      resources: [scope.bucketArn],
      conditions:
        scope.listPrefix === undefined
          ? undefined
          : [{ test: "StringLike", variable: "s3:prefix", values: [`${scope.listPrefix}*`] }],
    },
    {
      sid: "UseKeyThroughS3",
      effect: "Allow",
      actions: ["kms:GenerateDataKey", "kms:Decrypt"],
      resources: [scope.keyArn],
      conditions: [
        { test: "StringEquals", variable: "kms:ViaService", values: [scope.s3ViaService] },
        {
          test: "StringLike",
          variable: "kms:EncryptionContext:aws:s3:arn",
          values: [scope.bucketArn, pulumi.interpolate`${scope.bucketArn}/*`],
        },
      ],
    },
  ];
}

/**
 * The upload key's grants. S3 docs ("Using server-side encryption with AWS KMS keys"): uploading
 * needs kms:GenerateDataKey and downloading kms:Decrypt (multipart uploads both); S3 needs neither
 * Encrypt nor ReEncrypt. S3 docs ("Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys"): with
 * a bucket key the encryption context is the bucket ARN (the object ARN without one), so each role
 * may use the key only for its own bucket. Readers decrypt only (KMS docs: reading an SSE-KMS
 * object needs kms:Decrypt alone).
 */
export function storageKeyGrants(on: {
  readonly roleArns: Record<Producer, pulumi.Input<string>>;
  readonly bucketArns: Record<Producer, pulumi.Input<string>>;
  readonly readerRoleArns: readonly pulumi.Input<string>[];
  readonly s3ViaService: pulumi.Input<string>;
  readonly accountId: pulumi.Input<string>;
}): KeyGrant[] {
  const through = [
    { test: "StringEquals", variable: "kms:ViaService", values: [on.s3ViaService] },
    { test: "StringEquals", variable: "kms:CallerAccount", values: [on.accountId] },
  ];
  const context = (producers: readonly Producer[]) => ({
    test: "StringLike",
    variable: "kms:EncryptionContext:aws:s3:arn",
    values: producers.flatMap((p) => [on.bucketArns[p], pulumi.interpolate`${on.bucketArns[p]}/*`]),
  });
  const grants: KeyGrant[] = PRODUCERS.map((p) => ({
    sid: `${capitalize(p)}RoleUseThroughS3`,
    principals: { type: "AWS", identifiers: [on.roleArns[p]] },
    actions: ["kms:GenerateDataKey", "kms:Decrypt"],
    conditions: [...through, context([p])],
  }));
  if (on.readerRoleArns.length > 0) {
    grants.push({
      sid: "ReadersDecryptThroughS3",
      principals: { type: "AWS", identifiers: [...on.readerRoleArns] },
      actions: ["kms:Decrypt"],
      conditions: [...through, context(PRODUCERS)],
    });
  }
  return grants;
}

/**
 * The access-log bucket's statements. S3 docs ("Permissions for log delivery"): with
 * BucketOwnerEnforced, grant logging.s3.amazonaws.com s3:PutObject in the bucket policy, narrowed
 * by aws:SourceArn (the source bucket) and aws:SourceAccount; each producer bucket logs under its
 * own prefix.
 */
export function accessLogDeliveryStatements(
  logBucketArn: pulumi.Input<string>,
  sourceBucketArns: Record<Producer, pulumi.Input<string>>,
  accountId: pulumi.Input<string>,
): PolicyStatement[] {
  return PRODUCERS.map((p): PolicyStatement => ({
    sid: `AllowAccessLogsFrom${capitalize(p)}`,
    effect: "Allow",
    principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
    actions: ["s3:PutObject"],
    resources: [pulumi.interpolate`${logBucketArn}/${p}/*`],
    conditions: [
      { test: "ArnLike", variable: "aws:SourceArn", values: [sourceBucketArns[p]] },
      { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
    ],
  }));
}
