// Routes as the network model reads them: where a route sends traffic (a CIDR, or a prefix list
// that may hold 0.0.0.0/0) and to which target, for `Route` resources and a table's inline routes.
import type { PolicyResource } from "@pulumi/policy";
import type { StackIndex } from "../define";
import { get } from "../values";
import { isInternetWide } from "./ports";
import { PrefixLists } from "./prefix-lists";
import { KIND } from "./labels";
import {
  EC2_EGRESS_ONLY_INTERNET_GATEWAY,
  EC2_INSTANCE,
  EC2_INTERNET_GATEWAY,
  EC2_MANAGED_PREFIX_LIST,
  EC2_NAT_GATEWAY,
  EC2_NETWORK_INTERFACE,
  EC2_VPN_GATEWAY,
} from "../types";

/** The route targets AWS offers, by the property that names them. */
const TARGETS: readonly {
  readonly prop: string;
  readonly kind: string;
  readonly types?: readonly string[];
}[] = [
  { prop: "gatewayId", kind: "gateway", types: [EC2_INTERNET_GATEWAY, EC2_VPN_GATEWAY] },
  {
    prop: "egressOnlyGatewayId",
    kind: "egress-only internet gateway",
    types: [EC2_EGRESS_ONLY_INTERNET_GATEWAY],
  },
  { prop: "natGatewayId", kind: "NAT gateway", types: [EC2_NAT_GATEWAY] },
  { prop: "networkInterfaceId", kind: "network interface", types: [EC2_NETWORK_INTERFACE] },
  { prop: "instanceId", kind: "instance", types: [EC2_INSTANCE] },
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
      /**
       * The route sends the internet to its target (isInternetWide: 0.0.0.0/0, ::/0, or a range
       * broader than an IPv4 /8 or an IPv6 /32, outside IPv6 private space).
       */
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

/** Reads routes into `RouteEntry`s; prefix lists are looked up (and judged) once per stack. */
export class RouteReader {
  private readonly prefixLists: PrefixLists;

  constructor(index: StackIndex) {
    this.prefixLists = PrefixLists.of(index);
  }

  inlineRoute(table: TableNode, holder: PolicyResource, route: any): RouteEntry {
    const deps = holder.propertyDependencies?.["routes"] ?? [];
    return {
      table,
      resource: holder,
      inline: true,
      destination: this.destination(route, ["cidrBlock", "ipv6CidrBlock"], deps, table.label),
      target: this.target(route, (prop) => deps.filter((d) => targetTypes(prop).includes(d.type))),
    };
  }

  routeResource(table: TableNode, r: PolicyResource): RouteEntry {
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
    let lists = prefixListDeps.filter((d) => d.type === EC2_MANAGED_PREFIX_LIST);
    if (pl.known) {
      const byId = this.prefixLists.withId(String(pl.value));
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
      const d = this.prefixLists.internetWide(l);
      if (d === undefined)
        return {
          known: false,
          why: `the entries of prefix list "${l.name}" are unknown until apply`,
        };
      wide ||= d.length > 0;
    }
    return { known: true, text, internetWide: wide };
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

/**
 * Default-route targets that give egress without a public address of the subnet's own: a NAT
 * gateway, a NAT instance or appliance (instance, network interface), IPv6 egress-only internet
 * access, or a transit gateway (centralised egress). A public subnet routes 0.0.0.0/0 to its
 * internet gateway (VPC User Guide, "Subnet types": a public subnet has a direct route to an
 * internet gateway; a private subnet reaches the internet through a NAT device), so a subnet whose
 * default route goes to one of these is private by design: a compute or data subnet.
 */
export const PRIVATE_EGRESS = new Set([
  "NAT gateway",
  "instance",
  "network interface",
  "egress-only internet gateway",
  "transit gateway",
]);

/** The known default routes to a private-egress target among `routes`. */
export function privateEgressRoutes(routes: readonly RouteEntry[]): RouteEntry[] {
  return routes.filter(
    (r) => r.destination.known && r.destination.internetWide && PRIVATE_EGRESS.has(r.target.kind),
  );
}
