// Encryption at rest with customer-managed KMS keys for data moved between services: AppFlow flows
// and connector profiles, what Amazon Connect stores (call recordings, chat transcripts, media
// streams) under its instance storage configurations, and the payloads EventBridge Scheduler
// schedules hold for their targets, the events EventBridge buses and archives hold, and what MWAA
// environments store (DAG metadata, Airflow database, logs).
import { customerKeyPolicy } from "../../lib/kms/keys";
import {
  APPFLOW_CONNECTOR_PROFILE,
  APPFLOW_FLOW,
  CLOUDWATCH_EVENT_ARCHIVE,
  CLOUDWATCH_EVENT_BUS,
  CONNECT_INSTANCE_STORAGE_CONFIG,
  MWAA_ENVIRONMENT,
  SCHEDULER_SCHEDULE,
} from "../../lib/types";
import {
  NATIVE_APPFLOW_CONNECTOR_PROFILE,
  NATIVE_APPFLOW_FLOW,
  NATIVE_CONNECT_INSTANCE_STORAGE_CONFIG,
  NATIVE_EVENTS_ARCHIVE,
  NATIVE_EVENTS_EVENT_BUS,
  NATIVE_MWAA_ENVIRONMENT,
  NATIVE_SCHEDULER_SCHEDULE,
} from "../../lib/native/types";
import { awsDocs, checkov } from "../../lib/controls";

export const appflowKms = customerKeyPolicy({
  name: "appflow-kms-cmk",
  description:
    "AppFlow flows (data in transit through AppFlow) and connector profiles (the connection " +
    "credentials) are encrypted with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set kmsArn to the stack's customer-managed key on every Flow and ConnectorProfile.",
  references: [checkov("CKV_AWS_263"), checkov("CKV_AWS_264")],
  types: [
    APPFLOW_FLOW,
    APPFLOW_CONNECTOR_PROFILE,
    NATIVE_APPFLOW_FLOW,
    NATIVE_APPFLOW_CONNECTOR_PROFILE,
  ],
  noun: (r) => (r.type === APPFLOW_FLOW ? "AppFlow flow" : "AppFlow connector profile"),
  // CreateFlow / CreateConnectorProfile KmsArn: "If you don't provide anything here, Amazon AppFlow
  // uses the Amazon AppFlow-managed KMS key."
  check: (k) =>
    k.requireKey({ prop: "kmsArn", computed: true, whenNone: "the AWS-managed key aws/appflow" }),
});

export const connectStorageKms = customerKeyPolicy({
  name: "connect-instance-storage-kms-cmk",
  description:
    "Amazon Connect instance storage (S3 for recordings, transcripts and reports; Kinesis Video " +
    "Streams for live media) is encrypted with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    'Give storageConfig.s3Config (and kinesisVideoStreamConfig) an encryptionConfig with encryptionType "KMS" and keyId set to the stack\'s customer-managed key.',
  references: [
    checkov("CKV_AWS_269"),
    checkov("CKV_AWS_270"),
    awsDocs("connect/latest/adminguide/encryption-at-rest"),
  ],
  types: [CONNECT_INSTANCE_STORAGE_CONFIG, NATIVE_CONNECT_INSTANCE_STORAGE_CONFIG],
  noun: "Connect instance storage config",
  check: (k) => {
    const storage = k.props.storageConfig;
    for (const [name, config] of [
      ["s3Config", storage?.s3Config],
      ["kinesisVideoStreamConfig", storage?.kinesisVideoStreamConfig],
    ] as const) {
      if (!config) continue;
      // Without an encryptionConfig, Connect writes to the bucket with its default encryption only.
      k.requireKey({
        prop: "storageConfig",
        read: () => config.encryptionConfig?.keyId,
        where: `storageConfig.${name}.encryptionConfig.keyId`,
        whenNone: "no KMS encryption of its own",
      });
    }
  },
});

export const schedulerScheduleKms = customerKeyPolicy({
  name: "scheduler-schedule-kms-cmk",
  description:
    "EventBridge Scheduler schedules encrypt what they store (the target input payload and the " +
    "schedule's settings) with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set kmsKeyArn to the stack's customer-managed key on every Schedule, and let the " +
    "scheduler.amazonaws.com service use it (kms:Decrypt and kms:GenerateDataKey in the key policy).",
  references: [
    checkov("CKV_AWS_297"),
    awsDocs("scheduler/latest/UserGuide/encryption-rest (AWS owned key by default)"),
  ],
  types: [SCHEDULER_SCHEDULE, NATIVE_SCHEDULER_SCHEDULE],
  noun: "EventBridge Scheduler schedule",
  // EventBridge Scheduler User Guide, "Encryption at rest": "By default, EventBridge Scheduler
  // encrypts and decrypts all of your data using an AWS owned key."
  check: (k) => k.requireKey({ prop: "kmsKeyArn", whenNone: "an AWS-owned key" }),
});

export const eventBusKms = customerKeyPolicy({
  name: "eventbridge-event-bus-kms-cmk",
  description:
    "EventBridge event buses encrypt the events they hold (for retries, archives and replays) " +
    "with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set kmsKeyIdentifier to the stack's customer-managed key on every EventBus, and let " +
    "events.amazonaws.com use it (kms:Decrypt and kms:GenerateDataKey in the key policy).",
  references: [awsDocs("eventbridge/latest/userguide/eb-custom-bus-encryption.html")],
  types: [CLOUDWATCH_EVENT_BUS, NATIVE_EVENTS_EVENT_BUS],
  noun: "EventBridge event bus",
  // EventBridge User Guide, "Encryption at Rest for Amazon EventBridge Custom Event Bus": "By
  // default, your data is encrypted ... under an AWS owned key".
  check: (k) => k.requireKey({ prop: "kmsKeyIdentifier", whenNone: "an AWS-owned key" }),
});

export const eventArchiveKms = customerKeyPolicy({
  name: "eventbridge-archive-kms-cmk",
  description:
    "EventBridge archives encrypt the events they keep for replay with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set kmsKeyIdentifier to the stack's customer-managed key on every EventArchive (an archive " +
    "of a bus encrypted with a customer key must name one too).",
  references: [
    awsDocs(
      "eventbridge/latest/userguide/eb-encryption-event-bus-cmkey.html (Encrypting archives)",
    ),
  ],
  types: [CLOUDWATCH_EVENT_ARCHIVE, NATIVE_EVENTS_ARCHIVE],
  noun: "EventBridge archive",
  check: (k) => k.requireKey({ prop: "kmsKeyIdentifier", whenNone: "an AWS-owned key" }),
});

export const mwaaKms = customerKeyPolicy({
  name: "mwaa-environment-kms-cmk",
  description:
    "Managed Workflows for Apache Airflow environments encrypt what they store (the Airflow " +
    "metadata database, task logs, DAG data) with a customer-managed KMS key.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set kmsKey to the ARN of the stack's customer-managed key on every MWAA Environment; it can " +
    "only be chosen when the environment is created.",
  references: [
    awsDocs("mwaa/latest/API/API_CreateEnvironment.html#mwaa-CreateEnvironment-request-KmsKey"),
  ],
  types: [MWAA_ENVIRONMENT, NATIVE_MWAA_ENVIRONMENT],
  noun: "MWAA environment",
  // CreateEnvironment KmsKey: "You can use an Amazon Web Services owned CMK, or a Customer managed
  // CMK"; left out, the environment uses the AWS-owned one.
  check: (k) => k.requireKey({ prop: "kmsKey", whenNone: "an AWS-owned key" }),
});
