// How each priced resource type turns into monthly charges, read from what the program registered
// (inputs known at preview: sizes, counts, subnets, retention...). A rule returns charges, or says
// why the resource is free, or throws `Unpriceable` with the reason it cannot be priced; a type
// with no rule and no FREE_TYPES entry is reported as unpriced by the estimator.
import { RecordedResource } from "../lib/recorder";
import { Assumptions } from "./assumptions";
import { HOURS_PER_MONTH } from "./prices";
import { isUnknown, ResourceIndex } from "../lib/resource-index";

export type ChargeKind = "fixed" | "variable";

/** One priced quantity: `quantity` units of the price `priceKey` per month. */
export interface Charge {
  readonly kind: ChargeKind;
  /** Short name of what is charged, e.g. "ALB hours". */
  readonly what: string;
  /** Quantity per month in the price's unit. */
  readonly quantity: number;
  /** How the quantity was derived, e.g. "2 tasks × 0.25 vCPU × 730 h". */
  readonly basis: string;
  readonly priceKey: string;
  /** Extra words for the reader (caps, free tiers, worst cases). */
  readonly note?: string;
}

export type RuleResult = { readonly charges: Charge[] } | { readonly free: string };

export interface RuleContext {
  readonly index: ResourceIndex;
  readonly assumptions: Assumptions;
}

export type Rule = (r: RecordedResource, ctx: RuleContext) => RuleResult;

/** The resource cannot be priced from what the program registered; the reason says why. */
export class Unpriceable extends Error {}

const H = HOURS_PER_MONTH;
const DAYS_PER_MONTH = 30.42;

function fmt(n: number): string {
  return Number.isInteger(n)
    ? n.toLocaleString("en-US")
    : Number(n.toPrecision(4)).toLocaleString("en-US");
}

function known<T>(_r: RecordedResource, prop: string, value: T): Exclude<T, undefined> {
  if (value === undefined || isUnknown(value)) {
    throw new Unpriceable(`${prop} is not known at preview`);
  }
  return value as Exclude<T, undefined>;
}

function listOf(r: RecordedResource, prop: string): unknown[] {
  const v = r.inputs[prop];
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Unpriceable(`${prop} is not known at preview`);
  return v;
}

// ---- helpers shared by rules ----------------------------------------------------------------

/** Running Fargate tasks that use `taskDef` (sum of the desired counts of its services). */
function tasksOf(taskDef: RecordedResource, index: ResourceIndex): number {
  return index
    .referrers(taskDef, "taskDefinition", "aws:ecs/service:Service")
    .reduce(
      (n, s) => n + (typeof s.inputs.desiredCount === "number" ? s.inputs.desiredCount : 0),
      0,
    );
}

/** Running tasks of every Fargate service in the recording. */
function allTasks(index: ResourceIndex): number {
  return index
    .ofType("aws:ecs/service:Service")
    .reduce(
      (n, s) => n + (typeof s.inputs.desiredCount === "number" ? s.inputs.desiredCount : 0),
      0,
    );
}

/** Roles ECS tasks run as (task definitions' taskRoleArn). */
export function taskRoles(index: ResourceIndex): Set<string> {
  const roles = new Set<string>();
  for (const td of index.ofType("aws:ecs/taskDefinition:TaskDefinition")) {
    for (const role of index.referenced(td, "taskRoleArn", "aws:iam/role:Role"))
      roles.add(role.urn);
  }
  return roles;
}

/** Buckets named in the inline policies of a role (RolePolicy documents built from them). */
export function bucketsOfRole(role: RecordedResource, index: ResourceIndex): RecordedResource[] {
  const out = new Map<string, RecordedResource>();
  for (const policy of index.referrers(role, "role", "aws:iam/rolePolicy:RolePolicy")) {
    for (const b of index.referenced(
      policy,
      "policy",
      "aws:s3/bucket:Bucket",
      "aws:s3/bucketV2:BucketV2",
    ))
      out.set(b.urn, b);
  }
  return [...out.values()];
}

