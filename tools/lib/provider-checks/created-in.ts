// The region the provider creates a resource in, and where that region came from, when a run
// knows it: the resource's `region` input (@pulumi/aws 7), else its provider's. An explicit
// provider's region is its own `region` input: it never reads the stack's `aws:region` (without one
// it reads AWS_REGION, AWS_DEFAULT_REGION or its profile's region, @pulumi/aws provider.js, none of
// which a preview knows, so such a resource's region is not known). The default provider's region
// is the stack's (`aws:region`, AWS_REGION). A secret region is not known either: a refusal
// would write it out. Shared by the checks across resources that judge a value against the
// region (./cloudfront-scope.ts, ./subnet-zone.ts), which also share the scan of what a run
// creates ({@link createdWithRegion}).
import type { EngineResource } from "../engine/monitor";
import { awsProvider, isDefaultProviderRef, withProviderRegion } from "../engine/provider-settings";
import { containsUnknown, isSecret, plainValue } from "../engine/wire";

/** A region and where it came from, as a refusal names it. */
export interface CreatedIn {
  readonly region: string;
  /** "its region input", "its provider's region" or "the stack's region". */
  readonly from: string;
}

const known = (v: unknown): v is string => typeof v === "string" && !containsUnknown(v);

/** The region a resource is created in; undefined when unknown or secret. */
export function createdIn(
  byUrn: ReadonlyMap<string, EngineResource>,
  r: EngineResource,
  stackRegion: string | undefined,
): CreatedIn | undefined {
  const raw = (r.inputs as Record<string, unknown>).region;
  if (isSecret(raw)) return undefined;
  const own = plainValue(raw);
  // An empty `region` is no region: the provider falls back as if none were given.
  if (own !== undefined && own !== null && own !== "")
    return known(own) ? { region: own, from: "its region input" } : undefined;
  if (isSecret(awsProvider(byUrn, r.type, r.provider)?.inputs.region)) return undefined;
  const viaProvider: unknown = withProviderRegion(byUrn, r.type, {}, r.provider).region;
  if (!isDefaultProviderRef(r.provider))
    return known(viaProvider) ? { region: viaProvider, from: "its provider's region" } : undefined;
  const region = viaProvider ?? stackRegion;
  return known(region) ? { region, from: "the stack's region" } : undefined;
}

/** A resource a run creates, its plain inputs, and the region it is created in when known. */
export interface Created {
  readonly resource: EngineResource;
  readonly inputs: Record<string, unknown>;
  readonly where: CreatedIn | undefined;
}

/**
 * The resources of the types `judged` takes that a run creates (custom, not read with `get`),
 * each with its plain inputs and {@link createdIn}.
 */
export function createdWithRegion(
  resources: readonly EngineResource[],
  judged: (type: string) => boolean,
  stackRegion: string | undefined,
): Created[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  return resources
    .filter((r) => judged(r.type) && r.custom && !r.external)
    .map((r) => ({
      resource: r,
      inputs: plainValue(r.inputs) as Record<string, unknown>,
      where: createdIn(byUrn, r, stackRegion),
    }));
}
