// Helpers the S3 bucket rules share: naming a bucket in findings, running a check per bucket,
// and the four public-access flags.
import type { PolicyResource } from "@pulumi/policy";
import type { StackCheckContext } from "../define";
import { bucketsOf } from "./buckets";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

/** Names of the public-access flags that are not `true` (an unset flag defaults to false). */
export function falseFlags(props: any): string[] {
  return FLAGS.filter((f) => props[f] !== true);
}

export const label = (r: PolicyResource) => `bucket "${r.name}"`;

/** Runs `check` for every bucket of the stack, each in its own preview-safe part. */
export function eachBucket<C>(
  ctx: StackCheckContext<C>,
  check: (bucket: PolicyResource) => void,
): void {
  for (const bucket of bucketsOf(ctx.index)) ctx.each(bucket, () => check(bucket));
}
