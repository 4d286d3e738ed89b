// Compute subnets and their routes (core family 4): no default route from a compute or data
// subnet, route tables the stack can verify, and peering routes that name the peer's CIDR.
import type { PolicyResource } from "@pulumi/policy";
import { PolicyMeta, resourcePolicy, StackCheckContext, stackPolicy } from "../../lib/define";
import {
  describeRoute,
  describeTarget,
  INTERNET_RANGES,
  isInternetWide,
  label,
  NetworkGraph,
  privateEgressRoutes,
  RouteEntry,
  routeWhere,
  SubnetNode,
} from "../../lib/network";
import { tagsOf } from "../../lib/references";
import { isSet, peek, unknownError } from "../../lib/values";
import {
  EC2_DEFAULT_ROUTE_TABLE,
  EC2_MAIN_ROUTE_TABLE_ASSOCIATION,
  EC2_ROUTE,
  EC2_ROUTE_TABLE,
  EC2_ROUTE_TABLE_ASSOCIATION,
  EC2_SUBNET,
} from "../../lib/types";
import { awsDocs, cdkNag, checkov, kics } from "../../lib/controls";
import {
  NATIVE_EC2_EGRESS_ONLY_INTERNET_GATEWAY,
  NATIVE_EC2_INSTANCE,
  NATIVE_EC2_INTERNET_GATEWAY,
  NATIVE_EC2_NAT_GATEWAY,
  NATIVE_EC2_ROUTE,
  NATIVE_EC2_ROUTE_TABLE,
  NATIVE_EC2_SUBNET,
  NATIVE_EC2_SUBNET_ROUTE_TABLE_ASSOCIATION,
  NATIVE_EC2_VPC,
  NATIVE_LAMBDA_FUNCTION,
  NATIVE_ECS_SERVICE,
  NATIVE_AUTOSCALING_GROUP,
  NATIVE_EKS_NODEGROUP,
  NATIVE_EKS_CLUSTER,
} from "../../lib/native/types";
import { stringListSchema } from "../../lib/config-schema";

/**
 * The aws-native network resources the subnet rules judge as their classic twins
 * (../../lib/native/twins.ts): subnets, route tables, routes, associations, the gateways routes
 * name, and compute placed in subnets (instances, functions, ECS services, Auto Scaling groups,
 * EKS node groups and clusters).
 */
const NATIVE_NETWORK_TYPES = [
  NATIVE_EC2_VPC,
  NATIVE_EC2_SUBNET,
  NATIVE_EC2_ROUTE_TABLE,
  NATIVE_EC2_ROUTE,
  NATIVE_EC2_SUBNET_ROUTE_TABLE_ASSOCIATION,
  NATIVE_EC2_INTERNET_GATEWAY,
  NATIVE_EC2_NAT_GATEWAY,
  NATIVE_EC2_EGRESS_ONLY_INTERNET_GATEWAY,
  NATIVE_EC2_INSTANCE,
  NATIVE_LAMBDA_FUNCTION,
  NATIVE_ECS_SERVICE,
  NATIVE_AUTOSCALING_GROUP,
  NATIVE_EKS_NODEGROUP,
  NATIVE_EKS_CLUSTER,
];

interface TierConfig {
  readonly tierTagKey: string;
  readonly computeTierValues: string[];
}

const tierConfig: PolicyMeta["config"] = {
  tierTagKey: {
    type: "string",
    description: "Tag key that marks a subnet's tier.",
    default: "tier",
  },
  computeTierValues: stringListSchema(
    "Tier tag values that make a subnet a compute subnet (no default route allowed), compared without regard to case. Any subnet that hosts compute counts as well, tagged or not, and so does an untiered subnet whose Name tag calls it private.",
    ["compute", "data", "private", "isolated"],
  ),
};

/** A Name tag that calls the subnet private, as a word: "private-a", "app_private", "Private 1". */
const PRIVATE_NAME = /(^|[^a-z])private([^a-z]|$)/i;

/** The subnet's tier tag as [key, value], its key matched without regard to case ("Tier"). */
function tierTag(tags: Record<string, unknown>, key: string): [string, string] | undefined {
  const wanted = key.toLowerCase();
  for (const k of Object.keys(tags)) {
    if (k.toLowerCase() !== wanted) continue;
    const value = tags[k];
    if (typeof value === "string") return [k, value];
  }
  return undefined;
}

/** A known default route to an internet gateway: the mark of a public subnet (dual-stack ones too). */
const isPublicDefault = (r: RouteEntry): boolean =>
  r.destination.known && r.destination.internetWide && r.target.kind === "internet gateway";

