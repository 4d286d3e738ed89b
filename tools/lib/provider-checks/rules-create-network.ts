// Limits AWS enforces when the provider creates network resources at `pulumi up`, which the
// provider's schema passes on (`by: "aws"`): a security group's inline rules that name one
// permission twice, a subnet's IPv4 block from /16 to /28, a network ACL rule number from 1 to
// 32766. Each rule cites the AWS page that documents the refusal.
import { awsRule, CrossProblem, CrossRule, InputRule } from "./rule";
import type { Validator } from "./validators";
import { canonicalJson, ipv4Cidr } from "./validators-formats";
import { boolInput, isTrue } from "./bool-input";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const SUBNET = "aws:ec2/subnet:Subnet";
const NACL = "aws:ec2/networkAcl:NetworkAcl";
const DEFAULT_NACL = "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl";
const NACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule";

/**
 * CreateSubnet: "The allowed size for an IPv4 subnet is between a /28 netmask (16 IP addresses)
 * and a /16 netmask (65,536 IP addresses)." The provider checks only that the block is a network
 * address (ipv4Cidr, rules-vpc.ts): a /29 or a /12 passes the preview and fails at create.
 */
const CREATE_SUBNET =
  "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html";

/**
 * CreateNetworkAclEntry, `RuleNumber`: "Constraints: Positive integer from 1 to 32766. The range
 * 32767 to 65535 is reserved for internal use." Both the rule resource and a network ACL's inline
 * `ingress`/`egress` blocks create their entries with it; the provider's schemas take any number.
 */
const CREATE_NACL_ENTRY =
  "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkAclEntry.html";

/** An IPv4 block of a /16 to /28 prefix; one that is no valid block is the provider's refusal. */
const subnetSize: Validator = (v, k) => {
  if (typeof v !== "string" || ipv4Cidr(v, k).length > 0) return [];
  const bits = Number(v.split("/")[1]);
  return bits < 16 || bits > 28
    ? [
        `${k} ${v}: a subnet's IPv4 block is /16 (65,536 addresses) to /28 (16 addresses), not /${bits}`,
      ]
    : [];
};

/** A rule number from 1 to 32766; a value that is no whole number is left to the provider. */
const naclRuleNumber: Validator = (v, k) => {
  const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || (n >= 1 && n <= 32766)) return [];
  return [
    `${k} ${n}: network ACL rule numbers run from 1 to 32766` +
      (n > 32766 ? " (32767 to 65535 are reserved for AWS's own rules)" : ""),
  ];
};

const RULE_NUMBER_FIX =
  "a rule number from 1 to 32766 (leave gaps, e.g. 100, 110, 120, to insert rules later)";

export const CREATE_NETWORK_RULES: readonly InputRule[] = [
  awsRule(
    SUBNET,
    "cidrBlock",
    "CidrBlock",
    subnetSize,
    "a block from /16 to /28 inside the VPC's, e.g. 10.0.1.0/24",
    CREATE_SUBNET,
  ),
  awsRule(
    NACL_RULE,
    "ruleNumber",
    "RuleNumber",
    naclRuleNumber,
    RULE_NUMBER_FIX,
    CREATE_NACL_ENTRY,
  ),
  ...[NACL, DEFAULT_NACL].flatMap((type) =>
    (["ingress", "egress"] as const).map((block) =>
      awsRule(
        type,
        `${block}.ruleNo`,
        "RuleNumber",
        naclRuleNumber,
        RULE_NUMBER_FIX,
        CREATE_NACL_ENTRY,
      ),
    ),
  ),
];

/**
 * The EC2 API's client error codes: "InvalidPermission.Duplicate: The specified inbound or
 * outbound rule already exists for that security group." Within one request AWS answers
 * "InvalidParameterValue: The same permission must not appear multiple times" (the provider's
 * hashicorp/terraform-provider-aws#29492, a source repeated in one rule's `cidr_blocks`).
 */
const EC2_ERRORS = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html";

/** IANA protocol numbers AWS also accepts for the named protocols, and `all` for `-1`. */
const PROTOCOL_NAMES: Readonly<Record<string, string>> = {
  "6": "tcp",
  "17": "udp",
  "1": "icmp",
  "58": "icmpv6",
  all: "-1",
};

/** Each source list of a rule block, with the word the check's message names it by. */
const SOURCES = [
  ["cidrBlocks", "CIDR"],
  ["ipv6CidrBlocks", "IPv6 CIDR"],
  ["prefixListIds", "prefix list"],
  ["securityGroups", "security group"],
] as const;

/**
 * A block as the provider's set tells blocks apart: by value, whatever order its keys are written
 * in, and with `self` read as the boolean the provider makes of it ("true" is true).
 */
function setKey(block: unknown): string {
  if (!block || typeof block !== "object") return canonicalJson(block);
  const b = block as Record<string, unknown>;
  return canonicalJson({ ...b, self: boolInput(b.self) ?? b.self });
}

/**
 * The permissions of one direction's blocks, each `protocol ports source`, and the first one named
 * twice. Blocks written alike are one (the provider keeps the blocks as a set); a source repeated
 * in one block's list, or in two blocks of the same protocol and ports, is sent twice.
 */
function firstRepeat(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return undefined;
  const seen = new Set<string>();
  const distinct = new Map(blocks.map((b) => [setKey(b), b] as const));
  for (const block of distinct.values()) {
    if (!block || typeof block !== "object") continue;
    const { protocol, fromPort, toPort } = block as Record<string, unknown>;
    if (typeof protocol !== "string") continue;
    const p = protocol.toLowerCase();
    const name = PROTOCOL_NAMES[p] ?? p;
    // All traffic ignores the ports.
    const ports = name === "-1" ? "all ports" : `ports ${fromPort}-${toPort}`;
    const sources: string[] = [];
    for (const [key, word] of SOURCES) {
      const list = (block as Record<string, unknown>)[key];
      if (Array.isArray(list)) for (const s of list) sources.push(`${word} ${String(s)}`);
    }
    if (isTrue((block as Record<string, unknown>).self)) sources.push("the group itself");
    for (const source of sources) {
      const permission = `${name === "-1" ? "all protocols" : name} ${ports} from ${source}`;
      if (seen.has(permission)) return permission;
      seen.add(permission);
    }
  }
  return undefined;
}

const groupPermissionOnce: CrossRule = {
  type: SG,
  what: "each permission of a security group's inline rules once",
  reads: ["ingress", "egress"],
  check: (inputs) => {
    const out: CrossProblem[] = [];
    for (const direction of ["ingress", "egress"] as const) {
      const repeat = firstRepeat(inputs[direction]);
      if (repeat)
        out.push({
          prop: direction,
          value: inputs[direction],
          says: `the ${direction} rules give one permission twice (${repeat}): the same permission must not appear multiple times`,
        });
    }
    return out;
  },
  fix: "name each source once per protocol and port range: merge the rules, or use distinct networks",
  source: EC2_ERRORS,
  by: "aws",
};

export const CREATE_NETWORK_CROSS_RULES: readonly CrossRule[] = [groupPermissionOnce];
