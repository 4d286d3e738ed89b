// The stack configuration: one schema, one parse. `parseStackConfig` is pure and reports every
// problem at once, each by its full key; `loadConfig` only reads the stack's config. An invalid
// config throws before any resource is registered.
import * as pulumi from "@pulumi/pulumi";
import { ACCESS_MODES, AccessMode, BASTION_MIN_PREFIX, GRAVITON_INSTANCE_TYPE } from "./access";
import {
  DEFAULT_ADMIN_NAMES,
  freeIpsNeeded,
  isValidBaseRpu,
  MAX_RPU_LIMIT,
  REDSHIFT_MIN_AZS,
  UsageLimitBreachAction,
  UsageLimitPeriod,
} from "./analytics";
import { Cidr, contains, format, overlaps, parseCidr, PRIVATE_RANGES, size, subnet } from "./cidr";
import { VAULT_LOCK_MODES, VaultLockMode } from "./backup";
import { stackResourcePrefix } from "./context";
import { SERVICE_TRUST_CONDITIONS } from "./iam";
import { DATABASE_ENGINES, DatabaseEngine, isValidAcu } from "./database";

export const PROJECT = "platform";

/** The stack name that is production whatever its stack file says: a stack named prod is prod. */
export const PROD_STACK = "prod";

export type Environment = "staging" | "prod";
export type EndpointPlacement = "all-azs" | "single-az";
export type Tier = "public" | "compute" | "data";
export const TIERS: readonly Tier[] = ["public", "compute", "data"];

/** Retention values CloudWatch Logs accepts (PutRetentionPolicy), in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

export interface IngestPrincipal {
  readonly type: "Service" | "AWS";
  readonly identifier: string;
  readonly externalId?: string;
}

export interface RuntimeConfig {
  readonly desiredCount: number;
  readonly minCount: number;
  readonly maxCount: number;
  /** Fargate task CPU units and memory (MiB), a combination Fargate supports. */
  readonly cpu: number;
  readonly memory: number;
  readonly containerPort: number;
  /** ACM certificate for the HTTPS listener; without one the ALB serves plain HTTP (staging only). */
  readonly certificateArn?: string;
  /** Who may reach the load balancer. */
  readonly albAllowedCidrs: readonly string[];
  readonly wafEnabled: boolean;
  /** Requests per client IP in any 5-minute window before WAF blocks it. */
  readonly wafRateLimit: number;
  /** Images the ECR lifecycle policy keeps. */
  readonly ecrKeepImages: number;
  /** Image tag the task definition starts with (the pipeline deploys later tags). */
  readonly imageTag: string;
  readonly maxUploadBytes: number;
}

export type SourceProvider = "codecommit" | "github";

/** Where the delivery pipeline takes the app's source from (components/pipeline). */
export interface DeliveryConfig {
  readonly sourceProvider: SourceProvider;
  /** Branches whose pushes start this stack's pipeline (GitHub: glob patterns allowed). */
  readonly branches: readonly string[];
  /** CodeCommit repository name, and whether this stack creates it (false: it exists). */
  readonly codecommit: { readonly repositoryName: string; readonly create: boolean };
  /** GitHub `owner/name` and an existing CodeConnections connection (else one is created). */
  readonly github?: { readonly repository: string; readonly connectionArn?: string };
}

/** GitHub Actions OIDC access for the infrastructure workflows (components/github-oidc). */
export interface GithubOidcConfig {
  /** `owner/name` of the repository whose workflows may assume the roles. */
  readonly repository: string;
  /** An existing token.actions.githubusercontent.com provider (one per account); else created. */
  readonly providerArn?: string;
}

/** Redshift Serverless (components/analytics). */
export interface AnalyticsConfig {
  readonly baseRpu: number;
  readonly maxRpu: number;
  readonly usageLimit: {
    readonly rpuHours: number;
    readonly period: UsageLimitPeriod;
    readonly breachAction: UsageLimitBreachAction;
  };
  readonly adminUsername: string;
  readonly dbName: string;
}

/** The BI users' tunnel host (components/access). */
export interface AccessConfig {
  readonly mode: AccessMode;
  /** Bastion mode only. */
  readonly allowedCidrs: readonly string[];
  readonly instanceType: string;
}

/** The documentation site (components/docs-site). */
export interface DocsConfig {
  readonly domainName?: string;
  readonly certificateArn?: string;
}

/** Opt-in MVP features (docs/features.md); each is present only when its flag is on. */
export interface FeaturesConfig {
  /** `backupEnabled`: AWS Backup vault, daily plan. */
  readonly backup?: { readonly retentionDays: number; readonly vaultLock: VaultLockMode };
  /** `databaseEnabled`: Aurora Serverless v2. */
  readonly database?: {
    readonly engine: DatabaseEngine;
    readonly minCapacity: number;
    readonly maxCapacity: number;
  };
  /** `testServerEnabled`: a private test server. */
  readonly testServer: boolean;
  /** `aiEnvironmentEnabled`: a peered VPC with an internet-connected server. */
  readonly aiEnvironment?: { readonly cidrBlock: string; readonly allowedPorts: readonly number[] };
}

export interface StackConfig {
  readonly environment: Environment;
  readonly region: string;
  readonly network: {
    readonly cidrBlock: string;
    readonly azCount: number;
    /** AZs of the data tier: azCount, but at least the 3 Redshift Serverless needs. */
    readonly dataAzCount: number;
    readonly subnetCidrs: Readonly<Record<Tier, readonly string[]>>;
    readonly endpointPlacement: EndpointPlacement;
    readonly extraInterfaceEndpoints: readonly string[];
  };
  readonly storage: {
    readonly objectExpirationDays: number;
    readonly ingestPrincipal: IngestPrincipal;
  };
  readonly runtime: RuntimeConfig;
  readonly analytics: AnalyticsConfig;
  readonly access: AccessConfig;
  readonly docs: DocsConfig;
  readonly features: FeaturesConfig;
  readonly delivery: DeliveryConfig;
  /** Present when `githubOidcRepository` is set. */
  readonly githubOidc?: GithubOidcConfig;
  /** Retention of every log group the platform creates. */
  readonly logRetentionDays: number;
  /** Protect data-bearing resources from deletion (prod). */
  readonly protectData: boolean;
  /** Standard tags on every taggable resource. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Values a preview accepts but `pulumi up` refuses (the example certificate of the committed
   * prod file), one line each naming its key; `loadConfig` logs them as warnings.
   */
  readonly warnings: readonly string[];
}

/** How a stack's config is read: the stack's name and whether this run deploys. */
export interface ParseOptions {
  /** The stack's name (`pulumi.getStack()`); a stack named {@link PROD_STACK} gets prod's rules. */
  readonly stack?: string;
  /**
   * True for `pulumi up`, false (the default) for a preview: example values that a preview only
   * warns about are refused before anything is created.
   */
  readonly deploying?: boolean;
}

