// Advisory rules whose aws-native reading is an inline setting of the resource where the classic
// program declares a side resource: S3 Bucket Keys and explicit ownership controls of an
// aws-native bucket (bucketEncryption rules' bucketKeyEnabled, ownershipControls), and Redshift
// audit logging (a cluster's loggingProperties) and user-activity logging (its
// clusterParameterGroupName naming a ClusterParameterGroup that sets
// enable_user_activity_logging); a native bucket's lifecycle, replication, Object Lock and
// notification settings, and cross-account grants in a native BucketPolicy. A compliant resource
// passes; each case breaks one field, and a value unknown at preview is a preview note (or, where
// the rule asks only that it is stated, passes).
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";
import { Case, KEY_ARN, runCases } from "./cases";

/** bucketEncryption with one SSE rule of `sseAlgorithm` and the given bucketKeyEnabled. */
const encryption = (bucketKeyEnabled: unknown, sseAlgorithm = "aws:kms") => ({
  serverSideEncryptionConfiguration: [
    {
      serverSideEncryptionByDefault: { sseAlgorithm, kmsMasterKeyId: KEY_ARN },
      ...(bucketKeyEnabled === undefined ? {} : { bucketKeyEnabled }),
    },
  ],
});

const cases: Case[] = [
  {
    rule: "s3-bucket-key-enabled",
    type: n.NATIVE_S3_BUCKET,
    inputs: { bucketEncryption: encryption(true) },
    prop: "bucketEncryption",
    broken: [
      [
        { bucketEncryption: encryption(false) },
        "uses SSE-KMS without bucketKeyEnabled: true",
        "bucketKeyEnabled false",
      ],
      [
        { bucketEncryption: encryption(undefined) },
        "uses SSE-KMS without bucketKeyEnabled: true",
        "bucketKeyEnabled left out",
      ],
    ],
  },
  {
    rule: "s3-bucket-ownership-explicit",
    type: n.NATIVE_S3_BUCKET,
    inputs: { ownershipControls: { rules: [{ objectOwnership: "BucketOwnerEnforced" }] } },
    prop: "ownershipControls",
    unknownPasses: true,
    broken: [
      [
        { ownershipControls: undefined },
        'bucket "s" has no ownershipControls: ACLs are off only by S3\'s default',
      ],
    ],
  },
  {
    rule: "redshift-cluster-audit-logging",
    type: n.NATIVE_REDSHIFT_CLUSTER,
    inputs: {
      clusterIdentifier: "warehouse",
      loggingProperties: {
        logDestinationType: "cloudwatch",
        logExports: ["connectionlog", "userlog", "useractivitylog"],
      },
    },
    prop: "loggingProperties",
    broken: [
      [
        { loggingProperties: undefined },
        "no loggingProperties (and no aws.redshift.Logging) turn audit logging on",
      ],
      [
        { loggingProperties: { logDestinationType: "cloudwatch", logExports: [] } },
        "loggingProperties sends to CloudWatch Logs but exports no log",
        "cloudwatch without logExports",
      ],
      [
        { loggingProperties: { s3KeyPrefix: "audit/" } },
        "loggingProperties sends to S3 but names no bucketName",
        "s3 (the default) without bucketName",
      ],
    ],
  },
];

/** A lifecycle rule of the native bucket: Enabled, aborting uploads after `days` when given. */
const lifecycleRule = (status: string, days?: number) => ({
  id: "expire",
  status,
  expirationInDays: 365,
  ...(days === undefined ? {} : { abortIncompleteMultipartUpload: { daysAfterInitiation: days } }),
});

