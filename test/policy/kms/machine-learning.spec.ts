// Machine-learning data encryption with customer-managed keys (SageMaker storage and monitoring
// jobs, Comprehend models), rules of the compute family (policy-pack/policies/kms/compute.ts),
// from the third parties' own fixtures translated to Pulumi inputs.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/kms";
import * as T from "../../../policy-pack/lib/types";
import { clean, res } from "../fixture";
import { KEY_ARN, policyNamed, run, UNKNOWN, withStackKey } from "../fixtures/kms";

describe("sagemaker-kms-cmk", () => {
  const p = policyNamed(policies, "sagemaker-kms-cmk");
  const notebookBase = {
    name: "my-notebook-instance",
    roleArn: UNKNOWN,
    instanceType: "ml.t2.medium",
  };
  const endpointBase = (instanceType: string) => ({
    productionVariants: [
      { variantName: "variant-1", modelName: UNKNOWN, initialInstanceCount: 1, instanceType },
    ],
  });

  describe("Compliance", () => {
    it("CKV_AWS_22 / CKV_AWS_187: a notebook instance and a domain with a key of the stack", async () => {
      const nb = withStackKey(
        T.SAGEMAKER_NOTEBOOK_INSTANCE,
        "nb",
        { ...notebookBase, kmsKeyId: UNKNOWN },
        ["kmsKeyId"],
      );
      expect(await run(p, nb)).to.deep.equal(clean);
      const domain = withStackKey(
        T.SAGEMAKER_DOMAIN,
        "studio",
        {
          domainName: "d",
          authMode: "IAM",
          vpcId: UNKNOWN,
          subnetIds: [UNKNOWN],
          kmsKeyId: UNKNOWN,
        },
        ["kmsKeyId"],
      );
      expect(await run(p, domain)).to.deep.equal(clean);
    });
    it("CKV_AWS_98: an endpoint configuration with a key of the stack", async () => {
      const r = withStackKey(
        T.SAGEMAKER_ENDPOINT_CONFIGURATION,
        "endpoint",
        { ...endpointBase("ml.t2.medium"), kmsKeyArn: UNKNOWN },
        ["kmsKeyArn"],
      );
      expect(await run(p, r)).to.deep.equal(clean);
    });
    it("an endpoint on an instance type with local storage cannot take a key: not judged", async () => {
      const r = [
        res(T.SAGEMAKER_ENDPOINT_CONFIGURATION, "endpoint", endpointBase("ml.g4dn.xlarge")),
      ];
      expect(await run(p, r)).to.deep.equal(clean);
    });
  });

  describe("Noncompliance", () => {
    it("CKV_AWS_22 failing fixture: a notebook instance without kms_key_id", async () => {
      const r = await run(p, [res(T.SAGEMAKER_NOTEBOOK_INSTANCE, "nb", notebookBase)]);
      expect(r.violations).to.have.length(1);
    });
    it("CKV_AWS_98 failing fixture: an endpoint configuration without kms_key_arn", async () => {
      const r = await run(p, [
        res(T.SAGEMAKER_ENDPOINT_CONFIGURATION, "endpoint", endpointBase("ml.t2.medium")),
      ]);
      expect(r.violations).to.deep.equal([
        'endpoint: SageMaker endpoint configuration "endpoint": no KMS key is set (the storage volume is encrypted with an AWS-managed key), not a customer-managed key.',
      ]);
    });
    it("CKV_AWS_187 failing fixture: a domain without kms_key_id", async () => {
      const r = await run(p, [
        res(T.SAGEMAKER_DOMAIN, "studio", { domainName: "d", authMode: "IAM" }),
      ]);
      expect(r.violations).to.have.length(1);
    });
  });
});

