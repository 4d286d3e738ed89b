// KICS's Terraform encryption queries whose fixtures the KMS family judges, translated case by case
// to Pulumi inputs: each positive draws a mandatory finding from the rule that cites the query.
// Where KICS accepts an AWS-managed or AWS-owned key, or flags data AWS does not store, the case
// says what the pack does instead and why.
import { expect } from "chai";
import * as T from "../../../policy-pack/lib/types";
import { evaluate, policy, res } from "../fixture";
import { codebuild as codebuildInputs } from "../fixtures/third-party/aws-managed.resources";

type Resource = ReturnType<typeof res>;

/** The resource and enforcement level of what `rule` finds in `resources` (preview notes left out). */
async function levels(
  rule: string,
  resources: readonly Resource[],
): Promise<{ name: string; level: string }[]> {
  const report = await evaluate(policy(rule), resources);
  return report.violations
    .filter((v) => !v.previewNote)
    .map((v) => ({ name: v.name, level: v.enforcementLevel }));
}

const KEY = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const codebuild = (encryptionKey: string) =>
  res(T.CODEBUILD_PROJECT, "project-cloudrail-test", codebuildInputs(encryptionKey));
const aurora = (extra: Record<string, unknown>) =>
  res(T.RDS_CLUSTER, "cluster", {
    clusterIdentifier: "cloudrail-test-non-encrypted",
    engine: "aurora-mysql",
    databaseName: "cloudrail",
    masterUsername: "administrator",
    manageMasterUserPassword: true,
    ...extra,
  });
const workspace = (extra: Record<string, unknown>) =>
  res(T.WORKSPACES_WORKSPACE, "example", {
    directoryId: "d-1234567890",
    bundleId: "wsb-bh8rsxt14",
    userName: "john.doe",
    ...extra,
  });
const firehose = (name: string, extra: Record<string, unknown>) =>
  res(T.FIREHOSE_DELIVERY_STREAM, name, {
    name: "logs-firehose",
    destination: "extended_s3",
    extendedS3Configuration: {
      roleArn: "arn:aws:iam::123456789012:role/firehose",
      bucketArn: "arn:aws:s3:::logs",
    },
    ...extra,
  });
const repository = (name: string, extra: Record<string, unknown>) =>
  res(T.ECR_REPOSITORY, name, {
    name,
    imageTagMutability: "IMMUTABLE",
    imageScanningConfiguration: { scanOnPush: true },
    ...extra,
  });
const launchConfiguration = (name: string, extra: Record<string, unknown>) =>
  res(T.EC2_LAUNCH_CONFIGURATION, name, {
    imageId: "ami-0123456789abcdef0",
    instanceType: "m4.large",
    metadataOptions: { httpTokens: "required" },
    ...extra,
  });

