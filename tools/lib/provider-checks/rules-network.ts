// Network rules: security group rules (inline in a group, the classic rule resource and the VPC
// ingress and egress rule resources) and network ACL rules: CIDR blocks that are network
// addresses, rule descriptions, rule types, ports, protocols and actions; and WAFv2 IP sets.
// Each entry names the
// provider file that declares it. Ports and a network ACL's rule numbers have no validator in the
// classic resources' schemas (EC2 refuses a bad one at `pulumi up`): not judged there.
import { conflictsWith, CrossRule, exactlyOneOf, InputRule } from "./rule";
import {
  all,
  goQuote,
  intBetween,
  lenBetween,
  matches,
  oneOfGrowing,
  oneOf,
  oneOfIgnoringCase,
  Validator,
} from "./validators";
import { ipv4Cidr, ipv6Cidr } from "./validators-formats";
import { IANA_PROTOCOLS } from "./protocols";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const NACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule";

const EC2 = "internal/service/ec2";
const SG_FILE = `${EC2}/vpc_security_group.go`;
const SG_RULE_FILE = `${EC2}/vpc_security_group_rule.go`;
const VPC_RULE_FILE = `${EC2}/vpc_security_group_ingress_rule.go`;
const NACL_FILE = `${EC2}/vpc_network_acl_rule.go`;
const IP_SET = "aws:wafv2/ipSet:IpSet";
const WAF_FILE = "internal/service/wafv2/ip_set.go";

/** A WAFv2 name: 1 to `max` letters, digits, `-` and `_`. */
export const wafName = (max: number) =>
  all(
    lenBetween(1, max),
    matches(/^[0-9A-Za-z_-]+$/, "must contain only alphanumeric hyphen and underscore characters"),
  );

/** The IP set's inputs; its scope and address version are AWS SDK enumerations (upper case). */
const IP_SET_RULES: InputRule[] = [
  {
    type: IP_SET,
    prop: "name",
    attr: "name",
    validate: wafName(128),
    fix: "letters, digits, - and _ only, at most 128 characters (a logical name Pulumi turns into the name too)",
    source: WAF_FILE,
  },
  {
    type: IP_SET,
    prop: "namePrefix",
    attr: "name_prefix",
    validate: wafName(102),
    fix: "letters, digits, - and _ only, at most 102 characters (the provider adds 26)",
    source: WAF_FILE,
  },
  {
    type: IP_SET,
    prop: "description",
    attr: "description",
    validate: lenBetween(1, 256),
    fix: "a description of at most 256 characters",
    source: WAF_FILE,
  },
  {
    type: IP_SET,
    prop: "scope",
    attr: "scope",
    validate: oneOfGrowing(["CLOUDFRONT", "REGIONAL"]),
    fix: "REGIONAL, or CLOUDFRONT (in us-east-1), upper case",
    source: WAF_FILE,
  },
  {
    type: IP_SET,
    prop: "ipAddressVersion",
    attr: "ip_address_version",
    validate: oneOfGrowing(["IPV4", "IPV6"]),
    fix: "IPV4 or IPV6 (upper case)",
    source: WAF_FILE,
  },
];

/**
 * `validSecurityGroupRuleDescription` (internal/service/ec2/validate.go): at most 255 characters
 * of letters, digits, spaces and `._-:/()#,@[]+=&;{}!$*` (EC2's IpRange description).
 */
const RULE_DESCRIPTION =
  "^[A-Za-z0-9 \\.\\_\\-\\:\\/\\(\\)\\#\\,\\@\\[\\]\\+\\=\\&\\;\\{\\}\\!\\$\\*]*$";
const ruleDescription: Validator = (v, k) => {
  if (typeof v !== "string") return [];
  const out: string[] = [];
  if (Buffer.byteLength(v, "utf8") > 255)
    out.push(`${goQuote(k)} cannot be longer than 255 characters: ${goQuote(v)}`);
  if (!/^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/.test(v))
    out.push(
      `${goQuote(k)} doesn't comply with restrictions (${goQuote(RULE_DESCRIPTION)}): ${goQuote(v)}`,
    );
  return out;
};

