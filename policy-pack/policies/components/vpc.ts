// awsx.ec2.Vpc: the "no default route from compute subnets" guarantee for a VPC whose subnets,
// route tables and routes are created by the awsx provider plugin, out of the engine's sight.
//
// What awsx creates, from its source (pulumi-awsx awsx/ec2/vpc.ts): `natGateways.strategy` defaults
// to "OnePerAz"; without `subnetSpecs` each availability zone gets a public and a private subnet;
// every Private subnet's route table gets `0.0.0.0/0 -> NAT gateway` unless the strategy is "None";
// every Public subnet gets `0.0.0.0/0 -> internet gateway` and `mapPublicIpOnLaunch: true`
// (`mapPublicIpOnLaunch: spec.type.toLowerCase() === "public"`, no argument to change it); Isolated
// subnets get no route.
import { resourcePolicy } from "../../lib/define";
import { AWSX_VPC } from "../../lib/types";
import { asList } from "../../lib/values";
import { awsDocs, cdkNag, checkov, fsbp, kics, trivy } from "../../lib/controls";

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

export const awsxVpcPublicSubnetNoPublicIpOnLaunch = resourcePolicy({
  name: "awsx-vpc-public-subnet-no-public-ip-on-launch",
  description:
    "An awsx.ec2.Vpc creates no subnet that gives every instance launched in it a public IP address: awsx creates each Public subnet with mapPublicIpOnLaunch true, and no argument turns it off. The same guarantee as ec2-subnet-no-public-ip-on-launch, judged on the component's inputs because its subnets are never visible offline (the CLI shows them to the pack once the awsx plugin registers them).",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Give the Vpc a `transforms` entry that sets `mapPublicIpOnLaunch: false` on its aws:ec2/subnet:Subnet children (load balancers and NAT gateways in a public subnet need no public IP mapping), or use only Private and Isolated `subnetSpecs`; then tag the Vpc `waiver:awsx-vpc-public-subnet-no-public-ip-on-launch` with that reason, since the transform is not among the inputs this rule can see.",
  references: [
    checkov("CKV_AWS_130"),
    trivy("AWS-0164"),
    fsbp("EC2.15"),
    kics("VPC Subnet Assigns Public IP"),
    awsDocs("pulumi-awsx awsx/ec2/vpc.ts (Public subnets: mapPublicIpOnLaunch true)"),
  ],
  types: [AWSX_VPC],
  check: (props, ctx) => {
    const publics = subnetTypes(props).filter((t) => t.toLowerCase() === "public").length;
    if (publics === 0) return;
    const specs =
      asList(props.subnetSpecs).length === 0 ? "the default subnet layout" : "subnetSpecs";
    ctx.report(
      `${specs} has Public subnets, and awsx creates each with mapPublicIpOnLaunch true: every instance launched there without a setting of its own gets a public IP address.`,
    );
  },
});
