// The plan of an awsx 3 `ec2.Vpc` (pulumi/pulumi-awsx awsx/ec2/vpc.ts `initialize`), decided from
// its inputs before any child exists: the availability zones, the subnets per zone and their
// names, the NAT gateway strategy, and the inputs awsx refuses with its own message. The children
// made from it: ./remote-children-vpc.ts.
import { hasUnknown, UNKNOWN } from "../fake-aws";
import { major } from "./versions";
import { given, Inputs } from "./remote-child";

export type SubnetType = "Public" | "Private" | "Isolated";

/** One subnet awsx creates: its name, type, spec tags and availability zone (index and name). */
export interface PlannedSubnet {
  readonly name: string;
  /** Its AWS `Name` tag (and its route table's): `name`, or by zone (`subnetNameTagStrategy`). */
  readonly nameTag: string;
  readonly type: SubnetType;
  readonly tags?: Inputs;
  readonly az: number;
  readonly azName: string;
}

export const known = (v: unknown): boolean => v !== undefined && !hasUnknown(v);
const TYPES: readonly SubnetType[] = ["Public", "Private", "Isolated"];

/**
 * The availability zones of an awsx `ec2.Vpc`, as awsx/ec2/vpc.ts `initialize` decides them, or
 * its refusal. It throws when `args.availabilityZoneNames && args.numberOfAvailabilityZones`, a
 * JavaScript truthiness test (`[]` counts as given, `0` does not); the zones are then
 * `args.availabilityZoneNames ?? getDefaultAzs(args.numberOfAvailabilityZones)`, and
 * `getDefaultAzs` takes the region's first `count ?? 3` (`result.names.slice(0, desiredCount)`,
 * so `0` gives none), throwing when the region has fewer. `count` is the number of zones even when
 * their names are not known; `{}` when the deciding inputs are unknown.
 */
function awsxZones(
  inputs: Inputs,
  zonesInRegion: readonly string[],
): { azs?: string[]; count?: number; refused?: { prop: string; says: string } } {
  const { availabilityZoneNames: names, numberOfAvailabilityZones: wanted } = inputs;
  if (names === UNKNOWN || wanted === UNKNOWN) return {};
  if (names && wanted)
    return {
      refused: {
        prop: "numberOfAvailabilityZones",
        says: "Only one of [availabilityZoneNames] and [numberOfAvailabilityZones] can be specified",
      },
    };
  if (given(names)) {
    if (!Array.isArray(names)) return {};
    return hasUnknown(names) ? { count: names.length } : { azs: names, count: names.length };
  }
  const count = wanted ?? 3;
  if (typeof count !== "number") return {};
  if (zonesInRegion.length < count)
    return {
      refused: {
        prop: "numberOfAvailabilityZones",
        says:
          `The configured region for this provider does not have at least ${count} Availability ` +
          "Zones. Either specify an explicit list of zones in availabilityZoneNames or choose a " +
          `region with at least ${count} AZs.`,
      },
    };
  const azs = zonesInRegion.slice(0, count);
  return { azs, count: azs.length };
}

/**
 * The subnets of an awsx `ec2.Vpc` in the order awsx creates them: per availability zone, then
 * Public, Private, Isolated (the loop over `availabilityZones` sorted by `compareSubnetSpecs`;
 * `Unused` specs make no subnet). Their Pulumi names are `<vpc>-<spec name or type>-<az index + 1>`
 * whatever `subnetNameTagStrategy` says; that input (awsx 3.9) only changes their `Name` tags,
 * and their route tables', to end in the zone's name without its region (`us-east-1a` → `1a`)
 * under "AvailabilityZone" (awsx/ec2/subnetNaming.ts `subnetNames`, `azSuffix`). The zones are
 * those of `awsxZones`. Undefined when the inputs that decide them are unknown, or when the real
 * run would fail (awsx refuses the zone inputs).
 */
