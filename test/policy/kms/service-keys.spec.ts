// Customer-managed-key encryption of ECR repositories, Redshift Serverless namespaces, CodeBuild
// projects and CodePipeline artifact stores. Keys of the stack are referenced the way a program
// does at preview: the ARN is unknown and the property dependency names the key.
import { expect } from "chai";
import {
  CODEBUILD_PROJECT,
  CODEPIPELINE_PIPELINE,
  ECR_REPOSITORY,
  REDSHIFTSERVERLESS_NAMESPACE,
  S3_BUCKET,
} from "../../../policy-pack/lib/types";
import { policy, res, UNKNOWN, violations } from "../fixture";
import { key, KEY_ARN } from "../fixtures/kms";

describe("ecr-repository-kms-cmk", () => {
  const p = policy("ecr-repository-kms-cmk");
  const k = key();
  const repo = (cfg: object[] | undefined, refs = true) =>
    res(ECR_REPOSITORY, "repo", cfg ? { encryptionConfigurations: cfg } : {}, {
      refs: refs ? { encryptionConfigurations: [k] } : {},
    });

  describe("Noncompliance", () => {
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

  describe("Compliance", () => {
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
  });
});

describe("redshift-serverless-namespace-kms-cmk", () => {
  const p = policy("redshift-serverless-namespace-kms-cmk");
  const NS = REDSHIFTSERVERLESS_NAMESPACE;

  describe("Noncompliance", () => {
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

  describe("Compliance", () => {
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

  describe("Noncompliance", () => {
    it("reports an unset key and the aws/s3 alias", async () => {
      const unset = res(CODEBUILD_PROJECT, "build", {
        artifacts: { type: "NO_ARTIFACTS" },
      });
      expect(await violations(p, [unset])).to.deep.equal([
        'build: CodeBuild project "build": no KMS key is set (CodeBuild then uses the AWS-managed key aws/s3), not a customer-managed key.',
      ]);
      expect(await violations(p, [project({ encryptionKey: "alias/aws/s3" })])).to.have.length(1);
    });
    it("reports encryption disabled on artifacts (Trivy AWS-0018 test_disallow_artifact_settings_without_encryption), secondary artifacts (test_disallow_secondary_artifact_settings_without_encryption) and S3 logs", async () => {
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

  describe("Compliance", () => {
    it("passes a project with a key of the stack", async () => {
      expect(await violations(p, [k, project()])).to.deep.equal([]);
    });
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

  describe("Noncompliance", () => {
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

  describe("Compliance", () => {
    it("passes every store encrypted with a key of the stack", async () => {
      expect(
        await violations(p, [k, bucket, pipeline([store({ type: "KMS", id: UNKNOWN })])]),
      ).to.deep.equal([]);
    });
  });
});
