// Security groups: no public ingress (except 80/443 on internet-facing load balancers), no
// high-risk ports open to the internet, restricted egress, descriptions, and one way to manage a
// group's rules.
import { resourcePolicy, StackCheckContext, stackPolicy } from "../../lib/define";
import {
  AdminPortsConfig,
  carriesPorts,
  coversPort,
  describePorts,
  INTERNET_RANGES,
  isInternetWide,
  label,
  portListSchema,
  SecurityGroupGraph,
  SgRule,
  SgRuleInfo,
} from "../../lib/network";
import { unknownError } from "../../lib/values";
import {
  ALB_LOAD_BALANCER,
  EC2_DEFAULT_SECURITY_GROUP,
  EC2_SECURITY_GROUP,
  EC2_SECURITY_GROUP_RULE,
  ELB_LOAD_BALANCER,
  LB_LOAD_BALANCER,
  VPC_SECURITY_GROUP_EGRESS_RULE,
  VPC_SECURITY_GROUP_INGRESS_RULE,
} from "../../lib/types";
import {
  NATIVE_EC2_PREFIX_LIST,
  NATIVE_EC2_SECURITY_GROUP,
  NATIVE_EC2_SECURITY_GROUP_EGRESS,
  NATIVE_EC2_SECURITY_GROUP_INGRESS,
  NATIVE_ELBV2_LOAD_BALANCER,
} from "../../lib/native/types";
import { awsGuard, cdkNag, checkov, fsbp, trivy } from "../../lib/controls";

/**
 * Default high-risk ports: Security Hub EC2.19's list (remote administration, databases, caches,
 * search and dashboards), plus 5439 (Redshift), 6379 (Redis), 11211 (Memcached) and 27017 (MongoDB).
 */
const HIGH_RISK_PORTS = [
  20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5439,
  5500, 5601, 6379, 8080, 8088, 8888, 9200, 9300, 11211, 27017,
];

/**
 * The resources that carry security-group rules: groups with inline `ingress`/`egress` and
 * aws.ec2.SecurityGroupRule (either direction), plus the one-direction aws.vpc rule resources.
 */
const GROUPS_AND_EC2_RULES = [
  EC2_SECURITY_GROUP,
  EC2_DEFAULT_SECURITY_GROUP,
  EC2_SECURITY_GROUP_RULE,
];
/**
 * aws-native groups and rules, judged as their classic twins (../../lib/native/twins.ts). Load
 * balancers hold no rules: only the public-ingress rule lists them, for the internet-facing exception.
 */
const NATIVE_SG = [
  NATIVE_EC2_SECURITY_GROUP,
  NATIVE_EC2_SECURITY_GROUP_INGRESS,
  NATIVE_EC2_SECURITY_GROUP_EGRESS,
];
const INGRESS_RULE_HOLDERS = [
  ...GROUPS_AND_EC2_RULES,
  VPC_SECURITY_GROUP_INGRESS_RULE,
  ...NATIVE_SG,
];
const EGRESS_RULE_HOLDERS = [...GROUPS_AND_EC2_RULES, VPC_SECURITY_GROUP_EGRESS_RULE, ...NATIVE_SG];
const RULE_HOLDERS = [...INGRESS_RULE_HOLDERS, VPC_SECURITY_GROUP_EGRESS_RULE];
/**
 * The rules that judge a rule's sources read the customer-managed prefix lists it names
 * (../../lib/network/prefix-lists.ts): an aws-native list is read as its classic twin, so it is
 * judged by them and not reported as judged by no policy.
 */
const INGRESS_SOURCES = [...INGRESS_RULE_HOLDERS, NATIVE_EC2_PREFIX_LIST];
const EGRESS_DESTINATIONS = [...EGRESS_RULE_HOLDERS, NATIVE_EC2_PREFIX_LIST];

