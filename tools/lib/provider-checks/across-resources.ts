// The checks that judge a resource against others of the same run, not its inputs alone: a subnet
// inside its VPC's blocks (./subnet-range.ts), a subnet in a zone of its own region
// (./subnet-zone.ts) and a WAFv2 resource of scope CLOUDFRONT created in
// us-east-1 by its own region, its provider's or, on the default provider, the stack's
// (./cloudfront-scope.ts), and the inline policies of one IAM user, role or group within its total
// (./iam-inline-totals.ts), and a route whose destination its table already has
// (./route-duplicates.ts). Each is AWS's refusal at create (`by: "aws"`).
import type { EngineResource } from "../engine/monitor";
import { cloudfrontScopeOutsideUsEast1 } from "./cloudfront-scope";
import { inlinePoliciesOverTotal } from "./iam-inline-totals";
import type { Refusal, StackNaming } from "./refusal";
import { routesAlreadyInTable } from "./route-duplicates";
import { subnetsOutsideVpc } from "./subnet-range";
import { subnetsInAnotherRegion } from "./subnet-zone";

/** What AWS refuses of one run's resources, judged across them. */
export function refusedAcrossResources(
  resources: readonly EngineResource[],
  naming: StackNaming,
): Refusal[] {
  return [
    ...subnetsOutsideVpc(resources),
    ...subnetsInAnotherRegion(resources, naming.region),
    ...cloudfrontScopeOutsideUsEast1(resources, naming.region),
    ...inlinePoliciesOverTotal(resources),
    ...routesAlreadyInTable(resources),
  ];
}
