// aws-native service types whose CloudFormation properties keep the classic names
// (policy-pack/lib/native/twins-services.ts), judged by their single-type customer-managed-key
// rules: EventBridge archives, Scheduler schedules, CodeArtifact domains, Timestream databases,
// MWAA environments and Redshift Serverless namespaces; AppSync API cache encryption; Kendra
// indexes, Location trackers and geofence collections, Timestream scheduled queries, Keyspaces
// (AWS::Cassandra) tables and OpenSearch Serverless encryption policies; CodeBuild report groups,
// EMR security configurations and Connect storage configs (s3Config). Their exposure rules are in
// ./services-exposure.spec.ts. A compliant resource passes; each case then breaks one field, and
// a value unknown at preview is a preview note (./cases.ts).
import * as n from "../../../policy-pack/lib/native/types";
import { Case, KEY_ARN, runCases } from "./cases";

const cases: Case[] = [
  {
    rule: "eventbridge-archive-kms-cmk",
    type: n.NATIVE_EVENTS_ARCHIVE,
    inputs: {
      sourceArn: "arn:aws:events:eu-west-1:123456789012:event-bus/orders",
      kmsKeyIdentifier: KEY_ARN,
    },
    prop: "kmsKeyIdentifier",
    keyed: true,
    broken: [[{ kmsKeyIdentifier: undefined }, 'EventBridge archive "s"']],
  },
  {
    rule: "scheduler-schedule-kms-cmk",
    type: n.NATIVE_SCHEDULER_SCHEDULE,
    inputs: {
      scheduleExpression: "rate(1 hour)",
      flexibleTimeWindow: { mode: "OFF" },
      kmsKeyArn: KEY_ARN,
    },
    prop: "kmsKeyArn",
    keyed: true,
    broken: [[{ kmsKeyArn: undefined }, "an AWS-owned key"]],
  },
  {
    rule: "codeartifact-domain-kms-cmk",
    type: n.NATIVE_CODEARTIFACT_DOMAIN,
    inputs: { domainName: "packages", encryptionKey: KEY_ARN },
    prop: "encryptionKey",
    keyed: true,
    broken: [
      [{ encryptionKey: undefined }, "aws/codeartifact"],
      [{ encryptionKey: "alias/aws/codeartifact" }, "alias/aws/codeartifact"],
    ],
  },
  {
    rule: "timestream-database-kms-cmk",
    type: n.NATIVE_TIMESTREAM_DATABASE,
    inputs: { databaseName: "metrics", kmsKeyId: KEY_ARN },
    prop: "kmsKeyId",
    keyed: true,
    broken: [[{ kmsKeyId: undefined }, "aws/timestream"]],
  },
  {
    rule: "mwaa-environment-kms-cmk",
    type: n.NATIVE_MWAA_ENVIRONMENT,
    inputs: { name: "airflow", webserverAccessMode: "PRIVATE_ONLY", kmsKey: KEY_ARN },
    prop: "kmsKey",
    keyed: true,
    broken: [[{ kmsKey: undefined }, "an AWS-owned key"]],
  },
  {
    rule: "redshift-serverless-namespace-kms-cmk",
    type: n.NATIVE_REDSHIFTSERVERLESS_NAMESPACE,
    inputs: { namespaceName: "analytics", kmsKeyId: KEY_ARN },
    prop: "kmsKeyId",
    keyed: true,
    broken: [
      [{ kmsKeyId: undefined }, "an AWS-owned key"],
      [{ kmsKeyId: "alias/aws/redshift" }, "alias/aws/redshift"],
    ],
  },
  {
    rule: "appsync-api-cache-encrypted",
    type: n.NATIVE_APPSYNC_API_CACHE,
    inputs: {
      apiId: "api",
      type: "SMALL",
      ttl: 300,
      apiCachingBehavior: "FULL_REQUEST_CACHING",
      atRestEncryptionEnabled: true,
    },
    prop: "atRestEncryptionEnabled",
    broken: [[{ atRestEncryptionEnabled: false }, "atRestEncryptionEnabled is not true"]],
  },
  {
    rule: "kendra-index-kms-cmk",
    type: n.NATIVE_KENDRA_INDEX,
    inputs: {
      name: "docs",
      edition: "DEVELOPER_EDITION",
      serverSideEncryptionConfiguration: { kmsKeyId: KEY_ARN },
    },
    prop: "serverSideEncryptionConfiguration",
    keyed: true,
    broken: [
      [
        { serverSideEncryptionConfiguration: undefined },
        "serverSideEncryptionConfiguration.kmsKeyId",
      ],
    ],
  },
  {
    rule: "location-tracker-kms-cmk",
    type: n.NATIVE_LOCATION_TRACKER,
    inputs: { trackerName: "fleet", kmsKeyId: KEY_ARN },
    prop: "kmsKeyId",
    keyed: true,
    broken: [[{ kmsKeyId: undefined }, 'Location tracker "s"']],
  },
  {
    rule: "location-geofence-collection-kms-cmk",
    type: n.NATIVE_LOCATION_GEOFENCE_COLLECTION,
    inputs: { collectionName: "sites", kmsKeyId: KEY_ARN },
    prop: "kmsKeyId",
    keyed: true,
    broken: [[{ kmsKeyId: undefined }, 'Location geofence collection "s"']],
  },
  {
    rule: "timestream-scheduled-query-kms-cmk",
    type: n.NATIVE_TIMESTREAM_SCHEDULED_QUERY,
    inputs: {
      queryString: "SELECT 1",
      kmsKeyId: KEY_ARN,
      errorReportConfiguration: {
        s3Configuration: { bucketName: "errors", encryptionOption: "SSE_KMS" },
      },
    },
    prop: "kmsKeyId",
    keyed: true,
    broken: [
      [{ kmsKeyId: undefined }, "a Timestream-owned key"],
      [
        {
          errorReportConfiguration: {
            s3Configuration: { bucketName: "errors", encryptionOption: "SSE_S3" },
          },
        },
        "encryptionOption is SSE_S3",
      ],
    ],
  },
  {
    rule: "keyspaces-table-kms-cmk",
    type: n.NATIVE_CASSANDRA_TABLE,
    inputs: {
      keyspaceName: "app",
      encryptionSpecification: {
        encryptionType: "CUSTOMER_MANAGED_KMS_KEY",
        kmsKeyIdentifier: KEY_ARN,
      },
    },
    prop: "encryptionSpecification",
    keyed: true,
    broken: [
      [{ encryptionSpecification: undefined }, "AWS_OWNED_KMS_KEY, not a customer-managed key"],
      [
        { encryptionSpecification: { encryptionType: "AWS_OWNED_KMS_KEY" } },
        "encryptionSpecification.encryptionType is AWS_OWNED_KMS_KEY",
      ],
      [
        { encryptionSpecification: { encryptionType: "CUSTOMER_MANAGED_KMS_KEY" } },
        "encryptionSpecification.kmsKeyIdentifier",
      ],
    ],
  },
  {
    rule: "opensearch-serverless-encryption-policy-cmk",
    type: n.NATIVE_OPENSEARCHSERVERLESS_SECURITY_POLICY,
    inputs: {
      name: "logs",
      type: "encryption",
      policy: JSON.stringify({
        Rules: [{ ResourceType: "collection", Resource: ["collection/logs"] }],
        KmsARN: KEY_ARN,
      }),
    },
    prop: "policy",
    keyed: true,
    broken: [
      [
        {
          policy: JSON.stringify({
            Rules: [{ ResourceType: "collection", Resource: ["collection/logs"] }],
            AWSOwnedKey: true,
          }),
        },
        "KmsARN",
      ],
    ],
  },
  {
    rule: "codebuild-report-group-kms-cmk",
    type: n.NATIVE_CODEBUILD_REPORT_GROUP,
    inputs: {
      type: "TEST",
      exportConfig: {
        exportConfigType: "S3",
        s3Destination: { bucket: "reports", encryptionKey: KEY_ARN },
      },
    },
    prop: "exportConfig",
    keyed: true,
    broken: [
      [
        {
          exportConfig: {
            exportConfigType: "S3",
            s3Destination: { bucket: "reports", encryptionDisabled: true },
          },
        },
        "exportConfig.s3Destination sets encryptionDisabled: true",
      ],
      [
        { exportConfig: { exportConfigType: "S3", s3Destination: { bucket: "reports" } } },
        "exportConfig.s3Destination.encryptionKey",
      ],
    ],
  },
  {
    rule: "emr-security-configuration-kms-cmk",
    type: n.NATIVE_EMR_SECURITY_CONFIGURATION,
    inputs: {
      securityConfiguration: {
        EncryptionConfiguration: {
          EnableAtRestEncryption: true,
          EnableInTransitEncryption: false,
          AtRestEncryptionConfiguration: {
            S3EncryptionConfiguration: { EncryptionMode: "SSE-KMS", AwsKmsKey: KEY_ARN },
            LocalDiskEncryptionConfiguration: {
              EncryptionKeyProviderType: "AwsKms",
              AwsKmsKey: KEY_ARN,
              EnableEbsEncryption: true,
            },
          },
        },
      },
    },
    prop: "securityConfiguration",
    keyed: true,
    broken: [
      [
        { securityConfiguration: { EncryptionConfiguration: { EnableAtRestEncryption: false } } },
        "EnableAtRestEncryption is not true",
      ],
      [{ securityConfiguration: "{not json" }, "securityConfiguration is not valid JSON"],
    ],
  },
  {
    rule: "connect-instance-storage-kms-cmk",
    type: n.NATIVE_CONNECT_INSTANCE_STORAGE_CONFIG,
    inputs: {
      instanceArn: "arn:aws:connect:eu-west-1:123456789012:instance/abc",
      resourceType: "CALL_RECORDINGS",
      storageType: "S3",
      s3Config: {
        bucketName: "recordings",
        encryptionConfig: { encryptionType: "KMS", keyId: KEY_ARN },
      },
    },
    prop: "s3Config",
    keyed: true,
    broken: [
      [{ s3Config: { bucketName: "recordings" } }, "s3Config.encryptionConfig.keyId"],
      [
        {
          s3Config: {
            bucketName: "recordings",
            encryptionConfig: { encryptionType: "KMS", keyId: "alias/aws/connect" },
          },
        },
        "alias/aws/connect",
      ],
    ],
  },
];

runCases("aws-native service types held to their single-type key rules", cases);
