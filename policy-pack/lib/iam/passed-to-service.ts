// Which services an iam:PassRole grant lets a role be passed to, read from its
// `iam:PassedToService` condition, and the service each PassRole escalation path passes the role to: a path needs
// PassRole to its own service, so PassRole narrowed to ECS tasks opens the ECS paths only.
//
// What AWS evaluates (IAM User Guide, "IAM and AWS STS condition context keys",
// reference_policies_iam-condition-keys, iam:PassedToService: "Works with string operators.
// Specifies the service principal of the service to which a role can be passed"; "Granting a user
// permissions to pass a role to an AWS service", id_roles_use_passrole): the request carries one
// value, the service principal of the service the role is passed to, in lower case
// (`lambda.amazonaws.com`). String operators compare values case-sensitively, except
// `StringEqualsIgnoreCase` (IAM User Guide, reference_policies_elements_condition_operators,
// "String condition operators"); `StringLike` takes `*` and `?`. `ForAnyValue:` over the one
// request value matches as the plain operator does. A negated, `...IfExists` or `ForAllValues:`
// clause is read as narrowing nothing (../conditions.ts positiveOperator): the stricter reading,
// so no path is hidden by it. The clauses of one statement must all hold, and a clause holds when
// one of its values matches.
import { positiveOperator } from "../conditions";
import { globMatch } from "../policy-elements";
import type { IamStatement } from "../policy-document";
import { servicePrincipalKey } from "./catalog";

/**
 * The service principal(s) each PassRole path of ESCALATION_PATHS (./catalog.ts) passes the role
 * to, as the role's trust policy and the `iam:PassedToService` value name it: the principal the
 * edge checkers of PMapper ask about (principalmapper/graphing/*_edges.py: lambda, ec2, codebuild,
 * ecs-tasks, sagemaker; autoscaling_edges.py passes the instance profile's role to
 * ec2.amazonaws.com), and, for the others, the principal the service's guide tells its role to
 * trust: Glue (glue), CloudFormation service roles and stack-set execution (cloudformation),
 * CodeStar service role (codestar), Bedrock AgentCore code interpreters (bedrock-agentcore), EC2
 * spot instances' instance profiles (ec2). Where the `iam:PassedToService` value differs from the
 * trusted principal, the value: App Runner's instance and access roles trust tasks.apprunner and
 * build.apprunner, but the AWS managed policy AWSAppRunnerFullAccess grants PassRole on "*" with
 * `StringLike` `iam:PassedToService` `apprunner.amazonaws.com`, the name App Runner passes the
 * roles under. Data Pipeline's managed policies (AWSDataPipeline_PowerUser) pass its two default
 * roles with no `iam:PassedToService` clause, so no AWS source names the value: every service its
 * roles trust counts, the stricter reading (aws-cli customizations/datapipeline/constants.py:
 * DataPipelineDefaultRole trusts datapipeline and elasticmapreduce, DataPipelineDefaultResourceRole
 * ec2).
 */
