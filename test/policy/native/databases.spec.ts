// aws-native databases, caches, FSx file systems, SageMaker, AppFlow and Image Builder resources
// (policy-pack/lib/native/twins-stores.ts), and RDS Performance Insights, judged by their
// customer-managed key rules: a compliant resource passes; each case then breaks one field, and a
// value unknown at preview is a preview note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, res, violationsOf } from "../fixture";
import { Case, key, KEY_ARN, runCases } from "./cases";

const ebs = (over: Record<string, unknown> = {}) => [
  { deviceName: "/dev/xvda", ebs: { encrypted: true, kmsKeyId: KEY_ARN, volumeSize: 30, ...over } },
];

const cases: Case[] = [
  ...[n.NATIVE_DOCDB_DB_CLUSTER, n.NATIVE_DOCDB_DB_CLUSTER_V0].map((type): Case => ({
    rule: "docdb-cluster-kms-cmk",
    type,
    inputs: { storageEncrypted: true, kmsKeyId: KEY_ARN },
    prop: "kmsKeyId",
    keyed: true,
    broken: [
      [{ storageEncrypted: false }, "storageEncrypted is not true"],
      [{ kmsKeyId: undefined }, "aws/rds"],
    ],
  })),
  ...[n.NATIVE_NEPTUNE_DB_CLUSTER, n.NATIVE_NEPTUNE_DB_CLUSTER_V0].map((type): Case => ({
    rule: "neptune-cluster-kms-cmk",
    type,
    inputs: { storageEncrypted: true, kmsKeyId: KEY_ARN },
    prop: "kmsKeyId",
    keyed: true,
    broken: [
      [{ storageEncrypted: false }, "storageEncrypted is not true"],
      [{ kmsKeyId: "alias/aws/rds" }, "alias/aws/rds"],
    ],
  })),
  {
    rule: "memorydb-cluster-kms-cmk",
    type: n.NATIVE_MEMORYDB_CLUSTER,
    inputs: {
      clusterName: "sessions",
      nodeType: "db.r6g.large",
      aclName: "open",
      kmsKeyId: KEY_ARN,
    },
    prop: "kmsKeyId",
    keyed: true,
    broken: [[{ kmsKeyId: undefined }, 'MemoryDB cluster "s"']],
  },
  {
    rule: "elasticache-kms-cmk",
    type: n.NATIVE_ELASTICACHE_REPLICATION_GROUP,
    inputs: {
      replicationGroupDescription: "sessions",
      engine: "redis",
      atRestEncryptionEnabled: true,
      kmsKeyId: KEY_ARN,
    },
    prop: "kmsKeyId",
    keyed: true,
    broken: [
      [{ atRestEncryptionEnabled: false }, "atRestEncryptionEnabled is not true"],
      [{ kmsKeyId: undefined }, "aws/elasticache"],
    ],
  },
  {
    rule: "elasticache-kms-cmk",
    type: n.NATIVE_ELASTICACHE_SERVERLESS_CACHE,
    inputs: { serverlessCacheName: "sessions", engine: "valkey", kmsKeyId: KEY_ARN },
    prop: "kmsKeyId",
    keyed: true,
    broken: [[{ kmsKeyId: undefined }, "an AWS-owned key"]],
  },
  {
    rule: "elasticache-kms-cmk",
    type: n.NATIVE_ELASTICACHE_CACHE_CLUSTER,
    inputs: { engine: "memcached", cacheNodeType: "cache.t4g.micro", numCacheNodes: 1 },
    prop: "engine",
    broken: [[{ engine: "redis" }, "cannot encrypt its data at rest"]],
  },
  {
    rule: "dms-endpoint-kms-cmk",
    type: n.NATIVE_DMS_ENDPOINT,
    inputs: { endpointType: "source", engineName: "postgres", kmsKeyId: KEY_ARN },
    prop: "kmsKeyId",
    keyed: true,
    broken: [[{ kmsKeyId: undefined }, "aws/dms"]],
  },
  {
    rule: "sagemaker-kms-cmk",
    type: n.NATIVE_SAGEMAKER_ENDPOINT_CONFIG,
    inputs: {
      productionVariants: [{ variantName: "main", modelName: "m", instanceType: "ml.m5.large" }],
      kmsKeyId: KEY_ARN,
    },
    prop: "kmsKeyId",
    keyed: true,
    broken: [[{ kmsKeyId: undefined }, "AWS-managed key"]],
  },
  ...[
    [n.NATIVE_SAGEMAKER_NOTEBOOK_INSTANCE, { instanceType: "ml.t3.medium", roleArn: "r" }],
    [n.NATIVE_SAGEMAKER_DOMAIN, { domainName: "studio", authMode: "IAM" }],
  ].map(([type, inputs]): Case => ({
    rule: "sagemaker-kms-cmk",
    type: type as string,
    inputs: { ...(inputs as object), kmsKeyId: KEY_ARN },
    prop: "kmsKeyId",
    keyed: true,
    broken: [[{ kmsKeyId: undefined }, "AWS-managed key"]],
  })),
  // The key as 1.x SDKs spell it (kmsArn) and as 0.x ones did (kMSArn).
  ...[n.NATIVE_APPFLOW_FLOW, n.NATIVE_APPFLOW_CONNECTOR_PROFILE].flatMap((type) =>
    ["kmsArn", "kMSArn"].map((prop): Case => ({
      rule: "appflow-kms-cmk",
      type,
      inputs: { connectorType: "Salesforce", [prop]: KEY_ARN },
      prop,
      keyed: true,
      broken: [[{ [prop]: undefined }, "aws/appflow"]],
    })),
  ),
  ...[n.NATIVE_IMAGEBUILDER_COMPONENT, n.NATIVE_IMAGEBUILDER_WORKFLOW].map((type): Case => ({
    rule: "imagebuilder-kms-cmk",
    type,
    inputs: { name: "hardening", version: "1.0.0", platform: "Linux", kmsKeyId: KEY_ARN },
    prop: "kmsKeyId",
    keyed: true,
    broken: [[{ kmsKeyId: undefined }, "a key Image Builder chooses"]],
  })),
  {
    rule: "imagebuilder-kms-cmk",
    type: n.NATIVE_IMAGEBUILDER_IMAGE_RECIPE,
    inputs: { name: "base", version: "1.0.0", blockDeviceMappings: ebs() },
    prop: "blockDeviceMappings",
    keyed: true,
    broken: [
      [{ blockDeviceMappings: ebs({ encrypted: false }) }, "ebs.encrypted is not true"],
      [{ blockDeviceMappings: ebs({ kmsKeyId: undefined }) }, "aws/ebs"],
    ],
  },
  {
    rule: "imagebuilder-kms-cmk",
    type: n.NATIVE_IMAGEBUILDER_DISTRIBUTION_CONFIGURATION,
    inputs: {
      name: "amis",
      distributions: [{ region: "us-west-2", amiDistributionConfiguration: { kmsKeyId: KEY_ARN } }],
    },
    prop: "distributions",
    keyed: true,
    broken: [
      [
        { distributions: [{ region: "us-west-2", amiDistributionConfiguration: {} }] },
        "distribution us-west-2 amiDistributionConfiguration.kmsKeyId",
      ],
    ],
  },
  ...[
    ["ONTAP", {}],
    ["LUSTRE", { lustreConfiguration: { deploymentType: "PERSISTENT_2" } }],
  ].map(([fileSystemType, extra]): Case => ({
    rule: "fsx-file-system-kms-cmk",
    type: n.NATIVE_FSX_FILE_SYSTEM,
    inputs: { fileSystemType, subnetIds: ["subnet-1"], kmsKeyId: KEY_ARN, ...(extra as object) },
    prop: "kmsKeyId",
    keyed: true,
    broken: [[{ kmsKeyId: undefined }, "aws/fsx"]],
  })),
  ...[n.NATIVE_RDS_DB_INSTANCE, n.NATIVE_RDS_DB_CLUSTER].map((type): Case => {
    const on =
      type === n.NATIVE_RDS_DB_INSTANCE
        ? "enablePerformanceInsights"
        : "performanceInsightsEnabled";
    return {
      rule: "rds-performance-insights-kms-cmk",
      type,
      inputs: { engine: "postgres", [on]: true, performanceInsightsKmsKeyId: KEY_ARN },
      prop: "performanceInsightsKmsKeyId",
      keyed: true,
      broken: [[{ performanceInsightsKmsKeyId: undefined }, "aws/rds"]],
    };
  }),
];

