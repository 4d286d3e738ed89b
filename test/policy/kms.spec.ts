// KMS policies and customer-managed-key encryption of ECR, Redshift Serverless, CodeBuild,
// CodePipeline, SNS and SQS: a compliant fixture per policy and one test per way of breaking it.
// Keys of the stack are referenced the way a program does at preview: the ARN is unknown and the
// property dependency names the key.
import { expect } from "chai";
import { policies } from "../../policy-pack/policies/kms";
import { previewNotes, res, UNKNOWN, violations } from "./fixture";
import {
  CODEBUILD_PROJECT,
  CODEPIPELINE_PIPELINE,
  ECR_REPOSITORY,
  IAM_ROLE,
  KMS_KEY,
  KMS_KEY_POLICY,
  REDSHIFTSERVERLESS_NAMESPACE,
  S3_BUCKET,
  SNS_TOPIC,
  SQS_QUEUE,
} from "../../policy-pack/lib/types";
const ACCOUNT = "123456789012";
const KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const policy = (name: string) => {
  const p = policies.find((x) => x.name === name);
  if (!p) throw new Error(`no policy ${name}`);
  return p;
};

const keyPolicyDoc = (...extra: object[]) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "KeyAdministration",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/key-admin` },
        Action: ["kms:Describe*", "kms:Put*", "kms:ScheduleKeyDeletion"],
        Resource: "*",
      },
      ...extra,
    ],
  });

const keyInputs = {
  description: "Encrypts the upload buckets",
  enableKeyRotation: true,
  deletionWindowInDays: 30,
  policy: keyPolicyDoc(),
};
const key = (inputs: Record<string, any> = {}) => res(KMS_KEY, "key", { ...keyInputs, ...inputs });

describe("kms policies", () => {
  describe("kms-key-rotation-enabled", () => {
    const p = policy("kms-key-rotation-enabled");
    it("passes a symmetric key with rotation on (default and custom period)", async () => {
      expect(await violations(p, [key()])).to.deep.equal([]);
      expect(await violations(p, [key({ rotationPeriodInDays: 90 })])).to.deep.equal([]);
      expect(await violations(p, [key({ rotationPeriodInDays: 2560 })])).to.deep.equal([]);
    });
    it("reports rotation off and rotation unset", async () => {
      const msg = "key: automatic key rotation is off (enableKeyRotation is not true).";
      expect(await violations(p, [key({ enableKeyRotation: false })])).to.deep.equal([msg]);
      expect(await violations(p, [key({ enableKeyRotation: undefined })])).to.deep.equal([msg]);
    });
    it("reports a rotation period outside 90-2560", async () => {
      expect(await violations(p, [key({ rotationPeriodInDays: 30 })])).to.deep.equal([
        "key: rotationPeriodInDays 30 is outside 90-2560.",
      ]);
      expect(await violations(p, [key({ rotationPeriodInDays: 3000 })])).to.have.length(1);
    });
    it("skips keys that cannot rotate automatically (asymmetric, HMAC, custom key store)", async () => {
      for (const inputs of [
        { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" },
        { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" },
        { customKeyStoreId: "cks-1234" },
      ]) {
        expect(await violations(p, [key({ enableKeyRotation: false, ...inputs })])).to.deep.equal(
          [],
        );
      }
    });
    it("gives a preview note for an unknown rotation flag", async () => {
      const k = key({ enableKeyRotation: UNKNOWN });
      expect(await violations(p, [k])).to.deep.equal([]);
      expect(await previewNotes(p, [k])).to.have.length(1);
    });
  });

  describe("kms-key-policy-no-wildcard-principal", () => {
    const p = policy("kms-key-policy-no-wildcard-principal");
    const wildcard = {
      Sid: "Everyone",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt"],
      Resource: "*",
    };

    it("passes an explicit policy naming its principals, on the key or as a KeyPolicy", async () => {
      expect(await violations(p, [key()])).to.deep.equal([]);
      const k = key({ policy: undefined });
      const kp = res(
        KMS_KEY_POLICY,
        "key-policy",
        { keyId: UNKNOWN, policy: keyPolicyDoc() },
        { refs: { keyId: [k] } },
      );
      expect(await violations(p, [k, kp])).to.deep.equal([]);
    });
    it("passes a wildcard narrowed by kms:CallerAccount (the AWS-managed key pattern)", async () => {
      const narrowed = {
        ...wildcard,
        Condition: {
          StringEquals: {
            "kms:CallerAccount": ACCOUNT,
            "kms:ViaService": "s3.eu-west-1.amazonaws.com",
          },
        },
      };
      expect(await violations(p, [key({ policy: keyPolicyDoc(narrowed) })])).to.deep.equal([]);
    });
    it("reports a key without an explicit policy", async () => {
      expect(await violations(p, [key({ policy: undefined })])).to.deep.equal([
        'key: KMS key "key" has no explicit key policy: KMS applies the default policy, which hands every use of the key to IAM policies of the account.',
      ]);
    });
    it("gives a preview note, not a finding, for a policy unknown without property dependency", async () => {
      // An invoke output (getPolicyDocumentOutput) over unknown ARNs carries no dependencies at
      // preview, and an unset policy (KMS default) is unknown too: neither may pass or fail.
      expect(await violations(p, [key({ policy: UNKNOWN })])).to.deep.equal([]);
      expect(await previewNotes(p, [key({ policy: UNKNOWN })])).to.have.length(1);
    });
    it("reports a wildcard principal on the key, on a KeyPolicy, and kms:ViaService alone", async () => {
      expect(await violations(p, [key({ policy: keyPolicyDoc(wildcard) })])).to.deep.equal([
        'key: key policy of "key": statement Everyone (kms:Decrypt): Allow to Principal "*" without a narrowing condition.',
      ]);
      const k = key({ policy: undefined });
      const kp = res(
        KMS_KEY_POLICY,
        "kp",
        { keyId: UNKNOWN, policy: keyPolicyDoc(wildcard) },
        { refs: { keyId: [k] } },
      );
      expect(await violations(p, [k, kp])).to.have.length(1);
      // The one evaluator decides for keys as for buckets: a fixed /24 pins the grant (S3's
      // definition of "public"), a range broader than /8 does not.
      const byIp = { ...wildcard, Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } };
      expect(await violations(p, [key({ policy: keyPolicyDoc(byIp) })])).to.deep.equal([]);
      const broad = { ...wildcard, Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/1" } } };
      expect(await violations(p, [key({ policy: keyPolicyDoc(broad) })])).to.have.length(1);
      const viaOnly = {
        ...wildcard,
        Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
      };
      expect(await violations(p, [key({ policy: keyPolicyDoc(viaOnly) })])).to.have.length(1);
    });
    it("reports a KeyPolicy for a key outside the stack", async () => {
      const kp = res(KMS_KEY_POLICY, "kp", { keyId: "1234abcd", policy: keyPolicyDoc(wildcard) });
      expect(await violations(p, [kp])).to.have.length(1);
    });
    it("reports bypassPolicyLockoutSafetyCheck on the key and on a KeyPolicy", async () => {
      expect(await violations(p, [key({ bypassPolicyLockoutSafetyCheck: true })])).to.deep.equal([
        'key: "key" sets bypassPolicyLockoutSafetyCheck: true.',
      ]);
      const k = key({ policy: undefined });
      const kp = res(
        KMS_KEY_POLICY,
        "kp",
        { keyId: UNKNOWN, policy: keyPolicyDoc(), bypassPolicyLockoutSafetyCheck: true },
        { refs: { keyId: [k] } },
      );
      expect(await violations(p, [k, kp])).to.deep.equal([
        'key: "kp" sets bypassPolicyLockoutSafetyCheck: true.',
      ]);
    });
    it("gives a preview note for a policy built from ARNs unknown at preview", async () => {
      const role = res(IAM_ROLE, "admin", {});
      const k = res(
        KMS_KEY,
        "key",
        { ...keyInputs, policy: UNKNOWN },
        { refs: { policy: [role] } },
      );
      expect(await violations(p, [role, k])).to.deep.equal([]);
      expect(await previewNotes(p, [role, k])).to.have.length(1);
    });
  });

  describe("kms-key-deletion-window", () => {
    const p = policy("kms-key-deletion-window");
    it("passes 30 days and the default", async () => {
      expect(await violations(p, [key()])).to.deep.equal([]);
      expect(await violations(p, [key({ deletionWindowInDays: undefined })])).to.deep.equal([]);
    });
    it("reports a shorter window, unless config allows it", async () => {
      expect(await violations(p, [key({ deletionWindowInDays: 7 })])).to.deep.equal([
        "key: deletionWindowInDays is 7; use at least 30 (30 recommended).",
      ]);
      const config = { "kms-key-deletion-window": { minDeletionWindowDays: 7 } };
      expect(await violations(p, [key({ deletionWindowInDays: 7 })], config)).to.deep.equal([]);
    });
  });

  describe("kms-key-description", () => {
    const p = policy("kms-key-description");
    it("passes a described key", async () => {
      expect(await violations(p, [key()])).to.deep.equal([]);
    });
    it("reports a missing or blank description", async () => {
      expect(await violations(p, [key({ description: undefined })])).to.deep.equal([
        "key: the key has no description.",
      ]);
      expect(await violations(p, [key({ description: "  " })])).to.have.length(1);
    });
  });

  describe("ecr-repository-kms-cmk", () => {
    const p = policy("ecr-repository-kms-cmk");
    const k = key();
    const repo = (cfg: object[] | undefined, refs = true) =>
      res(ECR_REPOSITORY, "repo", cfg ? { encryptionConfigurations: cfg } : {}, {
        refs: refs ? { encryptionConfigurations: [k] } : {},
      });
    it("passes KMS (and KMS_DSSE) with a key of the stack, and with a literal key ARN", async () => {
      expect(
        await violations(p, [k, repo([{ encryptionType: "KMS", kmsKey: UNKNOWN }])]),
      ).to.deep.equal([]);
      expect(
        await violations(p, [k, repo([{ encryptionType: "KMS_DSSE", kmsKey: UNKNOWN }])]),
      ).to.deep.equal([]);
      expect(
        await violations(p, [repo([{ encryptionType: "KMS", kmsKey: KEY_ARN }], false)]),
      ).to.deep.equal([]);
    });
    it("reports no configuration, AES256, KMS without a key, and the aws/ecr alias", async () => {
      expect(await violations(p, [repo(undefined, false)])).to.deep.equal([
        'repo: ECR repository "repo": no encryption configuration, so ECR uses AES256 (SSE-S3).',
      ]);
      expect(await violations(p, [repo([{ encryptionType: "AES256" }], false)])).to.deep.equal([
        'repo: ECR repository "repo": encryptionType AES256, not KMS with a customer-managed key.',
      ]);
      expect(await violations(p, [repo([{ encryptionType: "KMS" }], false)])).to.deep.equal([
        'repo: ECR repository "repo": no KMS key is set (ECR then uses the AWS-managed key aws/ecr), not a customer-managed key.',
      ]);
      expect(
        await violations(p, [repo([{ encryptionType: "KMS", kmsKey: "alias/aws/ecr" }], false)]),
      ).to.have.length(1);
    });
  });

  describe("redshift-serverless-namespace-kms-cmk", () => {
    const p = policy("redshift-serverless-namespace-kms-cmk");
    const NS = REDSHIFTSERVERLESS_NAMESPACE;
    it("passes a key of the stack (unknown ARN) and a literal key ARN", async () => {
      const k = key();
      const ns = res(
        NS,
        "ns",
        { namespaceName: "analytics", kmsKeyId: UNKNOWN },
        { refs: { kmsKeyId: [k] } },
      );
      expect(await violations(p, [k, ns])).to.deep.equal([]);
      expect(
        await violations(p, [res(NS, "ns", { namespaceName: "a", kmsKeyId: KEY_ARN })]),
      ).to.deep.equal([]);
    });
    it("reports an unset key and the AWS-owned key", async () => {
      expect(await violations(p, [res(NS, "ns", { namespaceName: "a" })])).to.deep.equal([
        'ns: Redshift Serverless namespace "ns": no KMS key is set (Redshift then uses an AWS-owned key), not a customer-managed key.',
      ]);
      expect(
        await violations(p, [res(NS, "ns", { namespaceName: "a", kmsKeyId: "AWS_OWNED_KMS_KEY" })]),
      ).to.deep.equal([
        'ns: Redshift Serverless namespace "ns": it uses an AWS-owned key (AWS_OWNED_KMS_KEY), not a customer-managed key.',
      ]);
    });
  });

  describe("codebuild-project-kms-cmk", () => {
    const p = policy("codebuild-project-kms-cmk");
    const k = key();
    const project = (inputs: Record<string, any> = {}) =>
      res(
        CODEBUILD_PROJECT,
        "build",
        {
          encryptionKey: UNKNOWN,
          artifacts: { type: "S3", location: "artifacts" },
          logsConfig: { s3Logs: { status: "ENABLED", location: "logs/build" } },
          ...inputs,
        },
        {
          refs:
            inputs.encryptionKey === undefined || inputs.encryptionKey === UNKNOWN
              ? { encryptionKey: [k] }
              : {},
        },
      );
    it("passes a project with a key of the stack", async () => {
      expect(await violations(p, [k, project()])).to.deep.equal([]);
    });
    it("reports an unset key and the aws/s3 alias", async () => {
      const unset = res(CODEBUILD_PROJECT, "build", {
        artifacts: { type: "NO_ARTIFACTS" },
      });
      expect(await violations(p, [unset])).to.deep.equal([
        'build: CodeBuild project "build": no KMS key is set (CodeBuild then uses the AWS-managed key aws/s3), not a customer-managed key.',
      ]);
      expect(await violations(p, [project({ encryptionKey: "alias/aws/s3" })])).to.have.length(1);
    });
    it("reports encryption disabled on artifacts, secondary artifacts and S3 logs", async () => {
      expect(
        await violations(p, [
          k,
          project({ artifacts: { type: "S3", location: "a", encryptionDisabled: true } }),
        ]),
      ).to.deep.equal([
        'build: CodeBuild project "build": artifacts set encryptionDisabled: true.',
      ]);
      expect(
        await violations(p, [
          k,
          project({
            secondaryArtifacts: [
              { type: "S3", artifactIdentifier: "extra", encryptionDisabled: true },
            ],
          }),
        ]),
      ).to.deep.equal([
        'build: CodeBuild project "build": secondary artifact extra set encryptionDisabled: true.',
      ]);
      expect(
        await violations(p, [
          k,
          project({ logsConfig: { s3Logs: { status: "ENABLED", encryptionDisabled: true } } }),
        ]),
      ).to.deep.equal([
        'build: CodeBuild project "build": logsConfig.s3Logs sets encryptionDisabled: true.',
      ]);
    });
  });

  describe("codepipeline-artifact-store-kms-cmk", () => {
    const p = policy("codepipeline-artifact-store-kms-cmk");
    const k = key();
    const bucket = res(S3_BUCKET, "artifacts", { bucket: "artifacts" });
    const pipeline = (stores: object[]) =>
      res(
        CODEPIPELINE_PIPELINE,
        "pipe",
        { roleArn: UNKNOWN, stages: [], artifactStores: stores },
        { refs: { artifactStores: [bucket, k] } },
      );
    const store = (encryptionKey?: object) => ({ type: "S3", location: UNKNOWN, encryptionKey });
    it("passes every store encrypted with a key of the stack", async () => {
      expect(
        await violations(p, [k, bucket, pipeline([store({ type: "KMS", id: UNKNOWN })])]),
      ).to.deep.equal([]);
    });
    it("reports a store without a key, one of two stores without a key, a non-KMS type, aws/s3", async () => {
      expect(await violations(p, [k, bucket, pipeline([store()])])).to.deep.equal([
        'pipe: CodePipeline "pipe" artifact store 0: no KMS key is set (CodePipeline then uses the AWS-managed key aws/s3), not a customer-managed key.',
      ]);
      const two = pipeline([
        { ...store({ type: "KMS", id: UNKNOWN }), region: "eu-west-1" },
        { ...store(), region: "us-east-1" },
      ]);
      expect(await violations(p, [k, bucket, two])).to.deep.equal([
        'pipe: CodePipeline "pipe" artifact store us-east-1: no KMS key is set (CodePipeline then uses the AWS-managed key aws/s3), not a customer-managed key.',
      ]);
      expect(
        await violations(p, [k, bucket, pipeline([store({ type: "OTHER", id: KEY_ARN })])]),
      ).to.have.length(1);
      expect(
        await violations(p, [k, bucket, pipeline([store({ type: "KMS", id: "alias/aws/s3" })])]),
      ).to.have.length(1);
    });
  });

  describe("sns-topic-kms-cmk and sqs-queue-kms-cmk", () => {
    const sns = policy("sns-topic-kms-cmk");
    const sqs = policy("sqs-queue-kms-cmk");
    const k = key();
    it("pass a key of the stack", async () => {
      const t = res(SNS_TOPIC, "t", { kmsMasterKeyId: UNKNOWN }, { refs: { kmsMasterKeyId: [k] } });
      const q = res(SQS_QUEUE, "q", { kmsMasterKeyId: UNKNOWN }, { refs: { kmsMasterKeyId: [k] } });
      expect(await violations(sns, [k, t])).to.deep.equal([]);
      expect(await violations(sqs, [k, q])).to.deep.equal([]);
    });
    it("report no key, SSE-SQS, and AWS-managed aliases", async () => {
      expect(await violations(sns, [res(SNS_TOPIC, "t", {})])).to.have.length(1);
      expect(
        await violations(sns, [res(SNS_TOPIC, "t", { kmsMasterKeyId: "alias/aws/sns" })]),
      ).to.have.length(1);
      expect(
        await violations(sqs, [res(SQS_QUEUE, "q", { sqsManagedSseEnabled: true })]),
      ).to.deep.equal([
        'q: SQS queue "q": no KMS key is set (SQS then applies SSE-SQS with an SQS-owned key, or nothing), not a customer-managed key.',
      ]);
      expect(
        await violations(sqs, [res(SQS_QUEUE, "q", { kmsMasterKeyId: "alias/aws/sqs" })]),
      ).to.have.length(1);
    });
  });
});