/** Every key the project accepts, with a one-line description of what is allowed. */
export const CONFIG_KEYS: Readonly<Record<string, string>> = {
  environment: `"staging" or "prod"`,
  vpcCidr: "a private (RFC 1918) IPv4 CIDR with a prefix from /16 to /24",
  azCount: "an integer from 1 to 5 (prod: at least 2)",
  publicSubnetCidrs: "a list of CIDRs, one per AZ, inside vpcCidr (default: planned from vpcCidr)",
  computeSubnetCidrs: "a list of CIDRs, one per AZ, inside vpcCidr (default: planned from vpcCidr)",
  dataSubnetCidrs:
    "a list of CIDRs, one per AZ of the data tier (max(azCount, 3): Redshift Serverless needs 3 AZs), inside vpcCidr (default: planned from vpcCidr)",
  endpointPlacement: `"all-azs" or "single-az" (prod: "all-azs")`,
  extraInterfaceEndpoints: `a list of AWS service names such as "secretsmanager"`,
  logRetentionDays: `one of ${LOG_RETENTION_DAYS.join(", ")} (prod: at least 365)`,
  objectExpirationDays: "an integer from 1 to 3650",
  ingestPrincipal: `a service principal such as "kafkaconnect.amazonaws.com" or an IAM role ARN`,
  ingestExternalId: "a string of 2 to 1224 characters (required for a role in another account)",
  protectData: "true or false (prod: true)",
  runtimeDesiredCount: "an integer from 1 to 100 (staging 2, prod 4 by design)",
  runtimeMinCount: "an integer from 1 to runtimeDesiredCount (default: runtimeDesiredCount)",
  runtimeMaxCount:
    "an integer from runtimeDesiredCount to 200 (default: twice runtimeDesiredCount)",
  runtimeCpu: "Fargate CPU units: 256, 512, 1024, 2048, 4096, 8192 or 16384",
  runtimeMemory: "MiB, a value Fargate allows for runtimeCpu (256: 512-2048; 512: 1024-4096; ...)",
  containerPort: "an integer from 1024 to 65535 (the app runs as a non-root user)",
  certificateArn: "an ACM certificate ARN in aws:region (prod: required)",
  albAllowedCidrs: `a list of IPv4 CIDRs allowed to reach the load balancer (default ["0.0.0.0/0"])`,
  wafEnabled: "true or false (prod: true)",
  wafRateLimit: "an integer from 10 to 2000000000 (requests per IP per 5 minutes)",
  ecrKeepImages: "an integer from 1 to 1000",
  imageTag: "an image tag: letters, digits, _ . - (up to 128 characters)",
  maxUploadMiB: "an integer from 1 to 100",
  owner: "a non-empty string (tag value)",
  costCenter: "a non-empty string (tag value)",
  sourceProvider: `"codecommit" or "github"`,
  sourceBranches: "a list of 1 to 8 branch names (GitHub: glob patterns such as release/*)",
  codecommitRepository:
    "a CodeCommit repository name: letters, digits, . _ - (up to 100; default <project>-<stack>-app)",
  codecommitCreateRepository: "true or false (false: the repository already exists)",
  githubRepository: `"owner/name" of a GitHub repository (required when sourceProvider is "github")`,
  githubConnectionArn:
    "a CodeConnections connection ARN (arn:aws:codeconnections:<region>:<account>:connection/<uuid>)",
  githubOidcRepository: `"owner/name" of the GitHub repository whose workflows deploy this stack`,
  githubOidcProviderArn: "an IAM OIDC provider ARN for token.actions.githubusercontent.com",
  redshiftBaseRpu: "Redshift Serverless base capacity in RPUs: 8 to 512 in steps of 8",
  redshiftMaxRpu: `most RPUs the workgroup may scale to: a multiple of 8 from redshiftBaseRpu to ${MAX_RPU_LIMIT}`,
  redshiftUsageLimitRpuHours:
    "RPU-hours the workgroup may use per period: an integer from 1 to 1000000",
  redshiftUsageLimitPeriod: `"daily", "weekly" or "monthly"`,
  redshiftUsageLimitBreachAction: `"deactivate" (stop user queries) or "emit-metric" (alarm on it)`,
  redshiftAdminUsername: `a lowercase identifier (letters, digits, _) other than ${DEFAULT_ADMIN_NAMES.join(" or ")}`,
  redshiftDbName: `a lowercase identifier (letters, digits, _) other than "dev"`,
  biAccessMode: `"private" (EC2 Instance Connect Endpoint, no public IP) or "bastion" (public IP, SSH allow-list)`,
  bastionAllowedCidrs: `a list of IPv4 CIDRs, each /${BASTION_MIN_PREFIX} or narrower, allowed to SSH to the bastion (required when biAccessMode is "bastion")`,
  tunnelInstanceType: "a Graviton (arm64) instance type such as t4g.nano",
  docsDomain: "a DNS name for the docs site, e.g. docs.example.com (with docsCertificateArn)",
  docsCertificateArn: "an ACM certificate ARN in us-east-1 covering docsDomain (with docsDomain)",
  backupEnabled: "true or false (default false): AWS Backup vault and daily plan",
  backupRetentionDays: "days each daily backup is kept: an integer from 1 to 36500 (default 1)",
  backupVaultLock: `"none", "governance" or "compliance" (compliance is irreversible after 3 days)`,
  databaseEnabled: "true or false (default false): Aurora Serverless v2 application database",
  databaseEngine: `"aurora-postgresql" or "aurora-mysql"`,
  databaseMinAcu:
    "fewest Aurora capacity units: 0 to 256 in steps of 0.5 (0 pauses when idle; prod: at least 0.5)",
  databaseMaxAcu: "most Aurora capacity units: 1 to 256 in steps of 0.5, at least databaseMinAcu",
  testServerEnabled: "true or false (default false): a private test server",
  aiEnvironmentEnabled: "true or false (default false): a peered VPC for the AI team",
  aiVpcCidr: "a private (RFC 1918) IPv4 CIDR, /16 to /27, not overlapping vpcCidr",
  aiAllowedPorts:
    "a list of 1 to 10 TCP ports the tasks may open on the AI server (default [443]; not 22 or 3389)",
};

