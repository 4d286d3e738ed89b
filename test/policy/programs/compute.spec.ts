// The ECS, ECR and Lambda policies over a program recorded under the mock runtime, written the way
// the runtime component writes it.
import { expect } from "chai";
import { policies as compute } from "../../../policy-pack/policies/compute";
import { container, SERVICE_INPUTS } from "../fixtures/compute";
import { assumedBy } from "../fixtures/iam";

/** The container, service and registry policies: the EC2 instance ones have nothing to judge here. */
const policies = compute.filter((p) => !p.name.startsWith("ec2-"));

describe("compute policies on a program recorded under the mock runtime", () => {
  // Written the way the runtime component writes it: the container definitions are built from the
  // repository URL and the log group name, so at preview the whole JSON string is unknown and the
  // container rules must say so (a note), while the correlations (lifecycle policy → repository,
  // roles → task definition) hold through the property dependencies the SDK registers.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const program = () => {
    const aws = require("@pulumi/aws") as typeof import("@pulumi/aws");
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const trust = assumedBy("ecs-tasks.amazonaws.com");
    const repo = new aws.ecr.Repository("app", {
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
    });
    new aws.ecr.LifecyclePolicy("app-lifecycle", {
      repository: repo.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 20 },
            action: { type: "expire" },
          },
        ],
      }),
    });
    const logs = new aws.cloudwatch.LogGroup("app-logs", { retentionInDays: 30 });
    const exec = new aws.iam.Role("exec", { assumeRolePolicy: trust });
    const task = new aws.iam.Role("task", { assumeRolePolicy: trust });
    const cluster = new aws.ecs.Cluster("cluster", {
      settings: [{ name: "containerInsights", value: "enabled" }],
    });
    const td = new aws.ecs.TaskDefinition("app", {
      family: "app",
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: "256",
      memory: "512",
      executionRoleArn: exec.arn,
      taskRoleArn: task.arn,
      containerDefinitions: pulumi.jsonStringify([
        container({
          image: pulumi.interpolate`${repo.repositoryUrl}:3f2a9c1`,
          logConfiguration: {
            logDriver: "awslogs",
            options: {
              "awslogs-group": logs.name,
              "awslogs-region": "eu-west-1",
              "awslogs-stream-prefix": "app",
            },
          },
        }),
      ]),
    });
    new aws.ecs.Service("app", {
      cluster: cluster.arn,
      taskDefinition: td.arn,
      ...SERVICE_INPUTS,
    });
  };
  /* eslint-enable @typescript-eslint/no-require-imports */

  for (const preview of [true, false]) {
    it(`has no violation at ${preview ? "preview" : "up"}; container rules note the unknown JSON at preview`, async () => {
      const { record } = await import("../../../tools/lib/recorder");
      const { evaluate } = await import("../fixture");
      const recording = await record({ project: "platform", stack: "test", preview }, program);
      const report = await evaluate(policies, recording.resources);
      const real = report.violations.filter((v) => !v.previewNote);
      expect(real.map((v) => `${v.policy} ${v.name}: ${v.detail}`)).to.deep.equal([]);
      const notes = [
        ...new Set(report.violations.filter((v) => v.previewNote).map((v) => v.policy)),
      ].sort();
      expect(notes).to.deep.equal(
        preview
          ? [
              "ecs-task-definition-logging",
              "ecs-task-definition-no-plaintext-secrets",
              "ecs-task-definition-non-root-user",
              "ecs-task-definition-not-privileged",
              "ecs-task-definition-read-only-root",
            ]
          : [],
      );
    });
  }
});
