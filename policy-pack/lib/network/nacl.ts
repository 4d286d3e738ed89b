// Network ACL entries, inline (NetworkAcl / DefaultNetworkAcl `ingress`/`egress`) and as
// NetworkAclRule resources, read into one shape.
import type { PolicyResource } from "@pulumi/policy";
import { flagOn, numberish } from "../values";
import { PortRange, portRange } from "./ports";
import { label } from "./labels";

export interface NaclTraffic {
  readonly allow: boolean;
  readonly cidr: string | undefined;
  readonly ipv6Cidr: string | undefined;
  readonly ports: PortRange | undefined;
}

export interface NaclEntry extends NaclTraffic {
  /** The NetworkAclRule, or the ACL for an inline entry. */
  readonly holder: PolicyResource;
  readonly where: string;
  readonly ruleNo: number;
  readonly egress: boolean;
}

/**
 * What an entry lets through: an inline entry (`action`) or a NetworkAclRule (`ruleAction`), read in
 * this order: action, cidrBlock, ipv6CidrBlock, protocol, fromPort, toPort. Throws if unknown.
 */
export function naclTraffic(e: any, actionKey: "action" | "ruleAction"): NaclTraffic {
  return {
    allow: String(e[actionKey]).toLowerCase() === "allow",
    cidr: typeof e.cidrBlock === "string" && e.cidrBlock ? e.cidrBlock : undefined,
    ipv6Cidr: typeof e.ipv6CidrBlock === "string" && e.ipv6CidrBlock ? e.ipv6CidrBlock : undefined,
    ports: portRange(e.protocol, numberish(e.fromPort), numberish(e.toPort)),
  };
}

/** The inline entries of a NetworkAcl / DefaultNetworkAcl; throws if they are unknown. */
export function inlineNaclEntries(acl: PolicyResource): NaclEntry[] {
  const out: NaclEntry[] = [];
  for (const egress of [false, true]) {
    const list = (acl.props[egress ? "egress" : "ingress"] ?? []) as any[];
    list.forEach((e, i) =>
      out.push({
        holder: acl,
        where: `${egress ? "egress" : "ingress"} entry #${i + 1} (rule ${e.ruleNo}) of ${label(acl)}`,
        ruleNo: Number(e.ruleNo),
        egress,
        ...naclTraffic(e, "action"),
      }),
    );
  }
  return out;
}

/** A NetworkAclRule as an entry; throws if part of it is unknown. */
export function naclRuleEntry(r: PolicyResource): NaclEntry {
  const p = r.props;
  return {
    holder: r,
    where: `network ACL rule "${r.name}" (rule ${p.ruleNumber})`,
    ruleNo: Number(p.ruleNumber),
    egress: flagOn(p.egress),
    ...naclTraffic(p, "ruleAction"),
  };
}
