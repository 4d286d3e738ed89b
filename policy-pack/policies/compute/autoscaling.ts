// EC2 Auto Scaling groups: instances from a launch template (which carries IMDSv2, encrypted
// volumes and versions, where launch configurations are frozen and no longer get new instance
// types), and the group's tags copied to the instances it launches.
import { resourcePolicy } from "../../lib/define";
import { asList, holdsValue } from "../../lib/values";
import { AUTOSCALING_GROUP } from "../../lib/types";
import { awsDocs, checkov, fsbp } from "../../lib/controls";

export const autoscalingGroupLaunchTemplate = resourcePolicy({
  name: "autoscaling-group-launch-template",
  description:
    "EC2 Auto Scaling groups should launch from a launch template (directly or through a mixed instances policy), " +
    "not a launch configuration. Advisory: AWS no longer adds new instance types or features to launch " +
    "configurations, and only templates carry the metadata-service and volume settings the instance rules check.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Create an `aws.ec2.LaunchTemplate` and set `launchTemplate: { id, version }` (or " +
    "`mixedInstancesPolicy.launchTemplate.launchTemplateSpecification`) instead of `launchConfiguration`.",
  references: [
    checkov("CKV_AWS_315"),
    fsbp("AutoScaling.9"),
    awsDocs("Migrate your Auto Scaling groups to launch templates"),
  ],
  types: [AUTOSCALING_GROUP],
  check: (props, ctx) => {
    if (holdsValue(() => props.launchTemplate)) return;
    if (holdsValue(() => props.mixedInstancesPolicy?.launchTemplate?.launchTemplateSpecification))
      return;
    ctx.report(
      holdsValue(() => props.launchConfiguration)
        ? "launches from a launch configuration, not a launch template."
        : "names no launch template.",
    );
  },
});

export const autoscalingGroupPropagatesTags = resourcePolicy({
  name: "autoscaling-group-propagates-tags",
  description:
    "EC2 Auto Scaling groups should carry tags and copy at least one to the instances they launch " +
    "(propagateAtLaunch), so the instances (and their volumes' costs and findings) can be traced to an owner. " +
    "Advisory. Checkov passes any tag; a group whose every tag stays on the group is reported here too, since its " +
    "instances launch untagged.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Add `tags: [{ key, value, propagateAtLaunch: true }]` for the standard tags (owner, environment, cost centre).",
  references: [checkov("CKV_AWS_153"), awsDocs("Tag Auto Scaling groups and instances")],
  types: [AUTOSCALING_GROUP],
  check: (props, ctx) => {
    const tags = asList<Record<string, unknown>>(props.tags);
    if (tags.length === 0) {
      ctx.report("has no tags: its instances launch untagged.");
      return;
    }
    if (!tags.some((t) => t?.propagateAtLaunch === true))
      ctx.report("propagates none of its tags: its instances launch untagged.");
  },
});