describe("sagemaker-kms-cmk: data quality job definitions", () => {
  const p = policyNamed(policies, "sagemaker-kms-cmk");
  const job = (volumeKmsKeyId?: string, outputKmsKeyId?: string) =>
    res(T.SAGEMAKER_DATA_QUALITY_JOB_DEFINITION, "dq", {
      name: "my-data-quality-job-definition",
      roleArn: "arn:aws:iam::123456789012:role/sagemaker",
      dataQualityAppSpecification: { imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/m" },
      dataQualityJobInput: { endpointInput: { endpointName: "my-endpoint" } },
      dataQualityJobOutputConfig: {
        kmsKeyId: outputKmsKeyId,
        monitoringOutputs: { s3Output: { s3Uri: "s3://my-bucket/output" } },
      },
      jobResources: {
        clusterConfig: {
          instanceCount: 1,
          instanceType: "ml.t3.medium",
          volumeSizeInGb: 20,
          volumeKmsKeyId,
        },
      },
    });

  it("CKV_AWS_367 / CKV_AWS_368 passing: volume and output keys are customer keys", async () => {
    expect(await run(p, [job(KEY_ARN, KEY_ARN)])).to.deep.equal(clean);
  });
  it("CKV_AWS_368 failing: no volumeKmsKeyId; CKV_AWS_367 failing: no output kmsKeyId", async () => {
    expect((await run(p, [job(undefined, KEY_ARN)])).violations).to.deep.equal([
      'dq: SageMaker data quality job definition "dq" jobResources.clusterConfig.volumeKmsKeyId: no KMS key is set (the storage volume is encrypted with an AWS-managed key), not a customer-managed key.',
    ]);
    expect((await run(p, [job(KEY_ARN, undefined)])).violations).to.have.length(1);
    expect((await run(p, [job()])).violations).to.have.length(2);
  });
});

describe("comprehend-kms-cmk", () => {
  const p = policyNamed(policies, "comprehend-kms-cmk");
  const recognizer = (inputs: Record<string, unknown> = {}) =>
    res(T.COMPREHEND_ENTITY_RECOGNIZER, "example", {
      name: "example",
      dataAccessRoleArn: "arn:aws:iam::123456789012:role/comprehend",
      languageCode: "en",
      inputDataConfig: {
        entityTypes: [{ type: "ENTITY_1" }],
        documents: { s3Uri: "s3://bucket/documents.txt" },
        entityList: { s3Uri: "s3://bucket/entitylist.csv" },
      },
      ...inputs,
    });

  it("CKV_AWS_267 / CKV_AWS_268 passing fixtures: model and volume keys are customer keys", async () => {
    const r = recognizer({ modelKmsKeyId: KEY_ARN, volumeKmsKeyId: KEY_ARN });
    expect(await run(p, [r])).to.deep.equal(clean);
  });
  it("CKV_AWS_267 failing fixture: no modelKmsKeyId; CKV_AWS_268 failing fixture: no volumeKmsKeyId", async () => {
    expect((await run(p, [recognizer({ volumeKmsKeyId: KEY_ARN })])).violations).to.deep.equal([
      'example: Comprehend entity recognizer "example": no KMS key is set (a key Comprehend manages), not a customer-managed key.',
    ]);
    expect((await run(p, [recognizer({ modelKmsKeyId: KEY_ARN })])).violations).to.have.length(1);
  });
  it("a document classifier also encrypts its output with a customer key", async () => {
    const classifier = (outputKey?: string) =>
      res(T.COMPREHEND_DOCUMENT_CLASSIFIER, "classifier", {
        name: "example",
        dataAccessRoleArn: "arn:aws:iam::123456789012:role/comprehend",
        languageCode: "en",
        inputDataConfig: { s3Uri: "s3://bucket/documents.csv" },
        outputDataConfig: { s3Uri: "s3://bucket/output", kmsKeyId: outputKey },
        modelKmsKeyId: KEY_ARN,
        volumeKmsKeyId: KEY_ARN,
      });
    expect(await run(p, [classifier(KEY_ARN)])).to.deep.equal(clean);
    expect((await run(p, [classifier()])).violations).to.have.length(1);
  });
});
