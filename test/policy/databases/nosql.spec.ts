// DynamoDB point-in-time recovery: Checkov CKV_AWS_28, Trivy AWS-0024 and KICS "DynamoDB Table
// Point In Time Recovery Disabled" fixtures.
import { expect } from "chai";
import { DYNAMODB_TABLE } from "../../../policy-pack/lib/types";
import { expectClean, policy, res, violationsOf as one } from "../fixture";

const table = (over: Record<string, unknown> = {}) =>
  res(DYNAMODB_TABLE, "example", {
    name: "GameScores",
    billingMode: "PAY_PER_REQUEST",
    hashKey: "UserId",
    attributes: [{ name: "UserId", type: "S" }],
    serverSideEncryption: { enabled: true, kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/1" },
    pointInTimeRecovery: { enabled: true },
    ...over,
  });

describe("dynamodb-table-point-in-time-recovery", () => {
  const name = "dynamodb-table-point-in-time-recovery";
  it("CKV_AWS_28 / Trivy AWS-0024 / KICS bad: disabled, or no pointInTimeRecovery block", async () => {
    expect(await one(name, [table({ pointInTimeRecovery: { enabled: false } })])).to.deep.equal([
      "example: pointInTimeRecovery is not enabled: the table can only be restored from backups.",
    ]);
    expect(await one(name, [table({ pointInTimeRecovery: undefined })])).to.have.length(1);
  });
  it("CKV_AWS_28 / Trivy AWS-0024 good: enabled; advisory", async () => {
    await expectClean(policy(name), [table()]);
    expect(policy(name).enforcementLevel).to.equal("advisory");
  });
});
