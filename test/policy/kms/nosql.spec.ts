// Key-value and cache store encryption with customer-managed keys (DynamoDB, ElastiCache,
// MemoryDB), from the third parties' own fixtures translated to Pulumi inputs. DAX, Keyspaces,
// Timestream and QLDB: ./nosql-services.spec.ts.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import * as T from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import {
  awsManaged,
  KEY_ARN,
  keyFixtures,
  policyNamed,
  run,
  UNKNOWN,
  withStackKey,
} from "../fixtures/kms";
import { table as gameScores } from "../fixtures/third-party/storage.resources";

describe("dynamodb-table-kms-cmk", () => {
  const p = policyNamed(policies, "dynamodb-table-kms-cmk");
  const base = gameScores;
  const { compliant, plain: table } = keyFixtures(
    T.DYNAMODB_TABLE,
    "scores",
    base,
    { serverSideEncryption: { enabled: true, kmsKeyArn: UNKNOWN } },
    ["serverSideEncryption", "replicas"],
  );

  describe("Compliance", () => {
    it("Trivy AWS-0025 good example: kms_key_arn from a key of the stack", async () => {
      expect(await run(p, compliant())).to.deep.equal(clean);
    });
    it("CKV_AWS_119 passing fixture 'cmk': a literal customer key ARN", async () => {
      const r = table({ serverSideEncryption: { enabled: true, kmsKeyArn: KEY_ARN } });
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("replicas with their own customer keys, and a TableReplica with one (CKV_AWS_271 pass)", async () => {
      const replicas = [
        { regionName: "us-east-2", kmsKeyArn: UNKNOWN },
        { regionName: "us-west-2", kmsKeyArn: UNKNOWN },
      ];
      expect(await run(p, compliant({ replicas }))).to.deep.equal(clean);
      const replica = withStackKey(
        T.DYNAMODB_TABLE_REPLICA,
        "replica",
        { globalTableArn: UNKNOWN, kmsKeyArn: UNKNOWN },
        ["kmsKeyArn"],
      );
      expect(await run(p, replica)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_119 'default' / KICS 'DynamoDB Table Not Encrypted' / Trivy AWS-0025 bad example: no SSE (AWS-owned key)", async () => {
      expect((await run(p, table({}))).violations).to.deep.equal([
        'scores: DynamoDB table "scores": serverSideEncryption is not enabled: the table uses an AWS-owned key.',
      ]);
    });
    it("CKV_AWS_119 'encrypted_false' / KICS example_2: enabled = false", async () => {
      const r = await run(p, table({ serverSideEncryption: { enabled: false } }));
      expect(r.violations).to.have.length(1);
    });
    it("CKV_AWS_119 'encrypted_no_cmk' / KICS negative1 (enabled, no key) is the AWS-managed key", async () => {
      const r = await run(p, table({ serverSideEncryption: { enabled: true } }));
      expect(r.violations).to.deep.equal([
        'scores: DynamoDB table "scores" serverSideEncryption.kmsKeyArn: no KMS key is set (the AWS-managed key aws/dynamodb), not a customer-managed key.',
      ]);
    });
    it("a replica without its own key uses aws/dynamodb in its region", async () => {
      const replicas = [
        { regionName: "us-east-2", kmsKeyArn: UNKNOWN },
        { regionName: "us-west-2" },
      ];
      expect((await run(p, compliant({ replicas }))).violations).to.deep.equal([
        'scores: DynamoDB table "scores" replica us-west-2: no KMS key is set (the AWS-managed key aws/dynamodb), not a customer-managed key.',
      ]);
    });
    it("CKV_AWS_271 failing fixture: a TableReplica without kms_key_arn", async () => {
      const r = await run(p, [
        res(T.DYNAMODB_TABLE_REPLICA, "replica", { globalTableArn: UNKNOWN }),
      ]);
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("elasticache-kms-cmk", () => {
  const p = policyNamed(policies, "elasticache-kms-cmk");
  const base = {
    automaticFailoverEnabled: true,
    replicationGroupId: "tf-rep-group-1",
    description: "test description",
    nodeType: "cache.m4.large",
    numCacheClusters: 2,
    port: 6379,
  };
  const { compliant, plain: group } = keyFixtures(
    T.ELASTICACHE_REPLICATION_GROUP,
    "cache",
    base,
    { atRestEncryptionEnabled: true, kmsKeyId: UNKNOWN },
    ["kmsKeyId"],
  );

  describe("Compliance", () => {
    it("at-rest encryption with a key of the stack", async () => {
      expect(await run(p, compliant())).to.deep.equal(clean);
    });
    it("valkey encrypts at rest by default: only the key is asked for", async () => {
      const r = group({ engine: "valkey", kmsKeyId: KEY_ARN });
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("a serverless cache with a key of the stack", async () => {
      const r = withStackKey(
        T.ELASTICACHE_SERVERLESS_CACHE,
        "sls",
        { engine: "redis", kmsKeyId: UNKNOWN },
        ["kmsKeyId"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_29 / KICS 'ElastiCache Replication Group Not Encrypted At Rest' example: unset", async () => {
      expect((await run(p, group({}))).violations).to.deep.equal([
        'cache: ElastiCache replication group "cache": atRestEncryptionEnabled is not true: nodes and backups are stored unencrypted.',
      ]);
    });
    it("KICS example2 / Trivy AWS-0045 bad example: at_rest_encryption_enabled = false", async () => {
      expect((await run(p, group({ atRestEncryptionEnabled: false }))).violations).to.have.length(
        1,
      );
    });
    it("CKV_AWS_191 non-compliant example / KICS example3: at rest without kms_key_id", async () => {
      expect((await run(p, group({ atRestEncryptionEnabled: true }))).violations).to.have.length(1);
    });
    it("a serverless cache without a key (AWS-owned)", async () => {
      const r = await run(p, [res(T.ELASTICACHE_SERVERLESS_CACHE, "sls", { engine: "redis" })]);
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("memorydb-cluster-kms-cmk", () => {
  const p = policyNamed(policies, "memorydb-cluster-kms-cmk");
  const base = { aclName: "open-access", nodeType: "db.t4g.small", name: "my-cluster" };

  describe("Compliance", () => {
    it("CKV_AWS_201 passing fixture: kms_key_arn from a key of the stack", async () => {
      const r = withStackKey(T.MEMORYDB_CLUSTER, "mem", { ...base, kmsKeyArn: UNKNOWN }, [
        "kmsKeyArn",
      ]);
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("CKV_AWS_278 passing fixture: a snapshot with kms_key_arn", async () => {
      const r = [
        res(T.MEMORYDB_SNAPSHOT, "snap", {
          clusterName: "my-cluster",
          name: "snap",
          kmsKeyArn: KEY_ARN,
        }),
      ];
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_201 failing fixture: no kms_key_arn", async () => {
      expect((await run(p, [res(T.MEMORYDB_CLUSTER, "mem", base)])).violations).to.have.length(1);
    });
    it("CKV_AWS_278 failing fixture: a snapshot without kms_key_arn, or with the AWS-managed alias", async () => {
      const r = [
        res(T.MEMORYDB_SNAPSHOT, "snap", { clusterName: "my-cluster", name: "snap" }),
        res(T.MEMORYDB_SNAPSHOT, "managed", {
          clusterName: "my-cluster",
          kmsKeyArn: awsManaged("memorydb"),
        }),
      ];
      const found = (await run(p, r)).violations;
      expect(found).to.have.length(2);
      expect(found[0]).to.contain('MemoryDB snapshot "snap"');
    });
  });
});

describe("elasticache-kms-cmk: cache clusters", () => {
  const p = policyNamed(policies, "elasticache-kms-cmk");
  const cluster = (inputs: Record<string, unknown>) => [
    res(T.ELASTICACHE_CLUSTER, "node", { nodeType: "cache.t3.micro", numCacheNodes: 1, ...inputs }),
  ];
  it("a member of a replication group takes the group's encryption", async () => {
    expect(await run(p, cluster({ replicationGroupId: "orders" }))).to.deep.equal(clean);
  });
  it("Memcached keeps its data in memory only", async () => {
    expect(await run(p, cluster({ engine: "memcached" }))).to.deep.equal(clean);
  });
  it("a standalone Redis OSS or Valkey cluster cannot encrypt at rest", async () => {
    for (const engine of ["redis", "valkey"]) {
      expect((await run(p, cluster({ engine }))).violations, engine).to.deep.equal([
        `node: ElastiCache cache cluster "node": a ${engine} cache cluster outside a replication group cannot encrypt its data at rest (disk during sync and swap, backups).`,
      ]);
    }
  });
});