const DEFAULTS = {
  azCount: 2,
  endpointPlacement: "all-azs" as EndpointPlacement,
  logRetentionDays: 30,
  objectExpirationDays: 7,
  protectData: false,
  owner: "platform-team",
  runtimeDesiredCount: 2,
  runtimeCpu: 256,
  runtimeMemory: 512,
  containerPort: 8080,
  albAllowedCidrs: ["0.0.0.0/0"] as string[],
  wafEnabled: false,
  wafRateLimit: 2000,
  ecrKeepImages: 30,
  imageTag: "initial",
  maxUploadMiB: 10,
  sourceProvider: "codecommit" as SourceProvider,
  sourceBranches: ["main"] as string[],
  codecommitCreateRepository: true,
  redshiftBaseRpu: 8,
  redshiftUsageLimitRpuHours: 24,
  redshiftUsageLimitPeriod: "daily" as UsageLimitPeriod,
  redshiftUsageLimitBreachAction: "deactivate" as UsageLimitBreachAction,
  redshiftAdminUsername: "platform_admin",
  redshiftDbName: "analytics",
  biAccessMode: "private" as AccessMode,
  tunnelInstanceType: "t4g.nano",
  backupRetentionDays: 1,
  backupVaultLock: "none" as VaultLockMode,
  databaseEngine: "aurora-postgresql" as DatabaseEngine,
  databaseMinAcu: 0.5,
  databaseMaxAcu: 4,
  aiAllowedPorts: [443] as number[],
};

/** Fargate task sizes (AWS ECS docs, "Task CPU and memory"): CPU → allowed memory in MiB. */
export const FARGATE_MEMORY: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

/** Raised with every problem of a stack's config, one per line, each naming its full key. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `  - ${p}`).join("\n") +
        `\nFix the values with \`pulumi config set <key> <value>\` or in Pulumi.<stack>.yaml.`,
    );
    this.name = "ConfigError";
  }
}

type Raw = Readonly<Record<string, unknown>>;

/** Reads typed values from raw config (strings as the CLI stores them, or native values). */
class Reader {
  readonly problems: string[] = [];
  readonly warnings: string[] = [];
  constructor(
    private readonly raw: Raw,
    readonly options: ParseOptions = {},
  ) {}

  key(k: string): string {
    return k.includes(":") ? k : `${PROJECT}:${k}`;
  }
  has(k: string): boolean {
    return this.raw[this.key(k)] !== undefined;
  }
  fail(k: string, msg: string): void {
    this.problems.push(`${this.key(k)}: ${msg}`);
  }
  warn(k: string, msg: string): void {
    this.warnings.push(`${this.key(k)}: ${msg}`);
  }
  /** `pulumi config set <key> <value>` for this stack, the fix a message names. */
  setCommand(k: string, value: string): string {
    const stack = this.options.stack ? ` --stack ${this.options.stack}` : "";
    return `\`pulumi config set ${this.key(k)} ${value}${stack}\``;
  }
  private value(k: string): unknown {
    return this.raw[this.key(k)];
  }

  string(k: string, required = false): string | undefined {
    const v = this.value(k);
    if (v === undefined) {
      if (required) this.fail(k, `is required; set it to ${CONFIG_KEYS[k] ?? "a value"}`);
      return undefined;
    }
    if (typeof v !== "string" || v.trim() === "") {
      this.fail(k, `must be ${CONFIG_KEYS[k] ?? "a non-empty string"}, got ${JSON.stringify(v)}`);
      return undefined;
    }
    return v.trim();
  }

  enumOf<T extends string>(k: string, allowed: readonly T[], fallback?: T): T | undefined {
    const v = this.string(k, fallback === undefined);
    if (v === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(v)) {
      this.fail(k, `"${v}" is not allowed; use ${allowed.map((a) => `"${a}"`).join(" or ")}`);
      return undefined;
    }
    return v as T;
  }

  integer(k: string, fallback: number, min: number, max: number): number | undefined {
    const v = this.value(k);
    if (v === undefined) return fallback;
    const n =
      typeof v === "number"
        ? v
        : typeof v === "string" && /^-?\d+$/.test(v.trim())
          ? Number(v)
          : NaN;
    if (!Number.isInteger(n)) {
      this.fail(k, `must be an integer, got ${JSON.stringify(v)}`);
      return undefined;
    }
    if (n < min || n > max) {
      this.fail(k, `${n} is out of range; use ${CONFIG_KEYS[k] ?? `${min} to ${max}`}`);
      return undefined;
    }
    return n;
  }

  boolean(k: string, fallback: boolean): boolean | undefined {
    const v = this.value(k);
    if (v === undefined) return fallback;
    if (v === true || v === "true") return true;
    if (v === false || v === "false") return false;
    this.fail(k, `must be true or false, got ${JSON.stringify(v)}`);
    return undefined;
  }

  /** A number (decimals allowed) from `min` to `max`. */
  decimal(k: string, fallback: number, min: number, max: number): number | undefined {
    const v = this.value(k);
    if (v === undefined) return fallback;
    const n =
      typeof v === "number"
        ? v
        : typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v.trim())
          ? Number(v)
          : NaN;
    if (!Number.isFinite(n)) {
      this.fail(k, `must be a number, got ${JSON.stringify(v)}`);
      return undefined;
    }
    if (n < min || n > max) {
      this.fail(k, `${n} is out of range; use ${CONFIG_KEYS[k] ?? `${min} to ${max}`}`);
      return undefined;
    }
    return n;
  }

  /** A list of integers (YAML list, JSON array, or numeric strings). */
  integerList(k: string): number[] | undefined {
    let v = this.value(k);
    if (v === undefined) return undefined;
    if (typeof v === "string") {
      try {
        v = JSON.parse(v);
      } catch {
        this.fail(k, `must be a list (YAML list or JSON array), got ${JSON.stringify(v)}`);
        return undefined;
      }
    }
    const items = Array.isArray(v) ? v.map((x) => (typeof x === "string" ? Number(x) : x)) : [];
    if (!Array.isArray(v) || items.some((x) => typeof x !== "number" || !Number.isInteger(x))) {
      this.fail(k, `must be a list of integers, got ${JSON.stringify(v)}`);
      return undefined;
    }
    return items as number[];
  }

  stringList(k: string): string[] | undefined {
    let v = this.value(k);
    if (v === undefined) return undefined;
    if (typeof v === "string") {
      try {
        v = JSON.parse(v);
      } catch {
        this.fail(k, `must be a list (YAML list or JSON array), got ${JSON.stringify(v)}`);
        return undefined;
      }
    }
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) {
      this.fail(k, `must be a list of strings, got ${JSON.stringify(v)}`);
      return undefined;
    }
    return v as string[];
  }
}

const SUBNET_KEYS: Readonly<Record<Tier, string>> = {
  public: "publicSubnetCidrs",
  compute: "computeSubnetCidrs",
  data: "dataSubnetCidrs",
};
/** Planned layout: the VPC split in 16 blocks; tier t, AZ i gets block t*5 + i (room for 5 AZs). */
const PLAN_SPLIT_BITS = 4;
const PLAN_TIER_STRIDE = 5;

