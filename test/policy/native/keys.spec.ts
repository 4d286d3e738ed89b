// Customer-managed KMS keys on aws-native resources judged by rules that listed one classic type: a
// backup vault (encryptionKeyArn; its view is a vault policy, for the resource-policy rules), an
// EventBridge event bus (kmsKeyIdentifier; seen as a bus policy), an OpenSearch domain
// (encryptionAtRestOptions), a Lambda function's environment (kmsKeyArn), an EKS cluster's secrets
// (the encryptionConfig list), an ECS cluster's ECS Exec sessions (s3EncryptionEnabled), a
// CloudTrail trail (kmsKeyId, or kMSKeyId in 0.x SDKs) and Lake event data store, an ActiveMQ broker (encryptionOptions), a
// Redshift cluster, a DMS replication instance (kmsKeyId, the classic kmsKeyArn), an MSK cluster
// (encryptionInfo.encryptionAtRest), a Firehose stream (deliveryStreamEncryptionConfigurationInput),
// a CodeBuild project (encryptionKey, encryptionDisabled on artifacts and S3 logs) and a CodePipeline
// pipeline (artifactStore or artifactStores). Each compliant resource passes; each is then broken one
// field at a time, and the finding names the native property.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const key = res(n.NATIVE_KMS_KEY, "data-key", { enableKeyRotation: true });
const store = (type: string, inputs: Record<string, unknown>, prop: string) =>
  res(type, "s", inputs, { refs: { [prop]: [key] } });

interface Case {
  readonly rule: string;
  readonly type: string;
  readonly inputs: Record<string, unknown>;
  readonly prop: string;
  /** One field at a time: the broken inputs, and fragments of the finding. */
  readonly broken: [Record<string, unknown>, string[]][];
}

