// The S3, KMS and CloudWatch Logs policies over a small program recorded under the mock runtime,
// written the way the components write it.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/s3";
import { evaluate } from "../fixture";
import { ALL_FLAGS, doc } from "../fixtures/s3";

/** The advisory S3 rules (aws.s3.Bucket only) that a bucket of short-lived data waives. */
const DISPOSABLE_DATA_POLICIES = [
  "s3-bucket-event-notifications",
  "s3-bucket-object-lock-enabled",
  "s3-bucket-replication-enabled",
];

describe("s3, kms and logs policies on a program recorded under the mock runtime", () => {
  // A small program written the way our components write it: side resources take `bucket.id`,
  // encryption takes `key.arn`, so at preview the values are unknown and only the property
  // dependencies the SDK registers link them. Proves the correlation holds for the real SDK.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const program = () => {
    const aws = require("@pulumi/aws") as typeof import("@pulumi/aws");
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const key = new aws.kms.Key("key", {
      description: "Encrypts the data bucket",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: doc({
        Sid: "Root",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::123456789012:root" },
        Action: "kms:*",
        Resource: "*",
      }),
    });
    // Short-lived data needs no replica, lock or event feed: the components waive those rules.
    const disposable = Object.fromEntries(
      DISPOSABLE_DATA_POLICIES.map((p) => [`waiver:${p}`, "uploads expire after 7 days"]),
    );
    const logs = new aws.s3.Bucket("logs", {
      tags: {
        "waiver:s3-bucket-logging-enabled": "log target: logging it would loop",
        ...disposable,
      },
    });
    const data = new aws.s3.Bucket("data", { tags: disposable });
    const buckets = [data, new aws.s3.BucketV2("legacy", {}), logs];
    for (const b of buckets) {
      const name = b === logs ? "logs" : b === buckets[0] ? "data" : "legacy";
      new aws.s3.BucketPublicAccessBlock(`${name}-pab`, { bucket: b.id, ...ALL_FLAGS });
      new aws.s3.BucketOwnershipControls(`${name}-own`, {
        bucket: b.id,
        rule: { objectOwnership: "BucketOwnerEnforced" },
      });
      new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-sse`, {
        bucket: b.id,
        rules: [
          b === logs
            ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
            : {
                applyServerSideEncryptionByDefault: {
                  sseAlgorithm: "aws:kms",
                  kmsMasterKeyId: key.arn,
                },
                bucketKeyEnabled: true,
              },
        ],
      });
      new aws.s3.BucketVersioning(`${name}-ver`, {
        bucket: b.id,
        versioningConfiguration: { status: "Enabled" },
      });
      new aws.s3.BucketLifecycleConfiguration(`${name}-lc`, {
        bucket: b.id,
        rules: [
          {
            id: "expire",
            status: "Enabled",
            expiration: { days: 7 },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
          },
        ],
      });
      const policyDoc = aws.iam.getPolicyDocumentOutput({
        statements: [
          {
            sid: "DenyInsecureTransport",
            effect: "Deny",
            principals: [{ type: "*", identifiers: ["*"] }],
            actions: ["s3:*"],
            resources: [b.arn, pulumi.interpolate`${b.arn}/*`],
            conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
          },
        ],
      });
      new aws.s3.BucketPolicy(`${name}-policy`, { bucket: b.id, policy: policyDoc.json });
      if (b !== logs) {
        new aws.s3.BucketLogging(`${name}-logging`, {
          bucket: b.id,
          targetBucket: logs.id,
          targetPrefix: `${name}/`,
        });
      }
    }
    new aws.s3.AccountPublicAccessBlock("account", ALL_FLAGS);
    new aws.cloudwatch.LogGroup("app", { kmsKeyId: key.arn, retentionInDays: 30 });
  };
  /* eslint-enable @typescript-eslint/no-require-imports */

  const pack = async () => {
    const kms = (await import("../../../policy-pack/policies/kms")).policies;
    const logsPolicies = (await import("../../../policy-pack/policies/logs")).policies;
    return [...policies, ...kms, ...logsPolicies];
  };

  for (const preview of [true, false]) {
    it(`has no violation at ${preview ? "preview" : "up"}; the log bucket's exceptions are waived or noted`, async () => {
      const { record } = await import("../../../tools/lib/recorder");
      const recording = await record({ project: "platform", stack: "test", preview }, program);
      const sse = recording.resources.find((r) => r.name === "data-sse")!;
      expect(
        sse.propertyDependencies.bucket,
        "bucket.id registers a property dependency",
      ).to.have.length(1);
      const report = await evaluate(await pack(), recording.resources);
      const real = report.violations.filter((v) => !v.previewNote);
      // SSE-S3 on the server-access-log target is a documented exception: a note, not a finding.
      expect(real.map((v) => `${v.policy} ${v.name}`)).to.deep.equal([
        "s3-bucket-documented-exceptions logs",
      ]);
      expect(real[0].enforcementLevel).to.equal("advisory");
      const notes = report.violations.filter((v) => v.previewNote).map((v) => v.policy);
      // At preview the bucket policies are built from unknown ARNs: the rules that read them say
      // so (a note, not a pass), and pass at up.
      const readers = [
        "s3-bucket-cross-account-restricted",
        "s3-bucket-policy-cloudfront-source",
        "s3-bucket-policy-no-lockout",
        "s3-bucket-policy-no-public-principal",
        "s3-bucket-tls-only",
      ];
      expect([...new Set(notes)].sort()).to.deep.equal(preview ? readers : []);
      expect(report.waived.map((w) => `${w.policy} ${w.name}`).sort()).to.deep.equal(
        [
          "s3-bucket-logging-enabled logs",
          ...DISPOSABLE_DATA_POLICIES.flatMap((p) => [`${p} data`, `${p} logs`]),
        ].sort(),
      );
    });
  }
});
