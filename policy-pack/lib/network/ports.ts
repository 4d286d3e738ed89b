// Addresses, protocols and ports of security-group rules, NACL entries and routes.

/**
 * The all-zero address written without a prefix length (`0.0.0.0`, `::0`, `::`). AWS takes only
 * CIDR notation for a route destination or a rule's source, so it is no valid input; its one
 * reading is "every address", and Checkov CKV2_AWS_44 fails it as the default route it means
 * (tests/terraform/graph/checks/resources/VPCPeeringRouteTableOverlyPermissive, aws_route_fail_1
 * and _3): the pack reads it so too, never as a single host that lets the route pass.
 */
const BARE_ALL_ZERO = /^\s*(0{1,3}(\.0{1,3}){3}|[0:]*::[0:]*|0{1,4}(:0{1,4}){7})\s*$/;

/**
 * True for a CIDR that covers the whole internet or half of it: `/0` (`0.0.0.0/0`, `::/0`, or a /0
 * of any address), and `/1` (two /1 routes, as VPN clients install, are a default route in
 * disguise); also the all-zero address written without a prefix (`0.0.0.0`, `::0`) and a prefix
 * written without an address (`/0`), which AWS refuses as CIDR blocks but which can only mean
 * every address (KICS sensitive_port_is_exposed_to_entire_network counts `"/0"` so, in its
 * test/positive.tf).
 */
export function isInternetWide(cidr: unknown): boolean {
  if (typeof cidr !== "string") return false;
  if (BARE_ALL_ZERO.test(cidr)) return true;
  const m = /^\s*([0-9a-fA-F:.]*)\/(\d{1,3})\s*$/.exec(cidr);
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

/** Policy config schema of a list of TCP/UDP ports. */
export function portListSchema(description: string, defaults: number[]) {
  return {
    type: "array" as const,
    items: { type: "integer" as const, minimum: 0, maximum: 65535 },
    description,
    default: defaults,
  };
}

/** Config of the rules that keep remote-administration ports closed to the internet. */
export interface AdminPortsConfig {
  readonly adminPorts: number[];
}
