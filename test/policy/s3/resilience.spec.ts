// S3 resilience and monitoring: replication (Checkov CKV_AWS_144, Security Hub S3.7), Object Lock
// (CKV_AWS_143, S3.15) and event notifications (CKV2_AWS_62, S3.11), read from the bucket's
// companion resources and the deprecated inline arguments.
import { expect } from "chai";
import type { RecordedResource } from "../../../tools/lib/recorder";
import {
  S3_BUCKET,
  S3_BUCKET_NOTIFICATION,
  S3_BUCKET_OBJECT_LOCK_CONFIGURATION,
  S3_BUCKET_OBJECT_LOCK_CONFIGURATION_V2,
  S3_BUCKET_REPLICATION_CONFIG,
  S3_BUCKET_V2,
  S3_BUCKET_VERSIONING,
} from "../../../policy-pack/lib/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violations } from "../fixture";
import { compliantBucket, waivedOf } from "../fixtures/s3";

/** A companion of `bucket`, linked the way a program links it at preview (`bucket: b.id`). */
const side = (type: string, name: string, bucket: RecordedResource, inputs: object) =>
  res(type, name, { bucket: UNKNOWN, ...inputs }, { refs: { bucket: [bucket] } });

const REPLICATION = {
  role: "arn:aws:iam::123456789012:role/replication",
  rules: [
    {
      id: "all",
      status: "Enabled",
      filter: {},
      deleteMarkerReplication: { status: "Enabled" },
      destination: { bucket: "arn:aws:s3:::data-replica", storageClass: "STANDARD" },
    },
  ],
};

describe("s3-bucket-replication-enabled", () => {
  const p = policy("s3-bucket-replication-enabled");
  const { bucket, all } = compliantBucket();

  it("passes a bucket with an Enabled BucketReplicationConfig rule (the provider's example shape)", async () => {
    await expectClean(p, [...all, side(S3_BUCKET_REPLICATION_CONFIG, "repl", bucket, REPLICATION)]);
  });

  it("passes the deprecated inline replicationConfiguration with an Enabled rule", async () => {
    await expectClean(p, [res(S3_BUCKET, "b", { replicationConfiguration: REPLICATION })]);
  });

  it("CKV_AWS_144 / S3.7: reports a bucket without replication", async () => {
    expect(await violations(p, all)).to.deep.equal(['data: bucket "data" is not replicated.']);
  });

  it("reports a replication configuration whose rules are all Disabled", async () => {
    const disabled = { ...REPLICATION, rules: [{ ...REPLICATION.rules[0], status: "Disabled" }] };
    expect(
      await violations(p, [...all, side(S3_BUCKET_REPLICATION_CONFIG, "repl", bucket, disabled)]),
    ).to.deep.equal(['data: bucket "data": replication "repl" has no Enabled rule.']);
  });

  it("records the waiver of a bucket whose data needs no copy", async () => {
    const waived = res(S3_BUCKET, "tmp", {
      tags: { "waiver:s3-bucket-replication-enabled": "Transient uploads expire after 7 days" },
    });
    expect(await violations(p, [waived])).to.deep.equal([]);
    expect(await waivedOf(p, [waived])).to.deep.equal([
      'tmp: bucket "tmp" is not replicated. [Transient uploads expire after 7 days]',
    ]);
  });

  it("judges aws.s3.Bucket only: a deprecated BucketV2 is left to the other S3 rules", async () => {
    await expectClean(p, [res(S3_BUCKET_V2, "v2", {})]);
  });

  it("gives a preview note when a companion names a bucket unknown at preview", async () => {
    const b = res(S3_BUCKET, "b", { bucket: UNKNOWN });
    const repl = res(S3_BUCKET_REPLICATION_CONFIG, "repl", { bucket: UNKNOWN, ...REPLICATION });
    expect(await previewNotes(p, [b, repl])).to.have.length(1);
  });
});

describe("s3-bucket-object-lock-enabled", () => {
  const p = policy("s3-bucket-object-lock-enabled");
  const { bucket, all } = compliantBucket();

  it("passes the provider's example: a BucketObjectLockConfiguration with a default retention", async () => {
    const lock = side(S3_BUCKET_OBJECT_LOCK_CONFIGURATION, "lock", bucket, {
      rule: { defaultRetention: { mode: "COMPLIANCE", days: 5 } },
    });
    await expectClean(p, [...all, lock]);
  });

  it("passes objectLockEnabled: true, the V2 companion, and the inline configuration", async () => {
    await expectClean(p, [res(S3_BUCKET, "b", { objectLockEnabled: true })]);
    const v2Lock = side(S3_BUCKET_OBJECT_LOCK_CONFIGURATION_V2, "lock", bucket, {
      objectLockEnabled: "Enabled",
    });
    await expectClean(p, [bucket, v2Lock]);
    await expectClean(p, [
      res(S3_BUCKET, "c", { objectLockConfiguration: { objectLockEnabled: "Enabled" } }),
    ]);
  });

  it("CKV_AWS_143 / S3.15: reports a bucket without Object Lock", async () => {
    expect(await violations(p, all)).to.deep.equal(['data: bucket "data" has no Object Lock.']);
    expect(await violations(p, [res(S3_BUCKET, "b", { objectLockEnabled: false })])).to.deep.equal([
      'b: bucket "b" has no Object Lock.',
    ]);
  });

  it("does not count versioning as a lock", async () => {
    const versioning = side(S3_BUCKET_VERSIONING, "v", bucket, {
      versioningConfiguration: { status: "Enabled" },
    });
    expect(await violations(p, [bucket, versioning])).to.have.length(1);
  });
});

describe("s3-bucket-event-notifications", () => {
  const p = policy("s3-bucket-event-notifications");
  const { bucket, all } = compliantBucket();

  it("passes eventbridge: true, and a topic (the provider's example shape)", async () => {
    await expectClean(p, [
      ...all,
      side(S3_BUCKET_NOTIFICATION, "events", bucket, { eventbridge: true }),
    ]);
    const topic = side(S3_BUCKET_NOTIFICATION, "events", bucket, {
      topics: [
        { topicArn: "arn:aws:sns:eu-west-1:123456789012:t", events: ["s3:ObjectCreated:*"] },
      ],
    });
    await expectClean(p, [...all, topic]);
  });

  it("CKV2_AWS_62 / S3.11: reports a bucket without notifications", async () => {
    expect(await violations(p, all)).to.deep.equal([
      'data: bucket "data" sends no event notifications.',
    ]);
  });

  it("reports a notification that names no destination", async () => {
    const empty = side(S3_BUCKET_NOTIFICATION, "events", bucket, { eventbridge: false });
    expect(await violations(p, [...all, empty])).to.deep.equal([
      'data: bucket "data": notification "events" names no destination.',
    ]);
  });
});
