// The network layer's config keys: the VPC range, the AZs, the subnets per tier (planned from the
// VPC unless given), where interface endpoints live. The subnet plan itself: ./plan.ts.
import { dataTierZoneCount, REDSHIFT_MIN_AZS, REDSHIFT_TWO_AZ_REGIONS } from "./analytics.keys";
import { Cidr, contains, format, overlaps, parseCidr, PRIVATE_RANGES } from "./cidr";
import type { KeyContext, KeyDeclaration } from "./keys";
import { section } from "./keys";
import { overlappingPairs, planTier, SubnetCidrs, Tier, TIERS } from "./network/plan";

export type EndpointPlacement = "all-azs" | "single-az";
export const ENDPOINT_PLACEMENTS: readonly EndpointPlacement[] = ["all-azs", "single-az"];

/** The network settings a stack's config yields (the Network component's layout). */
export interface NetworkSettings {
  /** IPv4 range of the VPC, e.g. "10.20.0.0/16". */
  readonly cidrBlock: string;
  /** AZs of the public and compute tiers (and of the paid parts: endpoints, tasks). */
  readonly azCount: number;
  /**
   * How many data subnets: azCount, but at least the 3 Redshift Serverless needs (one per AZ,
   * except in us-west-1, where they share two AZs: `dataTierZoneCount` in ./analytics.keys.ts).
   */
  readonly dataSubnetCount: number;
  /**
   * Subnet CIDRs per tier: public and compute one per AZ, in AZ order; data subnet i in AZ i, or,
   * in us-west-1, in AZ i modulo 2 (`dataTierZoneCount` in ./analytics.keys.ts).
   */
  readonly subnetCidrs: SubnetCidrs;
  /**
   * How many AZs the data subnets spread over: one each, except in us-west-1, where Redshift
   * Serverless takes its three subnets in the region's two zones (`dataTierZoneCount` in
   * ./analytics.keys.ts); the Network places them round-robin.
   */
  readonly dataTierZoneCount: number;
  /** Where interface endpoints get network interfaces: every AZ, or one (cheaper; staging only). */
  readonly endpointPlacement: EndpointPlacement;
  /** Interface endpoints beyond the ones the layers ask for (service short names). */
  readonly extraInterfaceEndpoints: readonly string[];
}

const VPC_ALLOWED = "a private (RFC 1918) IPv4 CIDR with a prefix from /16 to /24";
const SERVICE_NAME = /^[a-z0-9][a-z0-9.-]*$/;

/** The VPC as parsed, when `vpcCidr` is valid. */
function vpcOf(ctx: KeyContext): Cidr | undefined {
  const text = ctx.value<string>("vpcCidr");
  const c = text === undefined ? undefined : parseCidr(text);
  return typeof c === "string" ? undefined : c;
}

/** Subnets of a tier: azCount, the data tier max(azCount, 3) (Redshift Serverless). */
function countOf(ctx: KeyContext, tier: Tier): number | undefined {
  const azCount = ctx.value<number>("azCount");
  if (azCount === undefined) return undefined;
  return tier === "data" ? Math.max(azCount, REDSHIFT_MIN_AZS) : azCount;
}

/** The key of a tier's subnet list. */
export const SUBNET_KEYS: Readonly<Record<Tier, string>> = {
  public: "publicSubnetCidrs",
  compute: "computeSubnetCidrs",
  data: "dataSubnetCidrs",
};

/**
 * Why a given data subnet list has the wrong length: Redshift Serverless with enhanced VPC routing
 * takes 3 subnets, one per AZ, except in REDSHIFT_TWO_AZ_REGIONS, where the 3 share the region's
 * zones (the Network places them round-robin).
 */
function dataCountProblem(
  given: number,
  count: number,
  azCount: number | undefined,
  region: string | undefined,
): string {
  const zones = region === undefined ? undefined : REDSHIFT_TWO_AZ_REGIONS.get(region);
  return zones === undefined
    ? `has ${given} entries; give one per AZ of the data tier, max(azCount, ${REDSHIFT_MIN_AZS}) = ${count}: Redshift Serverless with enhanced VPC routing needs subnets in ${REDSHIFT_MIN_AZS} AZs (azCount is ${azCount})`
    : `has ${given} entries; give max(azCount, ${REDSHIFT_MIN_AZS}) = ${count}: Redshift Serverless with enhanced VPC routing needs ${REDSHIFT_MIN_AZS} subnets, which in ${region} share its ${zones} AZs, one holding two (azCount is ${azCount})`;
}

/**
 * A tier's subnet list: planned from the VPC unless given; a given list has one valid CIDR per
 * subnet of the tier (countOf), each at most /28 and inside the VPC (overlaps: the section's
 * rules).
 */
