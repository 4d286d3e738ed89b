// awsx.ec2.Vpc: the "no default route from compute subnets" guarantee for a VPC whose subnets,
// route tables and routes are created by the awsx provider plugin, out of the engine's sight.
//
// What awsx creates, from its source (pulumi-awsx awsx/ec2/vpc.ts): `natGateways.strategy` defaults
// to "OnePerAz"; without `subnetSpecs` each availability zone gets a public and a private subnet;
// every Private subnet's route table gets `0.0.0.0/0 -> NAT gateway` unless the strategy is "None";
// every Public subnet gets `0.0.0.0/0 -> internet gateway`; Isolated subnets get no route.
import { resourcePolicy } from "../../lib/define";
import { AWSX_VPC } from "../../lib/types";
import { asList } from "../../lib/values";
import { awsDocs, cdkNag } from "../../lib/controls";

/** The subnet types an awsx Vpc creates (its `subnetSpecs`, or the default public + private). */
function subnetTypes(props: any): string[] {
  const specs = asList(props.subnetSpecs);
  if (specs.length === 0) return ["Public", "Private"];
  return specs.map((s: any) => String(s?.type ?? ""));
}

export const awsxVpcPrivateSubnetNoDefaultRoute = resourcePolicy({
  name: "awsx-vpc-private-subnet-no-default-route",
  description:
    'An awsx.ec2.Vpc creates no private subnet with a 0.0.0.0/0 route: awsx routes every Private subnet to a NAT gateway unless `natGateways.strategy` is "None", and its defaults (public + private subnets, one NAT per AZ) do. Private subnets are where the workloads run, so this is the same guarantee as ec2-compute-subnet-no-default-route, judged on the component\'s inputs because its route tables are never visible to policies.',
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    'Set `natGateways: { strategy: "None" }` and reach AWS services through VPC endpoints (`vpcEndpointSpecs`), or use `Isolated` subnets for workloads. If egress through NAT is truly required, tag the Vpc with `waiver:awsx-vpc-private-subnet-no-default-route` and the written reason.',
  references: [
    cdkNag("VPCNoUnrestrictedRouteToIGW"),
    awsDocs("pulumi-awsx awsx/ec2/vpc.ts (NAT strategy default OnePerAz)"),
  ],
  types: [AWSX_VPC],
  check: (props, ctx) => {
    const types = subnetTypes(props).map((t) => t.toLowerCase());
    const privates = types.filter((t) => t === "private").length;
    if (privates === 0) return;
    const strategy = String(props.natGateways?.strategy ?? "OnePerAz");
    if (strategy.toLowerCase() === "none") return;
    const how = props.natGateways?.strategy === undefined ? "default strategy OnePerAz" : strategy;
    const specs =
      asList(props.subnetSpecs).length === 0 ? "the default subnet layout" : "subnetSpecs";
    ctx.report(
      `${specs} has Private subnets, and awsx gives each a 0.0.0.0/0 route to a NAT gateway (natGateways: ${how}). Compute subnets must not have a default route.`,
    );
  },
});
