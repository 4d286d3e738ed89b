// Application, Network and Gateway Load Balancers placed in more than one subnet, so the loss of
// one Availability Zone does not take the load balancer down.
import { resourcePolicy } from "../../lib/define";
import { ALB_LOAD_BALANCER, LB_LOAD_BALANCER } from "../../lib/types";
import { awsDocs, fsbp } from "../../lib/controls";
import { NATIVE_ELBV2_LOAD_BALANCER } from "../../lib/native/types";

/** How many elements a list holds, without reading them (an element unknown at preview counts). */
const size = (v: unknown): number =>
  v === undefined || v === null ? 0 : Array.isArray(v) ? v.length : 1;

/** The fewest subnets (one per zone) Security Hub ELB.13 accepts by default. */
const MIN_SUBNETS = 2;

export const elbMultipleZones = resourcePolicy({
  name: "elb-load-balancer-multiple-zones",
  description:
    "Application, Network and Gateway Load Balancers are placed in at least two subnets (subnets " +
    "or subnetMappings), one per Availability Zone. AWS requires two zones for an Application " +
    "Load Balancer; a Network or Gateway Load Balancer may run in one. Advisory. The rule counts " +
    "subnets, not zones: two subnets of one zone pass.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Give the load balancer a subnet in each of at least two Availability Zones (`subnets: " +
    "[subnetA.id, subnetB.id]`).",
  references: [
    fsbp("ELB.13"),
    awsDocs("elasticloadbalancing/latest/network/network-load-balancers (Availability Zones)"),
  ],
  types: [LB_LOAD_BALANCER, ALB_LOAD_BALANCER, NATIVE_ELBV2_LOAD_BALANCER],
  check: (props, ctx) => {
    // An unknown list (subnets of the stack, at preview) is a preview note; an unknown element
    // is still one subnet.
    const count = size(props.subnets) + size(props.subnetMappings);
    if (count < MIN_SUBNETS) {
      ctx.report(
        `placed in ${count} subnet${count === 1 ? "" : "s"}: the load balancer runs in one ` +
          "Availability Zone at most.",
      );
    }
  },
});
