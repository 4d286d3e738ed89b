// Limits AWS enforces when the provider registers an ECS task definition at `pulumi up`, which the
// provider's schema passes on (`by: "aws"`): the provider checks only that `containerDefinitions`
// parses as a JSON list (rules-containers.ts) and that `networkMode` is one of its names, and
// RegisterTaskDefinition refuses the rest. Judged here: each container's name and image, at least
// one essential container, a container's memory reservation not over its memory, a container
// memory where the task gives none, host ports equal to container ports in `awsvpc` and `host`
// network modes, and the `awsvpc` network mode of a task that requires FARGATE. Each rule cites
// the AWS page that states the limit. What the pages do not state as a refusal at registration
// (a log driver's options, which fail a task when it starts; the sum of the containers' memory)
// is not judged. Of an ECS service, CreateService refuses the DAEMON scheduling strategy with the
// Fargate launch type, a CODE_DEPLOY or EXTERNAL deployment controller, or a volume configuration,
// and a launch type beside a capacity provider strategy, or a strategy of more than 20 providers.
import type { CrossProblem, CrossRule } from "./rule";
import { REGISTER_TASK } from "./rules-create-compute";
import { parsedJson } from "./validators";
import { canonicalJson } from "./validators-formats";

const TASK = "aws:ecs/taskDefinition:TaskDefinition";

/**
 * API_ContainerDefinition: `essential`, "All tasks must have at least one essential container"
 * ("If this parameter is omitted, a container is assumed to be essential"); `memoryReservation`,
 * "If a task-level memory value is not specified, you must specify a non-zero integer for one or
 * both of memory or memoryReservation in a container definition. If you specify both, memory must
 * be greater than memoryReservation."
 */
const CONTAINER_DEFINITION =
  "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html";
/**
 * AWS::ECS::TaskDefinition ContainerDefinition: `Image` and `Name` are "Required: Yes".
 * RegisterTaskDefinition refuses a container without either ("Container.image should not be null
 * or empty", aws/aws-cli#5924; "Container.name should not be null or empty",
 * hashicorp/terraform#2888).
 */
const CFN_CONTAINER_DEFINITION =
  "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecs-taskdefinition-containerdefinition.html";
/**
 * API_PortMapping: "If you use containers in a task with the awsvpc or host network mode, specify
 * the exposed ports using containerPort. The hostPort can be left blank or it must be the same
 * value as the containerPort."
 */
const PORT_MAPPING =
  "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html";

/** The containers of a `containerDefinitions` JSON text; undefined when it is not a JSON list. */
export function containersOf(text: unknown): Record<string, unknown>[] | undefined {
  // Not JSON: the provider's own refusal, at preview (rules-containers.ts).
  const parsed = parsedJson(text);
  if (!Array.isArray(parsed)) return undefined;
  return parsed.filter(
    (c): c is Record<string, unknown> => c !== null && typeof c === "object" && !Array.isArray(c),
  );
}

/** How a refusal names a container: its name, and its place in the list. */
function label(c: Record<string, unknown>, i: number): string {
  return typeof c.name === "string" && c.name !== ""
    ? `container ${JSON.stringify(c.name)} (containerDefinitions[${i}])`
    : `containerDefinitions[${i}]`;
}

/** A positive number, as a container's memory or reservation counts. */
const positive = (v: unknown): v is number => typeof v === "number" && v > 0;

/** Each container's name and image, given and not empty. */
const containerNameImage: CrossRule = {
  type: TASK,
  what: "each container's name and image",
  reads: ["containerDefinitions"],
  check: (inputs) => {
    const containers = containersOf(inputs.containerDefinitions) ?? [];
    const out: CrossProblem[] = [];
    containers.forEach((c, i) => {
      for (const key of ["name", "image"] as const) {
        const v = c[key];
        if (typeof v === "string" && v.trim() !== "") continue;
        out.push({
          prop: "containerDefinitions",
          value: v,
          says: `${label(c, i)} has no ${key}: RegisterTaskDefinition refuses a container without one`,
        });
      }
    });
    return out;
  },
  fix: 'give every container a "name" and an "image" (an image URI, e.g. the repository URL with a tag)',
  source: CFN_CONTAINER_DEFINITION,
  by: "aws",
};