function subnetList(
  tier: Tier,
  allowed: string,
): KeyDeclaration<"strings", readonly string[]> & { readonly derivedDefault: object } {
  const key = SUBNET_KEYS[tier];
  const layout =
    tier === "data"
      ? `max(azCount, ${REDSHIFT_MIN_AZS}), one per AZ (in us-west-1 the ${REDSHIFT_MIN_AZS} share its 2 AZs, as Redshift Serverless takes them there)`
      : "one per AZ";
  return {
    key,
    kind: "strings",
    // EC2 API Reference, CreateSubnet: "After you create a subnet, you can't change its CIDR
    // block" and a subnet "must not overlap the CIDR block of an existing subnet in the VPC". A
    // new range replaces the subnet, created before the old one goes (InvalidSubnet.Conflict).
    description: `${tier[0].toUpperCase()}${tier.slice(1)} subnets, ${layout}. A changed range replaces its subnet, created before the old one goes: it must not overlap any current subnet.`,
    allowed,
    derivedDefault: {
      text: "planned from vpcCidr",
      value: (ctx) => {
        const vpc = vpcOf(ctx);
        const count = countOf(ctx, tier);
        return vpc && count !== undefined ? planTier(vpc, tier, count) : undefined;
      },
    },
    check: (given, ctx) => {
      const count = countOf(ctx, tier);
      const azCount = ctx.value<number>("azCount");
      if (count !== undefined && given.length !== count) {
        ctx.fail(
          key,
          tier === "data"
            ? dataCountProblem(given.length, count, azCount, ctx.value<string>("aws:region"))
            : `has ${given.length} entries; give exactly one per AZ (azCount is ${azCount})`,
        );
      }
      const vpc = vpcOf(ctx);
      given.forEach((text, i) => {
        const problem = subnetProblem(text, vpc);
        if (problem) ctx.fail(key, `item ${i}: ${problem}`);
      });
    },
  };
}

/** Why a given subnet is unusable, or undefined. */
function subnetProblem(text: string, vpc: Cidr | undefined): string | undefined {
  const c = parseCidr(text);
  if (typeof c === "string") return c;
  if (c.prefix > 28) return `"${text}" is smaller than /28, the smallest subnet AWS allows`;
  if (vpc && !contains(vpc, c)) return `"${text}" is not inside vpcCidr ${format(vpc)}`;
  return undefined;
}

/**
 * Checks the value of a VPC range key: a private (RFC 1918) IPv4 CIDR with a prefix from /16 to
 * `maxPrefix`. Reports the first problem on `key` (the fix names `allowed`, what the key accepts)
 * and returns the range when there is none.
 */
export function checkVpcRange(
  key: string,
  text: string,
  maxPrefix: number,
  allowed: string,
  ctx: KeyContext,
): Cidr | undefined {
  const c = parseCidr(text);
  if (typeof c === "string") ctx.fail(key, `${c}; use ${allowed}`);
  else if (c.prefix < 16 || c.prefix > maxPrefix) {
    ctx.fail(key, `"${text}" has prefix /${c.prefix}; use ${allowed}`);
  } else if (!PRIVATE_RANGES.some((p) => contains(p, c))) {
    ctx.fail(key, `"${text}" is not inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16`);
  } else return c;
  return undefined;
}

