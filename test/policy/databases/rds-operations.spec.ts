// RDS upgrades, Multi-AZ and monitoring: the third parties' failing and passing fixtures (Checkov
// CKV_AWS_226, CKV_AWS_157, CKV_AWS_118, CKV_AWS_353) translated to Pulumi inputs.
import { expect } from "chai";
import { RDS_CLUSTER_INSTANCE, RDS_INSTANCE } from "../../../policy-pack/lib/types";
import { evaluate, expectClean, policy, res, UNKNOWN, violationsOf as one } from "../fixture";
import { compliance } from "../rule-spec";

const instance = (over: Record<string, unknown> = {}) =>
  res(RDS_INSTANCE, "default", {
    engine: "postgres",
    instanceClass: "db.m6g.large",
    autoMinorVersionUpgrade: true,
    multiAz: true,
    monitoringInterval: 15,
    monitoringRoleArn: "arn:aws:iam::123456789012:role/rds-monitoring",
    performanceInsightsEnabled: true,
    ...over,
  });
const member = (over: Record<string, unknown> = {}) =>
  res(RDS_CLUSTER_INSTANCE, "member", {
    identifier: "aurora-cluster-demo-0",
    clusterIdentifier: UNKNOWN,
    instanceClass: "db.r4.large",
    engine: "aurora-postgresql",
    autoMinorVersionUpgrade: true,
    monitoringInterval: 60,
    performanceInsightsEnabled: true,
    ...over,
  });

describe("rds-auto-minor-version-upgrade", () => {
  const name = "rds-auto-minor-version-upgrade";
  describe("Noncompliance", () => {
    it("CKV_AWS_226 fail, fail2: auto_minor_version_upgrade = false on an instance or a member", async () => {
      expect(await one(name, [instance({ autoMinorVersionUpgrade: false })])).to.deep.equal([
        "default: autoMinorVersionUpgrade is false.",
      ]);
      expect(await one(name, [member({ autoMinorVersionUpgrade: false })])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_226 pass: true on an instance or a member", async () => {
      await expectClean(policy(name), [instance(), member()]);
    });
    it("CKV_AWS_226 fail2 (left out) passes here: the provider and AWS default to true", async () => {
      expect(await one(name, [instance({ autoMinorVersionUpgrade: undefined })])).to.deep.equal([]);
    });
  });
});

describe("rds-instance-multi-az", () => {
  const name = "rds-instance-multi-az";
  describe("Noncompliance", () => {
    it("CKV_AWS_157 disabled, default: multi_az = false, or left out", async () => {
      expect(await one(name, [instance({ engine: "mysql", multiAz: false })])).to.deep.equal([
        "default: multiAz is false: one AZ, no standby.",
      ]);
      expect(await one(name, [instance({ engine: "mysql", multiAz: undefined })])).to.deep.equal([
        "default: multiAz is not set (default false): one AZ, no standby.",
      ]);
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_157 enabled: multi_az = true; a read replica follows its source", async () => {
      await expectClean(policy(name), [instance({ engine: "mysql" })]);
      expect(
        await one(name, [instance({ multiAz: undefined, replicateSourceDb: "source-db" })]),
      ).to.deep.equal([]);
    });
    it("Aurora members are not judged (their storage spans three AZs)", async () => {
      expect(await one(name, [member()])).to.deep.equal([]);
    });
  });
});

describe("rds-enhanced-monitoring", () => {
  const name = "rds-enhanced-monitoring";
  const mysql = { engine: "mysql", instanceClass: "db.t3.micro", monitoringRoleArn: undefined };
  describe("Noncompliance", () => {
    it("CKV_AWS_118 failure1, failure2: monitoring_interval left out, or 0", async () => {
      expect(
        await one(name, [instance({ ...mysql, monitoringInterval: undefined })]),
      ).to.deep.equal([
        "default: monitoringInterval is not set (default 0): enhanced monitoring is off.",
      ]);
      expect(await one(name, [instance({ ...mysql, monitoringInterval: 0 })])).to.deep.equal([
        "default: monitoringInterval is 0: enhanced monitoring is off.",
      ]);
      expect(await one(name, [member({ monitoringInterval: undefined })])).to.have.length(1);
    });
  });
  compliance("CKV_AWS_118 success1, success2: 5 or 15 seconds; members at 60", name, () => [
    instance({ ...mysql, monitoringInterval: 5 }),
    instance({ ...mysql, monitoringInterval: 15 }),
    member(),
  ]);
});

describe("rds-performance-insights", () => {
  const name = "rds-performance-insights";
  describe("Noncompliance", () => {
    it("CKV_AWS_353 fail, fail2: performance_insights_enabled left out, or false", async () => {
      const m4 = { engine: undefined, instanceClass: "m4.large" };
      expect(
        await one(name, [instance({ ...m4, performanceInsightsEnabled: undefined })]),
      ).to.deep.equal(["default: performanceInsightsEnabled is not true."]);
      expect(
        await one(name, [instance({ ...m4, performanceInsightsEnabled: false })]),
      ).to.have.length(1);
      expect(await one(name, [member({ performanceInsightsEnabled: undefined })])).to.have.length(
        1,
      );
      expect(await one(name, [member({ performanceInsightsEnabled: false })])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_353 pass: true on an instance or a member", async () => {
      await expectClean(policy(name), [instance(), member()]);
    });
    it("CKV_AWS_353 unknown_engine_class_combo: MariaDB or MySQL on a class without it is not judged", async () => {
      expect(
        await one(name, [
          instance({
            engine: "mariadb",
            instanceClass: "db.t3.micro",
            performanceInsightsEnabled: undefined,
          }),
          member({
            engine: "mysql",
            instanceClass: "db.t2.small",
            performanceInsightsEnabled: undefined,
          }),
        ]),
      ).to.deep.equal([]);
    });
  });
});

describe("rds operations rules: level", () => {
  it("are all advisory", () => {
    for (const name of [
      "rds-auto-minor-version-upgrade",
      "rds-instance-multi-az",
      "rds-enhanced-monitoring",
      "rds-performance-insights",
    ])
      expect(policy(name).enforcementLevel).to.equal("advisory");
  });
});

describe("rds-instance-ca-certificate", () => {
  const name = "rds-instance-ca-certificate";
  it("CKV_AWS_211 fail and KICS positive: rds-ca-2015; and rds-ca-2019, expired in 2024", async () => {
    for (const ca of ["rds-ca-2015", "rds-ca-2019"]) {
      expect(await one(name, [instance({ caCertIdentifier: ca })])).to.deep.equal([
        `default: caCertIdentifier "${ca}" is not a current certificate authority ` +
          "(rds-ca-rsa2048-g1, rds-ca-rsa4096-g1, rds-ca-ecc384-g1).",
      ]);
    }
  });
  it("CKV_AWS_211 pass and KICS negatives: rds-ca-rsa2048-g1, rds-ca-rsa4096-g1, rds-ca-ecc384-g1; or left out", async () => {
    for (const ca of ["rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1", undefined]) {
      await expectClean(policy(name), [instance({ caCertIdentifier: ca })]);
    }
  });
  it("an unknown value at preview is a note, not a pass", async () => {
    const r = await evaluate(policy(name), [instance({ caCertIdentifier: UNKNOWN })]);
    expect(r.violations.filter((v) => v.previewNote)).to.have.length(1);
  });
  it("is advisory", () => {
    expect(policy(name).enforcementLevel).to.equal("advisory");
  });
});
