// Checkov's customer-managed-key checks, translated case by case to Pulumi inputs: each failing
// case draws a mandatory finding from the rule that cites the check, each passing case none. The
// key in passing cases is a literal customer-managed key ARN.
import { expect } from "chai";
import * as T from "../../../policy-pack/lib/types";
import { levelsOf, res } from "../fixture";
import { awsManaged, emrSecurityConfiguration, KEY_ARN } from "../fixtures/kms";

const emr = (s3: Record<string, unknown>) =>
  emrSecurityConfiguration(s3, {
    EncryptionKeyProviderType: "AwsKms",
    AwsKmsKey: KEY_ARN,
    EnableEbsEncryption: true,
  });
const dlm = (copy: Record<string, unknown>) =>
  res(T.DLM_LIFECYCLE_POLICY, "dlm", {
    description: "daily",
    executionRoleArn: "arn:aws:iam::123456789012:role/dlm",
    policyDetails: {
      resourceTypes: ["VOLUME"],
      targetTags: { Snapshot: "true" },
      schedules: [
        {
          name: "daily",
          createRule: { interval: 24 },
          retainRule: { count: 7 },
          crossRegionCopyRules: [
            { target: "us-west-2", retainRule: { interval: 7, intervalUnit: "DAYS" }, ...copy },
          ],
        },
      ],
    },
  });
const connect = (storageConfig: Record<string, unknown>, resourceType: string) =>
  res(T.CONNECT_INSTANCE_STORAGE_CONFIG, "storage", {
    instanceId: "aaaaaaaa-bbbb-cccc-dddd-111111111111",
    resourceType,
    storageConfig,
  });
const s3Storage = (encryptionConfig: Record<string, unknown>) =>
  connect(
    {
      storageType: "S3",
      s3Config: { bucketName: "transcripts", bucketPrefix: "chat", encryptionConfig },
    },
    "CHAT_TRANSCRIPTS",
  );
const videoStorage = (encryptionConfig: Record<string, unknown>) =>
  connect(
    {
      storageType: "KINESIS_VIDEO_STREAM",
      kinesisVideoStreamConfig: { prefix: "media", retentionPeriodHours: 3, encryptionConfig },
    },
    "MEDIA_STREAMS",
  );
const firewall = (type: string, encryptionConfiguration: Record<string, unknown>) =>
  type === "policy"
    ? res(T.NETWORKFIREWALL_FIREWALL_POLICY, "policy", {
        firewallPolicy: {
          statelessDefaultActions: ["aws:forward_to_sfe"],
          statelessFragmentDefaultActions: ["aws:forward_to_sfe"],
        },
        encryptionConfiguration,
      })
    : res(T.NETWORKFIREWALL_RULE_GROUP, "rules", {
        capacity: 100,
        type: "STATEFUL",
        rules: "pass tcp any any -> any 443 (sid:1;)",
        encryptionConfiguration,
      });

