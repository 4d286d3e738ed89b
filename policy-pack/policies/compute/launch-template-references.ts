// Launch templates named by id or name that the stack does not create. The instance rules
// (ec2-instance-imdsv2, ec2-instance-imds-hop-limit, ec2-instance-ebs-encrypted,
// ec2-instance-no-public-ip, ec2-instance-no-secrets-in-user-data and the other settings rules)
// judge a launch template of the stack, and through it the Auto Scaling groups and instances that
// launch from it; a template outside the stack gives them settings no rule reads. Rather than pass
// those silently, this rule says which groups and instances were not evaluated, and why.
import { stackPolicy } from "../../lib/define";
import { groupLaunchTemplates } from "../../lib/compute/launch-templates";
import { label } from "../../lib/network";
import { AUTOSCALING_GROUP, EC2_INSTANCE, EC2_LAUNCH_TEMPLATE } from "../../lib/types";
import { awsDocs } from "../../lib/controls";
import {
  NATIVE_AUTOSCALING_GROUP,
  NATIVE_EC2_INSTANCE,
  NATIVE_EC2_LAUNCH_TEMPLATE,
} from "../../lib/native/types";

export const launchTemplateInStack = stackPolicy({
  name: "ec2-launch-template-in-stack",
  description:
    "EC2 Auto Scaling groups and instances launch from launch templates the stack creates, so the " +
    "instance rules can judge the settings the template gives (metadata options, volume " +
    "encryption, network interfaces, user data). A template named by a literal id or name that " +
    "is not in the stack is reported as not evaluated. Advisory: the template may be sound, but " +
    "nothing here has read it. An instance's own settings override the template's and are " +
    "judged as usual.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Create the `aws.ec2.LaunchTemplate` in this stack and pass its `id` (or read it with " +
    "`aws.ec2.LaunchTemplate.get` only where another stack owns it, and check that stack with " +
    "this pack); or waive this rule on the group or instance with the reason.",
  references: [
    // "After selecting the launch template, but before launching the instance, you can modify
    // the launch parameters"; the provider's aws.ec2.Instance: "setting `ami` will override the
    // AMI specified in the Launch Template".
    awsDocs("AWSEC2/latest/UserGuide/launch-instances-from-launch-template"),
  ],
  // aws-native AutoScalingGroups and Instances name their template as launchTemplate
  // { launchTemplateId, launchTemplateName }, read as the classic { id, name }, and a native
  // LaunchTemplate is one of the stack (../../lib/native/twins-network.ts, twins-launches.ts).
  types: [
    AUTOSCALING_GROUP,
    EC2_INSTANCE,
    EC2_LAUNCH_TEMPLATE,
    NATIVE_AUTOSCALING_GROUP,
    NATIVE_EC2_INSTANCE,
    NATIVE_EC2_LAUNCH_TEMPLATE,
  ],
  appliesTo: [AUTOSCALING_GROUP, EC2_INSTANCE, NATIVE_AUTOSCALING_GROUP, NATIVE_EC2_INSTANCE],
  check: (ctx) => {
    for (const r of ctx.index.ofType(AUTOSCALING_GROUP, EC2_INSTANCE)) {
      ctx.each(r, () => {
        const { outside } = groupLaunchTemplates(ctx.index, r);
        if (outside.length === 0) return;
        const which = outside.length === 1 ? "template" : "templates";
        ctx.report(
          r,
          `${label(r)} launches from launch ${which} ${outside.join(", ")}, not in this stack: ` +
            "the settings the template gives its instances (metadata options, volume " +
            "encryption, network interfaces, user data) are not evaluated.",
        );
      });
    }
  },
});
