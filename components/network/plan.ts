// Subnet planning for the network layer: pure, so the config reader plans the same subnets the
// program builds, and property-based tests can check the plan (test/components/network/plan.spec.ts).
import { Cidr, format, overlaps, parseCidr, subnet } from "../cidr";

/** The subnet tiers: public (load balancer, NAT-free), compute (tasks, hosts), data (Redshift, RDS). */
export type Tier = "public" | "compute" | "data";
export const TIERS: readonly Tier[] = ["public", "compute", "data"];

/** The planned layout splits the VPC in 2^PLAN_SPLIT_BITS blocks... */
export const PLAN_SPLIT_BITS = 4;
/** ...and gives tier t, AZ i the block t * PLAN_TIER_STRIDE + i: room for 5 AZs per tier. */
export const PLAN_TIER_STRIDE = 5;
/** The most AZs a planned tier can span. */
export const MAX_PLANNED_AZS = PLAN_TIER_STRIDE;

/**
 * The planned subnets of one tier: the VPC split in 16 blocks, tier t / AZ i → block 5t + i.
 * Adding an AZ appends a subnet and never moves the others.
 */
export function planTier(vpc: Cidr, tier: Tier, azCount: number): string[] {
  const t = TIERS.indexOf(tier);
  if (!Number.isInteger(azCount) || azCount < 0 || azCount > MAX_PLANNED_AZS) {
    throw new Error(`planTier: ${azCount} AZs; a planned tier spans 0 to ${MAX_PLANNED_AZS}`);
  }
  return Array.from({ length: azCount }, (_, i) =>
    format(subnet(vpc, vpc.prefix + PLAN_SPLIT_BITS, t * PLAN_TIER_STRIDE + i)),
  );
}

/** Subnet CIDRs per tier, in AZ order. */
export type SubnetCidrs = Readonly<Record<Tier, readonly string[]>>;

/** The planned subnets of every tier: `azCount` for public and compute (one per AZ), `dataSubnetCount` for data. */
export function planSubnets(
  vpcCidr: string,
  azCount: number,
  dataSubnetCount: number,
): SubnetCidrs {
  const vpc = parseCidr(vpcCidr);
  if (typeof vpc === "string") throw new Error(`planSubnets: ${vpc}`);
  return {
    public: planTier(vpc, "public", azCount),
    compute: planTier(vpc, "compute", azCount),
    data: planTier(vpc, "data", dataSubnetCount),
  };
}

/** Every pair of overlapping subnets, each pair once, in list order. */
export function overlappingPairs<T extends { readonly cidr: Cidr }>(items: readonly T[]): [T, T][] {
  const pairs: [T, T][] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (overlaps(items[i].cidr, items[j].cidr)) pairs.push([items[i], items[j]]);
    }
  }
  return pairs;
}

/** The compute subnets an interface endpoint goes in: all of them ("all-azs") or the first. */
export function endpointSubnets<T>(placement: "all-azs" | "single-az", subnets: readonly T[]): T[] {
  return placement === "single-az" ? subnets.slice(0, 1) : [...subnets];
}

/** A compute subnet's zone: its name (e.g. "eu-west-1b") and AZ ID (e.g. "euw1-az1"). */
export interface SubnetZone {
  readonly name: string;
  readonly id: string;
}

/**
 * Checks that the zones of the compute subnets an interface endpoint of `service` goes in
 * (`endpointSubnets` of `zones`) offer the service (`offered`, zone names: EC2
 * DescribeVpcEndpointServices `AvailabilityZones`). AWS refuses an endpoint subnet in any other
 * zone ("The VPC endpoint service … does not support the Availability Zone of the subnet",
 * https://repost.aws/knowledge-center/interface-endpoint-availability-zone), so this throws at
 * preview, naming the service, the zones that lack it (names, and the AZ IDs `AVOIDED_ZONE_IDS`
 * takes: a name maps to a different zone in each account) and what to change. The subnets are not
 * narrowed to the zones that offer the service: the list must have a length known at preview (a
 * list computed from a look-up's answer is one unknown value until the subnets exist), which the
 * endpoint's per-zone cost and the architecture views read.
 */
export function checkEndpointZones(
  network: string,
  serviceName: string,
  placement: "all-azs" | "single-az",
  zones: readonly SubnetZone[],
  offered: readonly string[],
): void {
  const lacking = endpointSubnets(placement, zones).filter((z) => !offered.includes(z.name));
  if (lacking.length === 0) return;
  const where = offered.length > 0 ? [...offered].sort().join(", ") : "no zone";
  const ids = lacking.map((z) => z.id).join(", ");
  throw new Error(
    `Network ${network}: the VPC endpoint service ${serviceName} is not offered in ` +
      `${lacking.map((z) => `${z.name} (${z.id})`).join(", ")}, where endpointPlacement ` +
      `"${placement}" puts its endpoint (it is offered in ${where}; EC2 ` +
      `DescribeVpcEndpointServices). Add ${ids} to AVOIDED_ZONE_IDS (components/network/vpc.ts) ` +
      `so the subnets move to zones that offer it, leave the service out ` +
      `(platform:extraInterfaceEndpoints), or deploy to another region`,
  );
}
