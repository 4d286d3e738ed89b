// DAX, Keyspaces, Timestream and QLDB encryption with customer-managed keys (or encryption on,
// where the service takes no key), from the third parties' own fixtures translated to Pulumi
// inputs. DynamoDB, ElastiCache and MemoryDB: ./nosql.spec.ts.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import * as T from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import {
  awsManaged,
  KEY_ARN,
  policyNamed,
  run,
  stackKey,
  UNKNOWN,
  withStackKey,
} from "../fixtures/kms";

describe("dax-cluster-encrypted", () => {
  const p = policyNamed(policies, "dax-cluster-encrypted");
  const base = {
    clusterName: "example",
    iamRoleArn: UNKNOWN,
    nodeType: "dax.r4.large",
    replicationFactor: 1,
  };
  const cluster = (inputs: Record<string, unknown>) => [
    res(T.DAX_CLUSTER, "dax", { ...base, ...inputs }),
  ];

  describe("Compliance", () => {
    it("CKV_AWS_47 'enabled' / Trivy AWS-0023 good example: server-side encryption on", async () => {
      expect(await run(p, cluster({ serverSideEncryption: { enabled: true } }))).to.deep.equal(
        clean,
      );
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_47 'default' / Trivy AWS-0023 bad example: no server_side_encryption", async () => {
      expect((await run(p, cluster({}))).violations).to.deep.equal([
        'dax: DAX cluster "dax": serverSideEncryption is not enabled: cached items are stored unencrypted.',
      ]);
    });
    it("Trivy AWS-0023 bad example: an empty server_side_encryption block", async () => {
      expect((await run(p, cluster({ serverSideEncryption: {} }))).violations).to.have.length(1);
    });
    it("CKV_AWS_47 'disabled': enabled = false", async () => {
      const r = await run(p, cluster({ serverSideEncryption: { enabled: false } }));
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("keyspaces-table-kms-cmk", () => {
  const p = policyNamed(policies, "keyspaces-table-kms-cmk");
  const base = {
    keyspaceName: "example",
    tableName: "my_table",
    schemaDefinition: {
      columns: [{ name: "Message", type: "ASCII" }],
      partitionKeys: [{ name: "Message" }],
    },
  };
  const table = (inputs: Record<string, unknown>) => [
    res(T.KEYSPACES_TABLE, "table", { ...base, ...inputs }),
  ];

  describe("Compliance", () => {
    it("CKV_AWS_265 passing fixture: CUSTOMER_MANAGED_KMS_KEY with a key of the stack", async () => {
      const r = withStackKey(
        T.KEYSPACES_TABLE,
        "table",
        {
          ...base,
          encryptionSpecification: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyIdentifier: UNKNOWN },
        },
        ["encryptionSpecification"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_265 'fail': no encryption_specification (AWS-owned key)", async () => {
      expect((await run(p, table({}))).violations).to.have.length(1);
    });
    it("CKV_AWS_265 'fail2': type AWS_OWNED_KMS_KEY", async () => {
      const r = await run(p, table({ encryptionSpecification: { type: "AWS_OWNED_KMS_KEY" } }));
      expect(r.violations).to.deep.equal([
        'table: Keyspaces table "table": encryptionSpecification.type is AWS_OWNED_KMS_KEY, not a customer-managed key.',
      ]);
    });
    it("CUSTOMER_MANAGED_KMS_KEY without a key identifier", async () => {
      const spec = { type: "CUSTOMER_MANAGED_KMS_KEY" };
      expect((await run(p, table({ encryptionSpecification: spec }))).violations).to.have.length(1);
    });
  });
});

describe("timestream-database-kms-cmk", () => {
  const p = policyNamed(policies, "timestream-database-kms-cmk");

  describe("Compliance", () => {
    it("CKV_AWS_160 passing fixture: kms_key_id from a key of the stack", async () => {
      const r = withStackKey(
        T.TIMESTREAM_DATABASE,
        "ts",
        { databaseName: "db", kmsKeyId: UNKNOWN },
        ["kmsKeyId"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_160 failing fixture: no kms_key_id (aws/timestream)", async () => {
      const r = await run(p, [res(T.TIMESTREAM_DATABASE, "ts", { databaseName: "db" })]);
      expect(r.violations).to.have.length(1);
    });
    it("the literal alias/aws/timestream", async () => {
      const r = await run(p, [
        res(T.TIMESTREAM_DATABASE, "ts", {
          databaseName: "db",
          kmsKeyId: awsManaged("timestream"),
        }),
      ]);
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("timestream-scheduled-query-kms-cmk", () => {
  const p = policyNamed(policies, "timestream-scheduled-query-kms-cmk");
  // The provider's own example (aws.timestreamquery.ScheduledQuery, "Basic Usage"), with a key.
  const base = {
    name: "example",
    queryString: "SELECT region, az, hostname, BIN(time, 15s) AS binned_timestamp FROM db.tbl",
    scheduledQueryExecutionRoleArn: UNKNOWN,
    scheduleConfiguration: { scheduleExpression: "rate(1 hour)" },
    notificationConfiguration: { snsConfiguration: { topicArn: UNKNOWN } },
  };
  const report = (encryptionOption?: string) => ({
    s3Configuration: { bucketName: "error-reports", ...(encryptionOption && { encryptionOption }) },
  });
  const query = (inputs: Record<string, unknown>) =>
    res(T.TIMESTREAM_SCHEDULED_QUERY, "query", { ...base, ...inputs });

  describe("Compliance", () => {
    it("kmsKeyId from a key of the stack and SSE_KMS error reports", async () => {
      const r = withStackKey(
        T.TIMESTREAM_SCHEDULED_QUERY,
        "query",
        { ...base, kmsKeyId: UNKNOWN, errorReportConfiguration: report("SSE_KMS") },
        ["kmsKeyId"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("a literal customer key ARN", async () => {
      const r = [query({ kmsKeyId: KEY_ARN, errorReportConfiguration: report("SSE_KMS") })];
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("the provider example: no kmsKeyId (a Timestream-owned key), no encryptionOption (SSE_S3)", async () => {
      const r = await run(p, [query({ errorReportConfiguration: report() })]);
      expect(r.violations).to.have.members([
        'query: Timestream scheduled query "query": no KMS key is set (a Timestream-owned key), not a customer-managed key.',
        'query: Timestream scheduled query "query": errorReportConfiguration.s3Configuration.encryptionOption is not set, and Timestream writes error reports with SSE_S3, not the query\'s customer-managed key.',
      ]);
    });
    it("a customer key, but error reports with SSE_S3 written out", async () => {
      const r = await run(p, [
        query({ kmsKeyId: KEY_ARN, errorReportConfiguration: report("SSE_S3") }),
      ]);
      expect(r.violations).to.deep.equal([
        'query: Timestream scheduled query "query": errorReportConfiguration.s3Configuration.encryptionOption is SSE_S3, not SSE_KMS: error reports are not encrypted with the query\'s customer-managed key.',
      ]);
    });
    it("SSE_KMS under the AWS-managed alias/aws/timestream", async () => {
      const r = await run(p, [
        query({ kmsKeyId: awsManaged("timestream"), errorReportConfiguration: report("SSE_KMS") }),
      ]);
      expect(r.violations).to.have.length(1);
      expect(r.violations[0]).to.contain("not a customer-managed key");
    });
  });
});

describe("qldb-ledger-kms-cmk", () => {
  const p = policyNamed(policies, "qldb-ledger-kms-cmk");
  const base = { name: "ledger", permissionsMode: "STANDARD" };

  describe("Compliance", () => {
    it("a key of the stack", async () => {
      const key = stackKey();
      const r = [
        key,
        res(T.QLDB_LEDGER, "ledger", { ...base, kmsKey: UNKNOWN }, { refs: { kmsKey: [key] } }),
      ];
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("kms_key = 'AWS_OWNED_KMS_KEY' and unset", async () => {
      const owned = await run(p, [
        res(T.QLDB_LEDGER, "ledger", { ...base, kmsKey: "AWS_OWNED_KMS_KEY" }),
      ]);
      expect(owned.violations).to.deep.equal([
        'ledger: QLDB ledger "ledger": it uses an AWS-owned key (AWS_OWNED_KMS_KEY), not a customer-managed key.',
      ]);
      expect((await run(p, [res(T.QLDB_LEDGER, "ledger", base)])).violations).to.have.length(1);
    });
  });
});
