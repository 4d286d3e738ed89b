// A private S3 bucket with every guarantee the platform gives its buckets: all four public-access
// flags, ACLs disabled (BucketOwnerEnforced), versioning, default encryption (SSE-KMS with a
// customer-managed key, or SSE-S3 only where AWS supports nothing else: a log bucket of a service
// that accepts only SSE-S3, which the policy pack accepts and notes as a documented exception),
// a TLS-only bucket policy, lifecycle expiry and server access logging.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { denyInsecureTransport, PolicyStatement, policyDocument } from "./iam";
import { invalidArguments } from "./context";
import { TAG_VALUE_MAX_LENGTH, tagValueProblem } from "./naming";

/** How objects are encrypted by default. */
export type BucketEncryption =
  | { readonly kind: "kms"; readonly keyArn: pulumi.Input<string> }
  | {
      readonly kind: "sse-s3";
      /**
       * Why this bucket cannot use SSE-KMS: the AWS document saying the service that writes into
       * it (S3 server access logs, ALB access logs) supports only SSE-S3. The policy pack accepts
       * exactly that case without a waiver and lists it as a documented exception; SSE-S3 anywhere
       * else is a finding.
       */
      readonly reason: string;
    };

/** The settings every bucket of the platform gets, applied to a bucket created elsewhere. */
export interface BucketGuarantees {
  readonly encryption: BucketEncryption;
  /** Days after which current objects expire. */
  readonly expirationDays: number;
  /** Days after which noncurrent versions expire. */
  readonly noncurrentVersionExpirationDays: number;
  /** Server access logging target; omit for a log bucket (then waive `s3-bucket-logging-enabled`). */
  readonly accessLogs?: {
    readonly bucket: pulumi.Input<string>;
    readonly prefix: string;
    /**
     * Resources the log delivery needs first: the target's bucket policy, which S3 checks when the
     * logging configuration is put (PutBucketLogging refuses a target whose policy does not yet
     * let logging.s3.amazonaws.com write: "InvalidTargetBucketForLogging … provide the necessary
     * permissions to the logging service using a bucket policy").
     */
    readonly dependsOn?: pulumi.Resource[];
  };
  /** Bucket policy statements after the TLS-only deny (which is always first). */
  readonly policyStatements: PolicyStatement[];
}

/**
 * Ownership enforced, versioning, all four public-access flags, default encryption, lifecycle,
 * access logging and a TLS-only bucket policy for `bucket`; children are named `${name}-<role>`.
 * Returns the bucket policy (log delivery into this bucket depends on it).
 */
export function applyBucketGuarantees(
  parent: pulumi.Resource,
  name: string,
  bucket: aws.s3.Bucket,
  g: BucketGuarantees,
): aws.s3.BucketPolicy {
  const opts = { parent };
  const id = bucket.id;
  new aws.s3.BucketOwnershipControls(
    `${name}-ownership`,
    { bucket: id, rule: { objectOwnership: "BucketOwnerEnforced" } },
    opts,
  );
  new aws.s3.BucketVersioning(
    `${name}-versioning`,
    { bucket: id, versioningConfiguration: { status: "Enabled" } },
    opts,
  );
  const publicAccess = new aws.s3.BucketPublicAccessBlock(
    `${name}-public-access`,
    {
      bucket: id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    opts,
  );
  // S3 API reference ("BlockedEncryptionTypes"): blocks writes with SSE-C, which would bypass the
  // bucket's key.
  new aws.s3.BucketServerSideEncryptionConfiguration(
    `${name}-encryption`,
    {
      bucket: id,
      rules: [
        g.encryption.kind === "kms"
          ? {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: g.encryption.keyArn,
              },
              bucketKeyEnabled: true,
              blockedEncryptionTypes: ["SSE-C"],
            }
          : {
              applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" },
              blockedEncryptionTypes: ["SSE-C"],
            },
      ],
    },
    opts,
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
          expiration: { days: g.expirationDays },
          noncurrentVersionExpiration: { noncurrentDays: g.noncurrentVersionExpirationDays },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
        },
        // S3 API ("LifecycleExpiration"): ExpiredObjectDeleteMarker cannot share a rule with Days.
        {
          id: "remove-expired-delete-markers",
          status: "Enabled",
          filter: {},
          expiration: { expiredObjectDeleteMarker: true },
        },
      ],
    },
    opts,
  );
  if (g.accessLogs) {
    new aws.s3.BucketLogging(
      `${name}-logging`,
      {
        bucket: id,
        targetBucket: g.accessLogs.bucket,
        targetPrefix: g.accessLogs.prefix,
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
      },
      { parent, dependsOn: g.accessLogs.dependsOn },
    );
  }
  return new aws.s3.BucketPolicy(
    `${name}-policy`,
    {
      bucket: id,
      policy: policyDocument([denyInsecureTransport(bucket.arn), ...g.policyStatements], opts),
    },
    // S3 rejects a bucket policy while the public-access block is still being created.
    { parent, dependsOn: [publicAccess] },
  );
}