function planSubnets(vpc: Cidr, azCount: number, tier: number): string[] {
  return Array.from({ length: azCount }, (_, i) =>
    format(subnet(vpc, vpc.prefix + PLAN_SPLIT_BITS, tier * PLAN_TIER_STRIDE + i)),
  );
}

const CERT_RE = /^arn:aws(-[a-z]+)*:acm:([a-z0-9-]+):(\d{12}):certificate\/([0-9a-f-]{36})$/;

/**
 * Whether an ACM certificate ARN is a placeholder rather than a certificate: an account id of one
 * repeated digit (111111111111, the committed prod file's example account) or an all-zero
 * certificate id (00000000-0000-4000-8000-000000000000). No ACM certificate has either.
 */
export function isExampleCertificateArn(arn: string): boolean {
  const m = CERT_RE.exec(arn);
  if (!m) return false;
  return /^(\d)\1{11}$/.test(m[3]) || /^0{8}-0{4}-[0-9a-f]0{3}-[0-9a-f]0{3}-0{12}$/.test(m[4]);
}

/**
 * An example certificate in `key`: `pulumi up` refuses it before anything is created, a preview
 * goes on with a warning (the offline check and a first preview work with the committed file).
 */
function exampleCertificate(r: Reader, key: string, arn: string, region: string): void {
  const how = `set your own ACM certificate (in ${region}) with ${r.setCommand(key, "<arn>")}`;
  if (r.options.deploying) {
    r.fail(key, `"${arn}" is the example from the stack file, not a certificate: ${how}`);
  } else {
    r.warn(
      key,
      `"${arn}" is the example from the stack file, not a certificate; \`pulumi up\` will refuse it: ${how}`,
    );
  }
}

function parseRuntime(r: Reader, environment: Environment | undefined, region: string | undefined) {
  const desired = r.integer("runtimeDesiredCount", DEFAULTS.runtimeDesiredCount, 1, 100);
  const min = r.integer("runtimeMinCount", desired ?? 1, 1, 100);
  const max = r.integer("runtimeMaxCount", (desired ?? 1) * 2, 1, 200);
  if (desired !== undefined && min !== undefined && min > desired) {
    r.fail("runtimeMinCount", `${min} is above runtimeDesiredCount ${desired}`);
  }
  if (desired !== undefined && max !== undefined && max < desired) {
    r.fail("runtimeMaxCount", `${max} is below runtimeDesiredCount ${desired}`);
  }
  if (environment === "prod" && min !== undefined && min < 2) {
    r.fail("runtimeMinCount", `prod runs at least 2 tasks (one per AZ), got ${min}`);
  }
  const cpu = r.integer("runtimeCpu", DEFAULTS.runtimeCpu, 256, 16384);
  const memory = r.integer("runtimeMemory", DEFAULTS.runtimeMemory, 512, 122880);
  if (cpu !== undefined && !(cpu in FARGATE_MEMORY)) {
    r.fail("runtimeCpu", `${cpu} is not a Fargate CPU size; use ${CONFIG_KEYS.runtimeCpu}`);
  } else if (cpu !== undefined && memory !== undefined && !FARGATE_MEMORY[cpu].includes(memory)) {
    const allowed = FARGATE_MEMORY[cpu];
    r.fail(
      "runtimeMemory",
      `${memory} MiB is not allowed with runtimeCpu ${cpu}; use one of ${allowed.join(", ")}`,
    );
  }
  const containerPort = r.integer("containerPort", DEFAULTS.containerPort, 1024, 65535);
  const certificateArn = r.string("certificateArn");
  if (certificateArn !== undefined) {
    const m = CERT_RE.exec(certificateArn);
    if (!m)
      r.fail(
        "certificateArn",
        `"${certificateArn}" is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)`,
      );
    else if (region !== undefined && m[2] !== region) {
      r.fail(
        "certificateArn",
        `is in ${m[2]} but the load balancer is in aws:region ${region}; an ALB needs a certificate from its own region`,
      );
    } else if (isExampleCertificateArn(certificateArn)) {
      exampleCertificate(r, "certificateArn", certificateArn, m[2]);
    }
  } else if (environment === "prod") {
    r.fail("certificateArn", "is required in prod: the load balancer must serve HTTPS");
  }
  const albAllowedCidrs = r.stringList("albAllowedCidrs") ?? DEFAULTS.albAllowedCidrs;
  if (albAllowedCidrs.length === 0)
    r.fail("albAllowedCidrs", "is empty; nobody could reach the service");
  albAllowedCidrs.forEach((text, i) => {
    const c = parseCidr(text);
    if (typeof c === "string") r.fail("albAllowedCidrs", `item ${i}: ${c}`);
  });
  const wafEnabled = r.boolean("wafEnabled", DEFAULTS.wafEnabled);
  if (environment === "prod" && wafEnabled === false) {
    r.fail(
      "wafEnabled",
      `prod must put the load balancer behind WAF: ${r.setCommand("wafEnabled", "true")}`,
    );
  }
  const wafRateLimit = r.integer("wafRateLimit", DEFAULTS.wafRateLimit, 10, 2_000_000_000);
  const ecrKeepImages = r.integer("ecrKeepImages", DEFAULTS.ecrKeepImages, 1, 1000);
  const imageTag = r.string("imageTag") ?? DEFAULTS.imageTag;
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(imageTag)) {
    r.fail("imageTag", `"${imageTag}" is not a valid image tag; use ${CONFIG_KEYS.imageTag}`);
  }
  const maxUploadMiB = r.integer("maxUploadMiB", DEFAULTS.maxUploadMiB, 1, 100);
  return {
    desiredCount: desired!,
    minCount: min!,
    maxCount: max!,
    cpu: cpu!,
    memory: memory!,
    containerPort: containerPort!,
    certificateArn,
    albAllowedCidrs,
    wafEnabled: wafEnabled!,
    wafRateLimit: wafRateLimit!,
    ecrKeepImages: ecrKeepImages!,
    imageTag,
    maxUploadBytes: maxUploadMiB! * 1024 * 1024,
  };
}

