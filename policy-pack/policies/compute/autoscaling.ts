// EC2 Auto Scaling groups: instances from a launch template (which carries IMDSv2, encrypted
// volumes and versions, where launch configurations are frozen and no longer get new instance
// types), the instances it launches tagged (the group's tags copied, or the template's),
// notifications of its scaling events, and load balancer health checks for a group behind one.
import type { PolicyResource } from "@pulumi/policy";
import { resourcePolicy, stackPolicy } from "../../lib/define";
import { groupLaunchTemplates, templateTagsInstances } from "../../lib/compute/launch-templates";
import { resolveRef } from "../../lib/references";
import { asList, holdsValue, stringProp, unknownError, flagOn } from "../../lib/values";
import { AUTOSCALING_GROUP, AUTOSCALING_NOTIFICATION, EC2_LAUNCH_TEMPLATE } from "../../lib/types";
import { awsDocs, cdkNag, checkov, fsbp } from "../../lib/controls";
import { NATIVE_AUTOSCALING_GROUP, NATIVE_EC2_LAUNCH_TEMPLATE } from "../../lib/native/types";
import { eitherField } from "../../lib/native/spelling";
import { nativeTypeOf } from "../../lib/native/view";

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
  // An aws-native AutoScalingGroup: launchTemplate and mixedInstancesPolicy keep their paths, and
  // LaunchConfigurationName reads as the classic launchConfiguration (../../lib/native/twins-launches.ts).
  types: [AUTOSCALING_GROUP, NATIVE_AUTOSCALING_GROUP],
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

export const autoscalingGroupPropagatesTags = stackPolicy({
  name: "autoscaling-group-propagates-tags",
  description:
    "EC2 Auto Scaling groups should tag the instances they launch, so the instances (and their costs and " +
    "findings) can be traced to an owner: either the group copies at least one of its tags to them " +
    "(propagateAtLaunch), or every launch template it launches from has a tag specification for `instance` " +
    "(instances launched from a template get its tags; AWS: https://docs.aws.amazon.com/autoscaling/ec2/" +
    "userguide/ec2-auto-scaling-tagging.html). Advisory. Checkov passes any tag on the group; a group whose " +
    "every tag stays on the group, with no template tagging the instances, is reported here too.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Add `tags: [{ key, value, propagateAtLaunch: true }]` for the standard tags (owner, environment, cost " +
    'centre), or give the launch template `tagSpecifications: [{ resourceType: "instance", tags }]`.',
  references: [checkov("CKV_AWS_153"), awsDocs("Tag Auto Scaling groups and instances")],
  // An aws-native AutoScalingGroup's tags are the classic list (propagateAtLaunch), and a native
  // LaunchTemplate's launchTemplateData.tagSpecifications read as the classic template's
  // (../../lib/native/twins-launches.ts).
  types: [
    AUTOSCALING_GROUP,
    EC2_LAUNCH_TEMPLATE,
    NATIVE_AUTOSCALING_GROUP,
    NATIVE_EC2_LAUNCH_TEMPLATE,
  ],
  appliesTo: [AUTOSCALING_GROUP, NATIVE_AUTOSCALING_GROUP],
  check: (ctx) => {
    const groups = ctx.index.ofType(AUTOSCALING_GROUP);
    if (groups.length === 0) return;
    for (const group of groups) {
      ctx.each(group, () => {
        const tags = asList<Record<string, unknown>>(group.props.tags);
        if (tags.some((t) => flagOn(t?.propagateAtLaunch))) return;
        const { templates, outside } = groupLaunchTemplates(ctx.index, group);
        const untagged = templates.filter((t) => !templateTagsInstances(t));
        if (templates.length > 0 && untagged.length === 0 && outside.length === 0) return;
        const own = tags.length === 0 ? "has no tags" : "propagates none of its tags";
        const why =
          templates.length === 0 && outside.length === 0
            ? "and launches from no launch template"
            : untagged.length > 0
              ? `and its launch template ${untagged.map((t) => t.name).join(", ")} has no ` +
                "tag specification for instances"
              : `and its launch template ${outside.join(", ")} is not in this stack, so its ` +
                "tag specifications cannot be read";
        ctx.report(group, `${own}, ${why}: its instances launch untagged.`);
      });
    }
  },
});

