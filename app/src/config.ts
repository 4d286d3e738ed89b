// Configuration from the environment, validated once at startup. parseConfig collects every
// problem and names the variable, so a bad task definition fails fast with a clear message.
import { isIP } from "node:net";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The largest S3_TIMEOUT_MS accepted. Behind a proxy, every answer must start within its idle
 * timeout (app.ts, `longestAnswerMs`: 4 of these for an upload after its body): behind the
 * platform's load balancer, under 15 s.
 */
export const MAX_S3_TIMEOUT_MS = 120_000;

export interface Config {
  /** BUCKET_NAME: the bucket images are stored in (required). */
  readonly bucketName: string;
  /** AWS_REGION (or AWS_DEFAULT_REGION): region of the bucket (required). */
  readonly region: string;
  /** KMS_KEY_ID: key for SSE-KMS; unset means the bucket's default encryption applies. */
  readonly kmsKeyId?: string;
  /** MAX_UPLOAD_BYTES: largest accepted image. Default 10 MiB. */
  readonly maxUploadBytes: number;
  /** PRESIGN_TTL_SECONDS: lifetime of presigned image URLs. Default 300. */
  readonly presignTtlSeconds: number;
  /** PORT: listening port. Default 8080 (0 picks a free port, for tests). */
  readonly port: number;
  /** HOST: listening address. Default 0.0.0.0 (all interfaces of the task's network). */
  readonly host: string;
  /** S3_ENDPOINT: custom S3 endpoint (a local S3 for tests); path-style addressing when set. */
  readonly s3Endpoint?: string;
  /** LOG_LEVEL: pino level. Default info. */
  readonly logLevel: LogLevel;
  /** UPLOAD_CONCURRENCY: uploads in flight per process before 503. Default 8. */
  readonly uploadConcurrency: number;
  /** SHUTDOWN_TIMEOUT_SECONDS: grace for in-flight requests on SIGTERM. Default 20. */
  readonly shutdownTimeoutSeconds: number;
  /** S3_TIMEOUT_MS: deadline of one S3 call, the SDK's retries included. Default 10000. */
  readonly s3TimeoutMs: number;
  /** READINESS_TIMEOUT_MS: deadline of the readiness probe's HeadBucket. Default 2000. */
  readonly readinessTimeoutMs: number;
  /** READINESS_CACHE_MS: how long a readiness answer is reused. Default 5000. */
  readonly readinessCacheMs: number;
  /** UPLOAD_IDLE_TIMEOUT_MS: longest wait for the next bytes of an upload. Default 10000. */
  readonly uploadIdleTimeoutMs: number;
  /** UPLOAD_MIN_BYTES_PER_SECOND: slowest average an upload may keep up. Default 8192. */
  readonly uploadMinBytesPerSecond: number;
  /** UPLOAD_CONCURRENCY_PER_CLIENT: uploads in flight per client address. Default 2. */
  readonly uploadConcurrencyPerClient: number;
  /** TRUSTED_PROXIES: addresses/CIDRs whose X-Forwarded-For is believed. Default: private ranges. */
  readonly trustedProxies: readonly string[];
  /** MAX_IMAGE_PIXELS: largest image (width x height) accepted. Default 40 million. */
  readonly maxImagePixels: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

const MIB = 1024 * 1024;

// S3 docs (bucket naming rules): 3-63 characters, lowercase letters, digits, dots and hyphens,
// beginning and ending with a letter or digit.
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/; // eusc-de-east-1 has a four-letter prefix
// A key id, key ARN, alias name or alias ARN; nothing that could smuggle header syntax.
const KMS_KEY = /^[A-Za-z0-9:/_.-]{1,2048}$/;
// RFC 1123 host name: labels of letters, digits and hyphens, at most 253 characters in all.
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/**
 * A value for a message, quoted, with control characters escaped (JSON's escapes, and `\uXXXX`
 * for DEL, the C1 controls and the bidirectional overrides JSON leaves alone): an ANSI sequence
 * in a variable never reaches the log or the terminal raw.
 */
function quoted(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * The private address ranges (RFC 1918, RFC 4193): where a load balancer inside a VPC connects
 * from. Clients cannot connect from them through the internet, so their X-Forwarded-For may be
 * believed; anyone else's is ignored.
 */
export const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"];

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name}: ${quoted(raw)} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };

  const bucketName = text("BUCKET_NAME") ?? "";
  if (bucketName === "") problems.push("BUCKET_NAME: required (the bucket images are stored in)");
  else if (!BUCKET_NAME.test(bucketName) || bucketName.includes(".."))
    problems.push(`BUCKET_NAME: ${quoted(bucketName)} is not a valid S3 bucket name`);

  const region = text("AWS_REGION") ?? text("AWS_DEFAULT_REGION") ?? "";
  if (region === "") problems.push("AWS_REGION: required (the bucket's region)");
  else if (!REGION.test(region))
    problems.push(`AWS_REGION: ${quoted(region)} is not a valid region`);

  const kmsKeyId = text("KMS_KEY_ID");
  if (kmsKeyId !== undefined && !KMS_KEY.test(kmsKeyId))
    problems.push("KMS_KEY_ID: must be a KMS key id, key ARN or alias");

  const s3Endpoint = text("S3_ENDPOINT");
  if (s3Endpoint !== undefined && !isHttpUrl(s3Endpoint))
    problems.push(`S3_ENDPOINT: ${quoted(s3Endpoint)} must be an http(s) URL`);

  const logLevel = (text("LOG_LEVEL") ?? "info").toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    problems.push(`LOG_LEVEL: ${quoted(logLevel)} must be one of ${LOG_LEVELS.join(", ")}`);

  const trustedProxies = parseProxies(text("TRUSTED_PROXIES"), problems);

  // Refused here rather than by listen() later, whose error ("getaddrinfo ENOTFOUND") names no
  // variable.
  const host = text("HOST") ?? "0.0.0.0";
  if (isIP(host) === 0 && !HOST_NAME.test(host))
    problems.push(`HOST: ${quoted(host)} must be an IP address or a host name`);

  const config: Config = {
    bucketName,
    region,
    kmsKeyId,
    s3Endpoint,
    logLevel: logLevel as LogLevel,
    maxUploadBytes: integer("MAX_UPLOAD_BYTES", 10 * MIB, 1024, 1024 * MIB),
    // SigV4 presigned URLs are valid for at most 7 days (604800 s).
    presignTtlSeconds: integer("PRESIGN_TTL_SECONDS", 300, 10, 604800),
    port: integer("PORT", 8080, 0, 65535),
    host,
    uploadConcurrency: integer("UPLOAD_CONCURRENCY", 8, 1, 1000),
    // ECS stops a container with SIGTERM and sends SIGKILL after stopTimeout (default 30 s).
    shutdownTimeoutSeconds: integer("SHUTDOWN_TIMEOUT_SECONDS", 20, 1, 120),
    // Milliseconds, so tests can make the deadlines short; the defaults are for production.
    // After its body, an upload waits for at most 4 S3 calls, each within S3_TIMEOUT_MS, the
    // gallery for 3 (app.ts, longestAnswerMs): 40 s with the default, under the platform ALB's
    // 60 s idle timeout, which ends a request whose answer has not started by then: under 15 s
    // each there.
    // The readiness probe must answer within the health check's own timeout (5 s for ECS and
    // the ALB here).
    s3TimeoutMs: integer("S3_TIMEOUT_MS", 10_000, 100, MAX_S3_TIMEOUT_MS),
    readinessTimeoutMs: integer("READINESS_TIMEOUT_MS", 2_000, 50, 30_000),
    readinessCacheMs: integer("READINESS_CACHE_MS", 5_000, 0, 60_000),
    // Above the platform ALB's 60 s idle timeout, the ALB cuts a stalled upload first, with no
    // message for the client.
    uploadIdleTimeoutMs: integer("UPLOAD_IDLE_TIMEOUT_MS", 10_000, 100, 120_000),
    uploadMinBytesPerSecond: integer("UPLOAD_MIN_BYTES_PER_SECOND", 8 * 1024, 1, 1024 * MIB),
    uploadConcurrencyPerClient: integer("UPLOAD_CONCURRENCY_PER_CLIENT", 2, 1, 1000),
    trustedProxies,
    maxImagePixels: integer("MAX_IMAGE_PIXELS", 40_000_000, 1, 500_000_000),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** TRUSTED_PROXIES: "none", or addresses and CIDR ranges separated by commas. */
function parseProxies(raw: string | undefined, problems: string[]): string[] {
  if (raw === undefined) return PRIVATE_RANGES;
  if (raw.toLowerCase() === "none") return [];
  const entries = raw.split(",").map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressOrCidr(entry));
  if (bad.length > 0)
    problems.push(
      `TRUSTED_PROXIES: ${bad.map(quoted).join(", ")} must be IP addresses or ` +
        `CIDR ranges separated by commas, or "none"`,
    );
  return entries;
}

function isAddressOrCidr(value: string): boolean {
  const [address, prefix, ...rest] = value.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  return bits >= 0 && bits <= (version === 4 ? 32 : 128);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.username === "";
  } catch {
    return false;
  }
}
