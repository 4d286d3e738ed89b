// VPC and EC2 policies: no default route from compute subnets (core, mandatory), security groups,
// NACLs, flow logs, the default security group, subnets, VPC endpoints and EC2 instances.
//
// Cross-resource rules are stack policies over the network model in ../lib/network.ts, built once
// per stack. Values unknown at preview never pass silently: resource policies let the unknown
// proxy throw, stack policies run each resource's part in `ctx.each`.
import type {
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { PolicyMeta, resourcePolicy, stackPolicy } from "../lib/define";
import {
  carriesPorts,
  collect,
  coversPort,
  describePorts,
  describeRoute,
  describeTarget,
  ebsDefaults,
  EbsDefaults,
  isInternetWide,
  label,
  literalId,
  must,
  NACL_TYPES,
  NaclEntry,
  naclRuleEntry,
  inlineNaclEntries,
  NetworkGraph,
  peek,
  portRange,
  PortRange,
  resolveRef,
  RouteEntry,
  routeWhere,
  SecurityGroupGraph,
  SgRuleInfo,
  SubnetNode,
  T,
  tagsOf,
  unknownError,
} from "../lib/network";

/** A property that holds a value (not absent, empty or false). */
const set = (v: unknown) => v !== undefined && v !== null && v !== "" && v !== false;

/** A reference that holds a value; one unknown at preview (a key ARN, a profile name) will hold one. */
const present = (read: () => unknown) => {
  const p = peek(read);
  return !p.known || set(p.value);
};

// ---------------------------------------------------------------------------------------------
// Compute subnets and their routes (core family 4)
// ---------------------------------------------------------------------------------------------

interface TierConfig {
  readonly tierTagKey: string;
  readonly computeTierValues: string[];
}

const tierConfig: PolicyMeta["config"] = {
  tierTagKey: {
    type: "string",
    description: "Tag key that marks a subnet's tier.",
    default: "tier",
  },
  computeTierValues: {
    type: "array",
    items: { type: "string" },
    description:
      "Tier tag values that make a subnet a compute subnet (no default route allowed). Any subnet that hosts compute counts as well, tagged or not.",
    default: ["compute", "data"],
  },
};

/** Why a subnet is a compute subnet (empty: it is not). Throws if its tags are unknown and nothing else tells. */
function computeReasons(s: SubnetNode, cfg: TierConfig): string[] {
  const reasons: string[] = [];
  let tagsUnknown = false;
  if (s.resource) {
    const r = s.resource;
    const tier = peek(() => tagsOf(r)[cfg.tierTagKey]);
    if (!tier.known) tagsUnknown = true;
    else if (typeof tier.value === "string" && cfg.computeTierValues.includes(tier.value)) {
      reasons.push(`tagged ${cfg.tierTagKey}=${tier.value}`);
    }
  }
  const placed = [...s.placements];
  if (placed.length) {
    const more = placed.length > 3 ? ` and ${placed.length - 3} more` : "";
    reasons.push(`hosts ${placed.slice(0, 3).map(label).join(", ")}${more}`);
  }
  if (!reasons.length && tagsUnknown) {
    throw unknownError(
      `the tags of ${s.label} are unknown until apply, so it cannot be told whether it is a compute subnet`,
    );
  }
  return reasons;
}

/** The resource a subnet's findings are reported on: the subnet, or what is placed in an existing one. */
function holderOf(s: SubnetNode): PolicyResource | undefined {
  if (s.resource) return s.resource;
  for (const p of s.placements) return p;
  return undefined;
}

const computeSubnetNoDefaultRoute = stackPolicy<TierConfig>({
  name: "ec2-compute-subnet-no-default-route",
  description:
    "Subnets that host compute or data (tagged tier=compute/data, or holding an ECS service, EC2 instance, Lambda function, CodeBuild project or other compute) have no 0.0.0.0/0 or ::/0 route to any target.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Remove the default route from the compute subnet's route table (inline `routes`, a `aws.ec2.Route`, or the VPC's main/default route table it falls back to) and reach AWS services through VPC endpoints. Give every subnet an explicit route table association. If egress is truly required (for example a NAT route for a reviewed workload), tag the route table with `waiver:ec2-compute-subnet-no-default-route` and the written reason.",
  references: [{ source: "cdk-nag", id: "VPCNoUnrestrictedRouteToIGW" }],
  config: tierConfig,
  types: [
    T.route,
    T.routeTable,
    T.defaultRouteTable,
    T.routeTableAssociation,
    T.mainRouteTableAssociation,
    T.subnet,
  ],
  check: (ctx) => {
    const g = NetworkGraph.of(ctx.index);
    for (const p of g.unresolvedPlacements) {
      ctx.each(p, () => {
        throw unknownError(
          `the subnets of ${label(p)} are unknown until apply and no property dependency names them, so the route table they use cannot be checked`,
        );
      });
    }
    const hits = new Map<RouteEntry, string[]>();
    const seen = { compute: false };
    for (const s of g.subnets) {
      const holder = holderOf(s);
      if (!holder) continue;
      ctx.each(holder, () => {
        const reasons = computeReasons(s, ctx.config);
        if (!reasons.length) return;
        seen.compute = true;
        const who = `${s.label} (${reasons.join("; ")})`;
        const routing = g.routing(s);
        const unknown = [...routing.unknown];
        for (const { table, via } of routing.tables) {
          const bad: RouteEntry[] = [];
          for (const route of table.routes) {
            if (!route.destination.known) unknown.push(route.destination.why);
            else if (route.destination.internetWide) bad.push(route);
          }
          for (const route of bad) {
            const list = hits.get(route);
            if (list) list.push(who);
            else hits.set(route, [who]);
          }
          if (bad.length) {
            ctx.report(
              holder,
              `${who} uses ${table.label} (${via}), which has a default route: ${bad.map(describeRoute).join("; ")}. Compute and data subnets must not reach the internet or other networks through a default route.`,
              table.carriers,
            );
          }
        }
        if (unknown.length) throw unknownError(`${s.label}: ${unknown.join("; ")}`);
      });
    }
    for (const [route, subnets] of hits) {
      const dest = route.destination.known ? route.destination.text : "traffic";
      const listed =
        subnets.length > 5 ? [...subnets.slice(0, 5), `and ${subnets.length - 5} more`] : subnets;
      ctx.report(
        route.resource,
        `${routeWhere(route)} sends ${dest} to ${describeTarget(route)} for compute subnet(s): ${listed.join(", ")}. Compute and data subnets must not have a default route.`,
        route.table.carriers,
      );
    }
    if (!seen.compute) return;
    for (const route of g.floatingRoutes) {
      if (route.destination.known && !route.destination.internetWide) continue;
      ctx.each(route.resource, () => {
        throw unknownError(
          `the route table of ${describeRoute(route)} is unknown until apply and no property dependency names it; it may serve a compute subnet`,
        );
      });
    }
  },
});

const computeSubnetRoutingVerifiable = stackPolicy<TierConfig>({
  name: "ec2-compute-subnet-route-table-verifiable",
  description:
    "Every compute or data subnet uses a route table this stack manages, so the no-default-route rule can verify it offline.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Create the subnet's route table in this stack and associate it explicitly (`aws.ec2.RouteTableAssociation`), or manage the VPC's main route table (`aws.ec2.DefaultRouteTable`). Avoid route propagation from virtual private gateways into compute route tables, or confirm on-premises never advertises a default route.",
  references: [{ source: "AWS docs", id: "vpc/latest/userguide/subnet-route-tables" }],
  config: tierConfig,
  types: [T.subnet, T.routeTable, T.routeTableAssociation],
  check: (ctx) => {
    const g = NetworkGraph.of(ctx.index);
    for (const s of g.subnets) {
      const holder = holderOf(s);
      if (!holder) continue;
      ctx.each(holder, () => {
        const reasons = computeReasons(s, ctx.config);
        if (!reasons.length) return;
        const routing = g.routing(s);
        if (!routing.unverifiable.length) return;
        ctx.report(
          holder,
          `${s.label} (${reasons.join("; ")}): ${routing.unverifiable.join("; ")}. ec2-compute-subnet-no-default-route cannot verify this subnet offline.`,
          routing.tables.flatMap((t) => t.table.carriers),
        );
      });
    }
  },
});

/** Every route of a Route resource or a table's inline routes, for resource policies. */
function routesOf(type: string, props: any): { dest: string; where: string; route: any }[] {
  if (type === T.route) {
    const dest =
      props.destinationCidrBlock ?? props.destinationIpv6CidrBlock ?? props.destinationPrefixListId;
    return [{ dest: String(dest ?? ""), where: "this route", route: props }];
  }
  return ((props.routes ?? []) as any[]).map((route, i) => ({
    dest: String(route.cidrBlock ?? route.ipv6CidrBlock ?? route.destinationPrefixListId ?? ""),
    where: `inline route #${i + 1}`,
    route,
  }));
}

const routePeeringNotDefault = resourcePolicy({
  name: "ec2-route-peering-not-default",
  description: "Routes to a VPC peering connection name the peer's CIDR, never 0.0.0.0/0 or ::/0.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Route only the peer VPC's CIDR blocks to the peering connection (a peering connection does not forward traffic to the internet and an overly broad route hides routing mistakes).",
  references: [{ source: "Checkov", id: "CKV2_AWS_44" }],
  types: [T.route, T.routeTable, T.defaultRouteTable],
  check: (props, ctx, args) => {
    for (const { dest, where, route } of routesOf(args.type, props)) {
      const pcx = peek(() => route.vpcPeeringConnectionId);
      if (pcx.known && !set(pcx.value)) continue;
      if (isInternetWide(dest)) ctx.report(`${where} sends ${dest} to a VPC peering connection.`);
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Security groups
// ---------------------------------------------------------------------------------------------

/**
 * Default high-risk ports: Security Hub EC2.19's list (remote administration, databases, caches,
 * search and dashboards), plus 5439 (Redshift), 6379 (Redis), 11211 (Memcached) and 27017 (MongoDB).
 */
const HIGH_RISK_PORTS = [
  20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5439,
  5500, 5601, 6379, 8080, 8088, 8888, 9200, 9300, 11211, 27017,
];

function portsText(info: SgRuleInfo): string {
  return info.ports ? describePorts(info.ports) : `${info.protocol} (no ports)`;
}

interface PublicIngressConfig {
  readonly publicLoadBalancerPorts: number[];
}

const sgNoPublicIngress = stackPolicy<PublicIngressConfig>({
  name: "ec2-security-group-no-public-ingress",
  description:
    "No security group accepts traffic from 0.0.0.0/0 or ::/0, except TCP 80/443 on a group attached to an internet-facing load balancer.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Allow ingress from the load balancer's security group (or a specific CIDR) instead of 0.0.0.0/0 or ::/0. Only the security group of an internet-facing load balancer may accept 80/443 from anywhere.",
  references: [
    { source: "cdk-nag", id: "AwsSolutions-EC23" },
    { source: "Checkov", id: "CKV_AWS_277" },
    { source: "Checkov", id: "CKV_AWS_260" },
    { source: "Trivy", id: "AWS-0107" },
    { source: "Security Hub FSBP", id: "EC2.18" },
  ],
  config: {
    publicLoadBalancerPorts: {
      type: "array",
      items: { type: "integer", minimum: 0, maximum: 65535 },
      description:
        "TCP ports an internet-facing load balancer's security group may open to the internet.",
      default: [80, 443],
    },
  },
  types: [
    T.securityGroup,
    T.defaultSecurityGroup,
    T.securityGroupRule,
    T.ingressRule,
    T.lb,
    T.alb,
    T.elb,
  ],
  check: (ctx) => {
    const sg = SecurityGroupGraph.of(ctx.index);
    const allowed = ctx.config.publicLoadBalancerPorts;
    for (const rule of sg.rules) {
      if (rule.direction !== "ingress") continue;
      ctx.each(rule.resource, () => {
        const info = rule.read();
        const open = info.cidrs.filter(isInternetWide);
        if (!open.length) return;
        const lbPort =
          info.protocol === "tcp" &&
          !!info.ports &&
          info.ports.from === info.ports.to &&
          allowed.includes(info.ports.from);
        if (lbPort) {
          if (rule.groupUnresolved) {
            throw unknownError(
              `the security group of ${info.where} is unknown until apply, so whether it belongs to an internet-facing load balancer cannot be told`,
            );
          }
          const known =
            rule.groups.every((g) => sg.publicLbGroups.has(g)) &&
            rule.groupIds.every((id) => sg.publicLbGroupIds.has(id)) &&
            rule.groups.length + rule.groupIds.length > 0;
          if (known) return;
          const maybe = rule.groups.filter((g) => sg.maybePublicLbGroups.has(g));
          if (maybe.length || sg.lbsWithUnknownGroups.length) {
            const lbs = [
              ...maybe.flatMap((g) => sg.maybePublicLbGroups.get(g) ?? []),
              ...sg.lbsWithUnknownGroups,
            ];
            throw unknownError(
              `${info.where} opens ${portsText(info)} to ${open.join(", ")}; whether its group fronts an internet-facing load balancer depends on ${lbs.map(label).join(", ")}, unknown until apply`,
            );
          }
        }
        const why = lbPort
          ? "its security group is not attached to an internet-facing load balancer"
          : `only TCP ${allowed.join("/")} on an internet-facing load balancer's security group may be open to the internet`;
        ctx.report(
          rule.resource,
          `${info.where} allows ${portsText(info)} from ${open.join(", ")}: ${why}.`,
          rule.groups,
        );
      });
    }
  },
});

interface AdminPortsConfig {
  readonly adminPorts: number[];
}

const sgNoAdminPortsPublic = stackPolicy<AdminPortsConfig>({
  name: "ec2-security-group-no-admin-ports-public",
  description:
    "No security group opens remote-administration or other high-risk ports (SSH, RDP, databases, caches…) to 0.0.0.0/0 or ::/0.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Remove the rule. Reach instances through SSM Session Manager or EC2 Instance Connect Endpoint, and databases from the application's security group only.",
  references: [
    { source: "Checkov", id: "CKV_AWS_24" },
    { source: "Checkov", id: "CKV_AWS_25" },
    { source: "Trivy", id: "AWS-0107" },
    { source: "Security Hub FSBP", id: "EC2.13" },
    { source: "Security Hub FSBP", id: "EC2.14" },
    { source: "Security Hub FSBP", id: "EC2.19" },
  ],
  config: {
    adminPorts: {
      type: "array",
      items: { type: "integer", minimum: 0, maximum: 65535 },
      description: "Ports that must never be reachable from the internet.",
      default: HIGH_RISK_PORTS,
    },
  },
  types: [T.securityGroup, T.defaultSecurityGroup, T.securityGroupRule, T.ingressRule],
  check: (ctx) => {
    const sg = SecurityGroupGraph.of(ctx.index);
    for (const rule of sg.rules) {
      if (rule.direction !== "ingress") continue;
      ctx.each(rule.resource, () => {
        const info = rule.read();
        const open = info.cidrs.filter(isInternetWide);
        const ports = info.ports;
        if (!open.length || !ports) return;
        const hit = ctx.config.adminPorts.filter((p) => coversPort(ports, p));
        if (!hit.length) return;
        const shown = hit.length > 8 ? `${hit.slice(0, 8).join(", ")}, …` : hit.join(", ");
        ctx.report(
          rule.resource,
          `${info.where} opens high-risk port(s) ${shown} (${describePorts(ports)}) to ${open.join(", ")}.`,
          rule.groups,
        );
      });
    }
  },
});

const sgEgressRestricted = stackPolicy({
  name: "ec2-security-group-egress-restricted",
  description:
    "No security group allows all traffic (every protocol or every port) out to 0.0.0.0/0 or ::/0.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Allow egress only to what the workload needs: TCP 443 to the VPC endpoints' security group or the S3 prefix list, the database's security group, and so on.",
  references: [
    { source: "Checkov", id: "CKV_AWS_382" },
    { source: "Trivy", id: "AWS-0104" },
  ],
  types: [T.securityGroup, T.defaultSecurityGroup, T.securityGroupRule, T.egressRule],
  check: (ctx) => {
    const sg = SecurityGroupGraph.of(ctx.index);
    for (const rule of sg.rules) {
      if (rule.direction !== "egress") continue;
      ctx.each(rule.resource, () => {
        const info = rule.read();
        const open = info.cidrs.filter(isInternetWide);
        if (!open.length || !info.ports?.all || !carriesPorts(info.ports)) return;
        ctx.report(
          rule.resource,
          `${info.where} allows ${describePorts(info.ports)} out to ${open.join(", ")}.`,
          rule.groups,
        );
      });
    }
  },
});

/** The provider's default group description. */
const DEFAULT_SG_DESCRIPTION = "Managed by Pulumi";

const sgDescription = resourcePolicy({
  name: "ec2-security-group-description",
  description:
    "Security groups and their rules carry a description that says what they allow and why.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Set `description` on the security group (the provider\'s default is "Managed by Pulumi") and on every rule.',
  references: [
    { source: "cdk-nag", id: "AwsSolutions-EC27" },
    { source: "Checkov", id: "CKV_AWS_23" },
    { source: "Trivy", id: "AWS-0099" },
    { source: "Trivy", id: "AWS-0124" },
  ],
  types: [
    T.securityGroup,
    T.defaultSecurityGroup,
    T.securityGroupRule,
    T.ingressRule,
    T.egressRule,
  ],
  check: (props, ctx, args) => {
    if (args.type === T.securityGroup) {
      const d = props.description;
      if (typeof d !== "string" || !d.trim() || d.trim() === DEFAULT_SG_DESCRIPTION) {
        ctx.report(`The security group has no description of its own (${d ? `"${d}"` : "none"}).`);
      }
    }
    if (args.type === T.securityGroup || args.type === T.defaultSecurityGroup) {
      for (const direction of ["ingress", "egress"]) {
        const missing = ((props[direction] ?? []) as any[])
          .map((r, i) => (typeof r.description === "string" && r.description.trim() ? 0 : i + 1))
          .filter((i) => i > 0);
        if (missing.length)
          ctx.report(`Inline ${direction} rule(s) #${missing.join(", #")} have no description.`);
      }
      return;
    }
    const d = props.description;
    if (typeof d !== "string" || !d.trim()) ctx.report("The rule has no description.");
  },
});

const sgNoRuleManagementConflicts = stackPolicy({
  name: "ec2-security-group-no-rule-management-conflicts",
  description:
    "A security group's rules are managed one way only: inline `ingress`/`egress`, or separate rule resources, never both.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Move the group's rules to `aws.vpc.SecurityGroupIngressRule` / `SecurityGroupEgressRule` resources (one CIDR each) and drop the inline `ingress`/`egress`. A DefaultSecurityGroup treats its inline rules as absolute and cannot be combined with rule resources.",
  references: [{ source: "AWSGuard", id: "security-group-no-rule-management-conflicts" }],
  types: [
    T.securityGroup,
    T.defaultSecurityGroup,
    T.securityGroupRule,
    T.ingressRule,
    T.egressRule,
  ],
  check: (ctx) => {
    const sg = SecurityGroupGraph.of(ctx.index);
    for (const [group, rules] of sg.separateRules) {
      // Provider docs: inline rules and rule resources fight over the same rules (each shows a diff
      // on every run); the DefaultSecurityGroup resource is incompatible with rule resources.
      if (!sg.inlineRuleGroups.has(group) && group.type !== T.defaultSecurityGroup) continue;
      ctx.report(
        group,
        `${label(group)} ${group.type === T.defaultSecurityGroup ? "manages its rules inline (absolutely)" : "has inline rules"} and also separate rule resources: ${rules.map(label).join(", ")}.`,
      );
    }
  },
});

// ---------------------------------------------------------------------------------------------
// VPC-wide settings: default security group, flow logs
// ---------------------------------------------------------------------------------------------

/** Resources of `types` per VPC (by URN) that reference it at `path`; plus those whose VPC is unresolved. */
function byVpc(
  vpcs: readonly PolicyResource[],
  resources: readonly PolicyResource[],
  path: readonly string[],
): { map: Map<PolicyResource, PolicyResource[]>; floating: PolicyResource[] } {
  const byId = new Map<string, PolicyResource>();
  for (const v of vpcs) {
    const id = literalId(v);
    if (id) byId.set(id, v);
  }
  const map = new Map<PolicyResource, PolicyResource[]>();
  const floating: PolicyResource[] = [];
  for (const r of resources) {
    const ref = resolveRef(r, path, [T.vpc]);
    const found = [
      ...ref.resources,
      ...ref.literals.map((id) => byId.get(id)).filter((v): v is PolicyResource => !!v),
    ];
    for (const v of found) {
      const l = map.get(v);
      if (l) l.push(r);
      else map.set(v, [r]);
    }
    if (ref.unresolved) floating.push(r);
  }
  return { map, floating };
}

const defaultSgNoRules = stackPolicy({
  name: "ec2-default-security-group-no-rules",
  description:
    "Every VPC's default security group is managed (aws.ec2.DefaultSecurityGroup) and allows no inbound or outbound traffic.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Add `new aws.ec2.DefaultSecurityGroup(name, { vpcId: vpc.id })` with no `ingress` or `egress`: the provider removes every rule of the default group when it adopts it. Give workloads their own security groups.",
  references: [
    { source: "Checkov", id: "CKV2_AWS_12" },
    { source: "Trivy", id: "AWS-0173" },
    { source: "Security Hub FSBP", id: "EC2.2" },
  ],
  types: [T.vpc, T.defaultSecurityGroup],
  check: (ctx) => {
    const vpcs = ctx.index.ofType(T.vpc);
    const dsgs = ctx.index.ofType(T.defaultSecurityGroup);
    const { map, floating } = byVpc(vpcs, dsgs, ["vpcId"]);
    const sg = SecurityGroupGraph.of(ctx.index);
    for (const vpc of vpcs) {
      ctx.each(vpc, () => {
        if (map.has(vpc)) return;
        if (floating.length) {
          throw unknownError(
            `the VPC of ${floating.map(label).join(", ")} is unknown until apply; it may be ${label(vpc)}`,
          );
        }
        // VPC docs: a VPC's default security group allows all inbound traffic from its own members
        // and all outbound traffic until its rules are removed.
        ctx.report(
          vpc,
          `${label(vpc)} does not manage its default security group, which keeps AWS's rules (all inbound from members of the group, all outbound).`,
        );
      });
    }
    for (const d of dsgs) {
      ctx.each(d, () => {
        const rules = ["ingress", "egress"].flatMap((dir) =>
          collect(d.props, [dir, "*"]).values.map(() => dir),
        );
        if (
          collect(d.props, ["ingress", "*"]).unknown ||
          collect(d.props, ["egress", "*"]).unknown
        ) {
          throw unknownError(`the rules of ${label(d)} are unknown until apply`);
        }
        const separate = sg.separateRules.get(d) ?? [];
        if (rules.length || separate.length) {
          const parts = [
            ...(rules.length
              ? [`${rules.length} inline rule(s) (${[...new Set(rules)].join(", ")})`]
              : []),
            ...(separate.length ? [`rule resources ${separate.map(label).join(", ")}`] : []),
          ];
          ctx.report(
            d,
            `${label(d)} allows traffic: ${parts.join(" and ")}. The default security group must have no rules.`,
          );
        }
      });
    }
  },
});

interface FlowLogConfig {
  readonly requiredTrafficType: string;
}

const vpcFlowLogsEnabled = stackPolicy<FlowLogConfig>({
  name: "ec2-vpc-flow-logs-enabled",
  description: "Every VPC has a flow log (aws.ec2.FlowLog on its vpcId) capturing all traffic.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Add `new aws.ec2.FlowLog(name, { vpcId: vpc.id, trafficType: "ALL", logDestination: <KMS-encrypted log group ARN>, iamRoleArn })`.',
  references: [
    { source: "cdk-nag", id: "AwsSolutions-VPC7" },
    { source: "Checkov", id: "CKV2_AWS_11" },
    { source: "Trivy", id: "AWS-0178" },
    { source: "Security Hub FSBP", id: "EC2.6" },
  ],
  config: {
    requiredTrafficType: {
      type: "string",
      enum: ["ALL", "ACCEPT", "REJECT"],
      description: "The traffic type a VPC's flow log must capture.",
      default: "ALL",
    },
  },
  types: [T.vpc, T.flowLog],
  check: (ctx) => {
    const vpcs = ctx.index.ofType(T.vpc);
    const { map, floating } = byVpc(vpcs, ctx.index.ofType(T.flowLog), ["vpcId"]);
    const want = ctx.config.requiredTrafficType;
    for (const vpc of vpcs) {
      ctx.each(vpc, () => {
        const logs = map.get(vpc) ?? [];
        if (!logs.length) {
          if (floating.length) {
            throw unknownError(
              `the VPC of ${floating.map(label).join(", ")} is unknown until apply; it may be ${label(vpc)}`,
            );
          }
          ctx.report(vpc, `${label(vpc)} has no flow log.`);
          return;
        }
        const types = logs.map((l) =>
          must(() => l.props.trafficType, `the trafficType of ${label(l)}`),
        );
        if (!types.includes(want)) {
          ctx.report(
            vpc,
            `${label(vpc)}'s flow log(s) capture ${types.map((t) => t ?? "(unset)").join(", ")}, not ${want}.`,
          );
        }
      });
    }
  },
});

const subnetNoPublicIpOnLaunch = resourcePolicy({
  name: "ec2-subnet-no-public-ip-on-launch",
  description:
    "Subnets do not assign public IPv4 addresses to the network interfaces launched in them.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `mapPublicIpOnLaunch: false` (the default). Internet-facing load balancers do not need it; an instance that must be public gets an Elastic IP explicitly and a waiver.",
  references: [
    { source: "Checkov", id: "CKV_AWS_130" },
    { source: "Trivy", id: "AWS-0164" },
    { source: "Security Hub FSBP", id: "EC2.15" },
  ],
  types: [T.subnet],
  check: (props, ctx) => {
    if (props.mapPublicIpOnLaunch === true) {
      ctx.report(
        "mapPublicIpOnLaunch is true: every network interface launched here gets a public IPv4 address.",
      );
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Network ACLs
// ---------------------------------------------------------------------------------------------

/** The ingress entries of a NetworkAcl / DefaultNetworkAcl, or the NetworkAclRule itself if it is ingress. */
function naclIngress(
  type: string,
  props: any,
): { where: string; allow: boolean; cidrs: string[]; ports: PortRange | undefined }[] {
  if (type === T.networkAclRule) {
    if (props.egress === true) return [];
    return [
      {
        where: "this rule",
        allow: String(props.ruleAction).toLowerCase() === "allow",
        cidrs: [props.cidrBlock, props.ipv6CidrBlock].filter((c) => typeof c === "string"),
        ports: portRange(props.protocol, props.fromPort, props.toPort),
      },
    ];
  }
  return ((props.ingress ?? []) as any[]).map((e, i) => ({
    where: `ingress entry #${i + 1} (rule ${e.ruleNo})`,
    allow: String(e.action).toLowerCase() === "allow",
    cidrs: [e.cidrBlock, e.ipv6CidrBlock].filter((c) => typeof c === "string"),
    ports: portRange(e.protocol, e.fromPort, e.toPort),
  }));
}

const naclNoUnrestrictedAdminPorts = stackPolicy<AdminPortsConfig>({
  name: "ec2-nacl-no-unrestricted-admin-ports",
  description:
    "No network ACL lets ingress from 0.0.0.0/0 or ::/0 reach remote-administration ports (22, 3389, 20/21), taking the ACL's entries in rule-number order.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Deny the administration ports from 0.0.0.0/0 and ::/0 with entries numbered below any broad allow (such as the 1024-65535 return-traffic entry), or split the allowed range around them; reach hosts through SSM Session Manager.",
  references: [
    { source: "Security Hub FSBP", id: "EC2.21" },
    { source: "Checkov", id: "CKV_AWS_229" },
    { source: "Checkov", id: "CKV_AWS_230" },
    { source: "Checkov", id: "CKV_AWS_231" },
    { source: "Checkov", id: "CKV_AWS_232" },
    { source: "Trivy", id: "AWS-0105" },
  ],
  config: {
    adminPorts: {
      type: "array",
      items: { type: "integer", minimum: 0, maximum: 65535 },
      description: "Ports no NACL may open to the internet.",
      default: [20, 21, 22, 3389],
    },
  },
  types: [T.networkAcl, T.defaultNetworkAcl, T.networkAclRule],
  check: (ctx) => {
    const acls = ctx.index.ofType(...NACL_TYPES);
    const byId = new Map<string, PolicyResource>();
    for (const a of acls) {
      const id = literalId(a);
      if (id) byId.set(id, a);
    }
    const rulesOf = new Map<PolicyResource, PolicyResource[]>();
    const lone: PolicyResource[] = [];
    for (const r of ctx.index.ofType(T.networkAclRule)) {
      const ref = resolveRef(r, ["networkAclId"], NACL_TYPES);
      const owners = [
        ...ref.resources,
        ...ref.literals.map((id) => byId.get(id)).filter((a): a is PolicyResource => !!a),
      ];
      for (const a of owners) {
        const l = rulesOf.get(a);
        if (l) l.push(r);
        else rulesOf.set(a, [r]);
      }
      if (!owners.length) lone.push(r);
    }
    // VPC docs (network ACLs): entries are evaluated in rule-number order, lowest first; the first
    // entry that matches the traffic decides, whatever entries follow.
    const evaluate = (entries: NaclEntry[]) => {
      const ingress = entries.filter((e) => !e.egress).sort((a, b) => a.ruleNo - b.ruleNo);
      const hits = new Map<NaclEntry, string[]>();
      for (const family of ["cidr", "ipv6Cidr"] as const) {
        for (const protocol of ["tcp", "udp"]) {
          for (const port of ctx.config.adminPorts) {
            const first = ingress.find(
              (e) =>
                isInternetWide(e[family]) &&
                !!e.ports &&
                (e.ports.protocol === "all" || e.ports.protocol === protocol) &&
                coversPort(e.ports, port),
            );
            if (!first?.allow) continue;
            const what = `${protocol}/${port} from ${first[family]}`;
            const l = hits.get(first);
            if (l) l.push(what);
            else hits.set(first, [what]);
          }
        }
      }
      for (const [e, what] of hits) {
        ctx.report(
          e.holder,
          `${e.where} is the first entry for ${[...new Set(what)].join(", ")} and allows it.`,
        );
      }
    };
    for (const a of acls) {
      ctx.each(a, () =>
        evaluate([...inlineNaclEntries(a), ...(rulesOf.get(a) ?? []).map(naclRuleEntry)]),
      );
    }
    for (const r of lone) ctx.each(r, () => evaluate([naclRuleEntry(r)]));
  },
});

const naclNoAllPortsPublicIngress = resourcePolicy({
  name: "ec2-nacl-no-all-ports-public-ingress",
  description: "No network ACL allows ingress on every protocol or port from 0.0.0.0/0 or ::/0.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Allow only the ports the tier needs, e.g. TCP 1024-65535 for return traffic (which S3 gateway endpoint responses need, as NACLs are stateless and cannot name the S3 prefix list) and the service ports from the VPC CIDR.",
  references: [
    { source: "Checkov", id: "CKV_AWS_352" },
    { source: "Trivy", id: "AWS-0102" },
  ],
  types: [T.networkAcl, T.defaultNetworkAcl, T.networkAclRule],
  check: (props, ctx, args) => {
    for (const e of naclIngress(args.type, props)) {
      const open = e.cidrs.filter(isInternetWide);
      if (e.allow && open.length && e.ports?.all && carriesPorts(e.ports)) {
        ctx.report(`${e.where} allows ${describePorts(e.ports)} from ${open.join(", ")}.`);
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// VPC endpoints
// ---------------------------------------------------------------------------------------------

/** The default endpoint policy (full access): Allow, Principal *, Action *, Resource *, no Condition. */
function allowsEverything(doc: any): boolean {
  const statements = Array.isArray(doc?.Statement)
    ? doc.Statement
    : doc?.Statement
      ? [doc.Statement]
      : [];
  const star = (v: unknown) => v === "*" || (Array.isArray(v) && v.includes("*"));
  return statements.some(
    (s: any) =>
      s?.Effect === "Allow" &&
      (star(s.Principal) || star(s.Principal?.AWS)) &&
      star(s.Action) &&
      (s.Resource === undefined || star(s.Resource)) &&
      !s.Condition,
  );
}

function parsePolicy(p: unknown): any {
  if (typeof p !== "string") return p;
  try {
    return JSON.parse(p);
  } catch {
    return undefined;
  }
}

interface EndpointConfig {
  readonly exemptServices: string[];
}

const vpcEndpointPolicy = stackPolicy<EndpointConfig>({
  name: "ec2-vpc-endpoint-policy",
  description:
    "Interface and gateway endpoints for AWS services carry an endpoint policy narrower than the default full-access one.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set `policy` on the endpoint (or an `aws.ec2.VpcEndpointPolicy`) allowing only the actions and resources the VPC needs, e.g. s3:GetObject/PutObject on the platform's buckets and the ECR layer bucket.",
  references: [{ source: "AWS docs", id: "vpc/latest/privatelink/vpc-endpoints-access" }],
  config: {
    exemptServices: {
      type: "array",
      items: { type: "string" },
      description:
        "Service names (or suffixes such as `.ssmmessages`) of endpoints whose service does not support endpoint policies.",
      default: [],
    },
  },
  types: [T.vpcEndpoint, T.vpcEndpointPolicy],
  check: (ctx) => {
    const endpoints = ctx.index.ofType(T.vpcEndpoint);
    const byId = new Map<string, PolicyResource>();
    for (const e of endpoints) {
      const id = literalId(e);
      if (id) byId.set(id, e);
    }
    const attached = new Map<PolicyResource, PolicyResource[]>();
    const floating: PolicyResource[] = [];
    for (const p of ctx.index.ofType(T.vpcEndpointPolicy)) {
      const ref = resolveRef(p, ["vpcEndpointId"], [T.vpcEndpoint]);
      for (const e of [
        ...ref.resources,
        ...ref.literals.map((id) => byId.get(id)).filter((x): x is PolicyResource => !!x),
      ]) {
        const l = attached.get(e);
        if (l) l.push(p);
        else attached.set(e, [p]);
      }
      if (ref.unresolved) floating.push(p);
    }
    for (const e of endpoints) {
      ctx.each(e, () => {
        // PrivateLink docs: a Gateway Load Balancer endpoint, or an endpoint to a service other than
        // an AWS service, takes no endpoint policy (full access is allowed).
        const type = String(e.props.vpcEndpointType ?? "Gateway");
        if (type === "GatewayLoadBalancer") return;
        const service = String(
          must(() => e.props.serviceName, `the serviceName of ${label(e)}`) ?? "",
        );
        if (!service.startsWith("com.amazonaws.") || service.startsWith("com.amazonaws.vpce."))
          return;
        if (ctx.config.exemptServices.some((x) => service === x || service.endsWith(x))) return;
        const docs = [
          e.props.policy,
          ...(attached.get(e) ?? []).map((p) =>
            must(() => p.props.policy, `the policy of VpcEndpointPolicy "${p.name}"`),
          ),
        ].filter((d) => d !== undefined && d !== null && d !== "");
        if (!docs.length) {
          if (floating.length) {
            throw unknownError(
              `the endpoint of ${floating.map((p) => `VpcEndpointPolicy "${p.name}"`).join(", ")} is unknown until apply`,
            );
          }
          ctx.report(
            e,
            `${label(e)} (${service}) has no endpoint policy: AWS attaches the default full-access policy.`,
          );
          return;
        }
        if (docs.map(parsePolicy).some(allowsEverything)) {
          ctx.report(
            e,
            `${label(e)} (${service}) has a full-access endpoint policy (Allow * on * to *, no condition).`,
          );
        }
      });
    }
  },
});

// ---------------------------------------------------------------------------------------------
// EC2 instances and launch templates
// ---------------------------------------------------------------------------------------------

const instanceImdsV2 = resourcePolicy({
  name: "ec2-instance-imdsv2",
  description:
    'EC2 instances and launch templates require IMDSv2 (metadataOptions.httpTokens = "required") or disable the metadata endpoint.',
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set `metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" }` explicitly; the default depends on the AMI and account settings.',
  references: [
    { source: "Checkov", id: "CKV_AWS_79" },
    { source: "Trivy", id: "AWS-0028" },
    { source: "Security Hub FSBP", id: "EC2.8" },
  ],
  types: [T.instance, T.launchTemplate],
  check: (props, ctx) => {
    const mo = props.metadataOptions;
    if (mo?.httpEndpoint === "disabled") return;
    if (mo?.httpTokens !== "required") {
      ctx.report(
        `metadataOptions.httpTokens is ${mo?.httpTokens ? `"${mo.httpTokens}"` : "not set"}: IMDSv1 lets any SSRF in the workload read the instance role's credentials.`,
      );
    }
  },
});

interface HopLimitConfig {
  readonly maxHopLimit: number;
}

const instanceImdsHopLimit = resourcePolicy<HopLimitConfig>({
  name: "ec2-instance-imds-hop-limit",
  description:
    "The instance metadata response hop limit stays at 1, so containers on the host cannot reach the host's credentials.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Set `metadataOptions.httpPutResponseHopLimit: 1`.",
  references: [{ source: "Checkov", id: "CKV_AWS_341" }],
  config: {
    maxHopLimit: {
      type: "integer",
      minimum: 1,
      maximum: 64,
      description: "The highest metadata response hop limit allowed.",
      default: 1,
    },
  },
  types: [T.instance, T.launchTemplate],
  check: (props, ctx) => {
    const limit = props.metadataOptions?.httpPutResponseHopLimit;
    if (typeof limit === "number" && limit > ctx.config.maxHopLimit) {
      ctx.report(
        `metadataOptions.httpPutResponseHopLimit is ${limit} (at most ${ctx.config.maxHopLimit}).`,
      );
    }
  },
});

const instanceNoPublicIp = stackPolicy({
  name: "ec2-instance-no-public-ip",
  description:
    "EC2 instances get no public IPv4 address: not by associatePublicIpAddress, not from their subnet's mapPublicIpOnLaunch, not from a launch template, not through an Elastic IP.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Set `associatePublicIpAddress: false`, place the instance in a private subnet and reach it through SSM Session Manager or EC2 Instance Connect Endpoint. A documented bastion carries a `waiver:ec2-instance-no-public-ip` tag with the reason.",
  references: [
    { source: "AWSGuard", id: "ec2-instance-no-public-ip" },
    { source: "Checkov", id: "CKV_AWS_88" },
    { source: "Security Hub FSBP", id: "EC2.9" },
    { source: "Security Hub FSBP", id: "EC2.25" },
  ],
  types: [T.instance, T.launchTemplate, T.eip, T.eipAssociation, T.subnet],
  check: (ctx) => {
    const g = NetworkGraph.of(ctx.index);
    for (const i of ctx.index.ofType(T.instance)) {
      ctx.each(i, () => {
        const assoc = i.props.associatePublicIpAddress;
        if (assoc === true) {
          ctx.report(i, `${label(i)} sets associatePublicIpAddress: true.`);
          return;
        }
        if (assoc === false) return;
        // EC2 docs: without an explicit setting, an instance's primary interface takes its
        // subnet's auto-assign public IPv4 attribute.
        const { subnets, unresolved } = g.subnetsAt(i, ["subnetId"]);
        for (const s of subnets) {
          const r = s.resource;
          if (
            r &&
            must(() => r.props.mapPublicIpOnLaunch, `mapPublicIpOnLaunch of ${s.label}`) === true
          ) {
            ctx.report(
              i,
              `${label(i)} does not set associatePublicIpAddress and ${s.label} maps a public IP on launch.`,
            );
          }
        }
        if (unresolved) throw unknownError(`the subnet of ${label(i)} is unknown until apply`);
      });
    }
    for (const lt of ctx.index.ofType(T.launchTemplate)) {
      ctx.each(lt, () => {
        const nis = (lt.props.networkInterfaces ?? []) as any[];
        const pub = nis
          .map((n, k) => (String(n.associatePublicIpAddress) === "true" ? k + 1 : 0))
          .filter((k) => k > 0);
        if (pub.length)
          ctx.report(
            lt,
            `${label(lt)} assigns a public IP to network interface(s) #${pub.join(", #")}.`,
          );
      });
    }
    // A value unknown at preview is still a value: the Elastic IP will be attached.
    const attached = present;
    for (const e of ctx.index.ofType(T.eip)) {
      if (attached(() => e.props.instance) || attached(() => e.props.networkInterface)) {
        ctx.report(
          e,
          `Elastic IP "${e.name}" is attached to an instance or network interface, giving it a public IPv4 address.`,
        );
      }
    }
    for (const a of ctx.index.ofType(T.eipAssociation)) {
      if (attached(() => a.props.instanceId) || attached(() => a.props.networkInterfaceId)) {
        ctx.report(
          a,
          `Elastic IP association "${a.name}" gives an instance or network interface a public IPv4 address.`,
        );
      }
    }
  },
});

interface EbsConfig {
  readonly accountDefaultEncryptionWithCmk: boolean;
}

const ebsConfig: PolicyMeta["config"] = {
  accountDefaultEncryptionWithCmk: {
    type: "boolean",
    description:
      "The account enforces EBS encryption by default with a customer-managed default key, managed outside this stack (inside it, aws.ebs.EncryptionByDefault + aws.ebs.DefaultKmsKey are detected).",
    default: false,
  },
};

/** A finding for one volume (its props `v`), or undefined when it is encrypted with a customer-managed key. */
function volumeFinding(what: string, v: any, d: EbsDefaults): string | undefined {
  const encrypted = must(() => v?.encrypted, `encrypted of ${what}`);
  const enc = encrypted === true || encrypted === "true";
  if (enc && present(() => v?.kmsKeyId)) return undefined;
  // EC2 API (EnableEbsEncryptionByDefault): with encryption by default, every new volume is
  // encrypted, with the default KMS key or the key given for the volume.
  if (d.cmk) return undefined;
  if (enc || d.encrypted)
    return `${what} is encrypted with the AWS managed key aws/ebs: set kmsKeyId to a customer-managed key`;
  return `${what} is not encrypted`;
}

function defaultsFor(ctx: {
  index: Parameters<typeof ebsDefaults>[0];
  config: EbsConfig;
}): EbsDefaults {
  return ctx.config.accountDefaultEncryptionWithCmk
    ? { encrypted: true, cmk: true }
    : ebsDefaults(ctx.index);
}

const instanceEbsEncrypted = stackPolicy<EbsConfig>({
  name: "ec2-instance-ebs-encrypted",
  description:
    "EC2 instances' and launch templates' root and EBS volumes are encrypted with a customer-managed KMS key.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Set `rootBlockDevice: { encrypted: true, kmsKeyId }` and the same on every `ebsBlockDevices` entry (launch templates: `blockDeviceMappings[].ebs`), or enable EBS encryption by default with a customer-managed default key.",
  references: [
    { source: "AWSGuard", id: "encrypted-volumes" },
    { source: "cdk-nag", id: "AwsSolutions-EC26" },
    { source: "Checkov", id: "CKV_AWS_8" },
    { source: "Trivy", id: "AWS-0131" },
    { source: "Security Hub FSBP", id: "EC2.3" },
  ],
  config: ebsConfig,
  types: [T.instance, T.launchTemplate, T.ebsEncryptionByDefault, T.ebsDefaultKmsKey],
  check: (ctx) => {
    const d = defaultsFor(ctx);
    for (const i of ctx.index.ofType(T.instance)) {
      ctx.each(i, () => {
        const root = i.props.rootBlockDevice;
        const findings = [
          volumeFinding("the root volume", root, d),
          ...((i.props.ebsBlockDevices ?? []) as any[]).map((b) =>
            volumeFinding(`EBS volume ${b.deviceName}`, b, d),
          ),
        ].filter((f): f is string => !!f);
        if (findings.length) ctx.report(i, `${label(i)}: ${findings.join("; ")}.`);
      });
    }
    for (const lt of ctx.index.ofType(T.launchTemplate)) {
      ctx.each(lt, () => {
        const maps = ((lt.props.blockDeviceMappings ?? []) as any[]).filter((m) => m.ebs);
        const findings = maps
          .map((m) => volumeFinding(`volume ${m.deviceName ?? "(unnamed)"}`, m.ebs, d))
          .filter((f): f is string => !!f);
        if (!maps.length && !d.cmk)
          findings.push(
            "no block device mapping sets encryption, so volumes follow the AMI's snapshots",
          );
        if (findings.length) ctx.report(lt, `${label(lt)}: ${findings.join("; ")}.`);
      });
    }
  },
});

const ebsVolumeEncrypted = stackPolicy<EbsConfig>({
  name: "ec2-ebs-volume-encrypted",
  description: "EBS volumes are encrypted with a customer-managed KMS key.",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps: "Set `encrypted: true` and `kmsKeyId` to a customer-managed key.",
  references: [
    { source: "Checkov", id: "CKV_AWS_3" },
    { source: "Checkov", id: "CKV_AWS_189" },
    { source: "Trivy", id: "AWS-0027" },
    { source: "Security Hub FSBP", id: "EC2.3" },
  ],
  config: ebsConfig,
  types: [T.ebsVolume, T.ebsEncryptionByDefault, T.ebsDefaultKmsKey],
  check: (ctx) => {
    const d = defaultsFor(ctx);
    for (const v of ctx.index.ofType(T.ebsVolume)) {
      ctx.each(v, () => {
        const f = volumeFinding(`EBS volume "${v.name}"`, v.props, d);
        if (f) ctx.report(v, `${f}.`);
      });
    }
  },
});

const instanceDetailedMonitoring = resourcePolicy({
  name: "ec2-instance-detailed-monitoring",
  description:
    "EC2 instances and launch templates enable detailed (1-minute) CloudWatch monitoring.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Set `monitoring: true` (launch templates: `monitoring: { enabled: true }`).",
  references: [{ source: "Checkov", id: "CKV_AWS_126" }],
  types: [T.instance, T.launchTemplate],
  check: (props, ctx, args) => {
    const on =
      args.type === T.instance ? props.monitoring === true : props.monitoring?.enabled === true;
    if (!on) ctx.report("Detailed monitoring is off.");
  },
});

const instanceProfileAttached = resourcePolicy({
  name: "ec2-instance-profile-attached",
  description:
    "EC2 instances and launch templates carry an instance profile, so software on them uses role credentials (and SSM) rather than stored keys.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set `iamInstanceProfile` to a profile whose role has only what the instance needs.",
  references: [{ source: "Checkov", id: "CKV2_AWS_41" }],
  types: [T.instance, T.launchTemplate],
  check: (props, ctx, args) => {
    const has =
      args.type === T.instance
        ? present(() => props.iamInstanceProfile)
        : present(() => props.iamInstanceProfile?.arn) ||
          present(() => props.iamInstanceProfile?.name);
    if (!has) ctx.report("No instance profile is attached.");
  },
});

/** Patterns of credentials written into user data. */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/, "an AWS access key id"],
  [/aws_secret_access_key\s*[=:]/i, "an AWS secret access key"],
  [/-----BEGIN (?:RSA |EC |DSA |OPENSSH )?PRIVATE KEY-----/, "a private key"],
  [
    /\b(?:password|passwd|secret|api[_-]?key|token)\s*[=:]\s*["']?[^\s"'$]{8,}/i,
    "a password or token",
  ],
];

function decodeBase64(s: string): string {
  try {
    return Buffer.from(s, "base64").toString("utf8");
  } catch {
    return "";
  }
}

const instanceNoSecretsInUserData = resourcePolicy({
  name: "ec2-instance-no-secrets-in-user-data",
  description:
    "EC2 user data holds no credentials (anyone who can describe the instance can read it).",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Keep secrets in Secrets Manager or SSM Parameter Store (SecureString) and read them at boot with the instance role.",
  references: [{ source: "Checkov", id: "CKV_AWS_46" }],
  types: [T.instance, T.launchTemplate],
  check: (props, ctx, args) => {
    const texts: string[] = [];
    if (args.type === T.instance) {
      if (typeof props.userData === "string") texts.push(props.userData);
      if (typeof props.userDataBase64 === "string") texts.push(decodeBase64(props.userDataBase64));
    } else if (typeof props.userData === "string") {
      // Launch template user data is base64-encoded.
      texts.push(decodeBase64(props.userData), props.userData);
    }
    const found = SECRET_PATTERNS.filter(([re]) => texts.some((t) => re.test(t))).map(
      ([, what]) => what,
    );
    if (found.length) ctx.report(`User data appears to contain ${found.join(", ")}.`);
  },
});

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  computeSubnetNoDefaultRoute,
  computeSubnetRoutingVerifiable,
  routePeeringNotDefault,
  sgNoPublicIngress,
  sgNoAdminPortsPublic,
  sgEgressRestricted,
  sgDescription,
  sgNoRuleManagementConflicts,
  defaultSgNoRules,
  vpcFlowLogsEnabled,
  subnetNoPublicIpOnLaunch,
  naclNoUnrestrictedAdminPorts,
  naclNoAllPortsPublicIngress,
  vpcEndpointPolicy,
  instanceImdsV2,
  instanceImdsHopLimit,
  instanceNoPublicIp,
  instanceEbsEncrypted,
  ebsVolumeEncrypted,
  instanceDetailedMonitoring,
  instanceProfileAttached,
  instanceNoSecretsInUserData,
];
