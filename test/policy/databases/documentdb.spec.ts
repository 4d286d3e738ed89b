// DocumentDB clusters' master passwords, and cluster parameter groups: Checkov CKV_AWS_90 (DocDBTLS) and CKV_AWS_104
// (DocDBAuditLogs) fixture shapes translated to Pulumi inputs.
import { expect } from "chai";
import { DOCDB_CLUSTER, DOCDB_CLUSTER_PARAMETER_GROUP } from "../../../policy-pack/lib/types";
import { evaluate, expectClean, policy, res, UNKNOWN, violationsOf as one } from "../fixture";

const group = (parameters?: { name: string; value: string }[]) =>
  res(DOCDB_CLUSTER_PARAMETER_GROUP, "example", {
    family: "docdb5.0",
    name: "example",
    description: "docdb cluster parameter group",
    ...(parameters ? { parameters } : {}),
  });

describe("docdb-parameter-group-tls", () => {
  const name = "docdb-parameter-group-tls";
  it("CKV_AWS_90 fail: tls disabled", async () => {
    expect(await one(name, [group([{ name: "tls", value: "disabled" }])])).to.deep.equal([
      "example: the tls parameter is disabled: clients may connect without TLS.",
    ]);
  });
  it("CKV_AWS_90 pass: tls enabled, a TLS version floor, or no tls parameter (TLS on by default)", async () => {
    for (const value of ["enabled", "tls1.2+", "tls1.3+", "fips-140-3"]) {
      await expectClean(policy(name), [group([{ name: "tls", value }])]);
    }
    await expectClean(policy(name), [group(), group([{ name: "profiler", value: "enabled" }])]);
  });
  it("an unknown parameter value at preview is a note", async () => {
    const r = await evaluate(policy(name), [group([{ name: "tls", value: UNKNOWN }])]);
    expect(r.violations.filter((v) => v.previewNote)).to.have.length(1);
  });
});

describe("docdb-parameter-group-audit-logs", () => {
  const name = "docdb-parameter-group-audit-logs";
  it("CKV_AWS_104 fail: audit_logs disabled, or no audit_logs parameter", async () => {
    expect(await one(name, [group([{ name: "audit_logs", value: "disabled" }])])).to.deep.equal([
      'example: audit_logs is "disabled": no audit events are recorded.',
    ]);
    expect(await one(name, [group([{ name: "tls", value: "enabled" }])])).to.deep.equal([
      "example: no audit_logs parameter: auditing is disabled by default.",
    ]);
  });
  it("CKV_AWS_104 pass: enabled, ddl, all, or a list holding one of them", async () => {
    for (const value of ["enabled", "ddl", "all", "ddl,dml_read"]) {
      await expectClean(policy(name), [group([{ name: "audit_logs", value }])]);
    }
  });
  it("DocumentDB event auditing: DML-only categories record events too", async () => {
    await expectClean(policy(name), [group([{ name: "audit_logs", value: "dml_write" }])]);
  });
});

describe("DocumentDB parameter group rules: level", () => {
  it("are advisory", () => {
    for (const name of ["docdb-parameter-group-tls", "docdb-parameter-group-audit-logs"])
      expect(policy(name).enforcementLevel).to.equal("advisory");
  });
});

describe("docdb-cluster-managed-master-password", () => {
  const name = "docdb-cluster-managed-master-password";
  const cluster = (over: Record<string, unknown> = {}) =>
    res(DOCDB_CLUSTER, "docdb", {
      clusterIdentifier: "my-docdb-cluster",
      engine: "docdb",
      masterUsername: "foo",
      manageMasterUserPassword: true,
      storageEncrypted: true,
      ...over,
    });
  it("catches program-supplied passwords, even unknown ones", async () => {
    for (const key of ["masterPassword", "masterPasswordWo"]) {
      for (const value of ["mustbeeightchars", UNKNOWN]) {
        const v = await one(name, [cluster({ manageMasterUserPassword: undefined, [key]: value })]);
        expect(v, `${key}=${value}`).to.deep.equal([`docdb: ${key} is set by the program.`]);
      }
    }
  });
  // Not one of the mandatory families (IAM, public access, customer-managed keys, routes): a
  // password from a secret config value is encrypted in config and state, only not rotated
  // (DocumentDB Developer Guide, "Password management with Amazon DocumentDB and AWS Secrets
  // Manager"), so it must not block a deploy.
  it("is advisory: a password from a secret config value is reported without blocking", async () => {
    expect(policy(name).enforcementLevel).to.equal("advisory");
    const v = await one(name, [
      cluster({ manageMasterUserPassword: undefined, masterPassword: "from-config-requireSecret" }),
    ]);
    expect(v).to.deep.equal(["docdb: masterPassword is set by the program."]);
  });
  it("an AWS-managed password passes", async () => {
    await expectClean(policy(name), [cluster()]);
  });
});
