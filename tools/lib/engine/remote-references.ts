// The outputs of a remote component that are resource references (awsx `ApplicationLoadBalancer.
// loadBalancer`, `FargateService.service`, eks `Cluster.eksCluster`, ...), answered in the apply
// phase the way `pulumi up` answers them: the provider plugin returns a reference (the child's URN
// and id, pulumi/pulumi sdk/nodejs/runtime/rpc.ts `specialResourceSig`), the program's SDK
// rehydrates it as the child's class (`resourceModule.construct(name, type, urn)`, i.e.
// `new aws.lb.LoadBalancer(name, undefined, { urn })`), and that constructor reads the child's
// state with the `pulumi:pulumi:getResource` invoke (sdk/nodejs/runtime/resource.ts `getResource`),
// which the engine answers from the state the plugin registered. Offline the plugin never runs: the
// child is derived from the component's name and inputs exactly as the component's own code
// names it, and its state (ARN, id, name in AWS format) comes from the fake AWS as if the program
// had created it. The children are not registered resources: policies never see them (the
// component stays "not evaluated" for its children); only the values the program reads from
// them become known, so checks on the resources fed by them are evaluated as at `pulumi up`.
import { createHash } from "crypto";
import { resourceState, FakeAwsEnv, hasUnknown } from "../fake-aws";

type Inputs = Record<string, any>;

/** A child a remote component creates: its type, name, inputs, and the components between. */
interface Child {
  readonly type: string;
  readonly name: string;
  readonly inputs: Inputs;
  /** Component types between the remote component and the child (URN type chain). */
  readonly via?: string[];
}

/** The state `pulumi:pulumi:getResource` answers for a derived child. */
export interface ChildState {
  readonly urn: string;
  readonly id: string;
  readonly state: Inputs;
}

/** pulumi/pulumi sdk/nodejs/runtime/rpc.ts: `specialSigKey` and `specialResourceSig`. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

const given = (v: unknown): boolean => v !== undefined && v !== null;
const omit = (o: Inputs | undefined, ...keys: string[]): Inputs => {
  const out = { ...(o ?? {}) };
  for (const k of keys) delete out[k];
  return out;
};

/** Listener port and protocol as awsx fills them in (awsx/lb/applicationLoadBalancer.ts). */
function listenerProtocol(l: Inputs | undefined, fallback: string): Inputs {
  if (l?.port !== undefined && l.protocol === undefined)
    return { port: l.port, protocol: l.port === 443 ? "HTTPS" : fallback };
  if (l?.protocol !== undefined && l.port === undefined)
    return { protocol: l.protocol, port: l.protocol === "HTTPS" ? 443 : 80 };
  return l
    ? { port: l.port ?? 80, protocol: l.protocol ?? fallback }
    : { port: 80, protocol: fallback };
}

/**
 * awsx/lb/applicationLoadBalancer.ts and networkLoadBalancer.ts: children named after the
 * component. An ALB's target group and listeners take their port and protocol from `listener`
 * (443 means HTTPS), its target group is of type "ip"; an NLB's are TCP on port 80 (target group:
 * `defaultTargetGroupPort`) unless given.
 */
function loadBalancer(lbType: "application" | "network") {
  return (name: string, inputs: Inputs): Record<string, Child | Child[]> => {
    const rest = omit(inputs, "subnetIds", "subnets", "defaultTargetGroup", "defaultSecurityGroup");
    const alb = lbType === "application";
    const ports = (l: Inputs | undefined) =>
      alb ? listenerProtocol(l, "HTTP") : { protocol: "TCP", port: 80 };
    const lb = {
      type: "aws:lb/loadBalancer:LoadBalancer",
      name,
      inputs: {
        ...omit(rest, "listener", "listeners", "defaultTargetGroupPort"),
        loadBalancerType: lbType,
      },
    };
    const group = alb
      ? { targetType: "ip", ...listenerProtocol(inputs.listener, "HTTP") }
      : { protocol: "TCP", port: inputs.defaultTargetGroupPort ?? 80 };
    const out: Record<string, Child | Child[]> = {
      loadBalancer: lb,
      defaultTargetGroup: {
        type: "aws:lb/targetGroup:TargetGroup",
        name,
        inputs: { ...group, ...inputs.defaultTargetGroup },
      },
    };
    const listeners: Inputs[] = Array.isArray(inputs.listeners)
      ? inputs.listeners
      : [inputs.listener];
    out.listeners = listeners.map((l, i) => ({
      type: "aws:lb/listener:Listener",
      name: `${name}-${i}`,
      inputs: { ...ports(l), ...(l ?? {}) },
    }));
    const sg = inputs.defaultSecurityGroup;
    if (
      lbType === "application" &&
      !given(inputs.securityGroups) &&
      !sg?.skip &&
      !sg?.securityGroupId
    )
      out.defaultSecurityGroup = {
        type: "aws:ec2/securityGroup:SecurityGroup",
        name,
        inputs: sg?.args ?? {},
      };
    return out;
  };
}

/**
 * awsx/ecs/fargateService.ts (and ec2Service.ts): `service` is the `aws.ecs.Service` named after the
 * component; `taskDefinition`, when `taskDefinitionArgs` is given, is the `aws.ecs.TaskDefinition`
 * of the task-definition component it creates under the same name, whose default family is
 * `<name>-<sha1 of stack and containers>` (fargateTaskDefinition.ts `buildTaskDefinitionArgs`).
 */
