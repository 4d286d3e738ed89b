// Workloads a flag puts on the internet: EMR block public access off or permitting ports beyond
// 22 (Security Hub EMR.2, translating the FSBP policy set's pass and fail cases), AppStream fleets
// and image builders with default internet access, and WorkSpaces directories that give new
// WorkSpaces a public IP address.
import { expect } from "chai";
import { policy, previewNotes, res, UNKNOWN as U, violations } from "../fixture";
import {
  APPSTREAM_FLEET,
  APPSTREAM_IMAGE_BUILDER,
  DRS_REPLICATION_CONFIGURATION_TEMPLATE,
  EMR_BLOCK_PUBLIC_ACCESS_CONFIGURATION,
  WORKSPACES_DIRECTORY,
} from "../../../policy-pack/lib/types";

const emrBlock = (inputs: Record<string, unknown>) =>
  res(EMR_BLOCK_PUBLIC_ACCESS_CONFIGURATION, "emr-bpa", inputs);

describe("emr-block-public-access-enabled", () => {
  const p = policy("emr-block-public-access-enabled");
  describe("Compliance", () => {
    it("EMR.2 pass: blocked, with only port 22 permitted, or with no exception at all", async () => {
      const ssh = [{ minRange: 22, maxRange: 22 }];
      expect(
        await violations(p, [
          emrBlock({
            blockPublicSecurityGroupRules: true,
            permittedPublicSecurityGroupRuleRanges: ssh,
          }),
          emrBlock({ blockPublicSecurityGroupRules: true }),
        ]),
      ).to.deep.equal([]);
    });
  });
  describe("Noncompliance", () => {
    it("EMR.2 fail: block public access turned off", async () => {
      expect(
        await violations(p, [emrBlock({ blockPublicSecurityGroupRules: false })]),
      ).to.deep.equal([
        "emr-bpa: blockPublicSecurityGroupRules is false: EMR launches clusters whose security " +
          "groups accept traffic from the internet on any port.",
      ]);
    });
    it("EMR.2 fail: a permitted range beyond port 22 (the provider's 100-101 example)", async () => {
      const ranges = [
        { minRange: 22, maxRange: 22 },
        { minRange: 100, maxRange: 101 },
        { minRange: 3389, maxRange: 3389 },
      ];
      expect(
        await violations(p, [
          emrBlock({
            blockPublicSecurityGroupRules: true,
            permittedPublicSecurityGroupRuleRanges: ranges,
          }),
        ]),
      ).to.deep.equal([
        "emr-bpa: permittedPublicSecurityGroupRuleRanges lets clusters open port(s) 100-101, 3389 " +
          "to the internet: only 22 is allowed.",
      ]);
    });
    it("a range that spans 22 and more is more than 22", async () => {
      const ranges = [{ minRange: 20, maxRange: 23 }];
      expect(
        await violations(p, [
          emrBlock({
            blockPublicSecurityGroupRules: true,
            permittedPublicSecurityGroupRuleRanges: ranges,
          }),
        ]),
      ).to.have.length(1);
    });
    it("a setting unknown until apply is a preview note, not a pass", async () => {
      expect(
        await previewNotes(p, [emrBlock({ blockPublicSecurityGroupRules: U })]),
      ).to.have.length(1);
    });
  });
});

describe("appstream-no-default-internet-access", () => {
  const p = policy("appstream-no-default-internet-access");
  const fleet = (extra: Record<string, unknown>) =>
    res(APPSTREAM_FLEET, "desktops", {
      instanceType: "stream.standard.small",
      computeCapacity: { desiredInstances: 1 },
      vpcConfig: { subnetIds: ["subnet-0123"] },
      ...extra,
    });
  const builder = (extra: Record<string, unknown>) =>
    res(APPSTREAM_IMAGE_BUILDER, "builder", { instanceType: "stream.standard.large", ...extra });
  describe("Compliance", () => {
    it("default internet access off, or left out (no documented default)", async () => {
      expect(
        await violations(p, [
          fleet({ enableDefaultInternetAccess: false }),
          fleet({}),
          builder({ enableDefaultInternetAccess: false }),
        ]),
      ).to.deep.equal([]);
    });
  });
  describe("Noncompliance", () => {
    it("a fleet and an image builder with default internet access", async () => {
      expect(
        await violations(p, [
          fleet({ enableDefaultInternetAccess: true }),
          builder({ enableDefaultInternetAccess: true }),
        ]),
      ).to.deep.equal([
        "desktops: enableDefaultInternetAccess is true: streaming instances get public IP addresses.",
        "builder: enableDefaultInternetAccess is true: streaming instances get public IP addresses.",
      ]);
    });
  });
});

describe("workspaces-directory-no-internet-access", () => {
  const p = policy("workspaces-directory-no-internet-access");
  const directory = (creation?: Record<string, unknown>) =>
    res(WORKSPACES_DIRECTORY, "desktops", {
      directoryId: "d-0123456789",
      subnetIds: ["subnet-0123", "subnet-4567"],
      ...(creation ? { workspaceCreationProperties: creation } : {}),
    });
  describe("Compliance", () => {
    it("internet access off, or left out (no documented default)", async () => {
      expect(
        await violations(p, [directory({ enableInternetAccess: false }), directory()]),
      ).to.deep.equal([]);
    });
  });
  describe("Noncompliance", () => {
    it("new WorkSpaces get an Elastic public IP address", async () => {
      expect(await violations(p, [directory({ enableInternetAccess: true })])).to.deep.equal([
        "desktops: workspaceCreationProperties.enableInternetAccess is true: new WorkSpaces get " +
          "an Elastic public IP address.",
      ]);
    });
  });
});

describe("drs-replication-no-public-ip", () => {
  const p = policy("drs-replication-no-public-ip");
  const template = (createPublicIp: unknown) =>
    res(DRS_REPLICATION_CONFIGURATION_TEMPLATE, "dr", {
      associateDefaultSecurityGroup: false,
      bandwidthThrottling: 0,
      createPublicIp,
      dataPlaneRouting: "PRIVATE_IP",
      defaultLargeStagingDiskType: "GP3",
      ebsEncryption: "CUSTOM",
      replicationServerInstanceType: "t3.small",
      replicationServersSecurityGroupsIds: ["sg-0123"],
      stagingAreaSubnetId: "subnet-0123",
      useDedicatedReplicationServer: false,
    });
  it("Compliance: createPublicIp false", async () => {
    expect(await violations(p, [template(false)])).to.deep.equal([]);
  });
  it("Noncompliance: createPublicIp true, and unknown until apply is a preview note", async () => {
    expect(await violations(p, [template(true)])).to.deep.equal([
      "dr: createPublicIp is true: DRS gives the instances it launches public IP addresses.",
    ]);
    expect(await previewNotes(p, [template(U)])).to.have.length(1);
  });
});
