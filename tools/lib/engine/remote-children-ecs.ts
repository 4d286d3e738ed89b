// The children of awsx 3's ECS components (pulumi/pulumi-awsx awsx/ecs/), for
// ./remote-children.ts: a service, the task definition it may create, and a task definition's
// log group and roles.
import { createHash } from "crypto";
import { Child, Derive, given, Inputs, LOOKED_UP, Made, MadeChild, omit } from "./remote-child";

/** awsx/role.ts `defaultRoleAssumeRolePolicy`: ECS tasks may assume the role. */
const ECS_TASKS_TRUST = {
  Version: "2012-10-17",
  Statement: [
    {
      Action: "sts:AssumeRole",
      Principal: { Service: "ecs-tasks.amazonaws.com" },
      Effect: "Allow",
      Sid: "",
    },
  ],
};

/**
 * awsx/role.ts `defaultRoleWithPolicies`: no role when `skip` or an existing `roleArn` is given;
 * else `new aws.iam.Role(name, { assumeRolePolicy, ...args })`, the trust policy as JSON.
 */
function defaultRole(name: string, given_: Inputs | undefined, via: string[]): Child | undefined {
  if (given_?.skip === true || given(given_?.roleArn)) return undefined;
  const args: Inputs = { assumeRolePolicy: ECS_TASKS_TRUST, ...given_?.args };
  delete args.policyArns;
  if (typeof args.assumeRolePolicy !== "string")
    args.assumeRolePolicy = JSON.stringify(args.assumeRolePolicy);
  return { type: "aws:iam/role:Role", name, inputs: args, via };
}

/**
 * The children of awsx/ecs/fargateTaskDefinition.ts (ec2TaskDefinition.ts) named `name`, under
 * the resources `via`: the log group named after it (awsx/cloudwatch/logGroup.ts
 * `defaultLogGroup`: none when `skip` or `existing`), the roles `<name>-task` and
 * `<name>-execution`, and the task definition, whose default family is `<name>-<8 hex digits>`:
 * awsx `utils.sha1hash` (`digest("hex").substring(0, 8)`) over the stack name and the JSON of the
 * container definitions it computes (`buildTaskDefinitionArgs`). Those carry the log configuration
 * of the log group awsx creates, which an offline run never sees, so the hash here is over the
 * given containers: same form, not the same digits; the container definitions stay unknown.
 */
function taskDefinition(
  name: string,
  td: Inputs,
  stack: string,
  ec2: boolean,
  via: string[],
  prefix = "",
): Record<string, Child> {
  const out: Record<string, Child> = {};
  const log = td.logGroup;
  if (!log?.skip && !given(log?.existing))
    out.logGroup = { type: "aws:cloudwatch/logGroup:LogGroup", name, inputs: log?.args ?? {}, via };
  const taskRole = defaultRole(`${name}-task`, td.taskRole, via);
  const executionRole = defaultRole(`${name}-execution`, td.executionRole, via);
  if (taskRole) out.taskRole = taskRole;
  if (executionRole) out.executionRole = executionRole;
  // The role awsx made, or the existing one given; none when skipped.
  const roleArn = (made: Made, key: string, role: Inputs | undefined) =>
    out[key]
      ? ((made[prefix + key] as MadeChild | undefined)?.state.arn ?? LOOKED_UP)
      : role?.roleArn;
  const containers = JSON.stringify(td.containers ?? td.container ?? {});
  const hash = createHash("sha1")
    .update(stack + containers)
    .digest("hex")
    .substring(0, 8);
  out.taskDefinition = {
    type: "aws:ecs/taskDefinition:TaskDefinition",
    name,
    inputs: (made) => ({
      ...(ec2 ? { networkMode: "awsvpc" } : { cpu: LOOKED_UP, memory: LOOKED_UP }),
      ...omit(td, "container", "containers", "logGroup", "taskRole", "executionRole"),
      ...(ec2 ? {} : { networkMode: "awsvpc" }),
      family: td.family ?? `${name}-${hash}`,
      requiresCompatibilities: [ec2 ? "EC2" : "FARGATE"],
      taskRoleArn: roleArn(made, "taskRole", td.taskRole),
      executionRoleArn: roleArn(made, "executionRole", td.executionRole),
      containerDefinitions: LOOKED_UP,
    }),
    via,
  };
  return out;
}

/** A task-definition component: its log group, roles and task definition (all outputs). */
export function ecsTaskDefinition(ec2: boolean): Derive {
  return (name, inputs, { stack }) => taskDefinition(name, inputs, stack, ec2, []);
}

/**
 * awsx/ecs/fargateService.ts (ec2Service.ts): `service` is the `aws.ecs.Service` named after the
 * component; `taskDefinition`, when `taskDefinitionArgs` is given, is the task definition of the
 * task-definition component it creates under the same name, with that component's log group and
 * roles (made for the task definition's role ARNs; the service has no output naming them).
 */
export function ecsService(taskDefinitionType: string, ec2: boolean): Derive {
  return (name, inputs, { stack }) => {
    const out: Record<string, Child> = {
      service: {
        type: "aws:ecs/service:Service",
        name,
        inputs: { name: inputs.name, cluster: inputs.cluster },
      },
    };
    const td = inputs.taskDefinitionArgs;
    if (td && typeof td === "object") {
      const prefix = "taskDefinition.";
      const children = taskDefinition(name, td, stack, ec2, [taskDefinitionType], prefix);
      for (const [key, child] of Object.entries(children))
        out[key === "taskDefinition" ? key : prefix + key] = child;
    }
    return out;
  };
}
