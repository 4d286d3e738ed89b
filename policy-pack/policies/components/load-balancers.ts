// awsx.lb.ApplicationLoadBalancer: its listeners, judged from the component's `listener`/`listeners`
// inputs with the helpers and levels of the aws.lb.Listener rules (plain HTTP advisory, TLS policy
// mandatory); and awsx.lb.NetworkLoadBalancer's TLS listeners, judged the same way.
//
// What awsx creates, from its source (pulumi-awsx awsx/lb/applicationLoadBalancer.ts): one
// aws.lb.Listener per `listener`/`listeners` entry, each with the entry's settings over a default
// action that forwards to the default target group; without either, one listener with that forward
// action only. A listener without `protocol` is HTTP (aws.lb.Listener docs: "For Application Load
// Balancers, valid values are HTTP and HTTPS, with a default of HTTP"). Without `securityGroups` and
// `defaultSecurityGroup` it also creates a security group open to every port and protocol from
// 0.0.0.0/0 and ::/0 ("TO-DO: we default to open SG rules at this point").
import { resourcePolicy } from "../../lib/define";
import {
  DEFAULT_SSL_POLICY_PATTERN,
  httpActionProblem,
  tlsPolicyProblem,
} from "../../lib/edge/listeners";
import { AWSX_APPLICATION_LOAD_BALANCER, AWSX_NETWORK_LOAD_BALANCER } from "../../lib/types";
import { asList } from "../../lib/values";
import { cdkNag, checkov, fsbp, trivy } from "../../lib/controls";

/** The listeners an awsx ALB will create: its `listener`, its `listeners`, or the default one. */
function awsxListeners(props: any): { label: string; args: any }[] {
  const one = props.listener;
  if (one && typeof one === "object") return [{ label: "listener", args: one }];
  const many = asList(props.listeners);
  if (many.length > 0)
    return many.map((args, i) => ({ label: `listeners[${i}]`, args: args ?? {} }));
  return [{ label: "the default listener", args: {} }];
}

export const awsxAlbHttpRedirect = resourcePolicy({
  name: "awsx-alb-http-redirects-to-https",
  description:
    "An awsx ApplicationLoadBalancer's HTTP listeners only redirect to HTTPS (or return a fixed response); without `listener`/`listeners` awsx creates a plain-HTTP listener forwarding to the default target group. Advisory, as elb-listener-http-redirects-to-https.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    'Give the component an HTTPS listener (`protocol: "HTTPS"`, an ACM `certificateArn`, a TLS 1.2+ `sslPolicy`) and make any HTTP listener\'s `defaultActions` a redirect to HTTPS.',
  references: [checkov("CKV2_AWS_20"), checkov("CKV_AWS_2"), fsbp("ELB.1")],
  types: [AWSX_APPLICATION_LOAD_BALANCER],
  check: (props, ctx) => {
    for (const l of awsxListeners(props)) {
      if ((l.args.protocol ?? "HTTP") !== "HTTP") continue;
      const actions = asList(l.args.defaultActions);
      // awsx's default action: forward to the default target group.
      for (const action of actions.length ? actions : [{ type: "forward" }]) {
        const problem = httpActionProblem(action);
        if (problem) ctx.report(`Plain HTTP served: ${l.label}'s default action ${problem}.`);
      }
    }
  },
});

/** The config of both awsx listener TLS rules: the accepted policies, as elb-listener-tls-policy. */
const SSL_POLICY_CONFIG = {
  sslPolicyPattern: {
    type: "string",
    description: "Regular expression for accepted security policies (as elb-listener-tls-policy).",
    default: DEFAULT_SSL_POLICY_PATTERN,
  },
} as const;

export const awsxAlbListenerTlsPolicy = resourcePolicy<{ sslPolicyPattern: string }>({
  name: "awsx-alb-listener-tls-policy",
  description:
    "An awsx ApplicationLoadBalancer's HTTPS listeners use a TLS 1.2+ security policy. Mandatory, as elb-listener-tls-policy: without `sslPolicy` the listener gets ELBSecurityPolicy-2016-08 (TLS 1.0+).",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set the listener\'s `sslPolicy` to "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-2021-06" or another ELBSecurityPolicy-TLS13-1-2-* / TLS13-1-3-* policy.',
  references: [checkov("CKV_AWS_103"), fsbp("ELB.17")],
  config: SSL_POLICY_CONFIG,
  types: [AWSX_APPLICATION_LOAD_BALANCER],
  check: (props, ctx) => {
    for (const l of awsxListeners(props)) {
      const problem = tlsPolicyProblem(
        l.args.protocol,
        l.args.sslPolicy,
        ctx.config.sslPolicyPattern,
      );
      if (problem) ctx.report(`${l.label}: ${problem}`);
    }
  },
});

