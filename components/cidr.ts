// Small, exact IPv4 CIDR arithmetic for config validation and subnet planning (pure, no deps).

export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly base: number;
  readonly prefix: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses "a.b.c.d/n"; returns an error text (not a throw) so callers can collect problems. */
export function parseCidr(text: string): Cidr | string {
  const m = CIDR_RE.exec(text);
  if (!m) return `"${text}" is not an IPv4 CIDR of the form a.b.c.d/n`;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255)) return `"${text}" has an octet above 255`;
  if (prefix > 32) return `"${text}" has a prefix length above 32`;
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (base % size !== 0) {
    return `"${text}" has host bits set; the network address is ${format({ base: base - (base % size), prefix })}`;
  }
  return { base, prefix };
}

export function format(c: Cidr): string {
  const o = [24, 16, 8, 0].map((s) => Math.floor(c.base / 2 ** s) % 256);
  return `${o.join(".")}/${c.prefix}`;
}

export function size(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return (
    inner.prefix >= outer.prefix &&
    inner.base >= outer.base &&
    inner.base + size(inner) <= outer.base + size(outer)
  );
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}

/** The `index`-th subnet of `newPrefix` length inside `parent`. */
export function subnet(parent: Cidr, newPrefix: number, index: number): Cidr {
  return { base: parent.base + index * 2 ** (32 - newPrefix), prefix: newPrefix };
}

/** RFC 1918 private ranges; a VPC should use one of them. */
export const PRIVATE_RANGES: readonly Cidr[] = [
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
].map((t) => parseCidr(t) as Cidr);

/**
 * Inbound (and, apart, outbound) rules a security group holds: Amazon VPC quotas
 * (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html), "Inbound or outbound
 * rules per security group", 60 by default. A rule past it fails with
 * RulesPerSecurityGroupLimitExceeded.
 */
export const SECURITY_GROUP_RULE_QUOTA = 60;

/**
 * What AWS would refuse at `pulumi up` in an allow-list that becomes one security group rule per
 * CIDR and port (`rulesPerCidr` ports): a CIDR listed twice, whose second rule EC2 answers with
 * InvalidPermission.Duplicate ("the specified rule ... already exists", e.g.
 * ministryofjustice/analytical-platform#8857), and more rules than SECURITY_GROUP_RULE_QUOTA.
 * One message per problem, naming the items.
 */
export function allowListProblems(cidrs: readonly string[], rulesPerCidr: number): string[] {
  const problems: string[] = [];
  const first = new Map<string, number>();
  cidrs.forEach((text, i) => {
    // Compared as networks, not as text: "010.0.0.0/24" is the rule "10.0.0.0/24" again.
    const parsed = parseCidr(text);
    const key = typeof parsed === "string" ? text : format(parsed);
    const seen = first.get(key);
    if (seen === undefined) first.set(key, i);
    else {
      problems.push(
        `item ${i} "${text}" repeats item ${seen}; a security group refuses the same rule twice (InvalidPermission.Duplicate): list each CIDR once`,
      );
    }
  });
  const rules = first.size * rulesPerCidr;
  if (rules > SECURITY_GROUP_RULE_QUOTA) {
    problems.push(
      `${first.size} CIDRs make ${rules} inbound rules (one per CIDR and port), more than the ${SECURITY_GROUP_RULE_QUOTA} a security group holds (Amazon VPC quotas); list fewer, wider CIDRs`,
    );
  }
  return problems;
}
