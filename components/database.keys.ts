// The config keys of the opt-in application database (docs/features.md), and the Aurora
// Serverless v2 facts both the keys and the component (./database.ts) follow.
import { ENGINE_PROFILES, versionAtLeast } from "./database/engines";
import { section, whenEnabled } from "./keys";

export type DatabaseEngine = "aurora-postgresql" | "aurora-mysql";
export const DATABASE_ENGINES: readonly DatabaseEngine[] = ["aurora-postgresql", "aurora-mysql"];

/**
 * Aurora Serverless v2 capacity limits (Aurora docs, "Aurora Serverless v2 capacity"): 0 to 256
 * ACUs in steps of 0.5; 0 means automatic pause (Aurora PostgreSQL 13.15+/14.12+/15.7+/16.3+,
 * Aurora MySQL 3.08.0+, both met by the versions the component pins); the maximum is at least 1.
 */
export const ACU_LIMITS = { min: 0, max: 256, step: 0.5, lowestMax: 1 } as const;

/** Whether `acu` is an Aurora Serverless v2 capacity AWS accepts (0 to 256 in steps of 0.5). */
export function isValidAcu(acu: number): boolean {
  return (
    Number.isFinite(acu) &&
    acu >= ACU_LIMITS.min &&
    acu <= ACU_LIMITS.max &&
    Number.isInteger(acu / ACU_LIMITS.step)
  );
}

/** The database settings a stack's config yields when the database is on. */
export interface DatabaseSettings {
  /** "aurora-postgresql" or "aurora-mysql". */
  readonly engine: DatabaseEngine;
  /** Fewest ACUs (0 to 256 in steps of 0.5; 0 pauses the database when idle). */
  readonly minCapacity: number;
  /** Most ACUs (1 to 256 in steps of 0.5, at least minCapacity). */
  readonly maxCapacity: number;
  /** Aurora version at creation; absent: the version the component pins for the engine. */
  readonly engineVersion?: string;
  /**
   * DB instances (writer + readers) in the cluster, 1 to 15; the component defaults to 1. The
   * stack's settings give prod 2 (a reader in another AZ takes over on failure), others 1.
   */
  readonly instanceCount?: number;
}

const MIN_ALLOWED =
  "fewest Aurora capacity units: 0 to 256 in steps of 0.5 (0 pauses when idle; prod: at least 0.5)";
const MAX_ALLOWED = "most Aurora capacity units: 1 to 256 in steps of 0.5, at least databaseMinAcu";
const VERSION_ALLOWED =
  'a version AWS offers of the engine\'s major version, e.g. "16.9" (aurora-postgresql 16) or "8.0.mysql_aurora.3.10.0" (aurora-mysql 3); default: the version the component pins';
const enabled = whenEnabled("databaseEnabled");

/**
 * Regions where AWS offers no RDS Data API for Aurora Serverless v2 clusters, of either engine.
 * Source: Aurora user guide, "Supported Regions and Aurora DB engines for RDS Data API"
 * (docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.Aurora_Fea_Regions_DB-eng.Feature.Data_API.html;
 * the page carries no date of its own: the copy read on 2026-12-07). Its Serverless v2 and
 * provisioned table reads "Not available" in every engine column for exactly these rows:
 *   "Asia Pacific (Hyderabad) | Not available | Not available | ..."    ap-south-2
 *   "Asia Pacific (Melbourne) | Not available | Not available | ..."    ap-southeast-4
 *   "Asia Pacific (New Zealand) | Not available | Not available | ..."  ap-southeast-6
 * Every other Region is left to AWS: no row saying "Not available" could be read for Taipei,
 * Thailand, Calgary, China, Zurich, Tel Aviv, Mexico or GovCloud, and refusing a region that
 * does offer the Data API would refuse a valid program, which is worse than letting AWS refuse
 * the cluster. Add a region here only with its "Not available" row quoted above.
 * The cluster is created with the Data API on (components/database/resources.ts,
 * `enableHttpEndpoint`): administrators create the app's user through it (docs/first-deploy.md,
 * step 6), so in these regions `pulumi up` would fail at the cluster after the network exists:
 * RDS answers an unsupported HTTP endpoint with a fault (aws-cloudformation-resource-providers-rds#496,
 * which ignores that fault only when disabling), and the provider turns the endpoint on for
 * provisioned clusters with its own call (hashicorp/terraform-provider-aws#38997).
 */
export const REGIONS_WITHOUT_DATA_API: readonly string[] = [
  "ap-south-2",
  "ap-southeast-4",
  "ap-southeast-6",
];