function parseNetwork(r: Reader, environment: Environment | undefined) {
  const cidrText = r.string("vpcCidr", true);
  let vpc: Cidr | undefined;
  if (cidrText !== undefined) {
    const parsed = parseCidr(cidrText);
    if (typeof parsed === "string") r.fail("vpcCidr", `${parsed}; use ${CONFIG_KEYS.vpcCidr}`);
    else if (parsed.prefix < 16 || parsed.prefix > 24) {
      r.fail("vpcCidr", `"${cidrText}" has prefix /${parsed.prefix}; use ${CONFIG_KEYS.vpcCidr}`);
    } else if (!PRIVATE_RANGES.some((p) => contains(p, parsed))) {
      r.fail("vpcCidr", `"${cidrText}" is not inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16`);
    } else vpc = parsed;
  }
  const azCount = r.integer("azCount", DEFAULTS.azCount, 1, 5);
  if (environment === "prod" && azCount !== undefined && azCount < 2) {
    r.fail(
      "azCount",
      `prod needs at least 2 availability zones for a highly available load balancer and service, got ${azCount}`,
    );
  }
  const placement = r.enumOf<EndpointPlacement>(
    "endpointPlacement",
    ["all-azs", "single-az"],
    DEFAULTS.endpointPlacement,
  );
  if (environment === "prod" && placement === "single-az") {
    r.fail(
      "endpointPlacement",
      `prod must place interface endpoints in every AZ ("all-azs"), got "single-az"`,
    );
  }
  const extra = r.stringList("extraInterfaceEndpoints") ?? [];
  extra.forEach((s, i) => {
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(s)) {
      r.fail(
        "extraInterfaceEndpoints",
        `item ${i} "${s}" is not a service name like "secretsmanager" or "ecr.api"`,
      );
    }
  });

  // Redshift docs ("Considerations when using Amazon Redshift Serverless"): with enhanced VPC
  // routing a workgroup needs subnets in at least 3 AZs, so the data tier spans max(azCount, 3)
  // AZs (subnets cost nothing; the paid parts follow azCount).
  const dataAzCount = azCount === undefined ? undefined : Math.max(azCount, REDSHIFT_MIN_AZS);
  const subnetCidrs: Partial<Record<Tier, string[]>> = {};
  const all: { key: string; text: string; cidr: Cidr }[] = [];
  TIERS.forEach((tier, t) => {
    const key = SUBNET_KEYS[tier];
    const count = tier === "data" ? dataAzCount : azCount;
    const given = r.stringList(key);
    if (given === undefined) {
      if (vpc && count !== undefined) subnetCidrs[tier] = planSubnets(vpc, count, t);
    } else {
      if (count !== undefined && given.length !== count) {
        r.fail(
          key,
          tier === "data"
            ? `has ${given.length} entries; give one per AZ of the data tier, max(azCount, ${REDSHIFT_MIN_AZS}) = ${count}: Redshift Serverless with enhanced VPC routing needs subnets in ${REDSHIFT_MIN_AZS} AZs (azCount is ${azCount})`
            : `has ${given.length} entries; give exactly one per AZ (azCount is ${azCount})`,
        );
      }
      given.forEach((text, i) => {
        const c = parseCidr(text);
        if (typeof c === "string") return r.fail(key, `item ${i}: ${c}`);
        if (c.prefix > 28)
          return r.fail(
            key,
            `item ${i}: "${text}" is smaller than /28, the smallest subnet AWS allows`,
          );
        if (vpc && !contains(vpc, c))
          return r.fail(key, `item ${i}: "${text}" is not inside vpcCidr ${format(vpc)}`);
        all.push({ key: `${r.key(key)}[${i}]`, text, cidr: c });
      });
      subnetCidrs[tier] = given;
    }
  });
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      if (overlaps(all[i].cidr, all[j].cidr)) {
        r.problems.push(
          `${all[i].key}: "${all[i].text}" overlaps ${all[j].key} "${all[j].text}"; subnets must not overlap`,
        );
      }
    }
  }
  // A planned tier may collide with an explicitly given one.
  if (all.length > 0) {
    TIERS.forEach((tier) => {
      if (r.has(SUBNET_KEYS[tier])) return;
      for (const text of subnetCidrs[tier] ?? []) {
        const c = parseCidr(text) as Cidr;
        const hit = all.find((a) => overlaps(a.cidr, c));
        if (hit) {
          r.problems.push(
            `${hit.key}: "${hit.text}" overlaps the planned ${tier} subnet ${text}; set ${r.key(SUBNET_KEYS[tier])} explicitly too`,
          );
        }
      }
    });
  }
  return { cidrText, azCount, dataAzCount, placement, extra, subnetCidrs };
}

/** Redshift docs ("Names and identifiers"): standard identifiers, lowercase here. */
const REDSHIFT_IDENTIFIER = /^[a-z_][a-z0-9_]{0,126}$/;

function parseAnalytics(
  r: Reader,
  region: string | undefined,
  dataSubnetCidrs: readonly string[] | undefined,
): AnalyticsConfig {
  const baseRpu = r.integer("redshiftBaseRpu", DEFAULTS.redshiftBaseRpu, 8, 512);
  if (baseRpu !== undefined && !isValidBaseRpu(baseRpu)) {
    r.fail(
      "redshiftBaseRpu",
      `${baseRpu} is not a base capacity AWS accepts; use ${CONFIG_KEYS.redshiftBaseRpu}`,
    );
  }
  const base = baseRpu ?? DEFAULTS.redshiftBaseRpu;
  const maxRpu = r.integer("redshiftMaxRpu", base * 4, 8, MAX_RPU_LIMIT);
  if (maxRpu !== undefined && (maxRpu % 8 !== 0 || maxRpu < base)) {
    r.fail(
      "redshiftMaxRpu",
      `${maxRpu} must be a multiple of 8 and at least platform:redshiftBaseRpu (${base})`,
    );
  }
  const rpuHours = r.integer(
    "redshiftUsageLimitRpuHours",
    DEFAULTS.redshiftUsageLimitRpuHours,
    1,
    1_000_000,
  );
  const period = r.enumOf<UsageLimitPeriod>(
    "redshiftUsageLimitPeriod",
    ["daily", "weekly", "monthly"],
    DEFAULTS.redshiftUsageLimitPeriod,
  );
  const breachAction = r.enumOf<UsageLimitBreachAction>(
    "redshiftUsageLimitBreachAction",
    ["deactivate", "emit-metric"],
    DEFAULTS.redshiftUsageLimitBreachAction,
  );
  const adminUsername = r.string("redshiftAdminUsername") ?? DEFAULTS.redshiftAdminUsername;
  if (!REDSHIFT_IDENTIFIER.test(adminUsername) || DEFAULT_ADMIN_NAMES.includes(adminUsername)) {
    r.fail(
      "redshiftAdminUsername",
      `"${adminUsername}" is not allowed; use ${CONFIG_KEYS.redshiftAdminUsername}`,
    );
  }
  const dbName = r.string("redshiftDbName") ?? DEFAULTS.redshiftDbName;
  if (!REDSHIFT_IDENTIFIER.test(dbName) || dbName === "dev") {
    r.fail("redshiftDbName", `"${dbName}" is not allowed; use ${CONFIG_KEYS.redshiftDbName}`);
  }
  // Redshift docs (considerations): US West (N. California) offers Redshift Serverless two AZs
  // only (three subnets in two AZs); the data tier places one subnet per AZ.
  if (region === "us-west-1") {
    r.fail(
      "aws:region",
      `us-west-1 offers Redshift Serverless only two availability zones; the analytics layer needs its data subnets in ${REDSHIFT_MIN_AZS} (choose another aws:region)`,
    );
  }
  // Each data subnet must have the free addresses the workgroup's base capacity needs (AWS
  // reserves 5 addresses per subnet).
  if (baseRpu !== undefined && dataSubnetCidrs) {
    const needed = freeIpsNeeded(baseRpu);
    dataSubnetCidrs.forEach((text, i) => {
      const c = parseCidr(text);
      if (typeof c !== "string" && size(c) - 5 < needed) {
        r.problems.push(
          `${r.key("dataSubnetCidrs")}[${i}]: "${text}" has ${size(c) - 5} usable addresses; a workgroup of platform:redshiftBaseRpu ${baseRpu} needs ${needed} free in each data subnet (use a larger platform:vpcCidr or dataSubnetCidrs, or fewer RPUs)`,
        );
      }
    });
  }
  return {
    baseRpu: base,
    maxRpu: maxRpu ?? base * 4,
    usageLimit: { rpuHours: rpuHours!, period: period!, breachAction: breachAction! },
    adminUsername,
    dbName,
  };
}

