// Launch templates named by id or name that the stack does not create: the Auto Scaling groups and
// instances that launch from them are reported as not evaluated instead of passing the instance
// rules silently. No scanner has this rule: Checkov's and Trivy's launch template checks read the
// template resource itself (CKV_AWS_79, AWS-0130), which such a stack does not have.
import { expect } from "chai";
import {
  AUTOSCALING_GROUP,
  EC2_INSTANCE,
  EC2_LAUNCH_TEMPLATE,
} from "../../../policy-pack/lib/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const NAME = "ec2-launch-template-in-stack";
const template = (name: string, inputs: Record<string, unknown> = {}) =>
  res(EC2_LAUNCH_TEMPLATE, name, {
    name,
    imageId: "ami-0123456789abcdef0",
    instanceType: "t3.micro",
    metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
    ...inputs,
  });
const group = (name: string, over: Record<string, unknown>, refs?: Record<string, any[]>) =>
  res(AUTOSCALING_GROUP, name, { maxSize: 2, minSize: 1, ...over }, { refs });
const instance = (name: string, over: Record<string, unknown>, refs?: Record<string, any[]>) =>
  res(EC2_INSTANCE, name, { subnetId: "subnet-1", ...over }, { refs });

describe(NAME, () => {
  describe("Compliance", () => {
    it("a group and an instance built from a template of the stack (id unknown at preview)", async () => {
      const lt = template("web");
      const ref = { id: UNKNOWN, version: "$Latest" };
      await expectClean(policy(NAME), [
        lt,
        group("asg", { launchTemplate: ref }, { launchTemplate: [lt] }),
        instance("vm", { launchTemplate: ref }, { launchTemplate: [lt] }),
      ]);
    });
    it("a template of the stack named by its literal name, directly and in a mixed instances policy", async () => {
      const lt = template("web");
      await expectClean(policy(NAME), [
        lt,
        group("by-name", { launchTemplate: { name: "web" } }),
        group("mixed", {
          mixedInstancesPolicy: {
            launchTemplate: { launchTemplateSpecification: { launchTemplateName: "web" } },
          },
        }),
        instance("vm", { launchTemplate: { name: "web" } }),
      ]);
    });
    it("a group on a launch configuration and an instance without a template are not this rule's", async () => {
      await expectClean(policy(NAME), [
        group("lc", { launchConfiguration: "foobar" }),
        instance("vm", { ami: "ami-0123456789abcdef0", instanceType: "t3.micro" }),
      ]);
    });
  });

  describe("Noncompliance", () => {
    it("a group on a template id the stack does not create", async () => {
      expect(
        await violationsOf(NAME, [
          group("asg", { launchTemplate: { id: "lt-0elsewhere", version: "$Latest" } }),
        ]),
      ).to.deep.equal([
        'asg: Auto Scaling group "asg" launches from launch template lt-0elsewhere, not in this ' +
          "stack: the settings the template gives its instances (metadata options, volume " +
          "encryption, network interfaces, user data) are not evaluated.",
      ]);
    });
    it("an instance on a template name the stack does not create", async () => {
      const found = await violationsOf(NAME, [
        template("web"),
        instance("vm", { launchTemplate: { name: "shared-base" } }),
      ]);
      expect(found).to.have.length(1);
      expect(found[0]).to.contain('EC2 instance "vm" launches from launch template shared-base');
    });
    it("a mixed instances policy whose override names a template outside the stack", async () => {
      const lt = template("x86");
      const found = await violationsOf(NAME, [
        lt,
        group("mixed", {
          mixedInstancesPolicy: {
            launchTemplate: {
              launchTemplateSpecification: { launchTemplateName: "x86" },
              overrides: [
                {
                  instanceType: "m6g.large",
                  launchTemplateSpecification: { launchTemplateId: "lt-0arm" },
                },
              ],
            },
          },
        }),
      ]);
      expect(found).to.have.length(1);
      expect(found[0]).to.contain("launch template lt-0arm, not in this stack");
    });
  });

  describe("Preview", () => {
    it("a template reference unknown at preview with no dependency is a preview note, not a pass", async () => {
      const g = group("unknown", { launchTemplate: { id: UNKNOWN, version: "$Latest" } });
      expect(await violationsOf(NAME, [g])).to.deep.equal([]);
      expect(await previewNotes(policy(NAME), [g])).to.have.length(1);
    });
  });
});
