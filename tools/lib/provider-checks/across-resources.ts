// The checks that judge a resource against others of the same run, not its inputs alone: a subnet
// inside its VPC's blocks (./subnet-range.ts) and a WAFv2 resource of scope CLOUDFRONT created in
// us-east-1 by its own region, its provider's or, on the default provider, the stack's
// (./cloudfront-scope.ts). Both are AWS's refusals at create (`by: "aws"`).
import type { EngineResource } from "../engine/monitor";
import { cloudfrontScopeOutsideUsEast1 } from "./cloudfront-scope";
import type { Refusal, StackNaming } from "./refusal";
import { subnetsOutsideVpc } from "./subnet-range";

/** What AWS refuses of one run's resources, judged across them. */
export function refusedAcrossResources(
  resources: readonly EngineResource[],
  naming: StackNaming,
): Refusal[] {
  return [
    ...subnetsOutsideVpc(resources),
    ...cloudfrontScopeOutsideUsEast1(resources, naming.region),
  ];
}
