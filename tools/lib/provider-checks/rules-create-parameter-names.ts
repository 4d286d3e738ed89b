// SSM parameter names AWS refuses when the provider creates the parameter at `pulumi up`, which
// the provider's schema passes on (it checks only a length of 1 to 2048, ./rules-streams.ts), so
// `by: "aws"`. PutParameter, `Name`, Naming Constraints: "A parameter name can't be prefixed with
// "aws" or "ssm" (case-insensitive)"; "Parameter names can include only the following symbols and
// letters: a-zA-Z0-9_.-" and the slash between the levels of a hierarchy; "Parameter names can't
// contain spaces. The service removes any spaces specified for the beginning or end of a parameter
// name"; "For parameters in a hierarchy, you must include a leading forward slash character (/)"
// (the provider's own documentation of `name` says the same); "Parameter hierarchies are limited
// to a maximum depth of fifteen levels" (HierarchyLevelLimitExceededException).
//
// The prefix is a prefix of letters, not a hierarchy level: the user guide's page "Requirements and
// constraints for parameter names" (sysman-parameter-name-constraints) gives `awsTestParameter`,
// `SSM-testparameter` and `/aws/testparam1` as names whose creation fails "with an exception", and
// AWS refused `aws-cdk-playground` (awslabs/aws-deployment-framework#119) and `awslimitschecker`
// (aws-solutions/quota-monitor-for-aws#30) as "No access to reserved parameter name". AWS tests
// the prefix on the name without its leading slash: its answer for `/aws/test` names it
// `aws/test` (aws-cloudformation/cfn-lint#4089, the Systems Manager console's words), and a
// parameter `/awssec/lab01/vpc_id` was refused as "No access to reserved parameter name:
// awssec/lab01/vpc_id." So a name whose first level after `/` begins with `aws` or `ssm` in any
// case is refused (`/awsConfig`, `/awsome/app`, `/SSMagent/url`), as is one without the slash; a
// later level is not (`/app/aws/url`). Spaces at either end are let through (AWS removes them), and
// so is any other white space at either end (a tab, a line break): the page says only "spaces",
// and how the service trims is not documented (a `String.trim()` removes every control character
// up to U+0020), so a refusal there could stop a name AWS takes. A hierarchy is counted as
// GetParametersByPath defines it, the name without its last part (`/a/b/c` has 2 levels), so a
// name of 16 parts passes. AWS answers the causes with one ValidationException, "Parameter name:
// can't be prefixed with "ssm" (case-insensitive). If formed as a path, …", seen for a space
// (boto/boto3#1499), an `@` (aws/aws-sdk-php#1952) and a path without its leading slash
// (aws/aws-sdk-js-v3#5005), or an AccessDeniedException for the reserved prefixes; the check words
// each cause apart.
import { awsRule, type InputRule } from "./rule";
import { asString, type Validator } from "./validators";

const PARAMETER = "aws:ssm/parameter:Parameter";
const PUT_PARAMETER =
  "https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html";
/** The user guide's page, whose examples of the reserved prefixes include `/aws/testparam1`. */
const NAME_CONSTRAINTS =
  "https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-parameter-name-constraints.html";

/** A validator of the name as AWS reads it (spaces at either end removed); `problem` or none. */
function parameterName(problem: (name: string) => string | undefined): Validator {
  return (v, k) => {
    const s = asString(v)?.trim();
    if (s === undefined || s === "") return [];
    const says = problem(s);
    return says === undefined ? [] : [`${k} ${JSON.stringify(s)}: ${says}`];
  };
}

const characters = parameterName((s) =>
  /^[a-zA-Z0-9_.\-/]+$/.test(s)
    ? undefined
    : "a parameter name holds only letters, digits, _ . - and / between hierarchy levels",
);

/** `awsConfig`, `/awsConfig`, `/aws/…`, `/awsome/app`, `/SSM`; not `/app/aws/url`. */
const reservedPrefix = parameterName((s) =>
  /^(aws|ssm)/i.test(s.replace(/^\//, ""))
    ? `a parameter name may not begin with "aws" or "ssm" (in any case, nor its first level after /)`
    : undefined,
);

const leadingSlash = parameterName((s) =>
  s.includes("/") && !s.startsWith("/")
    ? "a name in a hierarchy begins with / (e.g. /app/db/url)"
    : undefined,
);

const depth = parameterName((s) => {
  const levels = s.replace(/^\//, "").split("/").length - 1;
  return levels > 15 ? `${levels} hierarchy levels: a hierarchy has at most 15` : undefined;
});

export const CREATE_PARAMETER_NAME_RULES: readonly InputRule[] = [
  awsRule(
    PARAMETER,
    "name",
    "name",
    characters,
    "letters, digits, _ . - only, with / between levels (/app/db/url); no spaces or colons",
    PUT_PARAMETER,
  ),
  awsRule(
    PARAMETER,
    "name",
    "name",
    reservedPrefix,
    'a name that does not begin with "aws" or "ssm", e.g. a /<app>/ path in front',
    NAME_CONSTRAINTS,
  ),
  awsRule(
    PARAMETER,
    "name",
    "name",
    leadingSlash,
    "a leading / on a name with levels: /app/db/url, not app/db/url",
    PUT_PARAMETER,
  ),
  awsRule(
    PARAMETER,
    "name",
    "name",
    depth,
    "at most 15 levels above the parameter's own name",
    PUT_PARAMETER,
  ),
];
