// The children of awsx 3's Vpc and task definitions (tools/lib/engine/remote-children*.ts) as the
// apply phase answers them: reference arrays (subnets, route tables, associations, routes, NAT
// gateways, Elastic IPs) and a task definition's log group and roles, each named, parented and
// wired as awsx's own code builds them, and the plain outputs read from the same children.
import { expect } from "chai";
import { UNKNOWN } from "../../tools/lib/fake-aws";
import { remoteReferences } from "../../tools/lib/engine/remote-references";
import { remoteOutputs } from "../../tools/lib/engine/remote-outputs";
import { awsxVpcRefusal } from "../../tools/lib/engine/remote-children-vpc-plan";

const env = { accountId: "123456789012", region: "eu-west-1" };
const STACK = "urn:pulumi:dev::proj::";
const VPC_CHAIN = `${STACK}awsx:ec2:Vpc$aws:ec2/vpc:Vpc`;

/** awsx's version as the program's SDK sends it with the registration (its package.json). */
const AWSX = "3.9.0";

function vpc(inputs: Record<string, any>, { version }: { version?: string } = { version: AWSX }) {
  const { outputs, children } = remoteReferences(
    `${STACK}awsx:ec2:Vpc::net`,
    "awsx:ec2:Vpc",
    "net",
    inputs,
    env,
    version,
  );
  const state = (r: any) => children.find((c) => c.urn === r.urn)!.state;
  const names = (key: string) => (outputs[key] ?? []).map((r: any) => r.urn.split("::").pop());
  return { outputs, children, state, names };
}

