// Data sources that look up what the program itself creates. In `pulumi up` a lookup that names
// an id of this stack's own VPC, subnet, route table or DB subnet group runs once that resource
// exists, and AWS answers it from the resource as created; the offline engine answers it from the state it
// recorded for the registration, so a program (or a component such as @pulumi/eks before 1.0,
// whose node group asks `getRouteTable({ subnetId })` for each subnet to choose the private ones,
// pulumi-eks `nodegroup.ts`, `computeWorkerSubnets`) gets the answer AWS would give instead of a
// made-up default-VPC answer or a failure.
//
// Shapes are those of the provider's data sources (@pulumi/aws `ec2.getRouteTable`,
// `ec2.getRouteTables`, `ec2.getSubnet`, `ec2.getVpc`): a route table lists its routes (inline
// `routes` and `aws.ec2.Route` resources, keyed as the data source keys them: `cidrBlock`, not
// `destinationCidrBlock`) and its associations. The route to the VPC's own range (target `local`)
// is left out, as the Terraform data source leaves it out (terraform-provider-aws,
// internal/service/ec2/vpc_route_table_data_source.go: a route whose gateway is `local` is
// skipped, as are routes propagated from a virtual private gateway). In the apply phase the
// children a remote component makes (an awsx Vpc's subnets, route tables, associations and
// routes, ./remote-children-vpc.ts) count as the program's own for the route-table lookups only
// (ROUTE_TABLE_LOOKUPS): their ids are what the component's outputs (`privateSubnetIds`) give the
// program, so `getRouteTable({ subnetId })` on one is answered from the component's own route
// table, as AWS answers it once awsx created it. A child's own state lacks what the component
// computes or AWS assigns (a subnet's `cidrBlock` from awsx's allocator, its `state`,
// `availableIpAddressCount`, `defaultForAz`), so `getSubnet`/`getVpc` of a child keep the usual
// answer rather than one with those fields missing.
// A lookup of anything the program did not create returns `undefined`, and the usual answers
// (fake AWS, `--invoke-answers`) apply.
import type { EngineAnswers } from "./answers";
import type { EngineResource } from "./monitor";
import type { MadeChild } from "./remote-child";
import { UNKNOWN } from "./wire";

type Args = Record<string, any>;

const T = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  routeTable: "aws:ec2/routeTable:RouteTable",
  defaultRouteTable: "aws:ec2/defaultRouteTable:DefaultRouteTable",
  route: "aws:ec2/route:Route",
  association: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  mainAssociation: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
  dbSubnetGroup: "aws:rds/subnetGroup:SubnetGroup",
};

/** Route fields the data source reports, from a `Route` resource's or an inline route's keys. */
const ROUTE_TARGETS = [
  "carrierGatewayId",
  "coreNetworkArn",
  "egressOnlyGatewayId",
  "gatewayId",
  "localGatewayId",
  "natGatewayId",
  "networkInterfaceId",
  "transitGatewayId",
  "vpcEndpointId",
  "vpcPeeringConnectionId",
];

function str(v: unknown): string {
  return typeof v === "string" && v !== UNKNOWN ? v : "";
}

function route(r: Args, fromResource: boolean): Args {
  const out: Args = {
    cidrBlock: str(fromResource ? r.destinationCidrBlock : r.cidrBlock),
    ipv6CidrBlock: str(fromResource ? r.destinationIpv6CidrBlock : r.ipv6CidrBlock),
    destinationPrefixListId: str(r.destinationPrefixListId),
    instanceId: str(r.instanceId),
  };
  for (const k of ROUTE_TARGETS) out[k] = str(r[k]);
  return out;
}

function filterValues(args: Args, name: string): string[] | undefined {
  const f = Array.isArray(args.filters)
    ? args.filters.find((x: Args) => x?.name === name)
    : undefined;
  return Array.isArray(f?.values) ? f.values.map(String) : undefined;
}

/** What the engine recorded, indexed by type and by id (apply phase: every id is known). */
class OwnState {
  private readonly byId = new Map<string, { r: EngineResource; type: string }>();
  constructor(
    private readonly resources: readonly EngineResource[],
    private readonly idOf: (urn: string) => string | undefined,
  ) {
    for (const r of resources) {
      const id = idOf(r.urn);
      if (r.custom && !r.external && id && id !== UNKNOWN) this.byId.set(id, { r, type: r.type });
    }
  }

  get(id: unknown, type: string): Args | undefined {
    const hit = typeof id === "string" ? this.byId.get(id) : undefined;
    return hit && hit.type === type ? { ...hit.r.outputs, id } : undefined;
  }

  all(type: string): Args[] {
    return this.resources
      .filter((r) => r.type === type && r.custom && !r.external)
      .map((r) => ({ ...r.outputs, id: this.idOf(r.urn) ?? "" }));
  }

  /** The id of the route table a VPC uses as its main one (a MainRouteTableAssociation wins). */
  mainRouteTableOf(vpcId: string): string | undefined {
    const assoc = this.all(T.mainAssociation).find((a) => a.vpcId === vpcId);
    return str(assoc?.routeTableId) || str(this.get(vpcId, T.vpc)?.mainRouteTableId) || undefined;
  }

