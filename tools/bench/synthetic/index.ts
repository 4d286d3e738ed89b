// Synthetic recorded stacks for the pack benchmark: the mix a real platform registers, built the
// way the recorder records it (inputs, outputs, parents, property dependencies), with every value
// known (as after `pulumi up`), so every policy runs all the way. Almost everything complies; a
// few resources break a mandatory rule each, so the reporting path runs too.
import type { RecordedResource } from "../../lib/recorder";
import { networkUnit } from "./network";
import { shared } from "./shared";
import { storageUnit } from "./storage";

/**
 * About `size` resources: one log bucket, then storage units and network units (5 to 1), with three
 * deliberate mandatory violations (a bucket without a public-access block, a wildcard action, a
 * default route from a compute subnet).
 */
export function syntheticStack(size: number): RecordedResource[] {
  const out = shared();
  const logBucket = out[0];
  const networkKey = out[1];
  let s = 0;
  let n = 0;
  while (out.length < size) {
    if ((s + n) % 6 !== 5) {
      const broken = s === 3 ? "public-access" : s === 5 ? "wildcard-action" : undefined;
      out.push(...storageUnit(s++, logBucket, broken));
    } else {
      out.push(...networkUnit(n, networkKey, n === 1 ? "compute-default-route" : undefined));
      n++;
    }
  }
  return out;
}
