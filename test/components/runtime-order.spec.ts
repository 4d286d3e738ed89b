// Runtime: what AWS needs in place before the service starts tasks. ECS assumes the execution role
// as soon as a task starts (to pull the image and write the log group), and the task definition
// names only the role, so its inline policy is ordered before the task definition explicitly;
// the service waits for the task definition and for the listener of its target group. The task
// role's policies (its own, the database's connect grant) are ordered before the task definition
// too: the app calls S3, KMS and the database as soon as it starts.
import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { containerInsightsLogGroupName, Runtime } from "../../components/runtime";
import { Recording } from "../../tools/lib/recorder";
import { runWithEverything } from "../fixtures/features";
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

describe("Runtime: the task role's policies come first", () => {
  it("creates the task definition after every policy it is given for the task role", async () => {
    const rec = await recordComponent(() => {
      const taskRolePolicies = ["s3", "db"].map(
        (n) => new aws.iam.RolePolicy(`api-${n}`, { role: "api", policy: "{}" }),
      );
      new Runtime("rt", { ...RUNTIME_ARGS, taskRolePolicies });
    });
    const td = findOne(rec, T.taskDefinition, "rt-task");
    for (const n of ["api-s3", "api-db"]) {
      expect(td.dependencies, n).to.include(findOne(rec, T.policy, n).urn);
    }
  });

  for (const stack of ["staging", "prod"]) {
    it(`${stack}, every feature on: the task definition waits for the API role's policy and the database grant`, async () => {
      const rec = await runWithEverything(stack);
      const td = findOne(rec, T.taskDefinition, `${stack}-runtime-task`);
      for (const name of [`${stack}-storage-api-role-policy`, `${stack}-database-tasks-connect`]) {
        expect(td.dependencies, name).to.include(findOne(rec, T.policy, name).urn);
      }
    });
  }
});

describe("Runtime: other layers' rules on the tasks' group come before the service", () => {
  it("hands the tasks' group to taskSecurityGroupRules and starts the service after the rules", async () => {
    let given: unknown;
    const rec = await recordComponent(() => {
      new Runtime("rt", {
        ...RUNTIME_ARGS,
        taskSecurityGroupRules: (sg) => {
          given = sg;
          return [
            new aws.vpc.SecurityGroupEgressRule("tasks-to-db", {
              securityGroupId: sg,
              referencedSecurityGroupId: "sg-db",
              ipProtocol: "tcp",
              fromPort: 5432,
              toPort: 5432,
            }),
          ];
        },
      });
    });
    expect(given, "called with the group's id").to.not.equal(undefined);
    const rule = findOne(
      rec,
      "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
      "tasks-to-db",
    );
    const sg = findOne(rec, "aws:ec2/securityGroup:SecurityGroup", "rt-task-sg");
    expect(rule.dependencies, "the rule is on the tasks' group").to.include(sg.urn);
    expect(findOne(rec, T.service, "rt-service").dependencies).to.include(rule.urn);
  });

  it("without rules, the service waits for the listener only besides its inputs", async () => {
    const rec = await recordComponent(() => {
      new Runtime("rt", RUNTIME_ARGS);
    });
    const rules = findAll(rec, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
    const service = findOne(rec, T.service, "rt-service");
    expect(rules.filter((r) => service.dependencies.includes(r.urn))).to.deep.equal([]);
  });

  for (const stack of ["staging", "prod"]) {
    it(`${stack}, every feature on: the database's rules for the tasks exist before the service`, async () => {
      const rec = await runWithEverything(stack);
      const service = findOne(rec, T.service, `${stack}-runtime-service`);
      const ingress = findOne(
        rec,
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        `${stack}-database-from-tasks`,
      );
      const egress = findOne(
        rec,
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        `${stack}-database-tasks-to-db`,
      );
      expect(service.dependencies).to.include.members([ingress.urn, egress.urn]);
    });
  }
});

describe("Runtime: the Container Insights log group is the stack's, made before the cluster", () => {
  let rec: Recording;
  before(async () => {
    rec = await recordComponent(() => {
      new Runtime("rt", RUNTIME_ARGS);
    });
  });

  it("names the cluster <project>-<stack> by default, and the group after it as Container Insights does", () => {
    const cluster = findOne(rec, "aws:ecs/cluster:Cluster", "rt-cluster");
    const group = findOne(rec, "aws:cloudwatch/logGroup:LogGroup", "rt-insights-logs");
    expect(cluster.inputs.name).to.equal("platform-test");
    expect(group.inputs.name).to.equal(
      `/aws/ecs/containerinsights/${cluster.inputs.name}/performance`,
    );
    expect(containerInsightsLogGroupName("c")).to.equal("/aws/ecs/containerinsights/c/performance");
  });

  it("names the cluster, and so the group, runtimeClusterName when it is set", async () => {
    // A stack made while the cluster was auto-named keeps that name (docs/first-deploy.md).
    const named = await recordComponent(() => {
      new Runtime("rt", { ...RUNTIME_ARGS, clusterName: "rt-cluster-4f2c1a9" });
    });
    const cluster = findOne(named, "aws:ecs/cluster:Cluster", "rt-cluster");
    const group = findOne(named, "aws:cloudwatch/logGroup:LogGroup", "rt-insights-logs");
    expect(cluster.inputs.name).to.equal("rt-cluster-4f2c1a9");
    expect(group.inputs.name).to.equal("/aws/ecs/containerinsights/rt-cluster-4f2c1a9/performance");
  });

  it("replaces the cluster delete-first: CreateCluster on a live name returns that cluster", () => {
    const cluster = findOne(rec, "aws:ecs/cluster:Cluster", "rt-cluster");
    expect(cluster.options.deleteBeforeReplace).to.equal(true);
  });

  it("encrypts it with the layer's key and keeps it for the configured retention", () => {
    const group = findOne(rec, "aws:cloudwatch/logGroup:LogGroup", "rt-insights-logs");
    const app = findOne(rec, "aws:cloudwatch/logGroup:LogGroup", "rt-logs");
    expect(group.inputs.kmsKeyId, "the key of the app's own logs").to.equal(app.inputs.kmsKeyId);
    expect(group.inputs.kmsKeyId).to.be.a("string").and.not.equal("");
    expect(group.inputs.retentionInDays).to.equal(RUNTIME_ARGS.logRetentionDays);
  });

  it("creates the cluster after the group (and so deletes it before the group)", () => {
    const cluster = findOne(rec, "aws:ecs/cluster:Cluster", "rt-cluster");
    const group = findOne(rec, "aws:cloudwatch/logGroup:LogGroup", "rt-insights-logs");
    expect(cluster.dependencies).to.include(group.urn);
    expect(cluster.inputs.settings).to.deep.equal([
      { name: "containerInsights", value: "enabled" },
    ]);
  });
});
