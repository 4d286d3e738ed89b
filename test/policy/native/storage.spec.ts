// Data stores written with @pulumi/aws-native: S3 buckets (inline public-access block, inline
// default encryption) and the stores whose classic twins must use customer-managed KMS keys, judged
// by those twins' rules (policy-pack/lib/native/twins.ts). Each compliant store passes; each is then
// broken one field at a time.
import { expect } from "chai";
import type { RecordedResource } from "../../../tools/lib/recorder";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
/** A customer-managed key of the stack (aws-native), which the stores reference. */
const key = res(n.NATIVE_KMS_KEY, "data-key", {
  enableKeyRotation: true,
  keyPolicy: {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::123456789012:root" },
        Action: "kms:*",
        Resource: "*",
      },
    ],
  },
});
/** A store built from `key` at `prop` (the engine's property dependency). */
const store = (type: string, name: string, inputs: Record<string, unknown>, prop: string) =>
  res(type, name, inputs, { refs: { [prop]: [key] } });

describe("aws-native S3 buckets", () => {
  const flags = {
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  };
  const encryption = (sseAlgorithm = "aws:kms", kmsMasterKeyId: unknown = KEY_ARN) => ({
    serverSideEncryptionConfiguration: [
      { serverSideEncryptionByDefault: { sseAlgorithm, kmsMasterKeyId }, bucketKeyEnabled: true },
    ],
  });
  const bucket = (over: Record<string, unknown> = {}): RecordedResource =>
    store(
      n.NATIVE_S3_BUCKET,
      "site",
      { publicAccessBlockConfiguration: flags, bucketEncryption: encryption(), ...over },
      "bucketEncryption",
    );
  const rules = ["s3-bucket-public-access-block", "s3-bucket-sse-kms-cmk"].map(policy);

  it("a bucket with all four flags and SSE-KMS under a stack key passes", async () => {
    await expectClean(rules, [key, bucket()]);
  });
  it("aws:kms:dsse with a stack key passes", async () => {
    await expectClean(rules, [key, bucket({ bucketEncryption: encryption("aws:kms:dsse") })]);
  });
  it("s3-bucket-public-access-block: no publicAccessBlockConfiguration", async () => {
    expect(
      await violationsOf("s3-bucket-public-access-block", [
        key,
        bucket({ publicAccessBlockConfiguration: undefined }),
      ]),
    ).to.deep.equal(['site: bucket "site" has no publicAccessBlockConfiguration.']);
  });
  for (const flag of Object.keys(flags)) {
    it(`s3-bucket-public-access-block: ${flag} false`, async () => {
      const found = await violationsOf("s3-bucket-public-access-block", [
        key,
        bucket({ publicAccessBlockConfiguration: { ...flags, [flag]: false } }),
      ]);
      expect(found).to.deep.equal([
        `site: bucket "site": publicAccessBlockConfiguration leaves ${flag} off.`,
      ]);
    });
  }
  it("s3-bucket-sse-kms-cmk: no bucketEncryption (S3 applies SSE-S3)", async () => {
    const found = await violationsOf("s3-bucket-sse-kms-cmk", [
      key,
      bucket({ bucketEncryption: undefined }),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("has no default-encryption configuration");
  });
  it("s3-bucket-sse-kms-cmk: AES256", async () => {
    const found = await violationsOf("s3-bucket-sse-kms-cmk", [
      key,
      bucket({ bucketEncryption: encryption("AES256", undefined) }),
    ]);
    expect(found[0]).to.contain("uses SSE-S3 (AES256), not SSE-KMS");
  });
  it("s3-bucket-sse-kms-cmk: aws:kms with the AWS-managed key", async () => {
    const found = await violationsOf("s3-bucket-sse-kms-cmk", [
      res(n.NATIVE_S3_BUCKET, "site", {
        publicAccessBlockConfiguration: flags,
        bucketEncryption: encryption("aws:kms", "alias/aws/s3"),
      }),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("AWS-managed key alias/aws/s3");
  });
  it("the block's flags unknown at preview are a preview note", async () => {
    const notes = await previewNotes(policy("s3-bucket-public-access-block"), [
      bucket({ publicAccessBlockConfiguration: UNKNOWN }),
    ]);
    expect(notes).to.have.length(1);
  });
});

interface StoreCase {
  readonly rule: string;
  readonly type: string;
  /** Compliant inputs, and the property the key is read through. */
  readonly inputs: Record<string, unknown>;
  readonly prop: string;
  /** One field at a time: the broken inputs, and a fragment of the finding. */
  readonly broken: [Record<string, unknown>, string][];
}

const cases: StoreCase[] = [
  {
    rule: "sqs-queue-kms-cmk",
    type: n.NATIVE_SQS_QUEUE,
    inputs: { kmsMasterKeyId: KEY_ARN },
    prop: "kmsMasterKeyId",
    broken: [[{ kmsMasterKeyId: undefined, sqsManagedSseEnabled: true }, "no KMS key is set"]],
  },
  {
    rule: "sns-topic-kms-cmk",
    type: n.NATIVE_SNS_TOPIC,
    inputs: { kmsMasterKeyId: KEY_ARN },
    prop: "kmsMasterKeyId",
    broken: [[{ kmsMasterKeyId: "alias/aws/sns" }, "AWS-managed key alias/aws/sns"]],
  },
  {
    rule: "cloudwatch-log-group-kms-cmk",
    type: n.NATIVE_LOGS_LOG_GROUP,
    inputs: { kmsKeyId: KEY_ARN, retentionInDays: 365 },
    prop: "kmsKeyId",
    broken: [[{ kmsKeyId: undefined }, "no KMS key is set"]],
  },
  {
    rule: "dynamodb-table-kms-cmk",
    type: n.NATIVE_DYNAMODB_TABLE,
    inputs: { sseSpecification: { sseEnabled: true, sseType: "KMS", kmsMasterKeyId: KEY_ARN } },
    prop: "sseSpecification",
    broken: [
      [{ sseSpecification: undefined }, "sseSpecification is not enabled"],
      [{ sseSpecification: { sseEnabled: true } }, "aws/dynamodb"],
    ],
  },
  {
    rule: "dynamodb-table-kms-cmk",
    type: n.NATIVE_DYNAMODB_GLOBAL_TABLE,
    inputs: {
      sseSpecification: { sseEnabled: true, sseType: "KMS" },
      replicas: [
        { region: "eu-west-1", sseSpecification: { kmsMasterKeyId: KEY_ARN } },
        { region: "eu-central-1", sseSpecification: { kmsMasterKeyId: KEY_ARN } },
      ],
    },
    prop: "replicas",
    broken: [
      [{ sseSpecification: { sseEnabled: false } }, "sseSpecification is not enabled"],
      [
        {
          replicas: [
            { region: "eu-west-1", sseSpecification: { kmsMasterKeyId: KEY_ARN } },
            { region: "eu-central-1" },
          ],
        },
        "replica eu-central-1",
      ],
    ],
  },
  {
    rule: "kinesis-stream-kms-cmk",
    type: n.NATIVE_KINESIS_STREAM,
    inputs: { streamEncryption: { encryptionType: "KMS", keyId: KEY_ARN } },
    prop: "streamEncryption",
    broken: [
      [{ streamEncryption: undefined }, "encryptionType is unset (NONE)"],
      [
        { streamEncryption: { encryptionType: "KMS", keyId: "alias/aws/kinesis" } },
        "alias/aws/kinesis",
      ],
    ],
  },
  {
    rule: "rds-storage-encrypted-cmk",
    type: n.NATIVE_RDS_DB_INSTANCE,
    inputs: { engine: "postgres", storageEncrypted: true, kmsKeyId: KEY_ARN },
    prop: "kmsKeyId",
    broken: [
      [{ storageEncrypted: false }, "storageEncrypted"],
      [{ kmsKeyId: undefined }, "aws/rds"],
    ],
  },
  {
    rule: "rds-storage-encrypted-cmk",
    type: n.NATIVE_RDS_DB_CLUSTER,
    inputs: { engine: "aurora-postgresql", storageEncrypted: true, kmsKeyId: KEY_ARN },
    prop: "kmsKeyId",
    broken: [[{ storageEncrypted: undefined }, "storageEncrypted"]],
  },
  {
    rule: "ec2-ebs-volume-encrypted",
    type: n.NATIVE_EC2_VOLUME,
    inputs: { availabilityZone: "eu-west-1a", size: 20, encrypted: true, kmsKeyId: KEY_ARN },
    prop: "kmsKeyId",
    broken: [[{ encrypted: false }, "not encrypted"]],
  },
  {
    rule: "efs-file-system-kms-cmk",
    type: n.NATIVE_EFS_FILE_SYSTEM,
    inputs: { encrypted: true, kmsKeyId: KEY_ARN },
    prop: "kmsKeyId",
    broken: [[{ encrypted: false }, "encrypted"]],
  },
  {
    rule: "secretsmanager-secret-cmk",
    type: n.NATIVE_SECRETSMANAGER_SECRET,
    inputs: { kmsKeyId: KEY_ARN },
    prop: "kmsKeyId",
    broken: [[{ kmsKeyId: undefined }, "aws/secretsmanager"]],
  },
  {
    rule: "ecr-repository-kms-cmk",
    type: n.NATIVE_ECR_REPOSITORY,
    inputs: { encryptionConfiguration: { encryptionType: "KMS", kmsKey: KEY_ARN } },
    prop: "encryptionConfiguration",
    broken: [
      [{ encryptionConfiguration: undefined }, "no encryption configuration"],
      [{ encryptionConfiguration: { encryptionType: "AES256" } }, "encryptionType AES256"],
    ],
  },
];

describe("aws-native data stores: customer-managed KMS keys", () => {
  for (const c of cases) {
    describe(`${c.type} (${c.rule})`, () => {
      it("encrypted with the stack's key: passes", async () => {
        await expectClean(policy(c.rule), [key, store(c.type, "s", c.inputs, c.prop)]);
      });
      for (const [over, fragment] of c.broken) {
        it(`${JSON.stringify(over)}: reported`, async () => {
          const found = await violationsOf(c.rule, [
            key,
            store(c.type, "s", { ...c.inputs, ...over }, c.prop),
          ]);
          expect(found).to.have.length(1);
          expect(found[0]).to.match(/^s: /);
          expect(found[0]).to.contain(fragment);
        });
      }
    });
  }

  it("rds-not-publicly-accessible: a public aws-native DBInstance", async () => {
    const db = (publiclyAccessible: boolean) =>
      res(n.NATIVE_RDS_DB_INSTANCE, "db", { engine: "postgres", publiclyAccessible });
    await expectClean(policy("rds-not-publicly-accessible"), [db(false)]);
    expect(await violationsOf("rds-not-publicly-accessible", [db(true)])).to.deep.equal([
      "db: publiclyAccessible is true.",
    ]);
  });

  it("the token earlier aws-native releases registered (DBInstance) is judged too", async () => {
    const found = await violationsOf("rds-not-publicly-accessible", [
      res(n.NATIVE_RDS_DB_INSTANCE_V0, "db", { engine: "postgres", publiclyAccessible: true }),
    ]);
    expect(found).to.deep.equal(["db: publiclyAccessible is true."]);
  });

  it("s3-bucket-no-public-acl: accessControl PublicRead (CloudFormation's spelling)", async () => {
    const bucket = (accessControl: string) => res(n.NATIVE_S3_BUCKET, "site", { accessControl });
    await expectClean(policy("s3-bucket-no-public-acl"), [bucket("Private")]);
    expect(await violationsOf("s3-bucket-no-public-acl", [bucket("PublicRead")])).to.deep.equal([
      'site: canned ACL "public-read" is public.',
    ]);
  });

  it("an Aurora member DBInstance defers to its cluster's encryption", async () => {
    await expectClean(policy("rds-storage-encrypted-cmk"), [
      res(n.NATIVE_RDS_DB_INSTANCE, "member", {
        engine: "aurora-postgresql",
        dbClusterIdentifier: "c",
      }),
    ]);
  });
});