/** The advisory S3 rules a bucket of disposable data waives: replica, Object Lock, event feed. */
const DISPOSABLE_DATA_POLICIES = [
  "s3-bucket-replication-enabled",
  "s3-bucket-object-lock-enabled",
  "s3-bucket-event-notifications",
];

/**
 * Waiver tags for a bucket whose data is short-lived or rebuilt from elsewhere, so it needs no
 * replica in another Region, no Object Lock and no event notifications; `reason` says why. (Object
 * Lock cannot be turned on for a created bucket through `objectLockEnabled`, which replaces the
 * bucket, and a lock would hold objects past the lifecycle expiry that bounds their cost.)
 */
export function disposableDataWaivers(reason: string): Record<string, string> {
  return checkedWaivers(disposableTagsOf(reason));
}

/** The waiver tags of {@link disposableDataWaivers}, unchecked. */
function disposableTagsOf(reason: string): Record<string, string> {
  return Object.fromEntries(DISPOSABLE_DATA_POLICIES.map((p) => [`waiver:${p}`, reason]));
}

/** Why the waiver reasons of `tags` cannot be tag values (10 to 255 characters AWS accepts). */
function waiverReasonProblems(tags: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [k, reason] of Object.entries(tags)) {
    if (reason.trim().length < 10 || reason.length > TAG_VALUE_MAX_LENGTH) {
      problems.push(
        `the reason for ${k} must be 10 to ${TAG_VALUE_MAX_LENGTH} characters (an AWS tag value)`,
      );
      continue;
    }
    const problem = tagValueProblem(reason);
    if (problem) problems.push(`the reason for ${k} ${problem}`);
  }
  return problems;
}

/** `tags` after checking each reason is a valid tag value of 10 characters or more. */
function checkedWaivers(tags: Record<string, string>): Record<string, string> {
  const problems = waiverReasonProblems(tags);
  if (problems.length > 0) throw new Error(problems.join("; "));
  return tags;
}

/** The waiver tag of a bucket that is not logged, unchecked. */
function loggingWaiverTagsOf(notLoggedBecause?: string): Record<string, string> {
  return notLoggedBecause === undefined
    ? {}
    : { "waiver:s3-bucket-logging-enabled": notLoggedBecause };
}

/** An SSE-S3 bucket's reason must name the AWS document that requires SSE-S3. */
const SSE_S3_REASON_PROBLEM = "the reason for SSE-S3 must name the AWS document that requires it";

const sseS3ReasonMissing = (encryption: BucketEncryption): boolean =>
  encryption.kind === "sse-s3" && encryption.reason.trim().length < 10;

/** Waiver tags (policy → reason) a bucket needs for its documented exceptions. */
export function bucketWaiverTags(
  encryption: BucketEncryption,
  notLoggedBecause?: string,
): Record<string, string> {
  // SSE-S3 on a log target is accepted by the policy pack as a documented exception: no waiver.
  if (sseS3ReasonMissing(encryption)) throw new Error(SSE_S3_REASON_PROBLEM);
  return checkedWaivers(loggingWaiverTagsOf(notLoggedBecause));
}