cases.push(
  {
    rule: "s3-bucket-lifecycle-configured",
    type: n.NATIVE_S3_BUCKET,
    inputs: { lifecycleConfiguration: { rules: [lifecycleRule("Enabled", 7)] } },
    prop: "lifecycleConfiguration",
    broken: [
      [{ lifecycleConfiguration: undefined }, 'bucket "s" has no enabled lifecycle rule'],
      [
        { lifecycleConfiguration: { rules: [lifecycleRule("Disabled", 7)] } },
        'bucket "s" has no enabled lifecycle rule',
        "its only rule Disabled",
      ],
      [
        { lifecycleConfiguration: { rules: [lifecycleRule("Enabled")] } },
        "has no lifecycle rule that aborts incomplete multipart uploads",
        "no abortIncompleteMultipartUpload",
      ],
    ],
  },
  {
    rule: "s3-bucket-replication-enabled",
    type: n.NATIVE_S3_BUCKET,
    inputs: {
      versioningConfiguration: { status: "Enabled" },
      replicationConfiguration: {
        role: "arn:aws:iam::123456789012:role/replication",
        rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::site-replica" } }],
      },
    },
    prop: "replicationConfiguration",
    broken: [
      [{ replicationConfiguration: undefined }, 'bucket "s" is not replicated'],
      [
        {
          replicationConfiguration: {
            role: "arn:aws:iam::123456789012:role/replication",
            rules: [{ status: "Disabled", destination: { bucket: "arn:aws:s3:::site-replica" } }],
          },
        },
        'bucket "s" is not replicated',
        "its only rule Disabled",
      ],
    ],
  },
  {
    rule: "s3-bucket-object-lock-enabled",
    type: n.NATIVE_S3_BUCKET,
    inputs: { objectLockEnabled: true },
    prop: "objectLockEnabled",
    broken: [
      [{ objectLockEnabled: false }, 'bucket "s" has no Object Lock'],
      [{ objectLockEnabled: undefined }, 'bucket "s" has no Object Lock'],
    ],
  },
  {
    rule: "s3-bucket-event-notifications",
    type: n.NATIVE_S3_BUCKET,
    inputs: {
      notificationConfiguration: { eventBridgeConfiguration: { eventBridgeEnabled: true } },
    },
    prop: "notificationConfiguration",
    broken: [
      [{ notificationConfiguration: undefined }, 'bucket "s" sends no event notifications'],
      [
        { notificationConfiguration: { eventBridgeConfiguration: { eventBridgeEnabled: false } } },
        "notificationConfiguration neither enables EventBridge nor names a destination",
        "eventBridgeEnabled false",
      ],
    ],
  },
);

runCases("aws-native inline settings (advisory)", cases);

describe("aws-native bucket settings read as their classic forms", () => {
  it("an Object Lock configuration with objectLockEnabled Enabled passes", async () => {
    const bucket = res(n.NATIVE_S3_BUCKET, "records", {
      objectLockConfiguration: { objectLockEnabled: "Enabled" },
    });
    await expectClean(policy("s3-bucket-object-lock-enabled"), [bucket]);
  });
  it("a queue configuration is a notification destination", async () => {
    const bucket = res(n.NATIVE_S3_BUCKET, "uploads", {
      notificationConfiguration: {
        queueConfigurations: [
          { event: "s3:ObjectCreated:*", queue: "arn:aws:sqs:eu-west-1:123456789012:uploads" },
        ],
      },
    });
    await expectClean(policy("s3-bucket-event-notifications"), [bucket]);
  });
});

describe("aws-native bucket policies: cross-account grants (s3-bucket-cross-account-restricted)", () => {
  const rule = "s3-bucket-cross-account-restricted";
  const bucket = res(n.NATIVE_S3_BUCKET, "shared", { bucketName: "shared" });
  const grant = (account: string) => ({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Read",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::shared/*",
      },
    ],
  });
  const policyOf = (document: unknown) =>
    res(
      n.NATIVE_S3_BUCKET_POLICY,
      "shared-policy",
      { bucket: "shared", policyDocument: document },
      { refs: { bucket: [bucket] } },
    );
  /** A role of the stack, whose ARN names the stack's own account. */
  const roleInputs = { roleName: "reader", assumeRolePolicyDocument: {} };
  const own = res(n.NATIVE_IAM_ROLE, "reader", roleInputs, {
    outputs: { ...roleInputs, arn: "arn:aws:iam::123456789012:role/reader" },
  });

  it("a grant to the stack's own account passes", async () => {
    await expectClean(policy(rule), [own, bucket, policyOf(grant("123456789012"))]);
  });
  it("a grant to another account: reported on the bucket", async () => {
    const found = await violationsOf(rule, [own, bucket, policyOf(grant("999999999999"))]);
    expect(found).to.have.length(1);
    expect(found[0]).to.match(
      /^shared: .*statement Read grants s3:GetObject to account\(s\) 999999999999/,
    );
  });
  it("the policyDocument unknown at preview: a preview note", async () => {
    const unknown = res(
      n.NATIVE_S3_BUCKET_POLICY,
      "shared-policy",
      { bucket: "shared", policyDocument: UNKNOWN },
      { refs: { bucket: [bucket], policyDocument: [own] } },
    );
    expect(await violationsOf(rule, [own, bucket, unknown])).to.deep.equal([]);
    expect(await previewNotes(policy(rule), [own, bucket, unknown])).to.have.length(1);
  });
});

