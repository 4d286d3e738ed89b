// Cost rules. Compute: ECS services and clusters, scaling, EC2 instances and volumes.
import { Charge, H, Rule, Unpriceable, fmt, known } from "./base";
import { RecordedResource } from "../../lib/recorder";
import { ResourceIndex } from "../../lib/resource-index";

export const service: Rule = (r, { index }) => {
  const launchType = r.inputs.launchType;
  const strategies = Array.isArray(r.inputs.capacityProviderStrategies)
    ? r.inputs.capacityProviderStrategies
    : [];
  const fargate =
    launchType === "FARGATE" ||
    strategies.some((s: any) => /^FARGATE/.test(String(s?.capacityProvider)));
  if (!fargate) return { free: "runs on EC2 capacity, priced on the instances" };
  if (strategies.some((s: any) => s?.capacityProvider === "FARGATE_SPOT")) {
    throw new Unpriceable("Fargate Spot has no price in the table");
  }
  const count = known(r, "desiredCount", r.inputs.desiredCount as number | undefined);
  const [td] = index.referenced(r, "taskDefinition", "aws:ecs/taskDefinition:TaskDefinition");
  if (!td) throw new Unpriceable("its task definition is not in the recording");
  const cpu = Number(known(td, "cpu", td.inputs.cpu));
  const memory = Number(known(td, "memory", td.inputs.memory));
  if (!Number.isFinite(cpu) || !Number.isFinite(memory))
    throw new Unpriceable("the task definition's cpu/memory are not numbers");
  const arch = td.inputs.runtimePlatform?.cpuArchitecture === "ARM64" ? "arm" : "x86";
  if (
    td.inputs.runtimePlatform?.operatingSystemFamily &&
    !/LINUX/.test(td.inputs.runtimePlatform.operatingSystemFamily)
  ) {
    throw new Unpriceable("Windows Fargate tasks have no price in the table");
  }
  const vcpu = cpu / 1024;
  const gb = memory / 1024;
  const charges: Charge[] = [
    {
      kind: "fixed",
      what: `Fargate vCPU (${arch})`,
      quantity: count * vcpu * H,
      basis: `${count} tasks × ${fmt(vcpu)} vCPU × ${H} h`,
      priceKey: `fargate.${arch}.vcpuHour`,
    },
    {
      kind: "fixed",
      what: `Fargate memory (${arch})`,
      quantity: count * gb * H,
      basis: `${count} tasks × ${fmt(gb)} GB × ${H} h`,
      priceKey: `fargate.${arch}.gbHour`,
    },
  ];
  const targets = [
    ...index.referenced(r, undefined, "aws:appautoscaling/target:Target"),
    ...index.referrers(r, "resourceId", "aws:appautoscaling/target:Target"),
  ];
  const max = targets[0]?.inputs.maxCapacity;
  if (typeof max === "number" && max > count) {
    const note = `autoscaling may run up to ${max} tasks: up to ×${fmt(max / count)} this line under load`;
    return { charges: charges.map((c) => ({ ...c, note })) };
  }
  return { charges };
};

export const cluster: Rule = (r, { index, assumptions: a }) => {
  const settings: any[] = Array.isArray(r.inputs.settings) ? r.inputs.settings : [];
  const insights = settings.find((s) => s?.name === "containerInsights")?.value;
  if (insights === undefined || insights === "disabled")
    return { free: "an ECS cluster has no charge (capacity is priced on services)" };
  if (insights === "enhanced")
    throw new Unpriceable(
      "Container Insights with enhanced observability has no price in the table",
    );
  const services = index.referrers(r, "cluster", "aws:ecs/service:Service");
  const metrics =
    a.containerInsightsMetricsPerCluster + services.length * a.containerInsightsMetricsPerService;
  const charges: Charge[] = [
    {
      kind: "fixed",
      what: "Container Insights metrics",
      quantity: metrics,
      basis: `${a.containerInsightsMetricsPerCluster} + ${services.length} services × ${a.containerInsightsMetricsPerService} metrics (assumed)`,
      priceKey: "cw.metricMonth",
    },
  ];
  // The performance events go to the cluster's Container Insights log group: priced there when
  // the stack creates that group (with its retention), here when ECS makes it.
  if (!insightsLogGroupOf(r, index)) {
    charges.push({
      kind: "fixed",
      what: "Container Insights performance events",
      quantity: insightsTasks(r, index) * a.containerInsightsGbPerTaskMonth,
      basis: `${insightsTasks(r, index)} tasks × ${fmt(a.containerInsightsGbPerTaskMonth)} GB (assumed)`,
      priceKey: "logs.ingestGb",
    });
  }
  return { charges };
};

