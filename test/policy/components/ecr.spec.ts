// awsx ECR Repository rules with the verdicts of the aws.ecr.Repository rules: Checkov CKV_AWS_51,
// CKV_AWS_163, CKV_AWS_136; Trivy AWS-0031, AWS-0030, AWS-0033.
import { expect } from "chai";
import {
  awsxEcrKms,
  awsxEcrScanOnPush,
  awsxEcrTagImmutability,
} from "../../../policy-pack/policies/components/ecr";
import { AWSX_ECR_REPOSITORY } from "../../../policy-pack/lib/types";
import { res } from "../fixture";
import { findingsOf, KEY_ARN, run, UNKNOWN } from "../fixtures/iam";

const repo = (over: Record<string, unknown> = {}) =>
  res(
    AWSX_ECR_REPOSITORY,
    "repo",
    {
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY_ARN }],
      ...over,
    },
    { custom: false },
  );

describe("awsx-ecr-repository-tag-immutability", () => {
  it("Noncompliance: CKV_AWS_51 / AWS-0031 mutable tags (explicit and by default)", async () => {
    for (const imageTagMutability of ["MUTABLE", undefined]) {
      expect(
        await findingsOf(awsxEcrTagImmutability, [repo({ imageTagMutability })]),
      ).to.have.length(1);
    }
  });
  it("Compliance: the untouched fixture", async () => {
    expect(await findingsOf(awsxEcrTagImmutability, [repo()])).to.deep.equal([]);
  });
});

describe("awsx-ecr-repository-scan-on-push", () => {
  it("Noncompliance: CKV_AWS_163 / AWS-0030 no scan on push", async () => {
    expect(
      await findingsOf(awsxEcrScanOnPush, [repo({ imageScanningConfiguration: undefined })]),
    ).to.have.length(1);
  });
  it("Compliance: the untouched fixture", async () => {
    expect(await findingsOf(awsxEcrScanOnPush, [repo()])).to.deep.equal([]);
  });
});

describe("awsx-ecr-repository-kms-cmk", () => {
  describe("Noncompliance", () => {
    it("CKV_AWS_136 / AWS-0033: no encryption configuration, AES256, KMS without a key, the aws/ecr alias", async () => {
      for (const encryptionConfigurations of [
        undefined,
        [{ encryptionType: "AES256" }],
        [{ encryptionType: "KMS" }],
        [{ encryptionType: "KMS", kmsKey: "alias/aws/ecr" }],
      ]) {
        const f = await findingsOf(awsxEcrKms, [repo({ encryptionConfigurations })]);
        expect(f, JSON.stringify(encryptionConfigurations)).to.have.length(1);
      }
    });
    it("a key unknown at preview is a preview note, not a pass", async () => {
      const { findings, notes } = await run(awsxEcrKms, [
        repo({ encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: UNKNOWN }] }),
      ]);
      expect(findings).to.deep.equal([]);
      expect(notes).to.have.length(1);
    });
  });
  it("Compliance: the untouched fixture", async () => {
    expect(await findingsOf(awsxEcrKms, [repo()])).to.deep.equal([]);
  });
});
