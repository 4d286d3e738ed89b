// The security-group half of the network model: every group's rules, inline and as separate rule
// resources (SecurityGroupRule, SecurityGroupIngressRule/EgressRule) with the prefix lists they
// name (./prefix-lists.ts), each readable on its own (a rule part unknown at preview throws only
// when that rule is read), and which groups sit on internet-facing load balancers. Built once per
// stack.
import type { PolicyResource } from "@pulumi/policy";
import type { StackIndex } from "../define";
import { byLiteralId, perStack, resolveRef } from "../references";
import { collect, flagOn, get, must, numberish, unknownError } from "../values";
import { normaliseProtocol, PortRange, portRange } from "./ports";
import { label } from "./labels";
import { PrefixLists } from "./prefix-lists";
import {
  AWSX_APPLICATION_LOAD_BALANCER,
  AWSX_NETWORK_LOAD_BALANCER,
  EC2_SECURITY_GROUP_RULE,
  LOAD_BALANCER_TYPES,
  SECURITY_GROUP_TYPES,
  VPC_SECURITY_GROUP_EGRESS_RULE,
  VPC_SECURITY_GROUP_INGRESS_RULE,
} from "../types";

export interface SgRule {
  /** The resource holding the rule (the group for inline rules). */
  readonly resource: PolicyResource;
  readonly inline: boolean;
  readonly direction: "ingress" | "egress";
  /** The group(s) of this stack the rule belongs to. */
  readonly groups: PolicyResource[];
  /** Literal ids of groups this stack does not manage. */
  readonly groupIds: string[];
  /** The group is unknown until apply and no property dependency names it. */
  readonly groupUnresolved: boolean;
  /** Reads the rule; throws an UnknownValueError when part of it is unknown. */
  read(): SgRuleInfo;
}

export interface SgRuleInfo {
  readonly protocol: string;
  /** Ports opened (undefined for ICMP). */
  readonly ports: PortRange | undefined;
  /** IPv4 and IPv6 CIDRs (sources for ingress, destinations for egress). */
  readonly cidrs: string[];
  /**
   * The internet-wide entries of the stack's customer-managed prefix lists the rule names
   * (`prefixListIds`, `prefixListId`), each as `<cidr> (prefix list "<name>")`: a rule that
   * references a list applies to every entry of it.
   */
  readonly listed: string[];
  /**
   * Why more prefix-list sources may be named than `listed` holds, when that is unknown until
   * apply (which list an id is, or a named list's entries); the policies report it as a preview
   * note only for a rule their own port or load-balancer filter keeps and no known CIDR decides.
   */
  readonly listedUnknown: string | undefined;
  readonly description: string | undefined;
  /** `inline ingress #2 of security group "alb"`, `security group rule "ssh"`. */
  readonly where: string;
}

/** Security groups, their rules (inline and separate resources), and which sit on public load balancers. */
export class SecurityGroupGraph {
  /** The graph of a stack, built once per stack evaluation. */
  static readonly of = perStack((index) => new SecurityGroupGraph(index));

  readonly rules: SgRule[] = [];
  /** Groups attached to a load balancer known to be internet-facing, with the balancers. */
  readonly publicLbGroups = new Map<PolicyResource, PolicyResource[]>();
  /** Literal group ids on internet-facing load balancers (groups this stack does not manage). */
  readonly publicLbGroupIds = new Set<string>();
  /** Groups attached to a load balancer whose scheme is unknown until apply. */
  readonly maybePublicLbGroups = new Map<PolicyResource, PolicyResource[]>();
  /** Load balancers (not known to be internal) whose groups are unknown until apply. */
  readonly lbsWithUnknownGroups: PolicyResource[] = [];
  /** Separate rule resources per group. */
  readonly separateRules = new Map<PolicyResource, PolicyResource[]>();
  /** Groups with inline rules. */
  readonly inlineRuleGroups = new Set<PolicyResource>();
  private readonly groupById: Map<string, PolicyResource>;

