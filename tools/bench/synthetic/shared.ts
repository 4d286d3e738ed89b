// What the synthetic stack holds once: the log bucket, the network key and the shared resources.
import type { RecordedResource } from "../../lib/recorder";
import { ACCOUNT, REGION, resource, doc, keyAdmin, tags } from "./base";
import * as bucketSide from "./bucket";

/** The log bucket (SSE-S3 and no logging of its own, both waived as AWS requires) and a key. */
export function shared(): RecordedResource[] {
  const name = "bench-logs";
  const arn = `arn:aws:s3:::${name}`;
  const logBucket = resource(
    "aws:s3/bucket:Bucket",
    "logs",
    {
      bucket: name,
      tags: tags(name, {
        "waiver:s3-bucket-logging-enabled":
          "Access-log target bucket: S3 advises against logging it.",
        "waiver:s3-bucket-sse-kms-cmk":
          "S3 server access logs support only SSE-S3 on the target bucket.",
      }),
    },
    { outputs: { arn, id: name } },
  );
  const on = { refs: { bucket: [logBucket] } };
  const networkKey = resource(
    "aws:kms/key:Key",
    "network-key",
    {
      description: "Flow logs key",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: doc(keyAdmin(), {
        Sid: "Logs",
        Effect: "Allow",
        Principal: { Service: `logs.${REGION}.amazonaws.com` },
        Action: [
          "kms:Encrypt*",
          "kms:Decrypt*",
          "kms:GenerateDataKey*",
          "kms:ReEncrypt*",
          "kms:Describe*",
        ],
        Resource: "*",
        Condition: {
          ArnLike: {
            "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:*`,
          },
        },
      }),
      tags: tags("network-key"),
    },
    { outputs: { arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/network`, keyId: "network" } },
  );
  return [
    logBucket,
    networkKey,
    bucketSide.publicAccessBlock("logs", name, on),
    bucketSide.ownershipControls("logs", name, on),
    resource(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "logs-sse",
      { bucket: name, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
      on,
    ),
    bucketSide.versioning("logs", name, on),
    bucketSide.lifecycle("logs", name, 90, on),
    resource(
      "aws:s3/bucketPolicy:BucketPolicy",
      "logs-policy",
      {
        bucket: name,
        policy: doc(bucketSide.denyInsecureTransport(arn), {
          Sid: "S3ServerAccessLogs",
          Effect: "Allow",
          Principal: { Service: "logging.s3.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `${arn}/*`,
          Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
        }),
      },
      { refs: { bucket: [logBucket], policy: [logBucket] } },
    ),
  ];
}
