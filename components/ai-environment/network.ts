// The AI environment's network: its VPC and gateways, the peering and its routes, the ports the
// main VPC's tasks may open on the server.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  isolatedMainRouteTable,
  publicRouteTable,
  regionZones,
  vpcWithEmptyDefaultSecurityGroup,
  warnUnavailableZones,
} from "../network/vpc";
import { firstOfferingIndex, zonesOffering } from "../host/placement";
import type { Build } from "./index";

export const ANYWHERE = "0.0.0.0/0";

/** What to change when no zone of the region offers the AI server's instance type. */
export const AI_INSTANCE_TYPE_FIX =
  "Pass the AiEnvironment another instanceType that the region offers, or deploy to another region";

/** The waiver the private route table carries (tag values: letters, digits, spaces, _ . : / = + - @). */
export const AI_NAT_ROUTE_WAIVER: Readonly<Record<string, string>> = {
  "waiver:ec2-compute-subnet-no-default-route":
    "Opt-in AI environment: its server downloads models and packages from the internet through this NAT gateway. Separate VPC with no inbound from the internet and peering routes only to the main compute subnets",
};

/**
 * The AI environment's one AZ: the first usable zone that offers the server's instance type
 * (../host/placement.ts), so a zone that lacks it is never planned, and a zone that keeps offering
 * the type keeps the environment where it is. Its name (the subnets) and AZ ID (the host's check).
 */
export function aiZone(
  name: string,
  instanceType: string,
  opts: pulumi.InvokeOutputOptions,
): pulumi.Output<{ name: string; id: string }> {
  // The same zones at every run, whatever their state (`regionZones`): one that is not available
  // now only warns, and the environment stays where it is.
  return pulumi
    .all([regionZones(opts), zonesOffering(instanceType, opts)])
    .apply(([{ names, ids, availableIds }, offered]) => {
      if (names.length === 0) throw new Error(`AiEnvironment ${name}: the region offers no AZ`);
      const i = firstOfferingIndex(
        `AiEnvironment ${name}`,
        instanceType,
        ids,
        offered,
        AI_INSTANCE_TYPE_FIX,
      );
      const zone = { name: names[i], id: ids[i] };
      warnUnavailableZones(`AiEnvironment ${name}`, [zone], availableIds, opts.parent);
      return zone;
    });
}

/** The AI VPC: one AZ (the MVP runs one server), a public and a private subnet, the gateways. */
export function aiNetwork(b: Build) {
  const { name, plan, self, parent, tags } = b;
  // The NAT gateway sits in the same AZ as the server.
  const zone = aiZone(name, plan.instanceType, parent);
  const az = zone.name;
  const vpc = vpcWithEmptyDefaultSecurityGroup(self, name, b.args.cidrBlock, tags);
  // A subnet `${name}-<role>` in the one AZ. Neither maps public IPs: the NAT gateway has its own
  // Elastic IP; nothing else here gets a public address.
  const subnet = (role: string, cidrBlock: string, tier: string) =>
    new aws.ec2.Subnet(
      `${name}-${role}`,
      {
        vpcId: vpc.id,
        cidrBlock,
        availabilityZone: az,
        mapPublicIpOnLaunch: false,
        tags: tags(role, { tier }),
      },
      parent,
    );
  const publicSubnet = subnet("public", plan.publicCidr, "public");
  const privateSubnet = subnet("private", plan.privateCidr, "compute");
  const igw = new aws.ec2.InternetGateway(
    `${name}-igw`,
    { vpcId: vpc.id, tags: tags("igw") },
    parent,
  );
  const natIp = new aws.ec2.Eip(
    `${name}-nat-ip`,
    { domain: "vpc", tags: tags("nat-ip") },
    { parent: self, dependsOn: [igw] },
  );
  const nat = new aws.ec2.NatGateway(
    `${name}-nat`,
    {
      allocationId: natIp.id,
      subnetId: publicSubnet.id,
      connectivityType: "public",
      tags: tags("nat"),
    },
    { parent: self, dependsOn: [igw] },
  );
  return { vpc, publicSubnet, privateSubnet, igw, nat, zoneId: zone.id };
}