describe("aws-native Bucket Keys: a DSSE-KMS rule is not asked for one", () => {
  it("aws:kms:dsse without bucketKeyEnabled passes (DSSE-KMS has no Bucket Keys)", async () => {
    const bucket = res(n.NATIVE_S3_BUCKET, "site", {
      bucketEncryption: encryption(undefined, "aws:kms:dsse"),
    });
    await expectClean(policy("s3-bucket-key-enabled"), [bucket]);
  });
});

describe("aws-native Redshift audit logging: to S3, or by a classic Logging", () => {
  const rule = "redshift-cluster-audit-logging";
  it("loggingProperties to an S3 bucket passes", async () => {
    const cluster = res(n.NATIVE_REDSHIFT_CLUSTER, "warehouse", {
      clusterIdentifier: "warehouse",
      loggingProperties: { bucketName: "audit-logs", s3KeyPrefix: "redshift/" },
    });
    await expectClean(policy(rule), [cluster]);
  });
  it("a classic aws.redshift.Logging naming the native cluster turns it on", async () => {
    const cluster = res(n.NATIVE_REDSHIFT_CLUSTER, "warehouse", { clusterIdentifier: "warehouse" });
    const logging = res(
      "aws:redshift/logging:Logging",
      "audit",
      { clusterIdentifier: "warehouse", logDestinationType: "cloudwatch", logExports: ["userlog"] },
      { refs: { clusterIdentifier: [cluster] } },
    );
    await expectClean(policy(rule), [cluster, logging]);
  });
  it("the bucket unknown at preview is named: passes", async () => {
    const cluster = res(n.NATIVE_REDSHIFT_CLUSTER, "warehouse", {
      clusterIdentifier: "warehouse",
      loggingProperties: { bucketName: UNKNOWN },
    });
    await expectClean(policy(rule), [cluster]);
  });
});

describe("aws-native Redshift user-activity logging (cluster and its parameter group)", () => {
  const rule = "redshift-cluster-user-activity-logging";
  const group = (parameters: unknown, name = "audited") =>
    res(n.NATIVE_REDSHIFT_CLUSTER_PARAMETER_GROUP, "params", {
      parameterGroupName: name,
      parameterGroupFamily: "redshift-1.0",
      description: "audited",
      parameters,
    });
  const ON = [{ parameterName: "enable_user_activity_logging", parameterValue: "true" }];
  /** A cluster naming `g` by reference (the engine's property dependency) or by its literal name. */
  const cluster = (g: ReturnType<typeof res> | undefined, over: Record<string, unknown> = {}) =>
    res(
      n.NATIVE_REDSHIFT_CLUSTER,
      "warehouse",
      { clusterIdentifier: "warehouse", clusterParameterGroupName: "audited", ...over },
      g ? { refs: { clusterParameterGroupName: [g] } } : {},
    );

  it("compliant: the group it references sets the parameter to true", async () => {
    const g = group(ON);
    await expectClean(policy(rule), [g, cluster(g)]);
  });
  it("compliant: the group found by its literal parameterGroupName", async () => {
    await expectClean(policy(rule), [group(ON), cluster(undefined)]);
  });
  it("the parameter false: reported", async () => {
    const g = group([{ parameterName: "enable_user_activity_logging", parameterValue: "false" }]);
    expect(await violationsOf(rule, [g, cluster(g)])).to.deep.equal([
      'warehouse: parameter group "params" sets enable_user_activity_logging to "false".',
    ]);
  });
  it("the parameter left out: reported (default false)", async () => {
    const g = group([{ parameterName: "require_ssl", parameterValue: "true" }]);
    expect(await violationsOf(rule, [g, cluster(g)])).to.deep.equal([
      'warehouse: parameter group "params" does not set enable_user_activity_logging (default false).',
    ]);
  });
  it("no clusterParameterGroupName: reported (the default group)", async () => {
    const found = await violationsOf(rule, [
      cluster(undefined, { clusterParameterGroupName: undefined }),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("no clusterParameterGroupName");
  });
  it("a group of another stack by name: reported as unreadable", async () => {
    const found = await violationsOf(rule, [
      cluster(undefined, { clusterParameterGroupName: "shared" }),
    ]);
    expect(found).to.deep.equal([
      'warehouse: parameter group "shared" is not in this stack: enable_user_activity_logging cannot be read.',
    ]);
  });
  it("the group's parameters unknown at preview: a preview note", async () => {
    const g = group(UNKNOWN);
    expect(await violationsOf(rule, [g, cluster(g)])).to.deep.equal([]);
    expect(await previewNotes(policy(rule), [g, cluster(g)])).to.have.length(1);
  });
});