/** Days after which a bucket's objects expire (its lifecycle configuration), if any. */
function expirationDays(bucket: RecordedResource, index: ResourceIndex): number | undefined {
  let days: number | undefined;
  for (const lc of index.referrers(
    bucket,
    "bucket",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  )) {
    for (const rule of Array.isArray(lc.inputs.rules) ? lc.inputs.rules : []) {
      const d = rule?.expiration?.days;
      if (rule?.status === "Enabled" && typeof d === "number")
        days = days === undefined ? d : Math.min(days, d);
    }
  }
  return days;
}

// ---- the rules --------------------------------------------------------------------------------

const loadBalancer: Rule = (r, { assumptions: a }) => {
  const type = r.inputs.loadBalancerType ?? "application";
  if (type !== "application")
    throw new Unpriceable(`load balancer type "${type}" has no price in the table`);
  const charges: Charge[] = [
    { kind: "fixed", what: "ALB hours", quantity: H, basis: `${H} h`, priceKey: "alb.hour" },
    {
      kind: "fixed",
      what: "ALB capacity baseline",
      quantity: a.albBaselineLcu * H,
      basis: `${fmt(a.albBaselineLcu)} LCU × ${H} h (assumed average)`,
      priceKey: "alb.lcuHour",
    },
  ];
  if (r.inputs.internal !== true) {
    const subnets =
      r.inputs.subnetMappings !== undefined ? listOf(r, "subnetMappings") : listOf(r, "subnets");
    charges.push({
      kind: "fixed",
      what: "public IPv4 addresses (one per AZ)",
      quantity: subnets.length * H,
      basis: `${subnets.length} addresses × ${H} h`,
      priceKey: "ipv4.hour",
    });
    const gbOut = (a.requestsPerMonth * a.avgResponseKiB) / (1024 * 1024);
    charges.push({
      kind: "variable",
      what: "data transfer out to the internet",
      quantity: gbOut,
      basis: `${fmt(a.requestsPerMonth)} requests × ${fmt(a.avgResponseKiB)} KiB = ${fmt(gbOut)} GB`,
      priceKey: "transfer.internetOutGb",
    });
  }
  return { charges };
};

/** GB per month through one interface endpoint (stated assumptions). */
export function endpointGb(
  service: string,
  index: ResourceIndex,
  a: Assumptions,
): { gb: number; basis: string } {
  if (service === "logs") {
    const tasks = allTasks(index);
    return {
      gb: tasks * a.appLogGbPerTaskMonth,
      basis: `${tasks} tasks × ${fmt(a.appLogGbPerTaskMonth)} GB of app logs`,
    };
  }
  return { gb: a.endpointApiGbPerMonth, basis: `${fmt(a.endpointApiGbPerMonth)} GB (assumed)` };
}

/** Short service name of an endpoint: com.amazonaws.eu-west-1.ecr.api → ecr.api */
export function endpointService(r: RecordedResource): string {
  const name = String(r.inputs.serviceName ?? "");
  return isUnknown(name) ? "(unknown)" : name.replace(/^com\.amazonaws\.[a-z0-9-]+\./, "");
}

const vpcEndpoint: Rule = (r, { index, assumptions: a }) => {
  const kind = r.inputs.vpcEndpointType ?? "Gateway";
  if (kind === "Gateway") return { free: "gateway endpoints (S3, DynamoDB) have no charge" };
  if (kind !== "Interface")
    throw new Unpriceable(`endpoint type "${kind}" has no price in the table`);
  const enis = listOf(r, "subnetIds").length;
  const service = endpointService(r);
  const { gb, basis } = endpointGb(service, index, a);
  return {
    charges: [
      {
        kind: "fixed",
        what: `interface endpoint ${service}`,
        quantity: enis * H,
        basis: `${enis} AZ${enis === 1 ? "" : "s"} × ${H} h`,
        priceKey: "vpce.interfaceAzHour",
      },
      {
        kind: "variable",
        what: `data processed by ${service}`,
        quantity: gb,
        basis,
        priceKey: "vpce.gb",
      },
    ],
  };
};

