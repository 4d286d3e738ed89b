// The children of awsx 3's task definitions and services (tools/lib/engine/remote-children-ecs.ts)
// as the apply phase answers them: a task definition's log group and roles, named, parented and
// wired as awsx's own code builds them.
import { expect } from "chai";
import { remoteReferences } from "../../tools/lib/engine/remote-references";
import { env, STACK } from "./remote-children-fixture";

describe("awsx 3 children: task-definition log group and roles (apply phase)", () => {
  it("FargateTaskDefinition: log group, task and execution roles trusted by ECS tasks, wired into the task definition", () => {
    const td = (inputs: Record<string, any>) => {
      const { outputs, children } = remoteReferences(
        `${STACK}awsx:ecs:FargateTaskDefinition::td`,
        "awsx:ecs:FargateTaskDefinition",
        "td",
        { container: { name: "w", image: "nginx" }, ...inputs },
        env,
      );
      const state = (r: any) => children.find((c) => c.urn === r.urn)!.state;
      return { outputs, state };
    };
    const t = td({ logGroup: { args: { retentionInDays: 7 } } });
    expect(Object.keys(t.outputs).sort()).to.deep.equal([
      "executionRole",
      "logGroup",
      "taskDefinition",
      "taskRole",
    ]);
    expect(t.outputs.taskRole.urn).to.equal(
      `${STACK}awsx:ecs:FargateTaskDefinition$aws:iam/role:Role::td-task`,
    );
    const role = t.state(t.outputs.taskRole);
    expect(JSON.parse(role.assumeRolePolicy).Statement[0].Principal).to.deep.equal({
      Service: "ecs-tasks.amazonaws.com",
    });
    expect(t.state(t.outputs.executionRole).arn).to.match(/:role\/td-execution-[0-9a-f]{7}$/);
    expect(t.state(t.outputs.logGroup)).to.include({ retentionInDays: 7 });
    const def = t.state(t.outputs.taskDefinition);
    expect(def).to.include({
      taskRoleArn: role.arn,
      executionRoleArn: t.state(t.outputs.executionRole).arn,
      networkMode: "awsvpc",
    });
    expect(def.requiresCompatibilities).to.deep.equal(["FARGATE"]);
    expect(def.family).to.match(/^td-[0-9a-f]{8}$/);
    // Skipped or existing: no child, and an existing role's ARN is the task definition's.
    const own = td({
      logGroup: { skip: true },
      taskRole: { roleArn: "arn:aws:iam::123456789012:role/mine" },
      executionRole: { skip: true },
    });
    expect(Object.keys(own.outputs)).to.deep.equal(["taskDefinition"]);
    const ownDef = own.state(own.outputs.taskDefinition);
    expect(ownDef.taskRoleArn).to.equal("arn:aws:iam::123456789012:role/mine");
    expect(ownDef).to.not.have.property("executionRoleArn");
  });

  it("FargateService: its task definition carries the roles awsx makes, which are not outputs of the service", () => {
    const { outputs, children } = remoteReferences(
      `${STACK}awsx:ecs:FargateService::api`,
      "awsx:ecs:FargateService",
      "api",
      { taskDefinitionArgs: { container: { name: "api", image: "nginx" } } },
      env,
    );
    expect(Object.keys(outputs).sort()).to.deep.equal(["service", "taskDefinition"]);
    const chain = `${STACK}awsx:ecs:FargateService$awsx:ecs:FargateTaskDefinition`;
    const role = children.find((c) => c.urn === `${chain}$aws:iam/role:Role::api-task`)!;
    const def = children.find((c) => c.urn === outputs.taskDefinition.urn)!.state;
    expect(def.taskRoleArn).to.equal(role.state.arn);
    expect(children.map((c) => c.urn)).to.include(`${chain}$aws:cloudwatch/logGroup:LogGroup::api`);
  });
});