/** [KICS query and fixture, rule, resources, resources the rule must report]. */
const CASES: readonly (readonly [string, string, readonly Resource[], number])[] = [
  [
    "'CodeBuild Project Encrypted With AWS Managed Key' positive: the key looked up by alias/aws/s3",
    "codebuild-project-kms-cmk",
    [codebuild("alias/aws/s3")],
    1,
  ],
  [
    "'CodeBuild Project Encrypted With AWS Managed Key' negative: the key looked up by alias/myAlias",
    "codebuild-project-kms-cmk",
    [codebuild("alias/myAlias")],
    0,
  ],
  [
    "'DB Instance Storage Not Encrypted' positive3: the RDS module with storage_encrypted false",
    "rds-storage-encrypted-cmk",
    [
      res(T.RDS_INSTANCE, "db", {
        identifier: "demodb",
        engine: "mysql",
        instanceClass: "db.t2.large",
        allocatedStorage: 5,
        storageEncrypted: false,
      }),
    ],
    1,
  ],
  [
    "'RDS Storage Not Encrypted' positive: an Aurora cluster without storage_encrypted",
    "rds-storage-encrypted-cmk",
    [aurora({})],
    1,
  ],
  [
    "'RDS Storage Not Encrypted' negative1 (storage_encrypted without a key: AWS-managed aws/rds) stays a finding: the family asks for a customer-managed key",
    "rds-storage-encrypted-cmk",
    [aurora({ storageEncrypted: true })],
    1,
  ],
  [
    "'CloudWatch Log Group Without KMS' positive: no kms_key_id",
    "cloudwatch-log-group-kms-cmk",
    [res(T.CLOUDWATCH_LOG_GROUP, "negative1", { name: "Yada", retentionInDays: 1 })],
    1,
  ],
  [
    "'DOCDB Cluster Without KMS' positive: storage_encrypted without kms_key_id",
    "docdb-cluster-kms-cmk",
    [
      res(T.DOCDB_CLUSTER, "docdb", {
        clusterIdentifier: "my-docdb-cluster",
        engine: "docdb",
        storageEncrypted: true,
      }),
    ],
    1,
  ],
  [
    "'Sagemaker Endpoint Configuration Encryption Disabled' positive: no kms_key_arn",
    "sagemaker-kms-cmk",
    [
      res(T.SAGEMAKER_ENDPOINT_CONFIGURATION, "ec", {
        productionVariants: [
          { variantName: "variant-1", modelName: "m", instanceType: "ml.t2.medium" },
        ],
      }),
    ],
    1,
  ],
  [
    "'Workspaces Workspace Volume Not Encrypted' positive3: a volume key but neither volume encrypted",
    "workspaces-volume-kms-cmk",
    [workspace({ volumeEncryptionKey: "alias/aws/workspaces" })],
    1,
  ],
  [
    "'Workspaces Workspace Volume Not Encrypted' negative1 (both volumes with alias/aws/workspaces) stays a finding: the AWS-managed key",
    "workspaces-volume-kms-cmk",
    [
      workspace({
        rootVolumeEncryptionEnabled: true,
        userVolumeEncryptionEnabled: true,
        volumeEncryptionKey: "alias/aws/workspaces",
      }),
    ],
    1,
  ],
  [
    "'EBS Volume Snapshot Not Encrypted' positive: the snapshot's volume has encrypted false",
    "ec2-ebs-volume-encrypted",
    [res(T.EBS_VOLUME, "example", { availabilityZone: "us-west-2a", size: 40, encrypted: false })],
    1,
  ],
  [
    "'Kinesis SSE Not Configured' positive example2-example5: no SSE, SSE off, key type AWS_OWN, CUSTOMER_MANAGED_CMK without a key",
    "firehose-delivery-stream-kms-cmk",
    [
      firehose("example2", {}),
      firehose("example3", { serverSideEncryption: { enabled: false } }),
      firehose("example4", { serverSideEncryption: { enabled: true, keyType: "AWS_OWN" } }),
      firehose("example5", {
        serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK" },
      }),
    ],
    4,
  ],
  [
    "'Kinesis SSE Not Configured' negative example6: CUSTOMER_MANAGED_CMK with a key",
    "firehose-delivery-stream-kms-cmk",
    [
      firehose("example6", {
        serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: KEY },
      }),
    ],
    0,
  ],
  [
    "'Kinesis SSE Not Configured' negative example9 (AWS_OWNED_CMK) stays a finding: not a customer-managed key",
    "firehose-delivery-stream-kms-cmk",
    [firehose("example9", { serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" } })],
    1,
  ],
  [
    // Firehose developer guide, "Data protection": with a Kinesis data stream as the source,
    // Firehose no longer stores the data at rest; the stream's own encryption applies.
    "'Kinesis SSE Not Configured' positive example (a Kinesis stream source) passes: Firehose does not store it at rest",
    "firehose-delivery-stream-kms-cmk",
    [
      firehose("example", {
        kinesisSourceConfiguration: {
          kinesisStreamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/cloudwatch-logs",
          roleArn: "arn:aws:iam::123456789012:role/firehose",
        },
      }),
    ],
    0,
  ],
  [
    "'Neptune Database Cluster Encryption Disabled' positive: storage_encrypted false",
    "neptune-cluster-kms-cmk",
    [
      res(T.NEPTUNE_CLUSTER, "example", {
        clusterIdentifier: "neptune-cluster-demo",
        engine: "neptune",
        storageEncrypted: false,
      }),
    ],
    1,
  ],
  [
    "'Secretsmanager Secret Encrypted With AWS Managed Key' positive1: alias/aws/secretsmanager",
    "secretsmanager-secret-cmk",
    [res(T.SECRETSMANAGER_SECRET, "test2", { kmsKeyId: "alias/aws/secretsmanager" })],
    1,
  ],
  [
    "'Secretsmanager Secret Encrypted With AWS Managed Key' negative1: alias/MyAlias",
    "secretsmanager-secret-cmk",
    [res(T.SECRETSMANAGER_SECRET, "test222", { kmsKeyId: "alias/MyAlias" })],
    0,
  ],
  [
    "'ECR Repository Not Encrypted' positive: no encryption configuration, and AES256",
    "ecr-repository-kms-cmk",
    [
      repository("bar", {}),
      repository("barX", { encryptionConfigurations: [{ encryptionType: "AES256" }] }),
    ],
    2,
  ],
  [
    "'ECR Repository Not Encrypted' negative: KMS with a key ARN",
    "ecr-repository-kms-cmk",
    [repository("foo2", { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY }] })],
    0,
  ],
  [
    "'Block Device Is Not Encrypted' positive1: an EBS device without encrypted, one with false, a root device with false",
    "ec2-instance-ebs-encrypted",
    [
      launchConfiguration("lc-1", {
        rootBlockDevice: { encrypted: true },
        ebsBlockDevices: [{ deviceName: "/dev/xvda1" }],
      }),
      launchConfiguration("lc-2", {
        rootBlockDevice: { encrypted: true },
        ebsBlockDevices: [{ deviceName: "/dev/xvda1", encrypted: false }],
      }),
      launchConfiguration("lc-3", { rootBlockDevice: { encrypted: false } }),
    ],
    3,
  ],
  [
    "'Beta - Backup Vault Without KMS Key' positive1: no kms_key_arn",
    "backup-vault-cmk",
    [res(T.BACKUP_VAULT, "positive1", { name: "example_vault" })],
    1,
  ],
  [
    "'CloudTrail Log Files Not Encrypted With CMK' positive: no kms_key_id",
    "cloudtrail-kms-cmk",
    [
      res(T.CLOUDTRAIL_TRAIL, "foobar", {
        name: "tf-trail-foobar",
        s3BucketName: "tf-test-trail",
        isMultiRegionTrail: true,
        enableLogFileValidation: true,
      }),
    ],
    1,
  ],
];

describe("KICS encryption queries, case by case", () => {
  for (const [name, rule, resources, count] of CASES) {
    const what = count ? `mandatory findings on ${count} resource(s)` : "no finding";
    it(`KICS ${name}: ${what} from ${rule}`, async () => {
      const found = await levels(rule, resources);
      expect(new Set(found.map((f) => f.name)).size, "resources reported").to.equal(count);
      expect(
        found.every((f) => f.level === "mandatory"),
        "levels",
      ).to.equal(true);
    });
  }
});
