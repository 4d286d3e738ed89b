// The analytics layer's config keys (Redshift Serverless capacity, usage limit, names) and the
// Redshift facts both the keys and the component (./analytics.ts) follow.
import { parseCidr, size } from "./cidr";
import { section } from "./keys";

/** The port the workgroup listens on (the Redshift default). */
export const REDSHIFT_PORT = 5439;

/**
 * Availability zones the workgroup's subnets must span. Redshift docs ("Considerations when using
 * Amazon Redshift Serverless"): with enhanced VPC routing a workgroup needs at least three subnets
 * in three AZs (without it, two in two AZs; US West (N. California) is the documented exception,
 * three subnets in two AZs). This platform always turns enhanced VPC routing on.
 */
export const REDSHIFT_MIN_AZS = 3;

/**
 * Regions where Redshift Serverless takes its three subnets in two AZs, one of them holding two
 * (Redshift docs, "Considerations when using Amazon Redshift Serverless", "Three subnets": "An
 * exception to this is the US West (N. California) Region. It requires three subnets, in the same
 * manner as the other regions, but these must span across only two Availability Zones. A condition
 * is that one of the Availability Zones spanned must contain two of the subnets."). Accounts see
 * two zones there (AWS Regions and Availability Zones guide; usw1-az2, which only older accounts
 * see, is in AVOIDED_ZONE_IDS of components/network/vpc.ts).
 */
export const REDSHIFT_TWO_AZ_REGIONS: ReadonlyMap<string, number> = new Map([["us-west-1", 2]]);

/**
 * The AZs the data tier's subnets go in, round-robin: one per subnet, except in the
 * REDSHIFT_TWO_AZ_REGIONS, where they share that region's zones. The Network's
 * `dataTierZoneCount`.
 */
export function dataTierZoneCount(region: string, dataSubnets: number): number {
  const zones = REDSHIFT_TWO_AZ_REGIONS.get(region);
  return zones === undefined ? dataSubnets : Math.min(zones, dataSubnets);
}

/** Admin user names that are public knowledge: the Serverless console default and the cluster default. */
export const DEFAULT_ADMIN_NAMES: readonly string[] = ["admin", "awsuser"];

export type UsageLimitPeriod = "daily" | "weekly" | "monthly";
export const USAGE_LIMIT_PERIODS: readonly UsageLimitPeriod[] = ["daily", "weekly", "monthly"];
/**
 * What Redshift does when the usage limit is reached (UsageLimit API: log, emit-metric,
 * deactivate). `log` only writes a system-table row, so it is not offered: it stops nothing.
 */
export type UsageLimitBreachAction = "deactivate" | "emit-metric";
export const USAGE_LIMIT_BREACH_ACTIONS: readonly UsageLimitBreachAction[] = [
  "deactivate",
  "emit-metric",
];

/**
 * Largest max capacity accepted (RPUs). The capacity page documents only the base range; this
 * bound (and steps of 8) follow the console, and AWS has the last word at apply.
 */
export const MAX_RPU_LIMIT = 5632;

/**
 * Whether `rpu` is a base capacity AWS accepts in every region. Redshift docs ("Compute capacity
 * for Amazon Redshift Serverless",
 * https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-capacity.html): 8 to 512 RPUs in
 * units of 8. Later versions of that page also offer 4 RPUs (warehouses under 32 TB) and, in
 * us-east-1, us-east-2, us-west-2, eu-west-1 and eu-central-1 only, 512 to 1024 in steps of 32.
 * This range is the one every version and region accepts; 4 and more than 512 are refused here on
 * purpose (their free-address needs are not documented with the table `freeIpsNeeded` follows).
 */
export function isValidBaseRpu(rpu: number): boolean {
  return Number.isInteger(rpu) && rpu >= 8 && rpu <= 512 && rpu % 8 === 0;
}

