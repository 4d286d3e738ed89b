// @pulumi/eks's ManagedNodeGroup (a provider plugin's component from eks 2 on, as the Cluster is:
// ./eks.ts): whether its nodes accept IMDSv1, where its `enableIMDSv2` input decides it. From the
// component's source (pulumi/pulumi-eks nodejs/eks/nodes/nodegroup.ts): an `enableIMDSv2` that is
// given makes the component create its own launch template (`requiresCustomLaunchTemplate`:
// `args.enableIMDSv2 !== undefined`) whose `metadataOptions` are
// `{ httpTokens: args.enableIMDSv2 ? "required" : "optional", httpPutResponseHopLimit: 2,
// httpEndpoint: "enabled" }` (`createMNGCustomLaunchTemplate`). So `enableIMDSv2: false` is a
// launch template with `httpTokens: "optional"`, which ec2-instance-imdsv2 fails on the resources
// a real `pulumi preview` sees once the plugin registers them.
// Left out, the component sets no metadata options and the AMI decides ("Different AMIs have
// different defaults built in. AL2 defaults to off, AL2023 & Bottlerocket defaults to on"; the AMI
// is resolved from SSM when the plugin runs): not judged here, as the inputs do not decide it.
import { resourcePolicy } from "../../lib/define";
import { checkov, fsbp, trivy } from "../../lib/controls";

/** @pulumi/eks's managed node group component. */
export const EKS_COMPONENT_MANAGED_NODE_GROUP = "eks:index:ManagedNodeGroup";

export const eksComponentNodesImdsV2 = resourcePolicy({
  name: "eks-component-managed-nodes-imdsv2",
  description:
    "An @pulumi/eks ManagedNodeGroup does not set `enableIMDSv2: false`: eks then creates the node group's launch template with `metadataOptions.httpTokens: \"optional\"`, so the nodes answer IMDSv1 and any SSRF in a pod can read the node role's credentials. Left out, the AMI decides (required on AL2023 and Bottlerocket), which the inputs do not say. Mandatory, as ec2-instance-imdsv2.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set `enableIMDSv2: true` (eks creates the launch template with `httpTokens: "required"`), or leave it out on AL2023 or Bottlerocket nodes; with your own `launchTemplate`, set `metadataOptions.httpTokens: "required"` there.',
  references: [checkov("CKV_AWS_79"), trivy("AWS-0130"), fsbp("EC2.8")],
  types: [EKS_COMPONENT_MANAGED_NODE_GROUP],
  check: (props, ctx) => {
    if (props?.enableIMDSv2 === false) {
      ctx.report(
        'enableIMDSv2: false gives the launch template eks creates metadataOptions.httpTokens "optional" (IMDSv1 allowed).',
      );
    }
  },
});
