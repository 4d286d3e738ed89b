// The children of awsx 3's `ec2.Vpc` (pulumi/pulumi-awsx awsx/ec2/vpc.ts `initialize`), for
// ./remote-children.ts: the VPC, its internet gateway, and per availability zone its subnets,
// each with a route table, an association and a default route, and the NAT gateways and Elastic
// IPs of the public subnets.
import { UNKNOWN } from "../fake-aws";
import { major } from "./versions";
import { resolveEnv } from "../fake-aws/env";
import { awsxSubnetLayoutRefusal } from "./remote-children-vpc-cidrs";
import {
  awsxVpcSubnetPlan,
  awsxZones,
  defaultSubnetStrategy,
  known,
  legacyAllocator,
  natStrategy,
  SubnetType,
} from "./remote-children-vpc-layout";
import {
  Child,
  Derive,
  given,
  idOf,
  Inputs,
  LOOKED_UP,
  Made,
  MadeChild,
  omit,
} from "./remote-child";

/** awsx's own message (awsx/ec2/vpc.ts) when `validateNatGatewayStrategy` refuses the subnets. */
const NAT_NEEDS_BOTH =
  "If NAT Gateway strategy is 'OnePerAz' or 'Single', both private and public subnets must be " +
  "declared. The private subnet creates the need for a NAT Gateway, and the public subnet is " +
  "required to host the NAT Gateway resource.";

/**
 * What awsx refuses of the inputs, failing the component before it creates anything (so no child
 * exists), with awsx's own message: pulumi/pulumi-awsx awsx/ec2/vpc.ts `initialize` and what it
 * calls, in its order: `validateVpcArgs` (an IPAM pool with both or neither of `cidrBlock` and
 * `ipv4NetmaskLength`), both zone inputs, a region with fewer zones than asked (`getDefaultAzs`),
 * `validateEips` (an unknown strategy; any allocation id with `None`, more than one with `Single`,
 * with `OnePerAz` other than one per zone), `decideSubnetSpecs` (an IPAM-allocated block with the
 * `Legacy` allocator), the allocators and `validateSubnets` (a layout that does not fit the block,
 * ./remote-children-vpc-cidrs.ts; `name` names its subnets) and `validateNatGatewayStrategy` (`OnePerAz` or `Single` without both public
 * and private subnets, which `subnetSpecs: []` and private-only specs are). `subnetStrategy` is
 * the program's, else the installed version's default. Undefined when it passes or cannot be
 * known.
 */
export function awsxVpcRefusal(
  inputs: Inputs,
  zonesInRegion: readonly string[],
  subnetStrategy: unknown,
  name = "",
  version?: string,
): { prop: string; says: string } | undefined {
  if (given(inputs.ipv4IpamPoolId) && given(inputs.cidrBlock) && given(inputs.ipv4NetmaskLength))
    return {
      prop: "ipv4NetmaskLength",
      says: "Only one of 'cidrBlock', 'ipv4NetmaskLength' is allowed.",
    };
  if (given(inputs.ipv4IpamPoolId) && !given(inputs.cidrBlock) && !given(inputs.ipv4NetmaskLength))
    return {
      prop: "ipv4IpamPoolId",
      says: "If 'ipv4IpamPoolId' is specified, 'ipv4NetmaskLength' or 'cidrBlock' must also be specified.",
    };
  const zoning = awsxZones(inputs, zonesInRegion);
  if (zoning.refused) return zoning.refused;
  const strategy = natStrategy(inputs);
  const written = inputs.natGateways?.strategy ?? "OnePerAz";
  const ids = inputs.natGateways?.elasticIpAllocationIds;
  if (strategy !== undefined && (ids === undefined || Array.isArray(ids))) {
    const n = ids?.length ?? 0;
    const zones = zoning.count;
    const eips = (says: string) => ({ prop: "natGateways.elasticIpAllocationIds", says });
    if (!["none", "single", "oneperaz"].includes(strategy))
      return { prop: "natGateways.strategy", says: `Unknown NatGatewayStrategy '${written}'` };
    if (strategy === "none" && n > 0)
      return eips(
        `Elastic IP allocation IDs cannot be specified when NAT Gateway strategy is '${written}'.`,
      );
    if (strategy === "single" && n > 1)
      return eips(
        `Exactly one Elastic IP may be specified when NAT Gateway strategy is '${written}'.`,
      );
    if (strategy === "oneperaz" && n > 0 && zones !== undefined && n !== zones)
      return eips(
        "The number of Elastic IPs, if specified, must match the number of availability zones " +
          `for the VPC (${zones}) when NAT Gateway strategy is '${written}'`,
      );
  }
  const legacy = legacyAllocator(inputs, subnetStrategy, version);
  if (given(inputs.ipv4IpamPoolId) && !given(inputs.cidrBlock) && legacy === true)
    return {
      prop: "subnetStrategy",
      says:
        'Dynamically allocated cidrBlock ranges are not supported with subnetStrategy="Legacy". ' +
        '"Try using subnetStrategy="Auto"',
    };
  // The allocator's own refusals: a layout that does not fit the block (a pool-allocated block is
  // not known before the VPC exists).
  const pooled = given(inputs.ipv4IpamPoolId) && !given(inputs.cidrBlock);
  const layout = pooled ? undefined : awsxSubnetLayoutRefusal(name, inputs, zoning.count, legacy);
  if (layout) return layout;
  const plan = awsxVpcSubnetPlan("", inputs, zonesInRegion);
  if (!plan || (strategy !== "single" && strategy !== "oneperaz")) return undefined;
  const both = plan.some((s) => s.type === "Public") && plan.some((s) => s.type === "Private");
  return both ? undefined : { prop: "subnetSpecs", says: NAT_NEEDS_BOTH };
}

