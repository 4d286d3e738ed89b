// How aws-native load balancers and listeners say what the classic ones say in named arguments
// (CloudFormation AWS::ElasticLoadBalancingV2::LoadBalancer LoadBalancerAttributes and
// AWS::ElasticLoadBalancingV2::Listener DefaultActions,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/), for ./twins-network.ts.
import { asList, present } from "../values";
import type { Derived } from "./twins";

/** A native listener's actions as the classic ones: their type and redirect block, what rules read. */
export function listenerActions(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  return asList<any>(v).map((a) => ({
    get type() {
      return a?.type;
    },
    get redirect() {
      return a?.redirectConfig;
    },
  }));
}

/** A load balancer attribute's value (a string), by key; undefined when not given. */
export function lbAttribute(v: unknown, key: string): unknown {
  return lbEntry(v, key)?.value;
}

/** An attribute's "true"/"false" as a boolean; left out stays undefined. */
export const lbFlag = (v: unknown) => (v === undefined || v === null ? v : String(v) === "true");

/** The attribute entry `{ key, value }` of a key, if given. */
const lbEntry = (v: unknown, key: string): any => asList<any>(v).find((a) => a?.key === key);

const ACCESS_LOG_KEYS: Readonly<Record<string, string>> = {
  enabled: "access_logs.s3.enabled",
  bucket: "access_logs.s3.bucket",
  prefix: "access_logs.s3.prefix",
};

/**
 * The access_logs.s3.* attributes as the classic accessLogs block (none given: no block). Its
 * fields are read only when a rule reads them, and each one's descriptor is the raw attribute
 * value, so a bucket unknown at preview is set (`present` in ../values.ts) without being read, as
 * on the classic block.
 */
export function lbAccessLogs(v: unknown): unknown {
  if (v === undefined || v === null) return v;
  const given = (field: string) => present(lbEntry(v, ACCESS_LOG_KEYS[field]), "value");
  if (!given("enabled") && !given("bucket")) return undefined;
  const read = (field: string): unknown => {
    const value = lbEntry(v, ACCESS_LOG_KEYS[field])?.value;
    return field === "enabled" ? lbFlag(value) : value;
  };
  const raw = (field: string): unknown =>
    Reflect.getOwnPropertyDescriptor(lbEntry(v, ACCESS_LOG_KEYS[field]) ?? {}, "value")?.value;
  const fields = Object.keys(ACCESS_LOG_KEYS);
  return new Proxy({} as Record<string, unknown>, {
    get: (_, k) => (typeof k === "string" && fields.includes(k) ? read(k) : undefined),
    has: (_, k) => typeof k === "string" && fields.includes(k),
    ownKeys: () => fields,
    getOwnPropertyDescriptor: (_, k) => {
      if (typeof k !== "string" || !fields.includes(k)) return undefined;
      let value: unknown;
      try {
        value = read(k);
      } catch {
        value = raw(k); // unknown at preview: the raw sentinel stands for it, as on the classic proxy
      }
      return { value, writable: false, enumerable: true, configurable: true };
    },
  });
}

/**
 * Classic load balancer arguments a native one sets as LoadBalancerAttributes (Elastic Load
 * Balancing API, LoadBalancerAttribute keys, https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerAttribute.html:
 * routing.http.drop_invalid_header_fields.enabled,
 * routing.http.desync_mitigation_mode, load_balancing.cross_zone.enabled), each read only when a
 * rule reads it; left out, the attribute is AWS's default, as the classic argument's.
 */
export const lbSettings: Readonly<Record<string, Derived>> = {
  dropInvalidHeaderFields: {
    from: "loadBalancerAttributes",
    map: (v: unknown) => lbFlag(lbAttribute(v, "routing.http.drop_invalid_header_fields.enabled")),
  },
  desyncMitigationMode: {
    from: "loadBalancerAttributes",
    map: (v: unknown) => lbAttribute(v, "routing.http.desync_mitigation_mode"),
  },
  enableCrossZoneLoadBalancing: {
    from: "loadBalancerAttributes",
    map: (v: unknown) => lbFlag(lbAttribute(v, "load_balancing.cross_zone.enabled")),
  },
};
