// A WAFv2 web ACL, rule group, IP set or regex pattern set of scope CLOUDFRONT created outside
// us-east-1: AWS refuses it when the provider creates it at `pulumi up` (`by: "aws"`). The WAFv2
// API's Scope: "To work with CloudFront, you must also specify the Region US East (N. Virginia)
// ... API and SDKs - For all calls, use the Region endpoint us-east-1"; the WAF Developer Guide:
// "you must use the Region US East (N. Virginia) to create your web ACL and any resources used in
// the web ACL, such as rule groups, IP sets, and regex pattern sets". The provider's schema takes
// either scope anywhere. The region a resource is created in is its `region` input, else its
// provider's: an explicit provider's own `region` input (it never reads the stack's `aws:region`;
// without one it reads AWS_REGION, AWS_DEFAULT_REGION or its profile's region, @pulumi/aws
// provider.js, none of which a preview knows, so such a resource is not judged); the default
// provider's region is the stack's (`aws:region`, AWS_REGION). Each judged only when known.
// Only the commercial partition's regions are judged (other partitions have their own
// CloudFront home).
import type { EngineResource } from "../engine/monitor";
import { isDefaultProviderRef, withProviderRegion } from "../engine/provider-settings";
import { containsUnknown, plainValue } from "../engine/wire";
import type { Refusal } from "./refusal";

const TYPES = new Set([
  "aws:wafv2/webAcl:WebAcl",
  "aws:wafv2/ruleGroup:RuleGroup",
  "aws:wafv2/ipSet:IpSet",
  "aws:wafv2/regexPatternSet:RegexPatternSet",
]);

const SCOPE = "https://docs.aws.amazon.com/waf/latest/APIReference/API_CreateWebACL.html";

/** A region of the commercial partition (not cn-, us-gov-, us-iso… or eu-isoe-). */
const COMMERCIAL = /^(?!cn-|us-gov-|us-iso|eu-iso)[a-z]{2}(-[a-z]+)+-\d+$/;

/** The WAFv2 resources of scope CLOUDFRONT a run creates outside us-east-1. */
export function cloudfrontScopeOutsideUsEast1(
  resources: readonly EngineResource[],
  stackRegion: string | undefined,
): Refusal[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const out: Refusal[] = [];
  for (const r of resources) {
    if (!TYPES.has(r.type) || !r.custom || r.external) continue;
    const inputs = plainValue(r.inputs) as Record<string, unknown>;
    if (inputs.scope !== "CLOUDFRONT") continue;
    if (containsUnknown(inputs.region)) continue;
    const where = createdIn(byUrn, r, inputs.region, stackRegion);
    if (!where) continue;
    const { region, from } = where;
    if (region === "us-east-1" || !COMMERCIAL.test(region)) continue;
    out.push({
      resource: r,
      prop: "scope",
      value: "CLOUDFRONT",
      says: [
        `scope CLOUDFRONT in ${region} (${from}): WAF resources for CloudFront are created in us-east-1 only`,
      ],
      fix:
        'create it in us-east-1: `region: "us-east-1"` on the resource (@pulumi/aws 7), or a ' +
        "provider of region us-east-1; or scope REGIONAL for a regional resource",
      source: SCOPE,
      by: "aws",
      autoNamed: false,
    });
  }
  return out;
}

/** The region a WAF resource is created in and where that region came from, when known. */
function createdIn(
  byUrn: ReadonlyMap<string, EngineResource>,
  r: EngineResource,
  own: unknown,
  stackRegion: string | undefined,
): { region: string; from: string } | undefined {
  if (typeof own === "string") return { region: own, from: "its region input" };
  const known = (v: unknown): v is string => typeof v === "string" && !containsUnknown(v);
  const viaProvider: unknown = withProviderRegion(byUrn, r.type, {}, r.provider).region;
  if (!isDefaultProviderRef(r.provider))
    return known(viaProvider) ? { region: viaProvider, from: "its provider's region" } : undefined;
  const region = viaProvider ?? stackRegion;
  return known(region) ? { region, from: "the stack's region" } : undefined;
}