const DESCRIPTION_FIX =
  "letters, digits, spaces and . _ - : / ( ) # , @ [ ] + = & ; { } ! $ * only (no quotes or " +
  "accents), at most 255 characters";

/**
 * `networkACLProtocolNumber` (internal/service/ec2/vpc_network_acl.go): a protocol number or name
 * of the provider's IANA table (`all` is -1); Go's strconv.Atoi reads the number. The name is
 * looked up as written (`ianaProtocolAToI[v]`, a map of lower-case names), and the rule's
 * `protocol` ValidateFunc calls it at preview (vpc_network_acl_rule.go): `"TCP"` is refused.
 */
const naclProtocol: Validator = (v, k) => {
  const s = typeof v === "number" ? String(v) : typeof v === "string" ? v : undefined;
  if (s === undefined) return [];
  if (/^[+-]?\d+$/.test(s)) {
    const n = Number(s);
    return Object.values(IANA_PROTOCOLS).includes(n)
      ? []
      : [`${goQuote(k)} : unsupported NACL protocol: ${n}`];
  }
  return Object.prototype.hasOwnProperty.call(IANA_PROTOCOLS, s)
    ? []
    : [`${goQuote(k)} : unsupported NACL protocol: ${s}`];
};

const CIDR4_FIX =
  "an IPv4 network in CIDR form whose host bits are zero, e.g. 10.0.0.0/16 (not 10.0.0.1/16)";
const CIDR6_FIX = "an IPv6 network in CIDR form whose host bits are zero, e.g. 2001:db8::/32";

export const NETWORK_RULES: readonly InputRule[] = [
  ...IP_SET_RULES,
  ...(["ingress", "egress"] as const).flatMap((block): InputRule[] => [
    {
      type: SG,
      prop: `${block}.cidrBlocks`,
      attr: `${block}.cidr_blocks`,
      validate: ipv4Cidr,
      fix: CIDR4_FIX,
      source: SG_FILE,
    },
    {
      type: SG,
      prop: `${block}.ipv6CidrBlocks`,
      attr: `${block}.ipv6_cidr_blocks`,
      validate: ipv6Cidr,
      fix: CIDR6_FIX,
      source: SG_FILE,
    },
    {
      type: SG,
      prop: `${block}.description`,
      attr: `${block}.description`,
      validate: ruleDescription,
      fix: DESCRIPTION_FIX,
      source: `${EC2}/validate.go`,
    },
  ]),
  {
    type: SG_RULE,
    prop: "type",
    attr: "type",
    // Case-sensitive: `validation.StringInSlice(securityGroupRuleType_Values(), false)`, now
    // `enum.Validate[securityGroupRuleType]()`, which is StringInSlice(…, false) too
    // (internal/enum/validate.go): "INGRESS" is refused.
    validate: oneOf(["ingress", "egress"]),
    fix: "ingress or egress (lower case)",
    source: SG_RULE_FILE,
  },
  {
    type: SG_RULE,
    prop: "cidrBlocks",
    attr: "cidr_blocks",
    validate: ipv4Cidr,
    fix: CIDR4_FIX,
    source: SG_RULE_FILE,
  },
  {
    type: SG_RULE,
    prop: "ipv6CidrBlocks",
    attr: "ipv6_cidr_blocks",
    validate: ipv6Cidr,
    fix: CIDR6_FIX,
    source: SG_RULE_FILE,
  },
  {
    type: SG_RULE,
    prop: "description",
    attr: "description",
    validate: ruleDescription,
    fix: DESCRIPTION_FIX,
    source: `${EC2}/validate.go`,
  },
  // The VPC rule resources are the provider's framework resources: the same CIDR checks
  // (fwvalidators.IPv4CIDRNetworkAddress), ports from -1 to 65535 (int64validator.Between).
  ...[INGRESS, EGRESS].flatMap((type): InputRule[] => [
    {
      type,
      prop: "cidrIpv4",
      attr: "cidr_ipv4",
      validate: ipv4Cidr,
      fix: CIDR4_FIX,
      source: VPC_RULE_FILE,
    },
    {
      type,
      prop: "cidrIpv6",
      attr: "cidr_ipv6",
      validate: ipv6Cidr,
      fix: CIDR6_FIX,
      source: VPC_RULE_FILE,
    },
    ...(
      [
        ["fromPort", "from_port"],
        ["toPort", "to_port"],
      ] as const
    ).map(([prop, attr]): InputRule => ({
      type,
      prop,
      attr,
      validate: intBetween(-1, 65535),
      fix: "a port from 0 to 65535 (-1 with ipProtocol -1 or an ICMP type/code)",
      source: VPC_RULE_FILE,
    })),
  ]),
  {
    type: NACL_RULE,
    prop: "protocol",
    attr: "protocol",
    validate: naclProtocol,
    fix: 'a protocol name or number: "tcp", "udp", "icmp", "-1" (all), "6", …',
    source: NACL_FILE,
  },
  {
    type: NACL_RULE,
    prop: "ruleAction",
    attr: "rule_action",
    // Case-insensitive: providers built on aws-sdk-go v1 declared it
    // `validation.StringInSlice(ec2.RuleAction_Values(), true)`, and every version suppresses a
    // diff in case alone (`strings.EqualFold`); the lenient reading is kept.
    validate: oneOfIgnoringCase(["allow", "deny"]),
    fix: "allow or deny",
    source: NACL_FILE,
  },
];

