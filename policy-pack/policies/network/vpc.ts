// VPC-wide settings: every VPC's default security group managed and empty, flow logs capturing
// all traffic, subnets that assign no public IPv4 addresses, and no use of the default VPC.
import { resourcePolicy, stackPolicy } from "../../lib/define";
import { label, SecurityGroupGraph } from "../../lib/network";
import { groupByReference } from "../../lib/references";
import { collect, flagValue, must, unknownError } from "../../lib/values";
import {
  AWSX_DEFAULT_VPC,
  AWSX_VPC,
  EC2_DEFAULT_SECURITY_GROUP,
  EC2_DEFAULT_VPC,
  EC2_DEFAULT_SUBNET,
  EC2_FLOW_LOG,
  EC2_SUBNET,
  EC2_VPC,
} from "../../lib/types";
import { awsDocs, cdkNag, checkov, fsbp, kics, trivy } from "../../lib/controls";
import { NATIVE_EC2_FLOW_LOG, NATIVE_EC2_SUBNET, NATIVE_EC2_VPC } from "../../lib/native/types";

export const defaultSgNoRules = stackPolicy({
  name: "ec2-default-security-group-no-rules",
  description:
    "Every VPC's default security group is managed (aws.ec2.DefaultSecurityGroup) and allows no inbound or outbound traffic.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Add `new aws.ec2.DefaultSecurityGroup(name, { vpcId: vpc.id })` with no `ingress` or `egress`: the provider removes every rule of the default group when it adopts it. Give workloads their own security groups.",
  references: [checkov("CKV2_AWS_12"), trivy("AWS-0173"), fsbp("EC2.2")],
  // An aws-native VPC gets the same default group from AWS, and CloudFormation has no type to
  // manage it: only a classic aws.ec2.DefaultSecurityGroup given the native VPC's id strips it.
  types: [EC2_VPC, EC2_DEFAULT_SECURITY_GROUP, NATIVE_EC2_VPC],
  check: (ctx) => {
    const vpcs = ctx.index.ofType(EC2_VPC);
    const dsgs = ctx.index.ofType(EC2_DEFAULT_SECURITY_GROUP);
    const { byTarget: map, unresolved: floating } = groupByReference(vpcs, [EC2_VPC], dsgs, [
      "vpcId",
    ]);
    const sg = SecurityGroupGraph.of(ctx.index);
    for (const vpc of vpcs) {
      ctx.each(vpc, () => {
        if (map.has(vpc)) return;
        if (floating.length) {
          throw unknownError(
            `the VPC of ${floating.map(label).join(", ")} is unknown until apply; it may be ${label(vpc)}`,
          );
        }
        // VPC docs: a VPC's default security group allows all inbound traffic from its own members
        // and all outbound traffic until its rules are removed.
        ctx.report(
          vpc,
          `${label(vpc)} does not manage its default security group, which keeps AWS's rules (all inbound from members of the group, all outbound).`,
        );
      });
    }
    for (const d of dsgs) {
      ctx.each(d, () => {
        const rules = ["ingress", "egress"].flatMap((dir) =>
          collect(d.props, [dir, "*"]).values.map(() => dir),
        );
        if (
          collect(d.props, ["ingress", "*"]).unknown ||
          collect(d.props, ["egress", "*"]).unknown
        ) {
          throw unknownError(`the rules of ${label(d)} are unknown until apply`);
        }
        const separate = sg.separateRules.get(d) ?? [];
        if (rules.length || separate.length) {
          const parts = [
            ...(rules.length
              ? [`${rules.length} inline rule(s) (${[...new Set(rules)].join(", ")})`]
              : []),
            ...(separate.length ? [`rule resources ${separate.map(label).join(", ")}`] : []),
          ];
          ctx.report(
            d,
            `${label(d)} allows traffic: ${parts.join(" and ")}. The default security group must have no rules.`,
          );
        }
      });
    }
  },
});

interface FlowLogConfig {
  readonly requiredTrafficType: string;
}

export const vpcFlowLogsEnabled = stackPolicy<FlowLogConfig>({
  name: "ec2-vpc-flow-logs-enabled",
  description: "Every VPC has a flow log (aws.ec2.FlowLog on its vpcId) capturing all traffic.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Add `new aws.ec2.FlowLog(name, { vpcId: vpc.id, trafficType: "ALL", logDestination: <KMS-encrypted log group ARN>, iamRoleArn })`.',
  references: [
    cdkNag("AwsSolutions-VPC7"),
    checkov("CKV2_AWS_11"),
    trivy("AWS-0178"),
    fsbp("EC2.6"),
  ],
  config: {
    requiredTrafficType: {
      type: "string",
      enum: ["ALL", "ACCEPT", "REJECT"],
      description: "The traffic type a VPC's flow log must capture.",
      default: "ALL",
    },
  },
  types: [EC2_VPC, EC2_FLOW_LOG, NATIVE_EC2_VPC, NATIVE_EC2_FLOW_LOG],
  appliesTo: [EC2_VPC, NATIVE_EC2_VPC],
  check: (ctx) => {
    const vpcs = ctx.index.ofType(EC2_VPC);
    const flowLogs = ctx.index.ofType(EC2_FLOW_LOG);
    const { byTarget: map, unresolved: floating } = groupByReference(vpcs, [EC2_VPC], flowLogs, [
      "vpcId",
    ]);
    const want = ctx.config.requiredTrafficType;
    for (const vpc of vpcs) {
      ctx.each(vpc, () => {
        const logs = map.get(vpc) ?? [];
        if (!logs.length) {
          if (floating.length) {
            throw unknownError(
              `the VPC of ${floating.map(label).join(", ")} is unknown until apply; it may be ${label(vpc)}`,
            );
          }
          ctx.report(vpc, `${label(vpc)} has no flow log.`);
          return;
        }
        const types = logs.map((l) =>
          must(() => l.props.trafficType, `the trafficType of ${label(l)}`),
        );
        if (!types.includes(want)) {
          ctx.report(
            vpc,
            `${label(vpc)}'s flow log(s) capture ${types.map((t) => t ?? "(unset)").join(", ")}, not ${want}.`,
          );
        }
      });
    }
  },
});

