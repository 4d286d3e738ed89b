// The private tiers' network ACLs as the program builds them (the section's settings: index.ts
// hands them to the Network), and the one key their size answers to: the account's "Rules per network ACL"
// quota. Their rules grow with the AZs and with the ports other layers open (the container port,
// Redshift and the database on the data tier, the bastion's public subnets, the AI server's
// ports), so this section is read after those layers and refuses, naming the keys, a stack whose
// NACLs AWS would refuse at `pulumi up`.
import { aiSubnetCidrs } from "./ai-environment.keys";
import { REDSHIFT_PORT } from "./analytics.keys";
import { parseCidr } from "./cidr";
import type { DatabaseEngine } from "./database.keys";
import { ENGINE_PROFILES } from "./database/engines";
import { type KeyContext, section } from "./keys";
import type { AclArgs } from "./network/acl";
import { tierAcl } from "./network/acl";
import type { SubnetCidrs } from "./network/plan";

/**
 * Amazon VPC quotas (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html),
 * "Rules per network ACL": 20 by default, "the one-way quota for a single network ACL" (inbound
 * and outbound count apart), adjustable in Service Quotas (code L-2AEEBF1A) up to 40. A rule past
 * it fails CreateNetworkAclEntry with NetworkAclEntryLimitExceeded.
 */
export const NACL_RULE_QUOTA = { default: 20, max: 40 } as const;

/** What the program opens on the private tiers, from the stack's settings. */
export interface ProgramAclInputs {
  /** The app's container port: the load balancer in the public subnets reaches it. */
  readonly containerPort: number;
  /** The application database's port, when the database is on. */
  readonly databasePort?: number;
  /** Bastion mode: the BI host in a public subnet reaches the data tier. */
  readonly bastion: boolean;
  /** The AI server's range and the ports the tasks open on it, when the AI environment is on. */
  readonly ai?: { readonly cidrBlock: string; readonly ports: readonly number[] };
}

/** The Network's NACL arguments the program passes (index.ts): one place for both uses. */
export function programAclArgs(i: ProgramAclInputs): AclArgs {
  return {
    computeIngressPorts: [i.containerPort],
    // Data-tier ports the compute tier opens: Redshift, and the database when on.
    dataIngressPorts: [REDSHIFT_PORT, ...(i.databasePort !== undefined ? [i.databasePort] : [])],
    // Opt-in bastion mode: the host in a public subnet reaches Redshift in the data tier.
    dataIngressFromPublic: i.bastion,
    // The tasks call the AI server across the peering on its ports (replies come back on the
    // ephemeral range the compute tier already admits).
    additionalNaclEgress: i.ai?.ports.map((port) => ({
      tier: "compute" as const,
      port,
      cidrBlock: i.ai!.cidrBlock,
    })),
  };
}

/**
 * What the layers open on the private tiers, from the values read so far: the container port,
 * the database's port when it is on, bastion mode, the AI server's private half and ports when
 * the AI environment is on. Undefined while a value it needs is missing (reported elsewhere).
 */
function programAclInputs(ctx: KeyContext): ProgramAclInputs | undefined {
  const containerPort = ctx.value<number>("containerPort");
  if (containerPort === undefined) return undefined;
  const engine = ctx.value<DatabaseEngine>("databaseEngine") ?? "aurora-postgresql";
  const aiCidr = ctx.value<string>("aiVpcCidr");
  const aiPorts = ctx.value<readonly number[]>("aiAllowedPorts") ?? [];
  return {
    containerPort,
    databasePort: ctx.value("databaseEnabled") === true ? ENGINE_PROFILES[engine]?.port : undefined,
    bastion: ctx.value("biAccessMode") === "bastion",
    // The tasks reach the AI server in the private half of the AI VPC's range.
    ai:
      ctx.value("aiEnvironmentEnabled") === true &&
      aiCidr !== undefined &&
      typeof parseCidr(aiCidr) !== "string"
        ? { cidrBlock: aiSubnetCidrs(aiCidr).privateCidr, ports: aiPorts }
        : undefined,
  };
}

