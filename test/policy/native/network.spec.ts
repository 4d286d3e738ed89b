// No default route from compute/data subnets, for networks written with @pulumi/aws-native: its
// Subnet, RouteTable, Route, SubnetRouteTableAssociation and gateways are judged as their classic
// twins by ec2-compute-subnet-no-default-route (policy-pack/lib/native/twins.ts), with that rule's
// notion of a compute subnet (tier tag, private name, hosted compute) and of a public one; and a
// native Route to a VPC peering connection by ec2-route-peering-not-default.
import { expect } from "chai";
import type { RecordedResource } from "../../../tools/lib/recorder";
import * as n from "../../../policy-pack/lib/native/types";
import {
  expectClean,
  policy,
  previewNotes,
  res,
  UNKNOWN,
  violations,
  violationsOf,
} from "../fixture";

const core = policy("ec2-compute-subnet-no-default-route");
/** CloudFormation tags, as aws-native takes them. */
const tags = (o: Record<string, string>) =>
  Object.entries(o).map(([key, value]) => ({ key, value }));

/** A two-tier aws-native VPC: a public subnet routing to the internet gateway, a private one without a default route. */
function network(privateTags: Record<string, string> = { Name: "app", tier: "private" }) {
  const vpc = res(n.NATIVE_EC2_VPC, "vpc", { cidrBlock: "10.0.0.0/16" });
  const igw = res(n.NATIVE_EC2_INTERNET_GATEWAY, "igw", {});
  const subnet = (name: string, cidrBlock: string, t: Record<string, string>) =>
    res(
      n.NATIVE_EC2_SUBNET,
      name,
      { vpcId: UNKNOWN, cidrBlock, tags: tags(t) },
      { refs: { vpcId: [vpc] } },
    );
  const publicSubnet = subnet("public-a", "10.0.0.0/24", { Name: "public-a", tier: "public" });
  const privateSubnet = subnet("private-a", "10.0.1.0/24", privateTags);
  const table = (name: string) =>
    res(n.NATIVE_EC2_ROUTE_TABLE, name, { vpcId: UNKNOWN }, { refs: { vpcId: [vpc] } });
  const publicRt = table("public-rt");
  const privateRt = table("private-rt");
  const associate = (name: string, s: RecordedResource, rt: RecordedResource) =>
    res(
      n.NATIVE_EC2_SUBNET_ROUTE_TABLE_ASSOCIATION,
      name,
      { subnetId: UNKNOWN, routeTableId: UNKNOWN },
      { refs: { subnetId: [s], routeTableId: [rt] } },
    );
  const internet = res(
    n.NATIVE_EC2_ROUTE,
    "public-default",
    { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN },
    { refs: { routeTableId: [publicRt], gatewayId: [igw] } },
  );
  const nat = res(
    n.NATIVE_EC2_NAT_GATEWAY,
    "nat",
    { subnetId: UNKNOWN, allocationId: UNKNOWN },
    { refs: { subnetId: [publicSubnet] } },
  );
  const resources = [
    vpc,
    igw,
    publicSubnet,
    privateSubnet,
    publicRt,
    privateRt,
    associate("public-assoc", publicSubnet, publicRt),
    associate("private-assoc", privateSubnet, privateRt),
    internet,
    nat,
  ];
  /** A route in the private table for `destination` to the NAT or egress-only gateway. */
  const privateRoute = (
    destination: Record<string, unknown>,
    target: Record<string, unknown>,
    refs: Record<string, RecordedResource[]>,
  ) =>
    res(
      n.NATIVE_EC2_ROUTE,
      "private-default",
      { routeTableId: UNKNOWN, ...destination, ...target },
      { refs: { routeTableId: [privateRt], ...refs } },
    );
  return { resources, nat, privateSubnet, privateRoute };
}

