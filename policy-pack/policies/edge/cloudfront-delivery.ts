// CloudFront distributions: where they serve (a geographic allow or deny list) and what they do
// when an origin fails (an origin group that fails over to a second origin). Both advisory: a
// public site may rightly serve everywhere, and failover needs a second, replicated origin.
import { resourcePolicy } from "../../lib/define";
import { asList } from "../../lib/values";
import { CLOUDFRONT_DISTRIBUTION } from "../../lib/types";
import { awsDocs, checkov, fsbp } from "../../lib/controls";
import { NATIVE_CLOUDFRONT_DISTRIBUTION } from "../../lib/native/types";

export const cloudfrontGeoRestriction = resourcePolicy({
  name: "cloudfront-geo-restriction",
  description:
    "CloudFront distributions should restrict the countries they serve (an allow list, or a deny list of " +
    "sanctioned or unserved countries). Advisory: a site meant for everyone may waive it with that reason.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Set `restrictions.geoRestriction` to `{ restrictionType: "whitelist", locations: [...] }` (or "blacklist").',
  references: [
    checkov("CKV_AWS_374"),
    awsDocs("Restrict the geographic distribution of your content"),
  ],
  types: [CLOUDFRONT_DISTRIBUTION, NATIVE_CLOUDFRONT_DISTRIBUTION],
  check: (props, ctx) => {
    if (props.restrictions?.geoRestriction?.restrictionType === "none")
      ctx.report('restrictions.geoRestriction.restrictionType is "none": served in every country.');
  },
});

export const cloudfrontOriginFailover = resourcePolicy({
  name: "cloudfront-origin-failover",
  description:
    "CloudFront distributions should put their origins in an origin group with failover criteria and two members, " +
    "so a failing primary origin (5xx, or 403/404 from an emptied bucket) is replaced by the secondary. Advisory.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Add `originGroups: [{ originId, failoverCriteria: { statusCodes: [500, 502, 503, 504] }, members: " +
    "[{ originId: primary }, { originId: secondary }] }]` and point the cache behaviours at the group.",
  references: [
    checkov("CKV_AWS_310"),
    fsbp("CloudFront.4"),
    awsDocs("Optimize high availability with CloudFront origin failover"),
  ],
  types: [CLOUDFRONT_DISTRIBUTION, NATIVE_CLOUDFRONT_DISTRIBUTION],
  check: (props, ctx) => {
    const groups = asList<Record<string, any>>(props.originGroups);
    if (groups.length === 0) {
      ctx.report("has no origin group: no failover when the origin fails.");
      return;
    }
    for (const g of groups) {
      const id = String(g?.originId ?? "?");
      if (!g?.failoverCriteria) ctx.report(`origin group ${id} has no failoverCriteria.`);
      else if (asList(g.members).length < 2)
        ctx.report(`origin group ${id} has fewer than two members.`);
    }
  },
});
