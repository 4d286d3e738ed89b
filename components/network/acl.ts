// The private tiers' network ACL rules, planned before they become resources: pure, so they are
// tested on their own (test/components/network/acl.spec.ts) and the Network component only turns
// them into NetworkAcl and NetworkAclRule resources.
import { Cidr, contains, parseCidr } from "../cidr";
import type { SubnetCidrs } from "./plan";

/** One extra inbound NACL rule another layer needs on a private tier (TCP). */
export interface NaclIngress {
  readonly tier: "compute" | "data";
  /** TCP port opened on the tier. */
  readonly port: number;
  /** Source range. Outside the VPC, the matching outbound return rule is added too. */
  readonly cidrBlock: string;
}

/** An inbound or outbound NACL rule, before it becomes a resource. */
export interface AclRule {
  readonly egress: boolean;
  readonly action: "allow" | "deny";
  readonly protocol: "tcp" | "icmp";
  readonly cidrBlock: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly icmpType?: number;
  readonly icmpCode?: number;
  /** What the rule is for (kept for readers and tests; names use the rule number). */
  readonly label: string;
  /** Evaluation order; lower first. */
  readonly ruleNumber: number;
}

const ANYWHERE = "0.0.0.0/0";

/** What the private tiers open beyond their baseline (the Network's arguments of the same names). */
export interface AclArgs {
  /** TCP ports the load balancer (public subnets) opens on the compute tier. Defaults to [8080]. */
  readonly computeIngressPorts?: readonly number[];
  /** TCP ports of data-tier services the compute tier opens (Redshift: 5439). Defaults to [5439]. */
  readonly dataIngressPorts?: readonly number[];
  /** Also open the data ports to the public tier (the opt-in bastion mode). Defaults to false. */
  readonly dataIngressFromPublic?: boolean;
  /** Extra inbound NACL rules for the private tiers (e.g. SSH from a connect endpoint). Defaults to none. */
  readonly additionalNaclIngress?: readonly NaclIngress[];
  /** Extra outbound NACL rules for the private tiers (TCP `port` to `cidrBlock`, e.g. a peered VPC's server); replies come back on the ephemeral range the tiers already admit. Defaults to none. */
  readonly additionalNaclEgress?: readonly NaclIngress[];
}
/**
 * Ephemeral (client) ports. VPC docs, "Network ACLs" > "Ephemeral ports": Linux kernels use
 * 32768-61000, Elastic Load Balancing and Lambda 1024-65535, Windows 49152-65535; "to cover the
 * different types of clients ... you can open ephemeral ports 1024-65535. However, you can also
 * add rules to the ACL to deny traffic on any malicious ports within that range ... place the deny
 * rules earlier in the table".
 */
const EPHEMERAL = { from: 1024, to: 65535 };
const RDP_PORT = 3389;
/** NACL rules of one private tier, numbered in evaluation order. */
export interface TierAcl {
  readonly inbound: AclRule[];
  readonly outbound: AclRule[];
}

type Unnumbered = Omit<AclRule, "ruleNumber">;

function tcp(
  egress: boolean,
  cidrBlock: string,
  from: number,
  to: number,
  label: string,
): Unnumbered {
  return { egress, action: "allow", protocol: "tcp", cidrBlock, fromPort: from, toPort: to, label };
}

/** Numbers rules in steps of 10 from `start`, so each band can grow without renumbering others. */
function band(start: number, rules: Unnumbered[]): AclRule[] {
  return rules.map((r, i) => ({ ...r, ruleNumber: start + i * 10 }));
}

/**
 * The private tiers' NACL rules. NACLs are stateless: every allowed request needs its reply
 * allowed in the other direction. Reasoning in docs/decisions/network.md; in short:
 * - Inbound service ports only from the tier that calls them (ALB in public subnets -> compute
 *   app ports; compute -> data ports), and 443 from the VPC to the interface endpoints (whose
 *   security group narrows it to the compute and data subnets).
 * - Replies to the tier's own requests come back to its ephemeral ports. S3 answers through the
 *   gateway endpoint from S3's public addresses (the `com.amazonaws.<region>.s3` prefix list), and
 *   a NACL rule takes only a CIDR, never a prefix list (EC2 API CreateNetworkAclEntry: CidrBlock or
 *   Ipv6CidrBlock), so the reply rule must be 0.0.0.0/0 on 1024-65535. It is safe because nothing
 *   outside the VPC can route to these subnets (no internet or NAT route, no public addresses),
 *   and deny rules placed before it close the tier's service ports and RDP to everything the
 *   allow rules did not name.
 * - Outbound 443 to 0.0.0.0/0 (S3's public ranges and the endpoints), the service ports of the
 *   next tier, and replies to VPC clients on their ephemeral ports (ELB uses 1024-65535).
 * - ICMP "fragmentation needed" (type 3, code 4) both ways, for path MTU discovery (VPC docs,
 *   "Network ACLs" > "Path MTU Discovery").
 * DNS to the Route 53 Resolver and the instance metadata service are never filtered by NACLs
 * (VPC docs, "Network ACL basics").
 */
