// Names AWS refuses when the provider creates the resource at `pulumi up`, which the provider's
// schema passes on (`by: "aws"`), and which Pulumi's auto-naming can make: an ECR repository's
// name is lower case, yet @pulumi/aws names a repository from its logical name as it is (no
// lower-casing override for `aws_ecr_repository` in pulumi/pulumi-aws provider/resource_overrides.go,
// unlike an ElastiCache cluster's), so `new aws.ecr.Repository("appImages")` previews cleanly and
// fails at create. An S3 bucket's name (`new aws.s3.Bucket("app_logs")` keeps its `_`), a DynamoDB
// table's and its indexes' names and an ECS service's name keep to their own characters too
// (`new aws.dynamodb.Table("orders:v2")` is refused at create). Each rule cites the AWS page that
// states the limit.
import { awsRule, InputRule } from "./rule";
import type { Validator } from "./validators";

const REPOSITORY = "aws:ecr/repository:Repository";
const TABLE = "aws:dynamodb/table:Table";
const SERVICE = "aws:ecs/service:Service";
const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

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

/**
 * General purpose bucket naming rules: "between 3 (min) and 63 (max) characters long", "only of
 * lowercase letters, numbers, periods (.), and hyphens (-)", "begin and end with a letter or
 * number", "must not contain two adjacent periods", "must not be formatted as an IP address", must
 * not start with `xn--`, `sthree-` or `amzn-s3-demo-` nor end with `-s3alias`, `--ol-s3`, `.mrap`,
 * `--x-s3` or `--table-s3` (the suffixes of access point aliases, Multi-Region Access Points,
 * directory buckets and S3 table buckets). Buckets in us-east-1 kept looser names only if created before March 2018. The
 * provider checks only the length at preview (internal/service/s3/bucket.go); Pulumi lower-cases
 * the name it makes, but keeps a logical name's `_`.
 */
const BUCKET_NAMING =
  "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html";

/** What is wrong with a bucket name (or, `prefix`, the start of one), in the order a reader fixes it. */
function bucketNameProblem(name: string, prefix: boolean): string | undefined {
  if (!prefix && name.length < 3)
    return `${name.length} character${name.length === 1 ? "" : "s"}: a bucket name has 3 to 63`;
  if (/[A-Z]/.test(name)) return "upper-case letters: a bucket name is lower case";
  const bad = [...new Set([...name].filter((c) => !/^[a-z0-9.-]$/.test(c)))];
  if (bad.length > 0)
    return `${bad.map((c) => JSON.stringify(c)).join(", ")}: a bucket name takes lower-case letters, digits, . and - only`;
  // A prefix is followed by the provider's suffix: only its start is a start of the name.
  if (prefix && !/^[a-z0-9]/.test(name)) return "a bucket name begins with a letter or digit";
  if (!prefix && (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)))
    return "a bucket name begins and ends with a letter or digit";
  if (name.includes("..")) return "two periods in a row";
  if (!prefix && /^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "a bucket name is not an IP address";
  const start = ["xn--", "sthree-", "amzn-s3-demo-"].find((p) => name.startsWith(p));
  if (start) return `${start} begins no bucket name (S3 reserves it)`;
  const end = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"].find((e) => name.endsWith(e));
  if (!prefix && end) return `${end} ends no general purpose bucket name (S3 reserves it)`;
  return undefined;
}

function bucketName(prefix: boolean): Validator {
  return (v, k) => {
    if (typeof v !== "string") return [];
    const problem = bucketNameProblem(v, prefix);
    return problem ? [`${k} ${JSON.stringify(v)}: ${problem}`] : [];
  };
}

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
  ...BUCKETS.flatMap((type) => [
    awsRule(
      type,
      "bucket",
      "bucket",
      bucketName(false),
      "3 to 63 lower-case letters, digits, . and -, a letter or digit first and last (a logical " +
        "name Pulumi turns into the name keeps its _: use - instead)",
      BUCKET_NAMING,
    ),
    awsRule(
      type,
      "bucketPrefix",
      "bucket_prefix",
      bucketName(true),
      "lower-case letters, digits, . and -, a letter or digit first",
      BUCKET_NAMING,
    ),
  ]),
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
