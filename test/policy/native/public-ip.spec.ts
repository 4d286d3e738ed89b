// Public IPv4 addresses on aws-native EC2: an Instance's networkInterfaces[].associatePublicIpAddress
// and subnetId (ec2-instance-no-public-ip) and a Subnet's mapPublicIpOnLaunch
// (ec2-subnet-no-public-ip-on-launch), judged as their classic twins
// (policy-pack/lib/native/twins-network.ts). A private placement passes; each field is then broken.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const subnet = (mapPublicIpOnLaunch: unknown = false) =>
  res(n.NATIVE_EC2_SUBNET, "app-a", {
    vpcId: "vpc-0abc",
    cidrBlock: "10.0.1.0/24",
    ...(mapPublicIpOnLaunch === undefined ? {} : { mapPublicIpOnLaunch }),
  });
/** An instance whose primary interface is in `s`, with `nic` over the interface's settings. */
const instance = (s = subnet(), nic: Record<string, unknown> = {}) =>
  res(
    n.NATIVE_EC2_INSTANCE,
    "app",
    {
      imageId: "ami-0abc",
      instanceType: "t3.micro",
      networkInterfaces: [
        { deviceIndex: "0", subnetId: UNKNOWN, associatePublicIpAddress: false, ...nic },
      ],
    },
    { refs: { networkInterfaces: [s] } },
  );

describe("aws-native instances and subnets: no public IPv4 address", () => {
  const rules = ["ec2-instance-no-public-ip", "ec2-subnet-no-public-ip-on-launch"].map(policy);

  it("an instance whose primary interface says associatePublicIpAddress: false in a private subnet passes", async () => {
    const s = subnet();
    await expectClean(rules, [s, instance(s)]);
  });
  it("an instance with a top-level subnetId in a private subnet, flag left out, passes", async () => {
    const s = subnet(undefined);
    const i = res(
      n.NATIVE_EC2_INSTANCE,
      "app",
      { imageId: "ami-0abc", subnetId: UNKNOWN },
      { refs: { subnetId: [s] } },
    );
    await expectClean(rules, [s, i]);
  });
  it("ec2-instance-no-public-ip: networkInterfaces[0].associatePublicIpAddress true", async () => {
    const s = subnet();
    const found = await violationsOf("ec2-instance-no-public-ip", [
      s,
      instance(s, { associatePublicIpAddress: true }),
    ]);
    expect(found).to.deep.equal([
      'app: EC2 instance "app" sets networkInterfaces[].associatePublicIpAddress: true.',
    ]);
  });
  it("ec2-instance-no-public-ip: the flag left out in a subnet that maps public IPs", async () => {
    const s = subnet(true);
    const found = await violationsOf("ec2-instance-no-public-ip", [
      s,
      instance(s, { associatePublicIpAddress: undefined }),
    ]);
    expect(found).to.have.length(1);
    expect(found[0])
      .to.contain("does not set networkInterfaces[].associatePublicIpAddress")
      .and.contain("maps a public IP on launch");
  });
  it("ec2-instance-no-public-ip: no subnet and no interface launches into the default VPC", async () => {
    const found = await violationsOf("ec2-instance-no-public-ip", [
      res(n.NATIVE_EC2_INSTANCE, "app", { imageId: "ami-0abc" }),
    ]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("default VPC's default subnet");
  });
  it("ec2-instance-no-public-ip: a LaunchTemplate's launchTemplateData.networkInterfaces asking for a public IP", async () => {
    const lt = (associatePublicIpAddress: boolean) =>
      res(n.NATIVE_EC2_LAUNCH_TEMPLATE, "lt", {
        launchTemplateData: { networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress }] },
      });
    expect(await violationsOf("ec2-instance-no-public-ip", [lt(false)])).to.deep.equal([]);
    const found = await violationsOf("ec2-instance-no-public-ip", [lt(true)]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("assigns a public IP to network interface(s) #1");
  });
  it("ec2-subnet-no-public-ip-on-launch: mapPublicIpOnLaunch true", async () => {
    const found = await violationsOf("ec2-subnet-no-public-ip-on-launch", [subnet(true)]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("mapPublicIpOnLaunch is true");
  });
  it("networkInterfaces unknown at preview is a preview note, not a pass", async () => {
    const s = subnet();
    const i = res(
      n.NATIVE_EC2_INSTANCE,
      "app",
      { imageId: "ami-0abc", networkInterfaces: UNKNOWN },
      { refs: { networkInterfaces: [s] } },
    );
    expect(await previewNotes(policy("ec2-instance-no-public-ip"), [s, i])).to.have.length(1);
  });
  it("mapPublicIpOnLaunch unknown at preview is a preview note, not a pass", async () => {
    const notes = await previewNotes(policy("ec2-subnet-no-public-ip-on-launch"), [
      subnet(UNKNOWN),
    ]);
    expect(notes).to.have.length(1);
  });
});