/** Why a subnet is a compute subnet (empty: it is not). Throws if its tags are unknown and nothing else tells. */
function computeReasons(s: SubnetNode, cfg: TierConfig, g: NetworkGraph): string[] {
  const reasons: string[] = [];
  let tagsUnknown = false;
  if (s.resource) {
    const r = s.resource;
    const tier = peek(() => tierTag(tagsOf(r), cfg.tierTagKey));
    const name = peek(() => tagsOf(r).Name);
    const tiers = new Set(cfg.computeTierValues.map((v) => v.toLowerCase()));
    if (!tier.known) tagsUnknown = true;
    else if (tier.value) {
      const [key, value] = tier.value;
      if (tiers.has(value.toLowerCase())) reasons.push(`tagged ${key}=${value}`);
    } else if (name.known && typeof name.value === "string" && PRIVATE_NAME.test(name.value)) {
      // An untiered subnet named as private (`private-a`, `app-private-subnet`) is one by intent.
      reasons.push(`named "${name.value}"`);
    } else {
      // An untiered subnet whose default route leaves through NAT or a transit gateway, and none
      // through an internet gateway, is private by design (see PRIVATE_EGRESS). A tier tag
      // outranks this, as it outranks the name.
      const routes = g.routing(s).tables.flatMap((t) => t.table.routes);
      const egress = privateEgressRoutes(routes);
      if (egress.length && !routes.some(isPublicDefault)) {
        reasons.push(
          `untiered, with a default route to ${describeTarget(egress[0])} as only private subnets have`,
        );
      } else if (!name.known) tagsUnknown = true;
    }
  }
  const placed = [...s.placements];
  if (placed.length) {
    const more = placed.length > 3 ? ` and ${placed.length - 3} more` : "";
    reasons.push(`hosts ${placed.slice(0, 3).map(label).join(", ")}${more}`);
  }
  if (!reasons.length && tagsUnknown) {
    throw unknownError(
      `the tags of ${s.label} are unknown until apply, so it cannot be told whether it is a compute subnet`,
    );
  }
  return reasons;
}

/** The resource a subnet's findings are reported on: the subnet, or what is placed in an existing one. */
function holderOf(s: SubnetNode): PolicyResource | undefined {
  if (s.resource) return s.resource;
  for (const p of s.placements) return p;
  return undefined;
}

/**
 * Runs `fn` for each compute or data subnet of the stack (with why it counts and the resource its
 * findings go on), each subnet in its own preview-safe part.
 */
function eachComputeSubnet(
  ctx: StackCheckContext<TierConfig>,
  fn: (s: SubnetNode, reasons: string[], holder: PolicyResource) => void,
): void {
  for (const s of NetworkGraph.of(ctx.index).subnets) {
    const holder = holderOf(s);
    if (!holder) continue;
    ctx.each(holder, () => {
      const reasons = computeReasons(s, ctx.config, NetworkGraph.of(ctx.index));
      if (reasons.length) fn(s, reasons, holder);
    });
  }
}

export const computeSubnetNoDefaultRoute = stackPolicy<TierConfig>({
  name: "ec2-compute-subnet-no-default-route",
  description:
    "Subnets that host compute or data (tagged tier=compute/data/private/isolated, named as private, untiered with a default route through a NAT gateway, NAT instance, egress-only internet gateway or transit gateway as only private subnets have, or holding an ECS service, EC2 instance, Lambda function, CodeBuild project or other compute, or a data store: a database, cache or broker subnet group, a file-system mount target, a search domain) have no 0.0.0.0/0 or ::/0 route to any target.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Remove the default route from the compute subnet's route table (inline `routes`, a `aws.ec2.Route`, or the VPC's main/default route table it falls back to) and reach AWS services through VPC endpoints. Give every subnet an explicit route table association. If egress is truly required (for example a NAT route for a reviewed workload), tag the route table with `waiver:ec2-compute-subnet-no-default-route` and the written reason.",
  references: [cdkNag("VPCNoUnrestrictedRouteToIGW"), checkov("CKV2_AWS_35")],
  config: tierConfig,
  types: [
    EC2_ROUTE,
    EC2_ROUTE_TABLE,
    EC2_DEFAULT_ROUTE_TABLE,
    EC2_ROUTE_TABLE_ASSOCIATION,
    EC2_MAIN_ROUTE_TABLE_ASSOCIATION,
    EC2_SUBNET,
    ...NATIVE_NETWORK_TYPES,
  ],
  check: (ctx) => {
    const g = NetworkGraph.of(ctx.index);
    for (const p of g.unresolvedPlacements) {
      ctx.each(p, () => {
        throw unknownError(
          `the subnets of ${label(p)} are unknown until apply and no property dependency names them, so the route table they use cannot be checked`,
        );
      });
    }
    const hits = new Map<RouteEntry, string[]>();
    const seen = { compute: false, tables: new Set<unknown>() };
    eachComputeSubnet(ctx, (s, reasons, holder) => {
      seen.compute = true;
      const who = `${s.label} (${reasons.join("; ")})`;
      const routing = g.routing(s);
      const unknown = [...routing.unknown];
      for (const { table, via } of routing.tables) {
        seen.tables.add(table);
        const bad: RouteEntry[] = [];
        for (const route of table.routes) {
          if (!route.destination.known) unknown.push(route.destination.why);
          else if (route.destination.internetWide) bad.push(route);
        }
        for (const route of bad) {
          const list = hits.get(route);
          if (list) list.push(who);
          else hits.set(route, [who]);
        }
        if (bad.length) {
          ctx.report(
            holder,
            `${who} uses ${table.label} (${via}), which has a default route: ${bad.map(describeRoute).join("; ")}. Compute and data subnets must not reach the internet or other networks through a default route.`,
            table.carriers,
          );
        }
      }
      if (unknown.length) throw unknownError(`${s.label}: ${unknown.join("; ")}`);
    });
    for (const [route, subnets] of hits) {
      const dest = route.destination.known ? route.destination.text : "traffic";
      const listed =
        subnets.length > 5 ? [...subnets.slice(0, 5), `and ${subnets.length - 5} more`] : subnets;
      ctx.report(
        route.resource,
        `${routeWhere(route)} sends ${dest} to ${describeTarget(route)} for compute subnet(s): ${listed.join(", ")}. Compute and data subnets must not have a default route.`,
        route.table.carriers,
      );
    }
    // A default route into a table the stack knows by id only, which none of its compute subnets
    // uses: the subnets that table serves (another stack's, a remote component's such as an awsx
    // Vpc's private subnets) cannot be seen, so it is not evaluated rather than passed.
    for (const route of g.externalRoutes()) {
      if (seen.tables.has(route.table)) continue;
      if (route.destination.known && !route.destination.internetWide) continue;
      ctx.each(route.resource, () => {
        throw unknownError(
          `${describeRoute(route)} goes into a route table this stack does not manage, so the subnets it serves cannot be seen; it may serve a compute subnet. Manage the route table (and its subnet associations) in this stack, or add the route where its subnets are defined`,
        );
      });
    }
    if (!seen.compute) return;
    for (const route of g.floatingRoutes) {
      if (route.destination.known && !route.destination.internetWide) continue;
      ctx.each(route.resource, () => {
        throw unknownError(
          `the route table of ${describeRoute(route)} is unknown until apply and no property dependency names it; it may serve a compute subnet`,
        );
      });
    }
  },
});

