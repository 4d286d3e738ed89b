// ECS task definitions: family, roles, network mode, launch types, ephemeral storage and container
// definitions that parse. The cpu and memory sizes are plain strings to the provider (AWS refuses a
// combination only when the task definition is registered, at `pulumi up`): not judged here.
// Each entry names the provider file that declares it.
import type { InputRule } from "./rule";
import { all, custom, intBetween, lenBetween, matches, oneOf, validARN } from "./validators";

const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const ECS = "internal/service/ecs/task_definition.go";

/** `ValidTaskDefinitionContainerDefinitions`: the JSON must parse as a list of containers. */
function containersProblem(s: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(s);
    // `null` decodes to an empty list in Go, so the provider lets it through to AWS.
    return Array.isArray(parsed) || parsed === null
      ? undefined
      : "not a JSON list of container definitions";
  } catch (e) {
    return (e as Error).message;
  }
}

export const CONTAINER_RULES: readonly InputRule[] = [
  {
    type: TASK,
    prop: "family",
    attr: "family",
    validate: all(
      lenBetween(1, 255),
      matches(
        /^[0-9A-Za-z_-]+$/,
        "see https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html",
      ),
    ),
    fix: "letters, digits, - and _ only, at most 255 characters",
    source: ECS,
  },
  {
    type: TASK,
    prop: "containerDefinitions",
    attr: "container_definitions",
    validate: custom(
      (s) => containersProblem(s) === undefined,
      (_k, s) => `ECS Task Definition container_definitions is invalid: ${containersProblem(s)}`,
    ),
    fix: "JSON.stringify of an array of container definitions (or pulumi.jsonStringify of outputs)",
    source: ECS,
  },
  ...(
    [
      ["executionRoleArn", "execution_role_arn"],
      ["taskRoleArn", "task_role_arn"],
    ] as const
  ).map(([prop, attr]): InputRule => ({
    type: TASK,
    prop,
    attr,
    validate: validARN,
    fix: "a role's `arn` output, not its name",
    source: ECS,
  })),
  {
    type: TASK,
    prop: "networkMode",
    attr: "network_mode",
    validate: oneOf(["bridge", "host", "awsvpc", "none"]),
    fix: "awsvpc (Fargate), bridge, host or none, in lower case",
    source: ECS,
  },
  {
    type: TASK,
    prop: "requiresCompatibilities",
    attr: "requires_compatibilities",
    // MANAGED_INSTANCES: the launch type AWS added after the provider version read, kept so a
    // newer provider's value is never refused.
    validate: oneOf(["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"]),
    fix: "FARGATE, EC2 or EXTERNAL, in upper case",
    source: ECS,
  },
  {
    type: TASK,
    prop: "ephemeralStorage.sizeInGib",
    attr: "ephemeral_storage.0.size_in_gib",
    validate: intBetween(21, 200),
    fix: "ephemeral storage from 21 to 200 GiB",
    source: ECS,
  },
];
