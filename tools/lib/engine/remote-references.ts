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
import { resourceState, FakeAwsEnv, hasUnknown, UNKNOWN } from "../fake-aws";
import { RESOURCE_SIG, SIG_KEY } from "./wire";

type Inputs = Record<string, any>;

/** The id and state of the children made so far, by output key (a child's inputs may name them). */
type Made = Record<string, { readonly id: string; readonly state: Inputs } | undefined>;

/** A child a remote component creates: its type, name, inputs, and the components between. */
interface Child {
  readonly type: string;
  readonly name: string;
  /**
   * Its inputs, or a function of the children made before it (an output key's entries come in
   * order). An input set to `LOOKED_UP` is one the component fills from a lookup the offline
   * engine does not make: the child's state leaves that key out, so the program reads it as unknown.
   */
  readonly inputs: Inputs | ((made: Made) => Inputs);
  /** Component types between the remote component and the child (URN type chain). */
  readonly via?: string[];
}

/** The state `pulumi:pulumi:getResource` answers for a derived child. */
export interface ChildState {
  readonly urn: string;
  readonly id: string;
  readonly state: Inputs;
}

/** A value the component looks up (its VPC from a subnet, awsx's default VPC): never known here. */
const LOOKED_UP = Symbol("looked up");

const given = (v: unknown): boolean => v !== undefined && v !== null;
const omit = (o: Inputs | undefined, ...keys: string[]): Inputs => {
  const out = { ...(o ?? {}) };
  for (const k of keys) delete out[k];
  return out;
};

/**
 * awsx 3 awsx/lb/applicationLoadBalancer.ts `getListenerProtocol`: a port alone gives its protocol
 * (443 is HTTPS), a protocol alone its port; neither gives `defaultPort` (else 80) over HTTP.
 */
function listenerProtocol(l: Inputs | undefined, defaultPort?: number): Inputs {
  if (l?.port && l.protocol) return { port: l.port, protocol: l.protocol };
  if (l?.port) return { port: l.port, protocol: l.port === 443 ? "HTTPS" : "HTTP" };
  if (l?.protocol) return { protocol: l.protocol, port: l.protocol === "HTTPS" ? 443 : 80 };
  return { port: defaultPort ?? 80, protocol: "HTTP" };
}

/**
 * awsx 3 `getDefaultProtocol`: the port and protocol of the default target group, and of a
 * `listener` or the one default listener: from `listener`, or from `listeners[0]` when there are
 * two or more; a single-element `listeners` gives none.
 */
function defaultProtocol(inputs: Inputs): Inputs {
  let l: Inputs | undefined = inputs.listener;
  if (Array.isArray(inputs.listeners)) {
    if (inputs.listeners.length === 1) return {};
    l = inputs.listeners[0];
  }
  return listenerProtocol(l, inputs.defaultTargetGroupPort);
}

/** The subnet ids of `subnets` (references or ids) or `subnetIds`; unknown for awsx's default VPC. */
function subnetIdsOf(inputs: Inputs): unknown {
  if (Array.isArray(inputs.subnets))
    return inputs.subnets.map((s: unknown) =>
      typeof s === "object" && s !== null ? ((s as Inputs).id ?? UNKNOWN) : s,
    );
  if (given(inputs.subnetIds)) return inputs.subnetIds;
  return given(inputs.subnetMappings) ? undefined : LOOKED_UP;
}

/**
 * awsx 3 awsx/lb/applicationLoadBalancer.ts and networkLoadBalancer.ts: children named after the
 * component. The VPC id of the load balancer, its target group and default security group comes
 * from a subnet lookup (`aws.ec2.getSubnet` on the first subnet), so it stays unknown. An ALB's
 * default security group (when the program gives no `securityGroups` and no group of its own) is
 * open: all traffic in from 0.0.0.0/0 and ::/0, TCP 0-65535 out. An NLB has no such group, its
 * target group and listeners are TCP on port 80 (target group: `defaultTargetGroupPort`) unless
 * given. Each listener forwards to the default target group unless it gives `defaultActions`.
 */