/**
 * Whether `urn` is of a resource an awsx.ec2.Vpc created: its qualified type (the types of its
 * parents, `$`-joined) passes through the component.
 */
function inAwsxVpc(urn: string): boolean {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.split("$").slice(0, -1).includes(AWSX_VPC);
}

/**
 * Why an awsx Public subnet maps public IPs and how to stop it. awsx creates every Public subnet
 * with `mapPublicIpOnLaunch: true` and its SubnetSpec has no field for it (pulumi-awsx
 * awsx/ec2/vpc.ts, schema SubnetSpec); Pulumi's `transforms` option reaches the children of
 * packaged components ("Transforms support modifying child resources of packaged components (such
 * as those in awsx and eks)": https://www.pulumi.com/docs/iac/concepts/resources/options/transforms/).
 */
const AWSX_PUBLIC_SUBNET =
  " awsx.ec2.Vpc sets it on every Public subnet and its subnetSpecs cannot turn it off, so an " +
  "instance, node group or Auto Scaling group placed here with default settings is on the " +
  "internet: give the Vpc a `transforms` entry that sets `mapPublicIpOnLaunch: false` on " +
  "`aws:ec2/subnet:Subnet` (a load balancer or NAT gateway there keeps its own addresses).";

export const subnetNoPublicIpOnLaunch = resourcePolicy({
  name: "ec2-subnet-no-public-ip-on-launch",
  description:
    "Subnets do not assign public IPv4 addresses to the network interfaces launched in them.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Set `mapPublicIpOnLaunch: false` (the default). Internet-facing load balancers do not need it; an instance that must be public gets an Elastic IP explicitly and a waiver. " +
    "The Public subnets of an awsx.ec2.Vpc take no such argument: give the Vpc a `transforms` entry that sets `mapPublicIpOnLaunch: false` on `aws:ec2/subnet:Subnet`.",
  references: [
    checkov("CKV_AWS_130"),
    trivy("AWS-0164"),
    fsbp("EC2.15"),
    kics("VPC Subnet Assigns Public IP"),
    awsDocs("vpc/latest/userguide/default-vpc.html"),
  ],
  // A default subnet keeps the public-IP attribute AWS gave it unless the program sets it (VPC
  // user guide, "Default VPCs": default subnets assign public IPv4 addresses), so left out it is
  // on. An aws-native Subnet says mapPublicIpOnLaunch too (pulumi/pulumi-aws-native
  // sdk/nodejs/ec2/subnet.ts; CloudFormation AWS::EC2::Subnet MapPublicIpOnLaunch, default false).
  types: [EC2_SUBNET, EC2_DEFAULT_SUBNET, NATIVE_EC2_SUBNET],
  check: (props, ctx, args) => {
    const map = flagValue(props.mapPublicIpOnLaunch);
    if (map === true) {
      ctx.report(
        "mapPublicIpOnLaunch is true: every network interface launched here gets a public IPv4 address." +
          (inAwsxVpc(args.urn) ? AWSX_PUBLIC_SUBNET : ""),
      );
    } else if (map === undefined && args.type === EC2_DEFAULT_SUBNET) {
      ctx.report(
        "mapPublicIpOnLaunch is left out on a default subnet, which assigns public IPv4 addresses: set it to false.",
      );
    }
  },
});

export const noDefaultVpc = resourcePolicy({
  name: "ec2-no-default-vpc",
  description:
    "The program neither adopts nor builds on the account's default VPC. Advisory: the default " +
    "VPC's main route table sends 0.0.0.0/0 to an internet gateway and its default subnets give " +
    "every instance a public IPv4 address, the opposite of the private networks the pack asks for; " +
    "what is placed in it is judged by the subnet and route rules.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Create the network with aws.ec2.Vpc (or awsx.ec2.Vpc) and place workloads in its private " +
    "subnets. Keep aws.ec2.DefaultVpc only to delete the default VPC (forceDestroy), with a waiver " +
    "saying so.",
  references: [
    checkov("CKV_AWS_148"),
    trivy("AWS-0101"),
    awsDocs("vpc/latest/userguide/default-vpc.html"),
  ],
  noNativeTwin:
    "CloudFormation has no type for a region's default VPC, which aws.ec2.DefaultVpc adopts.",
  types: [EC2_DEFAULT_VPC, AWSX_DEFAULT_VPC],
  check: (_props, ctx, args) => {
    // VPC user guide, "Default VPCs": a default VPC has an internet gateway, a main route table
    // with a route for 0.0.0.0/0 to it, and default subnets that assign public IPv4 addresses.
    ctx.report(
      args.type === EC2_DEFAULT_VPC
        ? "aws.ec2.DefaultVpc adopts the default VPC, whose main route table routes 0.0.0.0/0 to an internet gateway."
        : "awsx.ec2.DefaultVpc places resources in the default VPC's public default subnets.",
    );
  },
});
