// Encryption at rest with customer-managed KMS keys for messaging and streaming: SNS topics, SQS
// queues, Kinesis data and video streams, Data Firehose delivery streams, MSK clusters and Amazon
// MQ brokers. Mandatory: the encryption-at-rest guarantee covers every resource that stores data.
import { customerKeyPolicy } from "../../lib/kms/keys";
import {
  FIREHOSE_DELIVERY_STREAM,
  KINESIS_STREAM,
  KINESIS_VIDEO_STREAM,
  MQ_BROKER,
  MSK_CLUSTER,
  SNS_TOPIC,
  SQS_QUEUE,
} from "../../lib/types";
import {
  NATIVE_AMAZONMQ_BROKER,
  NATIVE_FIREHOSE_DELIVERY_STREAM,
  NATIVE_KINESIS_STREAM,
  NATIVE_MSK_CLUSTER,
  NATIVE_SNS_TOPIC,
  NATIVE_SQS_QUEUE,
} from "../../lib/native/types";
import { checkov, fsbp, kics, trivy } from "../../lib/controls";
import { flagOn, flagValue } from "../../lib/values";

export const snsKms = customerKeyPolicy({
  name: "sns-topic-kms-cmk",
  description: "SNS topics encrypt messages at rest with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set kmsMasterKeyId to a customer-managed key of this stack (key.arn) whose key policy lets " +
    "sns.amazonaws.com (and the publishing services) use it; alias/aws/sns is AWS-managed.",
  references: [
    checkov("CKV_AWS_26"),
    kics("SNS Topic Not Encrypted"),
    kics("SNS Topic Encrypted With AWS Managed Key"),
    trivy("AWS-0095"),
    trivy("AWS-0136"),
    fsbp("SNS.1"),
  ],
  types: [SNS_TOPIC, NATIVE_SNS_TOPIC],
  noun: "SNS topic",
  // SNS developer guide, "Encryption at rest": SSE is off unless a KMS key is set on the topic.
  check: (k) =>
    k.requireKey({
      prop: "kmsMasterKeyId",
      whenNone: "messages are stored without KMS encryption",
    }),
});

export const sqsKms = customerKeyPolicy({
  name: "sqs-queue-kms-cmk",
  description:
    "SQS queues encrypt messages at rest with a customer-managed KMS key (SSE-SQS is not one).",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set kmsMasterKeyId to a customer-managed key of this stack (key.arn); SSE-SQS " +
    "(sqsManagedSseEnabled) uses an SQS-owned key you cannot audit or restrict, and alias/aws/sqs " +
    "is AWS-managed.",
  references: [
    checkov("CKV_AWS_27"),
    checkov("CKV2_AWS_73"),
    kics("SQS With SSE Disabled"),
    trivy("AWS-0096"),
    trivy("AWS-0135"),
    fsbp("SQS.1"),
  ],
  types: [SQS_QUEUE, NATIVE_SQS_QUEUE],
  noun: "SQS queue",
  check: (k) =>
    k.requireKey({
      prop: "kmsMasterKeyId",
      whenNone: "SQS then applies SSE-SQS with an SQS-owned key, or nothing",
    }),
});

export const kinesisStreamKms = customerKeyPolicy({
  name: "kinesis-stream-kms-cmk",
  description:
    "Kinesis data streams and video streams encrypt records at rest with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set encryptionType: "KMS" and kmsKeyId to a customer-managed key of this stack (key.arn) on ' +
    "data streams, and kmsKeyId on video streams; alias/aws/kinesis and aws/kinesisvideo are " +
    "AWS-managed.",
  references: [
    checkov("CKV_AWS_43"),
    checkov("CKV_AWS_185"),
    kics("Kinesis Not Encrypted With KMS"),
    trivy("AWS-0064"),
    fsbp("Kinesis.1"),
  ],
  types: [KINESIS_STREAM, KINESIS_VIDEO_STREAM, NATIVE_KINESIS_STREAM],
  noun: (r) => (r.type === KINESIS_STREAM ? "Kinesis stream" : "Kinesis video stream"),
  check: (k) => {
    if (k.resource.type === KINESIS_VIDEO_STREAM) {
      // Kinesis Video Streams developer guide, "Data protection": data is always encrypted, with
      // the AWS-managed key aws/kinesisvideo unless kmsKeyId names another key.
      k.requireKey({ prop: "kmsKeyId", whenNone: "the AWS-managed key aws/kinesisvideo" });
      return;
    }
    // Kinesis Data Streams API, StartStreamEncryption: EncryptionType NONE (the default) or KMS.
    const type = k.props.encryptionType;
    if (type !== "KMS") {
      k.report(`encryptionType is ${type ?? "unset (NONE)"}: records are stored unencrypted.`);
      return;
    }
    k.requireKey({ prop: "kmsKeyId", whenNone: "encryptionType KMS needs a key" });
  },
});