function parseAccess(r: Reader): AccessConfig {
  const mode = r.enumOf<AccessMode>("biAccessMode", ACCESS_MODES, DEFAULTS.biAccessMode);
  const cidrs = r.stringList("bastionAllowedCidrs") ?? [];
  if (mode === "bastion") {
    if (cidrs.length === 0) {
      r.fail(
        "bastionAllowedCidrs",
        `is required when platform:biAccessMode is "bastion"; set it to ${CONFIG_KEYS.bastionAllowedCidrs}`,
      );
    }
    cidrs.forEach((text, i) => {
      const c = parseCidr(text);
      if (typeof c === "string") r.fail("bastionAllowedCidrs", `item ${i}: ${c}`);
      else if (c.prefix < BASTION_MIN_PREFIX) {
        r.fail(
          "bastionAllowedCidrs",
          `item ${i}: "${text}" is wider than /${BASTION_MIN_PREFIX}; SSH must never be open to the internet (0.0.0.0/0) or to large ranges`,
        );
      }
    });
  } else if (mode === "private" && r.has("bastionAllowedCidrs")) {
    r.fail("bastionAllowedCidrs", `applies only when platform:biAccessMode is "bastion"`);
  }
  const instanceType = r.string("tunnelInstanceType") ?? DEFAULTS.tunnelInstanceType;
  if (!GRAVITON_INSTANCE_TYPE.test(instanceType)) {
    r.fail(
      "tunnelInstanceType",
      `"${instanceType}" is not a Graviton (arm64) type; use ${CONFIG_KEYS.tunnelInstanceType} (the AMI is arm64)`,
    );
  }
  return { mode: mode ?? DEFAULTS.biAccessMode, allowedCidrs: cidrs, instanceType };
}

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function parseDocs(r: Reader): DocsConfig {
  const domainName = r.string("docsDomain");
  const certificateArn = r.string("docsCertificateArn");
  if (domainName !== undefined && !DNS_NAME.test(domainName)) {
    r.fail("docsDomain", `"${domainName}" is not a lowercase DNS name such as docs.example.com`);
  }
  if (certificateArn !== undefined) {
    const m = CERT_RE.exec(certificateArn);
    if (!m) {
      r.fail(
        "docsCertificateArn",
        `"${certificateArn}" is not an ACM certificate ARN (arn:aws:acm:us-east-1:<account>:certificate/<uuid>)`,
      );
    } else if (m[2] !== "us-east-1") {
      r.fail(
        "docsCertificateArn",
        `is in ${m[2]}; CloudFront uses certificates from us-east-1 only`,
      );
    } else if (isExampleCertificateArn(certificateArn)) {
      exampleCertificate(r, "docsCertificateArn", certificateArn, "us-east-1");
    }
  }
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    r.fail(
      domainName === undefined ? "docsDomain" : "docsCertificateArn",
      "platform:docsDomain and platform:docsCertificateArn go together: set both or neither",
    );
  }
  return { domainName, certificateArn };
}

/** The opt-in MVP features (docs/features.md): each flag off by default, its keys only with it. */
function parseFeatures(
  r: Reader,
  environment: Environment | undefined,
  vpcCidrText: string | undefined,
): FeaturesConfig {
  const onlyWith = (flag: string, on: boolean | undefined, keys: string[]) => {
    if (on !== false) return;
    for (const k of keys) if (r.has(k)) r.fail(k, `applies only when platform:${flag} is true`);
  };

  const backupOn = r.boolean("backupEnabled", false);
  onlyWith("backupEnabled", backupOn, ["backupRetentionDays", "backupVaultLock"]);
  const retentionDays = r.integer("backupRetentionDays", DEFAULTS.backupRetentionDays, 1, 36500);
  const vaultLock = r.enumOf<VaultLockMode>(
    "backupVaultLock",
    VAULT_LOCK_MODES,
    DEFAULTS.backupVaultLock,
  );

  const dbOn = r.boolean("databaseEnabled", false);
  onlyWith("databaseEnabled", dbOn, ["databaseEngine", "databaseMinAcu", "databaseMaxAcu"]);
  const engine = r.enumOf<DatabaseEngine>(
    "databaseEngine",
    DATABASE_ENGINES,
    DEFAULTS.databaseEngine,
  );
  const minAcu = r.decimal("databaseMinAcu", DEFAULTS.databaseMinAcu, 0, 256);
  const maxAcu = r.decimal(
    "databaseMaxAcu",
    Math.max(DEFAULTS.databaseMaxAcu, minAcu ?? 0),
    1,
    256,
  );
  if (minAcu !== undefined && !isValidAcu(minAcu)) {
    r.fail("databaseMinAcu", `${minAcu} is not a step of 0.5; use ${CONFIG_KEYS.databaseMinAcu}`);
  } else if (environment === "prod" && minAcu === 0) {
    r.fail(
      "databaseMinAcu",
      "prod must not pause its database (at least 0.5): resuming from 0 ACUs takes seconds on the first request",
    );
  }
  if (maxAcu !== undefined && !isValidAcu(maxAcu)) {
    r.fail("databaseMaxAcu", `${maxAcu} is not a step of 0.5; use ${CONFIG_KEYS.databaseMaxAcu}`);
  } else if (maxAcu !== undefined && minAcu !== undefined && maxAcu < minAcu) {
    r.fail("databaseMaxAcu", `${maxAcu} is below platform:databaseMinAcu ${minAcu}`);
  }

  const testServer = r.boolean("testServerEnabled", false);

  const aiOn = r.boolean("aiEnvironmentEnabled", false);
  onlyWith("aiEnvironmentEnabled", aiOn, ["aiVpcCidr", "aiAllowedPorts"]);
  const aiCidr = r.string("aiVpcCidr", aiOn === true);
  if (aiCidr !== undefined) {
    const c = parseCidr(aiCidr);
    const main = vpcCidrText === undefined ? undefined : parseCidr(vpcCidrText);
    if (typeof c === "string") r.fail("aiVpcCidr", `${c}; use ${CONFIG_KEYS.aiVpcCidr}`);
    else if (c.prefix < 16 || c.prefix > 27) {
      r.fail("aiVpcCidr", `"${aiCidr}" has prefix /${c.prefix}; use ${CONFIG_KEYS.aiVpcCidr}`);
    } else if (!PRIVATE_RANGES.some((p) => contains(p, c))) {
      r.fail("aiVpcCidr", `"${aiCidr}" is not inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16`);
    } else if (main !== undefined && typeof main !== "string" && overlaps(c, main)) {
      r.fail(
        "aiVpcCidr",
        `"${aiCidr}" overlaps platform:vpcCidr "${vpcCidrText}"; peered VPCs need ranges that do not overlap`,
      );
    }
  }
  const ports = r.integerList("aiAllowedPorts") ?? DEFAULTS.aiAllowedPorts;
  if (ports.length === 0 || ports.length > 10) {
    r.fail("aiAllowedPorts", `has ${ports.length} entries; give 1 to 10 ports`);
  }
  for (const p of ports) {
    if (p < 1 || p > 65535) r.fail("aiAllowedPorts", `${p} is not a TCP port (1 to 65535)`);
    else if (p === 22 || p === 3389) {
      r.fail(
        "aiAllowedPorts",
        `${p} is an administration port; admins use the AI environment's EC2 Instance Connect Endpoint, never the peering`,
      );
    }
  }

  return {
    backup: backupOn ? { retentionDays: retentionDays!, vaultLock: vaultLock! } : undefined,
    database: dbOn ? { engine: engine!, minCapacity: minAcu!, maxCapacity: maxAcu! } : undefined,
    testServer: testServer === true,
    aiEnvironment:
      aiOn && aiCidr !== undefined
        ? { cidrBlock: aiCidr, allowedPorts: [...new Set(ports)].sort((a, b) => a - b) }
        : undefined,
  };
}

