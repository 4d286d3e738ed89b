// The stack's configuration: every layer's section of keys, in the order they are read, and the
// typed config the composition root (index.ts) hands to the components. `parseStackConfig` is
// pure and reports every problem at once, each by its full key; `loadConfig` only reads the
// stack's config. An invalid config throws before any resource is registered. The declarations
// live beside their components (components/*.keys.ts, components/*/keys.ts); the reference
// (docs/config.md) and the Pulumi.yaml config block are generated from them (./reference.ts).
import * as pulumi from "@pulumi/pulumi";
import { ACCESS_SECTION, AccessSettings } from "../access.keys";
import { ALERTS_SECTION, AlertsSettings } from "../alerts.keys";
import { AI_ENVIRONMENT_SECTION, AiEnvironmentSettings } from "../ai-environment.keys";
import { ANALYTICS_SECTION, AnalyticsSettings } from "../analytics.keys";
import { BACKUP_SECTION, BackupSettings } from "../backup.keys";
import { DATABASE_SECTION, DatabaseSettings } from "../database.keys";
import { DOCS_SECTION, DocsSettings } from "../docs-site.keys";
import { GITHUB_OIDC_SECTION, GithubOidcSettings } from "../github-oidc.keys";
import type { ConfigValues, Section } from "../keys";
import { NACL_SECTION, type NaclSettings } from "../nacl.keys";
import { NETWORK_SECTION, NetworkSettings } from "../network.keys";
import { DELIVERY_SECTION, DeliverySettings } from "../pipeline.keys";
import {
  COMMON_SECTION,
  Environment,
  environmentOf,
  PROD_STACK,
  PROJECT,
  STACK_SECTION,
  standardTags,
} from "../stack.keys";
import { RUNTIME_SECTION, RuntimeSettings } from "../runtime.keys";
import { STORAGE_SECTION, StorageSettings } from "../storage.keys";
import { TEST_SERVER_SECTION } from "../test-server.keys";
import { readConfig } from "./reader";

export { ConfigError } from "./reader";
export { isExampleCertificateArn } from "../acm";
export { PROD_STACK, PROJECT } from "../stack.keys";

/**
 * Every section, in the order the reader reads them: the stack's region and environment first
 * (every rule depends on them), then the layers, the keys every layer shares last. Later sections
 * may use earlier values (the analytics rules read the data subnets, the AI range the VPC's).
 */
export const SECTIONS: readonly Section<any, any>[] = [
  STACK_SECTION,
  NETWORK_SECTION,
  RUNTIME_SECTION,
  ANALYTICS_SECTION,
  ACCESS_SECTION,
  DOCS_SECTION,
  BACKUP_SECTION,
  DATABASE_SECTION,
  TEST_SERVER_SECTION,
  AI_ENVIRONMENT_SECTION,
  // After every layer that opens ports on the private tiers (runtime, access, database, AI).
  NACL_SECTION,
  DELIVERY_SECTION,
  GITHUB_OIDC_SECTION,
  STORAGE_SECTION,
  ALERTS_SECTION,
  COMMON_SECTION,
];

/** Opt-in MVP features (docs/features.md); each is present only when its flag is on. */
export interface FeaturesConfig {
  /** `backupEnabled`: AWS Backup vault, daily plan. */
  readonly backup?: BackupSettings;
  /** `databaseEnabled`: Aurora Serverless v2. */
  readonly database?: DatabaseSettings;
  /** `testServerEnabled`: a private test server. */
  readonly testServer: boolean;
  /** `aiEnvironmentEnabled`: a peered VPC with an internet-connected server. */
  readonly aiEnvironment?: AiEnvironmentSettings;
}

/** The typed config of a stack: what each layer's section yields. */
export interface StackConfig {
  readonly environment: Environment;
  readonly region: string;
  readonly network: NetworkSettings;
  /** The account's "Rules per network ACL" quota the private tiers' NACLs must fit. */
  readonly naclRuleQuota: number;
  /** The private tiers' NACL arguments: the ports the layers open there (components/nacl.keys.ts). */
  readonly programAcls: NaclSettings["acls"];
  readonly storage: StorageSettings;
  readonly runtime: RuntimeSettings;
  readonly analytics: AnalyticsSettings;
  readonly access: AccessSettings;
  readonly docs: DocsSettings;
  readonly features: FeaturesConfig;
  readonly delivery: DeliverySettings;
  /** Who is told of alarms and failed deployments. */
  readonly alerts: AlertsSettings;
  /** Present when `githubOidcRepository` is set. */
  readonly githubOidc?: GithubOidcSettings;
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

/**
 * Validates raw stack config (keys as in Pulumi.<stack>.yaml) into a typed StackConfig. A stack
 * named {@link PROD_STACK} is held to prod's rules whatever `platform:environment` says, and must
 * say prod.
 */
export function parseStackConfig(
  raw: Readonly<Record<string, unknown>>,
  options: ParseOptions = {},
): StackConfig {
  const { settings, warnings } = readConfig(raw, SECTIONS, {
    namespace: PROJECT,
    stack: options.stack,
    deploying: options.deploying,
    environment: environmentOf,
  });
  const of = <S extends Section<any, any>>(s: S) =>
    settings[s.title] as S extends Section<any, infer T> ? T : never;
  const stack = of(STACK_SECTION);
  const common = of(COMMON_SECTION) as ConfigValues<typeof COMMON_SECTION.keys>;
  // The rules a stack is held to: prod's for a stack named prod.
  const environment: Environment = options.stack === PROD_STACK ? "prod" : stack.environment;
  return {
    environment,
    region: stack.region,
    network: of(NETWORK_SECTION),
    naclRuleQuota: of(NACL_SECTION).ruleQuota,
    programAcls: of(NACL_SECTION).acls,
    storage: of(STORAGE_SECTION),
    runtime: of(RUNTIME_SECTION),
    analytics: of(ANALYTICS_SECTION),
    access: of(ACCESS_SECTION),
    docs: of(DOCS_SECTION),
    features: {
      backup: of(BACKUP_SECTION),
      database: of(DATABASE_SECTION),
      testServer: of(TEST_SERVER_SECTION),
      aiEnvironment: of(AI_ENVIRONMENT_SECTION),
    },
    delivery: of(DELIVERY_SECTION),
    alerts: of(ALERTS_SECTION),
    githubOidc: of(GITHUB_OIDC_SECTION),
    logRetentionDays: common.logRetentionDays,
    protectData: common.protectData,
    tags: standardTags(environment, common.owner, common.costCenter),
    warnings,
  };
}

/** The AWS provider's keys the stack section declares and the other sections read. */
const PROVIDER_KEYS: readonly string[] = ["aws:region", "aws:allowedAccountIds"];

/**
 * Reads this stack's config (project keys and {@link PROVIDER_KEYS}) and parses it for this
 * stack: a preview logs the warnings, `pulumi up` (not a dry run) refuses what a preview only
 * warns about. Throws before any resource is registered.
 */
export function loadConfig(): StackConfig {
  const all = pulumi.runtime.allConfig();
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) {
    if (k.startsWith(`${PROJECT}:`) || PROVIDER_KEYS.includes(k)) raw[k] = v;
  }
  const config = parseStackConfig(raw, {
    stack: pulumi.getStack(),
    deploying: !pulumi.runtime.isDryRun(),
  });
  for (const w of config.warnings) void pulumi.log.warn(w);
  return config;
}
