// The @pulumi/aws-native S3 bucket as the classic aws.s3.Bucket with its inline settings
// (sdk/nodejs/s3/bucket.ts; CloudFormation AWS::S3::Bucket,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucket.html):
// bucketName; bucketEncryption.serverSideEncryptionConfiguration[] { serverSideEncryptionByDefault
// { sseAlgorithm, kmsMasterKeyId }, bucketKeyEnabled } reads as the classic inline
// serverSideEncryptionConfiguration (0.67.0 spells the default's fields sSEAlgorithm and
// kMSMasterKeyID: s3/bucket.d.ts, BucketServerSideEncryptionByDefaultArgs); publicAccessBlockConfiguration (four flags, inline) keeps its
// name and s3-bucket-public-access-block reads it; versioningConfiguration { status: "Enabled" |
// "Suspended" } reads as the inline versioning { enabled }, and loggingConfiguration
// { destinationBucketName, logFilePrefix } as the inline logging { targetBucket, targetPrefix };
// lifecycleConfiguration { rules [{ status, abortIncompleteMultipartUpload { daysAfterInitiation } }] }
// as the inline lifecycleRules [{ enabled, abortIncompleteMultipartUploadDays }]. Inline
// replicationConfiguration, objectLockEnabled and objectLockConfiguration keep the classic inline
// arguments' names and shapes.
import * as t from "../types";
import * as n from "./types";
import { asList } from "../values";
import type { NestedTwin, Twin } from "./twins";
import { classicBlock, classicBlocks, renamedBlock } from "./classic-props";
import { spelledEither } from "./spelling";

/**
 * CloudFormation's canned ACL names (AWS::S3::Bucket AccessControl: Private, PublicRead,
 * PublicReadWrite, AuthenticatedRead, LogDeliveryWrite, BucketOwnerRead, BucketOwnerFullControl,
 * AwsExecRead) as S3's (`public-read` ...); anything else as given.
 */
function cannedAcl(v: unknown): unknown {
  if (typeof v !== "string" || !/^[A-Z][A-Za-z]+$/.test(v)) return v;
  return v.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();
}

/** versioningConfiguration { status } as the classic inline versioning { enabled }. */
function versioning(v: any): unknown {
  if (v === undefined || v === null) return v;
  return {
    get enabled() {
      return v.status === "Enabled";
    },
  };
}

/** loggingConfiguration { destinationBucketName, logFilePrefix } as the inline logging block. */
const logging = renamedBlock({
  targetBucket: "destinationBucketName",
  targetPrefix: "logFilePrefix",
});

/**
 * A lifecycle rule { status, abortIncompleteMultipartUpload { daysAfterInitiation } } as the
 * classic inline rule { enabled, abortIncompleteMultipartUploadDays }.
 */
const LIFECYCLE_RULE: NestedTwin = {
  derive: {
    enabled: { from: "status", always: true, map: (v: unknown) => v === "Enabled" },
    abortIncompleteMultipartUploadDays: {
      from: "abortIncompleteMultipartUpload",
      map: (v: any) => v?.daysAfterInitiation,
    },
  },
};

/** lifecycleConfiguration { rules } as the classic inline lifecycleRules. */
const lifecycleRules = (v: any): unknown =>
  v === undefined || v === null ? v : classicBlocks(LIFECYCLE_RULE)(v.rules);

/**
 * A rule's serverSideEncryptionByDefault as the classic applyServerSideEncryptionByDefault
 * { sseAlgorithm, kmsMasterKeyId }, in either SDK's spelling.
 */
const sseDefault = classicBlock({
  derive: {
    sseAlgorithm: spelledEither("sseAlgorithm", "sSEAlgorithm"),
    kmsMasterKeyId: spelledEither("kmsMasterKeyId", "kMSMasterKeyID"),
  },
});

export const BUCKET_TWINS: [string, Twin][] = [
  [
    n.NATIVE_S3_BUCKET,
    {
      classic: t.S3_BUCKET,
      rename: { bucket: "bucketName" },
      says: {
        serverSideEncryptionConfiguration: "bucketEncryption",
        acl: "accessControl",
        lifecycleRules: "lifecycleConfiguration.rules",
      },
      derive: {
        // accessControl: the canned ACL in CloudFormation's spelling (PublicRead ...).
        acl: { from: "accessControl", map: cannedAcl },
        versioning: { from: "versioningConfiguration", map: versioning },
        logging: { from: "loggingConfiguration", map: logging },
        lifecycleRules: { from: "lifecycleConfiguration", map: lifecycleRules },
        serverSideEncryptionConfiguration: {
          from: "bucketEncryption",
          map: (v: any) =>
            v === undefined || v === null
              ? v
              : {
                  get rules() {
                    return asList(v.serverSideEncryptionConfiguration).map((r: any) => ({
                      get applyServerSideEncryptionByDefault() {
                        return sseDefault(r?.serverSideEncryptionByDefault);
                      },
                      get bucketKeyEnabled() {
                        return r?.bucketKeyEnabled;
                      },
                    }));
                  },
                },
        },
      },
    },
  ],
];
