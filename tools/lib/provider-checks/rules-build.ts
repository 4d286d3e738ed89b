// Builds and images: CodeBuild projects and ECR repositories. Each entry names the provider file
// that declares it. The compute, environment and tag-mutability types are AWS SDK enumerations
// that grow with AWS releases: a value of their shape is accepted even when the list below lacks
// it (validators.ts, oneOfGrowing), so only a misspelt one is refused. An ECR repository's name
// has no validator in the provider's schema (ECR refuses a bad one at `pulumi up`).
import type { InputRule } from "./rule";
import {
  all,
  custom,
  goQuote,
  intAtLeast,
  intBetween,
  lenBetween,
  oneOf,
  oneOfGrowing,
  validARN,
  Validator,
} from "./validators";

const PROJECT = "aws:codebuild/project:Project";
const REPOSITORY = "aws:ecr/repository:Repository";

const CODEBUILD = "internal/service/codebuild/project.go";
const ECR = "internal/service/ecr/repository.go";

/** `ValidProjectName` (internal/service/codebuild/project.go): its messages quote the value. */
const projectName: Validator = all(
  custom(
    (s) => /^[0-9A-Za-z]/.test(s),
    (_k, s) => `first character of ${goQuote(s)} must be a letter or number`,
  ),
  custom(
    (s) => /^[0-9A-Za-z_-]+$/.test(s),
    (_k, s) => `only alphanumeric characters, hyphens and underscores allowed in ${goQuote(s)}`,
  ),
  custom(
    (s) => Buffer.byteLength(s, "utf8") <= 255,
    (_k, s) => `${goQuote(s)} cannot be greater than 255 characters`,
  ),
);

/** types.ComputeType of the AWS SDK as of provider 6.x. */
const COMPUTE_TYPES = [
  "BUILD_GENERAL1_SMALL",
  "BUILD_GENERAL1_MEDIUM",
  "BUILD_GENERAL1_LARGE",
  "BUILD_GENERAL1_XLARGE",
  "BUILD_GENERAL1_2XLARGE",
  "BUILD_LAMBDA_1GB",
  "BUILD_LAMBDA_2GB",
  "BUILD_LAMBDA_4GB",
  "BUILD_LAMBDA_8GB",
  "BUILD_LAMBDA_10GB",
  "ATTRIBUTE_BASED_COMPUTE",
  "CUSTOM_INSTANCE_TYPE",
];

/** types.EnvironmentType of the AWS SDK as of provider 6.x. */
const ENVIRONMENT_TYPES = [
  "WINDOWS_CONTAINER",
  "LINUX_CONTAINER",
  "LINUX_GPU_CONTAINER",
  "ARM_CONTAINER",
  "WINDOWS_SERVER_2019_CONTAINER",
  "WINDOWS_SERVER_2022_CONTAINER",
  "LINUX_LAMBDA_CONTAINER",
  "ARM_LAMBDA_CONTAINER",
  "LINUX_EC2",
  "ARM_EC2",
  "WINDOWS_EC2",
  "MAC_ARM",
];

function project(prop: string, attr: string, validate: Validator, fix: string): InputRule {
  return { type: PROJECT, prop, attr, validate, fix, source: CODEBUILD };
}