export const PASSROLE_PATH_SERVICES: Readonly<Record<string, readonly string[]>> = {
  CreateEC2WithExistingRole: ["ec2.amazonaws.com"],
  PassRoleToNewLambdaThenInvoke: ["lambda.amazonaws.com"],
  PassRoleToNewLambdaThenTrigger: ["lambda.amazonaws.com"],
  PassRoleToNewLambdaThenAddPermission: ["lambda.amazonaws.com"],
  PassRoleToNewGlueDevEndpoint: ["glue.amazonaws.com"],
  PassRoleToNewGlueJob: ["glue.amazonaws.com"],
  PassRoleToCloudFormation: ["cloudformation.amazonaws.com"],
  PassRoleToNewDataPipeline: [
    "datapipeline.amazonaws.com",
    "elasticmapreduce.amazonaws.com",
    "ec2.amazonaws.com",
  ],
  PassRoleToNewCodeBuildProject: ["codebuild.amazonaws.com"],
  PassRoleToNewEcsService: ["ecs-tasks.amazonaws.com"],
  PassRoleToNewSageMakerNotebook: ["sagemaker.amazonaws.com"],
  PassRoleToNewAppRunnerService: ["apprunner.amazonaws.com"],
  PassRoleToNewBedrockCodeInterpreter: ["bedrock-agentcore.amazonaws.com"],
  PassRoleToNewCloudFormationStackSet: ["cloudformation.amazonaws.com"],
  PassRoleToUpdateCloudFormationStackSet: ["cloudformation.amazonaws.com"],
  PassRoleToNewCodeBuildProjectThenBuildBatch: ["codebuild.amazonaws.com"],
  PassRoleToNewEC2SpotInstance: ["ec2.amazonaws.com"],
  PassRoleToNewEcsTaskViaStartTask: ["ecs-tasks.amazonaws.com"],
  PassRoleToUpdatedGlueJobThenRun: ["glue.amazonaws.com"],
  PassRoleToUpdatedGlueJobViaTrigger: ["glue.amazonaws.com"],
  PassRoleToNewSageMakerTrainingJob: ["sagemaker.amazonaws.com"],
  PassRoleToNewSageMakerProcessingJob: ["sagemaker.amazonaws.com"],
  PassRoleToNewCodeStarProject: ["codestar.amazonaws.com"],
  PassRoleToEcsTask: ["ecs-tasks.amazonaws.com"],
  PassRoleToNewAutoScalingGroup: ["ec2.amazonaws.com"],
};

/** Every service some PassRole path passes a role to. */
export const PASSROLE_TARGETS: readonly string[] = [
  ...new Set(Object.values(PASSROLE_PATH_SERVICES).flat()),
];

/** Whether one written condition value matches the request value `service` under `operator`. */
function valueMatches(operator: string, value: string, service: string): boolean {
  const ignoreCase = operator === "StringEqualsIgnoreCase";
  // A value in another case than the lower-case principal never matches a case-sensitive operator.
  if (!ignoreCase && value !== value.toLowerCase()) return false;
  // The regional and China forms name the same service (servicePrincipalKey): read as matching,
  // the stricter reading, under StringLike as under StringEquals (`ec2.amazonaws.com.cn`,
  // `lambda.*.amazonaws.com`).
  if (operator === "StringLike") {
    return globMatch(value, service) || globMatch(servicePrincipalGlobKey(value), service);
  }
  return servicePrincipalKey(value) === service;
}

/**
 * A `StringLike` value with its region and China suffix taken out, as servicePrincipalKey does for a
 * plain name: `lambda.amazonaws.com.cn` and `lambda.*.amazonaws.com` → `lambda.amazonaws.com`,
 * `*.amazonaws.com.cn` → `*.amazonaws.com`. A value of another shape is returned as it is.
 */
function servicePrincipalGlobKey(value: string): string {
  const m =
    /^([a-z0-9.*?-]+?)(?:\.(?:[a-z]{2}(?:-[a-z]+)+-\d+|[*?]+))?\.amazonaws\.com(?:\.cn)?$/.exec(
      value,
    );
  return m ? `${m[1]}.amazonaws.com` : value;
}

/**
 * Whether the statement's `iam:PassedToService` clauses let a role be passed to `service` (a
 * global service principal, lower case): true when no clause narrows the key. Throws if the
 * Condition is unknown at preview.
 */
export function passRoleAdmits(s: IamStatement, service: string): boolean {
  return s.conditions.every((c) => {
    if (c.key.toLowerCase() !== "iam:passedtoservice") return true;
    const operator = positiveOperator(c.operator);
    if (operator === undefined || c.raw.length === 0) return true;
    return c.values.some((v) => valueMatches(operator, v, service));
  });
}

/** The services of PASSROLE_TARGETS the statement lets a role be passed to. */
export function admittedTargets(s: IamStatement): string[] {
  return PASSROLE_TARGETS.filter((service) => passRoleAdmits(s, service));
}
