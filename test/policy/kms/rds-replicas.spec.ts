// A read replica of an RDS instance: in its source's Region it takes the source's encryption and
// key (judged on the source); in another Region it names a key of its own (RDS API
// CreateDBInstanceReadReplica, KmsKeyId), which must be a customer-managed key like any other.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import * as T from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import { KEY_ARN, policyNamed, run, UNKNOWN, withStackKey } from "../fixtures/kms";

const SOURCE = "arn:aws:rds:us-east-1:123456789012:db:primary";

describe("rds-storage-encrypted-cmk: read replicas", () => {
  const p = policyNamed(policies, "rds-storage-encrypted-cmk");
  const replica = (inputs: Record<string, unknown>) => [
    res(T.RDS_INSTANCE, "replica", {
      instanceClass: "db.t3.micro",
      replicateSourceDb: SOURCE,
      ...inputs,
    }),
  ];

  describe("Compliance", () => {
    it("a cross-Region replica that names a customer key of its Region", async () => {
      expect(await run(p, replica({ kmsKeyId: KEY_ARN }))).to.deep.equal(clean);
    });
    it("a replica naming a key of the stack whose ARN is unknown at preview", async () => {
      const r = withStackKey(
        T.RDS_INSTANCE,
        "replica",
        { instanceClass: "db.t3.micro", replicateSourceDb: SOURCE, kmsKeyId: UNKNOWN },
        ["kmsKeyId"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("a same-Region replica without a key takes its source's (judged there)", async () => {
      expect(await run(p, replica({ replicateSourceDb: "primary" }))).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("a cross-Region replica under the AWS-managed alias", async () => {
      const r = await run(p, replica({ kmsKeyId: "alias/aws/rds" }));
      expect(r.violations).to.deep.equal([
        'replica: RDS instance "replica": it uses the AWS-managed key alias/aws/rds, not a customer-managed key.',
      ]);
    });
    it("a cross-Region replica under the AWS-managed key's alias ARN", async () => {
      const r = await run(
        p,
        replica({ kmsKeyId: "arn:aws:kms:us-west-2:123456789012:alias/aws/rds" }),
      );
      expect(r.violations).to.have.length(1);
    });
  });
});
