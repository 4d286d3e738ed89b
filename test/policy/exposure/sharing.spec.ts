// AMIs and RDS snapshots shared with everyone: Checkov CKV_AWS_205 (AMILaunchIsShared),
// CKV_AWS_302 (DBSnapshotsArePrivate), Security Hub RDS.1.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/exposure";
import {
  EC2_AMI_LAUNCH_PERMISSION,
  RDS_CLUSTER_SNAPSHOT,
  RDS_SNAPSHOT,
} from "../../../policy-pack/lib/types";
import { res, violations } from "../fixture";

const policy = (name: string) => policies.find((p) => p.name === name)!;

describe("ec2-ami-not-public", () => {
  const p = policy("ec2-ami-not-public");
  const perm = (extra: Record<string, unknown>) =>
    res(EC2_AMI_LAUNCH_PERMISSION, "perm", { imageId: "ami-1", ...extra });
  describe("Noncompliance", () => {
    it('CKV_AWS_205: group "all"', async () => {
      expect(await violations(p, [perm({ group: "all" })])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("one account, or an organization", async () => {
      expect(await violations(p, [perm({ accountId: "123456789012" })])).to.deep.equal([]);
      expect(
        await violations(p, [
          perm({ organizationArn: "arn:aws:organizations::1:organization/o-1" }),
        ]),
      ).to.deep.equal([]);
    });
  });
});

describe("rds-snapshot-not-public", () => {
  const p = policy("rds-snapshot-not-public");
  describe("Noncompliance", () => {
    it('CKV_AWS_302: sharedAccounts ["all"] on a DB snapshot and a cluster snapshot', async () => {
      const s = res(RDS_SNAPSHOT, "s", {
        dbInstanceIdentifier: "db",
        dbSnapshotIdentifier: "s",
        sharedAccounts: ["all"],
      });
      const c = res(RDS_CLUSTER_SNAPSHOT, "c", {
        dbClusterIdentifier: "c",
        dbClusterSnapshotIdentifier: "c",
        sharedAccounts: ["123456789012", "all"],
      });
      expect(await violations(p, [s, c])).to.have.length(2);
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_302 pass: named accounts or no sharing", async () => {
      const s = res(RDS_SNAPSHOT, "s", {
        dbInstanceIdentifier: "db",
        dbSnapshotIdentifier: "s",
        sharedAccounts: ["123456789012"],
      });
      const t = res(RDS_SNAPSHOT, "t", { dbInstanceIdentifier: "db", dbSnapshotIdentifier: "t" });
      expect(await violations(p, [s, t])).to.deep.equal([]);
    });
  });
});