describe("ec2-compute-subnet-no-default-route on aws-native networks", () => {
  it("a private subnet without a default route passes (the public one may route to the internet gateway)", async () => {
    await expectClean(core, network().resources);
  });

  it("0.0.0.0/0 to a NAT gateway in the private subnet's route table is reported on the route and the subnet", async () => {
    const net = network();
    const route = net.privateRoute(
      { destinationCidrBlock: "0.0.0.0/0" },
      { natGatewayId: UNKNOWN },
      { natGatewayId: [net.nat] },
    );
    const found = await violations(core, [...net.resources, route]);
    expect(found).to.have.length(2);
    expect(found.find((f) => f.startsWith("private-default:")))
      .to.contain(
        'route "private-default" in route table "private-rt" sends 0.0.0.0/0 to NAT gateway "nat"',
      )
      .and.contain('subnet "private-a"');
    expect(found.find((f) => f.startsWith("private-a:"))).to.contain("tagged tier=private");
  });

  it("::/0 to an egress-only internet gateway is reported", async () => {
    const net = network();
    const eigw = res(n.NATIVE_EC2_EGRESS_ONLY_INTERNET_GATEWAY, "eigw", { vpcId: "vpc-0abc" });
    const route = net.privateRoute(
      { destinationIpv6CidrBlock: "::/0" },
      { egressOnlyInternetGatewayId: UNKNOWN },
      { egressOnlyInternetGatewayId: [eigw] },
    );
    const found = await violations(core, [...net.resources, eigw, route]);
    expect(found.find((f) => f.startsWith("private-default:"))).to.contain("sends ::/0");
  });

  it("an untagged subnet hosting an aws-native Lambda function counts as a compute subnet", async () => {
    const net = network({ Name: "app-a" });
    const fn = res(
      n.NATIVE_LAMBDA_FUNCTION,
      "worker",
      { vpcConfig: { subnetIds: [UNKNOWN], securityGroupIds: ["sg-0abc"] } },
      { refs: { vpcConfig: [net.privateSubnet] } },
    );
    const route = net.privateRoute(
      { destinationCidrBlock: "0.0.0.0/0" },
      { natGatewayId: UNKNOWN },
      { natGatewayId: [net.nat] },
    );
    const found = await violations(core, [...net.resources, fn, route]);
    expect(found.find((f) => f.startsWith("private-a:"))).to.contain("hosts");
  });

  it("a route whose destination is unknown at preview is a preview note, not a pass", async () => {
    const net = network();
    const route = net.privateRoute(
      { destinationCidrBlock: UNKNOWN },
      { natGatewayId: UNKNOWN },
      { natGatewayId: [net.nat] },
    );
    const notes = await previewNotes(core, [...net.resources, route]);
    expect(notes).to.have.length(1);
    expect(notes[0]).to.contain("private-a");
  });

  it("a waiver tag on the aws-native route table withholds the finding", async () => {
    const net = network();
    const rt = net.resources.find((r) => r.name === "private-rt")!;
    (rt.inputs as any).tags = tags({
      "waiver:ec2-compute-subnet-no-default-route": "Reviewed egress for the patch mirror, 2026-11",
    });
    const route = net.privateRoute(
      { destinationCidrBlock: "0.0.0.0/0" },
      { natGatewayId: UNKNOWN },
      { natGatewayId: [net.nat] },
    );
    expect(await violations(core, [...net.resources, route])).to.deep.equal([]);
  });

  it("policy-waiver-valid reads CloudFormation tags: a misspelt waiver on an aws-native route table is reported", async () => {
    const rt = res(n.NATIVE_EC2_ROUTE_TABLE, "rt", {
      vpcId: "vpc-0abc",
      tags: tags({
        "waiver:ec2-compute-subnet-no-default-rout": "Reviewed egress for the patch mirror",
      }),
    });
    const found = await violations(policy("policy-waiver-valid"), [rt]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain(
      "'waiver:ec2-compute-subnet-no-default-rout' names no policy of this pack",
    );
  });
});

describe("aws-native routes to a VPC peering connection (ec2-route-peering-not-default)", () => {
  const rule = "ec2-route-peering-not-default";
  const route = (over: Record<string, unknown>, refs = {}) =>
    res(
      n.NATIVE_EC2_ROUTE,
      "to-peer",
      { routeTableId: "rtb-0abc", vpcPeeringConnectionId: "pcx-0abc", ...over },
      { refs },
    );
  it("compliant: the peer's CIDR", async () => {
    await expectClean(policy(rule), [route({ destinationCidrBlock: "10.30.0.0/16" })]);
  });
  it("0.0.0.0/0 to the peering connection: reported", async () => {
    expect(await violationsOf(rule, [route({ destinationCidrBlock: "0.0.0.0/0" })])).to.deep.equal([
      "to-peer: this route sends 0.0.0.0/0 to a VPC peering connection.",
    ]);
  });
  it("::/0 to the peering connection: reported", async () => {
    const found = await violationsOf(rule, [route({ destinationIpv6CidrBlock: "::/0" })]);
    expect(found).to.have.length(1);
  });
  it("vpcPeeringConnectionId unknown at preview is a peering connection: reported", async () => {
    const peer = res(n.NATIVE_EC2_VPC, "peer", { cidrBlock: "10.30.0.0/16" });
    const r = route(
      { destinationCidrBlock: "0.0.0.0/0", vpcPeeringConnectionId: UNKNOWN },
      { vpcPeeringConnectionId: [peer] },
    );
    expect(await violationsOf(rule, [peer, r])).to.have.length(1);
  });
});
