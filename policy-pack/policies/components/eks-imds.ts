// @pulumi/eks's node groups (provider plugin components from eks 3 on, as the Cluster is:
// ./eks.ts; eks 2's Node.js SDK runs them in the program): whether their nodes accept IMDSv1,
// where the inputs decide it. From the component's source (pulumi/pulumi-eks nodejs/eks/nodes/nodegroup.ts):
// - ManagedNodeGroup: an `enableIMDSv2` that is given makes the component create its own launch
//   template (`requiresCustomLaunchTemplate`: `args[key] !== undefined` for "enableIMDSv2") whose
//   `metadataOptions` are `{ httpTokens: args.enableIMDSv2 ? "required" : "optional",
//   httpPutResponseHopLimit: 2, httpEndpoint: "enabled" }` (`createMNGCustomLaunchTemplate`);
// - NodeGroupV2: `metadataOptions: args.metadataOptions` goes as given into the launch template it
//   creates (`createNodeGroupV2Internal`'s `aws.ec2.LaunchTemplate`). NodeGroup (v1) takes no
//   metadata options (NodeGroupOptions has none) and is not judged here.
// So `enableIMDSv2: false`, or `metadataOptions.httpTokens: "optional"`, is a launch template that
// ec2-instance-imdsv2 fails once the plugin registers it.
// Left out, eks sets no metadata options and the AMI decides: "Different AMIs have different
// defaults built in. AL2 defaults to off, AL2023 & Bottlerocket defaults to on" (the same file,
// above `metadataOptions`). The inputs decide the AMI family when they name it: `operatingSystem:
// "AL2"`, or an AL2 `amiType` (nodes/ami.ts: AL2_x86_64, AL2_x86_64_GPU, AL2_ARM_64 and their
// aliases amazon-linux-2, -gpu, -arm; `getOperatingSystem` takes the OS from the AMI type), so
// those nodes allow IMDSv1. With neither, the default family depends on the eks version
// (ami.ts DEFAULT_OS is AL2023 in eks 3; the 2.x docs said AL2), and with an `amiId` or the
// program's own `launchTemplate`, that AMI or template decides: not judged here (the program's
// own LaunchTemplate is judged by ec2-instance-imdsv2).
// - Cluster: its default node group (a NodeGroupV2 in eks 3 and 4: cluster/cluster.ts
//   `createCluster`, pulumi/pulumi-eks#1373) is not judged here. A rule on single resources cannot
//   tell the check's Cluster from a real preview's: there the plugin registers its own Cluster
//   during Construct (pulumi/pulumi source_eval.go, step_generator.go), with no provider of the
//   program's and with children, the default node group's launch template among them, which
//   ec2-instance-imdsv2 judges; eks 2's Node.js Cluster registers those children from the
//   program as well. Judging `nodeGroupOptions` would judge that node group twice, or make the
//   check report what a real preview does not; offline it stays among the component's unseen
//   children (stack-remote-components-unexpanded).
import { resourcePolicy } from "../../lib/define";
import { checkov, fsbp, trivy } from "../../lib/controls";
import { must, present } from "../../lib/values";
import { EKS_COMPONENT_NODE_GROUP_V2 } from "./eks";

/** @pulumi/eks's managed node group component. */
export const EKS_COMPONENT_MANAGED_NODE_GROUP = "eks:index:ManagedNodeGroup";

/** The AMI types (and their older aliases) of Amazon Linux 2 (pulumi-eks nodes/ami.ts). */
const AL2_AMI_TYPES = new Set([
  "AL2_x86_64",
  "AL2_x86_64_GPU",
  "AL2_ARM_64",
  "amazon-linux-2",
  "amazon-linux-2-gpu",
  "amazon-linux-2-arm",
]);

/**
 * What in the inputs names Amazon Linux 2 (`operatingSystem "AL2"`, `amiType "AL2_x86_64"`), for
 * nodes left without metadata options; undefined when they name another family or none, or an
 * AMI or template of the program decides; a throw when what decides it is unknown at preview.
 */
