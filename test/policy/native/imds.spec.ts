// IMDSv2 on aws-native EC2 (ec2-instance-imdsv2): an Instance's metadataOptions, and a
// LaunchTemplate's launchTemplateData.metadataOptions, for the template itself and for an instance
// that launches from it without options of its own (policy-pack/lib/native/twins-network.ts,
// twins-launches.ts).
// Compliant fixtures pass; each is then weakened one field at a time.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const rule = policy("ec2-instance-imdsv2");
const required = { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 };
const template = (metadataOptions: unknown = required) =>
  res(n.NATIVE_EC2_LAUNCH_TEMPLATE, "lt", {
    launchTemplateName: "app",
    launchTemplateData: { imageId: "ami-0abc", metadataOptions },
  });
const instance = (over: Record<string, unknown> = {}) =>
  res(n.NATIVE_EC2_INSTANCE, "app", {
    imageId: "ami-0abc",
    subnetId: "subnet-0abc",
    metadataOptions: required,
    ...over,
  });
/** An instance without options of its own, launched from `lt`. */
const fromTemplate = (lt: ReturnType<typeof template>) =>
  res(
    n.NATIVE_EC2_INSTANCE,
    "app",
    { subnetId: "subnet-0abc", launchTemplate: { launchTemplateId: UNKNOWN, version: "1" } },
    { refs: { launchTemplate: [lt] } },
  );

describe("aws-native EC2: ec2-instance-imdsv2", () => {
  it("an instance and a template that require tokens pass", async () => {
    await expectClean(rule, [instance(), template()]);
  });
  it("an instance without options of its own passes when its template requires tokens", async () => {
    const lt = template();
    await expectClean(rule, [lt, fromTemplate(lt)]);
  });
  it("an instance's metadataOptions.httpTokens optional", async () => {
    const found = await violationsOf("ec2-instance-imdsv2", [
      instance({ metadataOptions: { ...required, httpTokens: "optional" } }),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.match(/^app: metadataOptions.httpTokens is "optional"/);
  });
  it("an instance without metadataOptions and without a template", async () => {
    const found = await violationsOf("ec2-instance-imdsv2", [
      instance({ metadataOptions: undefined }),
    ]);
    expect(found[0]).to.contain("metadataOptions.httpTokens is not set");
  });
  it("a template's launchTemplateData.metadataOptions without httpTokens, named as the program wrote it", async () => {
    const lt = template({ httpEndpoint: "enabled" });
    const found = await violationsOf("ec2-instance-imdsv2", [lt, fromTemplate(lt)]);
    expect(found).to.have.length(2);
    expect(found.find((f) => f.startsWith("lt:"))).to.contain(
      "launchTemplateData.metadataOptions.httpTokens is not set",
    );
    expect(found.find((f) => f.startsWith("app:"))).to.contain('launch template "lt"');
  });
  it("metadataOptions unknown at preview (built from another resource) is a preview note", async () => {
    const key = res(n.NATIVE_KMS_KEY, "k", {});
    const i = res(
      n.NATIVE_EC2_INSTANCE,
      "app",
      { subnetId: "subnet-0abc", metadataOptions: UNKNOWN },
      { refs: { metadataOptions: [key] } },
    );
    expect(await previewNotes(rule, [key, i])).to.have.length(1);
  });
});