const ROLE_ARN_RE = /^arn:aws(-[a-z]+)*:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
const SERVICE_RE = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/;

function parseIngest(r: Reader): IngestPrincipal | undefined {
  const id = r.string("ingestPrincipal", true);
  const externalId = r.string("ingestExternalId");
  if (
    externalId !== undefined &&
    (externalId.length < 2 || externalId.length > 1224 || !/^[\w+=,.@:/-]+$/.test(externalId))
  ) {
    r.fail(
      "ingestExternalId",
      `must be ${CONFIG_KEYS.ingestExternalId} of letters, digits and +=,.@:/-`,
    );
  }
  if (id === undefined) return undefined;
  if (SERVICE_RE.test(id)) {
    if (externalId !== undefined)
      r.fail("ingestExternalId", "applies only when ingestPrincipal is an IAM role ARN");
    // The ingest role's trust carries the confused-deputy keys the service documents; a service
    // whose documentation has not been read for them is refused rather than guessed.
    if (!(id in SERVICE_TRUST_CONDITIONS)) {
      r.fail(
        "ingestPrincipal",
        `"${id}" is a service whose trust conditions are not recorded (components/iam SERVICE_TRUST_CONDITIONS); use ${Object.keys(
          SERVICE_TRUST_CONDITIONS,
        )
          .filter((k) => k.startsWith("kafkaconnect"))
          .join(", ")} or an IAM role ARN, or record the service first`,
      );
      return undefined;
    }
    return { type: "Service", identifier: id };
  }
  if (ROLE_ARN_RE.test(id)) return { type: "AWS", identifier: id, externalId };
  r.fail(
    "ingestPrincipal",
    `"${id}" is neither a service principal (e.g. "kafkaconnect.amazonaws.com") nor an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)`,
  );
  return undefined;
}

/** `<project>-<stack>-app`, or `<project>-app` when the stack is not known (a bare parse). */
export function defaultRepositoryName(stack?: string): string {
  return stack === undefined ? `${PROJECT}-app` : `${PROJECT}-${stackResourcePrefix(stack)}-app`;
}

const GITHUB_REPO_RE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const CONNECTION_ARN_RE =
  /^arn:aws(-[a-z]+)*:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection\/[0-9a-f-]{36}$/;
const OIDC_PROVIDER_RE =
  /^arn:aws(-[a-z]+)*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/;