runCases("aws-native databases, caches and build services held to their key rules", cases);

describe("aws-native Image Builder container recipes and RDS instances of earlier releases", () => {
  it("an FSx for Lustre scratch file system (the default deployment) takes no key: no finding", async () => {
    const scratch = res(n.NATIVE_FSX_FILE_SYSTEM, "s", {
      fileSystemType: "LUSTRE",
      subnetIds: ["subnet-1"],
    });
    await expectClean(policy("fsx-file-system-kms-cmk"), [scratch]);
  });

  it("a container recipe names its key and encrypts its build disks", async () => {
    const recipe = (over: Record<string, unknown>) =>
      res(
        n.NATIVE_IMAGEBUILDER_CONTAINER_RECIPE,
        "s",
        {
          name: "app",
          version: "1.0.0",
          containerType: "DOCKER",
          kmsKeyId: KEY_ARN,
          instanceConfiguration: { blockDeviceMappings: ebs() },
          ...over,
        },
        { refs: { kmsKeyId: [key], instanceConfiguration: [key] } },
      );
    await expectClean(policy("imagebuilder-kms-cmk"), [key, recipe({})]);
    const found = await violationsOf("imagebuilder-kms-cmk", [
      key,
      recipe({ instanceConfiguration: { blockDeviceMappings: ebs({ encrypted: false }) } }),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("block device /dev/xvda: ebs.encrypted is not true");
  });

  it("a DBInstance spells the Performance Insights key performanceInsightsKMSKeyId", async () => {
    const db = (over: Record<string, unknown>) =>
      res(
        n.NATIVE_RDS_DB_INSTANCE_V0,
        "s",
        { engine: "postgres", enablePerformanceInsights: true, ...over },
        { refs: { performanceInsightsKMSKeyId: [key] } },
      );
    await expectClean(policy("rds-performance-insights-kms-cmk"), [
      key,
      db({ performanceInsightsKMSKeyId: KEY_ARN }),
    ]);
    const found = await violationsOf("rds-performance-insights-kms-cmk", [key, db({})]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("aws/rds");
  });
});