function loadBalancer(lbType: "application" | "network") {
  return (name: string, inputs: Inputs): Record<string, Child | Child[]> => {
    const alb = lbType === "application";
    const out: Record<string, Child | Child[]> = {};
    const sg = inputs.defaultSecurityGroup;
    if (alb && !given(inputs.securityGroups) && !sg?.skip && !sg?.securityGroupId) {
      const open = ["0.0.0.0/0"];
      out.defaultSecurityGroup = {
        type: "aws:ec2/securityGroup:SecurityGroup",
        name,
        inputs: sg?.args ?? {
          vpcId: LOOKED_UP,
          ingress: [
            { fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: open, ipv6CidrBlocks: ["::/0"] },
          ],
          egress: [
            {
              fromPort: 0,
              toPort: 65535,
              protocol: "tcp",
              cidrBlocks: open,
              ipv6CidrBlocks: ["::/0"],
            },
          ],
        },
      };
    }
    const rest = omit(
      inputs,
      ...["subnetIds", "subnets", "defaultTargetGroup", "defaultTargetGroupPort"],
      ...["defaultSecurityGroup", "listener", "listeners"],
    );
    out.loadBalancer = {
      type: "aws:lb/loadBalancer:LoadBalancer",
      name,
      inputs: (made) => {
        const groups = given(inputs.securityGroups)
          ? inputs.securityGroups
          : sg?.securityGroupId
            ? [sg.securityGroupId]
            : made.defaultSecurityGroup
              ? [made.defaultSecurityGroup.id]
              : LOOKED_UP;
        return {
          ...rest,
          subnets: subnetIdsOf(inputs),
          vpcId: LOOKED_UP,
          loadBalancerType: lbType,
          ...(alb ? { securityGroups: groups } : { enableHttp2: false, idleTimeout: 0 }),
        };
      },
    };
    const ports = alb ? defaultProtocol(inputs) : { protocol: "TCP", port: 80 };
    out.defaultTargetGroup = {
      type: "aws:lb/targetGroup:TargetGroup",
      name,
      inputs: {
        vpcId: LOOKED_UP,
        ...(alb
          ? { targetType: "ip", ...ports }
          : { protocol: "TCP", port: inputs.defaultTargetGroupPort ?? 80 }),
        ...inputs.defaultTargetGroup,
      },
    };
    const listener = (l: Inputs | undefined, own: Inputs) => (made: Made) => ({
      defaultActions: [
        { type: "forward", targetGroupArn: made.defaultTargetGroup?.state.arn ?? UNKNOWN },
      ],
      ...own,
      ...l,
      loadBalancerArn: made.loadBalancer?.state.arn ?? UNKNOWN,
    });
    const listeners: Child[] = Array.isArray(inputs.listeners)
      ? inputs.listeners.map((l: Inputs, i: number) => ({
          type: "aws:lb/listener:Listener",
          name: `${name}-${i}`,
          inputs: listener(l, alb ? listenerProtocol(l) : ports),
        }))
      : [
          {
            type: "aws:lb/listener:Listener",
            name: `${name}-0`,
            inputs: listener(inputs.listener, ports),
          },
        ];
    out.listeners = listeners;
    return out;
  };
}

/**
 * awsx/ecs/fargateService.ts (and ec2Service.ts): `service` is the `aws.ecs.Service` named after the
 * component; `taskDefinition`, when `taskDefinitionArgs` is given, is the `aws.ecs.TaskDefinition`
 * of the task-definition component it creates under the same name, whose default family is
 * `<name>-<8 hex digits>`: awsx `utils.sha1hash` (`digest("hex").substring(0, 8)`) over the stack
 * name and the JSON of the container definitions it computes (fargateTaskDefinition.ts
 * `buildTaskDefinitionArgs`). Those carry the log configuration of the log group awsx creates, which
 * an offline run never sees, so the hash here is over the given containers: same form, not the
 * same digits.
 */
function ecsService(taskDefinitionType: string) {
  return (name: string, inputs: Inputs, stack: string): Record<string, Child> => {
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
      const hash = createHash("sha1")
        .update(stack + containers)
        .digest("hex")
        .substring(0, 8);
      out.taskDefinition = {
        type: "aws:ecs/taskDefinition:TaskDefinition",
        name,
        inputs: { family: td.family ?? `${name}-${hash}` },
        via: [taskDefinitionType],
      };
    }
    return out;
  };
}

type Derive = (name: string, inputs: Inputs, stack: string) => Record<string, Child | Child[]>;

const CHILDREN: Record<string, Derive> = {
  "awsx:lb:ApplicationLoadBalancer": loadBalancer("application"),
  "awsx:lb:NetworkLoadBalancer": loadBalancer("network"),
  "awsx:ecs:FargateService": ecsService("awsx:ecs:FargateTaskDefinition"),
  "awsx:ecs:EC2Service": ecsService("awsx:ecs:EC2TaskDefinition"),
  // awsx/ec2/vpc.ts: `new aws.ec2.Vpc(name, { ...args, cidrBlock, tags: { Name: name, ...tags } })`
  // (cidrBlock "10.0.0.0/16" unless given or left to an IPAM pool), the child ./remote-outputs.ts
  // takes vpcId from, and the `aws.ec2.InternetGateway` it always creates in that VPC.
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
        inputs: (made) => ({ vpcId: made.vpc?.id ?? UNKNOWN, tags }),
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

/** A reference as it crosses the wire: signature, URN and id. */
const wire = ({ state: _state, ...r }: Inputs): Inputs => r;

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
  const made: Made = {};
  const stack = urn.split("::")[0].replace(/^urn:pulumi:/, "");
  const ref = (c: Child): Inputs | undefined => {
    if (hasUnknown(c.name)) return undefined;
    const inputs = typeof c.inputs === "function" ? c.inputs(made) : c.inputs;
    // An input the program leaves out is absent, not `undefined`: the fake AWS fills in only the
    // properties the inputs lack (the auto-name among them), as the provider does. One the
    // component looks up stays out of the state too, so the program reads it as unknown.
    const present = Object.fromEntries(
      Object.entries(inputs).filter(([, v]) => v !== undefined && v !== LOOKED_UP),
    );
    const got = resourceState({ type: c.type, name: c.name, inputs: present }, env, "apply");
    if (!got.id || hasUnknown(got.id)) return undefined;
    for (const [k, v] of Object.entries(inputs)) if (v === LOOKED_UP) delete got.state[k];
    const at = childUrn(urn, c);
    // Plain JSON, as state crosses the wire.
    const state = JSON.parse(JSON.stringify(got.state));
    children.push({ urn: at, id: got.id, state });
    return { [SIG_KEY]: RESOURCE_SIG, urn: at, id: got.id, state };
  };
  for (const [key, value] of Object.entries(derive(name, inputs ?? {}, stack))) {
    if (Array.isArray(value)) {
      const refs = value.map(ref);
      if (refs.every((r) => r !== undefined)) outputs[key] = refs.map(wire);
    } else {
      const r = ref(value);
      if (r) {
        made[key] = { id: r.id, state: r.state };
        outputs[key] = wire(r);
      }
    }
  }
  return { outputs, children };
}
