// The region the provider creates a resource in, and where that region came from, when a run
// knows it: the resource's `region` input (@pulumi/aws 7), else its provider's. An explicit
// provider's region is its own `region` input: it never reads the stack's `aws:region` (without one
// it reads AWS_REGION, AWS_DEFAULT_REGION or its profile's region, @pulumi/aws provider.js, none of
// which a preview knows, so such a resource's region is not known). The default provider's region
// is the stack's (`aws:region`, AWS_REGION). Shared by the checks across resources that judge a
// value against the region (./cloudfront-scope.ts, ./subnet-zone.ts).
import type { EngineResource } from "../engine/monitor";
import { isDefaultProviderRef, withProviderRegion } from "../engine/provider-settings";
import { containsUnknown } from "../engine/wire";

/** A region and where it came from, as a refusal names it. */
export interface CreatedIn {
  readonly region: string;
  /** "its region input", "its provider's region" or "the stack's region". */
  readonly from: string;
}

const known = (v: unknown): v is string => typeof v === "string" && !containsUnknown(v);

/** The region a resource is created in, given its own `region` input; undefined when unknown. */
export function createdIn(
  byUrn: ReadonlyMap<string, EngineResource>,
  r: EngineResource,
  own: unknown,
  stackRegion: string | undefined,
): CreatedIn | undefined {
  // An empty `region` is no region: the provider falls back as if none were given.
  if (own !== undefined && own !== null && own !== "")
    return known(own) ? { region: own, from: "its region input" } : undefined;
  const viaProvider: unknown = withProviderRegion(byUrn, r.type, {}, r.provider).region;
  if (!isDefaultProviderRef(r.provider))
    return known(viaProvider) ? { region: viaProvider, from: "its provider's region" } : undefined;
  const region = viaProvider ?? stackRegion;
  return known(region) ? { region, from: "the stack's region" } : undefined;
}