export function awsxVpcSubnetPlan(
  name: string,
  inputs: Inputs,
  zonesInRegion: readonly string[],
): PlannedSubnet[] | undefined {
  const { subnetSpecs } = inputs;
  const azs = awsxZones(inputs, zonesInRegion).azs;
  if (!azs) return undefined;
  // awsx/ec2/subnetDistributorLegacy.ts `generateDefaultSubnets`: one private, one public per AZ.
  const specs: { type: string; name?: string; tags?: Inputs }[] =
    subnetSpecs === undefined ? [{ type: "Private" }, { type: "Public" }] : subnetSpecs;
  if (!Array.isArray(specs)) return undefined;
  for (const s of specs)
    if (!s || !known(s.type) || (s.name !== undefined && !known(s.name))) return undefined;
  const byZone = inputs.subnetNameTagStrategy === "AvailabilityZone";
  const out: PlannedSubnet[] = [];
  azs.forEach((azName, az) => {
    for (const type of TYPES) {
      for (const s of specs.filter((x) => String(x.type).toLowerCase() === type.toLowerCase())) {
        const prefix = `${name}-${s.name ?? type.toLowerCase()}`;
        const nameTag = byZone ? `${prefix}-${azSuffix(azName)}` : `${prefix}-${az + 1}`;
        out.push({ name: `${prefix}-${az + 1}`, nameTag, type, tags: s.tags, az, azName });
      }
    }
  });
  return out;
}

/**
 * An availability zone's name without its region (`us-east-1a` → `1a`, the Los Angeles local
 * zone `us-west-2-lax-1a` → `2-lax-1a`), or the whole name when it does not parse (awsx/ec2/
 * subnetNaming.ts `azSuffix`).
 */
function azSuffix(azName: string): string {
  const region = /^[a-z]{2}(?:-[a-z]+)+-/;
  return region.test(azName) ? azName.replace(region, "") : azName;
}

/**
 * awsx's `subnetStrategy` when the program gives none, for the awsx version the program installed
 * (as its SDK registers the component): "Legacy" for awsx 1 to 3 (awsx/ec2/vpc.ts `initialize`:
 * `args.subnetStrategy ?? "Legacy"`; the 3.9.0 package's `VpcArgs.subnetStrategy`: "Optional.
 * Defaults to `Legacy`"). awsx 2 and 3 warn that "the default subnetStrategy will change from
 * "Legacy" to "Auto" in the next major version", so for another major, or when no version was
 * sent, the default is not guessed: undefined.
 */
export function defaultSubnetStrategy(version: string | undefined): string | undefined {
  const m = version === undefined ? undefined : major(version);
  return m !== undefined && m >= 1 && m <= 3 ? "Legacy" : undefined;
}

/** The subnet names of an awsx `ec2.Vpc` by type, in the order awsx pushes their ids. */
export function awsxVpcSubnets(
  name: string,
  inputs: Inputs,
  zonesInRegion: readonly string[],
): Record<SubnetType, string[]> | undefined {
  const plan = awsxVpcSubnetPlan(name, inputs, zonesInRegion);
  if (!plan) return undefined;
  const names = (t: SubnetType) => plan.filter((s) => s.type === t).map((s) => s.name);
  return { Public: names("Public"), Private: names("Private"), Isolated: names("Isolated") };
}

/** awsx/ec2/vpc.ts: the NAT gateway strategy (`OnePerAz` by default), lower-cased; undefined when unknown. */
export function natStrategy(inputs: Inputs): string | undefined {
  const nat = inputs.natGateways;
  if (nat !== undefined && !known(nat)) return undefined;
  return String(nat?.strategy ?? "OnePerAz").toLowerCase();
}

/** awsx's own message (awsx/ec2/vpc.ts) when `validateNatGatewayStrategy` refuses the subnets. */
const NAT_NEEDS_BOTH =
  "If NAT Gateway strategy is 'OnePerAz' or 'Single', both private and public subnets must be " +
  "declared. The private subnet creates the need for a NAT Gateway, and the public subnet is " +
  "required to host the NAT Gateway resource.";

