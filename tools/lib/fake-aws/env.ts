// The account and region the fake AWS answers for.
import type { Autonaming, PatternContext } from "./autonaming";
import type { Invented } from "./invented";
import { Partition, PARTITIONS, region as regionOf, Region } from "./regions";
import { UNKNOWN } from "../engine/wire";

export interface FakeAwsEnv {
  /** 12-digit account id. */
  readonly accountId: string;
  /** Region code, e.g. `eu-west-1`; an unknown one is an error naming the nearest known ones. */
  readonly region: string;
  /** `aws`, `aws-cn` or `aws-us-gov`; derived from the region when absent. */
  readonly partition?: string;
  /** How each type is auto-named under the stack's `pulumi:autonaming` (./autonaming.ts). */
  readonly autonaming?: (type: string) => Autonaming;
  /** The project and stack a naming pattern reads (`${project}`, `${stack}`). */
  readonly naming?: PatternContext;
  /** The run's made-up values a program may name resources after, kept distinct (./invented.ts). */
  readonly invented?: Invented;
}

// The wire sentinel for an unknown value (what `pulumi preview` sends for unknowns): defined once,
// with the engine's other wire values.
export { UNKNOWN };

export interface Resolved {
  readonly accountId: string;
  readonly region: Region;
  readonly partition: Partition;
}

const cache = new Map<string, Resolved>();

/** Checks and completes an env (cached: called for every resource). */
export function resolveEnv(env: FakeAwsEnv, regionOverride?: string): Resolved {
  const code = regionOverride ?? env.region;
  const key = `${env.accountId}|${code}|${env.partition ?? ""}`;
  let r = cache.get(key);
  if (!r) {
    if (!/^\d{12}$/.test(env.accountId)) {
      throw new Error(`fake AWS: account id "${env.accountId}" is not 12 digits`);
    }
    const region = regionOf(code);
    const partition = env.partition ? PARTITIONS[env.partition] : region.partition;
    if (!partition) {
      throw new Error(
        `fake AWS: unknown partition "${env.partition}" (known: ${Object.keys(PARTITIONS).join(", ")})`,
      );
    }
    if (partition.partition !== region.partition.partition) {
      throw new Error(
        `fake AWS: region ${code} is in partition ${region.partition.partition}, not ${partition.partition}`,
      );
    }
    r = { accountId: env.accountId, region, partition };
    cache.set(key, r);
  }
  return r;
}

/** True when `v` is or holds the unknown sentinel, at any depth. */
export function hasUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (v && typeof v === "object") return Object.values(v).some(hasUnknown);
  return false;
}