/** At least one essential container; memory over reservation; a memory where the task has none. */
const containerEssentialMemory: CrossRule = {
  type: TASK,
  what: "an essential container; memory reservation not over memory; a container memory without a task memory",
  reads: ["containerDefinitions", "memory"],
  check: (inputs) => {
    const containers = containersOf(inputs.containerDefinitions);
    if (!containers || containers.length === 0) return [];
    const out: CrossProblem[] = [];
    if (containers.every((c) => c.essential === false))
      out.push({
        prop: "containerDefinitions",
        value: false,
        says: `no container is essential (every one sets "essential": false): a task needs at least one essential container`,
      });
    const taskMemory = inputs.memory;
    containers.forEach((c, i) => {
      const { memory, memoryReservation: reservation } = c;
      // Equal values are not judged: AWS's page says "greater", which its API is not known to
      // hold to the letter, and a false refusal blocks a program that deploys.
      if (typeof memory === "number" && typeof reservation === "number" && reservation > memory)
        out.push({
          prop: "containerDefinitions",
          value: reservation,
          says: `${label(c, i)}: memoryReservation ${reservation} MiB is over its memory ${memory} MiB`,
        });
      if (
        (taskMemory === undefined || taskMemory === null || taskMemory === "") &&
        !positive(memory) &&
        !positive(reservation)
      )
        out.push({
          prop: "containerDefinitions",
          // The container as given: what it lacks is the point, so there is no value to show.
          value: c,
          says: `${label(c, i)} gives neither memory nor memoryReservation, and the task gives no memory`,
        });
    });
    return out;
  },
  fix:
    'leave at least one container "essential" (the default); a memoryReservation at most the ' +
    "container's memory; without a task-level memory, a memory or memoryReservation (MiB) in " +
    "every container",
  source: CONTAINER_DEFINITION,
  by: "aws",
};

/** In `awsvpc` and `host` network modes, a host port is the container port or left out. */
const hostPortIsContainerPort: CrossRule = {
  type: TASK,
  what: "host ports equal to container ports in the awsvpc and host network modes",
  reads: ["containerDefinitions", "networkMode"],
  check: (inputs) => {
    const mode = inputs.networkMode;
    if (mode !== "awsvpc" && mode !== "host") return [];
    const out: CrossProblem[] = [];
    (containersOf(inputs.containerDefinitions) ?? []).forEach((c, i) => {
      const mappings = Array.isArray(c.portMappings) ? c.portMappings : [];
      for (const m of mappings) {
        const { hostPort, containerPort } = (m ?? {}) as Record<string, unknown>;
        // A host port of 0 is AWS's "left blank" in a task definition it describes back.
        if (typeof hostPort !== "number" || typeof containerPort !== "number") continue;
        if (hostPort === 0 || hostPort === containerPort) continue;
        out.push({
          prop: "containerDefinitions",
          value: hostPort,
          says: `${label(c, i)}: hostPort ${hostPort} differs from containerPort ${containerPort}, which the ${mode} network mode does not allow`,
        });
      }
    });
    return out;
  },
  fix: "leave hostPort out, or give it the containerPort's value (no port remapping in awsvpc or host mode)",
  source: PORT_MAPPING,
  by: "aws",
};

/**
 * API_RegisterTaskDefinition, `networkMode`: "If no network mode is specified, the default is
 * bridge. For Amazon ECS tasks on Fargate, the awsvpc network mode is required." (AWS refuses
 * with "Fargate only supports network mode 'awsvpc'", aws/amazon-ecs-cli#1145.)
 */
const fargateAwsvpc: CrossRule = {
  type: TASK,
  what: "the awsvpc network mode for a task that requires FARGATE",
  reads: ["requiresCompatibilities", "networkMode"],
  check: (inputs) => {
    const compat = inputs.requiresCompatibilities;
    if (!Array.isArray(compat) || !compat.includes("FARGATE")) return [];
    const mode = inputs.networkMode;
    // A name of no listed value ("AWSVPC") is the provider's own refusal, at preview.
    if (mode === "awsvpc" || (typeof mode === "string" && mode !== mode.toLowerCase())) return [];
    return [
      {
        prop: "networkMode",
        value: mode,
        says: `a task definition that requires FARGATE runs in the awsvpc network mode, not ${mode ?? "bridge (the default when left out)"}`,
      },
    ];
  },
  fix: 'networkMode: "awsvpc" (Fargate tasks take no other mode)',
  source: REGISTER_TASK,
  by: "aws",
};