const CASES: readonly (readonly [string, string, ReturnType<typeof res>, boolean])[] = [
  [
    "CKV_AWS_171 failing: EMR S3 encryption SSE-S3",
    "emr-security-configuration-kms-cmk",
    emr({ EncryptionMode: "SSE-S3" }),
    true,
  ],
  [
    "CKV_AWS_171 passing: EMR S3 encryption SSE-KMS with a customer key",
    "emr-security-configuration-kms-cmk",
    emr({ EncryptionMode: "SSE-KMS", AwsKmsKey: KEY_ARN }),
    false,
  ],
  [
    "CKV_AWS_188 failing: Redshift cluster encrypted without kmsKeyId",
    "redshift-cluster-kms-cmk",
    res(T.REDSHIFT_CLUSTER, "dw", {
      clusterIdentifier: "dw",
      nodeType: "ra3.xlplus",
      encrypted: true,
    }),
    true,
  ],
  [
    "CKV_AWS_188 passing: Redshift cluster with a customer key",
    "redshift-cluster-kms-cmk",
    res(T.REDSHIFT_CLUSTER, "dw", {
      clusterIdentifier: "dw",
      nodeType: "ra3.xlplus",
      encrypted: true,
      kmsKeyId: KEY_ARN,
    }),
    false,
  ],
  [
    "CKV_AWS_203 failing: FSx for OpenZFS without kmsKeyId",
    "fsx-file-system-kms-cmk",
    res(T.FSX_OPENZFS_FILE_SYSTEM, "zfs", {
      storageCapacity: 64,
      deploymentType: "SINGLE_AZ_1",
      throughputCapacity: 64,
    }),
    true,
  ],
  [
    "CKV_AWS_203 passing: FSx for OpenZFS with a customer key",
    "fsx-file-system-kms-cmk",
    res(T.FSX_OPENZFS_FILE_SYSTEM, "zfs", {
      storageCapacity: 64,
      deploymentType: "SINGLE_AZ_1",
      throughputCapacity: 64,
      kmsKeyId: KEY_ARN,
    }),
    false,
  ],
  [
    "CKV_AWS_255 failing: DLM cross-region copy with encrypted false",
    "dlm-cross-region-copy-kms-cmk",
    dlm({ encrypted: false }),
    true,
  ],
  [
    "CKV_AWS_255 passing: DLM cross-region copy encrypted with a customer key",
    "dlm-cross-region-copy-kms-cmk",
    dlm({ encrypted: true, cmkArn: KEY_ARN }),
    false,
  ],
  [
    "CKV_AWS_270 failing: Connect S3 storage with the AWS-managed alias/aws/s3",
    "connect-instance-storage-kms-cmk",
    s3Storage({ encryptionType: "KMS", keyId: awsManaged("s3") }),
    true,
  ],
  [
    "CKV_AWS_270 passing: Connect S3 storage with a customer key",
    "connect-instance-storage-kms-cmk",
    s3Storage({ encryptionType: "KMS", keyId: KEY_ARN }),
    false,
  ],
  [
    "CKV_AWS_269 failing: Connect video stream storage without a key",
    "connect-instance-storage-kms-cmk",
    videoStorage({ encryptionType: "KMS", keyId: "" }),
    true,
  ],
  [
    "CKV_AWS_269 passing: Connect video stream storage with a customer key",
    "connect-instance-storage-kms-cmk",
    videoStorage({ encryptionType: "KMS", keyId: KEY_ARN }),
    false,
  ],
  [
    "CKV_AWS_346 failing: Network Firewall policy with the AWS-owned key",
    "data-store-kms-cmk",
    firewall("policy", { type: "AWS_OWNED_KMS_KEY" }),
    true,
  ],
  [
    "CKV_AWS_346 passing: Network Firewall policy with a customer key",
    "data-store-kms-cmk",
    firewall("policy", { type: "CUSTOMER_KMS", keyId: KEY_ARN }),
    false,
  ],
  [
    "CKV_AWS_345 failing: Network Firewall rule group with the AWS-owned key",
    "data-store-kms-cmk",
    firewall("rules", { type: "AWS_OWNED_KMS_KEY" }),
    true,
  ],
  [
    "CKV_AWS_345 passing: Network Firewall rule group with a customer key",
    "data-store-kms-cmk",
    firewall("rules", { type: "CUSTOMER_KMS", keyId: KEY_ARN }),
    false,
  ],
  [
    "CKV_AWS_373 failing: Bedrock agent without customerEncryptionKeyArn",
    "data-store-kms-cmk",
    res(T.BEDROCK_AGENT, "agent", {
      agentName: "helper",
      agentResourceRoleArn: "arn:aws:iam::123456789012:role/agent",
      foundationModel: "anthropic.claude-v2",
    }),
    true,
  ],
  [
    "CKV_AWS_373 passing: Bedrock agent with a customer key",
    "data-store-kms-cmk",
    res(T.BEDROCK_AGENT, "agent", {
      agentName: "helper",
      agentResourceRoleArn: "arn:aws:iam::123456789012:role/agent",
      foundationModel: "anthropic.claude-v2",
      customerEncryptionKeyArn: KEY_ARN,
    }),
    false,
  ],
];

describe("customer-managed-key checks of Checkov, case by case", () => {
  for (const [name, rule, resource, bad] of CASES) {
    it(`${name}: ${bad ? "a mandatory finding" : "no finding"} from ${rule}`, async () => {
      expect(await levelsOf(rule, resource)).to.deep.equal(bad ? ["mandatory"] : []);
    });
  }
});