export interface SecureBucketArgs {
  readonly encryption: BucketEncryption;
  /** Days after which current objects expire. Defaults to 90. */
  readonly expirationDays?: number;
  /** Days after which noncurrent versions expire. Defaults to 7. */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Where server access logs go (`{ bucket, prefix, dependsOn }`, as `BucketGuarantees`
   * `accessLogs`: `dependsOn` names the target's bucket policy, a SecureBucket's `policy`), or a
   * reason why this bucket is not logged (a log bucket does not log into itself); the reason
   * becomes the waiver of `s3-bucket-logging-enabled`.
   */
  readonly accessLogs:
    NonNullable<BucketGuarantees["accessLogs"]> | { readonly notLoggedBecause: string };
  /** Statements added to the bucket policy after the TLS-only deny. */
  readonly policyStatements?: (bucketArn: pulumi.Output<string>) => PolicyStatement[];
  /**
   * Why the bucket's data needs no replica in another Region, no Object Lock and no event
   * notifications (it expires soon, or is rebuilt from elsewhere); becomes the waiver of the three
   * advisory S3 rules that ask for them (`disposableDataWaivers`). Omit for data that must survive:
   * the policy pack then reports what is missing.
   */
  readonly disposableBecause?: string;
  /** Protect and retain the bucket (prod data). Defaults to false. */
  readonly protect?: boolean;
  readonly tags: Record<string, string>;
}

/**
 * Checks the reasons the bucket records (SSE-S3, not logged, disposable data) before anything
 * registers; returns the waiver tags they make.
 */
function validateArgs(name: string, args: SecureBucketArgs): Record<string, string> {
  const notLogged =
    "notLoggedBecause" in args.accessLogs ? args.accessLogs.notLoggedBecause : undefined;
  const waivers = {
    ...loggingWaiverTagsOf(notLogged),
    ...(args.disposableBecause === undefined ? {} : disposableTagsOf(args.disposableBecause)),
  };
  const problems = [
    ...(sseS3ReasonMissing(args.encryption) ? [SSE_S3_REASON_PROBLEM] : []),
    ...waiverReasonProblems(waivers),
  ];
  invalidArguments("SecureBucket", name, problems);
  return waivers;
}

/** A private bucket with every guarantee above, as one component. */
export class SecureBucket extends pulumi.ComponentResource {
  /** The bucket itself (named like the component), for callers that need its other outputs. */
  public readonly bucket: aws.s3.Bucket;
  /** The bucket's name (auto-named from the component's name). */
  public readonly bucketName: pulumi.Output<string>;
  /** ARN of the bucket. */
  public readonly arn: pulumi.Output<string>;
  /** The bucket policy; resources that need it in place (log delivery) depend on it. */
  public readonly policy: aws.s3.BucketPolicy;

  constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    const waivers = validateArgs(name, args);
    super("platform:storage:SecureBucket", name, {}, opts);
    const protect = args.protect ?? false;
    // The bucket is the component's main resource and carries its name.
    this.bucket = new aws.s3.Bucket(
      name,
      {
        // A bucket of unprotected (disposable) data empties on `pulumi destroy`; protected never.
        forceDestroy: !protect,
        tags: { ...args.tags, Name: name, ...waivers },
      },
      { parent: this, protect, retainOnDelete: protect },
    );
    this.policy = applyBucketGuarantees(this, name, this.bucket, {
      encryption: args.encryption,
      expirationDays: args.expirationDays ?? 90,
      noncurrentVersionExpirationDays: args.noncurrentVersionExpirationDays ?? 7,
      accessLogs: "bucket" in args.accessLogs ? args.accessLogs : undefined,
      policyStatements: args.policyStatements?.(this.bucket.arn) ?? [],
    });
    this.bucketName = this.bucket.bucket;
    this.arn = this.bucket.arn;
    this.registerOutputs({ bucketName: this.bucketName, arn: this.arn });
  }
}
