// The first `pulumi up` of a stack, before any image exists (docs/decisions/deployments.md, "First
// `pulumi up`, before any image exists"): the service starts on the config's image tag in the
// stack's own new, empty repository; `pulumi up` must not wait for it to run, and the pipeline's
// first run must deploy to exactly this service. With `waitForSteadyState`, the provider would wait
// for a steady state that no task reaches (terraform-provider-aws
// `internal/service/ecs/service.go`: create waits for ACTIVE only without it) and fail the first
// `pulumi up` after its 20 minutes.
import { expect } from "chai";
import { SECTIONS } from "../../components/config";
import { APP_CONTAINER_NAME } from "../../components/runtime.keys";
import type { RecordedResource, Recording } from "../../tools/lib/recorder";
import { findAll, runStack, stackConfig } from "../helpers";

/** The image tag a stack's first task definition names: its config, else the declared default. */
function firstImageTag(stack: string): string {
  const set = stackConfig(stack)["platform:imageTag"];
  if (typeof set === "string") return set;
  const declared = SECTIONS.flatMap((s) => Object.values(s.keys)).find(
    (d) => (d as { key: string }).key === "imageTag",
  ) as { default?: string } | undefined;
  expect(declared?.default, "imageTag's declared default").to.be.a("string");
  return declared!.default!;
}

/** The stack's one resource of `type`. */
function only(rec: Recording, type: string): RecordedResource {
  const found = findAll(rec, type);
  expect(found, type).to.have.length(1);
  return found[0];
}

for (const stack of ["staging", "prod"] as const) {
  describe(`stack ${stack}: the first pulumi up, before any image`, () => {
    it("starts the service on the config's tag in the stack's own new repository, without waiting", async () => {
      const rec = await runStack(stack);
      const repo = only(rec, "aws:ecr/repository:Repository");
      const task = only(rec, "aws:ecs/taskDefinition:TaskDefinition");
      const service = only(rec, "aws:ecs/service:Service");
      const [container] = (
        JSON.parse(String(task.inputs.containerDefinitions)) as { name: string; image: string }[]
      ).filter((c) => c.name === APP_CONTAINER_NAME);
      expect(container.image).to.equal(`${repo.outputs.repositoryUrl}:${firstImageTag(stack)}`);
      expect(repo.inputs.imageTagMutability).to.equal("IMMUTABLE");
      expect(service.inputs.taskDefinition).to.equal(task.outputs.arn);
      // Created without waiting for tasks; the circuit breaker stops the failing first deployment.
      expect(service.inputs.waitForSteadyState).to.equal(false);
      expect(service.inputs.deploymentCircuitBreaker).to.deep.include({ enable: true });
      // Later `pulumi up`s leave the pipeline's revision and autoscaling's count alone.
      expect(service.options.ignoreChanges).to.include.members(["taskDefinition", "desiredCount"]);
    });

    it("has the pipeline's deploy stage deploy to this service, family, container and repository", async () => {
      const rec = await runStack(stack);
      const repo = only(rec, "aws:ecr/repository:Repository");
      const task = only(rec, "aws:ecs/taskDefinition:TaskDefinition");
      const service = only(rec, "aws:ecs/service:Service");
      const cluster = only(rec, "aws:ecs/cluster:Cluster");
      const deploy = findAll(rec, "aws:codebuild/project:Project").filter((p) =>
        p.name.endsWith("-deploy"),
      );
      expect(deploy, "the deploy project").to.have.length(1);
      const env = Object.fromEntries(
        (
          deploy[0].inputs.environment.environmentVariables as { name: string; value: string }[]
        ).map((v) => [v.name, v.value]),
      );
      expect(env).to.include({
        CLUSTER_NAME: cluster.outputs.name,
        SERVICE_NAME: service.outputs.name,
        TASK_FAMILY: task.inputs.family,
        CONTAINER_NAME: APP_CONTAINER_NAME,
        REPOSITORY_NAME: repo.outputs.name,
      });
      expect(service.inputs.cluster).to.equal(cluster.outputs.arn);
    });
  });
}
