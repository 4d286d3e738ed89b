// Whether the subnet layout of an awsx `ec2.Vpc` fits its VPC block, as awsx's own allocators
// decide it before creating anything (pulumi/pulumi-awsx awsx/ec2/vpc.ts `initialize`, then
// awsx/ec2/subnetDistributorNew.ts and subnetDistributorLegacy.ts). Each refusal is awsx's own
// message; ./remote-children-vpc.ts `awsxVpcRefusal` asks it in awsx's order (after the zone and
// Elastic IP checks, before the NAT gateway one).
import { Cidr, parseCidr } from "../../../components/cidr";
import { hasUnknown } from "../fake-aws";
import type { Inputs } from "./remote-child";

/** A subnet spec as the allocators read it. */
interface Spec {
  readonly type: string;
  readonly name?: string;
  readonly cidrMask?: number;
}

/** awsx `newBits`: the bits that split a block in `count` (0 for none). */
function newBits(count: number): number {
  return count === 0 ? 0 : Math.ceil(Math.log2(count));
}

/** subnetDistributorLegacy.ts `nextPow2`: the least power of two at or above `n` (1 for 0). */
function nextPow2(n: number): number {
  return n <= 1 ? 1 : 2 ** Math.ceil(Math.log2(n));
}

const sizeOf = (mask: number) => 2 ** (32 - mask);

/**
 * awsx's refusal of the subnet layout, or undefined when it fits or cannot be known (an unknown
 * or unparsable block, unknown specs, an explicit `cidrBlocks` layout, no strategy known).
 * `legacy` is whether awsx picks its Legacy allocator; `azCount` the zones it spreads over.
 */
export function awsxSubnetLayoutRefusal(
  name: string,
  inputs: Inputs,
  azCount: number | undefined,
  legacy: boolean | undefined,
): { prop: string; says: string } | undefined {
  if (azCount === undefined || legacy === undefined) return undefined;
  const block = inputs.cidrBlock ?? "10.0.0.0/16";
  if (typeof block !== "string") return undefined;
  const vpc = parseCidr(block);
  if (typeof vpc === "string") return undefined; // the provider's own check names it
  const raw: unknown = inputs.subnetSpecs;
  if (raw !== undefined && (!Array.isArray(raw) || hasUnknown(raw))) return undefined;
  const given = raw as Inputs[] | undefined;
  if (given?.some((s) => s?.cidrBlocks !== undefined || typeof s?.type !== "string")) {
    return undefined;
  }
  const specs = given?.map(normalized);
  if (specs?.some((s) => s === undefined)) return undefined;
  const says = legacy
    ? legacyRefusal(name, vpc, azCount, specs as Spec[] | undefined)
    : autoRefusal(vpc, azCount, specs as Spec[] | undefined, inputs.availabilityZoneCidrMask);
  return says === undefined ? undefined : { prop: "subnetSpecs", says };
}

/**
 * subnetDistributorNew.ts `validateAndNormalizeSubnetInputs`: `cidrMask`, else the mask of `size`
 * (a power of two from 4); undefined for a size awsx refuses on its own (not judged here).
 */
function normalized(s: Inputs): Spec | undefined {
  const { cidrMask, size } = s;
  if (cidrMask !== undefined && typeof cidrMask !== "number") return undefined;
  let mask = cidrMask as number | undefined;
  if (mask === undefined && size !== undefined) {
    const bits = typeof size === "number" && size >= 4 ? Math.log2(size) : NaN;
    if (!Number.isInteger(bits)) return undefined;
    mask = 32 - bits;
  }
  return { type: String(s.type), name: s.name as string | undefined, cidrMask: mask };
}

/**
 * The Auto (and Exact) allocator, `allocateSubnetCidrBlocks`: each zone gets a block of
 * `availabilityZoneCidrMask` (else the VPC's split by the zone count); its specs, the default
 * mask being that block split by their count, must add up to no more than the zone's block:
 * "Subnets are too large for VPC. ..." Without specs, `defaultSubnetInputs` wants a /26 per zone.
 */
function autoRefusal(
  vpc: Cidr,
  azCount: number,
  given: Spec[] | undefined,
  azCidrMask: unknown,
): string | undefined {
  if (azCidrMask !== undefined && typeof azCidrMask !== "number") return undefined;
  const azBitmask = (azCidrMask as number | undefined) ?? vpc.prefix + newBits(azCount);
  if (given === undefined && azBitmask > 26) {
    return (
      `Automatic subnet creation requires a VPC with at least /26 available per AZ, but only /${azBitmask} is available.` +
      "If you do need very small subnets, please specify them explicitly."
    );
  }
  const top = Math.max(azBitmask, 16);
  const specs = given ?? [
    { type: "Private", cidrMask: top + 1 },
    { type: "Public", cidrMask: top + 2 },
  ];
  if (specs.length === 0) return "No subnets specified";
  const fallback = azBitmask + newBits(specs.length);
  const azSize = sizeOf(azBitmask);
  const total = specs.reduce((n, s) => n + sizeOf(s.cidrMask ?? fallback), 0);
  return total > azSize
    ? `Subnets are too large for VPC. VPC has ${azSize} addresses, but subnets require ${total} addresses.`
    : undefined;
}