/** Inputs of `awsx.ec2.Vpc` that are awsx's own, not the `aws.ec2.Vpc` it creates. */
const AWSX_ONLY = [
  "subnetSpecs",
  "subnetStrategy",
  "natGateways",
  "numberOfAvailabilityZones",
  "availabilityZoneNames",
  "availabilityZoneCidrMask",
  "vpcEndpointSpecs",
  "subnetNameTagStrategy",
  "vpcEndpointStrategy",
];

/** What awsx copies from a `vpcEndpointSpecs` entry onto its `aws.ec2.VpcEndpoint`. */
const ENDPOINT_SPEC_KEYS = [
  "autoAccept",
  "policy",
  "privateDnsEnabled",
  "routeTableIds",
  "securityGroupIds",
  "subnetIds",
  "tags",
  "vpcEndpointType",
];

const pick = (o: Inputs | undefined, keys: readonly string[]): Inputs =>
  Object.fromEntries(keys.filter((k) => o?.[k] !== undefined).map((k) => [k, o![k]]));

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";

export const awsxVpc: Derive = (name, inputs, { env, version }) => {
  // `new aws.ec2.Vpc(name, { ...args, cidrBlock, tags: { Name: name, ...tags } })`, cidrBlock
  // "10.0.0.0/16" unless given or left to an IPAM pool (`decideCidrBlockVpcInput`), and the
  // `aws.ec2.InternetGateway` it always creates in that VPC, under it.
  const cidrBlock = inputs.cidrBlock ?? (given(inputs.ipv4IpamPoolId) ? undefined : "10.0.0.0/16");
  const zones = resolveEnv(env).region.zones.map((z) => z.name);
  const subnetStrategy = inputs.subnetStrategy ?? defaultSubnetStrategy(version);
  if (awsxVpcRefusal(inputs, zones, subnetStrategy, "", version)) return {};
  const vpcArgs = omit(inputs, ...AWSX_ONLY);
  const tags = { Name: name, ...inputs.tags };
  const vpcId = (made: Made) => idOf(made, "vpc") ?? UNKNOWN;
  const out: Record<string, Child | Child[]> = {
    vpc: { type: VPC, name, inputs: { ...vpcArgs, cidrBlock, tags } },
    internetGateway: {
      type: "aws:ec2/internetGateway:InternetGateway",
      name,
      inputs: (made) => ({ vpcId: vpcId(made), tags }),
      via: [VPC],
    },
  };
  // `args.vpcEndpointSpecs?.forEach((spec) => new aws.ec2.VpcEndpoint(spec.serviceName, { ...the
  // spec's endpoint settings, vpcId: vpc.id, serviceName }, { parent: vpc }))`: one endpoint per
  // spec, named by its service. awsx 1 to 3 never push them onto `vpcEndpoints`, which they return
  // empty; for another major that output is left unknown.
  const specs: unknown = inputs.vpcEndpointSpecs;
  if (Array.isArray(specs)) {
    out["vpc.endpoints"] = specs.map((spec: Inputs) => ({
      type: "aws:ec2/vpcEndpoint:VpcEndpoint",
      name: spec?.serviceName,
      inputs: (made) => ({
        ...pick(spec, ENDPOINT_SPEC_KEYS),
        vpcId: vpcId(made),
        serviceName: spec?.serviceName,
      }),
      via: [VPC],
    }));
  }
  const m = version === undefined ? undefined : major(version);
  if (m !== undefined && m >= 1 && m <= 3) out.vpcEndpoints = [];
  // A block the pool allocates, under a strategy not known: the VPC is created before the
  // allocator is picked (`createInnerVpc`), the subnets only if it is not Legacy.
  const pooled = given(inputs.ipv4IpamPoolId) && !given(inputs.cidrBlock);
  if (pooled && !known(subnetStrategy)) return out;
  const plan = awsxVpcSubnetPlan(name, inputs, zones);
  if (!plan) return out;
  // Each subnet: in its zone, public IPs mapped on launch only in public subnets, tagged with its
  // name and type; its CIDR block comes from awsx's allocator, not modeled here.
  const subnets: Child[] = plan.map((s) => ({
    type: SUBNET,
    name: s.name,
    inputs: (made) => ({
      vpcId: vpcId(made),
      availabilityZone: s.azName,
      mapPublicIpOnLaunch: s.type === "Public",
      cidrBlock: LOOKED_UP,
      tags: { ...tags, ...s.tags, Name: s.nameTag, SubnetType: s.type },
    }),
    via: [VPC],
  }));
  const ofType = (t: SubnetType) => subnets.filter((_, i) => plan[i].type === t);
  out.subnets = subnets;
  out.publicSubnets = ofType("Public");
  out.privateSubnets = ofType("Private");
  out.isolatedSubnets = ofType("Isolated");
  // A route table per subnet, named as the subnet, under it; an association under the table.
  out.routeTables = plan.map((s) => ({
    type: ROUTE_TABLE,
    name: s.name,
    inputs: (made) => ({
      vpcId: vpcId(made),
      tags: { ...tags, Name: s.nameTag, SubnetType: s.type },
    }),
    via: [VPC, SUBNET],
  }));
  out.routeTableAssociations = plan.map((s, i) => ({
    type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    name: s.name,
    inputs: (made) => ({
      routeTableId: idOf(made, "routeTables", i) ?? UNKNOWN,
      subnetId: idOf(made, "subnets", i) ?? UNKNOWN,
    }),
    via: [VPC, SUBNET, ROUTE_TABLE],
  }));
  const strategy = natStrategy(inputs);
  if (strategy === undefined) return out;
  // `shouldCreateNatGateway`: in the public subnets, one per zone (OnePerAz) or one (Single),
  // named `<vpc>-<az index + 1>`, each with an Elastic IP of the same name unless allocation ids
  // are given (awsx takes the one at the zone's index), both under the subnet.
  const allocationIds: unknown[] = inputs.natGateways?.elasticIpAllocationIds ?? [];
  const eips: Child[] = [];
  const nats: Child[] = [];
  const natOfZone: number[] = [];
  plan.forEach((s, i) => {
    if (s.type !== "Public" || strategy === "none") return;
    if (strategy === "single" ? nats.length >= 1 : nats.length >= s.az + 1) return;
    const n = `${name}-${s.az + 1}`;
    const az = s.az;
    if (allocationIds.length === 0)
      eips.push({
        type: "aws:ec2/eip:Eip",
        name: n,
        inputs: { tags: { ...inputs.tags, Name: n } },
        via: [VPC, SUBNET],
      });
    nats.push({
      type: "aws:ec2/natGateway:NatGateway",
      name: n,
      inputs: (made) => ({
        subnetId: idOf(made, "subnets", i) ?? UNKNOWN,
        allocationId:
          allocationIds.length === 0
            ? ((made.eips as (MadeChild | undefined)[] | undefined)?.[az]?.state.allocationId ??
              UNKNOWN)
            : allocationIds[az],
        tags: { ...inputs.tags, Name: n },
      }),
      via: [VPC, SUBNET],
    });
    natOfZone[az] = nats.length - 1;
  });
  out.eips = eips;
  out.natGateways = nats;
  // A default route per public subnet to the internet gateway, per private subnet to its zone's
  // NAT gateway (the first with Single); none for isolated subnets, nor private ones without NAT.
  const routes: Child[] = [];
  plan.forEach((s, i) => {
    if (s.type === "Isolated" || (s.type === "Private" && strategy === "none")) return;
    const nat = strategy === "single" ? 0 : natOfZone[s.az];
    routes.push({
      type: "aws:ec2/route:Route",
      name: s.name,
      inputs: (made) => ({
        routeTableId: idOf(made, "routeTables", i) ?? UNKNOWN,
        destinationCidrBlock: "0.0.0.0/0",
        ...(s.type === "Public"
          ? { gatewayId: idOf(made, "internetGateway") ?? UNKNOWN }
          : { natGatewayId: idOf(made, "natGateways", nat) ?? UNKNOWN }),
      }),
      via: [VPC, SUBNET, ROUTE_TABLE],
    });
  });
  out.routes = routes;
  return out;
};
