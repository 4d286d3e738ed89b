// Document and graph database encryption with customer-managed keys (DocumentDB clusters, elastic
// clusters, Neptune), rules of the databases family (policy-pack/policies/kms/databases.ts), from
// the third parties' own fixtures translated to Pulumi inputs.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import * as T from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import { KEY_ARN, keyFixtures, policyNamed, run, UNKNOWN, withStackKey } from "../fixtures/kms";

describe("docdb-cluster-kms-cmk", () => {
  const p = policyNamed(policies, "docdb-cluster-kms-cmk");
  const base = { clusterIdentifier: "mycluster", masterUsername: "foo", skipFinalSnapshot: true };
  const { compliant, plain: cluster } = keyFixtures(
    T.DOCDB_CLUSTER,
    "docs",
    base,
    { storageEncrypted: true, kmsKeyId: UNKNOWN },
    ["kmsKeyId"],
  );

  describe("Compliance", () => {
    it("CKV_AWS_182 passing fixture: storage_encrypted with a key of the stack", async () => {
      expect(await run(p, compliant())).to.deep.equal(clean);
    });
    it("an encrypted global cluster", async () => {
      const r = [
        res(T.DOCDB_GLOBAL_CLUSTER, "g", { globalClusterIdentifier: "g", storageEncrypted: true }),
      ];
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_74 / KICS 'DOCDB Cluster Not Encrypted' / Trivy AWS-0021: storage_encrypted unset", async () => {
      const r = await run(p, cluster({ kmsKeyId: KEY_ARN }));
      expect(r.violations).to.deep.equal([
        'docs: DocumentDB cluster "docs": storageEncrypted is not true.',
      ]);
    });
    it("CKV_AWS_182 failing fixture / Trivy AWS-0022: encrypted without kms_key_id", async () => {
      expect((await run(p, cluster({ storageEncrypted: true }))).violations).to.have.length(1);
    });
    it("CKV_AWS_292 (DocDBGlobalClusterEncryption) failing fixture: a global cluster without storage_encrypted", async () => {
      const r = await run(p, [res(T.DOCDB_GLOBAL_CLUSTER, "g", { globalClusterIdentifier: "g" })]);
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("neptune-cluster-kms-cmk", () => {
  const p = policyNamed(policies, "neptune-cluster-kms-cmk");
  const compliant = () =>
    withStackKey(
      T.NEPTUNE_CLUSTER,
      "graph",
      { engine: "neptune", storageEncrypted: true, kmsKeyArn: UNKNOWN },
      ["kmsKeyArn"],
    );
  const cluster = (inputs: Record<string, unknown>) => [
    res(T.NEPTUNE_CLUSTER, "graph", { engine: "neptune", ...inputs }),
  ];

  describe("Compliance", () => {
    it("storage encrypted with a key of the stack", async () => {
      expect(await run(p, compliant())).to.deep.equal(clean);
    });
    it("Trivy AWS-0128 good example: a literal customer key ARN", async () => {
      expect(await run(p, cluster({ storageEncrypted: true, kmsKeyArn: KEY_ARN }))).to.deep.equal(
        clean,
      );
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_44 / Trivy AWS-0076: storage_encrypted = false", async () => {
      const r = await run(p, cluster({ storageEncrypted: false, kmsKeyArn: KEY_ARN }));
      expect(r.violations).to.have.length(1);
    });
    it("Trivy AWS-0128 bad example: encrypted without kms_key_arn", async () => {
      expect((await run(p, cluster({ storageEncrypted: true }))).violations).to.have.length(1);
    });
  });
});

describe("docdb-cluster-kms-cmk: elastic clusters", () => {
  const p = policyNamed(policies, "docdb-cluster-kms-cmk");
  const elastic = (inputs: Record<string, unknown> = {}) =>
    res(T.DOCDB_ELASTIC_CLUSTER, "elastic", {
      name: "elastic",
      adminUserName: "elasticadmin",
      adminUserPassword: UNKNOWN,
      authType: "PLAIN_TEXT",
      shardCapacity: 2,
      shardCount: 1,
      ...inputs,
    });
  it("an elastic cluster with a customer key", async () => {
    expect(await run(p, [elastic({ kmsKeyId: KEY_ARN })])).to.deep.equal(clean);
  });
  it("an elastic cluster without kmsKeyId uses an AWS-owned key", async () => {
    expect((await run(p, [elastic()])).violations).to.deep.equal([
      'elastic: DocumentDB elastic cluster "elastic": no KMS key is set (an AWS-owned key), not a customer-managed key.',
    ]);
  });
});
