// EBS encryption of aws-native instances and launch templates (ec2-instance-ebs-encrypted): an
// Instance's blockDeviceMappings[].ebs (the root device's mapping as the classic rootBlockDevice, the
// others as ebsBlockDevices) and a LaunchTemplate's launchTemplateData.blockDeviceMappings
// (policy-pack/lib/native/twins-network.ts, twins-launches.ts). Compliant fixtures pass; each is then broken one field
// at a time.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const RULE = "ec2-instance-ebs-encrypted";
const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const key = res(n.NATIVE_KMS_KEY, "ebs-key", { enableKeyRotation: true });
const volume = (deviceName: string, ebs: Record<string, unknown> = {}) => ({
  deviceName,
  ebs: { volumeSize: 20, encrypted: true, kmsKeyId: KEY_ARN, ...ebs },
});
const instance = (blockDeviceMappings: unknown) =>
  res(
    n.NATIVE_EC2_INSTANCE,
    "app",
    { imageId: "ami-0abc", subnetId: "subnet-0abc", blockDeviceMappings },
    { refs: { blockDeviceMappings: [key] } },
  );
const template = (blockDeviceMappings: unknown) =>
  res(
    n.NATIVE_EC2_LAUNCH_TEMPLATE,
    "lt",
    { launchTemplateData: { imageId: "ami-0abc", blockDeviceMappings } },
    { refs: { launchTemplateData: [key] } },
  );

describe("aws-native EC2: ec2-instance-ebs-encrypted", () => {
  it("an instance whose root and data volumes use the stack's key passes", async () => {
    await expectClean(policy(RULE), [key, instance([volume("/dev/xvda"), volume("/dev/sdf")])]);
  });
  it("a template whose volumes use the stack's key passes", async () => {
    await expectClean(policy(RULE), [key, template([volume("/dev/sda1")])]);
  });
  it("an instance without a root mapping: the root volume is the AMI's", async () => {
    const found = await violationsOf(RULE, [key, instance([volume("/dev/sdf")])]);
    expect(found).to.have.length(1);
    expect(found[0]).to.match(/^app: /);
    expect(found[0]).to.contain("the root volume is not encrypted");
  });
  it("a root mapping with encrypted false", async () => {
    const found = await violationsOf(RULE, [
      key,
      instance([volume("/dev/xvda", { encrypted: false }), volume("/dev/sdf")]),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("the root volume is not encrypted");
  });
  it("a data volume under the AWS-managed key", async () => {
    const found = await violationsOf(RULE, [
      key,
      instance([volume("/dev/xvda"), volume("/dev/sdf", { kmsKeyId: "alias/aws/ebs" })]),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("EBS volume /dev/sdf is encrypted with alias/aws/ebs");
  });
  it("a template volume without encryption", async () => {
    const found = await violationsOf(RULE, [
      key,
      template([volume("/dev/sda1", { encrypted: undefined, kmsKeyId: undefined })]),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.match(/^lt: /);
    expect(found[0]).to.contain("volume /dev/sda1 is not encrypted");
  });
  it("the account's customer-managed EBS default key covers an instance without mappings", async () => {
    await expectClean(policy(RULE), [instance(undefined)], {
      [RULE]: { accountDefaultEncryptionWithCmk: true },
    });
  });
  it("mappings unknown at preview are a preview note", async () => {
    const i = res(
      n.NATIVE_EC2_INSTANCE,
      "app",
      { imageId: "ami-0abc", blockDeviceMappings: UNKNOWN },
      { refs: { blockDeviceMappings: [key] } },
    );
    expect(await previewNotes(policy(RULE), [key, i])).to.have.length(1);
  });
});
