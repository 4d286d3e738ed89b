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
// - Cluster: its default node group is a NodeGroupV2 in eks 3 and 4, the remote majors
//   (cluster/cluster.ts `createCluster`: `createNodeGroupV2(name, { ...core.nodeGroupOptions }, ...)`
//   unless `skipDefaultNodeGroup || fargate || autoMode.enabled`; pulumi/pulumi-eks#1373 moved it
//   off the launch-configuration NodeGroup; eks 2's Node.js SDK is a local component whose
//   children are registered and judged as any). `core.nodeGroupOptions` is `nodeGroupOptions`
//   when given, spread as it is, so a `metadataOptions` in it reaches the launch template as a
//   NodeGroupV2's does, though ClusterNodeGroupOptions (eks 3.9 and 4.3 types/input.d.ts) does
//   not declare it; else it is built from the cluster's own node settings (`createCore`), which
//   name no operating system and no metadata options. ClusterNodeGroupOptions' `operatingSystem`
//   "Defaults to the current recommended OS" (enums `RECOMMENDED: "AL2023"`), so only
//   `nodeGroupOptions` with `operatingSystem: "AL2"` or an AL2 `amiType` names AL2 there; an
//   `amiId` in it, or the cluster's `nodeAmiId`, lets that AMI decide.
import { resourcePolicy } from "../../lib/define";
import { checkov, fsbp, trivy } from "../../lib/controls";
import { must, present } from "../../lib/values";
import { EKS_COMPONENT_CLUSTER, EKS_COMPONENT_NODE_GROUP_V2, hasDefaultNodeGroup } from "./eks";

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

/**
 * Whether the Cluster is the eks provider plugin's (eks 3 and later, a remote component: the
 * engine gives it its package's provider, pulumi/pulumi source_eval.go `RegisterResource`), not
 * eks 2's local component, whose `createNodeGroup` builds the default node group as a NodeGroup
 * (v1: a CloudFormation stack and a launch configuration, @pulumi/eks 2.8.1 cluster.js) from the
 * program itself: those children are judged by the resource rules, and this reading of
 * `nodeGroupOptions` (a NodeGroupV2's) does not hold for them.
 */
function servedByEksPlugin(args: { provider?: { type: string } }): boolean {
  return args.provider?.type === "pulumi:providers:eks";
}

const AL2_DEFAULT =
  'eks sets no metadata options, and the AL2 AMI allows IMDSv1 (pulumi-eks: "AL2 defaults to off")';

/**
 * A NodeGroupV2's launch template options, or those a Cluster's `nodeGroupOptions` give its
 * default node group (a NodeGroupV2 too): `metadataOptions` as given, else the AMI family named.
 */
function judgeTemplateOptions(ctx: { report(message: string): void }, props: any, where: string) {
  const mo = props?.metadataOptions;
  if (mo !== undefined && mo !== null) {
    if (mo.httpEndpoint === "disabled" || mo.httpTokens === "required") return;
    if (mo.httpTokens !== undefined) {
      ctx.report(
        `${where}metadataOptions.httpTokens "${String(mo.httpTokens)}" goes as given into the launch template eks creates (IMDSv1 allowed).`,
      );
      return;
    }
  }
  const al2 = namedAl2(props);
  if (al2) ctx.report(`${where}metadataOptions.httpTokens is not set with ${al2}: ${AL2_DEFAULT}.`);
}

export const eksComponentNodesImdsV2 = resourcePolicy({
  name: "eks-component-nodes-imdsv2",
  description:
    'The nodes of an @pulumi/eks ManagedNodeGroup, NodeGroupV2 or Cluster default node group require IMDSv2 where the inputs decide it: a ManagedNodeGroup does not set `enableIMDSv2: false` (eks then creates its launch template with `metadataOptions.httpTokens: "optional"`), a NodeGroupV2 (and a Cluster\'s `nodeGroupOptions`, from which eks 3 and 4 make the default node group a NodeGroupV2) does not pass `metadataOptions.httpTokens: "optional"` (eks copies `metadataOptions` into its launch template), and none leaves the setting out on Amazon Linux 2 named by `operatingSystem: "AL2"` or an AL2 `amiType` (eks then sets no metadata options, and the AL2 AMI allows IMDSv1). IMDSv1 lets any SSRF in a pod read the node role\'s credentials. Left out on another or an unnamed AMI family, or with an `amiId` or the program\'s own `launchTemplate`, the AMI or template decides: not judged. Mandatory, as ec2-instance-imdsv2.',
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set `enableIMDSv2: true` on a ManagedNodeGroup, or `metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" }` on a NodeGroupV2; for a Cluster\'s default node group on AL2, drop `operatingSystem: "AL2"` or the AL2 `amiType` from `nodeGroupOptions`, or set `skipDefaultNodeGroup: true` and add a ManagedNodeGroup with `enableIMDSv2: true`; or move the nodes to AL2023 or Bottlerocket, whose AMIs require IMDSv2. With your own `launchTemplate`, set `metadataOptions.httpTokens: "required"` there.',
  references: [checkov("CKV_AWS_79"), trivy("AWS-0130"), fsbp("EC2.8")],
  types: [EKS_COMPONENT_MANAGED_NODE_GROUP, EKS_COMPONENT_NODE_GROUP_V2, EKS_COMPONENT_CLUSTER],
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
    if (args.type === EKS_COMPONENT_CLUSTER) {
      // Only a remote Cluster (eks 3 on), which the engine constructs through the eks provider:
      // eks 2's local Cluster makes a NodeGroup (v1) whose children are judged themselves.
      if (!servedByEksPlugin(args)) return;
      const cluster = props ?? {};
      if (!hasDefaultNodeGroup(cluster)) return;
      const options = cluster.nodeGroupOptions;
      // The cluster's own node settings name no OS: the recommended AL2023 unless an AMI decides.
      if (options === undefined || options === null) return;
      judgeTemplateOptions(ctx, options, "the default node group: nodeGroupOptions.");
      return;
    }
    judgeTemplateOptions(ctx, props, "");
  },
});