function namedAl2(props: any): string | undefined {
  // Given at all (even unknown at preview), the AMI or the program's template decides.
  if (present(props, "launchTemplate") || present(props, "amiId")) return undefined;
  const amiType = must(() => props?.amiType, "amiType");
  if (amiType !== undefined && amiType !== null) {
    return AL2_AMI_TYPES.has(String(amiType)) ? `amiType "${String(amiType)}"` : undefined;
  }
  return must(() => props?.operatingSystem, "operatingSystem") === "AL2"
    ? 'operatingSystem "AL2"'
    : undefined;
}

const AL2_DEFAULT =
  'eks sets no metadata options, and the AL2 AMI allows IMDSv1 (pulumi-eks: "AL2 defaults to off")';

/**
 * A NodeGroupV2's launch template options: `metadataOptions` as given, else the AMI family named.
 */
function judgeTemplateOptions(ctx: { report(message: string): void }, props: any) {
  const mo = props?.metadataOptions;
  if (mo !== undefined && mo !== null) {
    if (mo.httpEndpoint === "disabled" || mo.httpTokens === "required") return;
    if (mo.httpTokens !== undefined) {
      ctx.report(
        `metadataOptions.httpTokens "${String(mo.httpTokens)}" goes as given into the launch template eks creates (IMDSv1 allowed).`,
      );
      return;
    }
  }
  const al2 = namedAl2(props);
  if (al2) ctx.report(`metadataOptions.httpTokens is not set with ${al2}: ${AL2_DEFAULT}.`);
}

export const eksComponentNodesImdsV2 = resourcePolicy({
  name: "eks-component-nodes-imdsv2",
  description:
    'The nodes of an @pulumi/eks ManagedNodeGroup or NodeGroupV2 require IMDSv2 where the inputs decide it: a ManagedNodeGroup does not set `enableIMDSv2: false` (eks then creates its launch template with `metadataOptions.httpTokens: "optional"`), a NodeGroupV2 does not pass `metadataOptions.httpTokens: "optional"` (eks copies `metadataOptions` into its launch template), and none leaves the setting out on Amazon Linux 2 named by `operatingSystem: "AL2"` or an AL2 `amiType` (eks then sets no metadata options, and the AL2 AMI allows IMDSv1). IMDSv1 lets any SSRF in a pod read the node role\'s credentials. Left out on another or an unnamed AMI family, or with an `amiId` or the program\'s own `launchTemplate`, the AMI or template decides: not judged. A Cluster\'s default node group is not judged here: a real preview shows its launch template (which ec2-instance-imdsv2 judges), and offline it is one of the Cluster\'s unseen children. Mandatory, as ec2-instance-imdsv2.',
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set `enableIMDSv2: true` on a ManagedNodeGroup, or `metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" }` on a NodeGroupV2; or move the nodes to AL2023 or Bottlerocket, whose AMIs require IMDSv2. With your own `launchTemplate`, set `metadataOptions.httpTokens: "required"` there.',
  references: [checkov("CKV_AWS_79"), trivy("AWS-0130"), fsbp("EC2.8")],
  types: [EKS_COMPONENT_MANAGED_NODE_GROUP, EKS_COMPONENT_NODE_GROUP_V2],
  check: (props, ctx, args) => {
    if (args.type === EKS_COMPONENT_MANAGED_NODE_GROUP) {
      if (props?.enableIMDSv2 === false) {
        ctx.report(
          'enableIMDSv2: false gives the launch template eks creates metadataOptions.httpTokens "optional" (IMDSv1 allowed).',
        );
        return;
      }
      if (props?.enableIMDSv2 !== undefined) return;
      const al2 = namedAl2(props);
      if (al2) ctx.report(`enableIMDSv2 is left out with ${al2}: ${AL2_DEFAULT}.`);
      return;
    }
    judgeTemplateOptions(ctx, props);
  },
});
