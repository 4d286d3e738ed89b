// Addresses, protocols and ports of security-group rules, NACL entries and routes.
import { broaderThanPublicLimit, ipFamily } from "../ip-ranges";

/**
 * The all-zero address written without a prefix length (`0.0.0.0`, `::0`, `::`). AWS takes only
 * CIDR notation for a route destination or a rule's source, so it is no valid input; its one
 * reading is "every address", and Checkov CKV2_AWS_44 fails it as the default route it means
 * (tests/terraform/graph/checks/resources/VPCPeeringRouteTableOverlyPermissive, aws_route_fail_1
 * and _3): the pack reads it so too, never as a single host that lets the route pass.
 */
const BARE_ALL_ZERO = /^\s*(0{1,3}(\.0{1,3}){3}|[0:]*::[0:]*|0{1,4}(:0{1,4}){7})\s*$/;

/** IPv6 private space, which is not the internet however broad a range of it: [base, prefix, mask]. */
const PRIVATE_IPV6: readonly (readonly [number, number, number])[] = [
  [0xfc00, 7, 0xfe00], // unique local addresses, fc00::/7 (RFC 4193)
  [0xfe80, 10, 0xffc0], // link-local unicast, fe80::/10 (RFC 4291)
];

/** The first 16 bits of an IPv6 address as written (`fd00::1` → 0xfd00, `::1` → 0), or NaN. */
function firstHextet(address: string): number {
  if (address.startsWith("::")) return 0;
  const h = address.split(":")[0];
  return /^[0-9a-fA-F]{1,4}$/.test(h) ? parseInt(h, 16) : NaN;
}

/** True for an IPv6 range wholly inside unique-local or link-local space. */
function insidePrivateIpv6(address: string, prefix: number): boolean {
  const h = firstHextet(address);
  return PRIVATE_IPV6.some(([base, bits, mask]) => prefix >= bits && (h & mask) === base);
}

/**
 * True for a CIDR open to the internet: a range broader than AWS's public limit, the one S3 applies
 * to `aws:SourceIp` (an IPv4 range shorter than /8, an IPv6 range shorter than /32:
 * ../ip-ranges.ts), unless it is an IPv6 range wholly inside unique-local (fc00::/7) or link-local
 * (fe80::/10) space. So `0.0.0.0/0` and `::/0`, a /0 of any address, `0.0.0.0/1` (two /1 routes,
 * as VPN clients install, are a default route in disguise), `10.0.0.0/7` (11.0.0.0/8 is public)
 * and `2000::/3` (all global unicast) are internet-wide; `10.0.0.0/8` and `fd00::/8` are not.
 * Also the all-zero address written without a prefix (`0.0.0.0`, `::0`), and a prefix written
 * without an address (`/0`), which AWS refuses as CIDR blocks but which can only mean every
 * address (KICS sensitive_port_is_exposed_to_entire_network counts `"/0"` so, in its
 * test/positive.tf): such a prefix counts when it is broader than both families' limits (< /8).
 */
export function isInternetWide(cidr: unknown): boolean {
  if (typeof cidr !== "string") return false;
  if (BARE_ALL_ZERO.test(cidr)) return true;
  const m = /^\s*([0-9a-fA-F:.]*)\/(\d{1,3})\s*$/.exec(cidr);
  if (!m) return false;
  const [, address, bits] = m;
  const prefix = Number(bits);
  if (address === "") return broaderThanPublicLimit("ipv4", prefix);
  const family = ipFamily(address);
  if (!broaderThanPublicLimit(family, prefix)) return false;
  return family === "ipv4" || !insidePrivateIpv6(address, prefix);
}

/** What {@link isInternetWide} means, for rule descriptions. */
export const INTERNET_RANGES =
  "the internet (0.0.0.0/0, ::/0, or any range broader than an IPv4 /8 or an IPv6 /32 outside IPv6 private space)";

/** True for a CIDR that covers every address of its family: a /0, or the bare all-zero address. */
export function isEveryAddress(cidr: unknown): boolean {
  if (typeof cidr !== "string") return false;
  return BARE_ALL_ZERO.test(cidr) || /^\s*[0-9a-fA-F:.]*\/0{1,3}\s*$/.test(cidr);
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
