// Advisory Auto Scaling rules on an aws-native AutoScalingGroup: it launches from a launch template
// (launchTemplate or mixedInstancesPolicy; launchConfigurationName is the classic
// launchConfiguration), it notifies a topic of its scaling events (its inline
// notificationConfigurations, topicARN in 0.67.0, or a classic aws.autoscaling.Notification), and
// it tags its instances (tags with propagateAtLaunch, or its launch template's
// launchTemplateData.tagSpecifications for instances). A
// compliant group passes; each break is one finding; a value unknown at preview is a preview note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";
import { Case, runCases } from "./cases";

const TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:scaling";
const GROUP = {
  autoScalingGroupName: "web",
  minSize: "1",
  maxSize: "3",
  vpcZoneIdentifier: ["subnet-0abc"],
};
const NOTIFY = [
  { topicArn: TOPIC_ARN, notificationTypes: ["autoscaling:EC2_INSTANCE_LAUNCH_ERROR"] },
];

const cases: Case[] = [
  {
    rule: "autoscaling-group-launch-template",
    type: n.NATIVE_AUTOSCALING_GROUP,
    inputs: { ...GROUP, launchTemplate: { launchTemplateId: "lt-0abc", version: "1" } },
    prop: "launchTemplate",
    unknownPasses: true,
    broken: [
      [
        { launchTemplate: undefined, launchConfigurationName: "web-lc" },
        "launches from a launch configuration, not a launch template",
        "launchConfigurationName instead",
      ],
      [{ launchTemplate: undefined }, "names no launch template"],
    ],
  },
  {
    rule: "autoscaling-group-notifications",
    type: n.NATIVE_AUTOSCALING_GROUP,
    inputs: { ...GROUP, notificationConfigurations: NOTIFY },
    prop: "notificationConfigurations",
    broken: [
      [
        { notificationConfigurations: undefined },
        "no notificationConfigurations entry names a topicArn",
      ],
      [
        {
          notificationConfigurations: [{ notificationTypes: ["autoscaling:EC2_INSTANCE_LAUNCH"] }],
        },
        "no notificationConfigurations entry names a topicArn",
        "an entry without topicArn",
      ],
    ],
  },
];

const OWNER = { key: "owner", value: "platform" };
cases.push({
  rule: "autoscaling-group-propagates-tags",
  type: n.NATIVE_AUTOSCALING_GROUP,
  inputs: { ...GROUP, tags: [{ ...OWNER, propagateAtLaunch: true }] },
  prop: "tags",
  broken: [
    [
      { tags: [{ ...OWNER, propagateAtLaunch: false }] },
      "propagates none of its tags, and launches from no launch template",
      "propagateAtLaunch false",
    ],
    [{ tags: undefined }, "has no tags, and launches from no launch template"],
  ],
});

runCases("aws-native Auto Scaling groups (advisory)", cases);

describe("aws-native Auto Scaling groups: instances tagged by their launch template", () => {
  const rule = "autoscaling-group-propagates-tags";
  const template = (tagSpecifications: unknown) =>
    res(n.NATIVE_EC2_LAUNCH_TEMPLATE, "web-lt", {
      launchTemplateName: "web",
      launchTemplateData: { imageId: "ami-0abc", instanceType: "t3.micro", tagSpecifications },
      tagSpecifications: [{ resourceType: "launch-template", tags: [OWNER] }],
    });
  const group = (lt: ReturnType<typeof res>) =>
    res(
      n.NATIVE_AUTOSCALING_GROUP,
      "web",
      { ...GROUP, tags: [OWNER], launchTemplate: { launchTemplateId: "lt-0abc", version: "1" } },
      { refs: { launchTemplate: [lt] } },
    );
  it("launchTemplateData.tagSpecifications for instances: passes", async () => {
    const lt = template([{ resourceType: "instance", tags: [OWNER] }]);
    await expectClean(policy(rule), [lt, group(lt)]);
  });
  it("only the template's own tagSpecifications (launch-template): reported", async () => {
    const lt = template(undefined);
    expect(await violationsOf(rule, [lt, group(lt)])).to.deep.equal([
      "web: propagates none of its tags, and its launch template web-lt has no tag specification for instances: its instances launch untagged.",
    ]);
  });
  it("instance tag specifications with no tags: reported", async () => {
    const lt = template([{ resourceType: "instance", tags: [] }]);
    expect(await violationsOf(rule, [lt, group(lt)])).to.have.length(1);
  });
});