/**
 * What awsx refuses of the inputs, failing the component before it creates anything (so no child
 * exists), with awsx's own message: pulumi/pulumi-awsx awsx/ec2/vpc.ts `initialize` and what it
 * calls, in its order: `validateVpcArgs` (an IPAM pool with both or neither of `cidrBlock` and
 * `ipv4NetmaskLength`), both zone inputs, a region with fewer zones than asked (`getDefaultAzs`),
 * `validateEips` (an unknown strategy; any allocation id with `None`, more than one with `Single`,
 * with `OnePerAz` other than one per zone), `decideSubnetSpecs` (an IPAM-allocated block with the
 * `Legacy` allocator) and `validateNatGatewayStrategy` (`OnePerAz` or `Single` without both public
 * and private subnets, which `subnetSpecs: []` and private-only specs are). `subnetStrategy` is
 * the program's, else the installed version's default. Undefined when it passes or cannot be
 * known.
 */
export function awsxVpcRefusal(
  inputs: Inputs,
  zonesInRegion: readonly string[],
  subnetStrategy: unknown,
): { prop: string; says: string } | undefined {
  if (given(inputs.ipv4IpamPoolId) && given(inputs.cidrBlock) && given(inputs.ipv4NetmaskLength))
    return {
      prop: "ipv4NetmaskLength",
      says: "Only one of 'cidrBlock', 'ipv4NetmaskLength' is allowed.",
    };
  if (given(inputs.ipv4IpamPoolId) && !given(inputs.cidrBlock) && !given(inputs.ipv4NetmaskLength))
    return {
      prop: "ipv4IpamPoolId",
      says: "If 'ipv4IpamPoolId' is specified, 'ipv4NetmaskLength' or 'cidrBlock' must also be specified.",
    };
  const zoning = awsxZones(inputs, zonesInRegion);
  if (zoning.refused) return zoning.refused;
  const strategy = natStrategy(inputs);
  const written = inputs.natGateways?.strategy ?? "OnePerAz";
  const ids = inputs.natGateways?.elasticIpAllocationIds;
  if (strategy !== undefined && (ids === undefined || Array.isArray(ids))) {
    const n = ids?.length ?? 0;
    const zones = zoning.count;
    const eips = (says: string) => ({ prop: "natGateways.elasticIpAllocationIds", says });
    if (!["none", "single", "oneperaz"].includes(strategy))
      return { prop: "natGateways.strategy", says: `Unknown NatGatewayStrategy '${written}'` };
    if (strategy === "none" && n > 0)
      return eips(
        `Elastic IP allocation IDs cannot be specified when NAT Gateway strategy is '${written}'.`,
      );
    if (strategy === "single" && n > 1)
      return eips(
        `Exactly one Elastic IP may be specified when NAT Gateway strategy is '${written}'.`,
      );
    if (strategy === "oneperaz" && n > 0 && zones !== undefined && n !== zones)
      return eips(
        "The number of Elastic IPs, if specified, must match the number of availability zones " +
          `for the VPC (${zones}) when NAT Gateway strategy is '${written}'`,
      );
  }
  // `pickSubnetAllocator`: Legacy without specs unless the strategy is Auto, or when asked for.
  const legacy =
    inputs.subnetSpecs === undefined ? subnetStrategy !== "Auto" : subnetStrategy === "Legacy";
  if (given(inputs.ipv4IpamPoolId) && !given(inputs.cidrBlock) && known(subnetStrategy) && legacy)
    return {
      prop: "subnetStrategy",
      says:
        'Dynamically allocated cidrBlock ranges are not supported with subnetStrategy="Legacy". ' +
        '"Try using subnetStrategy="Auto"',
    };
  const plan = awsxVpcSubnetPlan("", inputs, zonesInRegion);
  if (!plan || (strategy !== "single" && strategy !== "oneperaz")) return undefined;
  const both = plan.some((s) => s.type === "Public") && plan.some((s) => s.type === "Private");
  return both ? undefined : { prop: "subnetSpecs", says: NAT_NEEDS_BOTH };
}