/**
 * API_CreateService, `schedulingStrategy`: "Tasks using the Fargate launch type or the CODE_DEPLOY
 * or EXTERNAL deployment controller types don't support the DAEMON scheduling strategy." The
 * action's description: "volumeConfigurations is only supported for REPLICA service and not
 * DAEMON service."
 */
const CREATE_SERVICE =
  "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html";

/** A DAEMON service: on the EC2 or EXTERNAL launch type, the ECS controller, no volume configuration. */
const daemonService: CrossRule = {
  type: "aws:ecs/service:Service",
  what: "a DAEMON service without Fargate, a CODE_DEPLOY or EXTERNAL controller, or a volume configuration",
  reads: ["schedulingStrategy", "launchType", "deploymentController", "volumeConfiguration"],
  check: (inputs) => {
    if (inputs.schedulingStrategy !== "DAEMON") return [];
    const out: CrossProblem[] = [];
    const daemon = "the DAEMON scheduling strategy";
    if (inputs.launchType === "FARGATE")
      out.push({
        prop: "schedulingStrategy",
        value: "DAEMON",
        says: `Fargate tasks do not support ${daemon}`,
      });
    const controller = (inputs.deploymentController as Record<string, unknown> | undefined)?.type;
    if (controller === "CODE_DEPLOY" || controller === "EXTERNAL")
      out.push({
        prop: "schedulingStrategy",
        value: "DAEMON",
        says: `a service of the ${controller} deployment controller does not support ${daemon}`,
      });
    if (inputs.volumeConfiguration !== undefined && inputs.volumeConfiguration !== null)
      out.push({
        prop: "volumeConfiguration",
        value: inputs.volumeConfiguration,
        says: `a volume configuration is supported only for a REPLICA service, not with ${daemon}`,
      });
    return out;
  },
  fix:
    'schedulingStrategy "REPLICA" (the default) with a desiredCount; a DAEMON service runs one task ' +
    "per EC2 container instance, with the ECS deployment controller and no volume configuration",
  source: CREATE_SERVICE,
  by: "aws",
};

/**
 * API_CreateService, `launchType`: "If a launchType is specified, the capacityProviderStrategy
 * parameter must be omitted"; `capacityProviderStrategy`: "If a capacityProviderStrategy is
 * specified, the launchType parameter must be omitted", "A capacity provider strategy can contain
 * a maximum of 20 capacity providers." The provider keeps the strategy as a set: items written
 * alike count once, and an empty list is no strategy.
 */
const capacityProviderStrategy: CrossRule = {
  type: "aws:ecs/service:Service",
  what: "a launch type or a capacity provider strategy, not both; at most 20 capacity providers",
  reads: ["launchType", "capacityProviderStrategies"],
  check: (inputs) => {
    const strategy: unknown[] = Array.isArray(inputs.capacityProviderStrategies)
      ? inputs.capacityProviderStrategies
      : [];
    const distinct = new Set(strategy.map(canonicalJson)).size;
    const out: CrossProblem[] = [];
    if (typeof inputs.launchType === "string" && inputs.launchType !== "" && distinct > 0)
      out.push({
        prop: "launchType",
        value: inputs.launchType,
        says: "a service with a capacity provider strategy takes no launch type",
      });
    if (distinct > 20)
      out.push({
        prop: "capacityProviderStrategies",
        value: `${distinct} capacity providers`,
        says: `a capacity provider strategy of ${distinct} capacity providers: it holds at most 20`,
      });
    return out;
  },
  fix:
    "either launchType or capacityProviderStrategies (e.g. FARGATE and FARGATE_SPOT providers), " +
    "not both, with at most 20 providers",
  source: CREATE_SERVICE,
  by: "aws",
};

export const CREATE_TASK_CROSS_RULES: readonly CrossRule[] = [
  daemonService,
  capacityProviderStrategy,
  containerNameImage,
  containerEssentialMemory,
  hostPortIsContainerPort,
  fargateAwsvpc,
];
