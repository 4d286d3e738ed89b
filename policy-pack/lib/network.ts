// The network model behind the VPC/EC2 policies: subnets, route tables, routes, associations,
// security groups and their rules, built once per stack (cached per StackIndex) in passes that are
// linear in the number of resources.
//
// Resources are correlated the way the engine allows. During `pulumi preview` the ids of resources
// being created are unknown, so a reference such as a RouteTableAssociation's `subnetId` is found
// through its property dependencies (the URNs the value was built from, per top-level property: a
// subnet list nested in an ECS service shows up under `networkConfiguration`). Literal ids (an
// existing subnet given by id) are matched as well. A reference that is unknown and has no property
// dependency is never treated as absent: it is recorded as unresolved, and the policies turn it
// into the engine's "can't run during preview" note.
import { PolicyResource, UnknownValueError } from "@pulumi/policy";
import { StackIndex } from "./define";

/** The wire sentinel for a value unknown during preview. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Type tokens used by the network policies. */
export const T = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  routeTable: "aws:ec2/routeTable:RouteTable",
  defaultRouteTable: "aws:ec2/defaultRouteTable:DefaultRouteTable",
  route: "aws:ec2/route:Route",
  routeTableAssociation: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  mainRouteTableAssociation: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
  vpnGatewayRoutePropagation: "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation",
  internetGateway: "aws:ec2/internetGateway:InternetGateway",
  egressOnlyInternetGateway: "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
  natGateway: "aws:ec2/natGateway:NatGateway",
  vpnGateway: "aws:ec2/vpnGateway:VpnGateway",
  managedPrefixList: "aws:ec2/managedPrefixList:ManagedPrefixList",
  managedPrefixListEntry: "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  alb: "aws:alb/loadBalancer:LoadBalancer",
  elb: "aws:elb/loadBalancer:LoadBalancer",
  instance: "aws:ec2/instance:Instance",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  networkInterface: "aws:ec2/networkInterface:NetworkInterface",
  ecsService: "aws:ecs/service:Service",
  ecsTaskSet: "aws:ecs/taskSet:TaskSet",
  lambda: "aws:lambda/function:Function",
  codebuild: "aws:codebuild/project:Project",
  asg: "aws:autoscaling/group:Group",
  eksNodeGroup: "aws:eks/nodeGroup:NodeGroup",
  eksFargateProfile: "aws:eks/fargateProfile:FargateProfile",
  batchComputeEnvironment: "aws:batch/computeEnvironment:ComputeEnvironment",
  redshiftServerlessWorkgroup: "aws:redshiftserverless/workgroup:Workgroup",
  flowLog: "aws:ec2/flowLog:FlowLog",
  networkAcl: "aws:ec2/networkAcl:NetworkAcl",
  defaultNetworkAcl: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
  networkAclRule: "aws:ec2/networkAclRule:NetworkAclRule",
  vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  vpcEndpointPolicy: "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy",
  ebsVolume: "aws:ebs/volume:Volume",
  ebsEncryptionByDefault: "aws:ebs/encryptionByDefault:EncryptionByDefault",
  ebsDefaultKmsKey: "aws:ebs/defaultKmsKey:DefaultKmsKey",
  eip: "aws:ec2/eip:Eip",
  eipAssociation: "aws:ec2/eipAssociation:EipAssociation",
} as const;

export const LOAD_BALANCER_TYPES: readonly string[] = [T.lb, T.alb, T.elb];
export const SECURITY_GROUP_TYPES: readonly string[] = [T.securityGroup, T.defaultSecurityGroup];

// ---------------------------------------------------------------------------------------------
// Reading props that may be unknown
// ---------------------------------------------------------------------------------------------

/** An UnknownValueError carrying our own message (it becomes a "can't run during preview" note). */
export function unknownError(message: string): UnknownValueError {
  const e = new UnknownValueError(UNKNOWN, []);
  e.message = message;
  return e;
}

export type Peek<V> = { readonly known: true; readonly value: V } | { readonly known: false };

/** Reads a value without letting an unknown one throw: `{ known: false }` instead. */
export function peek<V>(read: () => V): Peek<V> {
  try {
    const value = read();
    return (value as unknown) === UNKNOWN ? { known: false } : { known: true, value };
  } catch (e) {
    if (e instanceof UnknownValueError) return { known: false };
    throw e;
  }
}

/** Reads a value; an unknown one throws an UnknownValueError with `what` in the message. */
export function must<V>(read: () => V, what: string): V {
  const p = peek(read);
  if (!p.known) throw unknownError(`${what} is unknown until apply`);
  return p.value;
}

