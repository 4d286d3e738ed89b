// Network ACLs: no internet ingress reaching remote-administration ports (entries taken in
// rule-number order; mandatory, as FSBP EC2.21 and Checkov/Trivy rate it high), and no ingress on
// every port from the internet (advisory: a public tier's ACL needs the ephemeral range open, and
// its security groups stay the gate).
import { resourcePolicy, stackPolicy } from "../../lib/define";
import {
  AdminPortsConfig,
  carriesPorts,
  coversPort,
  describePorts,
  inlineNaclEntries,
  INTERNET_RANGES,
  isEveryAddress,
  isInternetWide,
  NaclEntry,
  naclRuleEntry,
  NaclTraffic,
  naclTraffic,
  portListSchema,
  PortRange,
} from "../../lib/network";
import { groupByReference } from "../../lib/references";
import {
  EC2_DEFAULT_NETWORK_ACL,
  EC2_NETWORK_ACL,
  EC2_NETWORK_ACL_RULE,
  NACL_TYPES,
} from "../../lib/types";
import { NATIVE_EC2_NETWORK_ACL, NATIVE_EC2_NETWORK_ACL_ENTRY } from "../../lib/native/types";
import { checkov, fsbp, trivy } from "../../lib/controls";
import { flagOn } from "../../lib/values";

/** Network ACLs and their rules, and their aws-native twins (an ACL and its NetworkAclEntry resources). */
const NACL_RULE_TYPES = [
  EC2_NETWORK_ACL,
  EC2_DEFAULT_NETWORK_ACL,
  EC2_NETWORK_ACL_RULE,
  NATIVE_EC2_NETWORK_ACL,
  NATIVE_EC2_NETWORK_ACL_ENTRY,
];

/** The ingress entries of a NetworkAcl / DefaultNetworkAcl, or the NetworkAclRule itself if it is ingress. */
function naclIngress(
  type: string,
  props: any,
): { where: string; allow: boolean; cidrs: string[]; ports: PortRange | undefined }[] {
  const entry = (where: string, traffic: NaclTraffic) => ({
    where,
    allow: traffic.allow,
    cidrs: [traffic.cidr, traffic.ipv6Cidr].filter((c): c is string => c !== undefined),
    ports: traffic.ports,
  });
  if (type === EC2_NETWORK_ACL_RULE) {
    if (flagOn(props.egress)) return [];
    return [entry("this rule", naclTraffic(props, "ruleAction"))];
  }
  return ((props.ingress ?? []) as any[]).map((e, i) =>
    entry(`ingress entry #${i + 1} (rule ${e.ruleNo})`, naclTraffic(e, "action")),
  );
}

export const naclNoUnrestrictedAdminPorts = stackPolicy<AdminPortsConfig>({
  name: "ec2-nacl-no-unrestricted-admin-ports",
  description: `No network ACL lets ingress from ${INTERNET_RANGES} reach remote-administration ports (22, 3389, 20/21), taking the ACL's entries in rule-number order.`,
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Deny the administration ports from 0.0.0.0/0 and ::/0 with entries numbered below any broad allow (such as the 1024-65535 return-traffic entry), or split the allowed range around them; reach hosts through SSM Session Manager.",
  references: [
    fsbp("EC2.21"),
    checkov("CKV_AWS_229"),
    checkov("CKV_AWS_230"),
    checkov("CKV_AWS_231"),
    checkov("CKV_AWS_232"),
    trivy("AWS-0105"),
    trivy("AWS-0102"),
  ],
  config: {
    adminPorts: portListSchema("Ports no NACL may open to the internet.", [20, 21, 22, 3389]),
  },
  types: NACL_RULE_TYPES,
  appliesTo: NACL_RULE_TYPES,
  check: (ctx) => {
    const acls = ctx.index.ofType(...NACL_TYPES);
    const rules = ctx.index.ofType(EC2_NETWORK_ACL_RULE);
    const { byTarget: rulesOf, orphans: lone } = groupByReference(acls, NACL_TYPES, rules, [
      "networkAclId",
    ]);
    // VPC docs (network ACLs): entries are evaluated in rule-number order, lowest first; the first
    // entry that matches the traffic decides, whatever entries follow. The entry that decides for
    // the internet is the first allow of an internet-wide range or the first deny of every address:
    // a deny of part of the internet (64.0.0.0/2) leaves the rest to the entries after it.
    const evaluate = (entries: NaclEntry[]) => {
      const ingress = entries.filter((e) => !e.egress).sort((a, b) => a.ruleNo - b.ruleNo);
      const hits = new Map<NaclEntry, string[]>();
      for (const family of ["cidr", "ipv6Cidr"] as const) {
        for (const protocol of ["tcp", "udp"]) {
          for (const port of ctx.config.adminPorts) {
            const first = ingress.find(
              (e) =>
                (e.allow ? isInternetWide(e[family]) : isEveryAddress(e[family])) &&
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

export const naclNoAllPortsPublicIngress = resourcePolicy({
  name: "ec2-nacl-no-all-ports-public-ingress",
  description: `No network ACL allows ingress on every protocol or port from ${INTERNET_RANGES}.`,
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Allow only the ports the tier needs, e.g. TCP 1024-65535 for return traffic (which S3 gateway endpoint responses need, as NACLs are stateless and cannot name the S3 prefix list) and the service ports from the VPC CIDR.",
  references: [checkov("CKV_AWS_352"), trivy("AWS-0102")],
  types: NACL_RULE_TYPES,
  check: (props, ctx, args) => {
    for (const e of naclIngress(args.type, props)) {
      const open = e.cidrs.filter(isInternetWide);
      if (e.allow && open.length && e.ports?.all && carriesPorts(e.ports)) {
        ctx.report(`${e.where} allows ${describePorts(e.ports)} from ${open.join(", ")}.`);
      }
    }
  },
});
