// ECS services and clusters: no public task IPs (also of task sets, and of the tasks EventBridge
// rules, EventBridge Scheduler schedules and pipes launch), deployment circuit breaker with
// rollback, the LATEST Fargate platform, and Container Insights.
import { resourcePolicy } from "../../lib/define";
import { asList, flagValue, flagOn } from "../../lib/values";
import {
  CLOUDWATCH_EVENT_TARGET,
  ECS_CLUSTER,
  ECS_SERVICE,
  ECS_TASK_SET,
  PIPES_PIPE,
  SCHEDULER_SCHEDULE,
} from "../../lib/types";
import { awsDocs, cdkNag, checkov, fsbp } from "../../lib/controls";
import { NATIVE_ECS_CLUSTER, NATIVE_ECS_SERVICE } from "../../lib/native/types";

/**
 * Where each type says whether its tasks get a public IP, and the value that says yes. The
 * provider spells it as a boolean except for pipes ("ENABLED"/"DISABLED", as the Pipes API does).
 */
const TASK_NETWORK: Record<string, [string[], boolean | string]> = {
  [ECS_SERVICE]: [["networkConfiguration", "assignPublicIp"], true],
  [ECS_TASK_SET]: [["networkConfiguration", "assignPublicIp"], true],
  [CLOUDWATCH_EVENT_TARGET]: [["ecsTarget", "networkConfiguration", "assignPublicIp"], true],
  [SCHEDULER_SCHEDULE]: [
    ["target", "ecsParameters", "networkConfiguration", "assignPublicIp"],
    true,
  ],
  [PIPES_PIPE]: [
    [
      "targetParameters",
      "ecsTaskParameters",
      "networkConfiguration",
      "awsVpcConfiguration",
      "assignPublicIp",
    ],
    "ENABLED",
  ],
};

export const ecsServiceNoPublicIp = resourcePolicy({
  name: "ecs-service-no-public-ip",
  description:
    "ECS services, task sets, and the ECS tasks EventBridge rules (event targets), EventBridge Scheduler schedules and " +
    "pipes launch must not give tasks public IP addresses. Mandatory: a public IP makes every task reachable from the " +
    "internet past the load balancer, limited only by its security group.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set `assignPublicIp` to false (pipes: "DISABLED") in the network configuration and run tasks in private subnets reaching AWS APIs through VPC endpoints.',
  references: [checkov("CKV_AWS_333"), fsbp("ECS.2"), fsbp("ECS.16")],
  // An aws-native ECS Service's awsvpcConfiguration.assignPublicIp "ENABLED" reads as the classic
  // networkConfiguration.assignPublicIp true (../../lib/native/twins-network.ts).
  types: [
    ECS_SERVICE,
    ECS_TASK_SET,
    CLOUDWATCH_EVENT_TARGET,
    SCHEDULER_SCHEDULE,
    PIPES_PIPE,
    NATIVE_ECS_SERVICE,
  ],
  check: (props, ctx, args) => {
    const [path, value] = TASK_NETWORK[args.type];
    const at = path.reduce<any>((o, k) => o?.[k], props);
    // A boolean switch may be written as a string the provider parses (flagValue).
    if (typeof value === "boolean" ? flagValue(at) === value : at === value)
      ctx.report(`${path.join(".")} is ${JSON.stringify(value)}: tasks get public IP addresses.`);
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
  types: [ECS_SERVICE, NATIVE_ECS_SERVICE],
  check: (props, ctx) => {
    const controller = props.deploymentController?.type;
    if (controller !== undefined && controller !== "ECS") return; // CODE_DEPLOY/EXTERNAL roll back themselves
    const cb = props.deploymentCircuitBreaker;
    if (!flagOn(cb?.enable)) ctx.report("The deployment circuit breaker is not enabled.");
    else if (!flagOn(cb.rollback))
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
  types: [ECS_SERVICE, NATIVE_ECS_SERVICE],
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
  types: [ECS_CLUSTER, NATIVE_ECS_CLUSTER],
  check: (props, ctx) => {
    const setting = asList(props.settings).find((s: any) => s?.name === "containerInsights");
    if (setting?.value !== "enabled" && setting?.value !== "enhanced") {
      ctx.report("Container Insights is not enabled on this cluster.");
    }
  },
});
