// CloudWatch Logs: a customer-managed KMS key on every log group, and a bounded retention.
import { expect } from "chai";
import { CLOUDWATCH_LOG_GROUP, KMS_KEY, SSM_PARAMETER } from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violations } from "../fixture";

import { KEY_ARN } from "../fixtures/kms";

describe("cloudwatch-log-group-kms-cmk", () => {
  const p = policy("cloudwatch-log-group-kms-cmk");
  const key = res(KMS_KEY, "logs-key", { enableKeyRotation: true });

  describe("Noncompliance", () => {
    it("reports a log group without a key, and one with an AWS-managed alias", async () => {
      expect(
        await violations(p, [res(CLOUDWATCH_LOG_GROUP, "g", { retentionInDays: 30 })]),
      ).to.deep.equal([
        'g: log group "g": no KMS key is set (CloudWatch Logs then uses its service-owned key), not a customer-managed key.',
      ]);
      expect(
        await violations(p, [res(CLOUDWATCH_LOG_GROUP, "g", { kmsKeyId: "alias/aws/logs" })]),
      ).to.deep.equal([
        'g: log group "g": it uses the AWS-managed key alias/aws/logs, not a customer-managed key.',
      ]);
    });
    it("gives a preview note for a key unknown at preview that is not a key of the stack", async () => {
      const param = res(SSM_PARAMETER, "p", { name: "/key" });
      const group = res(
        CLOUDWATCH_LOG_GROUP,
        "g",
        { kmsKeyId: UNKNOWN },
        { refs: { kmsKeyId: [param] } },
      );
      expect(await violations(p, [param, group])).to.deep.equal([]);
      expect(await previewNotes(p, [param, group])).to.have.length(1);
      // kmsKeyId is not provider-computed: an unknown without any dependency is still unknown.
      expect(
        await previewNotes(p, [res(CLOUDWATCH_LOG_GROUP, "h", { kmsKeyId: UNKNOWN })]),
      ).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("passes a key of the stack (ARN unknown at preview) and a literal key ARN", async () => {
      const group = res(
        CLOUDWATCH_LOG_GROUP,
        "flow-logs",
        { kmsKeyId: UNKNOWN, retentionInDays: 30 },
        { refs: { kmsKeyId: [key] } },
      );
      expect(await violations(p, [key, group])).to.deep.equal([]);
      expect(await previewNotes(p, [key, group])).to.deep.equal([]);
      expect(
        await violations(p, [res(CLOUDWATCH_LOG_GROUP, "g", { kmsKeyId: KEY_ARN })]),
      ).to.deep.equal([]);
    });
  });
});

describe("cloudwatch-log-group-retention", () => {
  const p = policy("cloudwatch-log-group-retention");

  describe("Noncompliance", () => {
    it("reports an unset or zero (never-expiring) retention", async () => {
      const msg =
        "g: retentionInDays is not set: the logs never expire and their storage grows without bound.";
      expect(await violations(p, [res(CLOUDWATCH_LOG_GROUP, "g", {})])).to.deep.equal([msg]);
      expect(
        await violations(p, [res(CLOUDWATCH_LOG_GROUP, "g", { retentionInDays: 0 })]),
      ).to.deep.equal([msg]);
    });
    it("reports a retention below the minimum", async () => {
      expect(
        await violations(p, [res(CLOUDWATCH_LOG_GROUP, "g", { retentionInDays: 7 })]),
      ).to.deep.equal(["g: retentionInDays is 7, below the minimum of 30."]);
    });
    it("gives a preview note for an unknown retention", async () => {
      const g = res(CLOUDWATCH_LOG_GROUP, "g", { retentionInDays: UNKNOWN });
      expect(await violations(p, [g])).to.deep.equal([]);
      expect(await previewNotes(p, [g])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("passes a retention at or above the minimum", async () => {
      expect(
        await violations(p, [res(CLOUDWATCH_LOG_GROUP, "g", { retentionInDays: 30 })]),
      ).to.deep.equal([]);
      expect(
        await violations(p, [res(CLOUDWATCH_LOG_GROUP, "g", { retentionInDays: 3653 })]),
      ).to.deep.equal([]);
    });
    it("honours minRetentionDays and allowNeverExpire", async () => {
      const config = {
        "cloudwatch-log-group-retention": { minRetentionDays: 7, allowNeverExpire: true },
      };
      expect(
        await violations(p, [res(CLOUDWATCH_LOG_GROUP, "g", { retentionInDays: 7 })], config),
      ).to.deep.equal([]);
      expect(await violations(p, [res(CLOUDWATCH_LOG_GROUP, "g", {})], config)).to.deep.equal([]);
    });
  });
});
