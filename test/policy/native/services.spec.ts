// aws-native service types whose CloudFormation properties keep the classic names
// (policy-pack/lib/native/twins-services.ts), judged by their single-type mandatory rules: the
// customer-managed keys of EventBridge archives, Scheduler schedules, CodeArtifact domains,
// Timestream databases, MWAA environments and Redshift Serverless namespaces; AppSync API cache
// encryption; and the exposure of MWAA web servers, Redshift Serverless workgroups, Cognito
// identity pools, and a namespace's admin password written in the program; then Kendra indexes,
// Location trackers and geofence collections, Timestream scheduled queries, Keyspaces
// (AWS::Cassandra) tables and OpenSearch Serverless encryption policies for their keys, and
// OpenSearch Serverless network policies, SageMaker domains, DMS instance profiles and App Runner
// services for their exposure; and CodeBuild report groups and EMR security configurations for
// their keys, Lambda layer permissions for their principal, and Connect storage configs (s3Config). A compliant resource
// passes; each case then breaks one field, and a value unknown at preview is a preview note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const key = res(n.NATIVE_KMS_KEY, "data-key", { enableKeyRotation: true });

interface Case {
  readonly rule: string;
  readonly type: string;
  readonly inputs: Record<string, unknown>;
  /** The property read, and whether it holds a key (referenced from the stack's key). */
  readonly prop: string;
  readonly keyed?: boolean;
  /** An unknown value is still a value the program sets: reported, not a preview note. */
  readonly unknownIsSet?: boolean;
  readonly broken: [Record<string, unknown>, string][];
}

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
    rule: "mwaa-environment-not-public",
    type: n.NATIVE_MWAA_ENVIRONMENT,
    inputs: { name: "airflow", webserverAccessMode: "PRIVATE_ONLY" },
    prop: "webserverAccessMode",
    broken: [[{ webserverAccessMode: "PUBLIC_ONLY" }, 'webserverAccessMode is "PUBLIC_ONLY"']],
  },
  {
    rule: "redshift-serverless-workgroup-not-public",
    type: n.NATIVE_REDSHIFTSERVERLESS_WORKGROUP,
    inputs: { workgroupName: "analytics", namespaceName: "analytics", publiclyAccessible: false },
    prop: "publiclyAccessible",
    broken: [[{ publiclyAccessible: true }, "publiclyAccessible is true"]],
  },
  {
    rule: "cognito-identity-pool-no-unauthenticated",
    type: n.NATIVE_COGNITO_IDENTITY_POOL,
    inputs: { identityPoolName: "app", allowUnauthenticatedIdentities: false },
    prop: "allowUnauthenticatedIdentities",
    broken: [[{ allowUnauthenticatedIdentities: true }, "guests get AWS credentials"]],
  },
  {
    rule: "redshift-serverless-namespace-managed-admin-password",
    type: n.NATIVE_REDSHIFTSERVERLESS_NAMESPACE,
    inputs: { namespaceName: "analytics", adminUsername: "admin" },
    prop: "adminUserPassword",
    unknownIsSet: true,
    broken: [[{ adminUserPassword: "hunter2hunter2" }, "adminUserPassword is set by the program"]],
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
    rule: "opensearch-serverless-network-policy-not-public",
    type: n.NATIVE_OPENSEARCHSERVERLESS_SECURITY_POLICY,
    inputs: {
      name: "logs",
      type: "network",
      policy: JSON.stringify([
        {
          Rules: [{ ResourceType: "collection", Resource: ["collection/logs"] }],
          AllowFromPublic: false,
        },
      ]),
    },
    prop: "policy",
    broken: [
      [
        {
          policy: JSON.stringify([
            {
              Rules: [{ ResourceType: "collection", Resource: ["collection/logs"] }],
              AllowFromPublic: true,
            },
          ]),
        },
        "rule 1 of the network policy sets AllowFromPublic: true",
      ],
    ],
  },
  {
    rule: "sagemaker-domain-vpc-only",
    type: n.NATIVE_SAGEMAKER_DOMAIN,
    inputs: { domainName: "studio", authMode: "IAM", appNetworkAccessType: "VpcOnly" },
    prop: "appNetworkAccessType",
    broken: [
      [{ appNetworkAccessType: "PublicInternetOnly" }, "Studio apps reach the internet"],
      [{ appNetworkAccessType: undefined }, "appNetworkAccessType is left out"],
    ],
  },
  {
    rule: "dms-instance-profile-not-public",
    type: n.NATIVE_DMS_INSTANCE_PROFILE,
    inputs: { instanceProfileName: "migrations", publiclyAccessible: false },
    prop: "publiclyAccessible",
    broken: [
      [{ publiclyAccessible: true }, "publiclyAccessible is true"],
      [{ publiclyAccessible: undefined }, "publiclyAccessible is not set"],
    ],
  },
  {
    rule: "apprunner-service-egress-through-vpc",
    type: n.NATIVE_APPRUNNER_SERVICE,
    inputs: {
      sourceConfiguration: {
        imageRepository: {
          imageIdentifier: "public.ecr.aws/app:1",
          imageRepositoryType: "ECR_PUBLIC",
        },
      },
      networkConfiguration: {
        egressConfiguration: {
          egressType: "VPC",
          vpcConnectorArn: "arn:aws:apprunner:eu-west-1:123456789012:vpcconnector/app/1/abc",
        },
      },
    },
    prop: "networkConfiguration",
    broken: [
      [
        { networkConfiguration: { egressConfiguration: { egressType: "DEFAULT" } } },
        'networkConfiguration.egressConfiguration.egressType is "DEFAULT"',
      ],
      [
        { networkConfiguration: {} },
        'egressType is left out, and App Runner defaults it to "DEFAULT"',
      ],
      [{ networkConfiguration: undefined }, "egressType is left out"],
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
    rule: "lambda-layer-permission-not-public",
    type: n.NATIVE_LAMBDA_LAYER_VERSION_PERMISSION,
    inputs: {
      action: "lambda:GetLayerVersion",
      layerVersionArn: "arn:aws:lambda:eu-west-1:123456789012:layer:lib:1",
      principal: "123456789012",
    },
    prop: "principal",
    broken: [[{ principal: "*" }, "no organizationId"]],
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

describe("aws-native service types held to their single-type mandatory rules", () => {
  for (const c of cases) {
    const make = (over: Record<string, unknown> = {}) =>
      res(c.type, "s", { ...c.inputs, ...over }, c.keyed ? { refs: { [c.prop]: [key] } } : {});
    describe(`${c.type} (${c.rule})`, () => {
      it("compliant: passes", async () => {
        await expectClean(policy(c.rule), [key, make()]);
      });
      for (const [over, fragment] of c.broken) {
        const what = Object.entries(over).map(([k, v]) => `${k} ${JSON.stringify(v) ?? "unset"}`);
        it(`${what.join(", ")}: reported`, async () => {
          const found = await violationsOf(c.rule, [key, make(over)]);
          expect(found).to.have.length(1);
          expect(found[0]).to.contain(fragment);
        });
      }
      it(`${c.prop} unknown at preview: ${c.unknownIsSet ? "reported" : "a preview note"}`, async () => {
        const other = res(n.NATIVE_SQS_QUEUE, "other", {});
        const unknown = { ...c.inputs, [c.prop]: UNKNOWN };
        const s = res(c.type, "s", unknown, { refs: { [c.prop]: [other] } });
        if (c.unknownIsSet) {
          expect(await violationsOf(c.rule, [other, s])).to.have.length(1);
        } else {
          expect(await previewNotes(policy(c.rule), [other, s])).to.have.length(1);
        }
      });
    });
  }
});
