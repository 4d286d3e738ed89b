// The usage volumes the estimate assumes. Fixed costs do not depend on them; variable costs are
// reported as formulas and evaluated at these volumes so a reader sees an order of magnitude.
// Every value is printed with the estimate; change them with `--assume key=value`.
import { UsageError } from "../lib/cli";

export interface Assumptions {
  /** Image uploads through the API per month. */
  readonly uploadsPerMonth: number;
  /** Average size of one upload, MiB. */
  readonly avgUploadMiB: number;
  /** GB per month the Kafka ingest producer writes. */
  readonly ingestGbPerMonth: number;
  /** HTTP requests per month reaching the load balancer (and WAF). */
  readonly requestsPerMonth: number;
  /** Average response size, KiB (data out to the internet). */
  readonly avgResponseKiB: number;
  /** Average load balancer capacity units the ALB uses around the clock (1 LCU = 25 new connections/s or 1 GB/hour). */
  readonly albBaselineLcu: number;
  /** Application log volume per running task, GB per month. */
  readonly appLogGbPerTaskMonth: number;
  /** VPC flow log volume, GB per month. */
  readonly flowLogGbPerMonth: number;
  /** WAF log volume per million requests, GB (one JSON record of about 1 KB per request). */
  readonly wafLogGbPerMillionRequests: number;
  /** Any other log group (audit, build), GB per month. */
  readonly otherLogGbPerMonth: number;
  /** Stored log size as a fraction of ingested (1 = no compression credit: an upper bound). */
  readonly logStoredFraction: number;
  /** Access-log objects (S3 server access logs, ALB logs) per million requests, GB. */
  readonly accessLogGbPerMillionRequests: number;
  /** Container Insights custom metrics per cluster, plus per service. */
  readonly containerInsightsMetricsPerCluster: number;
  readonly containerInsightsMetricsPerService: number;
  /** Container Insights performance log events per task, GB per month. */
  readonly containerInsightsGbPerTaskMonth: number;
  /** Container image size, GB (ECR storage and image pulls). */
  readonly imageGb: number;
  /** Deployments (pipeline runs) per month. */
  readonly deploysPerMonth: number;
  /** Minutes of one CodeBuild build. */
  readonly buildMinutes: number;
  /** Minutes of a deploy action (ECS roll-out) and of a source action. */
  readonly deployActionMinutes: number;
  readonly sourceActionMinutes: number;
  /** Active CodeCommit users per month (5 per account are free). */
  readonly codecommitActiveUsers: number;
  /** KMS requests per month per key (S3 Bucket Keys keep this low). */
  readonly kmsRequestsPerKeyMonth: number;
  /** Hours per month the Redshift workgroup runs queries (billed only then). */
  readonly redshiftActiveHoursPerMonth: number;
  /** Redshift managed storage, GB. */
  readonly redshiftStorageGb: number;
  /** CloudFront traffic to viewers, GB per month, and requests per month. */
  readonly cloudfrontGbPerMonth: number;
  readonly cloudfrontRequestsPerMonth: number;
  /** Months objects stay in a bucket without an expiration rule. */
  readonly unexpiredRetentionMonths: number;
  /** GB per month written to any other bucket (pipeline artifacts, docs site). */
  readonly otherBucketGbPerMonth: number;
  /** GB per month through each interface endpoint other than CloudWatch Logs (ECR manifests, API calls). */
  readonly endpointApiGbPerMonth: number;
  /** Average Aurora capacity units the database uses while active, and active hours per month. */
  readonly databaseAverageAcu: number;
  readonly databaseActiveHoursPerMonth: number;
  /** Aurora storage (GB) and I/O requests per month (millions). */
  readonly databaseStorageGb: number;
  readonly databaseIoMillionsPerMonth: number;
  /** GB held in the backup vault (the recovery points the plan keeps). */
  readonly backupStorageGb: number;
}

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  uploadsPerMonth: 200_000,
  avgUploadMiB: 2,
  ingestGbPerMonth: 100,
  requestsPerMonth: 10_000_000,
  avgResponseKiB: 20,
  albBaselineLcu: 1,
  appLogGbPerTaskMonth: 1,
  flowLogGbPerMonth: 10,
  wafLogGbPerMillionRequests: 1,
  otherLogGbPerMonth: 1,
  logStoredFraction: 1,
  accessLogGbPerMillionRequests: 0.3,
  containerInsightsMetricsPerCluster: 12,
  containerInsightsMetricsPerService: 14,
  containerInsightsGbPerTaskMonth: 0.2,
  imageGb: 0.15,
  deploysPerMonth: 20,
  buildMinutes: 6,
  deployActionMinutes: 8,
  sourceActionMinutes: 1,
  codecommitActiveUsers: 5,
  kmsRequestsPerKeyMonth: 50_000,
  redshiftActiveHoursPerMonth: 20,
  redshiftStorageGb: 100,
  cloudfrontGbPerMonth: 5,
  cloudfrontRequestsPerMonth: 500_000,
  unexpiredRetentionMonths: 12,
  otherBucketGbPerMonth: 1,
  endpointApiGbPerMonth: 1,
  databaseAverageAcu: 1,
  databaseActiveHoursPerMonth: 730,
  databaseStorageGb: 20,
  databaseIoMillionsPerMonth: 20,
  backupStorageGb: 100,
};