export const computeSubnetRoutingVerifiable = stackPolicy<TierConfig>({
  name: "ec2-compute-subnet-route-table-verifiable",
  description:
    "Every compute or data subnet uses a route table this stack manages, so the no-default-route rule can verify it offline.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Create the subnet's route table in this stack and associate it explicitly (`aws.ec2.RouteTableAssociation`), or manage the VPC's main route table (`aws.ec2.DefaultRouteTable`). Avoid route propagation from virtual private gateways into compute route tables, or confirm on-premises never advertises a default route.",
  references: [awsDocs("vpc/latest/userguide/subnet-route-tables")],
  config: tierConfig,
  types: [EC2_SUBNET, EC2_ROUTE_TABLE, EC2_ROUTE_TABLE_ASSOCIATION, ...NATIVE_NETWORK_TYPES],
  check: (ctx) => {
    const g = NetworkGraph.of(ctx.index);
    eachComputeSubnet(ctx, (s, reasons, holder) => {
      const routing = g.routing(s);
      if (!routing.unverifiable.length) return;
      ctx.report(
        holder,
        `${s.label} (${reasons.join("; ")}): ${routing.unverifiable.join("; ")}. ec2-compute-subnet-no-default-route cannot verify this subnet offline.`,
        routing.tables.flatMap((t) => t.table.carriers),
      );
    });
  },
});

/** Every route of a Route resource or a table's inline routes, for resource policies. */
function routesOf(type: string, props: any): { dest: string; where: string; route: any }[] {
  if (type === EC2_ROUTE) {
    const dest =
      props.destinationCidrBlock ?? props.destinationIpv6CidrBlock ?? props.destinationPrefixListId;
    return [{ dest: String(dest ?? ""), where: "this route", route: props }];
  }
  return ((props.routes ?? []) as any[]).map((route, i) => ({
    dest: String(route.cidrBlock ?? route.ipv6CidrBlock ?? route.destinationPrefixListId ?? ""),
    where: `inline route #${i + 1}`,
    route,
  }));
}

export const routePeeringNotDefault = resourcePolicy({
  name: "ec2-route-peering-not-default",
  description: `Routes to a VPC peering connection name the peer's CIDR, never ${INTERNET_RANGES}.`,
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Route only the peer VPC's CIDR blocks to the peering connection (a peering connection does not forward traffic to the internet and an overly broad route hides routing mistakes).",
  references: [checkov("CKV2_AWS_44"), kics("VPC Peering Route Table with Unrestricted CIDR")],
  // An aws-native Route keeps the classic names (destinationCidrBlock, destinationIpv6CidrBlock,
  // destinationPrefixListId, vpcPeeringConnectionId: AWS::EC2::Route); an AWS::EC2::RouteTable
  // has no inline routes.
  types: [EC2_ROUTE, EC2_ROUTE_TABLE, EC2_DEFAULT_ROUTE_TABLE, NATIVE_EC2_ROUTE],
  check: (props, ctx, args) => {
    for (const { dest, where, route } of routesOf(args.type, props)) {
      const pcx = peek(() => route.vpcPeeringConnectionId);
      if (pcx.known && !isSet(pcx.value)) continue;
      if (isInternetWide(dest)) ctx.report(`${where} sends ${dest} to a VPC peering connection.`);
    }
  },
});
