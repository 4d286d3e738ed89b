// ECS services and clusters: no public task IPs, deployment circuit breaker with rollback, the
// LATEST Fargate platform, and Container Insights.
import { resourcePolicy } from "../../lib/define";
import { asList } from "../../lib/values";
import { ECS_CLUSTER, ECS_SERVICE } from "../../lib/types";
import { awsDocs, cdkNag, checkov, fsbp } from "../../lib/controls";

export const ecsServiceNoPublicIp = resourcePolicy({
  name: "ecs-service-no-public-ip",
  description:
    "ECS services must not give tasks public IP addresses. Mandatory: a public IP makes every task reachable from the " +
    "internet past the load balancer, limited only by its security group.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set `networkConfiguration.assignPublicIp: false` and run tasks in private subnets reaching AWS APIs through VPC endpoints.",
  references: [checkov("CKV_AWS_333"), fsbp("ECS.2")],
  types: [ECS_SERVICE],
  check: (props, ctx) => {
    if (props.networkConfiguration?.assignPublicIp === true) {
      ctx.report("networkConfiguration.assignPublicIp is true: tasks get public IP addresses.");
    }
  },
});

export const ecsServiceCircuitBreaker = resourcePolicy({
  name: "ecs-service-circuit-breaker",
  description:
    "ECS services using the ECS deployment controller should enable the deployment circuit breaker with rollback, so a " +
    "broken image rolls back instead of leaving the service without healthy tasks. Advisory: availability, not exposure.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: "Set `deploymentCircuitBreaker: { enable: true, rollback: true }`.",
  references: [awsDocs("ECS deployment circuit breaker")],
  types: [ECS_SERVICE],
  check: (props, ctx) => {
    const controller = props.deploymentController?.type;
    if (controller !== undefined && controller !== "ECS") return; // CODE_DEPLOY/EXTERNAL roll back themselves
    const cb = props.deploymentCircuitBreaker;
    if (cb?.enable !== true) ctx.report("The deployment circuit breaker is not enabled.");
    else if (cb.rollback !== true)
      ctx.report("The deployment circuit breaker does not roll back failed deployments.");
  },
});

function runsOnFargate(props: any): boolean {
  if (props.launchType === "FARGATE") return true;
  return asList(props.capacityProviderStrategies).some((s: any) =>
    String(s?.capacityProvider ?? "").startsWith("FARGATE"),
  );
}

export const ecsServiceFargatePlatformVersion = resourcePolicy({
  name: "ecs-service-fargate-platform-version",
  description:
    "Fargate services should run on the LATEST platform version (kernel and runtime patches). Advisory: a pinned version " +
    "keeps working but stops receiving fixes.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps: 'Remove `platformVersion` or set it to "LATEST".',
  references: [checkov("CKV_AWS_332"), fsbp("ECS.10")],
  types: [ECS_SERVICE],
  check: (props, ctx) => {
    if (!runsOnFargate(props)) return;
    const v = props.platformVersion;
    if (v !== undefined && v !== "LATEST") ctx.report(`platformVersion is pinned to '${v}'.`);
  },
});

export const ecsClusterContainerInsights = resourcePolicy({
  name: "ecs-cluster-container-insights",
  description:
    "ECS clusters should enable CloudWatch Container Insights (task-level CPU, memory, network and restart metrics). " +
    "Advisory: observability, at a per-metric cost.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Add `settings: [{ name: "containerInsights", value: "enabled" }]` (or "enhanced").',
  references: [cdkNag("AwsSolutions-ECS4"), checkov("CKV_AWS_65"), fsbp("ECS.12")],
  types: [ECS_CLUSTER],
  check: (props, ctx) => {
    const setting = asList(props.settings).find((s: any) => s?.name === "containerInsights");
    if (setting?.value !== "enabled" && setting?.value !== "enhanced") {
      ctx.report("Container Insights is not enabled on this cluster.");
    }
  },
});
