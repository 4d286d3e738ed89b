// Storage: the producer buckets (SSE-KMS with our key, writable only by their producer) and the
// access-log bucket.
import { expect } from "chai";
import { ACCESS_LOG_WAIVERS } from "../../../components/storage";
import {
  ACCOUNT,
  T,
  Run,
  run,
  doc,
  statement,
  storageRuns,
  producers,
  arnOf,
} from "../../fixtures/storage";

/** The waivers of the advisory S3 rules a bucket of short-lived data records. */
const DISPOSABLE_DATA_WAIVERS = [
  "waiver:s3-bucket-replication-enabled",
  "waiver:s3-bucket-object-lock-enabled",
  "waiver:s3-bucket-event-notifications",
];

const waiversOf = (bucket: { inputs: any }) =>
  Object.keys(bucket.inputs.tags).filter((k) => k.startsWith("waiver:"));

describe("Storage: buckets", function () {
  let up: Run;
  let preview: Run;
  before(async () => {
    ({ up, preview } = await storageRuns());
  });

  describe("producer buckets", () => {
    it("use SSE-KMS with our key and bucket keys, and block SSE-C (preview: via the key)", () => {
      const key = preview.all(T.key)[0];
      for (const p of producers) {
        const bucket = preview.one(T.bucket, `storage-${p}`);
        const [enc] = preview.referrers(bucket, T.encryption);
        expect(enc.propertyDependencies.rules).to.include(key.urn);
        const [rule] = enc.inputs.rules;
        expect(rule.applyServerSideEncryptionByDefault.sseAlgorithm).to.equal("aws:kms");
        expect(rule.bucketKeyEnabled).to.equal(true);
        expect(rule.blockedEncryptionTypes).to.deep.equal(["SSE-C"]);
      }
    });

    it("use SSE-KMS with exactly our key ARN (up)", () => {
      const keyArn = arnOf(up.all(T.key)[0]);
      for (const p of producers) {
        const [enc] = up.referrers(up.one(T.bucket, `storage-${p}`), T.encryption);
        expect(enc.inputs.rules[0].applyServerSideEncryptionByDefault).to.deep.equal({
          sseAlgorithm: "aws:kms",
          kmsMasterKeyId: keyArn,
        });
      }
    });

    it("expire objects after 7 days and noncurrent versions after 7 days by default", () => {
      for (const p of producers) {
        const [lc] = up.referrers(up.one(T.bucket, `storage-${p}`), T.lifecycle);
        const rules = lc.inputs.rules;
        const expire = rules.find((r: any) => r.id === "expire-objects");
        expect(expire).to.deep.include({ status: "Enabled", filter: {} });
        expect(expire.expiration).to.deep.equal({ days: 7 });
        expect(expire.noncurrentVersionExpiration).to.deep.equal({ noncurrentDays: 7 });
        expect(expire.abortIncompleteMultipartUpload).to.deep.equal({ daysAfterInitiation: 1 });
        const markers = rules.find((r: any) => r.id === "remove-expired-delete-markers");
        expect(markers.expiration).to.deep.equal({ expiredObjectDeleteMarker: true });
      }
    });

    it("take custom expirations", async () => {
      const custom = await run({ objectExpirationDays: 3, noncurrentVersionExpirationDays: 14 });
      for (const p of producers) {
        const [lc] = custom.referrers(custom.one(T.bucket, `storage-${p}`), T.lifecycle);
        const expire = lc.inputs.rules.find((r: any) => r.id === "expire-objects");
        expect(expire.expiration.days).to.equal(3);
        expect(expire.noncurrentVersionExpiration.noncurrentDays).to.equal(14);
      }
    });

    it("log to the log bucket, each under its own prefix", () => {
      const logs = up.one(T.bucket, "storage-logs");
      for (const p of producers) {
        const [logging] = up.referrers(up.one(T.bucket, `storage-${p}`), T.logging);
        expect(logging.propertyDependencies.targetBucket).to.include(logs.urn);
        expect(logging.inputs.targetBucket).to.equal(logs.outputs.bucket);
        expect(logging.inputs.targetPrefix).to.equal(`${p}/`);
      }
      expect(up.referrers(logs, T.logging), "the log bucket does not log to itself").to.have.length(
        0,
      );
    });

    it("deny uploads not encrypted with our key, and object writes by anyone but the producer", () => {
      const keyArn = arnOf(up.all(T.key)[0]);
      for (const p of producers) {
        const other = producers.find((x) => x !== p)!;
        const bucket = up.one(T.bucket, `storage-${p}`);
        const policy = doc(up.referrers(bucket, T.policy)[0]);
        const text = JSON.stringify(policy);
        expect(text).to.not.contain(arnOf(up.one(T.role, `storage-${other}-role`)));
        expect(policy.Statement.every((s: any) => s.Effect === "Deny")).to.equal(true);

        const writes = statement(policy, "DenyObjectWritesByOthers");
        expect(writes.Principal).to.equal("*");
        expect(writes.Resource).to.equal(`${arnOf(bucket)}/*`);
        expect(writes.Action).to.include.members(["s3:PutObject", "s3:DeleteObject"]);
        expect(
          writes.Action.some((a: string) => /Bucket/.test(a)),
          "bucket actions stay open",
        ).to.equal(false);
        expect(writes.Condition).to.deep.equal({
          StringNotEquals: { "aws:PrincipalArn": arnOf(up.one(T.role, `storage-${p}-role`)) },
        });

        const keys = statement(policy, "DenyKeysOtherThanOurs");
        expect(keys.Condition.StringNotEquals).to.deep.equal({
          "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn,
        });
        expect(keys.Condition.Null).to.deep.equal({
          "s3:x-amz-server-side-encryption-aws-kms-key-id": "false",
        });
        expect(statement(policy, "DenyEncryptionOtherThanKms").Condition).to.deep.equal({
          Null: { "s3:x-amz-server-side-encryption": "false" },
          StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
        });
      }
    });

    it("waive only replication, Object Lock and event notifications, naming their expiry", () => {
      for (const p of producers) {
        const bucket = up.one(T.bucket, `storage-${p}`);
        expect(waiversOf(bucket)).to.have.members(DISPOSABLE_DATA_WAIVERS);
        for (const key of DISPOSABLE_DATA_WAIVERS) {
          expect(bucket.inputs.tags[key]).to.match(/expire after 7 days/);
          expect(bucket.inputs.tags[key]).to.match(/^[\p{L}\p{N}\s_.:/=+\-@]*$/u);
        }
      }
    });
  });

  describe("log bucket", () => {
    it("uses SSE-S3 (a documented exception, no waiver) and waives not logging itself and the disposable-data rules", () => {
      const logs = up.one(T.bucket, "storage-logs");
      const [enc] = up.referrers(logs, T.encryption);
      expect(enc.inputs.rules[0].applyServerSideEncryptionByDefault).to.deep.equal({
        sseAlgorithm: "AES256",
      });
      expect(Object.keys(ACCESS_LOG_WAIVERS)).to.have.members(["waiver:s3-bucket-logging-enabled"]);
      for (const key of Object.keys(ACCESS_LOG_WAIVERS)) {
        const reason = logs.inputs.tags[key];
        expect(reason, key).to.be.a("string");
        expect(reason.trim().length).to.be.at.least(10);
        expect(reason.length).to.be.at.most(256);
        expect(reason).to.match(/^[\p{L}\p{N}\s_.:/=+\-@]*$/u, "AWS tag value characters");
      }
      expect(waiversOf(logs)).to.have.members([
        "waiver:s3-bucket-logging-enabled",
        ...DISPOSABLE_DATA_WAIVERS,
      ]);
    });

    it("expires logs after 90 days by default, or as configured", async () => {
      const rulesOf = (r: Run) =>
        r.referrers(r.one(T.bucket, "storage-logs"), T.lifecycle)[0].inputs.rules;
      const days = (r: Run) => rulesOf(r).find((x: any) => x.id === "expire-objects").expiration;
      expect(days(up)).to.deep.equal({ days: 90 });
      expect(days(await run({ accessLogExpirationDays: 30 }))).to.deep.equal({ days: 30 });
    });

    it("lets only S3 log delivery for our buckets and account write, per prefix", () => {
      const logs = up.one(T.bucket, "storage-logs");
      const policy = doc(up.referrers(logs, T.policy)[0]);
      const allows = policy.Statement.filter((s: any) => s.Effect === "Allow");
      expect(allows).to.have.length(2);
      for (const p of producers) {
        const s = statement(policy, `AllowAccessLogsFrom${p[0].toUpperCase()}${p.slice(1)}`);
        expect(s.Principal).to.deep.equal({ Service: "logging.s3.amazonaws.com" });
        expect(s.Action).to.equal("s3:PutObject");
        expect(s.Resource).to.equal(`${arnOf(logs)}/${p}/*`);
        expect(s.Condition).to.deep.equal({
          ArnLike: { "aws:SourceArn": arnOf(up.one(T.bucket, `storage-${p}`)) },
          StringEquals: { "aws:SourceAccount": ACCOUNT },
        });
      }
    });
  });
});
