// Limits AWS enforces when the provider creates storage, cache and edge resources at `pulumi up`,
// which the provider's schema passes on (`by: "aws"`): an EFS file system in provisioned
// throughput mode without its throughput, an S3 lifecycle rule moving objects to an infrequent
// access class before they are 30 days old, an ElastiCache AUTH token without encryption in
// transit, a CloudFront distribution naming an ACM certificate of another region than us-east-1,
// and an ACM certificate's domain name longer than a certificate's common name may be. Each rule
// cites the AWS API reference page that states the limit.
import type { CrossProblem, CrossRule, InputRule } from "./rule";
import { awsRule } from "./rule";
import type { Validator } from "./validators";
import { boolInput, shownFalse } from "./bool-input";

const FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const LIFECYCLE_V2 = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const CERTIFICATE = "aws:acm/certificate:Certificate";

/**
 * CreateFileSystem, `ProvisionedThroughputInMibps`: "Required if ThroughputMode is set to
 * provisioned"; `ThroughputMode`: "If you set ThroughputMode to provisioned, you must also set a
 * value for ProvisionedThroughputInMibps."
 */
const CREATE_FILE_SYSTEM = "https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html";

/**
 * Transition, `Days`: "If the specified storage class is STANDARD_IA or ONEZONE_IA, valid values
 * are positive integers greater than 30." S3's own error and user guide ("you must store them for
 * a minimum of 30 days") take 30 itself: only fewer than 30 days is refused here.
 */
const TRANSITION = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_Transition.html";
const INFREQUENT = ["STANDARD_IA", "ONEZONE_IA"];

/**
 * CreateReplicationGroup, `AuthToken`: "AuthToken can be specified only on replication groups
 * where TransitEncryptionEnabled is true." A group joining a global datastore takes its settings
 * from the datastore: not judged.
 */
const CREATE_GROUP =
  "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html";

/**
 * ViewerCertificate, `ACMCertificateArn`: "CloudFront only supports ACM certificates in the US
 * East (N. Virginia) Region (us-east-1)."
 */
const VIEWER_CERTIFICATE =
  "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html";

/**
 * RequestCertificate, `DomainName`: "In compliance with RFC 5280, the length of the domain name
 * (technically, the Common Name) that you provide cannot exceed 64 octets (characters), including
 * periods. To add a longer domain name, specify it in the Subject Alternative Name field, which
 * supports names up to 253 octets in length." (The 253 of an alternative name is the provider's
 * own check, at preview.)
 */
const REQUEST_CERTIFICATE =
  "https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html";

const commonName: Validator = (v, k) => {
  if (typeof v !== "string") return [];
  const n = Buffer.byteLength(v, "utf8");
  return n > 64 ? [`${k} is ${n} octets, over the 64 of a certificate's common name`] : [];
};

const provisionedThroughput: CrossRule = {
  type: FILE_SYSTEM,
  what: "provisionedThroughputInMibps with throughputMode provisioned",
  reads: ["throughputMode", "provisionedThroughputInMibps"],
  check: (inputs) =>
    inputs.throughputMode === "provisioned" &&
    (inputs.provisionedThroughputInMibps === undefined ||
      inputs.provisionedThroughputInMibps === null)
      ? [
          {
            prop: "throughputMode",
            value: "provisioned",
            says: "throughputMode provisioned needs provisionedThroughputInMibps",
          },
        ]
      : [],
  fix:
    "give provisionedThroughputInMibps (MiB/s) with throughputMode provisioned, or use " +
    "throughputMode elastic or bursting",
  source: CREATE_FILE_SYSTEM,
  by: "aws",
};