describe("aws-native Auto Scaling groups: other ways to say it", () => {
  it("a mixed instances policy's launch template passes", async () => {
    const group = res(n.NATIVE_AUTOSCALING_GROUP, "web", {
      ...GROUP,
      mixedInstancesPolicy: {
        launchTemplate: { launchTemplateSpecification: { launchTemplateId: "lt-0abc" } },
      },
    });
    await expectClean(policy("autoscaling-group-launch-template"), [group]);
  });
  it("0.67.0's topicARN in the older single notificationConfiguration passes", async () => {
    const group = res(n.NATIVE_AUTOSCALING_GROUP, "web", {
      ...GROUP,
      notificationConfiguration: { topicARN: TOPIC_ARN, notificationTypes: [] },
    });
    await expectClean(policy("autoscaling-group-notifications"), [group]);
  });
  it("a classic aws.autoscaling.Notification naming the native group by name passes", async () => {
    const group = res(n.NATIVE_AUTOSCALING_GROUP, "web", GROUP);
    const notification = res("aws:autoscaling/notification:Notification", "scaling", {
      groupNames: ["web"],
      notifications: ["autoscaling:EC2_INSTANCE_LAUNCH_ERROR"],
      topicArn: TOPIC_ARN,
    });
    await expectClean(policy("autoscaling-group-notifications"), [group, notification]);
    expect(await violationsOf("autoscaling-group-notifications", [group])).to.have.length(1);
  });
});

describe("aws-native groups and instances launch from templates of the stack", () => {
  const rule = "ec2-launch-template-in-stack";
  const lt = res(
    n.NATIVE_EC2_LAUNCH_TEMPLATE,
    "web-lt",
    { launchTemplateName: "web", launchTemplateData: { imageId: "ami-0abc" } },
    { outputs: { launchTemplateName: "web", launchTemplateData: { imageId: "ami-0abc" } } },
  );
  const group = (launchTemplate: unknown, refs = {}) =>
    res(n.NATIVE_AUTOSCALING_GROUP, "web", { ...GROUP, launchTemplate }, { refs });
  it("compliant: the group names the stack's template by reference", async () => {
    await expectClean(policy(rule), [
      lt,
      group({ launchTemplateId: "lt-0abc" }, { launchTemplate: [lt] }),
    ]);
  });
  it("compliant: the group names the stack's template by its launchTemplateName", async () => {
    await expectClean(policy(rule), [lt, group({ launchTemplateName: "web", version: "1" })]);
  });
  it("a template of another stack by id: reported (group and instance)", async () => {
    const instance = res(n.NATIVE_EC2_INSTANCE, "box", {
      launchTemplate: { launchTemplateId: "lt-0other" },
    });
    const found = await violationsOf(rule, [
      lt,
      group({ launchTemplateId: "lt-0other" }),
      instance,
    ]);
    expect(found).to.have.length(2);
    expect(found[0]).to.contain("launches from launch template lt-0other, not in this stack");
  });
  it("the template's id unknown at preview, built from nothing in the stack: a preview note", async () => {
    const other = res(n.NATIVE_SQS_QUEUE, "other", {});
    const g = group({ launchTemplateId: UNKNOWN }, { launchTemplate: [other] });
    expect(await violationsOf(rule, [lt, other, g])).to.deep.equal([]);
    expect(await previewNotes(policy(rule), [lt, other, g])).to.have.length(1);
  });
});