export const awsxAlbSecurityGroupConfigured = resourcePolicy({
  name: "awsx-alb-security-group-configured",
  description:
    "An awsx ApplicationLoadBalancer names its security groups (`securityGroups`, or `defaultSecurityGroup` with `securityGroupId`, `args` or `skip`). Otherwise awsx 2 and 3 create one open to every port and protocol from 0.0.0.0/0 and ::/0 (the awsx 1.0 pre-releases created it with no rules, which leaves the load balancer unreachable rather than open). Mandatory, as ec2-security-group-no-public-ingress, which allows only TCP 80/443 to an internet-facing load balancer.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Pass `securityGroups` with a group that admits only TCP 443 (and 80 for the redirect) from the internet, or `defaultSecurityGroup: { args: { vpcId, ingress: [...443/80 only], egress: [...] } }`.",
  references: [
    cdkNag("AwsSolutions-EC23"),
    checkov("CKV_AWS_277"),
    trivy("AWS-0107"),
    fsbp("EC2.18"),
  ],
  types: [AWSX_APPLICATION_LOAD_BALANCER],
  check: (props, ctx) => {
    // pulumi-awsx awsx/lb/applicationLoadBalancer.ts: `if (!lbArgs.securityGroups &&
    // !defaultSecurityGroup?.skip)` it uses `securityGroupId`, else a new SecurityGroup from
    // `defaultSecurityGroup?.args ?? { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0,
    // cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }], ... }`.
    // https://github.com/pulumi/pulumi-awsx/blob/master/awsx/lb/applicationLoadBalancer.ts
    // The open default is in awsx 2 (pulumi/pulumi-awsx#1286, 2024, asks to close it)
    // and 3; the 1.0 pre-releases created `new aws.ec2.SecurityGroup(name, args ?? {})` (pulumi-awsx
    // @10d8cb1), a group with no rules. A policy sees the component's inputs, not the version of
    // the package that registered it, so the message says which versions it describes.
    if (props.securityGroups !== undefined && props.securityGroups !== null) return;
    const d = props.defaultSecurityGroup ?? {};
    if (d.skip === true || d.securityGroupId !== undefined || d.args !== undefined) return;
    ctx.report(
      "No securityGroups or defaultSecurityGroup: awsx (2 and 3) creates the load balancer's security group open to all traffic from 0.0.0.0/0 and ::/0.",
    );
  },
});

export const awsxNlbListenerTlsPolicy = resourcePolicy<{ sslPolicyPattern: string }>({
  name: "awsx-nlb-listener-tls-policy",
  description:
    "An awsx NetworkLoadBalancer's TLS listeners use a TLS 1.2+ security policy. Mandatory, as elb-listener-tls-policy: awsx creates each `listener`/`listeners` entry as an aws.lb.Listener (TCP on port 80 unless the entry says otherwise), and a TLS listener without `sslPolicy` gets ELBSecurityPolicy-2016-08 (TLS 1.0+).",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set the TLS listener\'s `sslPolicy` to "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-2021-06" or another ELBSecurityPolicy-TLS13-1-2-* / TLS13-1-3-* policy.',
  references: [checkov("CKV_AWS_103"), fsbp("ELB.17")],
  config: SSL_POLICY_CONFIG,
  types: [AWSX_NETWORK_LOAD_BALANCER],
  check: (props, ctx) => {
    // pulumi-awsx awsx/lb/networkLoadBalancer.ts: every listener is `{ defaultActions, protocol:
    // "TCP", port: 80, ...entry }`; without `listener`/`listeners`, one TCP listener on port 80.
    // https://github.com/pulumi/pulumi-awsx/blob/master/awsx/lb/networkLoadBalancer.ts
    for (const l of awsxListeners(props)) {
      const problem = tlsPolicyProblem(
        l.args.protocol ?? "TCP",
        l.args.sslPolicy,
        ctx.config.sslPolicyPattern,
      );
      if (problem) ctx.report(`${l.label}: ${problem}`);
    }
  },
});
