// Resource policies: the JSON documents of bucket, secret, queue, topic and repository policies
// (`validation.StringIsJSON`, which takes an empty string and leading white space; providers since
// v5 give most of them `sdkv2.IAMPolicyDocumentSchemaRequired()`, the same validator), the ARNs
// they name, and a Lambda permission's statement (action, function, qualifier, statement id and
// prefix, event source token, source ARN). Each entry names the provider file that declares it.
// A permission's account ids (`sourceAccount`, an account as `principal`): ./rules-lambda-accounts.ts.
import type { CrossRule, InputRule } from "./rule";
import { conflictsWith, inputRule } from "./rule";
import { functionName } from "./rules-compute";
import { all, lenBetween, matches, validARN } from "./validators";
import { isJSON } from "./validators-formats";

const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const SECRET_POLICY = "aws:secretsmanager/secretPolicy:SecretPolicy";
const QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";
const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
const REPOSITORY_POLICY = "aws:ecr/repositoryPolicy:RepositoryPolicy";
const PERMISSION = "aws:lambda/permission:Permission";

const LAMBDA = "internal/service/lambda/validate.go";
const PERMISSION_GO = "internal/service/lambda/permission.go";

const DOC_FIX =
  "the policy as JSON text: JSON.stringify({ Version, Statement }), pulumi.jsonStringify(...) " +
  "or aws.iam.getPolicyDocumentOutput(...).json";

const rule = inputRule;

/** `validPolicyStatementID()`: a statement id or its prefix. */
const statementId = all(
  matches(/^[0-9A-Za-z_-]+$/, "must contain alphanumeric, underscores or dashes only"),
  lenBetween(1, 100),
);

export const POLICY_RULES: readonly InputRule[] = [
  ...(
    [
      [BUCKET_POLICY, "internal/service/s3/bucket_policy.go"],
      [SECRET_POLICY, "internal/service/secretsmanager/secret_policy.go"],
      [QUEUE_POLICY, "internal/service/sqs/queue_policy.go"],
      [TOPIC_POLICY, "internal/service/sns/topic_policy.go"],
      [REPOSITORY_POLICY, "internal/service/ecr/repository_policy.go"],
    ] as const
  ).map(([type, source]) => rule(type, "policy", "policy", isJSON, DOC_FIX, source)),
  rule(
    SECRET_POLICY,
    "secretArn",
    "secret_arn",
    validARN,
    "the secret's `arn` output, not its name",
    "internal/service/secretsmanager/secret_policy.go",
  ),
  rule(
    TOPIC_POLICY,
    "arn",
    "arn",
    validARN,
    "the topic's `arn` output, not its name",
    "internal/service/sns/topic_policy.go",
  ),
  rule(
    PERMISSION,
    "action",
    "action",
    matches(
      /^(lambda:[*]|lambda:[A-Za-z]+|[*])$/,
      "must be a valid action (usually starts with lambda:)",
    ),
    'an action such as "lambda:InvokeFunction" (or "lambda:*")',
    LAMBDA,
  ),
  rule(
    PERMISSION,
    "function",
    "function_name",
    functionName,
    "the function's `name` or `arn` output",
    LAMBDA,
  ),
  rule(
    PERMISSION,
    "qualifier",
    "qualifier",
    all(
      matches(
        /^[0-9A-Za-z_$-]+$/,
        "must contain alphanumeric, dollar signs, underscores or dashes only",
      ),
      lenBetween(1, 128),
    ),
    "a version number, $LATEST or an alias name",
    LAMBDA,
  ),
  rule(
    PERMISSION,
    "statementId",
    "statement_id",
    statementId,
    "letters, digits, underscores and hyphens, at most 100 (a logical name Pulumi turns into the id must keep to them too)",
    LAMBDA,
  ),
  rule(
    PERMISSION,
    "statementIdPrefix",
    "statement_id_prefix",
    statementId,
    "letters, digits, underscores and hyphens",
    LAMBDA,
  ),
  rule(
    PERMISSION,
    "eventSourceToken",
    "event_source_token",
    all(
      matches(
        /^[0-9A-Za-z_.-]+$/,
        "must contain alphanumeric, periods, underscores or dashes only",
      ),
      lenBetween(1, 256),
    ),
    "letters, digits, periods, underscores and hyphens, at most 256",
    LAMBDA,
  ),
  rule(
    PERMISSION,
    "sourceArn",
    "source_arn",
    validARN,
    "the ARN of the caller (an API's `executionArn` + \"/*\", a bucket's or rule's `arn`)",
    PERMISSION_GO,
  ),
];

export const POLICY_CROSS_RULES: readonly CrossRule[] = [
  conflictsWith(
    PERMISSION,
    ["statementId", "statement_id"],
    ["statementIdPrefix", "statement_id_prefix"],
    PERMISSION_GO,
  ),
];