/** An address with a mask, as the `ip-address` package's Address4 keeps it (host bits kept). */
interface Block {
  readonly address: number;
  readonly mask: number;
}
const start = (b: Block) => b.address - (b.address % sizeOf(b.mask));
const end = (b: Block) => start(b) + sizeOf(b.mask) - 1;
const text = (b: Block) =>
  `${[24, 16, 8, 0].map((s) => Math.floor(b.address / 2 ** s) % 256).join(".")}/${b.mask}`;

/** `cidrSubnetV4`: the `netNum`-th block of `newBits` more bits from `range`'s own address. */
function cidrSubnet(range: Block, bits: number, netNum: number): Block {
  const mask = range.mask + bits;
  if (mask > 32)
    throw new Error(`Requested ${bits} new bits, but only ${32 - range.mask} are available.`);
  return { address: range.address + sizeOf(mask) * netNum, mask };
}

/** `nextBlock`: the block of `mask` after the one that holds `previous`'s last address. */
function nextBlock(previous: Block, mask: number): Block {
  const last = end(previous);
  return { address: start({ address: last, mask }) + sizeOf(mask), mask };
}

const overlapping = (a: Block, b: Block) => start(a) <= end(b) && start(b) <= end(a);

/**
 * The Legacy allocator, `getSubnetSpecsLegacy`, then vpc.ts `validateSubnets`: each zone gets the
 * VPC split by the next power of two of the zone count; private, public, then isolated subnets
 * are cut from it (default masks /19, /20, /24 or the zone's block split by the spec count, when
 * narrower), each moved past the previous one it would overlap. A cut past /32 throws
 * ("Requested N new bits ..."); subnets that still overlap (a spec wider than its zone) are
 * refused, listed by name.
 */
function legacyRefusal(
  name: string,
  vpc: Cidr,
  azCount: number,
  given: Spec[] | undefined,
): string | undefined {
  const whole: Block = { address: vpc.base, mask: vpc.prefix };
  const out: { name: string; block: Block }[] = [];
  try {
    const perAz = Math.log2(nextPow2(azCount));
    const bases = Array.from({ length: azCount }, (_, i) => cidrSubnet(whole, perAz, i));
    if (given === undefined) {
      // `generateDefaultSubnets`: a private half and, after it, a public quarter of each zone.
      for (const base of bases) cidrSubnet(cidrSubnet(cidrSubnet(base, 1, 0), 0, 1), 1, 0);
      return undefined;
    }
    const baseMask = bases[0]?.mask ?? whole.mask;
    const split = Math.log2(nextPow2(given.length));
    const order: [string, number][] = [
      ["private", 19],
      ["public", 20],
      ["isolated", 24],
    ];
    bases.forEach((base, i) => {
      let current: Block = { address: start(base) - 1, mask: 32 };
      let last: Block | undefined;
      for (const [type, floor] of order) {
        const ofType = given.filter((s) => s.type.toLowerCase() === type);
        const splitBase = last ? cidrSubnet(last, 0, 1) : base;
        const baseIpMask = (last ?? base).mask;
        ofType.forEach((s, j) => {
          const mask = s.cidrMask ?? Math.max(baseMask + split, floor);
          let next = cidrSubnet(
            type === "private" ? base : splitBase,
            mask - (type === "private" ? baseMask : baseIpMask),
            j,
          );
          if (overlapping(current, next)) next = nextBlock(current, mask);
          out.push({ name: `${name}-${s.name ?? type}-${i + 1}`, block: next });
          current = next;
        });
        if (ofType.length > 0) last = out[out.length - 1].block;
      }
    });
  } catch (e) {
    return (e as Error).message;
  }
  // `getOverlappingSubnets`: one inside the other (Address4 `isInSubnet`, either way).
  const inside = (a: Block, b: Block) =>
    a.mask >= b.mask && start({ address: a.address, mask: b.mask }) === start(b);
  const overlaps = out.filter((x) =>
    out.some((y) => x !== y && (inside(x.block, y.block) || inside(y.block, x.block))),
  );
  if (overlaps.length === 0) return undefined;
  // awsx's own text, line breaks and all (`validateSubnets`: the header, a blank line, then one
  // "n. name: cidr" line per subnet).
  return (
    "The following subnets overlap with at least one other subnet. Make the CIDR for the VPC " +
    "larger, reduce the size of the subnets per AZ, or use less Availability Zones:\n\n" +
    overlaps.map((o, k) => `${k + 1}. ${o.name}: ${text(o.block)}\n`).join("")
  );
}
