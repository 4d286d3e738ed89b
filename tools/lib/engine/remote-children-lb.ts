// The children of awsx 3's load balancers (pulumi/pulumi-awsx awsx/lb/applicationLoadBalancer.ts
// and networkLoadBalancer.ts), for ./remote-children.ts.
import { UNKNOWN } from "../fake-aws";
import { Child, given, idOf, Inputs, LOOKED_UP, Made, MadeChild, omit } from "./remote-child";

/** The state of the made child at `key` (not an array key). */
const stateOf = (made: Made, key: string): Inputs | undefined =>
  (made[key] as MadeChild | undefined)?.state;

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
export function loadBalancer(lbType: "application" | "network") {
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
              ? [idOf(made, "defaultSecurityGroup")]
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
        { type: "forward", targetGroupArn: stateOf(made, "defaultTargetGroup")?.arn ?? UNKNOWN },
      ],
      ...own,
      ...l,
      loadBalancerArn: stateOf(made, "loadBalancer")?.arn ?? UNKNOWN,
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
