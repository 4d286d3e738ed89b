// Messaging and streaming encryption with customer-managed keys, from the third parties' own
// fixtures translated to Pulumi inputs: a compliant factory per policy, then one test per way of
// breaking it.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import * as T from "../../../policy-pack/lib/types";
import { clean, res, violations } from "../fixture";
import {
  awsManaged,
  awsManagedArn,
  key,
  KEY_ARN,
  keyFixtures,
  policyNamed,
  run,
  UNKNOWN,
  withStackKey,
} from "../fixtures/kms";

describe("sns-topic-kms-cmk", () => {
  const p = policyNamed(policies, "sns-topic-kms-cmk");
  const compliant = () =>
    withStackKey(T.SNS_TOPIC, "alerts", { name: "alerts", kmsMasterKeyId: UNKNOWN }, [
      "kmsMasterKeyId",
    ]);
  const topic = (inputs: Record<string, unknown>) => [
    res(T.SNS_TOPIC, "alerts", { name: "alerts", ...inputs }),
  ];

  describe("Compliance", () => {
    it("a key of the stack, its ARN unknown at preview", async () => {
      expect(await run(p, compliant())).to.deep.equal(clean);
    });
    it("Trivy AWS-0136 good example: kmsMasterKeyId '/blah' (a customer key's alias)", async () => {
      expect(await run(p, topic({ kmsMasterKeyId: "/blah" }))).to.deep.equal(clean);
    });
    it("a literal ARN of a customer key", async () => {
      expect(await run(p, topic({ kmsMasterKeyId: KEY_ARN }))).to.deep.equal(clean);
    });
    it("a key of the stack, referenced by property dependency", async () => {
      const k = key();
      const t = res(
        T.SNS_TOPIC,
        "t",
        { kmsMasterKeyId: UNKNOWN },
        { refs: { kmsMasterKeyId: [k] } },
      );
      expect(await violations(p, [k, t])).to.deep.equal([]);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_26 / KICS 'SNS Topic Not Encrypted' / Trivy AWS-0095: no key", async () => {
      expect((await run(p, topic({}))).violations).to.deep.equal([
        'alerts: SNS topic "alerts": no KMS key is set (messages are stored without KMS encryption), not a customer-managed key.',
      ]);
    });
    it("KICS 'SNS Topic Encrypted With AWS Managed Key' / Trivy AWS-0136: alias/aws/sns", async () => {
      expect((await run(p, topic({ kmsMasterKeyId: awsManaged("sns") }))).violations).to.deep.equal(
        [
          'alerts: SNS topic "alerts": it uses the AWS-managed key alias/aws/sns, not a customer-managed key.',
        ],
      );
    });
    it("KICS 'SNS Topic Encrypted With AWS Managed Key': the alias ARN a data-source lookup gives", async () => {
      const r = await run(p, topic({ kmsMasterKeyId: awsManagedArn("sns") }));
      expect(r.violations).to.have.length(1);
    });
    it("an unknown key no stack key explains is a preview note, not a pass", async () => {
      const r = await run(p, topic({ kmsMasterKeyId: UNKNOWN }));
      expect(r.violations).to.deep.equal([]);
      expect(r.notes).to.have.length(1);
    });
    it("no key, and the AWS-managed alias", async () => {
      expect(await violations(p, [res(T.SNS_TOPIC, "t", {})])).to.have.length(1);
      expect(
        await violations(p, [res(T.SNS_TOPIC, "t", { kmsMasterKeyId: "alias/aws/sns" })]),
      ).to.have.length(1);
    });
  });
});