export const BUILD_RULES: readonly InputRule[] = [
  project(
    "name",
    "name",
    projectName,
    "letters, digits, - and _ only, starting with a letter or digit, at most 255 characters (a logical name Pulumi turns into the name too)",
  ),
  project(
    "description",
    "description",
    lenBetween(0, 255),
    "a description of at most 255 characters",
  ),
  // 5 to 2160 minutes, the current provider's bound (AWS raised the 8-hour cap to 36 hours; older
  // providers stop at 480): the widest bound.
  project(
    "buildTimeout",
    "build_timeout",
    intBetween(5, 2160),
    "a build timeout from 5 to 2160 minutes",
  ),
  project(
    "queuedTimeout",
    "queued_timeout",
    intBetween(5, 480),
    "a queued timeout from 5 to 480 minutes",
  ),
  project(
    "concurrentBuildLimit",
    "concurrent_build_limit",
    intAtLeast(1),
    "at least 1 concurrent build, or leave it out",
  ),
  project(
    "serviceRole",
    "service_role",
    validARN,
    "the role's `arn` output (arn:aws:iam::<account>:role/<name>), not its name",
  ),
  project("resourceAccessRole", "resource_access_role", validARN, "a role's `arn` output"),
  project(
    "environment.computeType",
    "environment.0.compute_type",
    oneOfGrowing(COMPUTE_TYPES),
    "a compute type as AWS spells it, e.g. BUILD_GENERAL1_SMALL",
  ),
  project(
    "environment.type",
    "environment.0.type",
    oneOfGrowing(ENVIRONMENT_TYPES),
    "an environment type as AWS spells it, e.g. LINUX_CONTAINER or ARM_CONTAINER",
  ),
  project(
    "environment.imagePullCredentialsType",
    "environment.0.image_pull_credentials_type",
    oneOf(["CODEBUILD", "SERVICE_ROLE"]),
    "CODEBUILD (CodeBuild's own images) or SERVICE_ROLE (an image in your registry)",
  ),
  project(
    "environment.environmentVariables.type",
    "environment.0.environment_variable.type",
    oneOf(["PLAINTEXT", "PARAMETER_STORE", "SECRETS_MANAGER"]),
    "PLAINTEXT, PARAMETER_STORE or SECRETS_MANAGER",
  ),
  project(
    "environment.certificate",
    "environment.0.certificate",
    custom(
      (s) => /\.(pem|zip)$/.test(s),
      (k) => `invalid value for ${k} (must end in .pem or .zip)`,
    ),
    "the S3 path of a .pem or .zip certificate",
  ),
  project(
    "buildBatchConfig.timeoutInMins",
    "build_batch_config.0.timeout_in_mins",
    intBetween(5, 2160),
    "a batch timeout from 5 to 2160 minutes",
  ),
  project(
    "buildBatchConfig.serviceRole",
    "build_batch_config.0.service_role",
    validARN,
    "a role's `arn` output",
  ),
  project(
    "logsConfig.cloudwatchLogs.status",
    "logs_config.0.cloudwatch_logs.0.status",
    oneOf(["ENABLED", "DISABLED"]),
    "ENABLED or DISABLED",
  ),
  project(
    "logsConfig.s3Logs.status",
    "logs_config.0.s3_logs.0.status",
    oneOf(["ENABLED", "DISABLED"]),
    "ENABLED or DISABLED",
  ),
  project(
    "artifacts.type",
    "artifacts.0.type",
    oneOf(["CODEPIPELINE", "S3", "NO_ARTIFACTS"]),
    "CODEPIPELINE, S3 or NO_ARTIFACTS",
  ),
  project(
    "cache.type",
    "cache.0.type",
    oneOf(["NO_CACHE", "S3", "LOCAL"]),
    "NO_CACHE, S3 or LOCAL",
  ),
];

export const REPOSITORY_RULES: readonly InputRule[] = [
  {
    type: REPOSITORY,
    prop: "imageTagMutability",
    attr: "image_tag_mutability",
    validate: oneOfGrowing([
      "MUTABLE",
      "IMMUTABLE",
      "IMMUTABLE_WITH_EXCLUSION",
      "MUTABLE_WITH_EXCLUSION",
    ]),
    fix: "MUTABLE or IMMUTABLE (upper case)",
    source: ECR,
  },
  {
    type: REPOSITORY,
    prop: "encryptionConfigurations.encryptionType",
    attr: "encryption_configuration.encryption_type",
    validate: oneOfGrowing(["AES256", "KMS", "KMS_DSSE"]),
    fix: "AES256 or KMS (upper case)",
    source: ECR,
  },
];
