// RDS instances and Aurora clusters: the compliant cluster, member and instance pass, each broken
// field is caught.
import { expect } from "chai";
import * as T from "../../../policy-pack/lib/types";
import { AURORA_CLUSTER, DOCDB_BASE, NEPTUNE_BASE } from "../fixtures/databases";
import { expectClean, policy, res, UNKNOWN, violationsOf as one } from "../fixture";
import { type Compliant, ruleSpec } from "../rule-spec";

const cluster = (over: Record<string, unknown> = {}) =>
  res(T.RDS_CLUSTER, "app-db", { ...AURORA_CLUSTER, kmsKeyId: UNKNOWN, ...over });
const instance = (over: Record<string, unknown> = {}) =>
  res(T.RDS_INSTANCE, "legacy-db", {
    engine: "mysql",
    instanceClass: "db.t4g.micro",
    storageEncrypted: true,
    kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1",
    publiclyAccessible: false,
    deletionProtection: true,
    iamDatabaseAuthenticationEnabled: true,
    backupRetentionPeriod: 14,
    manageMasterUserPassword: true,
    username: "app_admin",
    copyTagsToSnapshot: true,
    ...over,
  });
const member = (over: Record<string, unknown> = {}) =>
  res(T.RDS_CLUSTER_INSTANCE, "app-db-1", {
    clusterIdentifier: UNKNOWN,
    instanceClass: "db.serverless",
    engine: "aurora-postgresql",
    publiclyAccessible: false,
    ...over,
  });

describe("rds-not-publicly-accessible", () => {
  const shardGroup = (extra: Record<string, unknown> = {}) =>
    res(T.RDS_SHARD_GROUP, "limitless", {
      dbShardGroupIdentifier: "limitless",
      dbClusterIdentifier: "app-db",
      maxAcu: 768,
      ...extra,
    });
  describe("Noncompliance", () => {
    it("catches public instances (KICS 'RDS DB Instance Publicly Accessible' positive2) and cluster members", async () => {
      const name = "rds-not-publicly-accessible";
      expect(await one(name, [instance({ publiclyAccessible: true })])).to.have.length(1);
      expect(await one(name, [member({ publiclyAccessible: true })])).to.deep.equal([
        "app-db-1: publiclyAccessible is true.",
      ]);
      expect(policy(name).enforcementLevel).to.equal("mandatory");
    });
    it("catches a public Aurora Limitless shard group (CreateDBShardGroup PubliclyAccessible)", async () => {
      expect(
        await one("rds-not-publicly-accessible", [shardGroup({ publiclyAccessible: true })]),
      ).to.deep.equal(["limitless: publiclyAccessible is true."]);
    });
  });

  describe("Compliance", () => {
    it("the compliant cluster, member and instance pass", async () => {
      await expectClean(policy("rds-not-publicly-accessible"), [cluster(), member(), instance()]);
    });
    it("a shard group that says false, or leaves it out (judged only when true, as instances)", async () => {
      await expectClean(policy("rds-not-publicly-accessible"), [
        shardGroup({ publiclyAccessible: false }),
        shardGroup(),
      ]);
    });
  });
});

/** The Compliance test of the rules below: the compliant cluster, member and instance. */
const RDS_TRIO: Compliant = [
  "the compliant cluster, member and instance pass",
  () => [cluster(), member(), instance()],
];

ruleSpec("rds-deletion-protection", RDS_TRIO, {
  "catches it off": async (name) => {
    expect(await one(name, [cluster({ deletionProtection: false })])).to.have.length(1);
    expect(await one(name, [instance({ deletionProtection: undefined })])).to.have.length(1);
  },
});

ruleSpec("rds-iam-authentication", RDS_TRIO, {
  "applies to MySQL/MariaDB/PostgreSQL engines only": async (name) => {
    expect(await one(name, [cluster({ iamDatabaseAuthenticationEnabled: false })])).to.have.length(
      1,
    );
    expect(
      await one(name, [
        instance({ engine: "sqlserver-ex", iamDatabaseAuthenticationEnabled: undefined }),
      ]),
    ).to.deep.equal([]);
  },
});

