// Limits AWS enforces when the provider creates API Gateway stages, SES configuration sets and
// CodeBuild projects at `pulumi up`, which the provider's schema passes on (`by: "aws"`): a stage's
// name and its stage variables, a configuration set's name, a Lambda compute type on a Lambda
// environment only. Each rule cites the AWS API reference page that states the limit.
import type { CrossRule, InputRule } from "./rule";
import { awsRule } from "./rule";
import type { Validator } from "./validators";

const STAGE = "aws:apigateway/stage:Stage";
const STAGE_V2 = "aws:apigatewayv2/stage:Stage";
const CONFIGURATION_SET = "aws:ses/configurationSet:ConfigurationSet";
const CONFIGURATION_SET_V2 = "aws:sesv2/configurationSet:ConfigurationSet";

/**
 * CreateStage, `stageName` (REST) and `StageName` (HTTP and WebSocket): "Stage names can only
 * contain alphanumeric characters, hyphens, and underscores. Maximum length is 128 characters."
 * `variables`: "Variable names can have alphanumeric and underscore characters, and the values
 * must match [A-Za-z0-9-._~:/?#&=,]+."
 */
const CREATE_STAGE = "https://docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html";
const CREATE_STAGE_V2 =
  "https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages.html";

/**
 * A name of letters, digits, hyphens and underscores of at most `max` characters (no length where
 * the provider's own check refuses a longer one at preview), and `except` a name AWS reserves
 * (`$default`, the HTTP API stage served at the API's root).
 */
function awsName(max: number | undefined, except?: string): Validator {
  return (v, k) => {
    if (typeof v !== "string" || v === except) return [];
    const out: string[] = [];
    if (!/^[A-Za-z0-9_-]+$/.test(v))
      out.push(`${k} ${JSON.stringify(v)}: only letters, digits, hyphens and underscores`);
    if (max !== undefined && v.length > max)
      out.push(`${k} is ${v.length} characters, over ${max}`);
    return out;
  };
}

/** Stage variables: names of letters, digits and underscores; values of the listed characters. */
const stageVariables: Validator = (v, k) => {
  if (!v || typeof v !== "object" || Array.isArray(v)) return [];
  return Object.entries(v as Record<string, unknown>).flatMap(([name, value]) => [
    ...(/^[A-Za-z0-9_]+$/.test(name)
      ? []
      : [`${k}: the variable name ${JSON.stringify(name)} may hold letters, digits and _ only`]),
    ...(typeof value !== "string" || /^[A-Za-z0-9\-._~:/?#&=,]+$/.test(value)
      ? []
      : [
          `${k}: the value of ${name}, ${JSON.stringify(value)}, may hold letters, digits and -._~:/?#&=, only`,
        ]),
  ]);
};

/**
 * API_ConfigurationSet (SES), `Name`: "Contain only letters (a-z, A-Z), numbers (0-9), underscores
 * (_), or dashes (-). Contain 64 characters or fewer." CreateConfigurationSet (SES v2),
 * `ConfigurationSetName`: "up to 64 alphanumeric characters, including letters, numbers, hyphens
 * (-) and underscores (_) only."
 */
const SES_CONFIGURATION_SET =
  "https://docs.aws.amazon.com/ses/latest/APIReference/API_ConfigurationSet.html";
const SESV2_CREATE_CONFIGURATION_SET =
  "https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_CreateConfigurationSet.html";

const STAGE_FIX = "letters, digits, hyphens and underscores only, at most 128 characters";
const VARIABLES_FIX =
  "variable names of letters, digits and _; values of letters, digits and -._~:/?#&=, (no spaces)";
const SET_FIX =
  "letters, digits, underscores and dashes only, at most 64 characters (Pulumi adds 8 to a logical name it turns into the name)";

export const CREATE_SERVICE_RULES: readonly InputRule[] = [
  awsRule(STAGE, "stageName", "stageName", awsName(128), STAGE_FIX, CREATE_STAGE),
  awsRule(STAGE, "variables", "variables", stageVariables, VARIABLES_FIX, CREATE_STAGE),
  awsRule(
    STAGE_V2,
    "name",
    "StageName",
    // The provider refuses a name over 128 characters itself (apigatewayv2/stage.go).
    awsName(undefined, "$default"),
    `${STAGE_FIX}, or $default`,
    CREATE_STAGE_V2,
  ),
  awsRule(
    STAGE_V2,
    "stageVariables",
    "StageVariables",
    stageVariables,
    VARIABLES_FIX,
    CREATE_STAGE_V2,
  ),
  awsRule(
    CONFIGURATION_SET,
    "name",
    "Name",
    // The provider refuses a name over 64 characters itself (ses/configuration_set.go).
    awsName(undefined),
    SET_FIX,
    SES_CONFIGURATION_SET,
  ),
  awsRule(
    CONFIGURATION_SET_V2,
    "configurationSetName",
    "ConfigurationSetName",
    awsName(64),
    SET_FIX,
    SESV2_CREATE_CONFIGURATION_SET,
  ),
];

/**
 * API_ProjectEnvironment, `computeType`: "BUILD_LAMBDA_1GB: Use up to 1 GiB memory for builds. Only
 * available for environment type LINUX_LAMBDA_CONTAINER and ARM_LAMBDA_CONTAINER." (and so on for
 * each BUILD_LAMBDA_ size); `type`: "If you're using compute fleets during project creation, type
 * will be ignored", so a project on a fleet is not judged.
 */
const PROJECT_ENVIRONMENT =
  "https://docs.aws.amazon.com/codebuild/latest/APIReference/API_ProjectEnvironment.html";
const LAMBDA_ENVIRONMENTS = ["LINUX_LAMBDA_CONTAINER", "ARM_LAMBDA_CONTAINER"];

const lambdaComputeType: CrossRule = {
  type: "aws:codebuild/project:Project",
  what: "a BUILD_LAMBDA_ compute type on a Lambda environment type only",
  reads: ["environment"],
  check: (inputs) => {
    const env = inputs.environment;
    if (!env || typeof env !== "object" || env.fleet) return [];
    const { computeType, type } = env as Record<string, unknown>;
    if (typeof computeType !== "string" || typeof type !== "string") return [];
    if (!computeType.startsWith("BUILD_LAMBDA_") || LAMBDA_ENVIRONMENTS.includes(type)) return [];
    return [
      {
        prop: "environment.computeType",
        value: computeType,
        says: `compute type ${computeType} runs only on environment type LINUX_LAMBDA_CONTAINER or ARM_LAMBDA_CONTAINER, not ${type}`,
      },
    ];
  },
  fix: "environment.type LINUX_LAMBDA_CONTAINER or ARM_LAMBDA_CONTAINER with a BUILD_LAMBDA_ compute type, or a BUILD_GENERAL1_ compute type for a container environment",
  source: PROJECT_ENVIRONMENT,
  by: "aws",
};

export const CREATE_SERVICE_CROSS_RULES: readonly CrossRule[] = [lambdaComputeType];
