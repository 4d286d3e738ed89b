// EC2 Auto Scaling groups: Checkov's CKV_AWS_315 and CKV_AWS_153 fixtures translated to Pulumi
// inputs; the compliant group passes both rules.
import { expect } from "chai";
import { AUTOSCALING_GROUP } from "../../../policy-pack/lib/types";
import { expectClean, policy, res, UNKNOWN, violationsOf as one } from "../fixture";

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
  describe("Compliance", () => {
    it("CKV_AWS_315 pass, pass_mixed, pass_mixed_multiple: a template, directly or in a mixed instances policy", async () => {
      await expectClean(policy(name), [
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
      ]);
    });
  });
});

describe("autoscaling-group-propagates-tags", () => {
  const name = "autoscaling-group-propagates-tags";
  describe("Noncompliance", () => {
    it("CKV_AWS_153 fail: a group without tags", async () => {
      expect(
        await one(name, [group("fail", { ...fromConfiguration, tags: undefined })]),
      ).to.deep.equal(["fail: has no tags: its instances launch untagged."]);
    });
    it("stricter than CKV_AWS_153: tags that all stay on the group", async () => {
      expect(
        await one(name, [
          group("kept", { tags: [{ key: "lorem", value: "ipsum", propagateAtLaunch: false }] }),
        ]),
      ).to.deep.equal(["kept: propagates none of its tags: its instances launch untagged."]);
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
  });
});

describe("autoscaling rules: level", () => {
  it("are advisory", () => {
    for (const name of ["autoscaling-group-launch-template", "autoscaling-group-propagates-tags"])
      expect(policy(name).enforcementLevel).to.equal("advisory");
  });
});
