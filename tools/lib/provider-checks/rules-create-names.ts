// Names AWS refuses when the provider creates the resource at `pulumi up`, which the provider's
// schema passes on (`by: "aws"`), and which Pulumi's auto-naming can make: an ECR repository's
// name is lower case, yet @pulumi/aws names a repository from its logical name as it is (no
// lower-casing override for `aws_ecr_repository` in pulumi/pulumi-aws provider/resource_overrides.go,
// unlike an ElastiCache cluster's), so `new aws.ecr.Repository("appImages")` previews cleanly and
// fails at create. A DynamoDB table's and its indexes' names and an ECS service's name keep to
// their own characters too (`new aws.dynamodb.Table("orders:v2")` is refused at create). Each
// rule cites the AWS API reference page that states the limit.
import { awsRule, InputRule } from "./rule";
import type { Validator } from "./validators";

const REPOSITORY = "aws:ecr/repository:Repository";
const TABLE = "aws:dynamodb/table:Table";
const SERVICE = "aws:ecs/service:Service";

/**
 * CreateRepository, `repositoryName`: "Length Constraints: Minimum length of 2. Maximum length of
 * 256. Pattern: (?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*". The provider
 * declares the name without a validator (internal/service/ecr/repository.go).
 */
const CREATE_REPOSITORY =
  "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html";

const REPOSITORY_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** What is wrong with a repository name, in the order a reader fixes it. */
function repositoryNameProblem(name: string): string | undefined {
  if (name.length < 2 || name.length > 256)
    return `${name.length} character${name.length === 1 ? "" : "s"}: a repository name has 2 to 256`;
  if (REPOSITORY_NAME.test(name)) return undefined;
  if (/[A-Z]/.test(name) && REPOSITORY_NAME.test(name.toLowerCase()))
    return "upper-case letters: a repository name is lower case";
  return (
    "a repository name is lower-case letters and digits, with single . _ or - between them and " +
    "/ between path parts (no leading, trailing or doubled separators)"
  );
}

const repositoryName: Validator = (v, k) => {
  if (typeof v !== "string") return [];
  const problem = repositoryNameProblem(v);
  return problem ? [`${k} ${JSON.stringify(v)}: ${problem}`] : [];
};

/**
 * CreateTable, `TableName`: "Length Constraints: Minimum length of 3. Maximum length of 255.
 * Pattern: [a-zA-Z0-9_.-]+"; GlobalSecondaryIndex and LocalSecondaryIndex, `IndexName`: the same.
 * The provider declares them without a validator (internal/service/dynamodb/table.go).
 */
const CREATE_TABLE =
  "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html";

/**
 * CreateService, `serviceName`: "Up to 255 letters (uppercase and lowercase), numbers,
 * underscores, and hyphens are allowed." The provider declares it without a validator
 * (internal/service/ecs/service.go).
 */
const CREATE_SERVICE =
  "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html";

/** A name of `min` to `max` characters of `chars` (a character class's body), as AWS states it. */
function awsName(
  min: number,
  max: number,
  chars: RegExp,
  what: string,
  allowed: string,
): Validator {
  return (v, k) => {
    if (typeof v !== "string") return [];
    const n = [...v].length;
    if (n < min || n > max)
      return [
        `${k} ${JSON.stringify(v)}: ${n} character${n === 1 ? "" : "s"}, ${what} has ${min} to ${max}`,
      ];
    const bad = [...new Set([...v].filter((c) => !chars.test(c)))];
    return bad.length > 0
      ? [
          `${k} ${JSON.stringify(v)} holds ${bad.map((c) => JSON.stringify(c)).join(", ")}: ${what} takes ${allowed} only`,
        ]
      : [];
  };
}

const tableName = awsName(
  3,
  255,
  /^[a-zA-Z0-9_.-]$/,
  "a DynamoDB name",
  "letters, digits, _ . and -",
);

export const CREATE_NAME_RULES: readonly InputRule[] = [
  awsRule(
    REPOSITORY,
    "name",
    "repositoryName",
    repositoryName,
    "a lower-case name such as team-a/app-images; without `name`, a lower-case logical name (Pulumi " +
      "adds a hyphen and 7 hex digits to it as it is)",
    CREATE_REPOSITORY,
  ),
  awsRule(
    TABLE,
    "name",
    "name",
    tableName,
    "letters, digits, _ . and - only, 3 to 255 characters (a logical name Pulumi turns into the " +
      "name too)",
    CREATE_TABLE,
  ),
  ...(["globalSecondaryIndexes", "localSecondaryIndexes"] as const).map((list) =>
    awsRule(
      TABLE,
      `${list}.name`,
      `${list === "globalSecondaryIndexes" ? "global" : "local"}_secondary_index.0.name`,
      tableName,
      "an index name of letters, digits, _ . and -, 3 to 255 characters",
      CREATE_TABLE,
    ),
  ),
  awsRule(
    SERVICE,
    "name",
    "name",
    awsName(1, 255, /^[a-zA-Z0-9_-]$/, "an ECS service name", "letters, digits, _ and -"),
    "letters, digits, _ and - only, at most 255 characters (a logical name Pulumi turns into " +
      "the name too)",
    CREATE_SERVICE,
  ),
];
