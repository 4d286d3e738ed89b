// A route whose destination its route table already has: the provider refuses to create it at
// `pulumi up`. terraform-provider-aws internal/service/ec2/vpc_route.go, resourceRouteCreate:
// before CreateRoute it looks the destination up in the table and, when a route with origin
// CreateRoute is there, fails with routeAlreadyExistsError, "Route in Route Table (<id>) with
// destination (<cidr>) already exists". A route table's inline `routes` are made with CreateRoute
// too (vpc_route_table.go, routeTableAddRoute), and the provider's documentation warns against
// mixing the two ("NOTE on Route Tables and Routes": a Route Table with in-line routes cannot be
// used with Route resources). Judged across the stack's resources, on a known `routeTableId` (in
// the apply phase, where ids are): a Route against the Routes registered before it on the same
// table, whichever table it is (one the stack creates, reads with `get`, or only names, as the
// VPC's main table); and against the inline routes of a table the stack declares. Nothing unknown
// or secret is judged.
import type { EngineResource } from "../engine/monitor";
import { containsUnknown, isSecret, plainValue } from "../engine/wire";
import type { Refusal } from "./refusal";

const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const ROUTE = "aws:ec2/route:Route";

const SOURCE =
  "hashicorp/terraform-provider-aws internal/service/ec2/vpc_route.go (resourceRouteCreate, routeAlreadyExistsError)";

/** A Route's destination inputs, with the matching key of an inline route. */
const DESTINATIONS = [
  ["destinationCidrBlock", "cidrBlock"],
  ["destinationIpv6CidrBlock", "ipv6CidrBlock"],
  ["destinationPrefixListId", "destinationPrefixListId"],
] as const;

/** A known, non-empty string. */
function known(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" && !containsUnknown(v) ? v : undefined;
}

/** One destination as `<input kind>=<value>`, so an IPv4 and an IPv6 block never match. */
type Destination = { readonly key: string; readonly prop: string; readonly value: string };

/** The destination a Route names, when exactly one is known and none is a secret. */
function routeDestination(r: EngineResource): Destination | undefined {
  const raw = r.inputs as Record<string, unknown>;
  const inputs = plainValue(r.inputs) as Record<string, unknown>;
  for (const [prop, inline] of DESTINATIONS) {
    if (isSecret(raw[prop])) return undefined;
    const value = known(inputs[prop]);
    if (value) return { key: `${inline}=${value}`, prop, value };
  }
  return undefined;
}

/**
 * A route table's id from its state: `id` when the state carries it, else the last part of its
 * ARN (`arn:aws:ec2:<region>:<account>:route-table/<id>`, "Actions, resources, and condition keys
 * for Amazon EC2", resource type route-table), which the provider's state always has.
 */
function tableId(state: Record<string, unknown>): string | undefined {
  const id = known(state.id);
  if (id) return id;
  const arn = known(state.arn);
  return arn ? /:route-table\/(rtb-[0-9a-z]+)$/.exec(arn)?.[1] : undefined;
}

/** Each route table the run creates, by its id: the destinations of its inline routes. */
function inlineDestinations(resources: readonly EngineResource[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of resources) {
    if (r.type !== ROUTE_TABLE || !r.custom || r.external) continue;
    const id = tableId(plainValue(r.outputs) as Record<string, unknown>);
    if (!id) continue;
    const routes = (plainValue(r.inputs) as Record<string, unknown>).routes;
    const keys = new Set<string>();
    for (const route of Array.isArray(routes) ? routes : []) {
      if (!route || typeof route !== "object") continue;
      for (const [, inline] of DESTINATIONS) {
        const value = known((route as Record<string, unknown>)[inline]);
        if (value) keys.add(`${inline}=${value}`);
      }
    }
    out.set(id, keys);
  }
  return out;
}

/** The Routes of one run whose destination their route table already has. */
export function routesAlreadyInTable(resources: readonly EngineResource[]): Refusal[] {
  const tables = inlineDestinations(resources);
  const byRoutes = new Map<string, Map<string, EngineResource>>();
  const out: Refusal[] = [];
  for (const r of resources) {
    if (r.type !== ROUTE || !r.custom || r.external) continue;
    const tableId = known((plainValue(r.inputs) as Record<string, unknown>).routeTableId);
    const dest = routeDestination(r);
    if (!tableId || !dest) continue;
    // Two Routes need only name one table by a known id (a table read, or the VPC's main one, too);
    // inline routes are known only of a table the stack declares.
    const inInline = tables.get(tableId)?.has(dest.key) ?? false;
    const earlier = byRoutes.get(tableId) ?? new Map<string, EngineResource>();
    byRoutes.set(tableId, earlier);
    const other = earlier.get(dest.key);
    if (!other) earlier.set(dest.key, r);
    if (!inInline && !other) continue;
    const by = inInline
      ? "an inline route of the table (its `routes` input)"
      : `the Route "${other?.name}"`;
    out.push({
      resource: r,
      prop: dest.prop,
      value: dest.value,
      says: [
        `Route in Route Table (${tableId}) with destination (${dest.value}) already exists: ${by} has the same destination`,
      ],
      fix: inInline
        ? "keep one route per destination: either the table's inline `routes` or aws.ec2.Route " +
          "resources, never both on one table (remove the inline route, or this Route)"
        : "keep one Route per destination of a table: remove this Route or give it another destination",
      source: SOURCE,
      by: "aws",
      autoNamed: false,
    });
  }
  return out;
}