  private constructor(index: StackIndex) {
    const groups = index.ofType(...SECURITY_GROUP_TYPES);
    this.groupById = byLiteralId(groups);
    const lists = PrefixLists.of(index);
    for (const g of groups) {
      for (const direction of ["ingress", "egress"] as const) {
        const listed = collect(g.props, [direction]);
        const arr = listed.values[0];
        const count = Array.isArray(arr) ? arr.length : 0;
        const base = {
          resource: g,
          inline: true,
          direction,
          groups: [g],
          groupIds: [],
          groupUnresolved: false,
        };
        for (let i = 0; i < count; i++)
          this.rules.push({ ...base, read: () => inlineRule(g, direction, i, lists) });
        if (listed.unknown) {
          this.rules.push({
            ...base,
            read: () => {
              throw unknownError(`the ${direction} rules of ${label(g)} are unknown until apply`);
            },
          });
        }
        if (count || listed.unknown) this.inlineRuleGroups.add(g);
      }
    }
    const separate = (
      r: PolicyResource,
      direction: "ingress" | "egress" | undefined,
      read: () => SgRuleInfo,
    ) => {
      const ref = resolveRef(r, ["securityGroupId"], SECURITY_GROUP_TYPES);
      const groups = [...ref.resources];
      const groupIds: string[] = [];
      for (const id of ref.literals) {
        const g = this.groupById.get(id);
        if (g) groups.push(g);
        else groupIds.push(id);
      }
      for (const g of groups) {
        const l = this.separateRules.get(g);
        if (l) l.push(r);
        else this.separateRules.set(g, [r]);
      }
      const base = {
        resource: r,
        inline: false,
        groups,
        groupIds,
        groupUnresolved: ref.unresolved,
        read,
      };
      if (direction) {
        this.rules.push({ ...base, direction });
        return;
      }
      const type = get(r.props, "type");
      if (type.known) {
        this.rules.push({
          ...base,
          direction: String(type.value) === "egress" ? "egress" : "ingress",
        });
        return;
      }
      // The rule's type is unknown: check it both ways; reading it reports the unknown.
      const guarded = () => {
        must(() => r.props.type, `the type of ${label(r)}`);
        return read();
      };
      this.rules.push(
        { ...base, direction: "ingress", read: guarded },
        { ...base, direction: "egress", read: guarded },
      );
    };
    for (const r of index.ofType(EC2_SECURITY_GROUP_RULE))
      separate(r, undefined, () => classicRule(r, lists));
    for (const r of index.ofType(VPC_SECURITY_GROUP_INGRESS_RULE))
      separate(r, "ingress", () => vpcRule(r, lists));
    for (const r of index.ofType(VPC_SECURITY_GROUP_EGRESS_RULE))
      separate(r, "egress", () => vpcRule(r, lists));

    // Load balancers and their groups. Provider docs (aws.lb.LoadBalancer): `internal` defaults to
    // false. awsx's load balancers (remote components, only their inputs are seen) take the same
    // `internal` and `securityGroups` arguments and pass them to the aws.lb.LoadBalancer they create
    // (awsx lb/applicationLoadBalancer.d.ts: "If true, the LB will be internal. Defaults to `false`").
    for (const lb of index.ofType(
      ...LOAD_BALANCER_TYPES,
      AWSX_APPLICATION_LOAD_BALANCER,
      AWSX_NETWORK_LOAD_BALANCER,
    )) {
      const internal = get(lb.props, "internal");
      if (internal.known && flagOn(internal.value)) continue;
      const target = internal.known ? this.publicLbGroups : this.maybePublicLbGroups;
      const ref = resolveRef(lb, ["securityGroups", "*"], SECURITY_GROUP_TYPES);
      if (ref.unresolved) this.lbsWithUnknownGroups.push(lb);
      const add = (g: PolicyResource) => {
        const l = target.get(g);
        if (l) l.push(lb);
        else target.set(g, [lb]);
      };
      ref.resources.forEach(add);
      for (const id of ref.literals) {
        const g = this.groupById.get(id);
        if (g) add(g);
        else if (internal.known) this.publicLbGroupIds.add(id);
      }
    }
  }
}

