// Relational database, data warehouse and database migration encryption with customer-managed
// keys (RDS, Redshift, snapshot copies, DMS), from the third parties' own fixtures translated to
// Pulumi inputs. DocumentDB and Neptune: ./document-graph.spec.ts.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import * as T from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import { awsManaged, KEY_ARN, policyNamed, run, UNKNOWN, withStackKey } from "../fixtures/kms";

describe("rds-storage-encrypted-cmk", () => {
  const p = policyNamed(policies, "rds-storage-encrypted-cmk");
  const cluster = (inputs: Record<string, unknown> = {}) =>
    withStackKey(
      T.RDS_CLUSTER,
      "app-db",
      { engine: "aurora-postgresql", storageEncrypted: true, kmsKeyId: UNKNOWN, ...inputs },
      ["kmsKeyId"],
    );
  const instance = (inputs: Record<string, unknown>) => [
    res(T.RDS_INSTANCE, "db", {
      engine: "mysql",
      instanceClass: "db.t3.micro",
      allocatedStorage: 10,
      ...inputs,
    }),
  ];

  describe("Compliance", () => {
    it("an Aurora cluster encrypted with a key of the stack", async () => {
      expect(await run(p, cluster())).to.deep.equal(clean);
    });
    it("CKV_AWS_16 / Trivy AWS-0080 with a literal customer key ARN", async () => {
      expect(await run(p, instance({ storageEncrypted: true, kmsKeyId: KEY_ARN }))).to.deep.equal(
        clean,
      );
    });
    it("Aurora Serverless v1 is always encrypted (storageEncrypted may be unset)", async () => {
      expect(
        await run(p, cluster({ engineMode: "serverless", storageEncrypted: undefined })),
      ).to.deep.equal(clean);
    });
    it("a read replica takes its source's encryption", async () => {
      expect(await run(p, instance({ replicateSourceDb: "primary" }))).to.deep.equal(clean);
    });
    it("CKV_AWS_140: an encrypted global cluster, and one created from a source cluster", async () => {
      const g = (inputs: Record<string, unknown>) => [
        res(T.RDS_GLOBAL_CLUSTER, "global", { globalClusterIdentifier: "g", ...inputs }),
      ];
      expect(await run(p, g({ storageEncrypted: true }))).to.deep.equal(clean);
      expect(await run(p, g({ sourceDbClusterIdentifier: UNKNOWN }))).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_96 / KICS 'Aurora With Disabled at Rest Encryption' / Trivy AWS-0079: storageEncrypted unset", async () => {
      expect((await run(p, cluster({ storageEncrypted: undefined }))).violations).to.deep.equal([
        'app-db: RDS cluster "app-db": storageEncrypted is not true.',
      ]);
    });
    it("CKV_AWS_16 / Trivy AWS-0080: an instance with storage_encrypted = false", async () => {
      const r = await run(p, instance({ storageEncrypted: false, kmsKeyId: KEY_ARN }));
      expect(r.violations).to.have.length(1);
    });
    it("CKV_AWS_327: encrypted without kms_key_id (aws/rds)", async () => {
      const r = await run(p, cluster({ kmsKeyId: undefined }));
      expect(r.violations[0]).to.include("aws/rds");
    });
    it("the literal alias/aws/rds", async () => {
      const r = await run(p, instance({ storageEncrypted: true, kmsKeyId: awsManaged("rds") }));
      expect(r.violations).to.have.length(1);
    });
    it("CKV_AWS_140: a global cluster without storage_encrypted", async () => {
      const r = await run(p, [
        res(T.RDS_GLOBAL_CLUSTER, "global", { globalClusterIdentifier: "g" }),
      ]);
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("rds-performance-insights-kms-cmk", () => {
  const p = policyNamed(policies, "rds-performance-insights-kms-cmk");
  const compliant = (type = T.RDS_CLUSTER_INSTANCE) =>
    withStackKey(
      type,
      "bar",
      { performanceInsightsEnabled: true, performanceInsightsKmsKeyId: UNKNOWN },
      ["performanceInsightsKmsKeyId"],
    );
  const member = (inputs: Record<string, unknown>) => [
    res(T.RDS_CLUSTER_INSTANCE, "bar", { identifier: "bar", ...inputs }),
  ];

  describe("Compliance", () => {
    it("a key of the stack on a cluster instance, an instance and a cluster", async () => {
      for (const type of [T.RDS_CLUSTER_INSTANCE, T.RDS_INSTANCE, T.RDS_CLUSTER]) {
        expect(await run(p, compliant(type)), type).to.deep.equal(clean);
      }
    });
    it("Trivy AWS-0078 good example: a literal customer key ARN", async () => {
      const r = member({ performanceInsightsEnabled: true, performanceInsightsKmsKeyId: KEY_ARN });
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("CKV_AWS_354: Performance Insights off needs no key", async () => {
      expect(await run(p, member({ performanceInsightsEnabled: false }))).to.deep.equal(clean);
      expect(await run(p, member({}))).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_354 / Trivy AWS-0078 bad example: enabled with performance_insights_kms_key_id = ''", async () => {
      const r = await run(
        p,
        member({ performanceInsightsEnabled: true, performanceInsightsKmsKeyId: "" }),
      );
      expect(r.violations).to.deep.equal([
        'bar: RDS cluster instance "bar": no KMS key is set (the AWS-managed key aws/rds), not a customer-managed key.',
      ]);
    });
    it("Trivy AWS-0078 (CloudFormation bad example): enabled without a key", async () => {
      const r = await run(p, [res(T.RDS_INSTANCE, "db", { performanceInsightsEnabled: true })]);
      expect(r.violations).to.have.length(1);
    });
    it("a DocumentDB instance with enablePerformanceInsights and no key; off, none asked for", async () => {
      const docdb = (inputs: Record<string, unknown>) =>
        res(T.DOCDB_CLUSTER_INSTANCE, "doc", { clusterIdentifier: "doc", ...inputs });
      expect((await run(p, [docdb({ enablePerformanceInsights: true })])).violations).to.deep.equal(
        [
          'doc: DocumentDB instance "doc": no KMS key is set (the AWS-managed key aws/rds), not a customer-managed key.',
        ],
      );
      expect(await run(p, [docdb({ enablePerformanceInsights: false })])).to.deep.equal(clean);
      const keyed = docdb({
        enablePerformanceInsights: true,
        performanceInsightsKmsKeyId: KEY_ARN,
      });
      expect(await run(p, [keyed])).to.deep.equal(clean);
    });
  });
});

describe("redshift-cluster-kms-cmk", () => {
  const p = policyNamed(policies, "redshift-cluster-kms-cmk");
  const base = {
    clusterIdentifier: "tf-redshift-cluster",
    databaseName: "mydb",
    masterUsername: "foo",
    nodeType: "dc1.large",
    clusterType: "single-node",
  };
  const compliant = () =>
    withStackKey(
      T.REDSHIFT_CLUSTER,
      "warehouse",
      { ...base, encrypted: "true", kmsKeyId: UNKNOWN },
      ["kmsKeyId"],
    );
  const cluster = (inputs: Record<string, unknown>) => [
    res(T.REDSHIFT_CLUSTER, "warehouse", { ...base, ...inputs }),
  ];

  describe("Compliance", () => {
    it("Trivy AWS-0084 good example: encrypted with a key of the stack", async () => {
      expect(await run(p, compliant())).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_64 / KICS 'Redshift Not Encrypted': encrypted = false", async () => {
      const r = await run(p, cluster({ encrypted: "false", kmsKeyId: KEY_ARN }));
      expect(r.violations).to.deep.equal([
        'warehouse: Redshift cluster "warehouse": encrypted is false: the cluster stores data unencrypted.',
      ]);
    });
    it("CKV_AWS_142 / Trivy AWS-0084 bad example: no kms_key_id (aws/redshift)", async () => {
      expect((await run(p, cluster({ encrypted: "true" }))).violations).to.have.length(1);
      expect((await run(p, cluster({}))).violations).to.have.length(1);
    });
  });
});

describe("dms-replication-instance-kms-cmk", () => {
  const p = policyNamed(policies, "dms-replication-instance-kms-cmk");
  const base = { replicationInstanceClass: "dms.t3.micro", replicationInstanceId: "migrate" };

  describe("Compliance", () => {
    it("CKV_AWS_212 passing fixture: kms_key_arn from a key of the stack", async () => {
      const r = withStackKey(
        T.DMS_REPLICATION_INSTANCE,
        "migrate",
        { ...base, kmsKeyArn: UNKNOWN },
        ["kmsKeyArn"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_212 failing fixture: no kms_key_arn (aws/dms)", async () => {
      const r = await run(p, [res(T.DMS_REPLICATION_INSTANCE, "migrate", base)]);
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("database-snapshot-copy-kms-cmk", () => {
  const p = policyNamed(policies, "database-snapshot-copy-kms-cmk");
  const copy = (inputs: Record<string, unknown> = {}) =>
    res(T.RDS_SNAPSHOT_COPY, "example", {
      sourceDbSnapshotIdentifier: "arn:aws:rds:us-west-1:123456789012:snapshot:testsnapshot",
      targetDbSnapshotIdentifier: "testsnapshot-copy",
      ...inputs,
    });
  const grant = (inputs: Record<string, unknown> = {}) =>
    res(T.REDSHIFT_SNAPSHOT_COPY_GRANT, "grant", { snapshotCopyGrantName: "my-grant", ...inputs });

  describe("Compliance", () => {
    it("CKV_AWS_266 / CKV_AWS_281 passing fixtures: kmsKeyId names a customer key", async () => {
      expect(
        await run(p, [copy({ kmsKeyId: KEY_ARN }), grant({ kmsKeyId: KEY_ARN })]),
      ).to.deep.equal(clean);
    });
    it("keys of the stack, unknown at preview", async () => {
      const [key, rdsCopy] = withStackKey(
        T.RDS_SNAPSHOT_COPY,
        "example",
        { ...copy().inputs, kmsKeyId: UNKNOWN },
        ["kmsKeyId"],
      );
      const [, redshiftGrant] = withStackKey(
        T.REDSHIFT_SNAPSHOT_COPY_GRANT,
        "grant",
        { ...grant().inputs, kmsKeyId: UNKNOWN },
        ["kmsKeyId"],
        key,
      );
      expect(await run(p, [key, rdsCopy, redshiftGrant])).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_266 failing fixture: an RDS snapshot copy without kmsKeyId", async () => {
      expect((await run(p, [copy()])).violations).to.deep.equal([
        'example: RDS snapshot copy "example": no KMS key is set (the copy keeps the source snapshot\'s encryption, if any), not a customer-managed key.',
      ]);
    });
    it("CKV_AWS_266 applied to a cluster snapshot copy: without kmsKeyId, or with aws/rds", async () => {
      const clusterCopy = (inputs: Record<string, unknown>) =>
        res(T.RDS_CLUSTER_SNAPSHOT_COPY, "copy", {
          sourceDbClusterSnapshotIdentifier:
            "arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:s",
          targetDbClusterSnapshotIdentifier: "s-copy",
          ...inputs,
        });
      expect((await run(p, [clusterCopy({})])).violations).to.deep.equal([
        'copy: RDS cluster snapshot copy "copy": no KMS key is set (the copy keeps the source snapshot\'s encryption, if any), not a customer-managed key.',
      ]);
      const managed = clusterCopy({ kmsKeyId: awsManaged("rds") });
      expect((await run(p, [managed])).violations).to.have.length(1);
      expect(await run(p, [clusterCopy({ kmsKeyId: KEY_ARN })])).to.deep.equal(clean);
    });
    it("CKV_AWS_245 failing fixture: replicated automated backups without kmsKeyId", async () => {
      const replication = res(T.RDS_INSTANCE_AUTOMATED_BACKUPS_REPLICATION, "replica", {
        sourceDbInstanceArn: "arn:aws:rds:us-west-2:123456789012:db:mydatabase",
      });
      expect((await run(p, [replication])).violations).to.deep.equal([
        'replica: RDS automated backups replication "replica": no KMS key is set (the AWS-managed key aws/rds), not a customer-managed key.',
      ]);
      const withKey = res(T.RDS_INSTANCE_AUTOMATED_BACKUPS_REPLICATION, "replica", {
        sourceDbInstanceArn: "arn:aws:rds:us-west-2:123456789012:db:mydatabase",
        kmsKeyId: KEY_ARN,
      });
      expect(await run(p, [withKey])).to.deep.equal(clean);
    });
    it("CKV_AWS_281 failing fixture: a Redshift snapshot copy grant without kmsKeyId, or with aws/redshift", async () => {
      expect((await run(p, [grant()])).violations).to.deep.equal([
        'grant: Redshift snapshot copy grant "grant": no KMS key is set (the AWS-managed key aws/redshift), not a customer-managed key.',
      ]);
      expect(
        (await run(p, [grant({ kmsKeyId: awsManaged("redshift") })])).violations,
      ).to.have.length(1);
    });
  });
});

describe("dms-endpoint-kms-cmk", () => {
  const p = policyNamed(policies, "dms-endpoint-kms-cmk");
  const endpoint = (inputs: Record<string, unknown> = {}) =>
    res(T.DMS_ENDPOINT, "source", {
      endpointId: "test-dms-endpoint-tf",
      endpointType: "source",
      engineName: "aurora",
      serverName: "tf-test-cluster.cluster-xxxxxxx.us-west-2.rds.amazonaws.com",
      port: 3306,
      username: "test",
      password: "test",
      ...inputs,
    });
  const s3 = (inputs: Record<string, unknown> = {}) =>
    res(T.DMS_S3_ENDPOINT, "target", {
      endpointId: "donnedtipi",
      endpointType: "target",
      bucketName: "bucket_name",
      serviceAccessRoleArn: "arn:aws:iam::123456789012:role/dms",
      kmsKeyArn: KEY_ARN,
      ...inputs,
    });

  describe("Compliance", () => {
    it("CKV_AWS_296 / CKV_AWS_298 passing fixtures: kmsKeyArn names a customer key", async () => {
      expect(await run(p, [endpoint({ kmsKeyArn: KEY_ARN }), s3()])).to.deep.equal(clean);
    });
    it("an S3 endpoint writing with SSE_KMS under a customer key", async () => {
      const r = s3({ encryptionMode: "SSE_KMS", serverSideEncryptionKmsKeyId: KEY_ARN });
      expect(await run(p, [r])).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_296 failing fixture: an endpoint without kmsKeyArn (aws/dms)", async () => {
      expect((await run(p, [endpoint()])).violations).to.deep.equal([
        'source: DMS endpoint "source": no KMS key is set (the AWS-managed key aws/dms), not a customer-managed key.',
      ]);
    });
    it("CKV_AWS_298 failing fixture: an S3 endpoint without kmsKeyArn; SSE_S3 or SSE_KMS without a key", async () => {
      expect((await run(p, [s3({ kmsKeyArn: undefined })])).violations).to.have.length(1);
      expect((await run(p, [s3({ encryptionMode: "SSE_S3" })])).violations).to.deep.equal([
        'target: DMS S3 endpoint "target": encryptionMode is SSE_S3: the migrated data is written without a KMS key.',
      ]);
      expect((await run(p, [s3({ encryptionMode: "SSE_KMS" })])).violations).to.have.length(1);
    });
  });
});
