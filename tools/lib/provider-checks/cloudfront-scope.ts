// A WAFv2 web ACL, rule group, IP set or regex pattern set of scope CLOUDFRONT created outside
// us-east-1: AWS refuses it when the provider creates it at `pulumi up` (`by: "aws"`). The WAFv2
// API's Scope: "To work with CloudFront, you must also specify the Region US East (N. Virginia)
// ... API and SDKs - For all calls, use the Region endpoint us-east-1"; the WAF Developer Guide:
// "you must use the Region US East (N. Virginia) to create your web ACL and any resources used in
// the web ACL, such as rule groups, IP sets, and regex pattern sets". The provider's schema takes
// either scope anywhere. The region a resource is created in is its own, its provider's or, on the
// default provider, the stack's (./created-in.ts); each judged only when known and not secret.
// Only the commercial partition's regions are judged (other partitions have their own
// CloudFront home).
import type { EngineResource } from "../engine/monitor";
import { createdWithRegion } from "./created-in";
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
  const out: Refusal[] = [];
  for (const { resource: r, inputs, where } of createdWithRegion(
    resources,
    (type) => TYPES.has(type),
    stackRegion,
  )) {
    if (inputs.scope !== "CLOUDFRONT" || !where) continue;
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
