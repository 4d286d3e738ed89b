// A private S3 bucket with every guarantee the platform gives its buckets: all four public-access
// flags, ACLs disabled (BucketOwnerEnforced), versioning, default encryption (SSE-KMS with a
// customer-managed key, or SSE-S3 only where AWS supports nothing else, recorded as a waiver),
// a TLS-only bucket policy, lifecycle expiry and server access logging.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { denyInsecureTransport, PolicyStatement, policyDocument } from "./iam";

/** How objects are encrypted by default. */
export type BucketEncryption =
  | { readonly kind: "kms"; readonly keyArn: pulumi.Input<string> }
  | {
      readonly kind: "sse-s3";
      /**
       * Why this bucket cannot use SSE-KMS (for example: AWS docs say the service writing into it
       * supports only SSE-S3). Becomes the waiver of `s3-bucket-sse-kms-cmk`, visible in every
       * policy report.
       */
      readonly reason: string;
    };

export interface SecureBucketArgs {
  readonly encryption: BucketEncryption;
  /** Days after which current objects expire. Defaults to 90. */
  readonly expirationDays?: number;
  /** Days after which noncurrent versions expire. Defaults to 7. */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Where server access logs go (`{ bucket, prefix }`), or a reason why this bucket is not logged
   * (a log bucket does not log into itself); the reason becomes the waiver of
   * `s3-bucket-logging-enabled`.
   */
  readonly accessLogs: { readonly bucket: pulumi.Input<string>; readonly prefix: string } | { readonly notLoggedBecause: string };
  /** Statements added to the bucket policy after the TLS-only deny; use `this.arn` via a callback. */
  readonly policyStatements?: (bucketArn: pulumi.Output<string>) => PolicyStatement[];
  /** Protect and retain the bucket (prod data). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

export class SecureBucket extends pulumi.ComponentResource {
  public readonly bucket: aws.s3.Bucket;
  public readonly bucketName: pulumi.Output<string>;
  public readonly arn: pulumi.Output<string>;
  /** The bucket policy; resources that need it in place (log delivery) depend on it. */
  public readonly policy: aws.s3.BucketPolicy;

  constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:storage:SecureBucket", name, {}, opts);
    const parent = { parent: this };
    const protect = args.protect ?? false;
    const waivers: Record<string, string> = {};
    if (args.encryption.kind === "sse-s3") waivers["waiver:s3-bucket-sse-kms-cmk"] = args.encryption.reason;
    if ("notLoggedBecause" in args.accessLogs) waivers["waiver:s3-bucket-logging-enabled"] = args.accessLogs.notLoggedBecause;
    for (const [k, reason] of Object.entries(waivers)) {
      if (reason.trim().length < 10 || reason.length > 256) {
        throw new Error(`${name}: the reason for ${k} must be 10 to 256 characters (an AWS tag value)`);
      }
    }

    this.bucket = new aws.s3.Bucket(
      `${name}-bucket`,
      { forceDestroy: false, tags: { ...args.tags, Name: name, ...waivers } },
      { parent: this, protect, retainOnDelete: protect },
    );
    const id = this.bucket.id;
    new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket: id, rule: { objectOwnership: "BucketOwnerEnforced" } },
      parent,
    );
    new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket: id, versioningConfiguration: { status: "Enabled" } },
      parent,
    );
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      { bucket: id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      parent,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: id,
        rules: [
          args.encryption.kind === "kms"
            ? {
                applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.encryption.keyArn },
                bucketKeyEnabled: true,
                blockedEncryptionTypes: ["SSE-C"],
              }
            : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, blockedEncryptionTypes: ["SSE-C"] },
        ],
      },
      parent,
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket: id,
        rules: [
          {
            id: "expire-objects",
            status: "Enabled",
            filter: {},
            expiration: { days: args.expirationDays ?? 90 },
            noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionExpirationDays ?? 7 },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
          },
          // S3 API ("LifecycleExpiration"): ExpiredObjectDeleteMarker cannot share a rule with Days.
          { id: "remove-expired-delete-markers", status: "Enabled", filter: {}, expiration: { expiredObjectDeleteMarker: true } },
        ],
      },
      parent,
    );
    if (!("notLoggedBecause" in args.accessLogs)) {
      new aws.s3.BucketLogging(
        `${name}-logging`,
        {
          bucket: id,
          targetBucket: args.accessLogs.bucket,
          targetPrefix: args.accessLogs.prefix,
          targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
        },
        parent,
      );
    }
    this.policy = new aws.s3.BucketPolicy(
      `${name}-policy`,
      {
        bucket: id,
        policy: policyDocument(
          [denyInsecureTransport(this.bucket.arn), ...(args.policyStatements?.(this.bucket.arn) ?? [])],
          parent,
        ),
      },
      // S3 rejects a bucket policy while the public-access block is still being created.
      { parent: this, dependsOn: [publicAccess] },
    );
    this.bucketName = this.bucket.bucket;
    this.arn = this.bucket.arn;
    this.registerOutputs({ bucketName: this.bucketName, arn: this.arn });
  }
}
