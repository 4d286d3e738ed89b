// Elastic Load Balancing v2 limits AWS enforces when the provider creates a listener, a load
// balancer's attributes or a target group at `pulumi up`, which the provider's schema passes on
// (`by: "aws"`): an HTTPS or TLS listener without its certificate, an Application Load Balancer's
// idle timeout and client keep-alive out of range, a GENEVE target group on a port other than 6081.
// Each rule cites the AWS page that states the limit. The provider's own checks of the same
// resources are in ./rules-balancers.ts. Both the `aws.lb` and the `aws.alb` tokens are judged alike.
import type { CrossRule } from "./rule";

const TARGET_GROUPS = ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"];
const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];

/** A protocol as the provider compares it, in upper case. */
export const upper = (v: unknown) => (typeof v === "string" ? v.toUpperCase() : undefined);

/**
 * CreateListener, `Certificates`: "[HTTPS and TLS listeners] The default certificate for the
 * listener. You must provide exactly one certificate."
 */
const CREATE_LISTENER =
  "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateListener.html";

/**
 * AWS::ElasticLoadBalancingV2::LoadBalancer LoadBalancerAttribute (the attribute list of the ELB
 * API's LoadBalancerAttribute): "idle_timeout.timeout_seconds - The idle timeout value, in
 * seconds. The valid range is 1-4000 seconds"; "client_keep_alive.seconds - The client keep alive
 * value, in seconds. The valid range is 60-604800 seconds". Both are Application Load Balancer
 * attributes: the provider sets them only on one (load_balancer.go, suppressIfLBTypeNot).
 */
const LB_ATTRIBUTES =
  "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-elasticloadbalancingv2-loadbalancer-loadbalancerattribute.html";

/** An HTTPS or TLS listener without its default certificate, refused by CreateListener. */
function listenerCertificate(type: string): CrossRule {
  return {
    type,
    what: "a certificate on an HTTPS or TLS listener",
    reads: ["protocol", "certificateArn"],
    check: (inputs) => {
      const protocol = upper(inputs.protocol);
      if (protocol !== "HTTPS" && protocol !== "TLS") return [];
      const arn = inputs.certificateArn;
      return arn === undefined || arn === null || arn === ""
        ? [
            {
              prop: "certificateArn",
              value: undefined,
              says: `${protocol} listeners need their default certificate (certificateArn)`,
            },
          ]
        : [];
    },
    fix: "certificateArn: the ARN of an ACM certificate of the load balancer's region",
    source: CREATE_LISTENER,
    by: "aws",
  };
}

/** An Application Load Balancer's attribute in `min`–`max` seconds (the default type is application). */
function albSeconds(type: string, prop: string, min: number, max: number): CrossRule {
  return {
    type,
    what: `${prop} ${min} to ${max} seconds on an Application Load Balancer`,
    reads: [prop, "loadBalancerType"],
    check: (inputs) => {
      const v = inputs[prop];
      if ((inputs.loadBalancerType ?? "application") !== "application") return [];
      return typeof v === "number" && (v < min || v > max || !Number.isInteger(v))
        ? [{ prop, value: v, says: `${prop} must be ${min} to ${max} seconds, got ${v}` }]
        : [];
    },
    fix: `${prop} from ${min} to ${max} seconds`,
    source: LB_ATTRIBUTES,
    by: "aws",
  };
}

/** CreateTargetGroup, `Port`: "If the protocol is GENEVE, the supported port is 6081." */
function genevePort(type: string): CrossRule {
  return {
    type,
    what: "port 6081 for a GENEVE target group",
    reads: ["protocol", "port", "targetType"],
    check: (inputs) =>
      inputs.protocol === "GENEVE" &&
      inputs.targetType !== "lambda" &&
      typeof inputs.port === "number" &&
      inputs.port !== 6081
        ? [
            {
              prop: "port",
              value: inputs.port,
              says: `a GENEVE target group listens on port 6081, got ${inputs.port}`,
            },
          ]
        : [],
    fix: "port: 6081 (a Gateway Load Balancer's GENEVE targets take no other)",
    source:
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html",
    by: "aws",
  };
}

export const CREATE_BALANCER_CROSS_RULES: readonly CrossRule[] = [
  ...TARGET_GROUPS.map(genevePort),
  ...LISTENERS.map(listenerCertificate),
  ...LOAD_BALANCERS.flatMap((t) => [
    albSeconds(t, "idleTimeout", 1, 4000),
    albSeconds(t, "clientKeepAlive", 60, 604800),
  ]),
];
