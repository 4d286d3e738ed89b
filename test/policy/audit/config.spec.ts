// AWS Config aggregators, recorders and recorder statuses: Checkov CKV_AWS_121, CKV2_AWS_45,
// CKV2_AWS_48 and Trivy AWS-0019 fixture shapes in Pulumi inputs.
import { expect } from "chai";
import {
  CONFIG_AGGREGATOR,
  CONFIG_RECORDER,
  CONFIG_RECORDER_STATUS,
} from "../../../policy-pack/lib/types";
import { expectClean, policy, res, violationsOf as one } from "../fixture";

const ROLE = "arn:aws:iam::123456789012:role/config";

describe("config-aggregator-all-regions", () => {
  const name = "config-aggregator-all-regions";
  const aggregator = (inputs: Record<string, unknown>) =>
    res(CONFIG_AGGREGATOR, "example", { name: "example", ...inputs });
  it("CKV_AWS_121 / Trivy AWS-0019 bad: a region list, on an account or organization source", async () => {
    expect(
      await one(name, [
        aggregator({
          accountAggregationSource: { accountIds: ["123456789012"], regions: ["us-west-2"] },
        }),
      ]),
    ).to.deep.equal([
      "example: the aggregation source does not set allRegions: some regions are not collected.",
    ]);
    expect(
      await one(name, [
        aggregator({ organizationAggregationSource: { regions: ["us-west-2"], roleArn: ROLE } }),
      ]),
    ).to.have.length(1);
  });
  it("CKV_AWS_121 / Trivy AWS-0019 good: allRegions true on either source; advisory", async () => {
    await expectClean(policy(name), [
      aggregator({
        accountAggregationSource: { accountIds: ["123456789012"], allRegions: true },
      }),
      aggregator({ organizationAggregationSource: { allRegions: true, roleArn: ROLE } }),
    ]);
    expect(policy(name).enforcementLevel).to.equal("advisory");
  });
});

describe("config-recorder-all-resources", () => {
  const name = "config-recorder-all-resources";
  const recorder = (recordingGroup?: Record<string, unknown>) =>
    res(CONFIG_RECORDER, "foo", {
      name: "example",
      roleArn: ROLE,
      ...(recordingGroup ? { recordingGroup } : {}),
    });
  it("CKV2_AWS_48 fail: allSupported false with a resource type list", async () => {
    expect(
      await one(name, [recorder({ allSupported: false, resourceTypes: ["AWS::EC2::Instance"] })]),
    ).to.deep.equal([
      "foo: recordingGroup.allSupported is false: only listed resource types are recorded.",
    ]);
  });
  it("the exclusion strategy is reported as what it is: all but the excluded types", async () => {
    expect(
      await one(name, [
        recorder({
          allSupported: false,
          exclusionByResourceTypes: { resourceTypes: ["AWS::EC2::Instance"] },
          recordingStrategy: { useOnly: "EXCLUSION_BY_RESOURCE_TYPES" },
        }),
      ]),
    ).to.deep.equal([
      "foo: recordingGroup excludes resource types: every supported type but the excluded ones is recorded.",
    ]);
  });
  it("CKV2_AWS_48 pass: allSupported true, or no recording group (the default)", async () => {
    await expectClean(policy(name), [
      recorder({ allSupported: true, includeGlobalResourceTypes: true }),
      recorder(),
    ]);
  });
  it("global resource types recorded in another region only is not a finding (AWS advice)", async () => {
    expect(
      await one(name, [recorder({ allSupported: true, includeGlobalResourceTypes: false })]),
    ).to.deep.equal([]);
  });
});

describe("config-recorder-enabled", () => {
  const name = "config-recorder-enabled";
  const status = (isEnabled: boolean) =>
    res(CONFIG_RECORDER_STATUS, "foo", { name: "example", isEnabled });
  it("CKV2_AWS_45 fail: a recorder status that is not enabled", async () => {
    expect(await one(name, [status(false)])).to.deep.equal([
      "foo: isEnabled is not true: the recorder is stopped.",
    ]);
  });
  it("CKV2_AWS_45 pass: enabled", async () => {
    await expectClean(policy(name), [status(true)]);
  });
});