/**
 * A group's inline rule without `protocol`, `fromPort` or `toPort`: the three are `Required` in
 * the provider's rule block (securityGroupRuleNestedBlock, internal/service/ec2/vpc_security_group.go),
 * so the provider's Check refuses the group with terraform-plugin-sdk's
 * `"<key>": required field is not set` (helper/schema/schema.go, validateObject). A JavaScript
 * program can leave one out (CloudFormation's SecurityGroupIngress takes a rule with FromPort and
 * no ToPort); it never reaches EC2 as a port range to judge. An item still unknown is left alone.
 */
const inlineRuleRequired: CrossRule = {
  type: SG,
  what: "protocol, fromPort and toPort of every inline ingress and egress rule",
  reads: ["ingress", "egress"],
  check: (inputs) =>
    (["ingress", "egress"] as const).flatMap((block) => {
      const rules: unknown = inputs[block];
      if (!Array.isArray(rules)) return [];
      return rules.flatMap((rule, i) =>
        rule && typeof rule === "object"
          ? (
              [
                ["protocol", "protocol"],
                ["fromPort", "from_port"],
                ["toPort", "to_port"],
              ] as const
            )
              .filter(([p]) => (rule as Record<string, unknown>)[p] == null)
              .map(([, attr]) => ({
                prop: block,
                value: rule,
                says: `"${block}.${i}.${attr}": required field is not set`,
              }))
          : [],
      );
    }),
  fix:
    "give every inline rule its protocol, fromPort and toPort (the same port twice for one " +
    'port; protocol "-1" with 0 and 0 for all traffic)',
  source: SG_FILE,
};

export const NETWORK_CROSS_RULES: readonly CrossRule[] = [
  inlineRuleRequired,
  conflictsWith(IP_SET, ["name", "name"], ["namePrefix", "name_prefix"], WAF_FILE),
  ...(
    [
      [
        ["cidrBlocks", "cidr_blocks"],
        ["sourceSecurityGroupId", "source_security_group_id"],
      ],
      [
        ["ipv6CidrBlocks", "ipv6_cidr_blocks"],
        ["sourceSecurityGroupId", "source_security_group_id"],
      ],
      [
        ["cidrBlocks", "cidr_blocks"],
        ["self", "self"],
      ],
      [
        ["ipv6CidrBlocks", "ipv6_cidr_blocks"],
        ["self", "self"],
      ],
      [
        ["self", "self"],
        ["sourceSecurityGroupId", "source_security_group_id"],
      ],
    ] as [[string, string], [string, string]][]
  ).map(([a, b]) => conflictsWith(SG_RULE, a, b, SG_RULE_FILE)),
  exactlyOneOf(
    NACL_RULE,
    [
      ["cidrBlock", "cidr_block"],
      ["ipv6CidrBlock", "ipv6_cidr_block"],
    ],
    NACL_FILE,
  ),
];