/** Sentinel strings learnt to be unknown values (the SDK has one per value type). */
const sentinels = new Set<string>([UNKNOWN]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Reads `obj[key]` without the cost of the unknown proxy throwing for each unknown value. The SDK's
 * proxy traps `get` only, so a property descriptor read returns the raw value; a UUID-shaped
 * string is then confirmed through the proxy once (it throws for a sentinel) and remembered. The
 * value returned is raw (not proxied): walk it with `get` too.
 */
export function get(obj: unknown, key: string | number): Peek<unknown> {
  if (obj === null || typeof obj !== "object") return { known: true, value: undefined };
  const d = Object.getOwnPropertyDescriptor(obj, key);
  if (!d) return { known: true, value: undefined };
  if (!("value" in d)) return peek(() => (obj as any)[key]);
  const v = d.value;
  if (typeof v !== "string" || !UUID.test(v)) return { known: true, value: v };
  if (sentinels.has(v)) return { known: false };
  const p = peek(() => (obj as any)[key]);
  if (!p.known) sentinels.add(v);
  return p.known ? { known: true, value: v } : p;
}

export interface Collected {
  /** Known values found at the path (undefined and null left out). */
  readonly values: unknown[];
  /** How many values on the path were unknown. */
  readonly unknown: number;
}

/** Every value at `path` below `root`; `"*"` steps into each element of an array. */
export function collect(root: unknown, path: readonly string[]): Collected {
  const values: unknown[] = [];
  let unknown = 0;
  const walk = (node: any, i: number): void => {
    if (node === undefined || node === null) return;
    if (i === path.length) {
      values.push(node);
      return;
    }
    const step = path[i];
    if (step === "*") {
      if (!Array.isArray(node)) return walk(node, i + 1);
      for (let k = 0; k < node.length; k++) {
        const v = get(node, k);
        if (v.known) walk(v.value, i + 1);
        else unknown++;
      }
      return;
    }
    const v = get(node, step);
    if (v.known) walk(v.value, i + 1);
    else unknown++;
  };
  walk(root, 0);
  return { values, unknown };
}

/** A known string at `read()`, or undefined (absent, empty, or unknown). */
export function knownString(read: () => unknown): string | undefined {
  const p = peek(read);
  return p.known && typeof p.value === "string" && p.value !== "" ? p.value : undefined;
}

/** A known, non-empty string property of `obj`, or undefined. */
function stringProp(obj: unknown, key: string): string | undefined {
  const p = get(obj, key);
  return p.known && typeof p.value === "string" && p.value !== "" ? p.value : undefined;
}

/** The resource's own id when the engine reports it (after apply, or an existing resource). */
export function literalId(r: PolicyResource): string | undefined {
  return stringProp(r.props, "id");
}

export interface Ref {
  /** In-stack resources the value was built from (property dependencies of the wanted types). */
  readonly resources: PolicyResource[];
  /** Literal ids in the value that the property dependencies do not already account for. */
  readonly literals: string[];
  /** Part of the value is unknown and no property dependency accounts for it. */
  readonly unresolved: boolean;
  /** The property holds at least one value. */
  readonly set: boolean;
}

/**
 * Resolves a reference held at `path` (below the top-level property `path[0]`) to in-stack
 * resources of `types` through property dependencies, plus literal ids the dependencies do not
 * explain. After apply a value built from a resource is that resource's literal id; when there are
 * at least as many dependencies as values, every value is taken to come from a dependency.
 */
export function resolveRef(
  r: PolicyResource,
  path: readonly string[],
  types: readonly string[],
): Ref {
  const deps = unique(
    (r.propertyDependencies?.[path[0]] ?? []).filter((d) => types.includes(d.type)),
  );
  const { values, unknown } = collect(r.props, path);
  const strings = values.filter((v): v is string => typeof v === "string" && v !== "");
  const total = strings.length + unknown;
  return {
    resources: deps,
    literals: deps.length >= total ? [] : strings,
    unresolved: unknown > deps.length,
    set: total > 0 || deps.length > 0,
  };
}

/** `"a", "b", "c" and 4 more`: a short list of logical names for messages. */
export function names(rs: readonly PolicyResource[], max = 3): string {
  const shown = rs
    .slice(0, max)
    .map((r) => `"${r.name}"`)
    .join(", ");
  return rs.length > max ? `${shown} and ${rs.length - max} more` : shown;
}

function unique<V>(xs: readonly V[]): V[] {
  return [...new Set(xs)];
}

/** Tags of a resource (`tags`, else `tagsAll`); throws if they are unknown. */
export function tagsOf(r: PolicyResource): Record<string, unknown> {
  const t = r.props.tags ?? r.props.tagsAll;
  return t && typeof t === "object" ? (t as Record<string, unknown>) : {};
}

// ---------------------------------------------------------------------------------------------
// Addresses, protocols and ports
// ---------------------------------------------------------------------------------------------

/**
 * True for a CIDR that covers the whole internet or half of it: `/0` (`0.0.0.0/0`, `::/0`), and
 * `/1` (two /1 routes, as VPN clients install, are a default route in disguise).
 */
export function isInternetWide(cidr: unknown): boolean {
  if (typeof cidr !== "string") return false;
  const m = /^\s*([0-9a-fA-F:.]+)\/(\d{1,3})\s*$/.exec(cidr);
  return !!m && Number(m[2]) <= 1;
}

/** The protocol of a security-group or NACL rule, normalised: tcp, udp, icmp, icmpv6, all, or a number. */
export function normaliseProtocol(p: unknown): string {
  const s = String(p ?? "")
    .trim()
    .toLowerCase();
  switch (s) {
    case "-1":
    case "all":
      return "all";
    case "6":
    case "tcp":
      return "tcp";
    case "17":
    case "udp":
      return "udp";
    case "1":
    case "icmp":
      return "icmp";
    case "58":
    case "icmpv6":
      return "icmpv6";
    default:
      return s;
  }
}

export interface PortRange {
  /** Every TCP and UDP port (protocol all, or a protocol number without ports). */
  readonly all: boolean;
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
}

/**
 * The TCP/UDP ports a rule opens, or undefined for ICMP. EC2 API reference (IpPermission):
 * specifying -1 or a protocol number other than tcp, udp, icmp or icmpv6 allows traffic on all
 * ports, regardless of any port range; NACL entries behave the same way.
 */
export function portRange(protocol: unknown, from: unknown, to: unknown): PortRange | undefined {
  const p = normaliseProtocol(protocol);
  if (p === "icmp" || p === "icmpv6") return undefined;
  if (p !== "tcp" && p !== "udp") return { all: true, protocol: p, from: 0, to: 65535 };
  const f = typeof from === "number" ? from : Number(from ?? 0);
  const t = typeof to === "number" ? to : Number(to ?? 65535);
  const lo = Number.isFinite(f) && f >= 0 ? f : 0;
  const hi = Number.isFinite(t) && t >= 0 ? t : 65535;
  return { all: lo <= 0 && hi >= 65535, protocol: p, from: lo, to: hi };
}

/** Protocols that carry TCP/UDP ports. */
export function carriesPorts(r: PortRange): boolean {
  return r.protocol === "all" || r.protocol === "tcp" || r.protocol === "udp";
}

/** The rule lets traffic to `port` (TCP or UDP) through. A rule for another protocol (GRE…) has no ports. */
export function coversPort(r: PortRange, port: number): boolean {
  return carriesPorts(r) && (r.all || (r.from <= port && port <= r.to));
}

export function describePorts(r: PortRange): string {
  if (r.all) return r.protocol === "all" ? "all traffic" : `all ports (${r.protocol})`;
  return r.from === r.to ? `${r.protocol}/${r.from}` : `${r.protocol}/${r.from}-${r.to}`;
}

// ---------------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------------

const KIND: Record<string, string> = {
  [T.vpc]: "VPC",
  [T.subnet]: "subnet",
  [T.routeTable]: "route table",
  [T.defaultRouteTable]: "default route table",
  [T.route]: "route",
  [T.routeTableAssociation]: "route table association",
  [T.mainRouteTableAssociation]: "main route table association",
  [T.securityGroup]: "security group",
  [T.defaultSecurityGroup]: "default security group",
  [T.securityGroupRule]: "security group rule",
  [T.ingressRule]: "ingress rule",
  [T.egressRule]: "egress rule",
  [T.instance]: "EC2 instance",
  [T.launchTemplate]: "launch template",
  [T.networkInterface]: "network interface",
  [T.ecsService]: "ECS service",
  [T.ecsTaskSet]: "ECS task set",
  [T.lambda]: "Lambda function",
  [T.codebuild]: "CodeBuild project",
  [T.asg]: "Auto Scaling group",
  [T.eksNodeGroup]: "EKS node group",
  [T.eksFargateProfile]: "EKS Fargate profile",
  [T.batchComputeEnvironment]: "Batch compute environment",
  [T.redshiftServerlessWorkgroup]: "Redshift Serverless workgroup",
  [T.internetGateway]: "internet gateway",
  [T.egressOnlyInternetGateway]: "egress-only internet gateway",
  [T.natGateway]: "NAT gateway",
  [T.vpnGateway]: "virtual private gateway",
  [T.flowLog]: "flow log",
  [T.networkAcl]: "network ACL",
  [T.defaultNetworkAcl]: "default network ACL",
  [T.networkAclRule]: "network ACL rule",
  [T.vpcEndpoint]: "VPC endpoint",
  [T.lb]: "load balancer",
  [T.alb]: "load balancer",
  [T.elb]: "classic load balancer",
};

/** `subnet "compute-a"`: the kind of resource and its logical name. */
export function label(r: PolicyResource): string {
  return `${KIND[r.type] ?? r.type} "${r.name}"`;
}

// ---------------------------------------------------------------------------------------------
// Routing
// ---------------------------------------------------------------------------------------------

/** Where a placement type keeps its subnets: top-level property first. */
const PLACEMENTS: readonly {
  readonly type: string;
  readonly paths: readonly (readonly string[])[];
}[] = [
  { type: T.ecsService, paths: [["networkConfiguration", "subnets", "*"]] },
  { type: T.ecsTaskSet, paths: [["networkConfiguration", "subnets", "*"]] },
  { type: T.instance, paths: [["subnetId"]] },
  { type: T.launchTemplate, paths: [["networkInterfaces", "*", "subnetId"]] },
  { type: T.networkInterface, paths: [["subnetId"]] },
  { type: T.lambda, paths: [["vpcConfig", "subnetIds", "*"]] },
  { type: T.codebuild, paths: [["vpcConfig", "subnets", "*"]] },
  { type: T.asg, paths: [["vpcZoneIdentifiers", "*"]] },
  { type: T.eksNodeGroup, paths: [["subnetIds", "*"]] },
  { type: T.eksFargateProfile, paths: [["subnetIds", "*"]] },
  { type: T.batchComputeEnvironment, paths: [["computeResources", "subnets", "*"]] },
  { type: T.redshiftServerlessWorkgroup, paths: [["subnetIds", "*"]] },
];

/** Resource types that place compute (or data services) into subnets. */
export const PLACEMENT_TYPES: readonly string[] = PLACEMENTS.map((p) => p.type);

/** The route targets AWS offers, by the property that names them. */
const TARGETS: readonly {
  readonly prop: string;
  readonly kind: string;
  readonly types?: readonly string[];
}[] = [
  { prop: "gatewayId", kind: "gateway", types: [T.internetGateway, T.vpnGateway] },
  {
    prop: "egressOnlyGatewayId",
    kind: "egress-only internet gateway",
    types: [T.egressOnlyInternetGateway],
  },
  { prop: "natGatewayId", kind: "NAT gateway", types: [T.natGateway] },
  { prop: "networkInterfaceId", kind: "network interface", types: [T.networkInterface] },
  { prop: "instanceId", kind: "instance", types: [T.instance] },
  { prop: "vpcPeeringConnectionId", kind: "VPC peering connection" },
  { prop: "transitGatewayId", kind: "transit gateway" },
  { prop: "localGatewayId", kind: "local gateway" },
  { prop: "carrierGatewayId", kind: "carrier gateway" },
  { prop: "vpcEndpointId", kind: "VPC endpoint (Gateway Load Balancer)" },
  { prop: "coreNetworkArn", kind: "Cloud WAN core network" },
  { prop: "odbNetworkArn", kind: "ODB network" },
];

export interface RouteTarget {
  /** e.g. `NAT gateway`, `internet gateway`, `VPC peering connection`. */
  readonly kind: string;
  /** The target's logical name or literal id, when known. */
  readonly name?: string;
}

export type Destination =
  | {
      readonly known: true;
      /** As written: a CIDR or a prefix-list id. */
      readonly text: string;
      /** The route sends the whole internet (or half of it) to its target. */
      readonly internetWide: boolean;
    }
  | { readonly known: false; readonly why: string };

export interface RouteEntry {
  readonly table: TableNode;
  /** The `Route` resource, or the table itself for an inline route. */
  readonly resource: PolicyResource;
  readonly inline: boolean;
  readonly destination: Destination;
  readonly target: RouteTarget;
}

export interface TableNode {
  /** `route table "compute-a"`, `the main route table of VPC "main"`, `route table rtb-0abc`. */
  label: string;
  /** custom: a RouteTable; main: a VPC's original main table; external: known by id only. */
  kind: "custom" | "main" | "external";
  /** The RouteTable or DefaultRouteTable resource, when the stack manages it. */
  resource?: PolicyResource;
  /** Resources whose waiver tags cover this table's routes (the table, or the VPC for its main table). */
  readonly carriers: PolicyResource[];
  readonly routes: RouteEntry[];
  /** Route propagation from virtual private gateways into this table. */
  readonly propagation: string[];
}

export interface SubnetNode {
  readonly key: string;
  readonly label: string;
  /** The Subnet resource; absent for a subnet referenced only by literal id. */
  readonly resource?: PolicyResource;
  /** Compute (or data services) placed in this subnet. */
  readonly placements: Set<PolicyResource>;
  /** Route table associations naming this subnet. */
  readonly associations: AssociationEdge[];
}

interface AssociationEdge {
  readonly resource: PolicyResource;
  readonly tables: TableNode[];
  readonly unresolved: boolean;
}

interface MainEdge {
  readonly resource: PolicyResource;
  readonly tables: TableNode[];
  readonly unresolved: boolean;
}

/** A subnet's route table(s), as far as the stack tells. */
export interface SubnetRouting {
  readonly tables: { readonly table: TableNode; readonly via: string }[];
  /** Why the routing cannot be known until apply (unknown references). */
  readonly unknown: string[];
  /** Why the routing cannot be verified from this stack at all (tables or VPCs it does not manage). */
  readonly unverifiable: string[];
}

export class NetworkGraph {
  private static readonly cache = new WeakMap<StackIndex, NetworkGraph>();

  readonly subnets: SubnetNode[] = [];
  /** Placements whose subnets cannot be resolved (unknown and no property dependency). */
  readonly unresolvedPlacements: PolicyResource[] = [];
  /** Associations whose subnet cannot be resolved: any subnet without an explicit one might be theirs. */
  readonly floatingAssociations: PolicyResource[] = [];
  /** Routes whose route table cannot be resolved. */
  readonly floatingRoutes: RouteEntry[] = [];

  private readonly subnetByKey = new Map<string, SubnetNode>();
  private readonly subnetById = new Map<string, SubnetNode>();
  private readonly vpcById = new Map<string, PolicyResource>();
  private readonly tables: TableNode[] = [];
  /** Route table node by the URN of the resource managing it (RouteTable, DefaultRouteTable, VPC). */
  private readonly tableByUrn = new Map<string, TableNode>();
  private readonly tableById = new Map<string, TableNode>();
  private readonly prefixListById = new Map<string, PolicyResource>();
  /** VPC key (URN or `id:vpc-…`) → main route table association. */
  private readonly mainByVpc = new Map<string, MainEdge>();
  private readonly floatingMain: PolicyResource[] = [];
  /** VPC key → that VPC's original main route table (managed by a DefaultRouteTable or implicit). */
  private readonly originalMainByVpc = new Map<string, TableNode>();
  private readonly prefixListDefault = new Map<string, boolean | undefined>();

  static of(index: StackIndex): NetworkGraph {
    let g = NetworkGraph.cache.get(index);
    if (!g) {
      g = new NetworkGraph(index);
      NetworkGraph.cache.set(index, g);
    }
    return g;
  }

  private constructor(private readonly index: StackIndex) {
    // VPCs, by their ids and the ids of their original main route table.
    for (const v of index.ofType(T.vpc)) {
      const id = literalId(v);
      if (id) this.vpcById.set(id, v);
      for (const prop of ["mainRouteTableId", "defaultRouteTableId"]) {
        const rtb = stringProp(v.props, prop);
        if (rtb) this.tableById.set(rtb, this.originalMain(v.urn, v));
      }
    }
    // Route tables.
    for (const rt of index.ofType(T.routeTable)) {
      const node = this.newTable("custom", `route table "${rt.name}"`, rt, [rt]);
      this.tableByUrn.set(rt.urn, node);
      const id = literalId(rt);
      if (id) this.tableById.set(id, node);
    }
    for (const pl of index.ofType(T.managedPrefixList)) {
      const id = literalId(pl);
      if (id) this.prefixListById.set(id, pl);
    }
    // DefaultRouteTable manages a VPC's original main route table.
    for (const drt of index.ofType(T.defaultRouteTable)) {
      const ref = resolveRef(drt, ["defaultRouteTableId"], [T.vpc]);
      let node: TableNode | undefined;
      for (const vpc of ref.resources) node = this.originalMain(vpc.urn, vpc);
      const literal = ref.literals[0] ?? literalId(drt);
      if (!node && literal) node = this.tableById.get(literal);
      if (!node) {
        const vpcId = stringProp(drt.props, "vpcId");
        node = vpcId ? this.originalMain(this.vpcKeyOfId(vpcId)) : undefined;
      }
      node ??= this.newTable("custom", "", drt, []);
      this.tableByUrn.set(drt.urn, node);
      node.kind = "custom";
      node.resource = drt;
      node.label = `default route table "${drt.name}"`;
      node.carriers.unshift(drt);
      if (literal) this.tableById.set(literal, node);
    }
    // Inline routes and route propagation.
    for (const node of this.tables) {
      if (!node.resource) continue;
      const r = node.resource;
      const routes = collect(r.props, ["routes", "*"]);
      routes.values.forEach((route) => node.routes.push(this.inlineRoute(node, r, route)));
      if (routes.unknown) {
        node.routes.push({
          table: node,
          resource: r,
          inline: true,
          destination: {
            known: false,
            why: `the inline routes of ${node.label} are unknown until apply`,
          },
          target: { kind: "unknown target" },
        });
      }
      const vgws = collect(r.props, ["propagatingVgws", "*"]);
      if (vgws.values.length || vgws.unknown) {
        node.propagation.push(`${node.label} propagates routes from virtual private gateway(s)`);
      }
    }
    for (const p of index.ofType(T.vpnGatewayRoutePropagation)) {
      const { tables } = this.tablesOf(p, ["routeTableId"]);
      for (const t of tables)
        t.propagation.push(
          `${t.label} propagates routes from a virtual private gateway ("${p.name}")`,
        );
    }
    // Route resources.
    for (const r of index.ofType(T.route)) {
      const { tables, unresolved } = this.tablesOf(r, ["routeTableId"]);
      for (const t of tables) t.routes.push(this.routeResource(t, r));
      if (unresolved) {
        const orphan: TableNode = {
          label: "an unknown route table",
          kind: "external",
          carriers: [],
          routes: [],
          propagation: [],
        };
        this.floatingRoutes.push(this.routeResource(orphan, r));
      }
    }
    // Subnets.
    for (const s of index.ofType(T.subnet)) {
      const node: SubnetNode = {
        key: s.urn,
        label: `subnet "${s.name}"`,
        resource: s,
        placements: new Set(),
        associations: [],
      };
      this.subnets.push(node);
      this.subnetByKey.set(node.key, node);
      const id = literalId(s);
      if (id) this.subnetById.set(id, node);
    }
    // Explicit associations (a gateway association has no subnet and is not about subnets).
    for (const a of index.ofType(T.routeTableAssociation)) {
      const subnets = resolveRef(a, ["subnetId"], [T.subnet]);
      if (!subnets.set && !subnets.unresolved) continue;
      const { tables, unresolved } = this.tablesOf(a, ["routeTableId"]);
      const edge: AssociationEdge = { resource: a, tables, unresolved };
      const nodes = this.subnetsOf(subnets);
      nodes.forEach((n) => n.associations.push(edge));
      if (subnets.unresolved) this.floatingAssociations.push(a);
    }
    // Main route table associations.
    for (const m of index.ofType(T.mainRouteTableAssociation)) {
      const vpcs = resolveRef(m, ["vpcId"], [T.vpc]);
      const { tables, unresolved } = this.tablesOf(m, ["routeTableId"]);
      const edge: MainEdge = { resource: m, tables, unresolved };
      for (const v of vpcs.resources) this.mainByVpc.set(v.urn, edge);
      for (const id of vpcs.literals) this.mainByVpc.set(this.vpcKeyOfId(id), edge);
      if (vpcs.unresolved) this.floatingMain.push(m);
    }
    // Compute placements.
    for (const { type, paths } of PLACEMENTS) {
      for (const r of index.ofType(type)) {
        for (const path of paths) {
          const ref = resolveRef(r, path, [T.subnet]);
          for (const n of this.subnetsOf(ref)) n.placements.add(r);
          if (ref.unresolved) this.unresolvedPlacements.push(r);
        }
      }
    }
  }

  /**
   * Subnet nodes for a resolved reference. While the graph is built, literal ids not in the stack
   * get their own node (an existing subnet); afterwards lookups never add nodes.
   */
  private subnetsOf(ref: Ref, create = true): SubnetNode[] {
    const out: SubnetNode[] = [];
    for (const s of ref.resources) {
      const n = this.subnetByKey.get(s.urn);
      if (n) out.push(n);
    }
    for (const id of ref.literals) {
      let n = this.subnetById.get(id);
      if (!n && !create) continue;
      if (!n) {
        n = { key: `id:${id}`, label: `subnet ${id}`, placements: new Set(), associations: [] };
        this.subnetById.set(id, n);
        this.subnetByKey.set(n.key, n);
        this.subnets.push(n);
      }
      out.push(n);
    }
    return out;
  }

  /** The subnet node of a Subnet resource. */
  subnet(r: PolicyResource): SubnetNode | undefined {
    return this.subnetByKey.get(r.urn);
  }

  /** Subnets referenced at `path` of a resource (e.g. an instance's `subnetId`). */
  subnetsAt(
    r: PolicyResource,
    path: readonly string[],
  ): { subnets: SubnetNode[]; unresolved: boolean } {
    const ref = resolveRef(r, path, [T.subnet]);
    return { subnets: this.subnetsOf(ref, false), unresolved: ref.unresolved };
  }

  /** The route table(s) a subnet uses, following AWS's rules. */
  routing(s: SubnetNode): SubnetRouting {
    const tables: { table: TableNode; via: string }[] = [];
    const unknown: string[] = [];
    const unverifiable: string[] = [];
    const check = (table: TableNode) => {
      if (table.kind === "external") {
        unverifiable.push(
          `${table.label} is not managed in this stack, so routes added to it elsewhere cannot be seen`,
        );
      }
      unverifiable.push(
        ...table.propagation.map((p) => `${p}; a propagated default route cannot be seen offline`),
      );
    };
    // VPC docs (subnet route tables): each subnet is associated with exactly one route table at a
    // time; one without an explicit association uses the VPC's main route table.
    if (s.associations.length) {
      for (const a of s.associations) {
        if (a.unresolved)
          unknown.push(
            `the route table of association "${a.resource.name}" is unknown until apply`,
          );
        for (const t of a.tables) {
          tables.push({ table: t, via: `association "${a.resource.name}"` });
          check(t);
        }
      }
      return { tables, unknown, unverifiable };
    }
    if (this.floatingAssociations.length) {
      unknown.push(
        `association(s) ${names(this.floatingAssociations)} name a subnet that is ` +
          `unknown until apply and may be ${s.label}'s explicit association`,
      );
      return { tables, unknown, unverifiable };
    }
    if (!s.resource) {
      unverifiable.push(
        `${s.label} is not in this stack and has no explicit association here: it uses the main route table of a VPC this stack does not show`,
      );
      return { tables, unknown, unverifiable };
    }
    const vpcs = resolveRef(s.resource, ["vpcId"], [T.vpc]);
    if (vpcs.unresolved) unknown.push(`the VPC of ${s.label} is unknown until apply`);
    const keys = [
      ...vpcs.resources.map((v) => v.urn),
      ...vpcs.literals.map((id) => this.vpcKeyOfId(id)),
    ];
    for (const key of keys) {
      const main = this.mainByVpc.get(key);
      if (main) {
        if (main.unresolved)
          unknown.push(
            `the route table of main association "${main.resource.name}" is unknown until apply`,
          );
        for (const t of main.tables) {
          tables.push({ table: t, via: `main route table association "${main.resource.name}"` });
          check(t);
        }
        continue;
      }
      if (this.floatingMain.length) {
        unknown.push(
          `main route table association(s) ${names(this.floatingMain)} name a VPC that is unknown until apply`,
        );
        continue;
      }
      const original = this.originalMainByVpc.get(key);
      if (original) {
        tables.push({
          table: original,
          via: "no explicit association: the VPC's main route table",
        });
        check(original);
      } else {
        unverifiable.push(
          `${s.label} has no explicit association and its VPC ${key.replace(/^id:/, "")} is not in this stack: its main route table cannot be verified offline`,
        );
      }
    }
    return { tables, unknown, unverifiable };
  }

  /** Route tables referenced at `path` of a resource (a route, an association). */
  tablesOf(
    r: PolicyResource,
    path: readonly string[],
  ): { tables: TableNode[]; unresolved: boolean } {
    const ref = resolveRef(r, path, [T.routeTable, T.defaultRouteTable, T.vpc]);
    const tables: TableNode[] = [];
    for (const d of ref.resources) {
      // A reference to a VPC is `vpc.mainRouteTableId` / `vpc.defaultRouteTableId`: its original main table.
      const t = d.type === T.vpc ? this.originalMain(d.urn, d) : this.tableByUrn.get(d.urn);
      if (t && !tables.includes(t)) tables.push(t);
    }
    for (const id of ref.literals) {
      let t = this.tableById.get(id);
      if (!t) {
        t = this.newTable("external", `route table ${id}`, undefined, []);
        this.tableById.set(id, t);
      }
      if (!tables.includes(t)) tables.push(t);
    }
    return { tables, unresolved: ref.unresolved };
  }

  private vpcKeyOfId(id: string): string {
    return this.vpcById.get(id)?.urn ?? `id:${id}`;
  }

  /** A VPC's original main route table (created by AWS with the VPC). */
  private originalMain(vpcKey: string, vpc?: PolicyResource): TableNode {
    let t = this.originalMainByVpc.get(vpcKey);
    if (!t) {
      // VPC docs: a new VPC's main route table has only the local route; anything else in it comes
      // from this stack (a DefaultRouteTable, or Routes on `vpc.mainRouteTableId`).
      t = vpc
        ? this.newTable("main", `the main route table of VPC "${vpc.name}"`, undefined, [vpc])
        : this.newTable(
            "external",
            `the main route table of VPC ${vpcKey.replace(/^id:/, "")}`,
            undefined,
            [],
          );
      this.originalMainByVpc.set(vpcKey, t);
    }
    return t;
  }

  private newTable(
    kind: TableNode["kind"],
    lbl: string,
    resource: PolicyResource | undefined,
    carriers: PolicyResource[],
  ): TableNode {
    const t: TableNode = { label: lbl, kind, resource, carriers, routes: [], propagation: [] };
    this.tables.push(t);
    return t;
  }

  private inlineRoute(table: TableNode, holder: PolicyResource, route: any): RouteEntry {
    const deps = holder.propertyDependencies?.["routes"] ?? [];
    return {
      table,
      resource: holder,
      inline: true,
      destination: this.destination(route, ["cidrBlock", "ipv6CidrBlock"], deps, table.label),
      target: this.target(route, (prop) => deps.filter((d) => targetTypes(prop).includes(d.type))),
    };
  }

  private routeResource(table: TableNode, r: PolicyResource): RouteEntry {
    const deps = (prop: string) => r.propertyDependencies?.[prop] ?? [];
    return {
      table,
      resource: r,
      inline: false,
      destination: this.destination(
        r.props,
        ["destinationCidrBlock", "destinationIpv6CidrBlock"],
        deps("destinationPrefixListId"),
        `route "${r.name}"`,
      ),
      target: this.target(r.props, deps),
    };
  }

  private destination(
    route: any,
    cidrProps: readonly string[],
    prefixListDeps: readonly PolicyResource[],
    where: string,
  ): Destination {
    for (const prop of cidrProps) {
      const v = get(route, prop);
      if (!v.known) {
        return {
          known: false,
          why: `the destination (${prop}) of a route in ${where} is unknown until apply`,
        };
      }
      if (typeof v.value === "string" && v.value) {
        return { known: true, text: v.value, internetWide: isInternetWide(v.value) };
      }
    }
    const pl = get(route, "destinationPrefixListId");
    if (pl.known && (typeof pl.value !== "string" || !pl.value)) {
      return { known: true, text: "(no destination)", internetWide: false };
    }
    // A prefix-list destination. A customer-managed list in this stack may hold 0.0.0.0/0;
    // AWS-managed lists (S3, DynamoDB, CloudFront origin-facing) hold service ranges only.
    let lists = prefixListDeps.filter((d) => d.type === T.managedPrefixList);
    if (pl.known) {
      const byId = this.prefixListById.get(String(pl.value));
      if (byId) lists = [byId];
    } else if (!lists.length) {
      return {
        known: false,
        why: `the destination prefix list of a route in ${where} is unknown until apply`,
      };
    }
    const text = pl.known
      ? String(pl.value)
      : `prefix list ${lists.map((l) => `"${l.name}"`).join(", ")}`;
    let wide = false;
    for (const l of lists) {
      const d = this.prefixListIsDefault(l);
      if (d === undefined)
        return {
          known: false,
          why: `the entries of prefix list "${l.name}" are unknown until apply`,
        };
      wide ||= d;
    }
    return { known: true, text, internetWide: wide };
  }

  private prefixListIsDefault(pl: PolicyResource): boolean | undefined {
    if (this.prefixListDefault.has(pl.urn)) return this.prefixListDefault.get(pl.urn);
    const inline = collect(pl.props, ["entries", "*", "cidr"]);
    let result: boolean | undefined = inline.unknown
      ? undefined
      : inline.values.some(isInternetWide);
    for (const e of this.index.referrers(pl, "prefixListId", T.managedPrefixListEntry)) {
      const c = get(e.props, "cidr");
      if (!c.known) result = result === true ? true : undefined;
      else if (isInternetWide(c.value)) result = true;
    }
    this.prefixListDefault.set(pl.urn, result);
    return result;
  }

  private target(route: any, deps: (prop: string) => readonly PolicyResource[]): RouteTarget {
    for (const t of TARGETS) {
      const v = get(route, t.prop);
      if (v.known && (v.value === undefined || v.value === null || v.value === "")) continue;
      const ds = deps(t.prop).filter((d) => !t.types || t.types.includes(d.type));
      const name = ds.length === 1 ? `"${ds[0].name}"` : v.known ? String(v.value) : undefined;
      if (t.prop !== "gatewayId") return { kind: t.kind, name };
      // gatewayId names an internet gateway (igw-…), a virtual private gateway (vgw-…) or `local`.
      const kinds = new Set(ds.map((d) => KIND[d.type]));
      if (v.known && String(v.value).startsWith("igw-")) kinds.add("internet gateway");
      if (v.known && String(v.value).startsWith("vgw-")) kinds.add("virtual private gateway");
      if (v.known && v.value === "local") return { kind: "local", name: "local" };
      const kind = kinds.size === 1 ? [...kinds][0] : "internet or virtual private gateway";
      return { kind, name };
    }
    return { kind: "no target" };
  }
}

function targetTypes(prop: string): readonly string[] {
  return TARGETS.find((t) => t.prop === prop)?.types ?? [];
}

/** `NAT gateway "nat-a"`: the target's kind and name. */
export function describeTarget(e: RouteEntry): string {
  return e.target.name ? `${e.target.kind} ${e.target.name}` : e.target.kind;
}

/** `route "r" in route table "t"`, or `an inline route of route table "t"`. */
export function routeWhere(e: RouteEntry): string {
  return e.inline
    ? `an inline route of ${e.table.label}`
    : `route "${e.resource.name}" in ${e.table.label}`;
}

/** `0.0.0.0/0 → NAT gateway "nat-a" (route "r" in route table "t")`. */
export function describeRoute(e: RouteEntry): string {
  const dest = e.destination.known ? e.destination.text : "(unknown destination)";
  return `${dest} → ${describeTarget(e)} (${routeWhere(e)})`;
}

// ---------------------------------------------------------------------------------------------
// Security groups
// ---------------------------------------------------------------------------------------------

export interface SgRule {
  /** The resource holding the rule (the group for inline rules). */
  readonly resource: PolicyResource;
  readonly inline: boolean;
  readonly direction: "ingress" | "egress";
  /** The group(s) of this stack the rule belongs to. */
  readonly groups: PolicyResource[];
  /** Literal ids of groups this stack does not manage. */
  readonly groupIds: string[];
  /** The group is unknown until apply and no property dependency names it. */
  readonly groupUnresolved: boolean;
  /** Reads the rule; throws an UnknownValueError when part of it is unknown. */
  read(): SgRuleInfo;
}

export interface SgRuleInfo {
  readonly protocol: string;
  /** Ports opened (undefined for ICMP). */
  readonly ports: PortRange | undefined;
  /** IPv4 and IPv6 CIDRs (sources for ingress, destinations for egress). */
  readonly cidrs: string[];
  readonly description: string | undefined;
  /** `inline ingress #2 of security group "alb"`, `security group rule "ssh"`. */
  readonly where: string;
}

/** Security groups, their rules (inline and separate resources), and which sit on public load balancers. */
export class SecurityGroupGraph {
  private static readonly cache = new WeakMap<StackIndex, SecurityGroupGraph>();

  readonly rules: SgRule[] = [];
  /** Groups attached to a load balancer known to be internet-facing, with the balancers. */
  readonly publicLbGroups = new Map<PolicyResource, PolicyResource[]>();
  /** Literal group ids on internet-facing load balancers (groups this stack does not manage). */
  readonly publicLbGroupIds = new Set<string>();
  /** Groups attached to a load balancer whose scheme is unknown until apply. */
  readonly maybePublicLbGroups = new Map<PolicyResource, PolicyResource[]>();
  /** Load balancers (not known to be internal) whose groups are unknown until apply. */
  readonly lbsWithUnknownGroups: PolicyResource[] = [];
  /** Separate rule resources per group. */
  readonly separateRules = new Map<PolicyResource, PolicyResource[]>();
  /** Groups with inline rules. */
  readonly inlineRuleGroups = new Set<PolicyResource>();
  private readonly groupById = new Map<string, PolicyResource>();

  static of(index: StackIndex): SecurityGroupGraph {
    let g = SecurityGroupGraph.cache.get(index);
    if (!g) {
      g = new SecurityGroupGraph(index);
      SecurityGroupGraph.cache.set(index, g);
    }
    return g;
  }

  private constructor(index: StackIndex) {
    const groups = index.ofType(...SECURITY_GROUP_TYPES);
    for (const g of groups) {
      const id = literalId(g);
      if (id) this.groupById.set(id, g);
    }
    for (const g of groups) {
      for (const direction of ["ingress", "egress"] as const) {
        const listed = collect(g.props, [direction]);
        const arr = listed.values[0];
        const count = Array.isArray(arr) ? arr.length : 0;
        const base = {
          resource: g,
          inline: true,
          direction,
          groups: [g],
          groupIds: [],
          groupUnresolved: false,
        };
        for (let i = 0; i < count; i++)
          this.rules.push({ ...base, read: () => inlineRule(g, direction, i) });
        if (listed.unknown) {
          this.rules.push({
            ...base,
            read: () => {
              throw unknownError(`the ${direction} rules of ${label(g)} are unknown until apply`);
            },
          });
        }
        if (count || listed.unknown) this.inlineRuleGroups.add(g);
      }
    }
    const separate = (
      r: PolicyResource,
      direction: "ingress" | "egress" | undefined,
      read: () => SgRuleInfo,
    ) => {
      const ref = resolveRef(r, ["securityGroupId"], SECURITY_GROUP_TYPES);
      const groups = [...ref.resources];
      const groupIds: string[] = [];
      for (const id of ref.literals) {
        const g = this.groupById.get(id);
        if (g) groups.push(g);
        else groupIds.push(id);
      }
      for (const g of groups) {
        const l = this.separateRules.get(g);
        if (l) l.push(r);
        else this.separateRules.set(g, [r]);
      }
      const base = {
        resource: r,
        inline: false,
        groups,
        groupIds,
        groupUnresolved: ref.unresolved,
        read,
      };
      if (direction) {
        this.rules.push({ ...base, direction });
        return;
      }
      const type = get(r.props, "type");
      if (type.known) {
        this.rules.push({
          ...base,
          direction: String(type.value) === "egress" ? "egress" : "ingress",
        });
        return;
      }
      // The rule's type is unknown: check it both ways; reading it reports the unknown.
      const guarded = () => {
        must(() => r.props.type, `the type of ${label(r)}`);
        return read();
      };
      this.rules.push(
        { ...base, direction: "ingress", read: guarded },
        { ...base, direction: "egress", read: guarded },
      );
    };
    for (const r of index.ofType(T.securityGroupRule)) separate(r, undefined, () => classicRule(r));
    for (const r of index.ofType(T.ingressRule)) separate(r, "ingress", () => vpcRule(r));
    for (const r of index.ofType(T.egressRule)) separate(r, "egress", () => vpcRule(r));

    // Load balancers and their groups. Provider docs (aws.lb.LoadBalancer): `internal` defaults to false.
    for (const lb of index.ofType(...LOAD_BALANCER_TYPES)) {
      const internal = get(lb.props, "internal");
      if (internal.known && internal.value === true) continue;
      const target = internal.known ? this.publicLbGroups : this.maybePublicLbGroups;
      const ref = resolveRef(lb, ["securityGroups", "*"], SECURITY_GROUP_TYPES);
      if (ref.unresolved) this.lbsWithUnknownGroups.push(lb);
      const add = (g: PolicyResource) => {
        const l = target.get(g);
        if (l) l.push(lb);
        else target.set(g, [lb]);
      };
      ref.resources.forEach(add);
      for (const id of ref.literals) {
        const g = this.groupById.get(id);
        if (g) add(g);
        else if (internal.known) this.publicLbGroupIds.add(id);
      }
    }
  }
}

function numberish(v: unknown): number | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function inlineRule(g: PolicyResource, direction: "ingress" | "egress", i: number): SgRuleInfo {
  const r = g.props[direction][i];
  const protocol = normaliseProtocol(r.protocol);
  return {
    protocol,
    ports: portRange(r.protocol, numberish(r.fromPort), numberish(r.toPort)),
    cidrs: [...(r.cidrBlocks ?? []), ...(r.ipv6CidrBlocks ?? [])].map(String),
    description: typeof r.description === "string" && r.description ? r.description : undefined,
    where: `inline ${direction} #${i + 1} of ${label(g)}`,
  };
}

function classicRule(r: PolicyResource): SgRuleInfo {
  const p = r.props;
  return {
    protocol: normaliseProtocol(p.protocol),
    ports: portRange(p.protocol, numberish(p.fromPort), numberish(p.toPort)),
    cidrs: [...(p.cidrBlocks ?? []), ...(p.ipv6CidrBlocks ?? [])].map(String),
    description: typeof p.description === "string" && p.description ? p.description : undefined,
    where: label(r),
  };
}

function vpcRule(r: PolicyResource): SgRuleInfo {
  const p = r.props;
  return {
    protocol: normaliseProtocol(p.ipProtocol),
    ports: portRange(p.ipProtocol, numberish(p.fromPort), numberish(p.toPort)),
    cidrs: [p.cidrIpv4, p.cidrIpv6].filter((c) => typeof c === "string" && c).map(String),
    description: typeof p.description === "string" && p.description ? p.description : undefined,
    where: label(r),
  };
}

// ---------------------------------------------------------------------------------------------
// Network ACLs
// ---------------------------------------------------------------------------------------------

export const NACL_TYPES: readonly string[] = [T.networkAcl, T.defaultNetworkAcl];

export interface NaclEntry {
  /** The NetworkAclRule, or the ACL for an inline entry. */
  readonly holder: PolicyResource;
  readonly where: string;
  readonly ruleNo: number;
  readonly egress: boolean;
  readonly allow: boolean;
  readonly cidr: string | undefined;
  readonly ipv6Cidr: string | undefined;
  readonly ports: PortRange | undefined;
}

/** The inline entries of a NetworkAcl / DefaultNetworkAcl; throws if they are unknown. */
export function inlineNaclEntries(acl: PolicyResource): NaclEntry[] {
  const out: NaclEntry[] = [];
  for (const egress of [false, true]) {
    const list = (acl.props[egress ? "egress" : "ingress"] ?? []) as any[];
    list.forEach((e, i) =>
      out.push({
        holder: acl,
        where: `${egress ? "egress" : "ingress"} entry #${i + 1} (rule ${e.ruleNo}) of ${label(acl)}`,
        ruleNo: Number(e.ruleNo),
        egress,
        allow: String(e.action).toLowerCase() === "allow",
        cidr: typeof e.cidrBlock === "string" && e.cidrBlock ? e.cidrBlock : undefined,
        ipv6Cidr:
          typeof e.ipv6CidrBlock === "string" && e.ipv6CidrBlock ? e.ipv6CidrBlock : undefined,
        ports: portRange(e.protocol, numberish(e.fromPort), numberish(e.toPort)),
      }),
    );
  }
  return out;
}

/** A NetworkAclRule as an entry; throws if part of it is unknown. */
export function naclRuleEntry(r: PolicyResource): NaclEntry {
  const p = r.props;
  return {
    holder: r,
    where: `network ACL rule "${r.name}" (rule ${p.ruleNumber})`,
    ruleNo: Number(p.ruleNumber),
    egress: p.egress === true,
    allow: String(p.ruleAction).toLowerCase() === "allow",
    cidr: typeof p.cidrBlock === "string" && p.cidrBlock ? p.cidrBlock : undefined,
    ipv6Cidr: typeof p.ipv6CidrBlock === "string" && p.ipv6CidrBlock ? p.ipv6CidrBlock : undefined,
    ports: portRange(p.protocol, numberish(p.fromPort), numberish(p.toPort)),
  };
}

// ---------------------------------------------------------------------------------------------
// EBS account defaults
// ---------------------------------------------------------------------------------------------

export interface EbsDefaults {
  /** The stack turns on EBS encryption by default for the account and region. */
  readonly encrypted: boolean;
  /** …with a customer-managed default key. */
  readonly cmk: boolean;
}

/** EBS encryption-by-default as this stack configures it (aws.ebs.EncryptionByDefault / DefaultKmsKey). */
export function ebsDefaults(index: StackIndex): EbsDefaults {
  const encrypted = index
    .ofType(T.ebsEncryptionByDefault)
    .some((r) => peek(() => r.props.enabled).known && r.props.enabled !== false);
  const cmk = index.ofType(T.ebsDefaultKmsKey).length > 0;
  return { encrypted, cmk: encrypted && cmk };
}