const cases: Case[] = [
  {
    rule: "backup-vault-cmk",
    type: n.NATIVE_BACKUP_VAULT,
    inputs: { backupVaultName: "vault", encryptionKeyArn: KEY_ARN },
    prop: "encryptionKeyArn",
    broken: [
      [{ encryptionKeyArn: undefined }, ['backup vault "s"', "aws/backup"]],
      [{ encryptionKeyArn: "alias/aws/backup" }, ["alias/aws/backup"]],
    ],
  },
  {
    rule: "eventbridge-event-bus-kms-cmk",
    type: n.NATIVE_EVENTS_EVENT_BUS,
    inputs: { name: "orders", kmsKeyIdentifier: KEY_ARN },
    prop: "kmsKeyIdentifier",
    broken: [[{ kmsKeyIdentifier: undefined }, ['EventBridge event bus "s"', "AWS-owned key"]]],
  },
  {
    rule: "opensearch-domain-kms-cmk",
    type: n.NATIVE_OPENSEARCH_DOMAIN,
    inputs: { encryptionAtRestOptions: { enabled: true, kmsKeyId: KEY_ARN } },
    prop: "encryptionAtRestOptions",
    broken: [
      [{ encryptionAtRestOptions: undefined }, ["encryptionAtRestOptions is not enabled"]],
      [
        { encryptionAtRestOptions: { enabled: true } },
        ["encryptionAtRestOptions.kmsKeyId", "aws/es"],
      ],
    ],
  },
  {
    rule: "lambda-function-environment-kms-cmk",
    type: n.NATIVE_LAMBDA_FUNCTION,
    inputs: { environment: { variables: { LOG_LEVEL: "info" } }, kmsKeyArn: KEY_ARN },
    prop: "kmsKeyArn",
    broken: [[{ kmsKeyArn: undefined }, ['Lambda function "s"', "aws/lambda"]]],
  },
  {
    rule: "eks-cluster-secrets-kms-cmk",
    type: n.NATIVE_EKS_CLUSTER,
    inputs: { encryptionConfig: [{ resources: ["secrets"], provider: { keyArn: KEY_ARN } }] },
    prop: "encryptionConfig",
    broken: [
      [{ encryptionConfig: undefined }, ['EKS cluster "s"', "does not cover secrets"]],
      [
        { encryptionConfig: [{ resources: ["secrets"], provider: { keyArn: "alias/aws/eks" } }] },
        ["encryptionConfig.provider.keyArn", "alias/aws/eks"],
      ],
    ],
  },
  {
    rule: "ecs-cluster-exec-kms-cmk",
    type: n.NATIVE_ECS_CLUSTER,
    inputs: {
      configuration: {
        executeCommandConfiguration: {
          kmsKeyId: KEY_ARN,
          logging: "OVERRIDE",
          logConfiguration: { s3BucketName: "exec-logs", s3EncryptionEnabled: true },
        },
      },
    },
    prop: "configuration",
    broken: [
      [
        {
          configuration: {
            executeCommandConfiguration: {
              kmsKeyId: KEY_ARN,
              logging: "OVERRIDE",
              logConfiguration: { s3BucketName: "exec-logs", s3EncryptionEnabled: false },
            },
          },
        },
        ['ECS cluster "s"', "neither cloudWatchEncryptionEnabled nor s3EncryptionEnabled"],
      ],
      [
        { configuration: { executeCommandConfiguration: { logging: "DEFAULT" } } },
        ["configuration.executeCommandConfiguration.kmsKeyId", "TLS alone"],
      ],
    ],
  },
  // The key as 1.x SDKs spell it (kmsKeyId) and as 0.x ones did (kMSKeyId).
  ...["kmsKeyId", "kMSKeyId"].map((prop): Case => ({
    rule: "cloudtrail-kms-cmk",
    type: n.NATIVE_CLOUDTRAIL_TRAIL,
    inputs: { isLogging: true, s3BucketName: "trail-logs", [prop]: KEY_ARN },
    prop,
    broken: [
      [{ [prop]: undefined }, ['CloudTrail trail "s"', "SSE-S3"]],
      [{ [prop]: "alias/aws/cloudtrail" }, ["alias/aws/cloudtrail"]],
    ],
  })),
  {
    rule: "cloudtrail-kms-cmk",
    type: n.NATIVE_CLOUDTRAIL_EVENT_DATA_STORE,
    inputs: { multiRegionEnabled: true, kmsKeyId: KEY_ARN },
    prop: "kmsKeyId",
    broken: [[{ kmsKeyId: undefined }, ['CloudTrail event data store "s"', "AWS-owned key"]]],
  },
  {
    rule: "mq-broker-kms-cmk",
    type: n.NATIVE_AMAZONMQ_BROKER,
    inputs: {
      engineType: "ACTIVEMQ",
      encryptionOptions: { useAwsOwnedKey: false, kmsKeyId: KEY_ARN },
    },
    prop: "encryptionOptions",
    broken: [
      [{ encryptionOptions: undefined }, ['MQ broker "s"', "useAwsOwnedKey is not false"]],
      [{ encryptionOptions: { useAwsOwnedKey: false } }, ["encryptionOptions.kmsKeyId", "aws/mq"]],
    ],
  },
  {
    rule: "redshift-cluster-kms-cmk",
    type: n.NATIVE_REDSHIFT_CLUSTER,
    inputs: { nodeType: "ra3.xlplus", encrypted: true, kmsKeyId: KEY_ARN },
    prop: "kmsKeyId",
    broken: [
      [{ encrypted: false }, ['Redshift cluster "s"', "encrypted is false"]],
      [{ kmsKeyId: undefined }, ["aws/redshift"]],
    ],
  },
  {
    rule: "dms-replication-instance-kms-cmk",
    type: n.NATIVE_DMS_REPLICATION_INSTANCE,
    inputs: { replicationInstanceClass: "dms.t3.medium", kmsKeyId: KEY_ARN },
    prop: "kmsKeyId",
    broken: [
      [{ kmsKeyId: undefined }, ['DMS replication instance "s"', "aws/dms"]],
      [{ kmsKeyId: "alias/aws/dms" }, ["alias/aws/dms"]],
    ],
  },
  {
    rule: "codebuild-project-kms-cmk",
    type: n.NATIVE_CODEBUILD_PROJECT,
    inputs: {
      encryptionKey: KEY_ARN,
      artifacts: { type: "S3", location: "build-artifacts" },
      logsConfig: { s3Logs: { status: "ENABLED", location: "build-logs/build" } },
    },
    prop: "encryptionKey",
    broken: [
      [{ encryptionKey: undefined }, ['CodeBuild project "s"', "aws/s3"]],
      [{ encryptionKey: "alias/aws/s3" }, ["alias/aws/s3"]],
      [{ artifacts: { type: "S3", encryptionDisabled: true } }, ["encryptionDisabled: true"]],
      [
        { logsConfig: { s3Logs: { status: "ENABLED", encryptionDisabled: true } } },
        ["logsConfig.s3Logs"],
      ],
    ],
  },
  {
    rule: "msk-cluster-encryption-cmk",
    type: n.NATIVE_MSK_CLUSTER,
    inputs: {
      encryptionInfo: {
        encryptionAtRest: { dataVolumeKmsKeyId: KEY_ARN },
        encryptionInTransit: { clientBroker: "TLS", inCluster: true },
      },
    },
    prop: "encryptionInfo",
    broken: [
      [
        { encryptionInfo: undefined },
        ['MSK cluster "s" encryptionInfo.encryptionAtRest.dataVolumeKmsKeyId', "aws/kafka"],
      ],
      [
        {
          encryptionInfo: {
            encryptionAtRest: { dataVolumeKmsKeyId: KEY_ARN },
            encryptionInTransit: { clientBroker: "TLS_PLAINTEXT" },
          },
        },
        ["encryptionInTransit.clientBroker is TLS_PLAINTEXT"],
      ],
    ],
  },
  {
    rule: "firehose-delivery-stream-kms-cmk",
    type: n.NATIVE_FIREHOSE_DELIVERY_STREAM,
    inputs: {
      deliveryStreamType: "DirectPut",
      deliveryStreamEncryptionConfigurationInput: {
        keyType: "CUSTOMER_MANAGED_CMK",
        keyArn: KEY_ARN,
      },
    },
    prop: "deliveryStreamEncryptionConfigurationInput",
    broken: [
      [
        { deliveryStreamEncryptionConfigurationInput: undefined },
        ['Firehose stream "s"', "deliveryStreamEncryptionConfigurationInput is not enabled"],
      ],
      [
        { deliveryStreamEncryptionConfigurationInput: { keyType: "AWS_OWNED_CMK" } },
        ["deliveryStreamEncryptionConfigurationInput.keyType is AWS_OWNED_CMK"],
      ],
      [
        { deliveryStreamEncryptionConfigurationInput: { keyType: "CUSTOMER_MANAGED_CMK" } },
        ["deliveryStreamEncryptionConfigurationInput.keyArn", "needs keyArn"],
      ],
    ],
  },
  {
    rule: "codepipeline-artifact-store-kms-cmk",
    type: n.NATIVE_CODEPIPELINE_PIPELINE,
    inputs: {
      artifactStore: {
        type: "S3",
        location: "pipeline-artifacts",
        encryptionKey: { type: "KMS", id: KEY_ARN },
      },
    },
    prop: "artifactStore",
    broken: [
      [
        { artifactStore: { type: "S3", location: "pipeline-artifacts" } },
        ['CodePipeline "s" artifact store 0', "aws/s3"],
      ],
      [
        {
          artifactStore: {
            type: "S3",
            location: "pipeline-artifacts",
            encryptionKey: { type: "KMS", id: "alias/aws/s3" },
          },
        },
        ["alias/aws/s3"],
      ],
    ],
  },
];