/**
 * The peering and the routes: the public subnet to the internet gateway, the server's subnet to
 * the NAT gateway (the waived path) and back to the main compute subnets only, the main compute
 * tables to the server's subnet only.
 */
export function aiRouting(b: Build, net: ReturnType<typeof aiNetwork>) {
  const { name, args, plan, self, parent, tags } = b;
  const { vpc } = net;
  // VPC docs ("Create a VPC peering connection"): within one account and region the connection
  // can be accepted on creation (autoAccept).
  const peering = new aws.ec2.VpcPeeringConnection(
    `${name}-peering`,
    { vpcId: args.peer.vpcId, peerVpcId: vpc.id, autoAccept: true, tags: tags("peering") },
    parent,
  );
  const publicRt = publicRouteTable(self, name, {
    vpcId: vpc.id,
    internetGatewayId: net.igw.id,
    tags,
  });
  new aws.ec2.RouteTableAssociation(
    `${name}-public-rta`,
    { subnetId: net.publicSubnet.id, routeTableId: publicRt.id },
    parent,
  );
  const privateRt = new aws.ec2.RouteTable(
    `${name}-private-rt`,
    { vpcId: vpc.id, tags: tags("private-rt", { tier: "compute", ...AI_NAT_ROUTE_WAIVER }) },
    parent,
  );
  // The waived egress path (see AI_NAT_ROUTE_WAIVER).
  new aws.ec2.Route(
    `${name}-private-nat-route`,
    { routeTableId: privateRt.id, destinationCidrBlock: ANYWHERE, natGatewayId: net.nat.id },
    parent,
  );
  new aws.ec2.RouteTableAssociation(
    `${name}-private-rta`,
    { subnetId: net.privateSubnet.id, routeTableId: privateRt.id },
    parent,
  );
  // Return routes to the main VPC's compute subnets only.
  args.peer.clientCidrs.forEach(
    (cidr, i) =>
      new aws.ec2.Route(
        `${name}-to-main-${i}`,
        {
          routeTableId: privateRt.id,
          destinationCidrBlock: cidr,
          vpcPeeringConnectionId: peering.id,
        },
        parent,
      ),
  );
  // The main compute route tables reach the server's subnet only.
  args.peer.routeTableIds.forEach(
    (rt, i) =>
      new aws.ec2.Route(
        `${name}-from-main-${i}`,
        {
          routeTableId: rt,
          destinationCidrBlock: plan.privateCidr,
          vpcPeeringConnectionId: peering.id,
        },
        parent,
      ),
  );
  // Subnets added later outside this component start isolated (local route only).
  isolatedMainRouteTable(self, name, vpc.id, tags);
  return { peering, privateRt };
}

/**
 * The allowed ports, both ends: the server admits them from the main VPC's tasks, the tasks may
 * open them on the server. VPC peering docs ("Update your security groups to reference peer
 * security groups"): within a region a rule may name a security group of the peered VPC; it needs
 * the active connection.
 */
export function allowTasksToServer(
  b: Build,
  serverSgId: pulumi.Output<string>,
  peering: aws.ec2.VpcPeeringConnection,
): void {
  const { name, args, plan, self, tags } = b;
  for (const port of plan.ports) {
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-server-from-tasks-${port}`,
      {
        securityGroupId: serverSgId,
        referencedSecurityGroupId: args.peer.clientSecurityGroupId,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        description: `Port ${port} from the tasks of the main VPC across the peering`,
        tags: tags(`server-from-tasks-${port}`),
      },
      { parent: self, dependsOn: [peering] },
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-tasks-to-server-${port}`,
      {
        securityGroupId: args.peer.clientSecurityGroupId,
        referencedSecurityGroupId: serverSgId,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        description: `Tasks to the AI server on ${port} across the peering`,
        tags: tags(`tasks-to-server-${port}`),
      },
      { parent: self, dependsOn: [peering] },
    );
  }
}
