// Compute written with @pulumi/aws-native makes the subnets it runs in compute subnets for
// ec2-compute-subnet-no-default-route, as its classic twin does: an ECS Service's
// networkConfiguration.awsvpcConfiguration.subnets, an AutoScalingGroup's vpcZoneIdentifier, an EKS
// Nodegroup's subnets and an EKS Cluster's resourcesVpcConfig.subnetIds
// (policy-pack/lib/native/twins-network.ts, twins-launches.ts). An untagged subnet routing 0.0.0.0/0 to an internet
// gateway (a public subnet) passes while nothing runs in it; each placement makes it a compute one.
import { expect } from "chai";
import type { RecordedResource } from "../../../tools/lib/recorder";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const core = policy("ec2-compute-subnet-no-default-route");

/** A VPC with one untagged subnet whose route table sends 0.0.0.0/0 to an internet gateway. */
function network() {
  const vpc = res(n.NATIVE_EC2_VPC, "vpc", { cidrBlock: "10.0.0.0/16" });
  const subnet = res(
    n.NATIVE_EC2_SUBNET,
    "app-a",
    { vpcId: UNKNOWN, cidrBlock: "10.0.1.0/24" },
    { refs: { vpcId: [vpc] } },
  );
  const rt = res(
    n.NATIVE_EC2_ROUTE_TABLE,
    "app-rt",
    { vpcId: UNKNOWN },
    { refs: { vpcId: [vpc] } },
  );
  const assoc = res(
    n.NATIVE_EC2_SUBNET_ROUTE_TABLE_ASSOCIATION,
    "app-assoc",
    { subnetId: UNKNOWN, routeTableId: UNKNOWN },
    { refs: { subnetId: [subnet], routeTableId: [rt] } },
  );
  const route = res(
    n.NATIVE_EC2_ROUTE,
    "app-default",
    { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-0abc" },
    { refs: { routeTableId: [rt] } },
  );
  return { subnet, resources: [vpc, subnet, rt, assoc, route] };
}

interface Placement {
  readonly what: string;
  /** The placed resource, naming `subnet` at its native property (with its dependency). */
  make(subnet: RecordedResource, subnets?: unknown): RecordedResource;
}

const placements: Placement[] = [
  {
    what: "an ECS Service (networkConfiguration.awsvpcConfiguration.subnets)",
    make: (s, subnets = [UNKNOWN]) =>
      res(
        n.NATIVE_ECS_SERVICE,
        "api",
        { networkConfiguration: { awsvpcConfiguration: { subnets, assignPublicIp: "DISABLED" } } },
        { refs: { networkConfiguration: [s] } },
      ),
  },
  {
    what: "an AutoScalingGroup (vpcZoneIdentifier)",
    make: (s, subnets = [UNKNOWN]) =>
      res(
        n.NATIVE_AUTOSCALING_GROUP,
        "workers",
        { minSize: "1", maxSize: "2", vpcZoneIdentifier: subnets },
        { refs: { vpcZoneIdentifier: [s] } },
      ),
  },
  {
    what: "an AutoScalingGroup (vPCZoneIdentifier, as early 0.x SDKs spell it)",
    make: (s, subnets = [UNKNOWN]) =>
      res(
        n.NATIVE_AUTOSCALING_GROUP,
        "workers",
        { minSize: "1", maxSize: "2", vPCZoneIdentifier: subnets },
        { refs: { vPCZoneIdentifier: [s] } },
      ),
  },
  {
    what: "an EKS Nodegroup (subnets)",
    make: (s, subnets = [UNKNOWN]) =>
      res(
        n.NATIVE_EKS_NODEGROUP,
        "nodes",
        { clusterName: "prod", nodeRole: "arn:aws:iam::123456789012:role/nodes", subnets },
        { refs: { subnets: [s] } },
      ),
  },
  {
    what: "an EKS Cluster (resourcesVpcConfig.subnetIds)",
    make: (s, subnetIds = [UNKNOWN]) =>
      res(
        n.NATIVE_EKS_CLUSTER,
        "prod",
        { roleArn: "arn:aws:iam::123456789012:role/eks", resourcesVpcConfig: { subnetIds } },
        { refs: { resourcesVpcConfig: [s] } },
      ),
  },
];

describe("aws-native compute placements for ec2-compute-subnet-no-default-route", () => {
  it("an untagged subnet with an internet-gateway default route and nothing placed in it passes", async () => {
    await expectClean(core, network().resources);
  });
  for (const p of placements) {
    it(`${p.what} makes it a compute subnet: the default route is reported`, async () => {
      const net = network();
      const found = await violationsOf("ec2-compute-subnet-no-default-route", [
        ...net.resources,
        p.make(net.subnet),
      ]);
      expect(found.find((f) => f.startsWith("app-a:")))
        .to.contain("hosts")
        .and.contain("0.0.0.0/0");
    });
    it(`${p.what} with subnets unknown and no dependency is a preview note`, async () => {
      // The same resource without the property dependency that would name the subnet.
      const placed = p.make(network().subnet, UNKNOWN);
      const bare = res(placed.type, placed.name, placed.inputs);
      const notes = await previewNotes(core, [...network().resources, bare]);
      expect(notes).to.have.length(1);
      expect(notes[0]).to.contain("unknown until apply");
    });
  }
});

describe("aws-native ECS services: ecs-service-no-public-ip", () => {
  const service = (assignPublicIp?: string) =>
    res(n.NATIVE_ECS_SERVICE, "api", {
      networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-0abc"], assignPublicIp } },
    });
  it("DISABLED, or left out (ECS's default), passes", async () => {
    await expectClean(policy("ecs-service-no-public-ip"), [service("DISABLED")]);
    await expectClean(policy("ecs-service-no-public-ip"), [service()]);
  });
  it("awsvpcConfiguration.assignPublicIp ENABLED is reported", async () => {
    const found = await violationsOf("ecs-service-no-public-ip", [service("ENABLED")]);
    expect(found).to.have.length(1);
    expect(found[0]).to.contain("tasks get public IP addresses");
  });
  it("networkConfiguration unknown at preview is a preview note, not a pass", async () => {
    const s = res(n.NATIVE_ECS_SERVICE, "api", { networkConfiguration: UNKNOWN });
    expect(await previewNotes(policy("ecs-service-no-public-ip"), [s])).to.have.length(1);
  });
});