describe("awsx 3 children: Vpc reference arrays and task-definition roles (apply phase)", () => {
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

  it("Vpc: inputs awsx refuses before creating anything make no child, not a made-up VPC", () => {
    const refused: Record<string, any>[] = [
      { natGateways: { strategy: "OnePerAz", elasticIpAllocationIds: ["eipalloc-1"] } }, // 1 of 3
      { natGateways: { strategy: "Single", elasticIpAllocationIds: ["eipalloc-1", "eipalloc-2"] } },
      { natGateways: { strategy: "None", elasticIpAllocationIds: ["eipalloc-1"] } },
      { natGateways: { strategy: "Sometimes" } },
      { subnetSpecs: [{ type: "Private" }] }, // OnePerAz needs a public subnet to host the gateway
      { subnetSpecs: [{ type: "Public" }], natGateways: { strategy: "Single" } },
      { subnetSpecs: [] },
      { ipv4IpamPoolId: "ipam-pool-1", ipv4NetmaskLength: 16, subnetStrategy: "Legacy" },
      { ipv4IpamPoolId: "ipam-pool-1" }, // neither cidrBlock nor ipv4NetmaskLength
      { availabilityZoneNames: ["eu-west-1a"], numberOfAvailabilityZones: 1 },
      { numberOfAvailabilityZones: 9 }, // eu-west-1 has 3
    ];
    for (const inputs of refused) {
      const v = vpc(inputs);
      expect(v.outputs, JSON.stringify(inputs)).to.deep.equal({});
      expect(v.children, JSON.stringify(inputs)).to.deep.equal([]);
      const plain = remoteOutputs("awsx:ec2:Vpc", "net", inputs, env, AWSX);
      expect(plain, JSON.stringify(inputs)).to.deep.equal({});
    }
    // What awsx accepts: private subnets alone without NAT, the same number of ids as zones, a
    // pool with the Auto allocator.
    for (const inputs of [
      { subnetSpecs: [{ type: "Private" }], natGateways: { strategy: "None" } },
      { natGateways: { elasticIpAllocationIds: ["eipalloc-1", "eipalloc-2", "eipalloc-3"] } },
      { ipv4IpamPoolId: "ipam-pool-1", ipv4NetmaskLength: 16, subnetStrategy: "Auto" },
    ]) {
      expect(vpc(inputs).outputs, JSON.stringify(inputs)).to.have.property("vpc");
    }
    // NAT settings unknown: subnets, but no NAT gateway or route; zones unknown: the VPC and its
    // gateway only (and the endpoint list awsx 3 always returns empty).
    const unknownNat = vpc({ natGateways: UNKNOWN });
    expect(unknownNat.outputs).to.not.have.any.keys("natGateways", "routes");
    expect(unknownNat.outputs.subnets).to.have.length(6);
    expect(Object.keys(vpc({ numberOfAvailabilityZones: UNKNOWN }).outputs)).to.deep.equal([
      "vpc",
      "internetGateway",
      "vpcEndpoints",
    ]);
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

  it("Vpc: inputs awsx refuses, each with awsx's own message; accepted and unknown ones pass", () => {
    const zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
    const refusal = (inputs: Record<string, any>, strategy: unknown = "Legacy") =>
      awsxVpcRefusal(inputs, zones, strategy);
    expect(refusal({ numberOfAvailabilityZones: 4 })).to.deep.equal({
      prop: "numberOfAvailabilityZones",
      says:
        "The configured region for this provider does not have at least 4 Availability Zones. " +
        "Either specify an explicit list of zones in availabilityZoneNames or choose a region with at least 4 AZs.",
    });
    expect(refusal({ availabilityZoneNames: zones, numberOfAvailabilityZones: 2 })?.says).to.equal(
      "Only one of [availabilityZoneNames] and [numberOfAvailabilityZones] can be specified",
    );
    expect(refusal({ ipv4IpamPoolId: "ipam-1" })?.prop).to.equal("ipv4IpamPoolId");
    expect(
      refusal({ ipv4IpamPoolId: "ipam-1", cidrBlock: "10.0.0.0/16", ipv4NetmaskLength: 16 })?.says,
    ).to.equal("Only one of 'cidrBlock', 'ipv4NetmaskLength' is allowed.");
    expect(refusal({ ipv4IpamPoolId: "ipam-1", ipv4NetmaskLength: 16 })?.prop).to.equal(
      "subnetStrategy",
    );
    expect(refusal({ natGateways: { strategy: "Sometimes" } })?.says).to.equal(
      "Unknown NatGatewayStrategy 'Sometimes'",
    );
    expect(
      refusal({ natGateways: { strategy: "None", elasticIpAllocationIds: ["eipalloc-1"] } })?.says,
    ).to.equal(
      "Elastic IP allocation IDs cannot be specified when NAT Gateway strategy is 'None'.",
    );
    expect(
      refusal({ natGateways: { strategy: "OnePerAz", elasticIpAllocationIds: ["a", "b"] } })?.says,
    ).to.contain("must match the number of availability zones for the VPC (3)");
    expect(refusal({ subnetSpecs: [{ type: "Private" }] })?.prop).to.equal("subnetSpecs");
    for (const ok of [
      {},
      { numberOfAvailabilityZones: 3 },
      { natGateways: { strategy: "None" }, subnetSpecs: [{ type: "Private" }] },
      { numberOfAvailabilityZones: UNKNOWN },
      { ipv4IpamPoolId: "ipam-1", ipv4NetmaskLength: 16, subnetStrategy: "Auto" },
    ])
      expect(refusal(ok, ok.subnetStrategy ?? "Legacy"), JSON.stringify(ok)).to.equal(undefined);
  });

  it("Vpc zone inputs read as awsx reads them: `names && count` refuses, `names ?? getDefaultAzs(count)` picks", () => {
    // awsx/ec2/vpc.ts `initialize`: `if (args.availabilityZoneNames && args.numberOfAvailabilityZones)
    // throw`: JavaScript truthiness, so a count of 0 beside names is accepted and `[]` counts.
    const zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
    const refusal = (inputs: Record<string, any>) => awsxVpcRefusal(inputs, zones, "Legacy");
    const only =
      "Only one of [availabilityZoneNames] and [numberOfAvailabilityZones] can be specified";
    for (const accepted of [
      { availabilityZoneNames: ["eu-west-1b", "eu-west-1c"], numberOfAvailabilityZones: 0 },
      { availabilityZoneNames: ["eu-west-1b", "eu-west-1c"], numberOfAvailabilityZones: null },
      { availabilityZoneNames: null, numberOfAvailabilityZones: 2 },
    ])
      expect(refusal(accepted), JSON.stringify(accepted)).to.equal(undefined);
    expect(refusal({ availabilityZoneNames: [], numberOfAvailabilityZones: 2 })?.says).to.equal(
      only,
    );
    // Either side unknown: whether awsx refuses is unknown, so no refusal.
    expect(refusal({ availabilityZoneNames: UNKNOWN, numberOfAvailabilityZones: 2 })).to.equal(
      undefined,
    );
    // Names beside a count of 0: the named zones. A count alone takes the region's first
    // `count ?? 3` (`slice(0, count)`: 0 gives no zone, so no subnet, which a NAT strategy other
    // than None refuses); names `null`: the count.
    const named = vpc({
      availabilityZoneNames: ["eu-west-1b", "eu-west-1c"],
      numberOfAvailabilityZones: 0,
    });
    expect(named.outputs.subnets.map((r: any) => named.state(r).availabilityZone)).to.deep.equal([
      ...["eu-west-1b", "eu-west-1b", "eu-west-1c", "eu-west-1c"],
    ]);
    const none = { numberOfAvailabilityZones: 0, natGateways: { strategy: "None" } };
    expect(refusal(none)).to.equal(undefined);
    expect(vpc(none).outputs.subnets).to.deep.equal([]);
    expect(
      vpc({ availabilityZoneNames: null, numberOfAvailabilityZones: 2 }).names("subnets"),
    ).to.deep.equal(["net-public-1", "net-private-1", "net-public-2", "net-private-2"]);
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

  it("FargateTaskDefinition: log group, task and execution roles trusted by ECS tasks, wired into the task definition", () => {
    const td = (inputs: Record<string, any>) => {
      const { outputs, children } = remoteReferences(
        `${STACK}awsx:ecs:FargateTaskDefinition::td`,
        "awsx:ecs:FargateTaskDefinition",
        "td",
        { container: { name: "w", image: "nginx" }, ...inputs },
        env,
      );
      const state = (r: any) => children.find((c) => c.urn === r.urn)!.state;
      return { outputs, state };
    };
    const t = td({ logGroup: { args: { retentionInDays: 7 } } });
    expect(Object.keys(t.outputs).sort()).to.deep.equal([
      "executionRole",
      "logGroup",
      "taskDefinition",
      "taskRole",
    ]);
    expect(t.outputs.taskRole.urn).to.equal(
      `${STACK}awsx:ecs:FargateTaskDefinition$aws:iam/role:Role::td-task`,
    );
    const role = t.state(t.outputs.taskRole);
    expect(JSON.parse(role.assumeRolePolicy).Statement[0].Principal).to.deep.equal({
      Service: "ecs-tasks.amazonaws.com",
    });
    expect(t.state(t.outputs.executionRole).arn).to.match(/:role\/td-execution-[0-9a-f]{7}$/);
    expect(t.state(t.outputs.logGroup)).to.include({ retentionInDays: 7 });
    const def = t.state(t.outputs.taskDefinition);
    expect(def).to.include({
      taskRoleArn: role.arn,
      executionRoleArn: t.state(t.outputs.executionRole).arn,
      networkMode: "awsvpc",
    });
    expect(def.requiresCompatibilities).to.deep.equal(["FARGATE"]);
    expect(def.family).to.match(/^td-[0-9a-f]{8}$/);
    // Skipped or existing: no child, and an existing role's ARN is the task definition's.
    const own = td({
      logGroup: { skip: true },
      taskRole: { roleArn: "arn:aws:iam::123456789012:role/mine" },
      executionRole: { skip: true },
    });
    expect(Object.keys(own.outputs)).to.deep.equal(["taskDefinition"]);
    const ownDef = own.state(own.outputs.taskDefinition);
    expect(ownDef.taskRoleArn).to.equal("arn:aws:iam::123456789012:role/mine");
    expect(ownDef).to.not.have.property("executionRoleArn");
  });

  it("FargateService: its task definition carries the roles awsx makes, which are not outputs of the service", () => {
    const { outputs, children } = remoteReferences(
      `${STACK}awsx:ecs:FargateService::api`,
      "awsx:ecs:FargateService",
      "api",
      { taskDefinitionArgs: { container: { name: "api", image: "nginx" } } },
      env,
    );
    expect(Object.keys(outputs).sort()).to.deep.equal(["service", "taskDefinition"]);
    const chain = `${STACK}awsx:ecs:FargateService$awsx:ecs:FargateTaskDefinition`;
    const role = children.find((c) => c.urn === `${chain}$aws:iam/role:Role::api-task`)!;
    const def = children.find((c) => c.urn === outputs.taskDefinition.urn)!.state;
    expect(def.taskRoleArn).to.equal(role.state.arn);
    expect(children.map((c) => c.urn)).to.include(`${chain}$aws:cloudwatch/logGroup:LogGroup::api`);
  });
});
