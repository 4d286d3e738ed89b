// Limits Lambda enforces on a function's environment variables when the provider creates the
// function at `pulumi up`, which the provider's schema passes on (`by: "aws"`; pulumi/pulumi-aws#2159:
// "there is no limitation / validation on Lambda Environment variables … this is checked by AWS on
// deploy"): keys of letters, digits and `_` starting with a letter, no key Lambda reserves for
// itself, and at most 4 KB of variables in all. Each rule cites the AWS page that states the limit.
import { awsRule, InputRule } from "./rule";
import type { Validator } from "./validators";

const FUNCTION = "aws:lambda/function:Function";

/**
 * Working with Lambda environment variables: "Keys start with a letter and are at least two
 * characters. Keys only contain letters, numbers, and the underscore character (_). Keys aren't
 * reserved by Lambda. The total size of all environment variables doesn't exceed 4 KB." The
 * reserved keys are the page's "Reserved environment variables" ("The keys for these environment
 * variables are reserved and cannot be set in your function configuration"); Lambda refuses one
 * with "Reserved keys used in this request: AWS_REGION". The keys the page lists as not reserved
 * (LANG, PATH, NODE_PATH, TZ, …) and those of the X-Ray daemon are let through.
 */
const ENV_VARS = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html";

/** The reserved keys of the page that the key pattern does not already refuse. */
const RESERVED = new Set([
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
  "AWS_LAMBDA_FUNCTION_VERSION",
  "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME",
  "AWS_ACCESS_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API",
  "LAMBDA_TASK_ROOT",
  "LAMBDA_RUNTIME_DIR",
]);

/** The variables, a map of strings; undefined for any other value. */
function variables(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === "object" && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

const keyShape: Validator = (v, k) => {
  const bad = Object.keys(variables(v) ?? {}).filter((key) => !/^[a-zA-Z][a-zA-Z0-9_]+$/.test(key));
  return bad.length > 0
    ? [
        `${k} keys ${bad.map((key) => JSON.stringify(key)).join(", ")}: Lambda takes keys of ` +
          "letters, digits and _, starting with a letter, at least 2 characters",
      ]
    : [];
};

const reservedKeys: Validator = (v, k) => {
  const bad = Object.keys(variables(v) ?? {}).filter((key) => RESERVED.has(key));
  return bad.length > 0
    ? [`${k} sets ${bad.join(", ")}: Lambda reserves these keys and sets them itself`]
    : [];
};

/**
 * The size Lambda counts: the variables map as compact JSON, in UTF-8 bytes. Lambda's refusal
 * quotes what it measured ("Lambda was unable to configure your environment variables because the
 * environment variables you have provided exceeded the 4KB limit. String measured:
 * {"KEY":"value",...}"), so the quotes, colons, commas and braces count with the keys and values.
 */
const totalSize: Validator = (v, k) => {
  const vars = variables(v);
  if (!vars) return [];
  const bytes = Buffer.byteLength(JSON.stringify(vars), "utf8");
  return bytes > 4096
    ? [
        `${k} are ${bytes} bytes as Lambda measures them (the compact JSON of the map), over the ` +
          "4 KB (4096 bytes) Lambda takes",
      ]
    : [];
};

export const CREATE_LAMBDA_ENV_RULES: readonly InputRule[] = [
  awsRule(
    FUNCTION,
    "environment.variables",
    "environment.0.variables",
    keyShape,
    "rename the keys: letters, digits and _, starting with a letter (APP_REGION, not app-region)",
    ENV_VARS,
  ),
  awsRule(
    FUNCTION,
    "environment.variables",
    "environment.0.variables",
    reservedKeys,
    "drop the key (the function reads Lambda's own value, e.g. process.env.AWS_REGION) or rename " +
      "it (APP_REGION)",
    ENV_VARS,
  ),
  awsRule(
    FUNCTION,
    "environment.variables",
    "environment.0.variables",
    totalSize,
    "keep large values out of the environment: an SSM parameter or a secret the function reads " +
      "at start, or a file in the package",
    ENV_VARS,
  ),
];
