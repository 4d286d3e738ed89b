// Route tables built for private egress that no subnet of the stack uses yet: a default route to a
// NAT gateway, a NAT instance or appliance, an egress-only internet gateway or a transit gateway
// exists only to give private (compute or data) subnets internet egress. Once a subnet of the stack
// uses the table, ec2-compute-subnet-no-default-route judges it (mandatory); until then the table
// is associated elsewhere, or later, and this advisory names it.
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import {
  describeRoute,
  INTERNET_RANGES,
  NetworkGraph,
  privateEgressRoutes,
} from "../../lib/network";
import { literalId } from "../../lib/references";
import { collect, unknownError } from "../../lib/values";
import {
  EC2_MAIN_ROUTE_TABLE_ASSOCIATION,
  EC2_ROUTE,
  EC2_ROUTE_TABLE,
  EC2_ROUTE_TABLE_ASSOCIATION,
} from "../../lib/types";
import { awsDocs, cdkNag, checkov } from "../../lib/controls";

const ASSOCIATIONS = [EC2_ROUTE_TABLE_ASSOCIATION, EC2_MAIN_ROUTE_TABLE_ASSOCIATION];

export const routeTablePrivateEgress = stackPolicy({
  name: "ec2-route-table-private-egress",
  description:
    "Route tables that no subnet of this stack uses send no route for " +
    `${INTERNET_RANGES} to a ` +
    "NAT gateway, NAT instance or network interface, egress-only internet gateway or transit " +
    "gateway: such a table only serves to give private compute or data subnets internet egress. " +
    "Advisory: the subnets it will serve are not in this stack; a subnet of the stack that uses " +
    "it is judged by ec2-compute-subnet-no-default-route.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Remove the default route and reach AWS services through VPC endpoints. If the table serves " +
    "a reviewed workload that needs egress, waive it with the reason (tag " +
    "`waiver:ec2-route-table-private-egress` on the route table).",
  references: [
    checkov("CKV2_AWS_35"),
    cdkNag("VPCNoUnrestrictedRouteToIGW"),
    awsDocs("vpc/latest/userguide/configure-subnets (subnet types)"),
  ],
  noNativeTwin:
    "the rule reads routes, route tables and their associations as the classic provider splits them, and aws-native's need that reading rebuilt, not renamed: not judged yet (the mandatory ec2-compute-subnet-no-default-route judges native routes).",
  types: [
    EC2_ROUTE_TABLE,
    EC2_ROUTE,
    EC2_ROUTE_TABLE_ASSOCIATION,
    EC2_MAIN_ROUTE_TABLE_ASSOCIATION,
  ],
  check: (ctx) => {
    const g = NetworkGraph.of(ctx.index);
    const associations = ctx.index.ofType(...ASSOCIATIONS);
    /** Whether an association of the stack may name `table` (by dependency, literal id or unknown). */
    const associated = (table: PolicyResource): boolean => {
      if (ctx.index.referrers(table, "routeTableId", ...ASSOCIATIONS).length) return true;
      const id = literalId(table);
      for (const a of associations) {
        if (a.propertyDependencies?.routeTableId?.length) continue;
        const ref = collect(a.props, ["routeTableId"]);
        if (ref.unknown) {
          throw unknownError(
            `the route table of association "${a.name}" is unknown until apply and may be "${table.name}"`,
          );
        }
        if (id && ref.values.includes(id)) return true;
      }
      return false;
    };
    for (const table of ctx.index.ofType(EC2_ROUTE_TABLE)) {
      const node = g.table(table);
      if (!node) continue;
      const egress = privateEgressRoutes(node.routes);
      if (!egress.length) continue;
      ctx.each(table, () => {
        if (associated(table)) return;
        ctx.report(
          table,
          `route table "${table.name}" is used by no subnet of this stack and sends ${egress.map(describeRoute).join("; ")}: a default route for private subnets' egress.`,
          node.carriers,
        );
      });
    }
  },
});
