// @pulumi/eks's Cluster: the "no public access" guarantees for what the eks provider plugin
// creates (eks 2 and later), out of the policies' sight offline: the Kubernetes API endpoint of
// the cluster, and the public IPs of its default node group's nodes (eksComponentNodesNoPublicIp
// below).
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
import { checkov, fsbp, kics, trivy } from "../../lib/controls";

/** @pulumi/eks's Cluster: a provider plugin's component from eks 2 on, local before. */
export const EKS_COMPONENT_CLUSTER = "eks:index:Cluster";

export const eksComponentEndpointNotPublic = resourcePolicy({
  name: "eks-component-cluster-endpoint-not-public",
  description:
    "An @pulumi/eks Cluster does not expose its Kubernetes API endpoint to every address: `endpointPublicAccess: false`, or `publicAccessCidrs` narrower than a /1. Judged on the component's inputs, which eks passes to the aws.eks.Cluster it creates; left out, EKS makes the endpoint public to 0.0.0.0/0. Mandatory, as eks-cluster-endpoint-not-public.",
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
    // A component registered without its arguments (an SDK that skips a local component's
    // inputs, PULUMI_NODEJS_SKIP_COMPONENT_INPUTS) shows nothing to judge: its children are judged.
    if (Object.keys(props ?? {}).length === 0) return;
    const open = eksEndpointOpenTo(props);
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
function hasDefaultNodeGroup(props: Record<string, any>): boolean {
  if (props.skipDefaultNodeGroup === true) return false;
  if (props.fargate !== undefined && props.fargate !== null && props.fargate !== false)
    return false;
  return props.autoMode?.enabled !== true;
}

export const eksComponentNodesNoPublicIp = resourcePolicy({
  name: "eks-component-nodes-no-public-ip",
  description:
    "The default node group of an @pulumi/eks Cluster gets no public IPv4 addresses: `nodeAssociatePublicIpAddress: false` (or in `nodeGroupOptions`). Judged on the component's inputs, which eks passes to the launch template of the node group it creates; left out, eks assigns public IPs. Mandatory, as ec2-instance-no-public-ip.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `nodeAssociatePublicIpAddress: false` and place the nodes in private subnets (`privateSubnetIds` or `nodeSubnetIds`) with a NAT gateway or VPC endpoints for their egress; or `skipDefaultNodeGroup: true` with managed node groups in private subnets.",
  references: [checkov("CKV_AWS_88"), trivy("AWS-0009"), fsbp("EC2.25"), fsbp("AutoScaling.5")],
  types: [EKS_COMPONENT_CLUSTER],
  check: (props, ctx) => {
    if (Object.keys(props ?? {}).length === 0) return;
    if (!hasDefaultNodeGroup(props)) return;
    // `createCore`: nodeGroupOptions, when given, replace the cluster's own node settings (the two
    // are mutually exclusive); the node group then reads `nodeAssociatePublicIpAddress ?? true`
    // (nodejs/eks/nodes/nodegroup.ts `createNodeGroupV2`: "Enable auto-assignment of public IP
    // addresses on worker nodes for backwards compatibility ... Defaults to `true`") into its
    // launch template's network interface.
    const options = props.nodeGroupOptions;
    const setting =
      options !== undefined && options !== null
        ? options.nodeAssociatePublicIpAddress
        : props.nodeAssociatePublicIpAddress;
    if (setting === false) return;
    const where = options !== undefined && options !== null ? "nodeGroupOptions." : "";
    ctx.report(
      setting === true
        ? `the default node group's nodes get public IPv4 addresses (${where}nodeAssociatePublicIpAddress: true).`
        : `the default node group's nodes get public IPv4 addresses (${where}nodeAssociatePublicIpAddress left out: eks assigns them by default).`,
    );
  },
});
