// S3 server access logging: every bucket logs to another bucket; the log target itself is reported
// unless a waiver says why.
import { expect } from "chai";
import {
  KMS_KEY,
  S3_BUCKET,
  S3_BUCKET_LOGGING,
  S3_BUCKET_LOGGING_V2,
  S3_BUCKET_V2,
} from "../../../policy-pack/lib/types";
import { policy, res, UNKNOWN, violations } from "../fixture";
import { compliantBucket, passesCompliantBuckets, stack, waivedOf } from "../fixtures/s3";

describe("s3-bucket-logging-enabled", () => {
  const p = policy("s3-bucket-logging-enabled");

  describe("Noncompliance", () => {
    it("reports a bucket without logging, and an inline block without a target", async () => {
      expect(await violations(p, stack({ parts: { logging: null } }))).to.deep.equal([
        'data: bucket "data" has no server access logging.',
      ]);
      const empty = res(S3_BUCKET, "b", { bucket: "b-bucket", logging: { targetBucket: "" } });
      expect(await violations(p, [empty])).to.deep.equal([
        'b: bucket "b" has no server access logging.',
      ]);
    });
    it("reports the log target bucket itself unless waived, and lists the waiver", async () => {
      const { bucket, sides, logs } = compliantBucket();
      const found = await violations(p, [bucket, ...sides, logs]);
      expect(found).to.deep.equal([
        'data-logs: bucket "data-logs" has no server access logging; it is a log target (from "data-logging"), ' +
          "which S3 advises not to log: record that with a `waiver:s3-bucket-logging-enabled` tag.",
      ]);
      const waivedLogs = res(S3_BUCKET, "data-logs", {
        bucket: "data-logs-bucket",
        tags: { "waiver:s3-bucket-logging-enabled": "log bucket: logging it would loop" },
      });
      const resources = [bucket, ...sides.filter((s) => s.type !== S3_BUCKET_LOGGING), waivedLogs];
      resources.push(
        res(
          S3_BUCKET_LOGGING,
          "data-logging",
          { bucket: UNKNOWN, targetBucket: UNKNOWN, targetPrefix: "d/" },
          {
            refs: { bucket: [bucket], targetBucket: [waivedLogs] },
          },
        ),
      );
      expect(await violations(p, resources)).to.deep.equal([]);
      expect(await waivedOf(p, resources)).to.have.length(1);
    });
    it("reports a bucket that logs to itself", async () => {
      const { bucket, sides } = compliantBucket();
      const self = res(
        S3_BUCKET_LOGGING,
        "self",
        { bucket: UNKNOWN, targetBucket: UNKNOWN, targetPrefix: "x/" },
        {
          refs: { bucket: [bucket], targetBucket: [bucket] },
        },
      );
      expect(
        await violations(p, [bucket, ...sides.filter((s) => s.type !== S3_BUCKET_LOGGING), self]),
      ).to.deep.equal([
        'data: bucket "data" delivers its access logs to itself, an endless loop of log records.',
      ]);
    });
  });

  describe("Compliance", () => {
    it("passes a bucket that logs to another bucket (side resource, literal name, inline V2)", async () => {
      const { bucket, sides, key } = compliantBucket();
      expect(await violations(p, [key, bucket, ...sides])).to.deep.equal([]);
      expect(
        await violations(
          p,
          stack({ literal: true }).filter((r) => r.type !== KMS_KEY),
        ),
      ).to.have.length(0);
      const v2 = res(S3_BUCKET_V2, "b", {
        bucket: "b-bucket",
        loggings: [{ targetBucket: "elsewhere" }],
      });
      expect(await violations(p, [v2])).to.deep.equal([]);
      const legacy = res(S3_BUCKET_LOGGING_V2, "b-logging", {
        bucket: "c-bucket",
        targetBucket: "elsewhere",
        targetPrefix: "c/",
      });
      expect(
        await violations(p, [res(S3_BUCKET, "c", { bucket: "c-bucket" }), legacy]),
      ).to.deep.equal([]);
    });
    it(
      "a compliant Bucket and a compliant BucketV2 pass",
      passesCompliantBuckets("s3-bucket-logging-enabled"),
    );
  });
});
