// ECS services and clusters: no public task IPs (also of task sets, Security Hub ECS.16, and of
// the tasks event targets, schedules and pipes launch), a deployment circuit breaker that rolls
// back, the latest Fargate platform, Container Insights.
import { expect } from "chai";
import * as T from "../../../policy-pack/lib/types";
import { SERVICE_INPUTS } from "../fixtures/compute";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf as one } from "../fixture";
import { compliance } from "../rule-spec";

const service = (over: Record<string, unknown> = {}) =>
  res(T.ECS_SERVICE, "app-service", { ...SERVICE_INPUTS, ...over });

describe("ecs-service-no-public-ip", () => {
  describe("Noncompliance", () => {
    it("catches assignPublicIp true and is mandatory", async () => {
      const v = await one("ecs-service-no-public-ip", [
        service({ networkConfiguration: { subnets: ["subnet-a"], assignPublicIp: true } }),
      ]);
      expect(v).to.have.length(1);
      expect(v[0]).to.include("public IP");
      expect(policy("ecs-service-no-public-ip").enforcementLevel).to.equal("mandatory");
    });
    it("catches public IPs of task sets (ECS.16) and of tasks event targets, schedules and pipes launch", async () => {
      const network = (assignPublicIp: unknown) => ({ subnets: ["subnet-a"], assignPublicIp });
      const launchers = (on: boolean) => [
        res(T.ECS_TASK_SET, "canary", {
          service: "svc",
          cluster: "c",
          taskDefinition: "td",
          networkConfiguration: network(on),
        }),
        res(T.CLOUDWATCH_EVENT_TARGET, "nightly", {
          rule: "nightly",
          arn: "arn:aws:ecs:eu-west-1:123456789012:cluster/c",
          ecsTarget: { taskDefinitionArn: "td", networkConfiguration: network(on) },
        }),
        res(T.SCHEDULER_SCHEDULE, "hourly", {
          scheduleExpression: "rate(1 hour)",
          flexibleTimeWindow: { mode: "OFF" },
          target: {
            arn: "arn:aws:ecs:eu-west-1:123456789012:cluster/c",
            roleArn: "arn:aws:iam::123456789012:role/scheduler",
            ecsParameters: { taskDefinitionArn: "td", networkConfiguration: network(on) },
          },
        }),
        res(T.PIPES_PIPE, "orders", {
          roleArn: "arn:aws:iam::123456789012:role/pipe",
          source: "arn:aws:sqs:eu-west-1:123456789012:orders",
          target: "arn:aws:ecs:eu-west-1:123456789012:cluster/c",
          targetParameters: {
            ecsTaskParameters: {
              taskDefinitionArn: "td",
              networkConfiguration: {
                awsVpcConfiguration: {
                  subnets: ["subnet-a"],
                  assignPublicIp: on ? "ENABLED" : "DISABLED",
                },
              },
            },
          },
        }),
      ];
      expect(await one("ecs-service-no-public-ip", launchers(false))).to.deep.equal([]);
      expect(await one("ecs-service-no-public-ip", launchers(true))).to.deep.equal([
        "canary: networkConfiguration.assignPublicIp is true: tasks get public IP addresses.",
        "nightly: ecsTarget.networkConfiguration.assignPublicIp is true: tasks get public IP addresses.",
        "hourly: target.ecsParameters.networkConfiguration.assignPublicIp is true: tasks get public IP addresses.",
        'orders: targetParameters.ecsTaskParameters.networkConfiguration.awsVpcConfiguration.assignPublicIp is "ENABLED": tasks get public IP addresses.',
      ]);
    });
    it("an unknown assignPublicIp is a preview note", async () => {
      const s = service({
        networkConfiguration: { subnets: ["subnet-a"], assignPublicIp: UNKNOWN },
      });
      expect(await previewNotes(policy("ecs-service-no-public-ip"), [s])).to.have.length(1);
    });
  });

  compliance("the compliant service passes", "ecs-service-no-public-ip", () => [service()]);
});

describe("ecs-service-circuit-breaker", () => {
  describe("Noncompliance", () => {
    it("catches a missing breaker and one without rollback", async () => {
      expect(
        await one("ecs-service-circuit-breaker", [
          service({ deploymentCircuitBreaker: undefined }),
        ]),
      ).to.have.length(1);
      const v = await one("ecs-service-circuit-breaker", [
        service({ deploymentCircuitBreaker: { enable: true, rollback: false } }),
      ]);
      expect(v[0]).to.include("does not roll back");
    });
  });

  describe("Compliance", () => {
    it("does not apply to CodeDeploy-controlled services", async () => {
      const s = service({
        deploymentCircuitBreaker: undefined,
        deploymentController: { type: "CODE_DEPLOY" },
      });
      expect(await one("ecs-service-circuit-breaker", [s])).to.deep.equal([]);
    });
    it("the compliant service passes", async () => {
      await expectClean(policy("ecs-service-circuit-breaker"), [service()]);
    });
  });
});

describe("ecs-service-fargate-platform-version", () => {
  describe("Noncompliance", () => {
    it("catches a pinned version, also via capacity providers", async () => {
      expect(
        await one("ecs-service-fargate-platform-version", [service({ platformVersion: "1.3.0" })]),
      ).to.have.length(1);
      const spot = service({
        launchType: undefined,
        platformVersion: "1.4.0",
        capacityProviderStrategies: [{ capacityProvider: "FARGATE_SPOT", weight: 1 }],
      });
      expect(await one("ecs-service-fargate-platform-version", [spot])).to.have.length(1);
      expect(
        await one("ecs-service-fargate-platform-version", [service({ platformVersion: "LATEST" })]),
      ).to.deep.equal([]);
      expect(
        await one("ecs-service-fargate-platform-version", [
          service({ launchType: "EC2", platformVersion: "1.3.0" }),
        ]),
      ).to.deep.equal([]);
    });
  });

  compliance("the compliant service passes", "ecs-service-fargate-platform-version", () => [
    service(),
  ]);
});

describe("ecs-cluster-container-insights", () => {
  describe("Noncompliance", () => {
    it("ecs-cluster-container-insights", async () => {
      const cluster = (settings?: unknown) =>
        res(T.ECS_CLUSTER, "cluster", settings === undefined ? {} : { settings });
      expect(
        await one("ecs-cluster-container-insights", [
          cluster([{ name: "containerInsights", value: "enabled" }]),
        ]),
      ).to.deep.equal([]);
      expect(
        await one("ecs-cluster-container-insights", [
          cluster([{ name: "containerInsights", value: "enhanced" }]),
        ]),
      ).to.deep.equal([]);
      expect(await one("ecs-cluster-container-insights", [cluster()])).to.have.length(1);
      expect(
        await one("ecs-cluster-container-insights", [
          cluster([{ name: "containerInsights", value: "disabled" }]),
        ]),
      ).to.have.length(1);
    });
  });
});
