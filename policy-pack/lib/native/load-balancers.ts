// How aws-native load balancers and listeners say what the classic ones say in named arguments
// (CloudFormation AWS::ElasticLoadBalancingV2::LoadBalancer LoadBalancerAttributes and
// AWS::ElasticLoadBalancingV2::Listener DefaultActions,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/), for ./twins-network.ts.
import { asList } from "../values";

/** A native listener's actions as the classic ones (the names of their config blocks). */
export function listenerActions(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  return asList<any>(v).map((a) => ({
    get type() {
      return a?.type;
    },
    get redirect() {
      return a?.redirectConfig;
    },
    get fixedResponse() {
      return a?.fixedResponseConfig;
    },
    get forward() {
      return a?.forwardConfig;
    },
    get targetGroupArn() {
      return a?.targetGroupArn;
    },
  }));
}

/** A load balancer attribute's value (a string), by key; undefined when not given. */
export function lbAttribute(v: unknown, key: string): unknown {
  return asList<any>(v).find((a) => a?.key === key)?.value;
}

/** An attribute's "true"/"false" as a boolean; left out stays undefined. */
export const lbFlag = (v: unknown) => (v === undefined || v === null ? v : String(v) === "true");

/** The access_logs.s3.* attributes as the classic accessLogs block (none given: no block). */
export function lbAccessLogs(v: unknown): unknown {
  if (v === undefined || v === null) return v;
  const enabled = lbAttribute(v, "access_logs.s3.enabled");
  const bucket = lbAttribute(v, "access_logs.s3.bucket");
  if (enabled === undefined && bucket === undefined) return undefined;
  return { enabled: lbFlag(enabled), bucket, prefix: lbAttribute(v, "access_logs.s3.prefix") };
}
