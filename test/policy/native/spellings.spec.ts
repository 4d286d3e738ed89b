// Native properties as the early 0.x aws-native SDKs spelled them (CloudFormation's acronyms
// camel-cased letter by letter: sSESpecification, kMSMasterKeyId, dataVolumeKMSKeyId, keyARN,
// vPCOptions, vPCZoneIdentifier, principalOrgID, sourceDBInstanceIdentifier, a bucket's
// serverSideEncryptionByDefault { sSEAlgorithm, kMSMasterKeyID }; @pulumi/aws-native
// 0.67.0 on npm) judged as the 1.x spellings are (policy-pack/lib/native/spelling.ts). Each case
// writes the compliant resource in the early spelling and breaks it one field at a time; the 1.x
// spelling of the same resources is covered by the spec of its rule.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, res, violationsOf } from "../fixture";
import { Case, KEY_ARN, runCases } from "./cases";

const ACCOUNT = "123456789012";

/**
 * A bucket's bucketEncryption with one rule, its default as 0.67.0 spells it
 * (s3/bucket.d.ts: BucketServerSideEncryptionByDefaultArgs { sSEAlgorithm, kMSMasterKeyID }).
 */
const bucketEncryption = (byDefault: Record<string, unknown>, bucketKeyEnabled = true) => ({
  serverSideEncryptionConfiguration: [
    { serverSideEncryptionByDefault: byDefault, bucketKeyEnabled },
  ],
});
const SSE_KMS_V0 = { sSEAlgorithm: "aws:kms", kMSMasterKeyID: KEY_ARN };

const cases: Case[] = [
  {
    rule: "dynamodb-table-kms-cmk",
    type: n.NATIVE_DYNAMODB_TABLE,
    inputs: { sSESpecification: { sSEEnabled: true, sSEType: "KMS", kMSMasterKeyId: KEY_ARN } },
    prop: "sSESpecification",
    broken: [
      [{ sSESpecification: undefined }, "is not enabled"],
      [{ sSESpecification: { sSEEnabled: false } }, "is not enabled"],
      [{ sSESpecification: { sSEEnabled: true } }, "aws/dynamodb"],
    ],
  },
  {
    rule: "dynamodb-table-kms-cmk",
    type: n.NATIVE_DYNAMODB_GLOBAL_TABLE,
    inputs: {
      sSESpecification: { sSEEnabled: true, sSEType: "KMS" },
      replicas: [
        { region: "eu-west-1", sSESpecification: { kMSMasterKeyId: KEY_ARN } },
        { region: "eu-central-1", sSESpecification: { kMSMasterKeyId: KEY_ARN } },
      ],
    },
    prop: "replicas",
    broken: [
      [{ sSESpecification: { sSEEnabled: false } }, "is not enabled"],
      [
        {
          replicas: [
            { region: "eu-west-1", sSESpecification: { kMSMasterKeyId: KEY_ARN } },
            { region: "eu-central-1" },
          ],
        },
        "replica eu-central-1",
      ],
    ],
  },
  {
    rule: "msk-cluster-encryption-cmk",
    type: n.NATIVE_MSK_CLUSTER,
    inputs: {
      encryptionInfo: {
        encryptionAtRest: { dataVolumeKMSKeyId: KEY_ARN },
        encryptionInTransit: { clientBroker: "TLS", inCluster: true },
      },
    },
    prop: "encryptionInfo",
    broken: [
      [
        { encryptionInfo: { encryptionAtRest: {}, encryptionInTransit: { clientBroker: "TLS" } } },
        "aws/kafka",
        "encryptionAtRest without dataVolumeKMSKeyId",
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
        keyARN: KEY_ARN,
      },
    },
    prop: "deliveryStreamEncryptionConfigurationInput",
    broken: [
      [
        { deliveryStreamEncryptionConfigurationInput: { keyType: "AWS_OWNED_CMK" } },
        'Firehose stream "s"',
      ],
    ],
  },
  {
    rule: "s3-bucket-sse-kms-cmk",
    type: n.NATIVE_S3_BUCKET,
    inputs: { bucketEncryption: bucketEncryption(SSE_KMS_V0) },
    prop: "bucketEncryption",
    keyed: true,
    broken: [
      [
        { bucketEncryption: bucketEncryption({ sSEAlgorithm: "AES256" }) },
        "uses SSE-S3 (AES256), not SSE-KMS",
        "sSEAlgorithm AES256",
      ],
      [
        { bucketEncryption: bucketEncryption({ sSEAlgorithm: "aws:kms" }) },
        "uses aws:kms but",
        "sSEAlgorithm aws:kms without kMSMasterKeyID",
      ],
    ],
  },
  {
    rule: "s3-bucket-key-enabled",
    type: n.NATIVE_S3_BUCKET,
    inputs: { bucketEncryption: bucketEncryption(SSE_KMS_V0) },
    prop: "bucketEncryption",
    broken: [
      [
        { bucketEncryption: bucketEncryption(SSE_KMS_V0, false) },
        "uses SSE-KMS without bucketKeyEnabled: true",
        "sSEAlgorithm aws:kms, bucketKeyEnabled false",
      ],
    ],
  },
];

