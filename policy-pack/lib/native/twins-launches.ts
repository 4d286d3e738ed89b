// The @pulumi/aws-native Auto Scaling groups and EC2 launch templates and their classic twins (see
// ./twins.ts): the subnets a group launches into (the default-route rule), the template it launches
// from (a template of the stack), how what it launches is tagged, its load balancers, and what
// a template gives its instances (metadata options, interfaces, volumes,
// instance profile, user data). Property names from the aws-native schema (pulumi/pulumi-aws-native
// sdk/nodejs/autoscaling/autoScalingGroup.ts, sdk/nodejs/ec2/launchTemplate.ts; CloudFormation's,
// camelCased). An EC2 instance's launch template reads as a group's (./twins-network.ts).
import * as t from "../types";
import * as n from "./types";
import type { NestedTwin, Twin } from "./twins";
import { classicBlock, classicBlocks } from "./classic-props";
import { spelledEither } from "./spelling";

/**
 * The launch template an instance or an Auto Scaling group names, { LaunchTemplateId,
 * LaunchTemplateName, Version }, as the classic launchTemplate { id, name, version }.
 */
export const LAUNCH_TEMPLATE_SPEC: NestedTwin = {
  rename: { id: "launchTemplateId", name: "launchTemplateName" },
};

/**
 * A tag specification { resourceType, tags } as the classic one: resourceType keeps its name, and
 * the CloudFormation tag list reads as a tag map (`classicProps` reads every `tags` so).
 */
const TAG_SPECIFICATION: NestedTwin = {};

/** A launch template's launchTemplateData.tagSpecifications as the classic tagSpecifications. */
const launchedTagSpecifications = (data: any): unknown =>
  data === undefined || data === null
    ? data
    : classicBlocks(TAG_SPECIFICATION)(data.tagSpecifications);

export const LAUNCH_TWINS: [string, Twin][] = [
  // sdk/nodejs/ec2/launchTemplate.ts: launchTemplateName and launchTemplateData { metadataOptions,
  // networkInterfaces, blockDeviceMappings, monitoring { enabled }, iamInstanceProfile { arn,
  // name }, userData (base64, as the classic template's), ... } (CloudFormation AWS::EC2::LaunchTemplate
  // LaunchTemplateData), whose members read as the classic template's top-level properties.
  [
    n.NATIVE_EC2_LAUNCH_TEMPLATE,
    {
      classic: t.EC2_LAUNCH_TEMPLATE,
      rename: { name: "launchTemplateName" },
      derive: {
        ...Object.fromEntries(
          [
            "metadataOptions",
            "networkInterfaces",
            "blockDeviceMappings",
            "monitoring",
            "iamInstanceProfile",
            "userData",
          ].map((k) => [
            k,
            {
              from: "launchTemplateData",
              map: (v: any) => (v === undefined || v === null ? v : v[k]),
            },
          ]),
        ),
        // LaunchTemplateData.TagSpecifications [{ ResourceType, Tags }] tag what the template
        // launches, as the classic template's tagSpecifications do (the top-level
        // TagSpecifications tag the template itself).
        tagSpecifications: { from: "launchTemplateData", map: launchedTagSpecifications },
      },
      says: {
        metadataOptions: "launchTemplateData.metadataOptions",
        networkInterfaces: "launchTemplateData.networkInterfaces",
        blockDeviceMappings: "launchTemplateData.blockDeviceMappings",
        iamInstanceProfile: "launchTemplateData.iamInstanceProfile",
      },
    },
  ],
  // sdk/nodejs/autoscaling/autoScalingGroup.ts: vpcZoneIdentifier (a list of subnet ids, the
  // classic vpcZoneIdentifiers).
  [
    n.NATIVE_AUTOSCALING_GROUP,
    {
      classic: t.AUTOSCALING_GROUP,
      // LoadBalancerNames (classic load balancers) is the classic loadBalancers; TargetGroupARNs,
      // HealthCheckType (default EC2, as the classic) and TrafficSources keep the classic names.
      // LaunchConfigurationName is the classic launchConfiguration.
      rename: {
        name: "autoScalingGroupName",
        loadBalancers: "loadBalancerNames",
        launchConfiguration: "launchConfigurationName",
      },
      // vPCZoneIdentifier and targetGroupARNs in early 0.x SDKs (autoscaling/autoScalingGroup.d.ts
      // of 0.67.0).
      derive: {
        vpcZoneIdentifiers: spelledEither("vpcZoneIdentifier", "vPCZoneIdentifier"),
        targetGroupArns: spelledEither("targetGroupArns", "targetGroupARNs"),
        launchTemplate: { from: "launchTemplate", map: classicBlock(LAUNCH_TEMPLATE_SPEC) },
      },
      says: { vpcZoneIdentifiers: "vpcZoneIdentifier" },
      // Tags [{ Key, Value, PropagateAtLaunch }], the classic group's tags list.
      tagList: true,
    },
  ],
];