ruleSpec("rds-backup-retention", RDS_TRIO, {
  "catches short and default retention; replicas are exempt": async (name) => {
    expect(await one(name, [cluster({ backupRetentionPeriod: 1 })])).to.deep.equal([
      "app-db: backupRetentionPeriod is 1 day(s) (< 7).",
    ]);
    expect((await one(name, [instance({ backupRetentionPeriod: undefined })]))[0]).to.include(
      "AWS default 1 day",
    );
    expect(
      await one(name, [
        instance({ backupRetentionPeriod: undefined, replicateSourceDb: "legacy-db" }),
      ]),
    ).to.deep.equal([]);
    expect(
      await one(name, [cluster({ backupRetentionPeriod: 3 })], {
        [name]: { minBackupRetentionDays: 3 },
      }),
    ).to.deep.equal([]);
  },
});

ruleSpec("rds-managed-master-password", RDS_TRIO, {
  "catches program-supplied passwords (advisory as for Redshift and DocumentDB, value never echoed)":
    async (name) => {
      const v = await one(name, [
        cluster({ manageMasterUserPassword: undefined, masterPassword: "correct-horse" }),
      ]);
      expect(v).to.deep.equal(["app-db: masterPassword is set by the program."]);
      expect(
        await one(name, [instance({ manageMasterUserPassword: undefined, password: UNKNOWN })]),
      ).to.have.length(1);
      expect(
        await one(name, [instance({ manageMasterUserPassword: undefined, passwordWo: "x" })]),
      ).to.have.length(1);
      expect(policy(name).enforcementLevel).to.equal("advisory");
    },
});

ruleSpec("rds-copy-tags-to-snapshot", RDS_TRIO, {
  "catches it off": async (name) => {
    expect(await one(name, [cluster({ copyTagsToSnapshot: false })])).to.have.length(1);
    expect(await one(name, [instance({ copyTagsToSnapshot: undefined })])).to.have.length(1);
  },
});

describe("DocumentDB and Neptune clusters under the RDS rules", () => {
  const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1";
  const docdb = (over: Record<string, unknown> = {}) =>
    res(T.DOCDB_CLUSTER, "docdb", {
      ...DOCDB_BASE,
      kmsKeyId: KEY,
      backupRetentionPeriod: 7,
      deletionProtection: true,
      ...over,
    });
  const neptune = (over: Record<string, unknown> = {}) =>
    res(T.NEPTUNE_CLUSTER, "neptune", {
      ...NEPTUNE_BASE,
      kmsKeyArn: KEY,
      backupRetentionPeriod: 7,
      deletionProtection: true,
      iamDatabaseAuthenticationEnabled: true,
      ...over,
    });

  it("CKV2_AWS_58 / FSBP DocumentDB.5: deletion protection off or left out", async () => {
    const name = "rds-deletion-protection";
    expect(await one(name, [neptune({ deletionProtection: false })])).to.deep.equal([
      "neptune: deletionProtection is not true.",
    ]);
    expect(await one(name, [docdb({ deletionProtection: undefined })])).to.have.length(1);
  });
  it("CKV_AWS_360 / CKV_AWS_361: retention left at the 1-day default or below 7", async () => {
    const name = "rds-backup-retention";
    expect(await one(name, [docdb({ backupRetentionPeriod: undefined })])).to.have.length(1);
    expect(await one(name, [neptune({ backupRetentionPeriod: 5 })])).to.deep.equal([
      "neptune: backupRetentionPeriod is 5 day(s) (< 7).",
    ]);
  });
  it("CKV_AWS_359: a Neptune cluster without IAM database authentication", async () => {
    expect(
      await one("rds-iam-authentication", [neptune({ iamDatabaseAuthenticationEnabled: false })]),
    ).to.deep.equal(["neptune: IAM database authentication is not enabled."]);
  });
  it("the compliant DocumentDB and Neptune clusters pass all three", async () => {
    for (const name of [
      "rds-deletion-protection",
      "rds-backup-retention",
      "rds-iam-authentication",
    ]) {
      await expectClean(policy(name), [docdb(), neptune()]);
    }
  });
});
