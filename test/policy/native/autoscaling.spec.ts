// Advisory Auto Scaling rules on an aws-native AutoScalingGroup: it launches from a launch template
// (launchTemplate or mixedInstancesPolicy; launchConfigurationName is the classic
// launchConfiguration), and it notifies a topic of its scaling events (its inline
// notificationConfigurations, topicARN in 0.67.0, or a classic aws.autoscaling.Notification). A
// compliant group passes; each break is one finding; a value unknown at preview is a preview note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, res, violationsOf } from "../fixture";
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

runCases("aws-native Auto Scaling groups (advisory)", cases);

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
