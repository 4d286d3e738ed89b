// The children of awsx 3's Vpc (tools/lib/engine/remote-children-vpc*.ts) as the apply phase
// answers them: reference arrays (subnets, route tables, associations, routes, NAT gateways,
// Elastic IPs, endpoints), each named, parented and wired as awsx's own code builds them, and the
// plain outputs read from the same children. Inputs awsx refuses: remote-children-vpc-inputs.spec.ts.
import { expect } from "chai";
import { UNKNOWN } from "../../tools/lib/fake-aws";
import { remoteOutputs } from "../../tools/lib/engine/remote-outputs";
import { env, STACK, VPC_CHAIN, vpc } from "./remote-children-fixture";

describe("awsx 3 children: a Vpc's reference arrays and children (apply phase)", () => {
  it("Vpc: subnets per zone, public first, each with a route table, an association and a route", () => {
    const v = vpc({});
    expect(v.names("subnets")).to.deep.equal([
      ...["net-public-1", "net-private-1", "net-public-2"],
      ...["net-private-2", "net-public-3", "net-private-3"],
    ]);
    expect(v.names("publicSubnets")).to.deep.equal([
      "net-public-1",
      "net-public-2",
      "net-public-3",
    ]);
    expect(v.outputs.isolatedSubnets).to.deep.equal([]);
    // The same child under several keys: one URN, one id.
    expect(v.outputs.publicSubnets[0]).to.deep.equal(v.outputs.subnets[0]);
    const pub = v.state(v.outputs.subnets[0]);
    const priv = v.state(v.outputs.subnets[1]);
    expect([pub.availabilityZone, pub.mapPublicIpOnLaunch]).to.deep.equal(["eu-west-1a", true]);
    expect([priv.availabilityZone, priv.mapPublicIpOnLaunch]).to.deep.equal(["eu-west-1a", false]);
    expect(pub.vpcId).to.equal(v.outputs.vpc.id);
    expect(pub.tags).to.deep.include({ Name: "net-public-1", SubnetType: "Public" });
    // awsx's allocator decides the CIDR block: left unknown (absent).
    expect(pub).to.not.have.property("cidrBlock");
    expect(v.outputs.subnets[0].urn).to.equal(`${VPC_CHAIN}$aws:ec2/subnet:Subnet::net-public-1`);
    expect(v.outputs.routeTables[0].urn).to.equal(
      `${VPC_CHAIN}$aws:ec2/subnet:Subnet$aws:ec2/routeTable:RouteTable::net-public-1`,
    );
    const assoc = v.state(v.outputs.routeTableAssociations[1]);
    expect(assoc).to.include({
      routeTableId: v.outputs.routeTables[1].id,
      subnetId: v.outputs.subnets[1].id,
    });
    // Public routes go to the internet gateway, private ones to their zone's NAT gateway.
    expect(v.names("routes")).to.deep.equal(v.names("subnets"));
    const routes = v.outputs.routes.map(v.state);
    expect(routes[0]).to.include({
      routeTableId: v.outputs.routeTables[0].id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: v.outputs.internetGateway.id,
    });
    expect(v.names("natGateways")).to.deep.equal(["net-1", "net-2", "net-3"]);
    expect(routes[3].natGatewayId).to.equal(v.outputs.natGateways[1].id);
    const nat = v.state(v.outputs.natGateways[1]);
    expect(nat.subnetId).to.equal(v.outputs.subnets[2].id);
    expect(nat.allocationId).to.equal(v.state(v.outputs.eips[1]).allocationId);
    expect(v.outputs.eips[1].urn).to.equal(
      `${VPC_CHAIN}$aws:ec2/subnet:Subnet$aws:ec2/eip:Eip::net-2`,
    );
  });

  it("Vpc: the plain subnet ids are the ids of the referenced subnets", () => {
    const inputs = {
      numberOfAvailabilityZones: 2,
      subnetSpecs: [{ type: "Public" }, { type: "Isolated", name: "db" }],
      // Without private subnets awsx refuses a NAT strategy other than None.
      natGateways: { strategy: "None" },
    };
    const v = vpc(inputs);
    const plain = remoteOutputs("awsx:ec2:Vpc", "net", inputs, env);
    expect(plain.vpcId).to.equal(v.outputs.vpc.id);
    expect(plain.publicSubnetIds).to.deep.equal(v.outputs.publicSubnets.map((r: any) => r.id));
    expect(plain.isolatedSubnetIds).to.deep.equal(v.outputs.isolatedSubnets.map((r: any) => r.id));
    expect(v.names("isolatedSubnets")).to.deep.equal(["net-db-1", "net-db-2"]);
  });

  it("Vpc NAT strategies: Single is one gateway for every private route, None none and no private route", () => {
    const single = vpc({ natGateways: { strategy: "Single" } });
    expect(single.names("natGateways")).to.deep.equal(["net-1"]);
    const natIds = single.outputs.routes
      .map(single.state)
      .filter((r: any) => r.natGatewayId)
      .map((r: any) => r.natGatewayId);
    expect(natIds).to.deep.equal(Array(3).fill(single.outputs.natGateways[0].id));
    const none = vpc({ natGateways: { strategy: "None" } });
    expect(none.outputs.natGateways).to.deep.equal([]);
    expect(none.outputs.eips).to.deep.equal([]);
    expect(none.names("routes")).to.deep.equal(["net-public-1", "net-public-2", "net-public-3"]);
    // Allocation ids given: no Elastic IP is made, each gateway takes its zone's id.
    const given = vpc({
      natGateways: { strategy: "Single", elasticIpAllocationIds: ["eipalloc-1"] },
    });
    expect(given.outputs.eips).to.deep.equal([]);
    expect(given.state(given.outputs.natGateways[0]).allocationId).to.equal("eipalloc-1");
  });

  it("Vpc: no default route for isolated subnets under any NAT strategy, nor for private ones under None", () => {
    const subnetSpecs = [{ type: "Public" }, { type: "Private" }, { type: "Isolated" }];
    const zones = (v: ReturnType<typeof vpc>, type: string) =>
      v.names("routes").filter((n: string) => n.startsWith(`net-${type}-`));
    for (const strategy of ["OnePerAz", "Single"]) {
      const v = vpc({ subnetSpecs, natGateways: { strategy } });
      expect(v.names("isolatedSubnets"), strategy).to.have.length(3);
      expect(zones(v, "isolated"), strategy).to.deep.equal([]);
      expect(zones(v, "private"), strategy).to.have.length(3);
    }
    const none = vpc({ subnetSpecs, natGateways: { strategy: "None" } });
    expect(zones(none, "private")).to.deep.equal([]);
    expect(zones(none, "isolated")).to.deep.equal([]);
    expect(zones(none, "public")).to.have.length(3);
  });

  it("Vpc: an IPAM pool without subnetStrategy follows the default of the awsx version installed", () => {
    const pool = { ipv4IpamPoolId: "ipam-pool-1", ipv4NetmaskLength: 16 };
    // awsx 1.x to 3.x default to Legacy, which refuses a block the pool allocates.
    for (const version of ["3.9.0", "3.0.0", "2.21.1"]) {
      expect(vpc(pool, { version }).outputs, version).to.deep.equal({});
      expect(remoteOutputs("awsx:ec2:Vpc", "net", pool, env, version), version).to.deep.equal({});
    }
    // Another major, or no version sent: the default is not guessed. The VPC is created before
    // the allocator decides, so the VPC and its gateway only; the subnets stay unknown.
    for (const version of ["4.0.0", undefined]) {
      const v = vpc(pool, { version });
      expect(Object.keys(v.outputs), String(version)).to.deep.equal(["vpc", "internetGateway"]);
    }
    // Given explicitly, the strategy decides whatever the version.
    expect(
      vpc({ ...pool, subnetStrategy: "Auto" }, { version: "4.0.0" }).outputs.subnets,
    ).to.have.length(6);
    expect(vpc({ ...pool, subnetStrategy: "Legacy" }, { version: "4.0.0" }).outputs).to.deep.equal(
      {},
    );
  });

  it("Vpc: subnetNameTagStrategy AvailabilityZone names the subnets' and route tables' Name tags by zone, not their Pulumi names", () => {
    const v = vpc({ subnetNameTagStrategy: "AvailabilityZone" });
    expect(v.names("subnets").slice(0, 2)).to.deep.equal(["net-public-1", "net-private-1"]);
    expect(v.state(v.outputs.subnets[0]).tags).to.include({ Name: "net-public-1a" });
    expect(v.state(v.outputs.subnets[3]).tags).to.include({ Name: "net-private-1b" });
    expect(v.state(v.outputs.routeTables[0]).tags).to.include({ Name: "net-public-1a" });
    // Legacy (the default): the zone's 1-based index.
    const legacy = vpc({});
    expect(legacy.state(legacy.outputs.subnets[3]).tags).to.include({ Name: "net-private-2" });
    expect(legacy.state(legacy.outputs.routeTables[3]).tags).to.include({ Name: "net-private-2" });
  });

  it("Vpc: one endpoint per vpcEndpointSpecs entry, under the VPC, and vpcEndpoints empty as awsx returns it", () => {
    const policy = JSON.stringify({
      Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }],
    });
    const v = vpc({
      vpcEndpointSpecs: [
        { serviceName: "com.amazonaws.eu-west-1.s3", policy },
        {
          serviceName: "com.amazonaws.eu-west-1.ecr.api",
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: ["subnet-1"],
        },
      ],
    });
    const endpoints = v.children.filter((c) => c.urn.includes("aws:ec2/vpcEndpoint:VpcEndpoint"));
    expect(endpoints.map((c) => c.urn)).to.deep.equal([
      `${STACK}awsx:ec2:Vpc$aws:ec2/vpc:Vpc$aws:ec2/vpcEndpoint:VpcEndpoint::com.amazonaws.eu-west-1.s3`,
      `${STACK}awsx:ec2:Vpc$aws:ec2/vpc:Vpc$aws:ec2/vpcEndpoint:VpcEndpoint::com.amazonaws.eu-west-1.ecr.api`,
    ]);
    const vpcId = v.outputs.vpc.id;
    expect(endpoints[0].state).to.include({
      vpcId,
      serviceName: "com.amazonaws.eu-west-1.s3",
      policy,
    });
    expect(endpoints[1].state).to.include({
      vpcId,
      vpcEndpointType: "Interface",
      privateDnsEnabled: true,
    });
    expect(endpoints[1].state.subnetIds).to.deep.equal(["subnet-1"]);
    expect(endpoints[0].id).to.match(/^vpce-/);
    // awsx 1 to 3 create the endpoints but never add them to the output.
    expect(v.outputs.vpcEndpoints).to.deep.equal([]);
    expect(vpc({}, { version: "4.0.0" }).outputs).to.not.have.property("vpcEndpoints");
    // A spec whose service name is unknown: that endpoint is not made.
    const unknown = vpc({ vpcEndpointSpecs: [{ serviceName: UNKNOWN }] });
    expect(unknown.children.some((c) => c.urn.includes("vpcEndpoint:VpcEndpoint"))).to.equal(false);
  });

  it("Vpc: the VPC child's state holds the aws.ec2.Vpc inputs, not awsx's own", () => {
    const v = vpc({
      availabilityZoneNames: ["eu-west-1a", "eu-west-1b"],
      subnetStrategy: "Auto",
      subnetSpecs: [{ type: "Public" }, { type: "Private" }],
      natGateways: { strategy: "Single" },
      availabilityZoneCidrMask: 20,
      vpcEndpointSpecs: [{ serviceName: "com.amazonaws.eu-west-1.s3" }],
      subnetNameTagStrategy: "AvailabilityZone",
      vpcEndpointStrategy: "Auto",
      enableDnsHostnames: true,
    });
    const state = v.state(v.outputs.vpc);
    for (const key of [
      "subnetStrategy",
      "availabilityZoneNames",
      "vpcEndpointSpecs",
      "subnetSpecs",
      "natGateways",
      "numberOfAvailabilityZones",
      "availabilityZoneCidrMask",
      "subnetNameTagStrategy",
      "vpcEndpointStrategy",
    ])
      expect(state, key).to.not.have.property(key);
    expect(state).to.include({ enableDnsHostnames: true, cidrBlock: "10.0.0.0/16" });
  });
});