describe("aws-native stores judged by single-type KMS rules", () => {
  for (const c of cases) {
    describe(`${c.type} (${c.rule})`, () => {
      it("encrypted with the stack's key: passes", async () => {
        await expectClean(policy(c.rule), [key, store(c.type, c.inputs, c.prop)]);
      });
      for (const [over, fragments] of c.broken) {
        const what = Object.entries(over).map(([k, v]) => `${k} ${JSON.stringify(v) ?? "unset"}`);
        it(`${what.join(", ")}: reported`, async () => {
          const found = await violationsOf(c.rule, [
            key,
            store(c.type, { ...c.inputs, ...over }, c.prop),
          ]);
          expect(found).to.have.length(1);
          expect(found[0]).to.match(/^s: /);
          for (const f of fragments) expect(found[0]).to.contain(f);
        });
      }
      it("a key unknown at preview that no resource of the stack makes is a preview note", async () => {
        const unknown = Object.fromEntries(
          Object.entries(c.inputs).map(([k, v]) => [k, k === c.prop ? UNKNOWN : v]),
        );
        const other = res(n.NATIVE_SQS_QUEUE, "other", {});
        const s = res(c.type, "s", unknown, { refs: { [c.prop]: [other] } });
        expect(await previewNotes(policy(c.rule), [other, s])).to.have.length(1);
      });
    });
  }

  it("a Firehose stream that reads a Kinesis stream or an MSK cluster stores nothing to encrypt", async () => {
    const sourced = [
      { kinesisStreamSourceConfiguration: { kinesisStreamArn: "arn:aws:kinesis:::stream/a" } },
      { deliveryStreamType: "MSKAsSource" },
    ].map((inputs, i) => res(n.NATIVE_FIREHOSE_DELIVERY_STREAM, `sourced-${i}`, inputs));
    await expectClean(policy("firehose-delivery-stream-kms-cmk"), sourced);
    const direct = res(n.NATIVE_FIREHOSE_DELIVERY_STREAM, "direct", {
      deliveryStreamType: "DirectPut",
    });
    expect(await violationsOf("firehose-delivery-stream-kms-cmk", [direct])).to.have.length(1);
  });

  it("a pipeline's per-Region artifactStores are each held to the rule", async () => {
    const store = (region: string, encryptionKey?: unknown) => ({
      region,
      artifactStore: { type: "S3", location: `artifacts-${region}`, encryptionKey },
    });
    const pipeline = res(
      n.NATIVE_CODEPIPELINE_PIPELINE,
      "p",
      { artifactStores: [store("eu-west-1", { type: "KMS", id: KEY_ARN }), store("us-east-1")] },
      { refs: { artifactStores: [key] } },
    );
    const found = await violationsOf("codepipeline-artifact-store-kms-cmk", [key, pipeline]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain('CodePipeline "p" artifact store us-east-1');
  });

  it("the backup vault's accessPolicy is still judged as a vault policy", async () => {
    const vault = res(n.NATIVE_BACKUP_VAULT, "vault", {
      encryptionKeyArn: KEY_ARN,
      accessPolicy: {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: "*", Action: "backup:CopyIntoBackupVault", Resource: "*" },
        ],
      },
    });
    expect(await violationsOf("resource-policy-not-public", [vault])).to.have.length(1);
  });
});