describe("sqs-queue-kms-cmk", () => {
  const p = policyNamed(policies, "sqs-queue-kms-cmk");
  const compliant = () =>
    withStackKey(T.SQS_QUEUE, "jobs", { name: "jobs", kmsMasterKeyId: UNKNOWN }, [
      "kmsMasterKeyId",
    ]);
  const queue = (inputs: Record<string, unknown>) => [
    res(T.SQS_QUEUE, "jobs", { name: "terraform-example-queue", ...inputs }),
  ];

  describe("Compliance", () => {
    it("a key of the stack, its ARN unknown at preview", async () => {
      expect(await run(p, compliant())).to.deep.equal(clean);
    });
    it("the alias of a customer key (alias/queue-key)", async () => {
      expect(await run(p, queue({ kmsMasterKeyId: "alias/queue-key" }))).to.deep.equal(clean);
    });
    it('CKV2_AWS_73 pass_different_start: kms_master_key_id = "foo" (a key id, not alias/aws/sqs)', async () => {
      expect(await run(p, queue({ kmsMasterKeyId: "foo" }))).to.deep.equal(clean);
    });
    it("a key of the stack, referenced by property dependency", async () => {
      const k = key();
      const q = res(
        T.SQS_QUEUE,
        "q",
        { kmsMasterKeyId: UNKNOWN },
        { refs: { kmsMasterKeyId: [k] } },
      );
      expect(await violations(p, [k, q])).to.deep.equal([]);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_27 / KICS 'SQS With SSE Disabled' positive / Trivy AWS-0096: no key", async () => {
      expect((await run(p, queue({}))).violations).to.have.length(1);
    });
    it("KICS 'SQS With SSE Disabled' positive5: kms_master_key_id = ''", async () => {
      expect((await run(p, queue({ kmsMasterKeyId: "" }))).violations).to.have.length(1);
    });
    it("KICS 'SQS With SSE Disabled' positive7: sqs_managed_sse_enabled = false", async () => {
      expect((await run(p, queue({ sqsManagedSseEnabled: false }))).violations).to.have.length(1);
    });
    it("KICS 'SQS With SSE Disabled' negative3 (sqs_managed_sse_enabled = true) is still no CMK", async () => {
      expect((await run(p, queue({ sqsManagedSseEnabled: true }))).violations).to.deep.equal([
        'jobs: SQS queue "jobs": no KMS key is set (SQS then applies SSE-SQS with an SQS-owned key, or nothing), not a customer-managed key.',
      ]);
    });
    it("CKV2_AWS_73 pass_notexists (no key) is not copied: SSE-SQS or nothing is no customer key", async () => {
      expect(
        (await run(p, queue({ delaySeconds: 0, visibilityTimeoutSeconds: 30 }))).violations,
      ).to.deep.equal([
        'jobs: SQS queue "jobs": no KMS key is set (SQS then applies SSE-SQS with an SQS-owned key, or nothing), not a customer-managed key.',
      ]);
    });
    it("CKV2_AWS_73 fail / Trivy AWS-0135 bad example: kms_master_key_id = 'alias/aws/sqs'", async () => {
      expect(
        (await run(p, queue({ kmsMasterKeyId: awsManaged("sqs") }))).violations,
      ).to.have.length(1);
    });
    it("SSE-SQS and the AWS-managed alias, on a queue without a name", async () => {
      expect(
        await violations(p, [res(T.SQS_QUEUE, "q", { sqsManagedSseEnabled: true })]),
      ).to.deep.equal([
        'q: SQS queue "q": no KMS key is set (SQS then applies SSE-SQS with an SQS-owned key, or nothing), not a customer-managed key.',
      ]);
      expect(
        await violations(p, [res(T.SQS_QUEUE, "q", { kmsMasterKeyId: "alias/aws/sqs" })]),
      ).to.have.length(1);
    });
  });
});

