// @pulumi/eks's Cluster and self-managed node groups: the "no public access" guarantees for what
// the eks provider plugin creates (eks 3 and later; eks 2's Node.js SDK is a local component whose
// children the program registers), out of the policies' sight offline: the
// Kubernetes API endpoint of the cluster, and the public IPs of the nodes of its default node
// group, a NodeGroupV2 or a NodeGroup (eksComponentNodesNoPublicIp below).
//
// What pulumi-eks creates, from its source (nodejs/eks/cluster.ts, `createCore`): the
// aws.eks.Cluster gets `vpcConfig.endpointPublicAccess: args.endpointPublicAccess` and
// `publicAccessCidrs: args.publicAccessCidrs`, so left out, EKS's defaults apply: the public
// endpoint on (EKS API reference, VpcConfigRequest: "The default value for this parameter is
// true") and open to 0.0.0.0/0 ("The default value is 0.0.0.0/0"). The same verdict as
// eks-cluster-endpoint-not-public on that cluster, which a real `pulumi preview` also reports
// once the plugin registers it.
import { resourcePolicy } from "../../lib/define";
import { eksEndpointOpenTo } from "../../lib/compute/eks-endpoint";
import { INTERNET_RANGES } from "../../lib/network/ports";
import { checkov, fsbp, kics, trivy } from "../../lib/controls";
import { isSet } from "../../lib/values";

/** @pulumi/eks's Cluster: a provider plugin's component from eks 3 on, local before (2.8.1 too). */
export const EKS_COMPONENT_CLUSTER = "eks:index:Cluster";

export const eksComponentEndpointNotPublic = resourcePolicy({
  name: "eks-component-cluster-endpoint-not-public",
  description:
    "An @pulumi/eks Cluster does not expose its Kubernetes API endpoint to every address: `endpointPublicAccess: false`, or `publicAccessCidrs` limited to ranges that are not " +
    `${INTERNET_RANGES}. ` +
    "Judged on the component's inputs, which eks passes to the aws.eks.Cluster it creates; left out, EKS makes the endpoint public to 0.0.0.0/0. Mandatory, as eks-cluster-endpoint-not-public.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `endpointPublicAccess: false` with `endpointPrivateAccess: true` and reach the API from inside the VPC, or list the operators' ranges in `publicAccessCidrs`.",
  references: [
    checkov("CKV_AWS_38"),
    checkov("CKV_AWS_39"),
    trivy("AWS-0040"),
    trivy("AWS-0041"),
    kics("EKS Cluster Has Public Access"),
    fsbp("EKS.1"),
  ],
  types: [EKS_COMPONENT_CLUSTER],
  check: (props, ctx) => {
    // A Cluster with no arguments (`new eks.Cluster("c")` or `{}`) takes every default: the SDK
    // drops a component's inputs only for a local one (@pulumi/pulumi resource.js,
    // `PULUMI_NODEJS_SKIP_COMPONENT_INPUTS && !remote ? {} : args`), and eks 3 on is remote.
    const open = eksEndpointOpenTo(props ?? {});
    if (open.length) {
      ctx.report(
        `the public API endpoint is ${props.endpointPublicAccess === true ? "on" : "on (the default)"} and open to ${open.join(", ")}.`,
      );
    }
  },
});

/**
 * Whether the Cluster creates its default node group: unless `skipDefaultNodeGroup`, `fargate` or
 * Auto Mode says otherwise (pulumi-eks nodejs/eks/cluster.ts `createCore`: `skipDefaultNodeGroup =
 * args.skipDefaultNodeGroup || args.fargate`; the 4.x package's ClusterArgs.skipDefaultNodeGroup:
 * "Defaults to false, unless `fargate` or `autoMode` is enabled").
 */
export function hasDefaultNodeGroup(props: Record<string, any>): boolean {
  if (props.skipDefaultNodeGroup === true) return false;
  if (isSet(props.fargate)) return false;
  return props.autoMode?.enabled !== true;
}

/** @pulumi/eks's self-managed node groups, components of the eks plugin as the Cluster is. */
export const EKS_COMPONENT_NODE_GROUP_V2 = "eks:index:NodeGroupV2";
export const EKS_COMPONENT_NODE_GROUP = "eks:index:NodeGroup";

/**
 * Where a component's node group reads `nodeAssociatePublicIpAddress`, and what to call that group
 * in a finding; undefined when the component makes no node group. A NodeGroupV2 or NodeGroup reads
 * its own argument. A Cluster's default node group reads `nodeGroupOptions`, when given, in place of
 * the cluster's own node settings (`createCore`: the two are mutually exclusive).
 */
function nodeSettings(
  type: string,
  props: Record<string, any>,
): { setting: unknown; where: string; group: string } | undefined {
  if (type !== EKS_COMPONENT_CLUSTER) {
    return { setting: props.nodeAssociatePublicIpAddress, where: "", group: "node group" };
  }
  if (!hasDefaultNodeGroup(props)) return undefined;
  const options = props.nodeGroupOptions;
  const given = options != null;
  return {
    setting: given ? options.nodeAssociatePublicIpAddress : props.nodeAssociatePublicIpAddress,
    where: given ? "nodeGroupOptions." : "",
    group: "default node group",
  };
}

export const eksComponentNodesNoPublicIp = resourcePolicy({
  name: "eks-component-nodes-no-public-ip",
  description:
    "The self-managed nodes of @pulumi/eks get no public IPv4 addresses: a Cluster's default node group, a NodeGroupV2 and a NodeGroup set `nodeAssociatePublicIpAddress: false` (a Cluster's may be in `nodeGroupOptions`). Judged on the components' inputs, which eks passes to the launch template (or launch configuration) of the node group it creates; left out, eks assigns public IPs. Mandatory, as ec2-instance-no-public-ip.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `nodeAssociatePublicIpAddress: false` and place the nodes in private subnets (`privateSubnetIds` or `nodeSubnetIds`) with a NAT gateway or VPC endpoints for their egress; or `skipDefaultNodeGroup: true` with managed node groups in private subnets.",
  references: [checkov("CKV_AWS_88"), trivy("AWS-0009"), fsbp("EC2.25"), fsbp("AutoScaling.5")],
  types: [EKS_COMPONENT_CLUSTER, EKS_COMPONENT_NODE_GROUP_V2, EKS_COMPONENT_NODE_GROUP],
  check: (props, ctx, args) => {
    // No arguments (`{}`) is every default, as for the endpoint rule above. Each node group reads
    // `nodeAssociatePublicIpAddress`, true unless given (nodejs/eks/nodes/nodegroup.ts: "Enable
    // auto-assignment of public IP addresses on worker nodes for backwards compatibility ...
    // Defaults to `true`"), into its launch template's network interface (NodeGroupV2 and a
    // Cluster's default group) or its launch configuration (NodeGroup).
    const found = nodeSettings(args.type, props ?? {});
    if (found === undefined || found.setting === false) return;
    const { setting, where, group } = found;
    ctx.report(
      setting === true
        ? `the ${group}'s nodes get public IPv4 addresses (${where}nodeAssociatePublicIpAddress: true).`
        : `the ${group}'s nodes get public IPv4 addresses (${where}nodeAssociatePublicIpAddress left out: eks assigns them by default).`,
    );
  },
});