const natGateway: Rule = (_r, { assumptions: a }) => ({
  charges: [
    {
      kind: "fixed",
      what: "NAT gateway hours",
      quantity: H,
      basis: `${H} h`,
      priceKey: "nat.hour",
    },
    {
      kind: "variable",
      what: "data processed by the NAT gateway",
      quantity: a.endpointApiGbPerMonth,
      basis: `${fmt(a.endpointApiGbPerMonth)} GB (assumed)`,
      priceKey: "nat.gb",
    },
  ],
});

const eip: Rule = () => ({
  charges: [
    {
      kind: "fixed",
      what: "public IPv4 address",
      quantity: H,
      basis: `${H} h`,
      priceKey: "ipv4.hour",
    },
  ],
});

const service: Rule = (r, { index }) => {
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

const cluster: Rule = (r, { index, assumptions: a }) => {
  const settings: any[] = Array.isArray(r.inputs.settings) ? r.inputs.settings : [];
  const insights = settings.find((s) => s?.name === "containerInsights")?.value;
  if (insights === undefined || insights === "disabled")
    return { free: "an ECS cluster has no charge (capacity is priced on services)" };
  if (insights === "enhanced")
    throw new Unpriceable(
      "Container Insights with enhanced observability has no price in the table",
    );
  const services = index.referrers(r, "cluster", "aws:ecs/service:Service");
  const tasks = services.reduce(
    (n, s) => n + (typeof s.inputs.desiredCount === "number" ? s.inputs.desiredCount : 0),
    0,
  );
  const metrics =
    a.containerInsightsMetricsPerCluster + services.length * a.containerInsightsMetricsPerService;
  return {
    charges: [
      {
        kind: "fixed",
        what: "Container Insights metrics",
        quantity: metrics,
        basis: `${a.containerInsightsMetricsPerCluster} + ${services.length} services × ${a.containerInsightsMetricsPerService} metrics (assumed)`,
        priceKey: "cw.metricMonth",
      },
      {
        kind: "fixed",
        what: "Container Insights performance events",
        quantity: tasks * a.containerInsightsGbPerTaskMonth,
        basis: `${tasks} tasks × ${fmt(a.containerInsightsGbPerTaskMonth)} GB (assumed)`,
        priceKey: "logs.ingestGb",
      },
    ],
  };
};

const scalingPolicy: Rule = (r) => {
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

const kmsKey: Rule = (_r, { assumptions: a }) => ({
  charges: [
    {
      kind: "fixed",
      what: "KMS key",
      quantity: 1,
      basis: "1 key",
      priceKey: "kms.keyMonth",
      note: "rotation adds $1/month after each of the first two yearly rotations",
    },
    {
      kind: "variable",
      what: "KMS requests",
      quantity: a.kmsRequestsPerKeyMonth / 10_000,
      basis: `${fmt(a.kmsRequestsPerKeyMonth)} requests`,
      priceKey: "kms.requests10k",
    },
  ],
});

/** What a log group receives, from who writes into it. */
function logGroupVolume(
  r: RecordedResource,
  index: ResourceIndex,
  a: Assumptions,
): { gb: number; basis: string } {
  if (index.referrers(r, "logDestination", "aws:ec2/flowLog:FlowLog").length > 0) {
    return {
      gb: a.flowLogGbPerMonth,
      basis: `VPC flow logs, ${fmt(a.flowLogGbPerMonth)} GB (assumed)`,
    };
  }
  if (
    index.referrers(
      r,
      "logDestinationConfigs",
      "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    ).length > 0
  ) {
    const gb = (a.requestsPerMonth / 1e6) * a.wafLogGbPerMillionRequests;
    return {
      gb,
      basis: `WAF logs, ${fmt(a.requestsPerMonth / 1e6)} M requests × ${fmt(a.wafLogGbPerMillionRequests)} GB`,
    };
  }
  const taskDefs = index.referrers(
    r,
    "containerDefinitions",
    "aws:ecs/taskDefinition:TaskDefinition",
  );
  if (taskDefs.length > 0) {
    const tasks = taskDefs.reduce((n, td) => n + tasksOf(td, index), 0);
    return {
      gb: tasks * a.appLogGbPerTaskMonth,
      basis: `app logs, ${tasks} tasks × ${fmt(a.appLogGbPerTaskMonth)} GB`,
    };
  }
  return { gb: a.otherLogGbPerMonth, basis: `${fmt(a.otherLogGbPerMonth)} GB (assumed)` };
}

const logGroup: Rule = (r, { index, assumptions: a }) => {
  if (r.inputs.logGroupClass && r.inputs.logGroupClass !== "STANDARD") {
    throw new Unpriceable(`log class ${r.inputs.logGroupClass} has no price in the table`);
  }
  const { gb, basis } = logGroupVolume(r, index, a);
  const retention =
    typeof r.inputs.retentionInDays === "number" && r.inputs.retentionInDays > 0
      ? r.inputs.retentionInDays
      : undefined;
  const months = retention !== undefined ? retention / DAYS_PER_MONTH : a.unexpiredRetentionMonths;
  const stored = gb * a.logStoredFraction * months;
  return {
    charges: [
      { kind: "variable", what: "log ingestion", quantity: gb, basis, priceKey: "logs.ingestGb" },
      {
        kind: "variable",
        what: "log storage (steady state)",
        quantity: stored,
        basis: `${fmt(gb)} GB × ${fmt(months)} months kept${retention === undefined ? " (no retention set: assumed)" : ` (${retention}-day retention)`}`,
        priceKey: "logs.storeGbMonth",
      },
    ],
  };
};

const bucket: Rule = (r, { index, assumptions: a }) => {
  let gb: number;
  let basis: string;
  let puts = 0;
  const writers = [...taskRoles(index)]
    .map((u) => index.byUrn.get(u)!)
    .filter((role) => bucketsOfRole(role, index).some((b) => b.urn === r.urn));
  const logged = index
    .referrers(r, "targetBucket", "aws:s3/bucketLogging:BucketLogging")
    .flatMap((l) => index.referenced(l, "bucket"));
  if (logged.length > 0) {
    // S3 requests to the logged buckets: the API bucket sees about 4 per upload (PUT, GETs,
    // HEAD); any other bucket is assumed to see 100,000 a month.
    const apiBuckets = new Set(
      [...taskRoles(index)].flatMap((u) =>
        bucketsOfRole(index.byUrn.get(u)!, index).map((b) => b.urn),
      ),
    );
    const requests = logged.reduce(
      (n, b) => n + (apiBuckets.has(b.urn) ? a.uploadsPerMonth * 4 : 100_000),
      0,
    );
    gb = (requests / 1e6) * a.accessLogGbPerMillionRequests;
    basis = `S3 access logs of ${logged.length} bucket${logged.length === 1 ? "" : "s"}, ${fmt(requests / 1e6)} M S3 requests × ${fmt(a.accessLogGbPerMillionRequests)} GB`;
  } else if (index.referrers(r, "accessLogs", "aws:lb/loadBalancer:LoadBalancer").length > 0) {
    gb = (a.requestsPerMonth / 1e6) * a.accessLogGbPerMillionRequests;
    basis = `ALB access logs, ${fmt(a.requestsPerMonth / 1e6)} M requests × ${fmt(a.accessLogGbPerMillionRequests)} GB`;
  } else if (writers.length > 0) {
    gb = (a.uploadsPerMonth * a.avgUploadMiB) / 1024;
    basis = `API uploads, ${fmt(a.uploadsPerMonth)} × ${fmt(a.avgUploadMiB)} MiB`;
    puts = a.uploadsPerMonth;
  } else if (/ingest/i.test(r.name)) {
    gb = a.ingestGbPerMonth;
    basis = `Kafka ingest, ${fmt(a.ingestGbPerMonth)} GB (assumed)`;
  } else {
    gb = a.otherBucketGbPerMonth;
    basis = `${fmt(a.otherBucketGbPerMonth)} GB written (assumed)`;
  }
  // Objects kept longer than the assumed retention (no rule, or a rule of decades for content that
  // is overwritten rather than accumulated) count for the assumed retention only.
  const days = expirationDays(r, index);
  const months = Math.min(
    days !== undefined ? days / DAYS_PER_MONTH : Infinity,
    a.unexpiredRetentionMonths,
  );
  const charges: Charge[] = [
    {
      kind: "variable",
      what: "S3 Standard storage (steady state)",
      quantity: gb * months,
      basis: `${basis} → ${fmt(gb)} GB/month × ${fmt(months)} months kept${
        days === undefined
          ? " (no expiration: assumed)"
          : days / DAYS_PER_MONTH > months
            ? ` (expires after ${days} days; assumed ${a.unexpiredRetentionMonths})`
            : ` (expires after ${days} days)`
      }`,
      priceKey: "s3.standardGbMonth",
    },
  ];
  if (puts > 0) {
    charges.push({
      kind: "variable",
      what: "PUT requests",
      quantity: puts / 1000,
      basis: `${fmt(puts)} uploads`,
      priceKey: "s3.put1k",
    });
  }
  return { charges };
};

const repository: Rule = (r, { index, assumptions: a }) => {
  let images = a.deploysPerMonth * a.unexpiredRetentionMonths;
  let basis = `${images} images (no lifecycle count rule: ${a.deploysPerMonth}/month × ${a.unexpiredRetentionMonths} months)`;
  for (const lp of index.referrers(r, "repository", "aws:ecr/lifecyclePolicy:LifecyclePolicy")) {
    try {
      const doc = JSON.parse(String(lp.inputs.policy));
      for (const rule of doc.rules ?? []) {
        if (
          rule.selection?.countType === "imageCountMoreThan" &&
          typeof rule.selection.countNumber === "number"
        ) {
          images = rule.selection.countNumber;
          basis = `${images} images kept (lifecycle policy)`;
        }
      }
    } catch {
      // an unknown or unparsable policy keeps the assumption
    }
  }
  return {
    charges: [
      {
        kind: "variable",
        what: "image storage",
        quantity: images * a.imageGb,
        basis: `${basis} × ${fmt(a.imageGb)} GB (upper bound: layers are shared)`,
        priceKey: "ecr.storageGbMonth",
      },
    ],
  };
};

/** AWS managed rule groups that carry their own subscription and request fees. */
const PAID_RULE_GROUPS = [
  "AWSManagedRulesBotControlRuleSet",
  "AWSManagedRulesATPRuleSet",
  "AWSManagedRulesACFPRuleSet",
];

const webAcl: Rule = (r, { assumptions: a }) => {
  const rules = listOf(r, "rules") as any[];
  for (const rule of rules) {
    const group = rule?.statement?.managedRuleGroupStatement?.name;
    if (PAID_RULE_GROUPS.includes(group))
      throw new Unpriceable(`managed rule group ${group} has fees not in the table`);
  }
  return {
    charges: [
      { kind: "fixed", what: "web ACL", quantity: 1, basis: "1 web ACL", priceKey: "waf.aclMonth" },
      {
        kind: "fixed",
        what: "WAF rules",
        quantity: rules.length,
        basis: `${rules.length} rules and rule groups`,
        priceKey: "waf.ruleMonth",
      },
      {
        kind: "variable",
        what: "WAF requests",
        quantity: a.requestsPerMonth / 1e6,
        basis: `${fmt(a.requestsPerMonth / 1e6)} M requests`,
        priceKey: "waf.requestsMillion",
      },
    ],
  };
};

const instance: Rule = (r) => {
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

const volume: Rule = (r) => {
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

const namespace: Rule = (_r, { assumptions: a }) => ({
  charges: [
    {
      kind: "variable",
      what: "Redshift managed storage",
      quantity: a.redshiftStorageGb,
      basis: `${fmt(a.redshiftStorageGb)} GB (assumed)`,
      priceKey: "redshift.storageGbMonth",
    },
  ],
});

/** RPU-hours per month a usage limit allows, if one limits this workgroup's compute. */
function usageCap(
  r: RecordedResource,
  index: ResourceIndex,
): { rpuHours: number; text: string } | undefined {
  const limits = index
    .referrers(r, "resourceArn", "aws:redshiftserverless/usageLimit:UsageLimit")
    .filter(
      (l) =>
        (l.inputs.usageType ?? "serverless-compute") === "serverless-compute" &&
        typeof l.inputs.amount === "number",
    );
  let best: { rpuHours: number; text: string } | undefined;
  for (const l of limits) {
    const period = l.inputs.period ?? "monthly";
    const perMonth =
      period === "daily" ? DAYS_PER_MONTH : period === "weekly" ? DAYS_PER_MONTH / 7 : 1;
    const rpuHours = l.inputs.amount * perMonth;
    const text = `usage limit ${l.inputs.amount} RPU-hours ${period} (${l.inputs.breachAction ?? "log"})`;
    if (!best || rpuHours < best.rpuHours) best = { rpuHours, text };
  }
  return best;
}

const workgroup: Rule = (r, { index, assumptions: a }) => {
  const base = typeof r.inputs.baseCapacity === "number" ? r.inputs.baseCapacity : 128;
  const cap = usageCap(r, index);
  return {
    charges: [
      {
        kind: "variable",
        what: "Redshift Serverless compute (only while queries run)",
        quantity: base * a.redshiftActiveHoursPerMonth,
        basis: `${base} base RPU${r.inputs.baseCapacity === undefined ? " (AWS default)" : ""} × ${fmt(a.redshiftActiveHoursPerMonth)} active h (assumed)`,
        priceKey: "redshift.rpuHour",
        note: cap
          ? `worst case capped by the ${cap.text}: ${fmt(cap.rpuHours)} RPU-hours/month`
          : "no usage limit: compute is not capped",
      },
    ],
  };
};

const codebuildProject: Rule = (r, { assumptions: a }) => {
  const env = r.inputs.environment ?? {};
  const type = known(r, "environment.type", env.type as string | undefined);
  const compute = known(r, "environment.computeType", env.computeType as string | undefined);
  const minutes = a.deploysPerMonth * a.buildMinutes;
  return {
    charges: [
      {
        kind: "variable",
        what: `build minutes (${compute})`,
        quantity: minutes,
        basis: `${a.deploysPerMonth} builds × ${fmt(a.buildMinutes)} min`,
        priceKey: `codebuild.${type}.${compute}.minute`,
      },
    ],
  };
};

const pipeline: Rule = (r, { assumptions: a }) => {
  const type = r.inputs.pipelineType ?? "V1";
  if (type === "V1") {
    return {
      charges: [
        {
          kind: "fixed",
          what: "active V1 pipeline",
          quantity: 1,
          basis: "1 pipeline",
          priceKey: "codepipeline.v1PipelineMonth",
        },
      ],
    };
  }
  const stages = listOf(r, "stages") as any[];
  let perRun = 0;
  const parts: string[] = [];
  for (const stage of stages) {
    for (const action of Array.isArray(stage?.actions) ? stage.actions : []) {
      const category = String(action?.category ?? "");
      const minutes =
        category === "Approval"
          ? 0
          : category === "Source"
            ? a.sourceActionMinutes
            : category === "Build" || category === "Test"
              ? a.buildMinutes
              : category === "Deploy"
                ? a.deployActionMinutes
                : 1;
      perRun += minutes;
      parts.push(`${category || "action"} ${fmt(minutes)}`);
    }
  }
  return {
    charges: [
      {
        kind: "variable",
        what: "V2 action minutes",
        quantity: perRun * a.deploysPerMonth,
        basis: `${a.deploysPerMonth} runs × ${fmt(perRun)} min (${parts.join(" + ") || "no actions"}; approvals free)`,
        priceKey: "codepipeline.v2ActionMinute",
      },
    ],
  };
};

const codecommit: Rule = (_r, { assumptions: a }) => ({
  charges: [
    {
      kind: "variable",
      what: "active users beyond the 5 free",
      quantity: Math.max(0, a.codecommitActiveUsers - 5),
      basis: `${a.codecommitActiveUsers} active users − 5 free (per account)`,
      priceKey: "codecommit.userMonth",
    },
  ],
});

const distribution: Rule = (_r, { assumptions: a }) => ({
  charges: [
    {
      kind: "variable",
      what: "CloudFront data to viewers",
      quantity: a.cloudfrontGbPerMonth,
      basis: `${fmt(a.cloudfrontGbPerMonth)} GB (assumed)`,
      priceKey: "cloudfront.gbEurope",
    },
    {
      kind: "variable",
      what: "CloudFront HTTPS requests",
      quantity: a.cloudfrontRequestsPerMonth / 10_000,
      basis: `${fmt(a.cloudfrontRequestsPerMonth)} requests`,
      priceKey: "cloudfront.https10k",
    },
  ],
});

/** CloudWatch vended-log delivery (e.g. CloudFront standard logging v2) to S3. */
const logDelivery: Rule = (r, { index, assumptions: a }) => {
  const destinations = index.referenced(
    r,
    "deliveryDestinationArn",
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination",
  );
  const targets = destinations.flatMap((d) =>
    index.referenced(d, "deliveryDestinationConfiguration"),
  );
  if (targets.some((t) => t.type === "aws:cloudwatch/logGroup:LogGroup")) {
    return { free: "delivered to a log group, priced as ingestion there" };
  }
  if (!targets.some((t) => /s3\/bucket/.test(t.type)))
    throw new Unpriceable("its destination is not an S3 bucket or log group of this stack");
  const sources = index
    .referenced(r, "deliverySourceName", "aws:cloudwatch/logDeliverySource:LogDeliverySource")
    .flatMap((s) => index.referenced(s, "resourceArn"));
  const cloudfront = sources.some((s) => s.type === "aws:cloudfront/distribution:Distribution");
  const gb = cloudfront
    ? (a.cloudfrontRequestsPerMonth / 1e6) * a.accessLogGbPerMillionRequests
    : a.otherLogGbPerMonth;
  return {
    charges: [
      {
        kind: "variable",
        what: "vended log delivery to S3",
        quantity: gb,
        basis: cloudfront
          ? `CloudFront access logs, ${fmt(a.cloudfrontRequestsPerMonth / 1e6)} M requests × ${fmt(a.accessLogGbPerMillionRequests)} GB`
          : `${fmt(gb)} GB (assumed)`,
        priceKey: "logs.vendedS3Gb",
      },
    ],
  };
};

const auroraCluster: Rule = (r, { assumptions: a }) => {
  if (r.inputs.storageType === "aurora-iopt1")
    throw new Unpriceable("Aurora I/O-Optimized has no price in the table");
  if (r.inputs.engineMode === "serverless")
    throw new Unpriceable("Aurora Serverless v1 has no price in the table");
  const charges: Charge[] = [
    {
      kind: "variable",
      what: "Aurora storage",
      quantity: a.databaseStorageGb,
      basis: `${fmt(a.databaseStorageGb)} GB (assumed; backups up to the cluster's size are free)`,
      priceKey: "aurora.storageGbMonth",
    },
    {
      kind: "variable",
      what: "Aurora I/O",
      quantity: a.databaseIoMillionsPerMonth,
      basis: `${fmt(a.databaseIoMillionsPerMonth)} M requests (assumed)`,
      priceKey: "aurora.ioMillion",
    },
  ];
  if (r.inputs.manageMasterUserPassword === true) {
    charges.push({
      kind: "fixed",
      what: "RDS-managed master password secret",
      quantity: 1,
      basis: "1 secret (Secrets Manager, created by RDS)",
      priceKey: "secretsmanager.secretMonth",
    });
  }
  return { charges };
};

const auroraInstance: Rule = (r, { index, assumptions: a }) => {
  const klass = known(r, "instanceClass", r.inputs.instanceClass as string | undefined);
  if (klass !== "db.serverless")
    throw new Unpriceable(`instance class ${klass} has no price in the table`);
  const [cluster] = index.referenced(r, "clusterIdentifier", "aws:rds/cluster:Cluster");
  const scaling = cluster?.inputs.serverlessv2ScalingConfiguration ?? {};
  const min = typeof scaling.minCapacity === "number" ? scaling.minCapacity : 0.5;
  const max = typeof scaling.maxCapacity === "number" ? scaling.maxCapacity : undefined;
  const charges: Charge[] = [];
  if (min > 0) {
    charges.push({
      kind: "fixed",
      what: "Aurora Serverless v2 minimum capacity",
      quantity: min * H,
      basis: `${fmt(min)} ACU × ${H} h`,
      priceKey: "aurora.acuHour",
    });
  }
  const extra = Math.max(0, a.databaseAverageAcu - min);
  charges.push({
    kind: "variable",
    what: min > 0 ? "Aurora capacity above the minimum" : "Aurora capacity (pauses when idle)",
    quantity: (min > 0 ? extra : a.databaseAverageAcu) * a.databaseActiveHoursPerMonth,
    basis: `${fmt(min > 0 ? extra : a.databaseAverageAcu)} ACU × ${fmt(a.databaseActiveHoursPerMonth)} active h (assumed average)`,
    priceKey: "aurora.acuHour",
    ...(max !== undefined ? { note: `at most ${fmt(max)} ACU` } : {}),
  });
  return { charges };
};

const backupVault: Rule = (_r, { assumptions: a }) => ({
  charges: [
    {
      kind: "variable",
      what: "backup storage",
      quantity: a.backupStorageGb,
      basis: `${fmt(a.backupStorageGb)} GB of recovery points (assumed)`,
      priceKey: "backup.warmGbMonth",
    },
  ],
});

const secret: Rule = () => ({
  charges: [
    {
      kind: "fixed",
      what: "secret",
      quantity: 1,
      basis: "1 secret",
      priceKey: "secretsmanager.secretMonth",
    },
  ],
});

const alarm: Rule = () => ({
  charges: [
    { kind: "fixed", what: "alarm", quantity: 1, basis: "1 alarm", priceKey: "cw.alarmMonth" },
  ],
});

/** Priced resource types. Together with FREE_TYPES, every type the program creates must appear. */
export const RULES: Readonly<Record<string, Rule>> = {
  "aws:lb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:alb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:ec2/vpcEndpoint:VpcEndpoint": vpcEndpoint,
  "aws:ec2/natGateway:NatGateway": natGateway,
  "aws:ec2/eip:Eip": eip,
  "aws:ecs/service:Service": service,
  "aws:ecs/cluster:Cluster": cluster,
  "aws:appautoscaling/policy:Policy": scalingPolicy,
  "aws:kms/key:Key": kmsKey,
  "aws:cloudwatch/logGroup:LogGroup": logGroup,
  "aws:s3/bucket:Bucket": bucket,
  "aws:s3/bucketV2:BucketV2": bucket,
  "aws:ecr/repository:Repository": repository,
  "aws:wafv2/webAcl:WebAcl": webAcl,
  "aws:ec2/instance:Instance": instance,
  "aws:ebs/volume:Volume": volume,
  "aws:redshiftserverless/namespace:Namespace": namespace,
  "aws:redshiftserverless/workgroup:Workgroup": workgroup,
  "aws:codebuild/project:Project": codebuildProject,
  "aws:codepipeline/pipeline:Pipeline": pipeline,
  "aws:codecommit/repository:Repository": codecommit,
  "aws:cloudfront/distribution:Distribution": distribution,
  "aws:secretsmanager/secret:Secret": secret,
  "aws:cloudwatch/logDelivery:LogDelivery": logDelivery,
  "aws:rds/cluster:Cluster": auroraCluster,
  "aws:rds/clusterInstance:ClusterInstance": auroraInstance,
  "aws:backup/vault:Vault": backupVault,
  "aws:cloudwatch/metricAlarm:MetricAlarm": alarm,
};