/** Per-stack volumes over the defaults (staging carries test traffic only). */
export const STACK_ASSUMPTIONS: Readonly<Record<string, Partial<Assumptions>>> = {
  staging: {
    uploadsPerMonth: 5_000,
    ingestGbPerMonth: 5,
    requestsPerMonth: 500_000,
    flowLogGbPerMonth: 2,
    deploysPerMonth: 40,
    redshiftActiveHoursPerMonth: 5,
    redshiftStorageGb: 10,
    cloudfrontGbPerMonth: 1,
    cloudfrontRequestsPerMonth: 50_000,
    databaseActiveHoursPerMonth: 200,
    databaseStorageGb: 5,
    databaseIoMillionsPerMonth: 2,
    backupStorageGb: 10,
  },
};

/** What each assumption means, for the report. */
export const ASSUMPTION_TEXT: Readonly<Record<keyof Assumptions, string>> = {
  uploadsPerMonth: "API uploads per month",
  avgUploadMiB: "average upload size (MiB)",
  ingestGbPerMonth: "GB/month written by the Kafka ingest producer",
  requestsPerMonth: "HTTP requests per month at the load balancer",
  avgResponseKiB: "average response size (KiB)",
  albBaselineLcu: "average ALB capacity units (LCU) around the clock",
  appLogGbPerTaskMonth: "app log GB per running task per month",
  flowLogGbPerMonth: "VPC flow log GB per month",
  wafLogGbPerMillionRequests: "WAF log GB per million requests",
  otherLogGbPerMonth: "GB/month into each other log group",
  logStoredFraction: "stored log size / ingested size (1 = no compression credit)",
  accessLogGbPerMillionRequests: "access-log GB per million requests",
  containerInsightsMetricsPerCluster: "Container Insights metrics per cluster",
  containerInsightsMetricsPerService: "Container Insights metrics per service",
  containerInsightsGbPerTaskMonth: "Container Insights performance-event GB per task per month",
  imageGb: "container image size (GB)",
  deploysPerMonth: "pipeline runs (deployments) per month",
  buildMinutes: "minutes per CodeBuild build",
  deployActionMinutes: "minutes per deploy action",
  sourceActionMinutes: "minutes per source action",
  codecommitActiveUsers: "active CodeCommit users per month",
  kmsRequestsPerKeyMonth: "KMS requests per key per month",
  redshiftActiveHoursPerMonth: "hours per month Redshift runs queries",
  redshiftStorageGb: "Redshift managed storage (GB)",
  cloudfrontGbPerMonth: "CloudFront GB per month to viewers",
  cloudfrontRequestsPerMonth: "CloudFront requests per month",
  unexpiredRetentionMonths: "months objects stay in a bucket with no expiration rule",
  otherBucketGbPerMonth: "GB/month written to any other bucket (artifacts, docs)",
  endpointApiGbPerMonth: "GB/month through each non-logs interface endpoint",
  databaseAverageAcu: "average Aurora ACUs while the database is active",
  databaseActiveHoursPerMonth: "hours per month the database is active (not paused)",
  databaseStorageGb: "Aurora storage (GB)",
  databaseIoMillionsPerMonth: "Aurora I/O requests per month (millions)",
  backupStorageGb: "GB of recovery points in the backup vault",
};

/** Assumptions of a stack, with `overrides` (from `--assume`) applied last. */
export function assumptionsFor(stack: string, overrides: Partial<Assumptions> = {}): Assumptions {
  return { ...DEFAULT_ASSUMPTIONS, ...(STACK_ASSUMPTIONS[stack] ?? {}), ...overrides };
}

/** Parses `key=value` pairs; throws naming the bad pair. */
export function parseAssumption(text: string): Partial<Assumptions> {
  const eq = text.indexOf("=");
  const key = eq > 0 ? text.slice(0, eq) : "";
  const raw = eq > 0 ? text.slice(eq + 1) : "";
  const example = "e.g. --assume requestsPerMonth=50000000";
  if (!key) throw new UsageError(`--assume '${text}': expected <key>=<number>, ${example}`);
  // Own keys only: `constructor` or `toString` is no assumption.
  if (!Object.prototype.hasOwnProperty.call(DEFAULT_ASSUMPTIONS, key)) {
    throw new UsageError(
      `--assume '${text}': unknown key '${key}'; known: ${Object.keys(DEFAULT_ASSUMPTIONS).join(", ")}`,
    );
  }
  const value = /^[0-9][0-9_]*(?:\.[0-9_]+)?$/.test(raw) ? Number(raw.replace(/_/g, "")) : NaN;
  if (!Number.isFinite(value)) {
    throw new UsageError(
      `--assume '${text}': ${key} takes a non-negative decimal number (digits, an optional ` +
        `fraction, _ as a separator), not '${raw}'; ${example}`,
    );
  }
  return { [key]: value } as Partial<Assumptions>;
}
