// Names AWS refuses when the provider creates the resource at `pulumi up`, which the provider's
// schema passes on (`by: "aws"`), and which Pulumi's auto-naming can make: an ECR repository's
// name is lower case, yet @pulumi/aws names a repository from its logical name as it is (no
// lower-casing override for `aws_ecr_repository` in pulumi/pulumi-aws provider/resource_overrides.go,
// unlike an ElastiCache cluster's), so `new aws.ecr.Repository("appImages")` previews cleanly and
// fails at create. Each rule cites the AWS API reference page that states the limit.
import { awsRule, InputRule } from "./rule";
import type { Validator } from "./validators";

const REPOSITORY = "aws:ecr/repository:Repository";

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
];