/** Every transition of every rule that moves objects to an IA class before day 30. */
function lifecycleTransitions(type: string): CrossRule {
  return {
    type,
    what: "a transition to STANDARD_IA or ONEZONE_IA at 30 days or later",
    reads: ["rules"],
    check: (inputs) => {
      const out: CrossProblem[] = [];
      const rules: unknown[] = Array.isArray(inputs.rules) ? inputs.rules : [];
      rules.forEach((rule, i) => {
        const { id, transitions } = (rule ?? {}) as { id?: unknown; transitions?: unknown };
        // The rule's id, when it has one, names it in the message as the S3 console does.
        const named = typeof id === "string" && id !== "" ? `rule ${JSON.stringify(id)}: ` : "";
        (Array.isArray(transitions) ? transitions : []).forEach((t: unknown, j) => {
          const { days, storageClass } = (t ?? {}) as { days?: unknown; storageClass?: unknown };
          if (typeof days !== "number" || typeof storageClass !== "string") return;
          if (INFREQUENT.includes(storageClass) && days < 30)
            out.push({
              prop: `rules[${i}].transitions[${j}].days`,
              value: days,
              says: `${named}a transition to ${storageClass} after ${days} days: S3 moves objects to ${storageClass} at 30 days or later`,
            });
        });
      });
      return out;
    },
    fix:
      "days of at least 30 for a transition to STANDARD_IA or ONEZONE_IA (or INTELLIGENT_TIERING " +
      "or GLACIER_IR, which take any day)",
    source: TRANSITION,
    by: "aws",
  };
}

const authTokenNeedsTransit: CrossRule = {
  type: GROUP,
  what: "an AUTH token only with transitEncryptionEnabled",
  reads: ["authToken", "transitEncryptionEnabled", "globalReplicationGroupId"],
  check: (inputs) => {
    if (typeof inputs.authToken !== "string" || inputs.authToken === "") return [];
    if (inputs.globalReplicationGroupId) return [];
    const transit = boolInput(inputs.transitEncryptionEnabled);
    if (transit === true) return [];
    // A string that is no boolean is the provider's own refusal, not this one.
    if (transit === undefined && inputs.transitEncryptionEnabled != null) return [];
    return [
      {
        prop: "transitEncryptionEnabled",
        value: inputs.transitEncryptionEnabled,
        says: `authToken is set but transitEncryptionEnabled is ${shownFalse(inputs.transitEncryptionEnabled)}: ElastiCache takes an AUTH token only with encryption in transit`,
      },
    ];
  },
  fix: "transitEncryptionEnabled: true beside authToken (or drop authToken)",
  source: CREATE_GROUP,
  by: "aws",
};

/** `arn:aws:acm:<region>:…`: the region of an ACM certificate ARN of the commercial partition. */
const ACM_ARN = /^arn:aws:acm:([a-z0-9-]+):\d{12}:certificate\//;

const certificateInUsEast1: CrossRule = {
  type: DISTRIBUTION,
  what: "an ACM certificate from us-east-1",
  reads: ["viewerCertificate"],
  check: (inputs) => {
    const arn = inputs.viewerCertificate?.acmCertificateArn;
    const region = typeof arn === "string" ? ACM_ARN.exec(arn)?.[1] : undefined;
    return region !== undefined && region !== "us-east-1"
      ? [
          {
            prop: "viewerCertificate.acmCertificateArn",
            value: arn,
            says: `the ACM certificate is in ${region}: CloudFront takes ACM certificates from us-east-1 only`,
          },
        ]
      : [];
  },
  fix:
    "request or import the certificate in us-east-1 (a provider with region us-east-1, or the " +
    "certificate's `region: \"us-east-1\"` input) and give that certificate's arn",
  source: VIEWER_CERTIFICATE,
  by: "aws",
};

export const CREATE_STORAGE_CROSS_RULES: readonly CrossRule[] = [
  provisionedThroughput,
  lifecycleTransitions(LIFECYCLE),
  lifecycleTransitions(LIFECYCLE_V2),
  authTokenNeedsTransit,
  certificateInUsEast1,
];

export const CREATE_STORAGE_RULES: readonly InputRule[] = [
  awsRule(
    CERTIFICATE,
    "domainName",
    "domainName",
    commonName,
    "a domain name of at most 64 characters; put a longer name in subjectAlternativeNames " +
      "(up to 253) beside a shorter domainName (e.g. the apex or a wildcard)",
    REQUEST_CERTIFICATE,
  ),
];
