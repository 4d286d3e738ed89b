// EC2 Auto Scaling groups: Checkov's CKV_AWS_315 and CKV_AWS_153 fixtures translated to Pulumi
// inputs, and groups whose launch template tags the instances; the compliant group passes both rules.
import { expect } from "chai";
import {
  AUTOSCALING_GROUP,
  AUTOSCALING_NOTIFICATION,
  EC2_LAUNCH_TEMPLATE,
} from "../../../policy-pack/lib/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf as one } from "../fixture";
import { compliance } from "../rule-spec";

const group = (name: string, over: Record<string, unknown> = {}) =>
  res(AUTOSCALING_GROUP, name, {
    availabilityZones: ["us-east-1a"],
    desiredCapacity: 1,
    maxSize: 2,
    minSize: 1,
    launchTemplate: { id: UNKNOWN, version: UNKNOWN },
    tags: [{ key: "Key", value: "Value", propagateAtLaunch: true }],
    instanceRefresh: {
      strategy: "Rolling",
      preferences: { minHealthyPercentage: 50 },
      triggers: ["tag"],
    },
    ...over,
  });
const fromConfiguration = {
  launchTemplate: undefined,
  launchConfiguration: "foobar",
  vpcZoneIdentifiers: ["subnet-1", "subnet-2"],
};
const mixed = (specification: Record<string, unknown>, overrides: unknown[]) => ({
  launchTemplate: undefined,
  mixedInstancesPolicy: {
    instancesDistribution: {
      onDemandBaseCapacity: 0,
      onDemandPercentageAboveBaseCapacity: 25,
      spotAllocationStrategy: "capacity-optimized",
    },
    launchTemplate: { launchTemplateSpecification: specification, overrides },
  },
});

describe("autoscaling-group-launch-template", () => {
  const name = "autoscaling-group-launch-template";
  describe("Noncompliance", () => {
    it("CKV_AWS_315 fail: a group on a launch configuration", async () => {
      expect(await one(name, [group("fail", fromConfiguration)])).to.deep.equal([
        "fail: launches from a launch configuration, not a launch template.",
      ]);
    });
    it("a group with neither is reported too", async () => {
      expect(await one(name, [group("none", { launchTemplate: undefined })])).to.deep.equal([
        "none: names no launch template.",
      ]);
    });
  });
  compliance(
    "CKV_AWS_315 pass, pass_mixed, pass_mixed_multiple: a template, directly or in a mixed instances policy",
    name,
    () => [
      group("pass"),
      group(
        "pass_mixed",
        mixed({ launchTemplateId: UNKNOWN }, [
          { instanceType: "c4.large", weightedCapacity: "3" },
          { instanceType: "c3.large", weightedCapacity: "2" },
        ]),
      ),
      group(
        "pass_mixed_multiple",
        mixed({ launchTemplateId: "lt-0x86" }, [
          {
            instanceType: "c6g.large",
            launchTemplateSpecification: { launchTemplateId: "lt-0arm" },
          },
          { instanceType: "c5.large" },
          { instanceType: "c5a.large" },
        ]),
      ),
    ],
  );
});