export const autoscalingGroupNotifications = stackPolicy({
  name: "autoscaling-group-notifications",
  description:
    "EC2 Auto Scaling groups send notifications of their scaling events (an " +
    "aws.autoscaling.Notification naming the group, to an SNS topic), so failed launches and " +
    "terminations reach someone. A group sends none unless one is configured. Advisory.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Add `new aws.autoscaling.Notification(name, { groupNames: [group.name], notifications: " +
    '["autoscaling:EC2_INSTANCE_LAUNCH_ERROR", "autoscaling:EC2_INSTANCE_TERMINATE_ERROR", ...], ' +
    "topicArn: topic.arn })` with an encrypted SNS topic.",
  references: [
    cdkNag("AwsSolutions-AS3"),
    awsDocs("autoscaling/ec2/userguide/ec2-auto-scaling-sns-notifications"),
  ],
  // An aws-native AutoScalingGroup names its topics inline: NotificationConfigurations
  // [{ TopicARN, NotificationTypes }] (AWS::AutoScaling::AutoScalingGroup,
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-autoscaling-autoscalinggroup-notificationconfiguration.html),
  // or the older single NotificationConfiguration; a classic Notification naming it counts too.
  types: [AUTOSCALING_GROUP, AUTOSCALING_NOTIFICATION, NATIVE_AUTOSCALING_GROUP],
  appliesTo: [AUTOSCALING_GROUP, NATIVE_AUTOSCALING_GROUP],
  check: (ctx) => {
    const groups = ctx.index.ofType(AUTOSCALING_GROUP);
    if (groups.length === 0) return;
    // The groups each notification names: built from a group of the stack, or by literal name.
    const notified = new Set<string>();
    const names = new Set<string>();
    let unresolved = false;
    for (const n of ctx.index.ofType(AUTOSCALING_NOTIFICATION)) {
      const ref = resolveRef(n, ["groupNames", "*"], [AUTOSCALING_GROUP]);
      for (const g of ref.resources) notified.add(g.urn);
      for (const l of ref.literals) names.add(l);
      unresolved ||= ref.unresolved;
    }
    for (const group of groups) {
      ctx.each(group, () => {
        if (notified.has(group.urn)) return;
        const native = nativeTypeOf(group) !== undefined;
        if (native && inlineTopics(group) > 0) return;
        const name = stringProp(group.props, "name");
        if (name !== undefined && names.has(name)) return;
        if (unresolved) throw unknownError("a notification's group names are unknown until apply");
        ctx.report(
          group,
          native
            ? "no notificationConfigurations entry names a topicArn (and no aws.autoscaling.Notification names the group): scaling events notify no one."
            : "no aws.autoscaling.Notification names the group: scaling events notify no one.",
        );
      });
    }
  },
});

/**
 * How many topics an aws-native group's inline notification configurations name (topicArn, or
 * topicARN as 0.67.0 spells it). An unknown list or topic throws (a preview note); a topic ARN
 * unknown at preview is a topic.
 */
function inlineTopics(group: PolicyResource): number {
  const configs = [
    ...asList(group.props.notificationConfigurations),
    ...asList(group.props.notificationConfiguration),
  ];
  return configs.filter((c) => holdsValue(() => eitherField(c, "topicArn", "topicARN"))).length;
}

/** Health check types that follow the traffic source's own checks (CreateAutoScalingGroup). */
const TRAFFIC_HEALTH_CHECKS = new Set(["ELB", "VPC_LATTICE"]);

/**
 * Whether a healthCheckType turns on a traffic source's checks. The API takes "a comma-separated
 * value string of one or more health check types" (EC2, EBS, ELB, VPC_LATTICE), so "EBS,ELB"
 * follows the load balancer as "ELB" does.
 */
const followsTraffic = (type: string): boolean =>
  type.split(",").some((t) => TRAFFIC_HEALTH_CHECKS.has(t.trim().toUpperCase()));

export const autoscalingGroupElbHealthCheck = resourcePolicy({
  name: "autoscaling-group-elb-health-check",
  description:
    "EC2 Auto Scaling groups behind a load balancer (targetGroupArns, loadBalancers or " +
    'trafficSources) use its health checks (healthCheckType "ELB", or "VPC_LATTICE" for a ' +
    'VPC Lattice target group, alone or with EBS, as in "EBS,ELB"), so an instance the load balancer finds unhealthy is replaced. ' +
    'Left out, the type is "EC2": only instance status checks count. Advisory. Traffic sources ' +
    "attached by separate aws.autoscaling.Attachment resources are not seen by this rule.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Set `healthCheckType: "ELB"` and a `healthCheckGracePeriod` long enough for an instance to ' +
    "start serving.",
  references: [
    fsbp("AutoScaling.1"),
    // cdk-nag AS2 asks for a grace period with ELB checks; the provider always sends one (300 s).
    cdkNag("AwsSolutions-AS2"),
    awsDocs("autoscaling/ec2/userguide/ec2-auto-scaling-health-checks (default: EC2)"),
  ],
  types: [AUTOSCALING_GROUP, NATIVE_AUTOSCALING_GROUP],
  check: (props, ctx) => {
    const sources = ["targetGroupArns", "loadBalancers", "trafficSources"].filter(
      (k) => asList(props[k]).length > 0,
    );
    if (sources.length === 0) return;
    const type = props.healthCheckType;
    if (typeof type !== "string" || !followsTraffic(type)) {
      ctx.report(
        `behind a load balancer (${sources.join(", ")}) but healthCheckType is ` +
          `${type === undefined || type === null ? 'not set (default "EC2")' : `"${String(type)}"`}: ` +
          "instances the load balancer finds unhealthy stay in service.",
      );
    }
  },
});
