// The private tiers' network ACLs as the program builds them (the section's settings: index.ts
// hands them to the Network), and the one key their size answers to: the account's "Rules per network ACL"
// quota. Their rules grow with the AZs and with the ports other layers open (the container port,
// Redshift and the database on the data tier, the bastion's public subnets, the AI server's
// ports), so this section is read after those layers and refuses, naming the keys, a stack whose
// NACLs AWS would refuse at `pulumi up`.
import {
  AI_ENVIRONMENT_SECTION,
  type AiEnvironmentSettings,
  aiSubnetCidrs,
  openedAiPorts,
} from "./ai-environment.keys";
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

const NACL_SECTION_TITLE = "Network ACLs";

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
 * What the layers other than the AI environment open on the private tiers, from the values read
 * so far: the container port, the database's port when it is on, bastion mode. Undefined while
 * the container port is unknown (set but invalid: the Runtime section reports it).
 */
function layerAclInputs(ctx: KeyContext): Omit<ProgramAclInputs, "ai"> | undefined {
  const containerPort = ctx.value<number>("containerPort");
  if (containerPort === undefined) return undefined;
  const engine = ctx.value<DatabaseEngine>("databaseEngine") ?? "aurora-postgresql";
  return {
    containerPort,
    databasePort: ctx.value("databaseEnabled") === true ? ENGINE_PROFILES[engine]?.port : undefined,
    bastion: ctx.value("biAccessMode") === "bastion",
  };
}

/**
 * What the quota is counted on, from the values read so far whatever else failed, so that an
 * overfull NACL is reported with every other problem. The AI server's ports count once each, as
 * the AI environment opens them ({@link openedAiPorts}), whether or not platform:aiVpcCidr is
 * valid or set: an outbound rule counts the same whatever its range (`tierAcl` adds reply rules
 * for extra inbound rules only), so the key's text stands in for the private half.
 */
function countedAclInputs(ctx: KeyContext): ProgramAclInputs | undefined {
  const layers = layerAclInputs(ctx);
  if (layers === undefined) return undefined;
  if (ctx.value("aiEnvironmentEnabled") !== true) return layers;
  const ports = openedAiPorts(ctx.value<readonly number[]>("aiAllowedPorts") ?? []);
  return { ...layers, ai: { cidrBlock: ctx.value<string>("aiVpcCidr") ?? "aiVpcCidr", ports } };
}

/**
 * What the Network is handed: the layers' values and the AI environment's built settings (the
 * private half of its range, its ports each once in ascending order), exactly as index.ts derived
 * them before. A section builds only while the read has no problem (components/config/reader.ts),
 * so every input is known here; a missing one is a bug in the program, never in the stack's config.
 */
function builtAclInputs(ctx: KeyContext): ProgramAclInputs {
  const layers = layerAclInputs(ctx);
  const aiOn = ctx.value("aiEnvironmentEnabled") === true;
  const ai = ctx.section<AiEnvironmentSettings>(AI_ENVIRONMENT_SECTION.title);
  if (layers === undefined || (aiOn && ai === undefined)) {
    throw new Error(
      `Internal error: the ${NACL_SECTION_TITLE} section built without ${layers === undefined ? "platform:containerPort" : "the AI environment's settings"}, which a config read without problems always has. Please report it with the stack's config.`,
    );
  }
  return {
    ...layers,
    ai: ai && { cidrBlock: aiSubnetCidrs(ai.cidrBlock).privateCidr, ports: ai.allowedPorts },
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
  title: NACL_SECTION_TITLE,
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
    const inputs = countedAclInputs(ctx);
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
  build: (v, ctx): NaclSettings => ({
    ruleQuota: v.ruleQuota,
    acls: programAclArgs(builtAclInputs(ctx)),
  }),
});