runCases("aws-native resources in early 0.x SDK spellings", cases);

describe("aws-native early 0.x spellings of placement and exposure properties", () => {
  const DOMAIN_ARN = `arn:aws:es:eu-west-1:${ACCOUNT}:domain/search/*`;
  const open = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: "*", Action: "es:ESHttp*", Resource: DOMAIN_ARN }],
  };
  const domain = (over: Record<string, unknown>) =>
    res(n.NATIVE_OPENSEARCH_DOMAIN, "search", {
      domainName: "search",
      accessPolicies: open,
      ...over,
    });

  it("an OpenSearch domain in a VPC (vPCOptions.subnetIds) may take the open policy", async () => {
    const vpc = { vPCOptions: { subnetIds: ["subnet-0abc"], securityGroupIds: ["sg-0abc"] } };
    await expectClean(policy("opensearch-domain-policy-not-public"), [domain(vpc)]);
  });
  it("the same domain without vPCOptions is public: reported", async () => {
    const found = await violationsOf("opensearch-domain-policy-not-public", [domain({})]);
    expect(found).to.have.length(1);
  });

  const permission = (over: Record<string, unknown>) =>
    res(n.NATIVE_LAMBDA_PERMISSION, "invoke", {
      action: "lambda:InvokeFunction",
      functionName: "fn",
      principal: "*",
      ...over,
    });
  it('a Lambda permission for Principal "*" pinned by principalOrgID passes', async () => {
    await expectClean(policy("lambda-permission-not-public"), [
      permission({ principalOrgID: "o-a1b2c3d4e5" }),
    ]);
  });
  it("the same permission without principalOrgID is reported", async () => {
    const found = await violationsOf("lambda-permission-not-public", [permission({})]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("principalOrgId");
  });

  it("a DBInstance replica (sourceDBInstanceIdentifier) takes its source's backups", async () => {
    const replica = res(n.NATIVE_RDS_DB_INSTANCE_V0, "replica", {
      sourceDBInstanceIdentifier: "orders",
      backupRetentionPeriod: 0,
    });
    await expectClean(policy("rds-backup-retention"), [replica]);
  });
  it("a DBInstance that is not a replica with backupRetentionPeriod 0 is reported", async () => {
    const db = res(n.NATIVE_RDS_DB_INSTANCE_V0, "db", { backupRetentionPeriod: 0 });
    const found = await violationsOf("rds-backup-retention", [db]);
    expect(found).to.have.length(1);
  });
});

describe("findings of stack rules name a property as the program's SDK spelled it", () => {
  // dynamodb-table-kms-cmk is a stack rule (a customer-key policy reads the key's resource in the
  // stack): its message goes through the stack report, which rewords the classic property
  // (serverSideEncryption, serverSideEncryption.kmsKeyArn) as the native one the program wrote.
  const rule = "dynamodb-table-kms-cmk";
  const table = (inputs: Record<string, unknown>) => res(n.NATIVE_DYNAMODB_TABLE, "t", inputs);
  it("is a stack rule", () => {
    expect(policy(rule)).to.have.property("validateStack");
  });
  for (const [sdk, sse, enabled, key] of [
    ["1.x", "sseSpecification", "sseEnabled", "kmsMasterKeyId"],
    ["0.x", "sSESpecification", "sSEEnabled", "kMSMasterKeyId"],
  ]) {
    it(`${sdk}: ${sse} and ${sse}.${key}, never the classic names`, async () => {
      const off = await violationsOf(rule, [table({ [sse]: { [enabled]: false } })]);
      expect(off).to.deep.equal([
        `t: DynamoDB table "t": ${sse} is not enabled: the table uses an AWS-owned key.`,
      ]);
      const managed = await violationsOf(rule, [table({ [sse]: { [enabled]: true } })]);
      expect(managed).to.have.length(1);
      expect(managed[0]).to.contain(`"t" ${sse}.${key}: no KMS key is set`);
      const alias = await violationsOf(rule, [
        table({ [sse]: { [enabled]: true, [key]: "alias/aws/dynamodb" } }),
      ]);
      expect(alias[0]).to.contain(`"t" ${sse}.${key}: it uses the AWS-managed key`);
      for (const m of [...off, ...managed, ...alias]) {
        expect(m).to.not.match(/serverSideEncryption|kmsKeyArn/);
      }
    });
  }
});