/** Tasks a cluster runs: its services' desired counts. */
export function insightsTasks(cluster: RecordedResource, index: ResourceIndex): number {
  return index
    .referrers(cluster, "cluster", "aws:ecs/service:Service")
    .reduce(
      (n, s) => n + (typeof s.inputs.desiredCount === "number" ? s.inputs.desiredCount : 0),
      0,
    );
}

/**
 * The log group the stack creates for a cluster's Container Insights performance events
 * (`/aws/ecs/containerinsights/<cluster name>/performance`), if any.
 */
export function insightsLogGroupOf(
  cluster: RecordedResource,
  index: ResourceIndex,
): RecordedResource | undefined {
  const name = cluster.inputs.name;
  if (typeof name !== "string") return undefined;
  return index
    .ofType("aws:cloudwatch/logGroup:LogGroup")
    .find((g) => g.inputs.name === `/aws/ecs/containerinsights/${name}/performance`);
}

/** The cluster whose Container Insights performance events a log group receives, if any. */
export function insightsClusterOf(
  group: RecordedResource,
  index: ResourceIndex,
): RecordedResource | undefined {
  const m = /^\/aws\/ecs\/containerinsights\/(.+)\/performance$/.exec(
    String(group.inputs.name ?? ""),
  );
  if (!m) return undefined;
  return index.ofType("aws:ecs/cluster:Cluster").find((c) => c.inputs.name === m[1]);
}

export const scalingPolicy: Rule = (r) => {
  if (r.inputs.policyType !== "TargetTrackingScaling")
    return { free: "step scaling policies use alarms priced on their own" };
  return {
    charges: [
      {
        kind: "fixed",
        what: "target-tracking alarms",
        quantity: 2,
        basis: "2 alarms (Application Auto Scaling creates a high and a low alarm)",
        priceKey: "cw.alarmMonth",
      },
    ],
  };
};

export const instance: Rule = (r) => {
  const type = known(r, "instanceType", r.inputs.instanceType as string | undefined);
  const root = r.inputs.rootBlockDevice ?? {};
  const size = typeof root.volumeSize === "number" ? root.volumeSize : 8;
  const volumeType = typeof root.volumeType === "string" ? root.volumeType : "gp3";
  const charges: Charge[] = [
    {
      kind: "fixed",
      what: `EC2 ${type}`,
      quantity: H,
      basis: `${H} h`,
      priceKey: `ec2.${type}.hour`,
    },
    {
      kind: "fixed",
      what: `root volume ${volumeType}`,
      quantity: size,
      basis: `${size} GB${typeof root.volumeSize === "number" ? "" : " (AMI default, assumed 8 GB)"}`,
      priceKey: `ebs.${volumeType}GbMonth`,
    },
  ];
  if (r.inputs.associatePublicIpAddress === true) {
    charges.push({
      kind: "fixed",
      what: "public IPv4 address",
      quantity: H,
      basis: `${H} h`,
      priceKey: "ipv4.hour",
    });
  }
  return { charges };
};

export const volume: Rule = (r) => {
  const size = known(r, "size", r.inputs.size as number | undefined);
  const type = typeof r.inputs.type === "string" ? r.inputs.type : "gp3";
  return {
    charges: [
      {
        kind: "fixed",
        what: `EBS ${type}`,
        quantity: size,
        basis: `${size} GB`,
        priceKey: `ebs.${type}GbMonth`,
      },
    ],
  };
};