/**
 * Free IP addresses each subnet needs to create a workgroup of `baseRpu`. Redshift docs
 * ("Considerations when using Amazon Redshift Serverless", free IP address requirements): 32 RPU
 * → 13, 64 → 21, 128 → 37, 256 → 69, 512 → 133, i.e. RPU/4 + 5. Raising the base capacity later
 * needs more (the same page lists the update requirements).
 */
export function freeIpsNeeded(baseRpu: number): number {
  return Math.ceil(baseRpu / 4) + 5;
}

/** Redshift docs ("Names and identifiers"): standard identifiers, lowercase here. */
const REDSHIFT_IDENTIFIER = /^[a-z_][a-z0-9_]{0,126}$/;

/** Usage limit that bounds the compute a workgroup may consume per period. */
export interface UsageLimit {
  /** RPU-hours per period (a positive integer). */
  readonly rpuHours: number;
  readonly period: UsageLimitPeriod;
  readonly breachAction: UsageLimitBreachAction;
}

/** The analytics settings a stack's config yields (the Analytics component's sizing and names). */
export interface AnalyticsSettings {
  /** Base capacity in RPUs: 8 to 512 in steps of 8. */
  readonly baseRpu: number;
  /** Most RPUs the workgroup may scale to: a multiple of 8 from baseRpu to 5632. */
  readonly maxRpu: number;
  /** The cost ceiling: RPU-hours per period and what happens when they are used up. */
  readonly usageLimit: UsageLimit;
  /** Admin user of the first database; not "admin" or "awsuser". Defaults to "platform_admin". */
  readonly adminUsername: string;
  /** First database; not "dev". Defaults to "analytics". */
  readonly dbName: string;
}

const BASE_RPU_ALLOWED = "Redshift Serverless base capacity in RPUs: 8 to 512 in steps of 8";
const ADMIN_ALLOWED = `a lowercase identifier (letters, digits, _) other than ${DEFAULT_ADMIN_NAMES.join(" or ")}`;
const DB_ALLOWED = `a lowercase identifier (letters, digits, _) other than "dev"`;
const baseOf = (ctx: { value<T>(k: string): T | undefined }) =>
  ctx.value<number>("redshiftBaseRpu") ?? 8;