/**
 * Runs `fn` for each security-group rule of `direction` that is open to the internet (0.0.0.0/0,
 * ::/0 or any range broader than AWS's public limit: isInternetWide), as a CIDR or as an entry of
 * a customer-managed prefix list of the stack the rule names, each rule in its own
 * preview-safe part: a rule unknown at preview becomes a note without hiding the others. A rule
 * whose prefix-list sources are unknown until apply (SgRuleInfo.listedUnknown) and that no known
 * CIDR opens is handed to `fn` too: `open()` throws that unknown, so `fn` calls it only once its
 * own port or load-balancer filter has kept the rule.
 */
function eachOpenRule(
  ctx: StackCheckContext<unknown>,
  direction: "ingress" | "egress",
  fn: (rule: SgRule, info: SgRuleInfo, open: () => string[]) => void,
): void {
  for (const rule of SecurityGroupGraph.of(ctx.index).rules) {
    if (rule.direction !== direction) continue;
    ctx.each(rule.resource, () => {
      const info = rule.read();
      const found = [...info.cidrs.filter(isInternetWide), ...info.listed];
      const why = info.listedUnknown;
      if (!found.length && !why) return;
      fn(rule, info, () => {
        if (!found.length && why) throw unknownError(why);
        return found;
      });
    });
  }
}

function portsText(info: SgRuleInfo): string {
  return info.ports ? describePorts(info.ports) : `${info.protocol} (no ports)`;
}

interface PublicIngressConfig {
  readonly publicLoadBalancerPorts: number[];
}

export const sgNoPublicIngress = stackPolicy<PublicIngressConfig>({
  name: "ec2-security-group-no-public-ingress",
  description: `No security group accepts traffic from ${INTERNET_RANGES}, except TCP 80/443 on a group attached to an internet-facing load balancer.`,
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Allow ingress from the load balancer's security group (or a specific CIDR) instead of 0.0.0.0/0 or ::/0. Only the security group of an internet-facing load balancer may accept 80/443 from anywhere.",
  references: [
    cdkNag("AwsSolutions-EC23"),
    checkov("CKV_AWS_277"),
    checkov("CKV_AWS_260"),
    trivy("AWS-0107"),
    fsbp("EC2.18"),
  ],
  config: {
    publicLoadBalancerPorts: portListSchema(
      "TCP ports an internet-facing load balancer's security group may open to the internet.",
      [80, 443],
    ),
  },
  types: [
    ...INGRESS_SOURCES,
    LB_LOAD_BALANCER,
    ALB_LOAD_BALANCER,
    ELB_LOAD_BALANCER,
    NATIVE_ELBV2_LOAD_BALANCER,
  ],
  check: (ctx) => {
    const sg = SecurityGroupGraph.of(ctx.index);
    const allowed = ctx.config.publicLoadBalancerPorts;
    eachOpenRule(ctx, "ingress", (rule, info, sources) => {
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
            `${info.where} opens ${portsText(info)} to ${sources().join(", ")}; whether its group fronts an internet-facing load balancer depends on ${lbs.map(label).join(", ")}, unknown until apply`,
          );
        }
      }
      const open = sources();
      const why = lbPort
        ? "its security group is not attached to an internet-facing load balancer"
        : `only TCP ${allowed.join("/")} on an internet-facing load balancer's security group may be open to the internet`;
      ctx.report(
        rule.resource,
        `${info.where} allows ${portsText(info)} from ${open.join(", ")}: ${why}.`,
        rule.groups,
      );
    });
  },
});

