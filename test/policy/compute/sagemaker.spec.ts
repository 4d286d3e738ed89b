// SageMaker notebook instances: root access off (Checkov CKV_AWS_307, Security Hub SageMaker.3),
// a subnet of the VPC (Checkov CKV_AWS_306, Security Hub SageMaker.2) and IMDSv2 only (Checkov
// CKV_AWS_371).
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
    instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "2" },
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

describe("sagemaker-notebook-imdsv2", () => {
  const p = policy("sagemaker-notebook-imdsv2");
  it("is mandatory, as ec2-instance-imdsv2 is", () => {
    expect(p.enforcementLevel).to.equal("mandatory");
  });
  describe("Noncompliance", () => {
    it('CKV_AWS_371: version "1", or no configuration (SageMaker defaults to IMDSv1)', async () => {
      expect(
        await violations(p, [
          notebook({
            instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: "1" },
          }),
        ]),
      ).to.deep.equal(['nb: minimumInstanceMetadataServiceVersion is "1": IMDSv1 is allowed.']);
      expect(
        await violations(p, [notebook({ instanceMetadataServiceConfiguration: undefined })]),
      ).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it('CKV_AWS_371: version "2"', async () => {
      expect(await violations(p, [notebook()])).to.deep.equal([]);
    });
  });
});
