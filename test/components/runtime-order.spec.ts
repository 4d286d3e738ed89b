// Runtime: what AWS needs in place before the service starts tasks. ECS assumes the execution role
// as soon as a task starts (to pull the image and write the log group), and the task definition
// names only the role, so its inline policy is ordered before the task definition explicitly;
// the service waits for the task definition and for the listener of its target group.
import { expect } from "chai";
import { Runtime } from "../../components/runtime";
import { Recording } from "../../tools/lib/recorder";
import { RUNTIME_ARGS } from "../fixtures/runtime-args";
import { findAll, findOne, recordComponent } from "../helpers";

const T = {
  policy: "aws:iam/rolePolicy:RolePolicy",
  taskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
  service: "aws:ecs/service:Service",
  listener: "aws:lb/listener:Listener",
};

describe("Runtime: creation order", () => {
  let rec: Recording;
  before(async () => {
    rec = await recordComponent(() => {
      new Runtime("rt", RUNTIME_ARGS);
    });
  });

  it("creates the task definition after the execution role's policy", () => {
    const policy = findOne(rec, T.policy, "rt-execution-policy");
    const td = findOne(rec, T.taskDefinition, "rt-task");
    expect(td.inputs.executionRoleArn, "the task definition names the role").to.be.a("string");
    expect(td.dependencies).to.include(policy.urn);
  });

  it("creates the service after its task definition and the listener of its target group", () => {
    const service = findOne(rec, T.service, "rt-service");
    const td = findOne(rec, T.taskDefinition, "rt-task");
    const listeners = findAll(rec, T.listener);
    expect(listeners).to.have.length.greaterThan(0);
    expect(service.dependencies).to.include(td.urn);
    expect(listeners.some((l) => service.dependencies.includes(l.urn))).to.equal(true);
  });
});
