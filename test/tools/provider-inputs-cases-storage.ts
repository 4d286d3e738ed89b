// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: the create-time limits of rules-create-storage.ts (EFS throughput, S3
// lifecycle transitions, ElastiCache AUTH token and failover size, CloudFront certificate region,
// ACM domain name), S3 bucket versioning and a DynamoDB table's TTL.
import type { Case } from "./provider-inputs-cases";

export const LIFECYCLES = [
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
];
const FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const CERTIFICATE = "aws:acm/certificate:Certificate";
export const TABLE = "aws:dynamodb/table:Table";
export const VERSIONINGS = [
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:s3/bucketVersioningV2:BucketVersioningV2",
];

/** Each lifecycle rule's transitions, each at the first day S3 takes for its class. */
export const TRANSITIONS = [
  { days: 30, storageClass: "STANDARD_IA" },
  { days: 30, storageClass: "ONEZONE_IA" },
  { days: 0, storageClass: "GLACIER_IR" },
  { days: 0, storageClass: "INTELLIGENT_TIERING" },
];

export const VIEWER_CERTIFICATE = {
  acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
  minimumProtocolVersion: "TLSv1.2_2021",
  sslSupportMethod: "sni-only",
};

/** The inputs added to the first files' compliant resources, each at a bound AWS accepts. */
export const STORAGE_COMPLIANT: Record<string, Record<string, unknown>> = {
  [TABLE]: { ttl: { enabled: true, attributeName: "expiresAt" } },
  ...Object.fromEntries(
    VERSIONINGS.map((t) => [
      t,
      {
        bucket: "b".repeat(63),
        versioningConfiguration: { status: "Enabled", mfaDelete: "Disabled" },
      },
    ]),
  ),
  ...Object.fromEntries(
    LIFECYCLES.map((t) => [
      t,
      { bucket: "logs", rules: [{ id: "age", status: "Enabled", transitions: TRANSITIONS }] },
    ]),
  ),
};

export const STORAGE_BROKEN: Case[] = [
  ...LIFECYCLES.flatMap((t): Case[] => [
    [
      t,
      "rules",
      [{ id: "age", status: "Enabled", transitions: [{ days: 29, storageClass: "STANDARD_IA" }] }],
      "a transition to STANDARD_IA after 29 days: S3 moves objects to STANDARD_IA at 30 days or later",
    ],
    [
      t,
      "rules",
      [
        { id: "a", status: "Enabled", transitions: TRANSITIONS },
        { id: "b", status: "Enabled", transitions: [{ days: 1, storageClass: "ONEZONE_IA" }] },
      ],
      "a transition to ONEZONE_IA after 1 days",
    ],
  ]),
  [
    FILE_SYSTEM,
    "throughputMode",
    "provisioned",
    "throughputMode provisioned needs provisionedThroughputInMibps",
  ],
  [
    GROUP,
    "transitEncryptionEnabled",
    false,
    "authToken is set but transitEncryptionEnabled is false: ElastiCache takes an AUTH token only with encryption in transit",
    { transitEncryptionMode: undefined },
  ],
  [
    GROUP,
    "transitEncryptionEnabled",
    undefined,
    "transitEncryptionEnabled is left out (false)",
    { transitEncryptionMode: undefined },
  ],
  [
    GROUP,
    "numCacheClusters",
    1,
    '"num_cache_clusters": must be at least 2 if automatic_failover_enabled is true',
    { numNodeGroups: undefined, replicasPerNodeGroup: undefined, numCacheClusters: 2 },
  ],
  [
    DISTRIBUTION,
    "viewerCertificate",
    {
      ...VIEWER_CERTIFICATE,
      acmCertificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
    },
    "the ACM certificate is in eu-west-1: CloudFront takes ACM certificates from us-east-1 only",
  ],
  [
    CERTIFICATE,
    "domainName",
    `${"a".repeat(53)}.example.com`, // 65 octets
    "domainName is 65 octets, over the 64 of a certificate's common name",
  ],
  [CERTIFICATE, "domainName", `é${"a".repeat(51)}.example.com`, "is 65 octets"],
  ...VERSIONINGS.flatMap((t): Case[] => [
    [t, "bucket", "b".repeat(64), "expected length of bucket to be in the range (1 - 63)"],
    [
      t,
      "versioningConfiguration",
      { status: "enabled" },
      'expected versioning_configuration.0.status to be one of ["Enabled" "Suspended" "Disabled"], got enabled',
    ],
    [
      t,
      "versioningConfiguration",
      { status: "Enabled", mfaDelete: "true" },
      "expected versioning_configuration.0.mfa_delete to be one of",
    ],
  ]),
  [
    TABLE,
    "ttl",
    { enabled: true },
    'Attribute "ttl[0].attribute_name" must be specified when "ttl[0].enabled" is "true".',
  ],
  [
    TABLE,
    "ttl",
    { enabled: true, attributeName: "" },
    'Attribute "ttl[0].attribute_name" cannot have an empty value',
  ],
];