describe("autoscaling-group-propagates-tags", () => {
  const name = "autoscaling-group-propagates-tags";
  const instanceTags = [{ resourceType: "instance", tags: { owner: "platform" } }];
  const template = (tname: string, over: Record<string, unknown> = {}, id = UNKNOWN) =>
    res(
      EC2_LAUNCH_TEMPLATE,
      tname,
      { name: tname, imageId: "ami-123", ...over },
      { outputs: { name: tname, imageId: "ami-123", ...over, id } },
    );
  /** A group built from `lt` (its id unknown at preview), its own tags not propagated. */
  const fromTemplate = (gname: string, lt: ReturnType<typeof template>) =>
    res(
      AUTOSCALING_GROUP,
      gname,
      {
        maxSize: 2,
        minSize: 1,
        launchTemplate: { id: UNKNOWN, version: "$Latest" },
        tags: [{ key: "team", value: "web", propagateAtLaunch: false }],
      },
      { refs: { launchTemplate: [lt] } },
    );
  describe("Noncompliance", () => {
    it("CKV_AWS_153 fail: a group without tags", async () => {
      expect(
        await one(name, [group("fail", { ...fromConfiguration, tags: undefined })]),
      ).to.deep.equal([
        "fail: has no tags, and launches from no launch template: its instances launch untagged.",
      ]);
    });
    it("stricter than CKV_AWS_153: tags that all stay on the group, a template without tag specifications", async () => {
      const lt = template("plain");
      expect(await one(name, [lt, fromTemplate("kept", lt)])).to.deep.equal([
        "kept: propagates none of its tags, and its launch template plain has no tag specification " +
          "for instances: its instances launch untagged.",
      ]);
    });
    it("a template that tags only volumes leaves the instances untagged", async () => {
      const lt = template("volumes", {
        tagSpecifications: [{ resourceType: "volume", tags: { owner: "platform" } }],
      });
      expect(await one(name, [lt, fromTemplate("kept", lt)])).to.have.length(1);
    });
    it("a template outside the stack cannot be read: reported, naming it", async () => {
      const g = group("outside", {
        tags: undefined,
        launchTemplate: { id: "lt-0elsewhere", version: "$Latest" },
      });
      expect(await one(name, [g])).to.deep.equal([
        "outside: has no tags, and its launch template lt-0elsewhere is not in this stack, so its " +
          "tag specifications cannot be read: its instances launch untagged.",
      ]);
    });
    it("a template reference unknown at preview with no dependency is a preview note", async () => {
      const g = group("unknown", { tags: undefined });
      expect(await one(name, [g])).to.deep.equal([]);
      expect(await previewNotes(policy(name), [g])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_153 passtag, passtags: at least one tag propagated at launch", async () => {
      await expectClean(policy(name), [
        group("passtag", {
          ...fromConfiguration,
          tags: [
            { key: "foo", value: "bar", propagateAtLaunch: true },
            { key: "lorem", value: "ipsum", propagateAtLaunch: false },
          ],
        }),
        group("passtags", {
          ...fromConfiguration,
          tags: [
            { key: "interpolation1", value: "value3", propagateAtLaunch: true },
            { key: "interpolation2", value: "value4", propagateAtLaunch: true },
          ],
        }),
      ]);
    });
    it("AWS ec2-auto-scaling-tagging: a launch template tagging instances tags them, built from the template", async () => {
      const lt = template("web", { tagSpecifications: instanceTags });
      await expectClean(policy(name), [lt, fromTemplate("tagged-by-template", lt)]);
    });
    it("a template named by literal name or id, directly or in a mixed instances policy", async () => {
      const lt = template("web", { tagSpecifications: instanceTags }, "lt-0web");
      await expectClean(policy(name), [
        lt,
        group("by-name", { tags: undefined, launchTemplate: { name: "web" } }),
        group("by-id", { tags: undefined, launchTemplate: { id: "lt-0web" } }),
        group("mixed", { tags: undefined, ...mixed({ launchTemplateName: "web" }, []) }),
      ]);
    });
    it("a mixed instances override launching from an untagged template is still reported", async () => {
      const lt = template("web", { tagSpecifications: instanceTags }, "lt-0web");
      const arm = template("arm", {}, "lt-0arm");
      const g = group("mixed", {
        tags: undefined,
        ...mixed({ launchTemplateId: "lt-0web" }, [
          {
            instanceType: "c6g.large",
            launchTemplateSpecification: { launchTemplateId: "lt-0arm" },
          },
        ]),
      });
      expect(await one(name, [lt, arm, g])).to.deep.equal([
        "mixed: has no tags, and its launch template arm has no tag specification for instances: " +
          "its instances launch untagged.",
      ]);
    });
  });
});

describe("autoscaling rules: level", () => {
  it("are advisory", () => {
    for (const name of ["autoscaling-group-launch-template", "autoscaling-group-propagates-tags"])
      expect(policy(name).enforcementLevel).to.equal("advisory");
  });
});

// Scaling notifications (cdk-nag AwsSolutions-AS3), from the provider's aws.autoscaling.Notification
// example: one notification for two groups, built from their names.
describe("autoscaling-group-notifications", () => {
  const p = policy("autoscaling-group-notifications");
  const notification = (
    groups: ReturnType<typeof group>[],
    groupNames: unknown[] = groups.map(() => UNKNOWN),
  ) =>
    res(
      AUTOSCALING_NOTIFICATION,
      "example_notifications",
      {
        groupNames,
        notifications: [
          "autoscaling:EC2_INSTANCE_LAUNCH",
          "autoscaling:EC2_INSTANCE_TERMINATE",
          "autoscaling:EC2_INSTANCE_LAUNCH_ERROR",
          "autoscaling:EC2_INSTANCE_TERMINATE_ERROR",
        ],
        topicArn: UNKNOWN,
      },
      { refs: { groupNames: groups } },
    );
  it("AS3 compliant: the provider's example, both groups named", async () => {
    const bar = group("bar", { name: "foobar1-test" });
    const foo = group("foo", { name: "barfoo-test" });
    await expectClean(p, [bar, foo, notification([bar, foo])]);
  });
  it("AS3 compliant: a group named by its literal name", async () => {
    const bar = group("bar", { name: "foobar1-test" });
    await expectClean(p, [bar, notification([], ["foobar1-test"])]);
  });
  it("AS3: a group no notification names", async () => {
    const bar = group("bar", { name: "foobar1-test" });
    const foo = group("foo", { name: "barfoo-test" });
    expect(await one(p.name, [bar, foo, notification([bar])])).to.deep.equal([
      "foo: no aws.autoscaling.Notification names the group: scaling events notify no one.",
    ]);
  });
  it("a group name unknown at preview with no dependency gives a note, not a finding", async () => {
    const bar = group("bar", { name: "foobar1-test" });
    const n = notification([], [UNKNOWN]);
    expect(await one(p.name, [bar, n])).to.deep.equal([]);
    expect(await previewNotes(p, [bar, n])).to.have.length(1);
  });
});

describe("autoscaling-group-elb-health-check", () => {
  const name = "autoscaling-group-elb-health-check";
  const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/1";
  it("passes ELB checks behind a target group, and a group behind no load balancer", async () => {
    await expectClean(policy(name), [
      group("web", { targetGroupArns: [TG], healthCheckType: "ELB", healthCheckGracePeriod: 300 }),
    ]);
    await expectClean(policy(name), [group("batch")]);
  });
  it("passes a comma-separated list of health check types that includes ELB", async () => {
    await expectClean(policy(name), [
      group("web", { targetGroupArns: [TG], healthCheckType: "EBS,ELB" }),
      group("api", { targetGroupArns: [TG], healthCheckType: "elb, ebs" }),
    ]);
    expect(
      await one(name, [group("disk", { targetGroupArns: [TG], healthCheckType: "EC2,EBS" })]),
    ).to.deep.equal([
      'disk: behind a load balancer (targetGroupArns) but healthCheckType is "EC2,EBS": ' +
        "instances the load balancer finds unhealthy stay in service.",
    ]);
  });
  it("passes VPC_LATTICE checks behind a VPC Lattice traffic source", async () => {
    const trafficSources = [{ identifier: TG, type: "vpc-lattice" }];
    await expectClean(policy(name), [
      group("web", { trafficSources, healthCheckType: "VPC_LATTICE" }),
    ]);
  });
  it("Security Hub AutoScaling.1: reports EC2 checks, or none, behind a load balancer", async () => {
    expect(await one(name, [group("web", { targetGroupArns: [TG] })])).to.deep.equal([
      'web: behind a load balancer (targetGroupArns) but healthCheckType is not set (default "EC2"): ' +
        "instances the load balancer finds unhealthy stay in service.",
    ]);
    expect(
      await one(name, [group("clb", { loadBalancers: ["web-elb"], healthCheckType: "EC2" })]),
    ).to.have.length(1);
  });
  it("gives a preview note when the health check type is unknown at preview", async () => {
    const g = group("web", { targetGroupArns: [TG], healthCheckType: UNKNOWN });
    expect(await previewNotes(policy(name), [g])).to.have.length(1);
  });
});
