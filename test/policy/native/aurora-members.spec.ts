// An aws-native DBInstance that joins an Aurora cluster (dbClusterIdentifier; dBClusterIdentifier
// in the `DBInstance` releases) takes deletion protection, backups, IAM authentication, Multi-AZ
// and copying tags to snapshots from its cluster (policy-pack/lib/databases/aurora.ts): a member
// that sets none of them is clean; the same instance without its cluster is reported by each rule.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, res, violationsOf } from "../fixture";

const RULES: [string, string][] = [
  ["rds-deletion-protection", "deletionProtection is not true"],
  ["rds-backup-retention", "backupRetentionPeriod is not set"],
  ["rds-iam-authentication", "IAM database authentication is not enabled"],
  ["rds-copy-tags-to-snapshot", "copyTagsToSnapshot is not true"],
  ["rds-instance-multi-az", "multiAZ is not set"],
  ["rds-log-exports", "CloudwatchLogsExports is empty"],
];

const MEMBERS: [string, string][] = [
  [n.NATIVE_RDS_DB_INSTANCE, "dbClusterIdentifier"],
  [n.NATIVE_RDS_DB_INSTANCE_V0, "dBClusterIdentifier"],
];

describe("aws-native Aurora cluster members", () => {
  for (const [type, clusterProp] of MEMBERS) {
    const member = (over: Record<string, unknown> = {}) =>
      res(type, "member", {
        engine: "aurora-postgresql",
        [clusterProp]: "orders",
        ...over,
      });

    it(`rds-storage-encrypted-cmk: a ${type} member (${clusterProp}) takes its cluster's encryption`, async () => {
      await expectClean(policy("rds-storage-encrypted-cmk"), [member()]);
      const found = await violationsOf("rds-storage-encrypted-cmk", [
        member({ [clusterProp]: undefined }),
      ]);
      expect(found.join("\n")).to.contain("storageEncrypted");
    });

    for (const [rule, message] of RULES) {
      it(`${rule}: a ${type} member (${clusterProp}) defers to its cluster`, async () => {
        await expectClean(policy(rule), [member()]);
      });

      it(`${rule}: the same ${type} without ${clusterProp} is reported`, async () => {
        const found = await violationsOf(rule, [member({ [clusterProp]: undefined })]);
        expect(found).to.have.length(1);
        const wording =
          type === n.NATIVE_RDS_DB_INSTANCE ? message.replace("multiAZ", "multiAz") : message;
        expect(found[0]).to.contain(wording);
      });
    }
  }

  // A DBCluster's own dbClusterIdentifier is its name: the cluster is still judged.
  for (const [type, clusterProp] of [
    [n.NATIVE_RDS_DB_CLUSTER, "dbClusterIdentifier"],
    [n.NATIVE_RDS_DB_CLUSTER_V0, "dBClusterIdentifier"],
  ]) {
    it(`a ${type} that names itself with ${clusterProp} is still judged`, async () => {
      const cluster = res(type, "orders", { engine: "aurora-postgresql", [clusterProp]: "orders" });
      for (const [rule, message] of RULES.slice(0, 4)) {
        const found = await violationsOf(rule, [cluster]);
        expect(found, rule).to.have.length(1);
        expect(found[0], rule).to.contain(message);
      }
    });
  }
});
