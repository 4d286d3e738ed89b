// SageMaker notebook instances: root access off (Checkov CKV_AWS_307, Security Hub SageMaker.3)
// and a subnet of the VPC (Checkov CKV_AWS_306, Security Hub SageMaker.2).
import { expect } from "chai";
import { policy, res, violations } from "../fixture";
import { SAGEMAKER_NOTEBOOK_INSTANCE } from "../../../policy-pack/lib/types";

const notebook = (extra: Record<string, unknown> = {}) =>
  res(SAGEMAKER_NOTEBOOK_INSTANCE, "nb", {
    name: "my-notebook-instance",
    roleArn: "arn:aws:iam::123456789012:role/notebook",
    instanceType: "ml.t2.medium",
    directInternetAccess: "Disabled",
    rootAccess: "Disabled",
    subnetId: "subnet-1",
    securityGroups: ["sg-1"],
    ...extra,
  });

describe("sagemaker-notebook-root-access-disabled", () => {
  const p = policy("sagemaker-notebook-root-access-disabled");
  describe("Noncompliance", () => {
    it('CKV_AWS_307: rootAccess "Enabled", or left out (SageMaker defaults to Enabled)', async () => {
      expect(await violations(p, [notebook({ rootAccess: "Enabled" })])).to.deep.equal([
        'nb: rootAccess is "Enabled".',
      ]);
      expect(await violations(p, [notebook({ rootAccess: undefined })])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it('CKV_AWS_307: rootAccess "Disabled"', async () => {
      expect(await violations(p, [notebook()])).to.deep.equal([]);
    });
  });
});

describe("sagemaker-notebook-in-vpc", () => {
  const p = policy("sagemaker-notebook-in-vpc");
  describe("Noncompliance", () => {
    it("CKV_AWS_306: no subnetId", async () => {
      expect(await violations(p, [notebook({ subnetId: undefined })])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_306: a subnetId", async () => {
      expect(await violations(p, [notebook()])).to.deep.equal([]);
    });
  });
});
