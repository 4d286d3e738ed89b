// ElastiCache replication groups and DAX clusters: the compliant caches pass, and each field the
// third parties' fixtures break (Checkov CKV_AWS_30, CKV_AWS_31, CKV_AWS_239, CKV2_AWS_50; Trivy
// AWS-0051) draws a finding.
import { expect } from "chai";
import {
  DAX_CLUSTER,
  ELASTICACHE_CLUSTER,
  ELASTICACHE_REPLICATION_GROUP,
} from "../../../policy-pack/lib/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf as one } from "../fixture";

const group = (over: Record<string, unknown> = {}) =>
  res(ELASTICACHE_REPLICATION_GROUP, "example", {
    replicationGroupId: "tf-rep-group-1",
    description: "example description",
    nodeType: "cache.m4.large",
    numCacheClusters: 2,
    port: 6379,
    atRestEncryptionEnabled: true,
    kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/1",
    transitEncryptionEnabled: true,
    userGroupIds: ["app-users"],
    snapshotRetentionLimit: 7,
    automaticFailoverEnabled: true,
    multiAzEnabled: true,
    ...over,
  });

const dax = (over: Record<string, unknown> = {}) =>
  res(DAX_CLUSTER, "bar", {
    clusterName: "cluster-example",
    iamRoleArn: "arn:aws:iam::123456789012:role/dax",
    nodeType: "dax.r4.large",
    replicationFactor: 1,
    serverSideEncryption: { enabled: true },
    clusterEndpointEncryptionType: "TLS",
    ...over,
  });

describe("elasticache-replication-group-transit-encryption", () => {
  const name = "elasticache-replication-group-transit-encryption";
  it("CKV_AWS_30 / Trivy AWS-0051 bad: transitEncryptionEnabled false or left out", async () => {
    expect(await one(name, [group({ transitEncryptionEnabled: false })])).to.deep.equal([
      "example: transitEncryptionEnabled is not true: clients and replicas talk in plaintext.",
    ]);
    expect(await one(name, [group({ transitEncryptionEnabled: undefined })])).to.have.length(1);
  });
  it('"preferred" mode still accepts plaintext clients', async () => {
    expect(await one(name, [group({ transitEncryptionMode: "preferred" })])).to.have.length(1);
    expect(await one(name, [group({ transitEncryptionMode: "required" })])).to.deep.equal([]);
  });
  it("a global datastore member takes the primary's settings", async () => {
    expect(
      await one(name, [
        group({ transitEncryptionEnabled: undefined, globalReplicationGroupId: "ldgnf-example" }),
      ]),
    ).to.deep.equal([]);
  });
});

describe("elasticache-replication-group-authentication", () => {
  const name = "elasticache-replication-group-authentication";
  it("CKV_AWS_31 bad: no auth token (nor user group), or credentials without TLS", async () => {
    expect(await one(name, [group({ userGroupIds: undefined })])).to.deep.equal([
      "example: neither authToken nor userGroupIds is set: clients connect without credentials.",
    ]);
    expect(
      await one(name, [
        group({
          userGroupIds: undefined,
          authToken: "abcdefgh1234567890",
          transitEncryptionEnabled: false,
        }),
      ]),
    ).to.have.length(1);
  });
  it("CKV_AWS_31 good: TLS with an auth token; RBAC user groups count too", async () => {
    expect(
      await one(name, [group({ userGroupIds: undefined, authToken: "abcdefgh1234567890" })]),
    ).to.deep.equal([]);
  });
  it("a user group of the stack, unknown at preview, passes without a note", async () => {
    const g = group({ userGroupIds: [UNKNOWN] });
    expect(await one(name, [g])).to.deep.equal([]);
    expect(await previewNotes(policy(name), [g])).to.deep.equal([]);
  });
});

describe("elasticache-backup-retention", () => {
  const name = "elasticache-backup-retention";
  // Trivy AWS-0050 / Checkov CKV_AWS_134 fixtures: aws_elasticache_cluster "example" (redis,
  // cache.m4.large) with snapshot_retention_limit 0 or left out (bad), 5 (good).
  const cluster = (over: Record<string, unknown> = {}) =>
    res(ELASTICACHE_CLUSTER, "example", {
      clusterId: "cluster-example",
      engine: "redis",
      nodeType: "cache.m4.large",
      numCacheNodes: 1,
      parameterGroupName: "default.redis3.2",
      engineVersion: "3.2.10",
      port: 6379,
      ...over,
    });
  it("Trivy AWS-0050 / CKV_AWS_134 bad: retention 0, or left out, on a cluster or a group", async () => {
    expect(await one(name, [cluster({ snapshotRetentionLimit: 0 })])).to.deep.equal([
      "example: snapshotRetentionLimit is 0: automatic backups are off.",
    ]);
    expect(await one(name, [cluster()])).to.deep.equal([
      "example: snapshotRetentionLimit is not set (0): automatic backups are off.",
    ]);
    expect(await one(name, [group({ snapshotRetentionLimit: undefined })])).to.have.length(1);
  });
  it("Trivy AWS-0050 / CKV_AWS_134 good: retention 5; memcached and group members are not judged", async () => {
    expect(await one(name, [cluster({ snapshotRetentionLimit: 5 })])).to.deep.equal([]);
    expect(
      await one(name, [cluster({ engine: "memcached", nodeType: "cache.m4.large" })]),
    ).to.deep.equal([]);
    expect(
      await one(name, [cluster({ replicationGroupId: "tf-rep-group-1", engine: undefined })]),
    ).to.deep.equal([]);
  });
});

describe("dax-cluster-endpoint-tls", () => {
  const name = "dax-cluster-endpoint-tls";
  it("CKV_AWS_239 bad: NONE, or left out", async () => {
    expect(await one(name, [dax({ clusterEndpointEncryptionType: "NONE" })])).to.deep.equal([
      "bar: clusterEndpointEncryptionType is NONE: the endpoint does not use TLS.",
    ]);
    expect(await one(name, [dax({ clusterEndpointEncryptionType: undefined })])).to.have.length(1);
  });
});

describe("elasticache-replication-group-automatic-failover", () => {
  const name = "elasticache-replication-group-automatic-failover";
  const azs = {
    preferredCacheClusterAzs: ["us-west-2a", "us-west-2b"],
    parameterGroupName: "default.redis3.2",
  };
  it("CKV2_AWS_50 fail_1, fail_2: automatic_failover_enabled left out, or false", async () => {
    expect(await one(name, [group({ ...azs, automaticFailoverEnabled: undefined })])).to.deep.equal(
      [
        "example: automaticFailoverEnabled is not set (default false): no replica takes over when the primary fails.",
      ],
    );
    expect(await one(name, [group({ ...azs, automaticFailoverEnabled: false })])).to.deep.equal([
      "example: automaticFailoverEnabled is false: no replica takes over when the primary fails.",
    ]);
  });
  it("CKV2_AWS_50 pass: true, over two cache clusters in two AZs", async () => {
    expect(await one(name, [group(azs)])).to.deep.equal([]);
  });
});

describe("cache rules: the compliant caches", () => {
  it("pass every rule, all advisory", async () => {
    for (const name of [
      "elasticache-replication-group-transit-encryption",
      "elasticache-replication-group-authentication",
      "elasticache-backup-retention",
      "elasticache-replication-group-automatic-failover",
      "dax-cluster-endpoint-tls",
    ]) {
      await expectClean(policy(name), [group(), dax()]);
      expect(policy(name).enforcementLevel).to.equal("advisory");
    }
  });
});