/** Redshift Serverless (components/analytics/). */
export const ANALYTICS_SECTION = section({
  title: "Analytics",
  summary: "Redshift Serverless in the data subnets (components/analytics/).",
  keys: {
    baseRpu: {
      key: "redshiftBaseRpu",
      kind: "integer",
      min: 8,
      max: 512,
      default: 8,
      description:
        "Redshift Serverless base capacity in RPUs, 8 to 512 in steps of 8 (staging 8, prod 32).",
      allowed: BASE_RPU_ALLOWED,
      check: (rpu, ctx) => {
        if (!isValidBaseRpu(rpu)) {
          ctx.fail(
            "redshiftBaseRpu",
            `${rpu} is not a base capacity AWS accepts; use ${BASE_RPU_ALLOWED}`,
          );
        }
      },
    },
    maxRpu: {
      key: "redshiftMaxRpu",
      kind: "integer",
      min: 8,
      max: MAX_RPU_LIMIT,
      derivedDefault: { text: "4 × redshiftBaseRpu", value: (ctx) => baseOf(ctx) * 4 },
      description: "Most RPUs the workgroup may scale to.",
      allowed: `most RPUs the workgroup may scale to: a multiple of 8 from redshiftBaseRpu to ${MAX_RPU_LIMIT}`,
      check: (max, ctx) => {
        const base = baseOf(ctx);
        if (max % 8 !== 0 || max < base) {
          ctx.fail(
            "redshiftMaxRpu",
            `${max} must be a multiple of 8 and at least platform:redshiftBaseRpu (${base})`,
          );
        }
      },
    },
    rpuHours: {
      key: "redshiftUsageLimitRpuHours",
      kind: "integer",
      min: 1,
      max: 1_000_000,
      default: 24,
      description:
        "RPU-hours the workgroup may use per period before the breach action (the cost ceiling).",
      allowed: "RPU-hours the workgroup may use per period: an integer from 1 to 1000000",
    },
    period: {
      key: "redshiftUsageLimitPeriod",
      kind: "string",
      oneOf: USAGE_LIMIT_PERIODS,
      default: "daily",
      description: 'Period of the usage limit, "daily", "weekly" or "monthly".',
      allowed: `"daily", "weekly" or "monthly"`,
    },
    breachAction: {
      key: "redshiftUsageLimitBreachAction",
      kind: "string",
      oneOf: USAGE_LIMIT_BREACH_ACTIONS,
      default: "deactivate",
      description:
        'What happens at the usage limit, "deactivate" (user queries stop) or "emit-metric" (alarm on it).',
      allowed: `"deactivate" (stop user queries) or "emit-metric" (alarm on it)`,
    },
    adminUsername: {
      key: "redshiftAdminUsername",
      kind: "string",
      default: "platform_admin",
      // Fixed once the namespace exists: with the password managed by AWS, the provider sends a
      // username change with an empty password, which UpdateNamespace refuses ("Value at
      // 'adminUserPassword' failed to satisfy constraint", hashicorp/terraform-provider-aws#39266).
      description:
        "Admin user of the first database (not admin or awsuser); its password is managed by AWS in Secrets Manager. Set it before the first pulumi up: UpdateNamespace may refuse a later change (terraform-provider-aws#39266).",
      allowed: ADMIN_ALLOWED,
      check: (user, ctx) => {
        if (!REDSHIFT_IDENTIFIER.test(user) || DEFAULT_ADMIN_NAMES.includes(user)) {
          ctx.fail("redshiftAdminUsername", `"${user}" is not allowed; use ${ADMIN_ALLOWED}`);
        }
      },
    },
    dbName: {
      key: "redshiftDbName",
      kind: "string",
      default: "analytics",
      // Fixed once the namespace exists: the provider replaces a namespace whose dbName changes
      // (terraform-provider-aws, redshiftserverless/namespace.go: db_name RequiresReplace). The
      // namespace's name is fixed, so pulumi up fails with "already exists" (prod: protected), and
      // a replacement would drop every table.
      description:
        "First database of the namespace (not dev). Set it before the first pulumi up: a later change replaces the namespace and its data (pulumi up fails: the name is taken).",
      allowed: DB_ALLOWED,
      check: (db, ctx) => {
        if (!REDSHIFT_IDENTIFIER.test(db) || db === "dev") {
          ctx.fail("redshiftDbName", `"${db}" is not allowed; use ${DB_ALLOWED}`);
        }
      },
    },
  },
  rules: (v, ctx) => {
    // Each data subnet must have the free addresses the workgroup's base capacity needs (AWS
    // reserves 5 addresses per subnet).
    const data = ctx.value<readonly string[]>("dataSubnetCidrs");
    if (v.baseRpu === undefined || !data) return;
    const needed = freeIpsNeeded(v.baseRpu);
    data.forEach((text, i) => {
      const c = parseCidr(text);
      if (typeof c !== "string" && size(c) - 5 < needed) {
        ctx.problem(
          `${ctx.key("dataSubnetCidrs")}[${i}]: "${text}" has ${size(c) - 5} usable addresses; a workgroup of platform:redshiftBaseRpu ${v.baseRpu} needs ${needed} free in each data subnet (use a larger platform:vpcCidr or dataSubnetCidrs, or fewer RPUs)`,
        );
      }
    });
  },
  build: (v): AnalyticsSettings => ({
    baseRpu: v.baseRpu,
    maxRpu: v.maxRpu,
    usageLimit: { rpuHours: v.rpuHours, period: v.period, breachAction: v.breachAction },
    adminUsername: v.adminUsername,
    dbName: v.dbName,
  }),
});
