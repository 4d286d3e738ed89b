// The subnet layout of awsx 3's `ec2.Vpc` as awsx decides it before creating anything
// (pulumi/pulumi-awsx awsx/ec2/vpc.ts `initialize`): its availability zones, its subnets by zone
// and type, the default `subnetStrategy` and which allocator lays the subnets out, and the NAT
// gateway strategy. ./remote-children-vpc.ts builds the children and the refusals from it.
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
export function awsxZones(
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

/**
 * Whether awsx lays the subnets out with its Legacy allocator (`pickSubnetAllocator`): true for
 * `Legacy`, and for `Exact` without `subnetSpecs`; false for `Auto` or `Exact` with specs. `Auto`
 * without specs took the Legacy allocator until pulumi/pulumi-awsx#1355 (merged 2024-08-05, "Prior
 * to this change, the code would implicitly use the Legacy strategy ... even though Auto is
 * requested"), in an awsx 2 release not placed here: the Auto allocator from awsx 3, undefined
 * (neither judged) for an older or unknown version. Undefined as well for an unknown strategy and
 * for `AutoMerge` (pulumi/pulumi-awsx#1917: the default layout with the specs laid over it, not
 * modelled here) or any other.
 */
export function legacyAllocator(
  inputs: Inputs,
  subnetStrategy: unknown,
  version: string | undefined,
): boolean | undefined {
  if (!known(subnetStrategy)) return undefined;
  if (subnetStrategy === "Legacy") return true;
  if (subnetStrategy !== "Auto" && subnetStrategy !== "Exact") return undefined;
  if (inputs.subnetSpecs !== undefined) return false;
  if (subnetStrategy === "Exact") return true;
  const m = version === undefined ? undefined : major(version);
  return m !== undefined && m >= 3 ? false : undefined;
}