/** Git ref names (git check-ref-format, simplified): no spaces, "..", "~^:?[\\" or leading "-". */
const BRANCH_RE = /^(?!-)(?!.*\.\.)[^\s~^:?[\\]{1,200}$/;

function parseDelivery(r: Reader) {
  const sourceProvider = r.enumOf<SourceProvider>(
    "sourceProvider",
    ["codecommit", "github"],
    DEFAULTS.sourceProvider,
  );
  const branches = r.stringList("sourceBranches") ?? DEFAULTS.sourceBranches;
  // CodePipeline API ("GitBranchFilterCriteria"): at most 8 include patterns.
  if (branches.length === 0 || branches.length > 8) {
    r.fail("sourceBranches", `has ${branches.length} entries; give 1 to 8 branches`);
  }
  branches.forEach((b, i) => {
    if (!BRANCH_RE.test(b)) r.fail("sourceBranches", `item ${i} "${b}" is not a git branch name`);
    else if (i === 0 && sourceProvider === "github" && /[*?]/.test(b)) {
      r.fail(
        "sourceBranches",
        `item 0 "${b}" is the source action's default branch and must be an exact name; put patterns after it`,
      );
    } else if (sourceProvider === "codecommit" && /[*?]/.test(b)) {
      r.fail(
        "sourceBranches",
        `item ${i} "${b}": CodeCommit sources need exact branch names (one pipeline per branch); patterns work only with sourceProvider "github"`,
      );
    }
  });
  // Repository names are unique per account and region: one per stack unless the stack file names
  // a shared one (and sets codecommitCreateRepository false in all but one stack).
  const repositoryName = r.string("codecommitRepository") ?? defaultRepositoryName(r.options.stack);
  if (!/^[\w.-]{1,100}$/.test(repositoryName) || repositoryName.endsWith(".git")) {
    r.fail(
      "codecommitRepository",
      `"${repositoryName}" is not a CodeCommit repository name; use ${CONFIG_KEYS.codecommitRepository}`,
    );
  }
  const create = r.boolean("codecommitCreateRepository", DEFAULTS.codecommitCreateRepository);
  const repository = r.string("githubRepository");
  const connectionArn = r.string("githubConnectionArn");
  if (repository !== undefined && !GITHUB_REPO_RE.test(repository)) {
    r.fail("githubRepository", `"${repository}" is not "owner/name"`);
  }
  if (connectionArn !== undefined && !CONNECTION_ARN_RE.test(connectionArn)) {
    r.fail(
      "githubConnectionArn",
      `"${connectionArn}" is not a connection ARN; use ${CONFIG_KEYS.githubConnectionArn}`,
    );
  }
  if (sourceProvider === "github" && repository === undefined) {
    r.fail(
      "githubRepository",
      `is required when sourceProvider is "github"; set it to "owner/name"`,
    );
  }
  if (sourceProvider !== "github") {
    for (const k of ["githubRepository", "githubConnectionArn"]) {
      if (r.has(k)) r.fail(k, `applies only when sourceProvider is "github"`);
    }
  }
  const oidcRepository = r.string("githubOidcRepository");
  const oidcProviderArn = r.string("githubOidcProviderArn");
  if (oidcRepository !== undefined && !GITHUB_REPO_RE.test(oidcRepository)) {
    r.fail("githubOidcRepository", `"${oidcRepository}" is not "owner/name"`);
  }
  if (oidcProviderArn !== undefined) {
    if (!OIDC_PROVIDER_RE.test(oidcProviderArn))
      r.fail(
        "githubOidcProviderArn",
        `"${oidcProviderArn}" is not ${CONFIG_KEYS.githubOidcProviderArn}`,
      );
    if (oidcRepository === undefined)
      r.fail("githubOidcProviderArn", "applies only when githubOidcRepository is set");
  }
  const delivery: DeliveryConfig = {
    sourceProvider: sourceProvider!,
    branches: [...new Set(branches)],
    codecommit: { repositoryName, create: create! },
    github:
      sourceProvider === "github" && repository !== undefined
        ? { repository, connectionArn }
        : undefined,
  };
  const githubOidc: GithubOidcConfig | undefined =
    oidcRepository !== undefined
      ? { repository: oidcRepository, providerArn: oidcProviderArn }
      : undefined;
  return { delivery, githubOidc };
}

/**
 * Validates raw stack config (keys as in Pulumi.<stack>.yaml) into a typed StackConfig. A stack
 * named {@link PROD_STACK} is held to prod's rules whatever `platform:environment` says, and must
 * say prod.
 */
export function parseStackConfig(raw: Raw, options: ParseOptions = {}): StackConfig {
  const r = new Reader(raw, options);
  for (const key of Object.keys(raw)) {
    if (key.startsWith(`${PROJECT}:`) && !(key.slice(PROJECT.length + 1) in CONFIG_KEYS)) {
      r.problems.push(
        `${key}: is not a known key; known keys: ${Object.keys(CONFIG_KEYS).join(", ")}`,
      );
    }
  }
  const region = r.string("aws:region", true);
  if (region !== undefined && !/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/.test(region)) {
    r.fail("aws:region", `"${region}" is not an AWS region name such as "eu-west-1"`);
  }
  const declared = r.enumOf<Environment>("environment", ["staging", "prod"]);
  const prodStack = options.stack === PROD_STACK;
  if (prodStack && declared !== undefined && declared !== "prod") {
    r.fail(
      "environment",
      `is "${declared}" but the stack is named prod, and a stack named prod is prod (its rules apply whatever this key says): ${r.setCommand("environment", "prod")}, or use another stack name for a ${declared} stack`,
    );
  }
  // The rules a stack is held to: prod's for a stack named prod.
  const environment: Environment | undefined = prodStack ? "prod" : declared;
  const net = parseNetwork(r, environment);
  const runtime = parseRuntime(r, environment, region);
  const analytics = parseAnalytics(r, region, net.subnetCidrs.data);
  const access = parseAccess(r);
  const docs = parseDocs(r);
  const features = parseFeatures(r, environment, net.cidrText);
  const { delivery, githubOidc } = parseDelivery(r);
  const logRetentionDays = r.integer("logRetentionDays", DEFAULTS.logRetentionDays, 1, 3653);
  if (
    logRetentionDays !== undefined &&
    !(LOG_RETENTION_DAYS as readonly number[]).includes(logRetentionDays)
  ) {
    r.fail(
      "logRetentionDays",
      `${logRetentionDays} is not a retention CloudWatch Logs accepts; use ${CONFIG_KEYS.logRetentionDays}`,
    );
  } else if (environment === "prod" && logRetentionDays !== undefined && logRetentionDays < 365) {
    r.fail("logRetentionDays", `prod keeps logs at least 365 days, got ${logRetentionDays}`);
  }
  const objectExpirationDays = r.integer(
    "objectExpirationDays",
    DEFAULTS.objectExpirationDays,
    1,
    3650,
  );
  const ingestPrincipal = parseIngest(r);
  const protectData = r.boolean("protectData", DEFAULTS.protectData);
  if (environment === "prod" && protectData === false) {
    r.fail(
      "protectData",
      `prod must protect its data; only staging may turn protection off: ${r.setCommand("protectData", "true")}`,
    );
  }
  const owner = r.string("owner") ?? DEFAULTS.owner;
  const costCenter = r.string("costCenter");

  if (r.problems.length > 0) throw new ConfigError(r.problems);
  const tags: Record<string, string> = {
    project: PROJECT,
    environment: environment!,
    owner,
    "managed-by": "pulumi",
  };
  if (costCenter) tags["cost-center"] = costCenter;
  return {
    environment: environment!,
    region: region!,
    network: {
      cidrBlock: net.cidrText!,
      azCount: net.azCount!,
      dataAzCount: net.dataAzCount!,
      subnetCidrs: net.subnetCidrs as Record<Tier, string[]>,
      endpointPlacement: net.placement!,
      extraInterfaceEndpoints: [...new Set(net.extra)],
    },
    storage: { objectExpirationDays: objectExpirationDays!, ingestPrincipal: ingestPrincipal! },
    runtime,
    analytics,
    access,
    docs,
    features,
    delivery,
    githubOidc,
    logRetentionDays: logRetentionDays!,
    protectData: protectData!,
    tags,
    warnings: r.warnings,
  };
}

/**
 * Reads this stack's config (project keys and `aws:region`) and parses it for this stack: a
 * preview logs the warnings, `pulumi up` (not a dry run) refuses what a preview only warns about.
 * Throws before any resource is registered.
 */
export function loadConfig(): StackConfig {
  const all = pulumi.runtime.allConfig();
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) {
    if (k.startsWith(`${PROJECT}:`) || k === "aws:region") raw[k] = v;
  }
  const config = parseStackConfig(raw, {
    stack: pulumi.getStack(),
    deploying: !pulumi.runtime.isDryRun(),
  });
  for (const w of config.warnings) void pulumi.log.warn(w);
  return config;
}
