// How each priced resource type turns into monthly charges, read from what the program registered
// (inputs known at preview: sizes, counts, subnets, retention...). A rule returns charges, or says
// why the resource is free, or throws `Unpriceable` with the reason it cannot be priced; a type
// with no rule and no FREE_TYPES entry is reported as unpriced by the estimator.
import { RecordedResource } from "../../lib/recorder";
import { Assumptions } from "../assumptions";
import { HOURS_PER_MONTH } from "../prices";
import { isUnknown, ResourceIndex } from "../../lib/resource-index";

export type ChargeKind = "fixed" | "variable";

/** One priced quantity: `quantity` units of the price `priceKey` per month. */
export interface Charge {
  readonly kind: ChargeKind;
  /** Short name of what is charged, e.g. "ALB hours". */
  readonly what: string;
  /** Quantity per month in the price's unit. */
  readonly quantity: number;
  /** How the quantity was derived, e.g. "2 tasks × 0.25 vCPU × 730 h". */
  readonly basis: string;
  readonly priceKey: string;
  /** Extra words for the reader (caps, free tiers, worst cases). */
  readonly note?: string;
}

export type RuleResult = { readonly charges: Charge[] } | { readonly free: string };

export interface RuleContext {
  readonly index: ResourceIndex;
  readonly assumptions: Assumptions;
}

export type Rule = (r: RecordedResource, ctx: RuleContext) => RuleResult;

/** The resource cannot be priced from what the program registered; the reason says why. */
export class Unpriceable extends Error {}

export const H = HOURS_PER_MONTH;
export const DAYS_PER_MONTH = 30.42;

export function fmt(n: number): string {
  return Number.isInteger(n)
    ? n.toLocaleString("en-US")
    : Number(n.toPrecision(4)).toLocaleString("en-US");
}

/** The variable charge of `gb` GB a month taken from the assumptions, with that as its basis. */
export function assumedGb(what: string, gb: number, priceKey: string): Charge {
  return { kind: "variable", what, quantity: gb, basis: `${fmt(gb)} GB (assumed)`, priceKey };
}

/**
 * The variable charge of `requests` a month under a price per 10,000 requests (KMS, CloudFront
 * HTTPS), with the request count as its basis.
 */
export function per10kRequests(what: string, requests: number, priceKey: string): Charge {
  return {
    kind: "variable",
    what,
    quantity: requests / 10_000,
    basis: `${fmt(requests)} requests`,
    priceKey,
  };
}

export function known<T>(_r: RecordedResource, prop: string, value: T): Exclude<T, undefined> {
  if (value === undefined || isUnknown(value)) {
    throw new Unpriceable(`${prop} is not known at preview`);
  }
  return value as Exclude<T, undefined>;
}

export function listOf(r: RecordedResource, prop: string): unknown[] {
  const v = r.inputs[prop];
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Unpriceable(`${prop} is not known at preview`);
  return v;
}

// Helpers shared by the rules.

/** Running Fargate tasks that use `taskDef` (sum of the desired counts of its services). */
export function tasksOf(taskDef: RecordedResource, index: ResourceIndex): number {
  return index
    .referrers(taskDef, "taskDefinition", "aws:ecs/service:Service")
    .reduce(
      (n, s) => n + (typeof s.inputs.desiredCount === "number" ? s.inputs.desiredCount : 0),
      0,
    );
}

/** Running tasks of every Fargate service in the recording. */
export function allTasks(index: ResourceIndex): number {
  return index
    .ofType("aws:ecs/service:Service")
    .reduce(
      (n, s) => n + (typeof s.inputs.desiredCount === "number" ? s.inputs.desiredCount : 0),
      0,
    );
}

/** Days after which a bucket's objects expire (its lifecycle configuration), if any. */
export function expirationDays(bucket: RecordedResource, index: ResourceIndex): number | undefined {
  let days: number | undefined;
  for (const lc of index.referrers(
    bucket,
    "bucket",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  )) {
    for (const rule of Array.isArray(lc.inputs.rules) ? lc.inputs.rules : []) {
      const d = rule?.expiration?.days;
      if (rule?.status === "Enabled" && typeof d === "number")
        days = days === undefined ? d : Math.min(days, d);
    }
  }
  return days;
}
