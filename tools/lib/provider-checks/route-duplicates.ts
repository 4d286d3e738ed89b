// A route whose destination its route table already has: AWS's CreateRoute refuses it at `pulumi
// up` with error code RouteAlreadyExists (EC2 API reference, "Error codes for the Amazon EC2 API":
// a route for the specified destination already exists in this route table). The message is the
// provider's routeAlreadyExistsError, "Route in Route Table (<id>) with destination (<cidr>)
// already exists" (terraform-provider-aws internal/service/ec2/errors.go; recent versions of
// vpc_route.go also look the destination up before CreateRoute, not checked against the provider
// version this project pins). A route table's inline `routes` are made with CreateRoute
// too (vpc_route_table.go, routeTableAddRoute), and the provider's documentation warns against
// mixing the two ("NOTE on Route Tables and Routes": a Route Table with in-line routes cannot be
// used with Route resources). Judged across the stack's resources, on a known `routeTableId` (in
// the apply phase, where ids are): a Route against the Routes registered before it on the same
// table, whichever table it is (one the stack creates, reads with `get`, or only names, as the
// VPC's main table); and against the inline routes of a table the stack declares, an imported one
// (`import: "rtb-..."`) too: an import takes the table as AWS has it, its inline routes the ones
// it holds, so a Route to one of their destinations is refused all the same. Nothing unknown or
// secret is judged.
import type { EngineResource } from "../engine/monitor";
import { containsUnknown, isSecret, plainValue } from "../engine/wire";
import type { Refusal } from "./refusal";

const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const ROUTE = "aws:ec2/route:Route";

const SOURCE =
  "EC2 API CreateRoute, error code RouteAlreadyExists (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html)";

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

/**
 * An IPv6 block in one form, so that `2600:1F18::/56` and `2600:1f18:0:0::/56` match: each of the
 * eight groups as a lower-case number, `::` expanded (RFC 4291 section 2.2 writes one address
 * with or without leading zeros and `::`; RFC 5952 section 2.3, either case). Anything that does
 * not parse is compared as written, lower-cased.
 */
export function ipv6Key(cidr: string): string {
  const lower = cidr.trim().toLowerCase();
  const [addr, len, ...rest] = lower.split("/");
  if (rest.length > 0 || !/^[0-9a-f:]+$/.test(addr)) return lower;
  const halves = addr.split("::");
  if (halves.length > 2) return lower;
  const part = (h: string) => (h === "" ? [] : h.split(":"));
  const head = part(halves[0]);
  const tail = halves.length === 2 ? part(halves[1]) : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  if (fill < 0 || (halves.length === 1 && head.length !== 8)) return lower;
  const groups = [...head, ...Array<string>(fill).fill("0"), ...tail];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return lower;
  const out = groups.map((g) => parseInt(g, 16).toString(16)).join(":");
  return len === undefined ? out : `${out}/${len}`;
}

/** How a destination of one kind is compared: IPv6 blocks in one form, others as written. */
const destinationKey = (inline: string, value: string): string =>
  `${inline}=${inline === "ipv6CidrBlock" ? ipv6Key(value) : value}`;

/** One destination as `<input kind>=<value>`, so an IPv4 and an IPv6 block never match. */
type Destination = { readonly key: string; readonly prop: string; readonly value: string };

/** The destination a Route names, when exactly one is known and none is a secret. */
function routeDestination(r: EngineResource): Destination | undefined {
  const raw = r.inputs as Record<string, unknown>;
  const inputs = plainValue(r.inputs) as Record<string, unknown>;
  for (const [prop, inline] of DESTINATIONS) {
    if (isSecret(raw[prop])) return undefined;
    const value = known(inputs[prop]);
    if (value) return { key: destinationKey(inline, value), prop, value };
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
        if (value) keys.add(destinationKey(inline, value));
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
