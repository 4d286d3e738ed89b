// S3 policies: block public access (bucket and account level, ACLs, bucket policies, object
// ownership), SSE-KMS with customer-managed keys (buckets and objects), TLS-only access, logging,
// versioning, lifecycle, cross-account grants, CloudFront grants pinned to a distribution,
// bucket-policy lockout, and (advisory) replication, Object Lock and event notifications. Every
// bucket rule but those three (`aws.s3.Bucket` only) covers both `aws.s3.Bucket` and the deprecated
// `aws.s3.BucketV2`, and reads the side resources (and their V2 aliases) that configure a bucket,
// correlated through property dependencies (preview-safe) and literal bucket names (../../lib/s3/).
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  accountPublicAccessBlock,
  bucketPublicAccessBlock,
  noPublicAcl,
  ownershipEnforced,
  ownershipExplicit,
  policyNoPublicPrincipal,
  publicAccessBlockAllFlags,
} from "./public-access";
import { bucketKeyEnabled, objectKmsCmk, sseKmsCmk } from "./encryption";
import {
  cloudfrontSourcePinned,
  crossAccountRestricted,
  policyNoLockout,
  tlsOnly,
} from "./bucket-policies";
import { loggingEnabled } from "./logging";
import { lifecycleConfigured, versioningEnabled } from "./versioning";
import { documentedExceptions } from "./exceptions";
import { eventNotifications, objectLockEnabled, replicationEnabled } from "./resilience";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  bucketPublicAccessBlock,
  publicAccessBlockAllFlags,
  noPublicAcl,
  policyNoPublicPrincipal,
  ownershipEnforced,
  ownershipExplicit,
  accountPublicAccessBlock,
  sseKmsCmk,
  bucketKeyEnabled,
  objectKmsCmk,
  tlsOnly,
  crossAccountRestricted,
  cloudfrontSourcePinned,
  policyNoLockout,
  loggingEnabled,
  versioningEnabled,
  lifecycleConfigured,
  replicationEnabled,
  objectLockEnabled,
  eventNotifications,
  documentedExceptions,
];
