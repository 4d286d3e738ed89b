// Compute-side data encryption with customer-managed keys (Lambda environment variables, EKS
// secrets, ECS Exec sessions, CodeBuild report exports, WorkSpaces volumes), from the third
// parties' own fixtures translated to Pulumi inputs. The same rule file's SageMaker and Comprehend
// rules: ./machine-learning.spec.ts.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import * as T from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import {
  awsManaged,
  KEY_ARN,
  keyFixtures,
  policyNamed,
  run,
  UNKNOWN,
  withStackKey,
} from "../fixtures/kms";

describe("lambda-function-environment-kms-cmk", () => {
  const p = policyNamed(policies, "lambda-function-environment-kms-cmk");
  const base = {
    name: "test-env",
    role: UNKNOWN,
    runtime: "python3.8",
    handler: "index.handler",
  };
  const { compliant, plain: fn } = keyFixtures(
    T.LAMBDA_FUNCTION,
    "fn",
    base,
    { environment: { variables: { TABLE: "orders" } }, kmsKeyArn: UNKNOWN },
    ["kmsKeyArn"],
  );

  describe("Compliance", () => {
    it("CKV_AWS_173 passing fixture: variables with a key of the stack", async () => {
      expect(await run(p, compliant())).to.deep.equal(clean);
    });
    it("CKV_AWS_173: no environment, or no variables, needs no key", async () => {
      expect(await run(p, fn({}))).to.deep.equal(clean);
      expect(await run(p, fn({ environment: { variables: {} } }))).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_173 failing fixture: variables without kms_key_arn (aws/lambda)", async () => {
      const r = await run(p, fn({ environment: { variables: { foo: "bar" } } }));
      expect(r.violations).to.deep.equal([
        'fn: Lambda function "fn": no KMS key is set (the AWS-managed key aws/lambda), not a customer-managed key.',
      ]);
    });
    it("CKV_AWS_173 failing fixture: kms_key_arn = ''", async () => {
      const r = await run(p, fn({ environment: { variables: { foo: "bar" } }, kmsKeyArn: "" }));
      expect(r.violations).to.have.length(1);
    });
    it("the alias ARN of aws/lambda", async () => {
      const r = await run(
        p,
        fn({ environment: { variables: { foo: "bar" } }, kmsKeyArn: awsManaged("lambda") }),
      );
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("eks-cluster-secrets-kms-cmk", () => {
  const p = policyNamed(policies, "eks-cluster-secrets-kms-cmk");
  const base = { name: "example", roleArn: UNKNOWN, vpcConfig: { subnetIds: [UNKNOWN] } };
  const cluster = (inputs: Record<string, unknown>) => [
    res(T.EKS_CLUSTER, "eks", { ...base, ...inputs }),
  ];

  describe("Compliance", () => {
    it("secrets encrypted with a key of the stack", async () => {
      const r = withStackKey(
        T.EKS_CLUSTER,
        "eks",
        { ...base, encryptionConfig: { resources: ["secrets"], provider: { keyArn: UNKNOWN } } },
        ["encryptionConfig"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("KICS 'EKS Cluster Encryption Disabled' negative1: key_arn 'test' (a literal key)", async () => {
      const r = cluster({
        encryptionConfig: { resources: ["secrets"], provider: { keyArn: "test" } },
      });
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_58 / KICS positive1 / Trivy AWS-0039: no encryption_config", async () => {
      expect((await run(p, cluster({}))).violations).to.deep.equal([
        'eks: EKS cluster "eks": encryptionConfig does not cover secrets: they are not envelope-encrypted with a customer-managed key.',
      ]);
    });
    it("KICS positive2: resources = ['s']", async () => {
      const r = await run(
        p,
        cluster({ encryptionConfig: { resources: ["s"], provider: { keyArn: "test" } } }),
      );
      expect(r.violations).to.have.length(1);
    });
    it("CKV_AWS_151: secrets without a provider key", async () => {
      const r = await run(
        p,
        cluster({ encryptionConfig: { resources: ["secrets"], provider: {} } }),
      );
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("ecs-cluster-exec-kms-cmk", () => {
  const p = policyNamed(policies, "ecs-cluster-exec-kms-cmk");
  // Checkov's example_ECSClusterLoggingEncryptedWithCMK/main.tf, cluster by cluster.
  const cluster = (executeCommandConfiguration?: Record<string, unknown>) => [
    res(T.ECS_CLUSTER, "ecs", {
      name: "white-hart",
      ...(executeCommandConfiguration ? { configuration: { executeCommandConfiguration } } : {}),
    }),
  ];
  const withKey = (exec: Record<string, unknown>) =>
    withStackKey(
      T.ECS_CLUSTER,
      "ecs",
      {
        name: "white-hart",
        configuration: { executeCommandConfiguration: { kmsKeyId: UNKNOWN, ...exec } },
      },
      ["configuration"],
    );

  describe("Compliance", () => {
    it("CKV_AWS_224 pass: a key of the stack and CloudWatch log encryption", async () => {
      expect(
        await run(p, withKey({ logConfiguration: { cloudWatchEncryptionEnabled: true } })),
      ).to.deep.equal(clean);
    });
    it("CKV_AWS_224 pass2: a key of the stack and S3 log encryption", async () => {
      expect(
        await run(p, withKey({ logConfiguration: { s3BucketEncryptionEnabled: true } })),
      ).to.deep.equal(clean);
    });
    it("CKV_AWS_224 unknown: no execute command configuration, or logging NONE", async () => {
      expect(await run(p, cluster())).to.deep.equal(clean);
      expect(await run(p, cluster({ logging: "NONE", logConfiguration: {} }))).to.deep.equal(clean);
    });
    it("a key, and logging DEFAULT or left out: sessions go to the task's awslogs group (CKV_AWS_224 fail4 differs)", async () => {
      expect(await run(p, withKey({}))).to.deep.equal(clean);
      expect(await run(p, withKey({ logging: "DEFAULT" }))).to.deep.equal(clean);
      expect(await run(p, withKey({ logging: "DEFAULT", logConfiguration: {} }))).to.deep.equal(
        clean,
      );
    });
  });

  describe("Noncompliance", () => {
    it("logging OVERRIDE with a key but no log configuration", async () => {
      const r = await run(p, withKey({ logging: "OVERRIDE" }));
      expect(r.violations).to.have.length(1);
      expect(r.violations[0]).to.contain("cloudWatchEncryptionEnabled");
    });
    it("CKV_AWS_224 fail: no key (whatever the logging), and with OVERRIDE no log encryption", async () => {
      const r = await run(p, cluster({ logging: "OVERRIDE", logConfiguration: {} }));
      expect(r.violations).to.have.length(2);
      expect(r.violations[0]).to.contain("no KMS key is set");
      const d = await run(p, cluster({ logConfiguration: {} }));
      expect(d.violations).to.have.length(1);
      expect(d.violations[0]).to.contain("no KMS key is set");
    });
    it("CKV_AWS_224 fail2 and fail3 with OVERRIDE: a key, log encryption left out or false", async () => {
      const override = (log: Record<string, unknown>) =>
        withKey({ logging: "OVERRIDE", logConfiguration: log });
      expect((await run(p, override({}))).violations).to.have.length(1);
      expect(
        (await run(p, override({ cloudWatchEncryptionEnabled: false }))).violations,
      ).to.have.length(1);
    });
    it("the AWS-managed key is not a customer-managed key", async () => {
      const r = await run(
        p,
        cluster({
          kmsKeyId: awsManaged("ecs"),
          logConfiguration: { cloudWatchEncryptionEnabled: true },
        }),
      );
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("codebuild-report-group-kms-cmk", () => {
  const p = policyNamed(policies, "codebuild-report-group-kms-cmk");
  const s3 = (destination: Record<string, unknown>) => ({
    exportConfig: {
      type: "S3",
      s3Destination: { bucket: UNKNOWN, packaging: "NONE", ...destination },
    },
  });

  describe("Compliance", () => {
    it("an S3 export encrypted with a key of the stack", async () => {
      const r = withStackKey(
        T.CODEBUILD_REPORT_GROUP,
        "reports",
        { name: "reports", type: "TEST", ...s3({ encryptionKey: UNKNOWN }) },
        ["exportConfig"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("NO_EXPORT keeps the reports in CodeBuild", async () => {
      const r = [
        res(T.CODEBUILD_REPORT_GROUP, "reports", {
          name: "reports",
          type: "TEST",
          exportConfig: { type: "NO_EXPORT" },
        }),
      ];
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("an export with encryption disabled", async () => {
      const r = await run(p, [
        res(T.CODEBUILD_REPORT_GROUP, "reports", {
          name: "reports",
          type: "TEST",
          ...s3({ encryptionDisabled: true }),
        }),
      ]);
      expect(r.violations).to.deep.equal([
        'reports: CodeBuild report group "reports": exportConfig.s3Destination sets encryptionDisabled: true.',
      ]);
    });
    it("an export with the AWS-managed alias/aws/s3", async () => {
      const r = await run(p, [
        res(T.CODEBUILD_REPORT_GROUP, "reports", {
          name: "reports",
          type: "TEST",
          ...s3({ encryptionKey: awsManaged("s3") }),
        }),
      ]);
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("workspaces-volume-kms-cmk", () => {
  const p = policyNamed(policies, "workspaces-volume-kms-cmk");
  const base = { directoryId: "d-1234567890", bundleId: "wsb-bh8rsxt14", userName: "Jhon" };
  const workspace = (inputs: Record<string, unknown> = {}) =>
    res(T.WORKSPACES_WORKSPACE, "example", { ...base, ...inputs });
  const encrypted = { rootVolumeEncryptionEnabled: true, userVolumeEncryptionEnabled: true };

  describe("Compliance", () => {
    it("Trivy AWS-0109 good example / CKV_AWS_155/156 passing: both volumes encrypted with a customer key", async () => {
      expect(
        await run(p, [workspace({ ...encrypted, volumeEncryptionKey: KEY_ARN })]),
      ).to.deep.equal(clean);
      const r = withStackKey(
        T.WORKSPACES_WORKSPACE,
        "example",
        { ...base, ...encrypted, volumeEncryptionKey: UNKNOWN },
        ["volumeEncryptionKey"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("Trivy AWS-0109 bad example / CKV_AWS_155/156 failing: volumes not encrypted", async () => {
      expect((await run(p, [workspace()])).violations).to.deep.equal([
        'example: WorkSpace "example": rootVolumeEncryptionEnabled and userVolumeEncryptionEnabled are not true.',
      ]);
      const userOnly = workspace({ rootVolumeEncryptionEnabled: true });
      expect((await run(p, [userOnly])).violations).to.deep.equal([
        'example: WorkSpace "example": userVolumeEncryptionEnabled is not true.',
      ]);
    });
    it("encrypted with the AWS-managed key (no volumeEncryptionKey, or alias/aws/workspaces)", async () => {
      expect((await run(p, [workspace(encrypted)])).violations).to.have.length(1);
      const managed = workspace({ ...encrypted, volumeEncryptionKey: awsManaged("workspaces") });
      expect((await run(p, [managed])).violations).to.have.length(1);
    });
  });
});