export function tierAcl(
  tier: "compute" | "data",
  vpcCidr: string,
  cidrs: SubnetCidrs,
  args: AclArgs,
  vpc: Cidr,
): TierAcl {
  const appPorts = [...new Set(args.computeIngressPorts ?? [8080])];
  const dataPorts = [...new Set(args.dataIngressPorts ?? [5439])];
  const extra = (args.additionalNaclIngress ?? []).filter((r) => r.tier === tier);

  const allows: Unnumbered[] = [];
  const served: number[] = [];
  if (tier === "compute") {
    for (const p of appPorts) {
      cidrs.public.forEach((c, i) => allows.push(tcp(false, c, p, p, `app${p}-public${i}`)));
      served.push(p);
    }
    // Interface endpoints live in the compute subnets.
    allows.push(tcp(false, vpcCidr, 443, 443, "https-vpc"));
    served.push(443);
  } else {
    const sources = [
      ...cidrs.compute.map((c, i) => ({ c, label: `compute${i}` })),
      ...(args.dataIngressFromPublic
        ? cidrs.public.map((c, i) => ({ c, label: `public${i}` }))
        : []),
    ];
    for (const p of dataPorts) {
      for (const s of sources) allows.push(tcp(false, s.c, p, p, `data${p}-${s.label}`));
      served.push(p);
    }
  }
  extra.forEach((r, i) => {
    allows.push(tcp(false, r.cidrBlock, r.port, r.port, `extra${i}-${r.port}`));
    served.push(r.port);
  });

  const denied = [...new Set([...served, RDP_PORT])]
    .filter((p) => p >= EPHEMERAL.from && p <= EPHEMERAL.to)
    .sort((a, b) => a - b);
  const denies: Unnumbered[] = denied.map((p) => ({
    ...tcp(false, ANYWHERE, p, p, `deny${p}`),
    action: "deny" as const,
  }));
  const icmp = (egress: boolean): Unnumbered => ({
    egress,
    action: "allow",
    protocol: "icmp",
    cidrBlock: ANYWHERE,
    icmpType: 3,
    icmpCode: 4,
    label: "pmtud",
  });
  // Bands: allows 100-490, denies 500-890, replies 900, path MTU 990 (at most 20 rules fit).
  const inbound = [
    ...band(100, allows),
    ...band(500, denies),
    ...band(900, [tcp(false, ANYWHERE, EPHEMERAL.from, EPHEMERAL.to, "replies")]),
    ...band(990, [icmp(false)]),
  ];

  const nextTier: Unnumbered[] = [];
  if (tier === "compute") {
    for (const p of dataPorts) {
      cidrs.data.forEach((c, i) => nextTier.push(tcp(true, c, p, p, `data${p}-data${i}`)));
    }
  }
  // After the data ports, so turning them on does not renumber (replace) the existing rules.
  (args.additionalNaclEgress ?? [])
    .filter((r) => r.tier === tier)
    .forEach((r, i) =>
      nextTier.push(tcp(true, r.cidrBlock, r.port, r.port, `extra-out${i}-${r.port}`)),
    );
  const outside = [...new Set(extra.map((r) => r.cidrBlock))].filter((c) => {
    const parsed = parseCidr(c);
    return typeof parsed !== "string" && !contains(vpc, parsed);
  });
  // Bands: https 100, next tier 200-490, replies 500-890, path MTU 990.
  const outbound = [
    ...band(100, [tcp(true, ANYWHERE, 443, 443, "https")]),
    ...band(200, nextTier),
    ...band(500, [
      tcp(true, vpcCidr, EPHEMERAL.from, EPHEMERAL.to, "replies-vpc"),
      ...outside.map((c, i) => tcp(true, c, EPHEMERAL.from, EPHEMERAL.to, `replies-extra${i}`)),
    ]),
    ...band(990, [icmp(true)]),
  ];
  return { inbound, outbound };
}
