// Limits AWS enforces when the provider creates network resources at `pulumi up`, which the
// provider's schema passes on (`by: "aws"`): a security group's inline rules that name one
// permission twice. Each rule cites the AWS page that documents the refusal.
import type { CrossProblem, CrossRule } from "./rule";

const SG = "aws:ec2/securityGroup:SecurityGroup";

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
 * The permissions of one direction's blocks, each `protocol ports source`, and the first one named
 * twice. Blocks written alike are one (the provider keeps the blocks as a set); a source repeated
 * in one block's list, or in two blocks of the same protocol and ports, is sent twice.
 */
function firstRepeat(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return undefined;
  const seen = new Set<string>();
  const distinct = new Map(blocks.map((b) => [JSON.stringify(b), b] as const));
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
    if ((block as Record<string, unknown>).self === true) sources.push("the group itself");
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