describe("kinesis-stream-kms-cmk", () => {
  const p = policyNamed(policies, "kinesis-stream-kms-cmk");
  const base = { name: "terraform-kinesis-test", shardCount: 1, retentionPeriod: 48 };
  const compliant = () =>
    withStackKey(
      T.KINESIS_STREAM,
      "events",
      { ...base, encryptionType: "KMS", kmsKeyId: UNKNOWN },
      ["kmsKeyId"],
    );
  const stream = (inputs: Record<string, unknown>) => [
    res(T.KINESIS_STREAM, "events", { ...base, ...inputs }),
  ];

  describe("Compliance", () => {
    it("KMS with a key of the stack", async () => {
      expect(await run(p, compliant())).to.deep.equal(clean);
    });
    it("Trivy AWS-0064 good example: encryption_type KMS, kms_key_id 'my/special/key'", async () => {
      expect(
        await run(p, stream({ encryptionType: "KMS", kmsKeyId: "my/special/key" })),
      ).to.deep.equal(clean);
    });
    it("a video stream with a key of the stack", async () => {
      const r = withStackKey(T.KINESIS_VIDEO_STREAM, "cams", { kmsKeyId: UNKNOWN }, ["kmsKeyId"]);
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_43 / KICS 'Kinesis Not Encrypted With KMS' test_stream: no encryption_type", async () => {
      expect((await run(p, stream({}))).violations).to.deep.equal([
        'events: Kinesis stream "events": encryptionType is unset (NONE): records are stored unencrypted.',
      ]);
    });
    it("Trivy AWS-0064 bad example / KICS test_stream2: encryption_type NONE", async () => {
      expect((await run(p, stream({ encryptionType: "NONE" }))).violations).to.have.length(1);
    });
    it("CKV_AWS_185 / KICS test_stream3: encryption_type KMS without a key", async () => {
      expect((await run(p, stream({ encryptionType: "KMS" }))).violations).to.have.length(1);
    });
    it("encryption_type KMS with alias/aws/kinesis", async () => {
      const r = await run(p, stream({ encryptionType: "KMS", kmsKeyId: awsManaged("kinesis") }));
      expect(r.violations).to.have.length(1);
    });
    it("a video stream without a key (aws/kinesisvideo)", async () => {
      const r = await run(p, [res(T.KINESIS_VIDEO_STREAM, "cams", { dataRetentionInHours: 1 })]);
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("firehose-delivery-stream-kms-cmk", () => {
  const p = policyNamed(policies, "firehose-delivery-stream-kms-cmk");
  const base = { name: "delivery", destination: "extended_s3" };
  const { compliant, plain: stream } = keyFixtures(
    T.FIREHOSE_DELIVERY_STREAM,
    "delivery",
    base,
    { serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: UNKNOWN } },
    ["serverSideEncryption"],
  );

  describe("Compliance", () => {
    it("Direct PUT with a customer key of the stack (CKV_AWS_241 passing fixture)", async () => {
      expect(await run(p, compliant())).to.deep.equal(clean);
    });
    it("CKV_AWS_240/241: a stream with a Kinesis source is not judged (SSE does not apply)", async () => {
      const r = stream({
        kinesisSourceConfiguration: { kinesisStreamArn: UNKNOWN, roleArn: UNKNOWN },
      });
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_240 failing fixture: no server_side_encryption", async () => {
      expect((await run(p, stream({}))).violations).to.have.length(1);
    });
    it("CKV_AWS_240 failing fixture: server_side_encryption.enabled = false", async () => {
      const r = await run(p, stream({ serverSideEncryption: { enabled: false } }));
      expect(r.violations).to.have.length(1);
    });
    it("CKV_AWS_241 failing fixture: enabled with the default AWS_OWNED_CMK", async () => {
      const r = await run(p, stream({ serverSideEncryption: { enabled: true } }));
      expect(r.violations).to.deep.equal([
        'delivery: Firehose stream "delivery": serverSideEncryption.keyType is AWS_OWNED_CMK, not a customer-managed key.',
      ]);
    });
    it("CUSTOMER_MANAGED_CMK with the AWS-managed alias", async () => {
      const r = await run(
        p,
        stream({
          serverSideEncryption: {
            enabled: true,
            keyType: "CUSTOMER_MANAGED_CMK",
            keyArn: awsManagedArn("firehose"),
          },
        }),
      );
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("msk-cluster-encryption-cmk", () => {
  const p = policyNamed(policies, "msk-cluster-encryption-cmk");
  const base = { clusterName: "example", kafkaVersion: "2.4.1", numberOfBrokerNodes: 3 };
  const compliant = (transit: Record<string, unknown> = {}) =>
    withStackKey(
      T.MSK_CLUSTER,
      "kafka",
      {
        ...base,
        encryptionInfo: {
          encryptionAtRestKmsKeyArn: UNKNOWN,
          encryptionInTransit: { clientBroker: "TLS", inCluster: true, ...transit },
        },
      },
      ["encryptionInfo"],
    );
  const cluster = (encryptionInfo?: Record<string, unknown>) => [
    res(T.MSK_CLUSTER, "kafka", { ...base, ...(encryptionInfo ? { encryptionInfo } : {}) }),
  ];

  describe("Compliance", () => {
    it("KICS 'MSK Cluster Encryption Disabled' negative2: a key of the stack, TLS everywhere", async () => {
      expect(await run(p, compliant())).to.deep.equal(clean);
    });
    it("Trivy AWS-0179 good example: encryption_at_rest_kms_key_arn = 'foo-bar-key'", async () => {
      const r = await run(p, cluster({ encryptionAtRestKmsKeyArn: "foo-bar-key" }));
      expect(r).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("KICS positive1 / Trivy AWS-0179 bad example: no encryption_info (aws/kafka)", async () => {
      expect((await run(p, cluster())).violations).to.have.length(1);
      expect((await run(p, cluster({}))).violations).to.have.length(1);
    });
    it("CKV_AWS_81 / KICS positive2 / Trivy AWS-0073: client_broker PLAINTEXT", async () => {
      const r = await run(p, compliant({ clientBroker: "PLAINTEXT" }));
      expect(r.violations).to.deep.equal([
        'kafka: MSK cluster "kafka": encryptionInTransit.clientBroker is PLAINTEXT: clients may connect without TLS.',
      ]);
    });
    it("CKV_AWS_81 / KICS positive3: in_cluster = false", async () => {
      expect((await run(p, compliant({ inCluster: false }))).violations).to.have.length(1);
    });
  });
});

describe("mq-broker-kms-cmk", () => {
  const p = policyNamed(policies, "mq-broker-kms-cmk");
  const base = {
    brokerName: "example",
    engineType: "ActiveMQ",
    engineVersion: "5.15.9",
    hostInstanceType: "mq.t2.micro",
  };
  const { compliant, plain: broker } = keyFixtures(
    T.MQ_BROKER,
    "broker",
    base,
    { encryptionOptions: { useAwsOwnedKey: false, kmsKeyId: UNKNOWN } },
    ["encryptionOptions"],
  );

  describe("Compliance", () => {
    it("a key of the stack with useAwsOwnedKey false", async () => {
      expect(await run(p, compliant())).to.deep.equal(clean);
    });
    it("KICS 'AmazonMQ Broker Encryption Disabled' negative1 / CKV_AWS_209: a literal customer key", async () => {
      const r = broker({ encryptionOptions: { kmsKeyId: KEY_ARN, useAwsOwnedKey: false } });
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("RabbitMQ brokers take no key (EncryptionOptions does not apply): not judged", async () => {
      expect(await run(p, broker({ engineType: "RabbitMQ" }))).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("KICS 'AmazonMQ Broker Encryption Disabled' positive / CKV_AWS_209: no encryption_options", async () => {
      expect((await run(p, broker({}))).violations).to.have.length(1);
    });
    it("KICS negative2 (empty encryption_options) is still the AWS-owned key", async () => {
      expect((await run(p, broker({ encryptionOptions: {} }))).violations).to.have.length(1);
    });
    it("useAwsOwnedKey false without a key (aws/mq)", async () => {
      const r = await run(p, broker({ encryptionOptions: { useAwsOwnedKey: false } }));
      expect(r.violations).to.have.length(1);
    });
  });
});
