// @pulumi/eks's Cluster: the "no public access" guarantee for the Kubernetes API endpoint of a
// cluster the eks provider plugin creates (eks 2 and later), out of the policies' sight offline.
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
