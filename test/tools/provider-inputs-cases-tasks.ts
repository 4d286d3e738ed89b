// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: the create-time limits of rules-create-tasks.ts (an ECS task
// definition's containers: name and image, an essential one, memory and its reservation, host
// ports in awsvpc and host modes; Fargate's awsvpc network mode) and rules-create-db.ts (an RDS
// instance's storage size for its engine and type, IOPS for io1 and io2, the autoscaling maximum,
// Performance Insights retention). Each bound is met by the compliant resource and crossed by one
// broken case.
import type { Case } from "./provider-inputs-cases";

export const TASK = "aws:ecs/taskDefinition:TaskDefinition";
export const DB = "aws:rds/instance:Instance";
export const CLUSTER = "aws:rds/cluster:Cluster";
export const CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";

/** The compliant task's app container: essential by default, its reservation equal to its memory. */
export const APP = {
  name: "app",
  image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2",
  memory: 512,
  memoryReservation: 512,
  portMappings: [{ containerPort: 8080, hostPort: 8080 }, { containerPort: 9090 }],
};
/** A sidecar that is not essential, with a reservation only. */
export const SIDECAR = {
  name: "log-router",
  image: "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
  essential: false,
  memoryReservation: 50,
};

/** The container definitions JSON of `containers`. */
export const containers = (...list: object[]): string => JSON.stringify(list);

/** The task as an EC2 task without task-level sizes (every container gives its memory). */
const EC2_ONLY = { requiresCompatibilities: ["EC2"], cpu: undefined, memory: undefined };

/** The inputs added to the first files' compliant resources, each at a bound AWS accepts. */
export const TASKS_COMPLIANT: Record<string, Record<string, unknown>> = {
  [TASK]: { containerDefinitions: containers(APP, SIDECAR) },
  [DB]: {
    engine: "postgres",
    maxAllocatedStorage: 65536,
    performanceInsightsEnabled: true,
    performanceInsightsRetentionPeriod: 731,
  },
  [CLUSTER]: { performanceInsightsEnabled: true, performanceInsightsRetentionPeriod: 7 },
  [CLUSTER_INSTANCE]: { performanceInsightsEnabled: true, performanceInsightsRetentionPeriod: 713 },
};

export const TASKS_BROKEN: Case[] = [
  [
    TASK,
    "containerDefinitions",
    containers({ ...APP, image: undefined }, SIDECAR),
    'container "app" (containerDefinitions[0]) has no image',
  ],
  [
    TASK,
    "containerDefinitions",
    containers(APP, { ...SIDECAR, name: "" }),
    "containerDefinitions[1] has no name",
  ],
  [
    TASK,
    "containerDefinitions",
    containers({ ...APP, essential: false }, SIDECAR),
    "no container is essential",
  ],
  [
    TASK,
    "containerDefinitions",
    containers({ ...APP, memoryReservation: 513 }, SIDECAR),
    'container "app" (containerDefinitions[0]): memoryReservation 513 MiB is over its memory 512 MiB',
  ],
  [
    TASK,
    "containerDefinitions",
    containers(APP, { ...SIDECAR, memoryReservation: undefined }),
    'container "log-router" (containerDefinitions[1]) gives neither memory nor memoryReservation, and the task gives no memory',
    EC2_ONLY,
  ],
  [
    TASK,
    "containerDefinitions",
    containers({ ...APP, portMappings: [{ containerPort: 8080, hostPort: 80 }] }, SIDECAR),
    "hostPort 80 differs from containerPort 8080, which the awsvpc network mode does not allow",
  ],
  [
    TASK,
    "containerDefinitions",
    containers(APP, { ...SIDECAR, portMappings: [{ containerPort: 24224, hostPort: 24225 }] }),
    "the host network mode does not allow",
    { ...EC2_ONLY, networkMode: "host" },
  ],
  [
    TASK,
    "networkMode",
    "bridge",
    "a task definition that requires FARGATE runs in the awsvpc network mode, not bridge",
  ],
  [TASK, "networkMode", undefined, "not bridge (the default when left out)"],
  [
    DB,
    "allocatedStorage",
    19,
    "postgres on gp3 storage takes 20 to 65536 GiB, got 19",
    { storageThroughput: undefined },
  ],
  [
    DB,
    "allocatedStorage",
    65537,
    "postgres on gp3 storage takes 20 to 65536 GiB, got 65537",
    { maxAllocatedStorage: 0 },
  ],
  [
    DB,
    "allocatedStorage",
    3073,
    "postgres on standard storage takes 5 to 3072 GiB, got 3073",
    { storageType: "standard", storageThroughput: undefined, allocatedStorage: 5 },
  ],
  [
    DB,
    "allocatedStorage",
    99,
    "mysql on io1 storage takes 100 to 65536 GiB, got 99",
    { engine: "mysql", storageType: "io1", storageThroughput: undefined, iops: 1000 },
  ],
  [
    DB,
    "allocatedStorage",
    99,
    "db2-se on io2 storage takes 100 to 65536 GiB, got 99",
    { engine: "db2-se", storageType: "IO2", storageThroughput: undefined, iops: 1000 },
  ],
  // Left out with IOPS given, the type is io1.
  [
    DB,
    "storageType",
    undefined,
    "postgres on io1 storage takes 100 to 65536 GiB, got 99",
    { storageThroughput: undefined, iops: 1000, allocatedStorage: 99 },
  ],
  [DB, "storageType", "io2", "the storage type io2 needs iops", { storageThroughput: undefined }],
  [
    DB,
    "maxAllocatedStorage",
    439,
    "maxAllocatedStorage 439 GiB is not at least 10% over allocatedStorage 400 GiB (440 or more)",
  ],
  [DB, "maxAllocatedStorage", 400, "maxAllocatedStorage 400 GiB is not at least 10% over"],
  [
    DB,
    "performanceInsightsRetentionPeriod",
    94,
    "performanceInsightsRetentionPeriod 94 is not 7, a multiple of 31 from 31 to 713, or 731 days",
  ],
  [DB, "performanceInsightsRetentionPeriod", 744, "performanceInsightsRetentionPeriod 744 is not"],
  [
    CLUSTER,
    "performanceInsightsRetentionPeriod",
    30,
    "performanceInsightsRetentionPeriod 30 is not",
  ],
  [CLUSTER_INSTANCE, "performanceInsightsRetentionPeriod", 732, "732 is not 7"],
];