  routeTable(id: string, subnetId = ""): Args | undefined {
    const own = this.get(id, T.routeTable);
    const vpcs = this.all(T.vpc).filter((v) => this.mainRouteTableOf(str(v.id)) === id);
    if (!own && vpcs.length === 0) return undefined;
    const defaults = this.all(T.defaultRouteTable).filter((d) => d.defaultRouteTableId === id);
    const inline = [own, ...defaults].flatMap((t) => (Array.isArray(t?.routes) ? t.routes : []));
    const routes = [
      ...inline.map((r: Args) => route(r, false)),
      ...this.all(T.route)
        .filter((r) => r.routeTableId === id)
        .map((r) => route(r, true)),
    ].filter((r) => r.gatewayId !== "local");
    const associations = this.all(T.association)
      .filter((a) => a.routeTableId === id)
      .map((a) => ({
        routeTableAssociationId: str(a.id),
        routeTableId: id,
        subnetId: str(a.subnetId),
        gatewayId: str(a.gatewayId),
        main: false,
      }));
    if (vpcs.length > 0)
      associations.push({
        routeTableAssociationId: "",
        routeTableId: id,
        subnetId: "",
        gatewayId: "",
        main: true,
      });
    return {
      id,
      routeTableId: id,
      vpcId: str(own?.vpcId) || str(vpcs[0]?.id),
      ownerId: str(own?.ownerId),
      subnetId,
      gatewayId: "",
      routes,
      associations,
      propagatingVgws: Array.isArray(own?.propagatingVgws) ? own.propagatingVgws : [],
      tags: own?.tags ?? {},
    };
  }
}

const LOOKUPS: Record<string, (args: Args, s: OwnState) => Args | undefined> = {
  "aws:ec2/getRouteTable:getRouteTable": (args, s) => {
    if (args.routeTableId) return s.routeTable(String(args.routeTableId));
    if (!args.subnetId || !s.get(args.subnetId, T.subnet)) return undefined;
    const assoc = s.all(T.association).find((a) => a.subnetId === args.subnetId);
    // AWS (and the provider) report no route table for a subnet without an explicit association:
    // the data source fails, and callers fall back to the VPC's main route table.
    if (!assoc)
      throw new Error(`no matching EC2 Route Table found for subnet ${String(args.subnetId)}`);
    return s.routeTable(str(assoc.routeTableId), String(args.subnetId));
  },
  "aws:ec2/getRouteTables:getRouteTables": (args, s) => {
    const vpcId = str(args.vpcId) || filterValues(args, "vpc-id")?.[0] || "";
    if (!s.get(vpcId, T.vpc)) return undefined;
    const main = filterValues(args, "association.main");
    const tables = [
      ...s
        .all(T.routeTable)
        .filter((t) => t.vpcId === vpcId)
        .map((t) => str(t.id)),
      s.mainRouteTableOf(vpcId) ?? "",
    ].filter((id, i, a) => id && a.indexOf(id) === i);
    const ids =
      main?.[0] === "true"
        ? tables.filter((id) => id === s.mainRouteTableOf(vpcId))
        : main?.[0] === "false"
          ? tables.filter((id) => id !== s.mainRouteTableOf(vpcId))
          : tables;
    return { ...args, id: vpcId, ids };
  },
  "aws:ec2/getSubnet:getSubnet": (args, s) =>
    s.get(args.id ?? filterValues(args, "subnet-id")?.[0], T.subnet),
  "aws:ec2/getVpc:getVpc": (args, s) => s.get(args.id ?? filterValues(args, "vpc-id")?.[0], T.vpc),
  // By name, as RDS's DescribeDBSubnetGroups looks it up (a group's name is its id); the VPC is
  // that of its subnets, as RDS reports it.
  "aws:rds/getSubnetGroup:getSubnetGroup": (args, s) => {
    const group = s.all(T.dbSubnetGroup).find((g) => g.name === args.name);
    if (!group) return undefined;
    const subnetIds: string[] = Array.isArray(group.subnetIds) ? group.subnetIds.map(str) : [];
    const vpcId = subnetIds.map((id) => str(s.get(id, T.subnet)?.vpcId)).find((v) => v) ?? "";
    return {
      id: str(group.name),
      name: str(group.name),
      arn: str(group.arn),
      description: str(group.description),
      status: "Complete",
      subnetIds,
      supportedNetworkTypes: Array.isArray(group.supportedNetworkTypes)
        ? group.supportedNetworkTypes
        : ["IPV4"],
      vpcId: str(group.vpcId) || vpcId,
      tags: group.tags ?? {},
    };
  },
};

/** The lookups a remote component's children answer: those whose answer they hold whole. */
const ROUTE_TABLE_LOOKUPS: ReadonlySet<string> = new Set([
  "aws:ec2/getRouteTable:getRouteTable",
  "aws:ec2/getRouteTables:getRouteTables",
]);

/**
 * The answer AWS would give to a lookup of one of the program's own resources (`ids`: their ids
 * by URN), or `undefined` when the invoke names nothing the program created, is not a lookup
 * modelled here, or has an answer of the user's (`--invoke-answers`), which wins. `children`: what
 * remote components made (apply phase), consulted by the route-table lookups only.
 */
export function ownResourceInvoke(
  token: string,
  args: Args,
  resources: readonly EngineResource[],
  ids: ReadonlyMap<string, string>,
  answers?: Pick<EngineAnswers, "given">,
  children: readonly MadeChild[] = [],
): Args | undefined {
  const lookup = LOOKUPS[token];
  if (!lookup || answers?.given?.(token, args)) return undefined;
  const kids = ROUTE_TABLE_LOOKUPS.has(token) ? children : [];
  const made = kids.map((c) => ({
    urn: c.urn,
    type: childType(c.urn),
    custom: true,
    external: false,
    outputs: c.state,
  })) as unknown as EngineResource[];
  const idOf = (urn: string) => ids.get(urn) ?? kids.find((c) => c.urn === urn)?.id;
  return lookup(args, new OwnState([...resources, ...made], idOf));
}

/** The type of a child from its URN: the last of the `$`-joined types before `::<name>`. */
function childType(urn: string): string {
  const types = urn.split("::")[2] ?? "";
  return types.slice(types.lastIndexOf("$") + 1);
}
