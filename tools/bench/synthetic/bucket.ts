// The side resources a bucket of the synthetic stack has, as the platform registers them beside
// it: each named `<prefix>-<role>` and tied to the bucket by `opts`.
import type { RecordedResource } from "../../lib/recorder";
import { Options, resource } from "./base";

/** All four public-access flags on. */
export function publicAccessBlock(prefix: string, bucket: string, opts: Options): RecordedResource {
  return resource(
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    `${prefix}-pab`,
    {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    opts,
  );
}

/** ACLs disabled: the bucket owner owns every object. */
export function ownershipControls(prefix: string, bucket: string, opts: Options): RecordedResource {
  return resource(
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    `${prefix}-ownership`,
    { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } },
    opts,
  );
}

export function versioning(prefix: string, bucket: string, opts: Options): RecordedResource {
  return resource(
    "aws:s3/bucketVersioning:BucketVersioning",
    `${prefix}-versioning`,
    { bucket, versioningConfiguration: { status: "Enabled" } },
    opts,
  );
}

/**
 * Objects expire after `days`, old versions after 7 days, incomplete multipart uploads after 1.
 */
export function lifecycle(
  prefix: string,
  bucket: string,
  days: number,
  opts: Options,
): RecordedResource {
  return resource(
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    `${prefix}-lifecycle`,
    {
      bucket,
      rules: [
        {
          id: "expire",
          status: "Enabled",
          filter: {},
          expiration: { days },
          noncurrentVersionExpiration: { noncurrentDays: 7 },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
        },
      ],
    },
    opts,
  );
}

/** The bucket policy statement that refuses every request not made over TLS. */
export function denyInsecureTransport(arn: string): object {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [arn, `${arn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}
