// Reading the recorded inputs of awsx v3 components. The components are served by the awsx provider
// plugin, so policies see their inputs and never their children; these readers give the rules the
// container definitions and task settings an awsx service or task definition will create.
import {
  AWSX_EC2_SERVICE,
  AWSX_EC2_TASK_DEFINITION,
  AWSX_FARGATE_SERVICE,
  AWSX_FARGATE_TASK_DEFINITION,
} from "../types";
import { classifyLiteralKey, describeKeyRef } from "../kms/keys";
import { peek, unknownError } from "../values";

export const AWSX_SERVICES = [AWSX_FARGATE_SERVICE, AWSX_EC2_SERVICE] as const;
export const AWSX_TASK_DEFINITIONS = [
  AWSX_FARGATE_TASK_DEFINITION,
  AWSX_EC2_TASK_DEFINITION,
] as const;
export const AWSX_ECS_COMPONENTS: readonly string[] = [...AWSX_SERVICES, ...AWSX_TASK_DEFINITIONS];

/** One container an awsx ECS component will define, with where it sits (for messages). */
export interface AwsxContainer {
  readonly name: string;
  readonly def: any;
}

/**
 * The task-definition arguments of an awsx ECS component: the task definition's own inputs, or a
 * service's `taskDefinitionArgs` (undefined when the service runs an existing `taskDefinition`).
 */
export function awsxTaskArgs(type: string, props: any): any {
  return (AWSX_SERVICES as readonly string[]).includes(type) ? props.taskDefinitionArgs : props;
}

/**
 * The containers of an awsx task: `container` (one, named by its `name`) and `containers` (a map of
 * name to definition), as awsx's TaskDefinitionContainerDefinitionArgs. Reading an unknown value
 * throws, so the engine shows a preview note instead of a pass.
 */
export function awsxContainers(task: any): AwsxContainer[] {
  if (!task || typeof task !== "object") return [];
  const out: AwsxContainer[] = [];
  const single = task.container;
  if (single && typeof single === "object") {
    out.push({ name: typeof single.name === "string" ? single.name : "container", def: single });
  }
  const many = task.containers;
  if (many && typeof many === "object") {
    for (const key of Object.keys(many)) out.push({ name: key, def: many[key] ?? {} });
  }
  return out;
}

/**
 * Why the key an awsx component passes to a child it creates (`kmsKeyId`, `kmsMasterKeyId`) is not
 * a customer-managed key, or undefined when it is; `what` names the setting, `whenNone` says what
 * the child gets without a key. A key unknown at preview (built from a key the program manages or
 * looks up) throws, so the engine shows a preview note instead of a pass.
 */
export function awsxKeyProblem(
  read: () => unknown,
  what: string,
  whenNone: string,
): string | undefined {
  const key = peek(read);
  if (!key.known) throw unknownError(`${what} is unknown until apply`);
  const value = key.value;
  const ref =
    value === undefined || value === null || value === ""
      ? ({ kind: "none" } as const)
      : classifyLiteralKey(String(value));
  if (ref.kind === "customer") return undefined;
  return `${what}: ${describeKeyRef(ref, whenNone)}, not a customer-managed key.`;
}

/**
 * The log group awsx creates from a `DefaultLogGroup` / `OptionalLogGroup` input (pulumi-awsx
 * awsx/cloudwatch/logGroup.ts): none when `skip` is true (or, for an optional group, `enable` is
 * not true), none when `existing` names one, otherwise a new aws.cloudwatch.LogGroup from `args`.
 * Returns that `args` object (`{}` when unset), or undefined when awsx creates no log group.
 */
export function awsxCreatedLogGroupArgs(input: any, optional: boolean): any {
  const lg = input && typeof input === "object" ? input : {};
  if (optional ? lg.enable !== true : lg.skip === true) return undefined;
  if (lg.existing !== undefined && lg.existing !== null) return undefined;
  return lg.args && typeof lg.args === "object" ? lg.args : {};
}