/** The NACL section's settings: the account's quota and the NACLs the program builds. */
export interface NaclSettings {
  /** The account's "Rules per network ACL" quota the private tiers' NACLs must fit. */
  readonly ruleQuota: number;
  /** The Network's NACL arguments: what the layers open on the private tiers. */
  readonly acls: AclArgs;
}

/** One tier's NACL in one direction holding more rules than the quota. */
export interface OverfullAcl {
  readonly tier: "compute" | "data";
  readonly direction: "inbound" | "outbound";
  readonly rules: number;
}

/** The private tiers' NACLs, per direction, that would hold more than `quota` rules. */
export function overfullAcls(
  vpcCidr: string,
  cidrs: SubnetCidrs,
  args: AclArgs,
  quota: number,
): OverfullAcl[] {
  const vpc = parseCidr(vpcCidr);
  if (typeof vpc === "string") return [];
  const out: OverfullAcl[] = [];
  for (const tier of ["compute", "data"] as const) {
    const acl = tierAcl(tier, vpcCidr, cidrs, args, vpc);
    for (const direction of ["inbound", "outbound"] as const) {
      if (acl[direction].length > quota)
        out.push({ tier, direction, rules: acl[direction].length });
    }
  }
  return out;
}

/** The NACL rule quota (components/network, index.ts). */
export const NACL_SECTION = section({
  title: "Network ACLs",
  summary:
    "The private tiers' network ACLs, whose rules grow with the AZs and the ports the layers open (components/network/acl.ts).",
  keys: {
    ruleQuota: {
      key: "naclRuleQuota",
      kind: "integer",
      min: NACL_RULE_QUOTA.default,
      max: NACL_RULE_QUOTA.max,
      default: NACL_RULE_QUOTA.default,
      description:
        'The account\'s "Rules per network ACL" quota (Amazon VPC, Service Quotas code L-2AEEBF1A): 20 unless raised there, at most 40.',
      allowed: `an integer from ${NACL_RULE_QUOTA.default} to ${NACL_RULE_QUOTA.max}: the quota as Service Quotas shows it, raised there first`,
    },
  },
  rules: (v, ctx) => {
    const vpcCidr = ctx.value<string>("vpcCidr");
    const cidrs = {
      public: ctx.value<readonly string[]>("publicSubnetCidrs"),
      compute: ctx.value<readonly string[]>("computeSubnetCidrs"),
      data: ctx.value<readonly string[]>("dataSubnetCidrs"),
    };
    const inputs = programAclInputs(ctx);
    if (v.ruleQuota === undefined || vpcCidr === undefined || inputs === undefined) return;
    if (!cidrs.public || !cidrs.compute || !cidrs.data) return;
    const args = programAclArgs(inputs);
    for (const o of overfullAcls(vpcCidr, cidrs as SubnetCidrs, args, v.ruleQuota)) {
      ctx.fail(
        "naclRuleQuota",
        `the ${o.tier} tier's network ACL needs ${o.rules} ${o.direction} rules, more than the quota of ${v.ruleQuota} (Amazon VPC "Rules per network ACL", each direction), and AWS would refuse the rest at \`pulumi up\`. They grow with platform:azCount, platform:biAccessMode "bastion", platform:databaseEnabled and platform:aiAllowedPorts: use fewer, or raise the quota in Service Quotas (at most ${NACL_RULE_QUOTA.max}) and then ${ctx.setCommand("naclRuleQuota", String(o.rules))}`,
      );
    }
  },
  build: (v, ctx): NaclSettings => {
    const inputs = programAclInputs(ctx);
    // Without its inputs the stack's config has failed already (ConfigError lists why).
    return { ruleQuota: v.ruleQuota, acls: inputs ? programAclArgs(inputs) : {} };
  },
});