function ecsService(taskDefinitionType: string) {
  return (name: string, inputs: Inputs): Record<string, Child> => {
    const out: Record<string, Child> = {
      service: {
        type: "aws:ecs/service:Service",
        name,
        inputs: { name: inputs.name, cluster: inputs.cluster },
      },
    };
    const td = inputs.taskDefinitionArgs;
    if (td && typeof td === "object") {
      const containers = JSON.stringify(td.containers ?? td.container ?? {});
      const family =
        td.family ?? `${name}-${createHash("sha1").update(containers).digest("hex").slice(0, 7)}`;
      out.taskDefinition = {
        type: "aws:ecs/taskDefinition:TaskDefinition",
        name,
        inputs: { family },
        via: [taskDefinitionType],
      };
    }
    return out;
  };
}

const CHILDREN: Record<string, (name: string, inputs: Inputs) => Record<string, Child | Child[]>> =
  {
    "awsx:lb:ApplicationLoadBalancer": loadBalancer("application"),
    "awsx:lb:NetworkLoadBalancer": loadBalancer("network"),
    "awsx:ecs:FargateService": ecsService("awsx:ecs:FargateTaskDefinition"),
    "awsx:ecs:EC2Service": ecsService("awsx:ecs:EC2TaskDefinition"),
    // awsx/ec2/vpc.ts: `new aws.ec2.Vpc(name, { ...args, cidrBlock, tags: { Name: name, ...tags } })`
    // (cidrBlock "10.0.0.0/16" unless given or left to an IPAM pool), the child ./remote-outputs.ts
    // takes vpcId from, and the `aws.ec2.InternetGateway` it always creates under that VPC.
    "awsx:ec2:Vpc": (name, inputs) => {
      const cidrBlock =
        inputs.cidrBlock ?? (given(inputs.ipv4IpamPoolId) ? undefined : "10.0.0.0/16");
      const vpcArgs = omit(inputs, "subnetSpecs", "natGateways", "numberOfAvailabilityZones");
      const tags = { Name: name, ...inputs.tags };
      return {
        vpc: { type: "aws:ec2/vpc:Vpc", name, inputs: { ...vpcArgs, cidrBlock, tags } },
        internetGateway: {
          type: "aws:ec2/internetGateway:InternetGateway",
          name,
          inputs: { tags },
          via: ["aws:ec2/vpc:Vpc"],
        },
      };
    },
    // awsx/ecr/repository.ts: the repository is named after the component, in lower case.
    "awsx:ecr:Repository": (name, inputs) => ({
      repository: {
        type: "aws:ecr/repository:Repository",
        name: name.toLowerCase(),
        inputs: omit(inputs, "lifecyclePolicy"),
      },
    }),
    // pulumi/pulumi-eks nodejs/eks/cluster/cluster.ts `createCore`: `<name>-eksCluster`.
    "eks:index:Cluster": (name, inputs) => ({
      eksCluster: {
        type: "aws:eks/cluster:Cluster",
        name: `${name}-eksCluster`,
        inputs: { name: inputs.name },
      },
    }),
  };

/** The URN of a child of the component at `parentUrn` (pulumi/pulumi `resource.NewURN`). */
function childUrn(parentUrn: string, child: Child): string {
  const parts = parentUrn.split("::");
  const chain = [parts[2], ...(child.via ?? []), child.type].join("$");
  return `${parts[0]}::${parts[1]}::${chain}::${child.name}`;
}

/**
 * The resource-reference outputs of remote component `type` named `name` at `urn` (wire form,
 * ready for the RegisterResource response), and the state of each referenced child for the
 * `getResource` invoke. A child whose id the inputs leave unknown is left out: that output stays
 * unknown. Only for the apply phase.
 */
export function remoteReferences(
  urn: string,
  type: string,
  name: string,
  inputs: Inputs,
  env: FakeAwsEnv,
): { outputs: Inputs; children: ChildState[] } {
  const derive = CHILDREN[type];
  const outputs: Inputs = {};
  const children: ChildState[] = [];
  if (!derive) return { outputs, children };
  const ref = (c: Child): Inputs | undefined => {
    if (hasUnknown(c.name)) return undefined;
    // An input the program leaves out is absent, not `undefined`: the fake AWS fills in only the
    // properties the inputs lack (the auto-name among them), as the provider does.
    const present = Object.fromEntries(Object.entries(c.inputs).filter(([, v]) => v !== undefined));
    const made = resourceState({ type: c.type, name: c.name, inputs: present }, env, "apply");
    if (!made.id || hasUnknown(made.id)) return undefined;
    const at = childUrn(urn, c);
    // Plain JSON, as state crosses the wire: keys left undefined (an input not given) drop out.
    children.push({ urn: at, id: made.id, state: JSON.parse(JSON.stringify(made.state)) });
    return { [SIG_KEY]: RESOURCE_SIG, urn: at, id: made.id };
  };
  for (const [key, value] of Object.entries(derive(name, inputs ?? {}))) {
    if (Array.isArray(value)) {
      const refs = value.map(ref);
      if (refs.every((r) => r !== undefined)) outputs[key] = refs;
    } else {
      const r = ref(value);
      if (r) outputs[key] = r;
    }
  }
  return { outputs, children };
}