export const sgNoAdminPortsPublic = stackPolicy<AdminPortsConfig>({
  name: "ec2-security-group-no-admin-ports-public",
  description: `No security group opens remote-administration or other high-risk ports (SSH, RDP, databases, caches…) to ${INTERNET_RANGES}.`,
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Remove the rule. Reach instances through SSM Session Manager or EC2 Instance Connect Endpoint, and databases from the application's security group only.",
  references: [
    checkov("CKV_AWS_24"),
    checkov("CKV_AWS_25"),
    trivy("AWS-0107"),
    fsbp("EC2.13"),
    fsbp("EC2.14"),
    fsbp("EC2.19"),
  ],
  config: {
    adminPorts: portListSchema(
      "Ports that must never be reachable from the internet.",
      HIGH_RISK_PORTS,
    ),
  },
  types: INGRESS_SOURCES,
  check: (ctx) =>
    eachOpenRule(ctx, "ingress", (rule, info, sources) => {
      const ports = info.ports;
      if (!ports) return;
      const hit = ctx.config.adminPorts.filter((p) => coversPort(ports, p));
      if (!hit.length) return;
      const open = sources();
      const shown = hit.length > 8 ? `${hit.slice(0, 8).join(", ")}, …` : hit.join(", ");
      ctx.report(
        rule.resource,
        `${info.where} opens high-risk port(s) ${shown} (${describePorts(ports)}) to ${open.join(", ")}.`,
        rule.groups,
      );
    }),
});

export const sgEgressRestricted = stackPolicy({
  name: "ec2-security-group-egress-restricted",
  description: `No security group allows all traffic (every protocol or every port) out to ${INTERNET_RANGES}.`,
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Allow egress only to what the workload needs: TCP 443 to the VPC endpoints' security group or the S3 prefix list, the database's security group, and so on.",
  references: [checkov("CKV_AWS_382"), trivy("AWS-0104")],
  types: EGRESS_DESTINATIONS,
  check: (ctx) =>
    eachOpenRule(ctx, "egress", (rule, info, sources) => {
      if (!info.ports?.all || !carriesPorts(info.ports)) return;
      ctx.report(
        rule.resource,
        `${info.where} allows ${describePorts(info.ports)} out to ${sources().join(", ")}.`,
        rule.groups,
      );
    }),
});

/** The provider's default group description. */
const DEFAULT_SG_DESCRIPTION = "Managed by Pulumi";

export const sgDescription = resourcePolicy({
  name: "ec2-security-group-description",
  description:
    "Security groups and their rules carry a description that says what they allow and why.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Set `description` on the security group (the provider\'s default is "Managed by Pulumi") and on every rule.',
  references: [
    cdkNag("AwsSolutions-EC27"),
    checkov("CKV_AWS_23"),
    trivy("AWS-0099"),
    trivy("AWS-0124"),
  ],
  types: RULE_HOLDERS,
  check: (props, ctx, args) => {
    if (args.type === EC2_SECURITY_GROUP) {
      const d = props.description;
      if (typeof d !== "string" || !d.trim() || d.trim() === DEFAULT_SG_DESCRIPTION) {
        ctx.report(`The security group has no description of its own (${d ? `"${d}"` : "none"}).`);
      }
    }
    if (args.type === EC2_SECURITY_GROUP || args.type === EC2_DEFAULT_SECURITY_GROUP) {
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

export const sgNoRuleManagementConflicts = stackPolicy({
  name: "ec2-security-group-no-rule-management-conflicts",
  description:
    "A security group's rules are managed one way only: inline `ingress`/`egress`, or separate rule resources, never both.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Move the group's rules to `aws.vpc.SecurityGroupIngressRule` / `SecurityGroupEgressRule` resources (one CIDR each) and drop the inline `ingress`/`egress`. A DefaultSecurityGroup treats its inline rules as absolute and cannot be combined with rule resources.",
  references: [awsGuard("security-group-no-rule-management-conflicts")],
  types: RULE_HOLDERS,
  check: (ctx) => {
    const sg = SecurityGroupGraph.of(ctx.index);
    for (const [group, rules] of sg.separateRules) {
      // Provider docs: inline rules and rule resources fight over the same rules (each shows a diff
      // on every run); the DefaultSecurityGroup resource is incompatible with rule resources.
      if (!sg.inlineRuleGroups.has(group) && group.type !== EC2_DEFAULT_SECURITY_GROUP) continue;
      ctx.report(
        group,
        `${label(group)} ${group.type === EC2_DEFAULT_SECURITY_GROUP ? "manages its rules inline (absolutely)" : "has inline rules"} and also separate rule resources: ${rules.map(label).join(", ")}.`,
      );
    }
  },
});