/** Aurora Serverless v2 (components/database/), off unless `databaseEnabled`. */
export const DATABASE_SECTION = section({
  title: "Database",
  summary: "Opt-in Aurora Serverless v2 application database (components/database/).",
  keys: {
    enabled: {
      key: "databaseEnabled",
      kind: "boolean",
      default: false,
      description: `Opt-in Aurora Serverless v2 application database in the data subnets, reachable only from the tasks; see docs/features.md. Refused in a region without the RDS Data API the cluster is created with (${REGIONS_WITHOUT_DATA_API.join(", ")}; other regions are left to AWS).`,
      allowed: "true or false (default false): Aurora Serverless v2 application database",
    },
    engine: {
      key: "databaseEngine",
      kind: "string",
      oneOf: DATABASE_ENGINES,
      default: "aurora-postgresql",
      // Fixed once the cluster exists: the RDS API's ModifyDBCluster takes no Engine, so the
      // provider replaces the cluster (terraform-provider-aws, rds/cluster.go: engine ForceNew).
      // The cluster identifier is fixed, so pulumi up fails with DBClusterAlreadyExistsFault
      // (prod: protected), and a replacement would drop the data.
      description:
        "Database engine (with the database only). Set it before the database is created: a later change replaces the cluster and its data (pulumi up fails: the identifier is taken).",
      allowed: `"aurora-postgresql" or "aurora-mysql"`,
      appliesWhen: enabled,
    },
    minCapacity: {
      key: "databaseMinAcu",
      kind: "number",
      min: 0,
      max: 256,
      default: 0.5,
      description: "Fewest Aurora capacity units (with the database only); 0 pauses when idle.",
      allowed: MIN_ALLOWED,
      check: (acu, ctx) => {
        if (!isValidAcu(acu))
          ctx.fail("databaseMinAcu", `${acu} is not a step of 0.5; use ${MIN_ALLOWED}`);
      },
      rules: [
        {
          environment: "prod",
          text: "at least 0.5",
          check: (acu) =>
            acu === 0
              ? "prod must not pause its database (at least 0.5): resuming from 0 ACUs takes seconds on the first request"
              : undefined,
        },
      ],
      appliesWhen: enabled,
    },
    maxCapacity: {
      key: "databaseMaxAcu",
      kind: "number",
      min: 1,
      max: 256,
      derivedDefault: {
        text: "4, or databaseMinAcu when larger",
        value: (ctx) => Math.max(4, ctx.value<number>("databaseMinAcu") ?? 0),
      },
      description: "Most Aurora capacity units (with the database only).",
      allowed: MAX_ALLOWED,
      check: (acu, ctx) => {
        const min = ctx.value<number>("databaseMinAcu");
        if (!isValidAcu(acu))
          ctx.fail("databaseMaxAcu", `${acu} is not a step of 0.5; use ${MAX_ALLOWED}`);
        else if (min !== undefined && acu < min) {
          ctx.fail("databaseMaxAcu", `${acu} is below platform:databaseMinAcu ${min}`);
        }
      },
      appliesWhen: enabled,
    },
    // Aurora docs ("Amazon Aurora version support", long-term support): a minor version is
    // offered for about a year, an LTS minor version for three; after that CreateDBCluster refuses
    // it. The pinned version then fails the first `pulumi up` until a current one is set here.
    engineVersion: {
      key: "databaseEngineVersion",
      kind: "string",
      description: `Aurora version the database is created with (with the database only); AWS applies minor upgrades afterwards. Defaults to the version the component pins. It needs the RDS Data API: Aurora MySQL 3.07 (${ENGINE_PROFILES["aurora-mysql"].dataApiFrom}) or later, Aurora PostgreSQL ${ENGINE_PROFILES["aurora-postgresql"].dataApiFrom} or later; an earlier version is refused.`,
      allowed: VERSION_ALLOWED,
      check: (version, ctx) => {
        const engine = ctx.value<DatabaseEngine>("databaseEngine");
        if (engine === undefined) return true;
        const profile = ENGINE_PROFILES[engine];
        if (!profile.sameMajor.test(version)) {
          ctx.fail(
            "databaseEngineVersion",
            `"${version}" is not a version of ${engine} ${profile.version.replace(/\.\d+$/, ".x")} (its parameter group family is ${profile.family}); use ${VERSION_ALLOWED}`,
          );
          return false;
        }
        if (!versionAtLeast(version, profile.dataApiFrom)) {
          ctx.fail(
            "databaseEngineVersion",
            `"${version}" has no RDS Data API, which the database is created with (${engine} needs ${profile.dataApiFrom} or later)`,
          );
        }
        if (
          ctx.value<number>("databaseMinAcu") === 0 &&
          !versionAtLeast(version, profile.pausesFrom)
        ) {
          ctx.fail(
            "databaseEngineVersion",
            `"${version}" cannot pause at 0 ACUs (platform:databaseMinAcu 0 needs ${profile.pausesFrom} or later)`,
          );
        }
        return true;
      },
      appliesWhen: enabled,
    },
  },
  rules: (v, ctx) => {
    const region = ctx.value<string>("aws:region");
    if (v.enabled && region !== undefined && REGIONS_WITHOUT_DATA_API.includes(region)) {
      ctx.fail(
        "aws:region",
        `${region} does not offer the RDS Data API the database is created with (administrators create the app's database user through it); choose another aws:region or leave platform:databaseEnabled off`,
      );
    }
  },
  build: (v, ctx): DatabaseSettings | undefined =>
    v.enabled
      ? {
          engine: v.engine,
          minCapacity: v.minCapacity,
          maxCapacity: v.maxCapacity,
          ...(v.engineVersion !== undefined ? { engineVersion: v.engineVersion } : {}),
          instanceCount: ctx.environment === "prod" ? 2 : 1,
        }
      : undefined,
});