/** Private networking (components/network). */
export const NETWORK_SECTION = section({
  title: "Network",
  summary: "The VPC, its subnets per tier and its endpoints (components/network).",
  keys: {
    cidrBlock: {
      key: "vpcCidr",
      kind: "string",
      required: true,
      // EC2 has no call that changes a VPC's primary CIDR (AssociateVpcCidrBlock only adds
      // secondary blocks), so the provider replaces the VPC; the load balancer, the workgroup and
      // the database cannot move their subnets to another VPC in place.
      description:
        "Private (RFC 1918) IPv4 range of the VPC, prefix /16 to /24, e.g. 10.20.0.0/16. Fixed once deployed: a new range replaces the VPC, which AWS refuses for what runs in it; destroy and recreate the stack instead.",
      allowed: VPC_ALLOWED,
      check: (text, ctx) => checkVpcRange("vpcCidr", text, 24, VPC_ALLOWED, ctx) !== undefined,
    },
    azCount: {
      key: "azCount",
      kind: "integer",
      // The public load balancer spans the public subnets, one per AZ, and an Application Load
      // Balancer needs subnets in at least two AZs (ELB API Reference, CreateLoadBalancer
      // `Subnets`: "[Application Load Balancers] You must specify subnets from at least two
      // Availability Zones",
      // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html):
      // with one AZ `pulumi up` would fail creating it, after the network was built.
      min: 2,
      max: 5,
      default: 2,
      description:
        "Availability zones to spread subnets over, 2 to 5 (the public load balancer needs two).",
      allowed: "an integer from 2 to 5 (the public load balancer needs subnets in two AZs)",
    },
    public: subnetList("public", "a list of CIDRs, one per AZ, inside vpcCidr"),
    compute: subnetList("compute", "a list of CIDRs, one per AZ, inside vpcCidr"),
    data: subnetList(
      "data",
      "a list of max(azCount, 3) CIDRs inside vpcCidr (Redshift Serverless needs 3 subnets: one per AZ, in us-west-1 sharing its 2 AZs)",
    ),
    endpointPlacement: {
      key: "endpointPlacement",
      kind: "string",
      oneOf: ENDPOINT_PLACEMENTS,
      default: "all-azs",
      description: 'Interface endpoints in "all-azs" or a "single-az" (cheaper; staging only).',
      allowed: `"all-azs" or "single-az" (prod: "all-azs")`,
      rules: [
        {
          environment: "prod",
          text: '"all-azs"',
          check: (p) =>
            p === "single-az"
              ? `prod must place interface endpoints in every AZ ("all-azs"), got "single-az"`
              : undefined,
        },
      ],
    },
    extraInterfaceEndpoints: {
      key: "extraInterfaceEndpoints",
      kind: "strings",
      default: [],
      description: "Interface endpoints beyond the ones the layers need.",
      allowed: `a list of AWS service names such as "secretsmanager"`,
      check: (services, ctx) => {
        services.forEach((s, i) => {
          if (!SERVICE_NAME.test(s)) {
            ctx.fail(
              "extraInterfaceEndpoints",
              `item ${i} "${s}" is not a service name like "secretsmanager" or "ecr.api"`,
            );
          }
        });
      },
    },
  },
  rules: (v, ctx) => {
    // us-west-1 only (REDSHIFT_TWO_AZ_REGIONS, the regions where Redshift Serverless takes its 3
    // subnets in 2 AZs): azCount is at most the 2 zones its accounts see, since the public and
    // compute tiers have one subnet per AZ and the Network would fail at preview, after the config
    // passed; the data tier's 3 subnets share those zones. Other regions are not checked here (an
    // azCount above what a region offers fails at preview, naming the zones: azNameAt in ./network/vpc.ts).
    const region = ctx.value<string>("aws:region");
    const zones = region === undefined ? undefined : REDSHIFT_TWO_AZ_REGIONS.get(region);
    if (zones !== undefined && v.azCount !== undefined && v.azCount > zones) {
      ctx.fail(
        "azCount",
        `${v.azCount} availability zones, but ${region} offers an account ${zones}: ${ctx.setCommand("azCount", String(zones))} (the data tier's ${REDSHIFT_MIN_AZS} subnets share them, as Redshift Serverless allows there), or choose another aws:region`,
      );
    }
    // Given subnets must not overlap each other, nor the planned subnets of the tiers left unset.
    const vpc = vpcOf(ctx);
    const given = TIERS.filter((t) => ctx.has(SUBNET_KEYS[t])).flatMap((t) =>
      (v[t] ?? []).flatMap((text, i) => {
        const c = parseCidr(text);
        if (typeof c === "string" || subnetProblem(text, vpc)) return [];
        return [{ where: `${ctx.key(SUBNET_KEYS[t])}[${i}]`, text, cidr: c }];
      }),
    );
    for (const [a, b] of overlappingPairs(given)) {
      ctx.problem(
        `${a.where}: "${a.text}" overlaps ${b.where} "${b.text}"; subnets must not overlap`,
      );
    }
    if (given.length === 0) return;
    for (const tier of TIERS) {
      if (ctx.has(SUBNET_KEYS[tier])) continue;
      for (const text of v[tier] ?? []) {
        const planned = parseCidr(text) as Cidr;
        const hit = given.find((g) => overlaps(g.cidr, planned));
        if (hit) {
          ctx.problem(
            `${hit.where}: "${hit.text}" overlaps the planned ${tier} subnet ${text}; set ${ctx.key(SUBNET_KEYS[tier])} explicitly too`,
          );
        }
      }
    }
  },
  build: (v, ctx): NetworkSettings => ({
    cidrBlock: v.cidrBlock,
    azCount: v.azCount,
    dataSubnetCount: Math.max(v.azCount, REDSHIFT_MIN_AZS),
    subnetCidrs: { public: v.public, compute: v.compute, data: v.data },
    dataTierZoneCount: dataTierZoneCount(ctx.value<string>("aws:region") ?? "", v.data.length),
    endpointPlacement: v.endpointPlacement,
    extraInterfaceEndpoints: [...new Set(v.extraInterfaceEndpoints)],
  }),
});