export const firehoseKms = customerKeyPolicy({
  name: "firehose-delivery-stream-kms-cmk",
  description:
    "Data Firehose streams that receive records directly (Direct PUT) encrypt them at rest with a " +
    "customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    'Set serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: key.arn }. ' +
    "Streams fed by a Kinesis data stream or an MSK cluster keep their data encrypted in the source.",
  references: [
    checkov("CKV_AWS_240"),
    checkov("CKV_AWS_241"),
    fsbp("DataFirehose.1"),
    kics("Kinesis SSE Not Configured"),
  ],
  // aws-native streams: deliveryStreamEncryptionConfigurationInput (../../lib/native/twins-workloads.ts).
  types: [FIREHOSE_DELIVERY_STREAM, NATIVE_FIREHOSE_DELIVERY_STREAM],
  noun: "Firehose stream",
  check: (k) => {
    // Firehose reads a Kinesis or MSK source in place and does not store it: SSE applies to Direct
    // PUT streams only (Firehose developer guide, "Data protection"; Checkov CKV_AWS_240/241 skip
    // streams with a Kinesis source for the same reason).
    if (k.props.kinesisSourceConfiguration || k.props.mskSourceConfiguration) return;
    const sse = k.props.serverSideEncryption;
    if (!flagOn(sse?.enabled)) {
      k.report("serverSideEncryption is not enabled: buffered records are stored unencrypted.");
      return;
    }
    // Firehose API, DeliveryStreamEncryptionConfigurationInput: KeyType AWS_OWNED_CMK (default)
    // or CUSTOMER_MANAGED_CMK (then KeyARN).
    const keyType = sse.keyType ?? "AWS_OWNED_CMK";
    if (keyType !== "CUSTOMER_MANAGED_CMK") {
      k.report(`serverSideEncryption.keyType is ${keyType}, not a customer-managed key.`);
      return;
    }
    k.requireKey({
      prop: "serverSideEncryption",
      read: () => sse.keyArn,
      where: "serverSideEncryption.keyArn",
      whenNone: "CUSTOMER_MANAGED_CMK needs keyArn",
    });
  },
});

export const mskKms = customerKeyPolicy({
  name: "msk-cluster-encryption-cmk",
  description:
    "MSK clusters encrypt data at rest with a customer-managed KMS key and data in transit with TLS.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set encryptionInfo.encryptionAtRestKmsKeyArn to a customer-managed key of this stack " +
    '(key.arn) and keep encryptionInTransit at clientBroker: "TLS", inCluster: true (the defaults).',
  references: [
    checkov("CKV_AWS_81"),
    kics("MSK Cluster Encryption Disabled"),
    trivy("AWS-0179"),
    trivy("AWS-0073"),
  ],
  // aws-native clusters: encryptionInfo.encryptionAtRest.dataVolumeKmsKeyId (../../lib/native).
  types: [MSK_CLUSTER, NATIVE_MSK_CLUSTER],
  noun: "MSK cluster",
  check: (k) => {
    const info = k.props.encryptionInfo;
    // MSK developer guide, "Encryption at rest": always on, with the AWS-managed key aws/kafka
    // unless a customer key is given.
    k.requireKey({
      prop: "encryptionInfo",
      read: () => info?.encryptionAtRestKmsKeyArn,
      where: "encryptionInfo.encryptionAtRestKmsKeyArn",
      whenNone: "the AWS-managed key aws/kafka",
    });
    const transit = info?.encryptionInTransit;
    const clientBroker = transit?.clientBroker;
    if (clientBroker !== undefined && clientBroker !== null && clientBroker !== "TLS") {
      k.report(
        `encryptionInTransit.clientBroker is ${clientBroker}: clients may connect without TLS.`,
      );
    }
    if (flagValue(transit?.inCluster) === false) {
      k.report("encryptionInTransit.inCluster is false: brokers replicate in plaintext.");
    }
  },
});

export const mqKms = customerKeyPolicy({
  name: "mq-broker-kms-cmk",
  description: "ActiveMQ brokers encrypt data at rest with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set encryptionOptions: { useAwsOwnedKey: false, kmsKeyId: key.arn } (a key of this stack).",
  references: [checkov("CKV_AWS_209"), kics("AmazonMQ Broker Encryption Disabled")],
  // An aws-native Broker takes the same encryptionOptions and engineType (../../lib/native).
  types: [MQ_BROKER, NATIVE_AMAZONMQ_BROKER],
  noun: "MQ broker",
  check: (k) => {
    // Amazon MQ API / CloudFormation AWS::AmazonMQ::Broker EncryptionOptions: "Does not apply to
    // RabbitMQ brokers" (RabbitMQ brokers always use an AWS-owned key). Not a pass by omission: no
    // customer key can be set there, so the rule has nothing to demand.
    if (String(k.props.engineType ?? "").toUpperCase() === "RABBITMQ") return;
    const options = k.props.encryptionOptions;
    // useAwsOwnedKey defaults to true (AWS-owned key) when not given.
    if (flagValue(options?.useAwsOwnedKey) !== false) {
      k.report(
        "encryptionOptions.useAwsOwnedKey is not false: an AWS-owned key encrypts the data.",
      );
      return;
    }
    k.requireKey({
      prop: "encryptionOptions",
      read: () => options.kmsKeyId,
      where: "encryptionOptions.kmsKeyId",
      whenNone: "Amazon MQ then uses the AWS-managed key aws/mq",
    });
  },
});