/**
 * The internet-wide entries of the prefix lists that `rule[prop]` names (see SgRuleInfo.listed),
 * `deps` being the property dependencies of the input that holds them and `sole` whether no other
 * rule's ids share it (PrefixLists.named). What cannot be told at preview (which list an id is,
 * or a named list's entries) is returned as `listedUnknown`, not thrown: a known open CIDR of the
 * rule, or a policy's own port filter, decides without it.
 */
function listedSources(
  lists: PrefixLists,
  rule: unknown,
  prop: "prefixListIds" | "prefixListId",
  deps: readonly PolicyResource[],
  sole: boolean,
  where: string,
): Pick<SgRuleInfo, "listed" | "listedUnknown"> {
  const { values, unknown } = collect(rule, [prop, "*"]);
  const named = lists.named(values, unknown, deps, sole);
  const listed: string[] = [];
  let listedUnknown = named.ambiguous
    ? `the prefix list that ${where} names is unknown until apply`
    : undefined;
  for (const l of named.lists) {
    const wide = lists.internetWide(l);
    if (wide === undefined)
      listedUnknown ??= `the entries of prefix list "${l.name}", which ${where} names, are unknown until apply`;
    else listed.push(...wide.map((c) => `${c} (prefix list "${l.name}")`));
  }
  return { listed, listedUnknown };
}

function inlineRule(
  g: PolicyResource,
  direction: "ingress" | "egress",
  i: number,
  lists: PrefixLists,
): SgRuleInfo {
  const r = g.props[direction][i];
  const protocol = normaliseProtocol(r.protocol);
  const where = `inline ${direction} #${i + 1} of ${label(g)}`;
  const deps = g.propertyDependencies?.[direction] ?? [];
  // The inline rules of one direction share their dependencies: this rule's unknown ids are the
  // only ones of the input when no other rule has any.
  const mine = collect(r, ["prefixListIds", "*"]).unknown;
  const all = collect(g.props, [direction, "*", "prefixListIds", "*"]).unknown;
  return {
    protocol,
    ports: portRange(r.protocol, numberish(r.fromPort), numberish(r.toPort)),
    cidrs: [...(r.cidrBlocks ?? []), ...(r.ipv6CidrBlocks ?? [])].map(String),
    ...listedSources(lists, r, "prefixListIds", deps, mine === all, where),
    description: typeof r.description === "string" && r.description ? r.description : undefined,
    where,
  };
}

function classicRule(r: PolicyResource, lists: PrefixLists): SgRuleInfo {
  const p = r.props;
  const deps = r.propertyDependencies?.["prefixListIds"] ?? [];
  return {
    protocol: normaliseProtocol(p.protocol),
    ports: portRange(p.protocol, numberish(p.fromPort), numberish(p.toPort)),
    cidrs: [...(p.cidrBlocks ?? []), ...(p.ipv6CidrBlocks ?? [])].map(String),
    ...listedSources(lists, p, "prefixListIds", deps, true, label(r)),
    description: typeof p.description === "string" && p.description ? p.description : undefined,
    where: label(r),
  };
}

function vpcRule(r: PolicyResource, lists: PrefixLists): SgRuleInfo {
  const p = r.props;
  const deps = r.propertyDependencies?.["prefixListId"] ?? [];
  return {
    protocol: normaliseProtocol(p.ipProtocol),
    ports: portRange(p.ipProtocol, numberish(p.fromPort), numberish(p.toPort)),
    cidrs: [p.cidrIpv4, p.cidrIpv6].filter((c) => typeof c === "string" && c).map(String),
    ...listedSources(lists, p, "prefixListId", deps, true, label(r)),
    description: typeof p.description === "string" && p.description ? p.description : undefined,
    where: label(r),
  };
}
