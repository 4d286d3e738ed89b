// Limits AWS enforces when the provider creates compute and workflow resources at `pulumi up`, which
// the provider's schema passes on (`by: "aws"`): Lambda runtimes AWS no longer lets a function be
// created with, an SQS event source mapping's batch size and window, Fargate task sizes, a Step
// Functions state machine's log destination, a CloudWatch alarm's total evaluation period. Each
// rule cites the AWS page that documents the limit; where AWS documents none, nothing is judged.
import type { CrossProblem, CrossRule, InputRule } from "./rule";
import type { Validator } from "./validators";
import { FARGATE_MEMORY } from "../../../components/runtime.keys";

const FUNCTION = "aws:lambda/function:Function";
const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const MACHINE = "aws:sfn/stateMachine:StateMachine";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

/**
 * The day from which Lambda refuses to create a function with the runtime (a function already
 * created keeps running): the "Block function create" column of AWS's deprecated-runtimes table
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtimes-deprecated), as
 * cfn-lint copies it for its deprecated-runtime rules E2531/W2531
 * (aws-cloudformation/cfn-lint, src/cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json,
 * `create-block`, commit 81cb349c), up to dotnet7. AWS has moved blocks later, even after a date had
 * passed (nodejs16.x's 2025-02-28 block was lifted and creates allowed again), so a row whose date
 * AWS moved since 2025 is left out until AWS's page can be read again: dotnet6, nodejs16.x,
 * nodejs18.x and python3.8 (2025-10-01 in that copy; cfn-lint's later data moves them to 2026 and
 * then 2027, aws-cloudformation/cfn-lint #4334 and #4532). One row differs from that copy: nodejs14.x, whose copy reads 2024-07-09
 * while AWS's page read "Jan 9, 2024" and creates were refused from then (AWS re:Post,
 * https://repost.aws/questions/QUHJZRlLlHRP25Cvw46Ge8BQ, "new function creation was blocked on
 * January 9th, 2024"; aws/aws-cdk discussion #29108, a refusal in February 2024). A runtime whose
 * create block is still to come, or missing from the table, is not judged here.
 */
export const RUNTIME_POLICY = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html";
export const RUNTIME_CREATE_BLOCKED: Readonly<Record<string, string>> = {
  nodejs: "2016-10-31",
  "nodejs4.3-edge": "2019-04-30",
  "dotnetcore2.0": "2019-05-30",
  "dotnetcore1.0": "2019-07-30",
  "nodejs6.10": "2019-08-12",
  "nodejs4.3": "2020-03-05",
  "nodejs8.10": "2020-03-06",
  "python2.7": "2021-07-15",
  "nodejs10.x": "2021-07-30",
  "ruby2.5": "2021-07-30",
  "dotnetcore2.1": "2022-01-05",
  "python3.6": "2022-07-18",
  "nodejs12.x": "2023-03-31",
  "dotnetcore3.1": "2023-04-03",
  "nodejs14.x": "2024-01-09",
  "python3.7": "2024-01-09",
  "ruby2.7": "2024-01-09",
  "go1.x": "2024-02-08",
  java8: "2024-02-08",
  provided: "2024-02-08",
  dotnet7: "2024-05-14",
};

/**
 * The handler @pulumi/aws gives a function it packages from a JavaScript callback
 * (`aws.lambda.CallbackFunction`, and the closures of `bucket.onObjectCreated`, `topic.onEvent`,
 * ...): the file `__index.js` it serializes the callback into, export `handler`
 * (pulumi-aws sdk/nodejs/lambda/lambdaMixins.ts). Such a function gets the runtime the package
 * defaults to when the program gives none: that default, not the program, names the runtime.
 */
export const CALLBACK_HANDLER = "__index.handler";

/**
 * A runtime Lambda no longer creates functions with on `today` (from the start of its day in
 * Pacific time, ./dayHasCome). `today` is the check's own clock unless a caller gives one.
 */
export function runtimeBlockedOn(today: Date = new Date()): Validator {
  return (v, k) => {
    if (typeof v !== "string") return [];
    const day = RUNTIME_CREATE_BLOCKED[v];
    if (!day) return [];
    return dayHasCome(day, today)
      ? [`${k} ${v}: Lambda blocks creating functions with it since ${day} (deprecated runtime)`]
      : [];
  };
}

/**
 * A function's runtime Lambda no longer creates functions with; for a callback function, which
 * gets its runtime from @pulumi/aws unless given one, the words say to pass `runtime`.
 */
export function lambdaRuntimeBlocked(today?: Date): CrossRule {
  const blocked = runtimeBlockedOn(today);
  return {
    type: FUNCTION,
    what: "a runtime Lambda no longer creates functions with",
    reads: ["runtime"],
    check: (i) =>
      blocked(i.runtime, "runtime").map((says) => ({
        prop: "runtime",
        value: i.runtime,
        says:
          i.handler === CALLBACK_HANDLER
            ? `${says}; a callback function (aws.lambda.CallbackFunction, or a closure passed ` +
              "to an event such as bucket.onObjectCreated) whose arguments give no runtime gets " +
              "the default of the @pulumi/aws the program loads: give it a supported `runtime` " +
              "there (e.g. `runtime: aws.lambda.Runtime.NodeJS22dX`), or change the one it gives"
            : says,
      })),
    fix: "a supported runtime, e.g. nodejs22.x or python3.13 (aws.lambda.Runtime)",
    source: RUNTIME_POLICY,
    by: "aws",
  };
}

/**
 * Whether a day AWS names (`YYYY-MM-DD`) has begun by `today` in every zone. The runtime policy's
 * phases start "at midnight (Pacific time zone) on the specified date" (an edition of the runtime
 * support policy page): 08:00 UTC under Pacific standard time (UTC-8), 07:00 UTC under daylight
 * time (UTC-7, from the second Sunday of March to the first Sunday of November). The check takes
 * 08:00 UTC all year: an hour late in summer, never early, so no program is refused before AWS
 * would refuse it.
 */
export function dayHasCome(day: string, today: Date): boolean {
  return today.getTime() >= Date.parse(`${day}T08:00:00Z`);
}

/**
 * A number written plain or with its unit (`unit` matched in any case, with or without a space),
 * times `scale` for the unit: "1024" → 1024, "1 vCPU" → 1024 with scale 1024; undefined otherwise.
 */
function unitsOf(v: unknown, unit: string, scale: number): number | undefined {
  const s = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : undefined;
  if (s === undefined) return undefined;
  if (/^\d+$/.test(s)) return Number(s);
  const m = new RegExp(`^(\\d*\\.?\\d+)\\s*${unit}$`, "i").exec(s);
  return m ? Number(m[1]) * scale : undefined;
}

/** A Fargate task's cpu in CPU units: "256", "1024", "1 vCPU", ".25 vcpu"; undefined otherwise. */
export const cpuUnits = (v: unknown): number | undefined => unitsOf(v, "vcpu", 1024);

/** A Fargate task's memory in MiB: "512", "1GB", "1 GB", "0.5 GB"; undefined otherwise. */
export const memoryMiB = (v: unknown): number | undefined => unitsOf(v, "gb", 1024);

/** The task sizes Fargate runs (RegisterTaskDefinition, `memory`), as the runtime's keys hold them. */
function fargateFits(cpu: number, memory: number): boolean {
  return FARGATE_MEMORY[cpu]?.includes(memory) === true;
}

/** API_RegisterTaskDefinition: `cpu`, `memory` and the table of sizes Fargate offers. */
export const REGISTER_TASK =
  "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html";

/**
 * The cpu values Windows containers run at on Fargate. API_RegisterTaskDefinition, `memory`: "The
 * CPU units cannot be less than 1 vCPU when you use Windows containers on Fargate", and the 8 vCPU
 * and 16 vCPU sizes each say "This option requires Linux platform 1.4.0 or later": 1, 2 or 4 vCPU.
 */
const WINDOWS_CPUS: readonly number[] = [1024, 2048, 4096];

/**
 * A task definition that requires FARGATE (even beside EC2) gives a task-level cpu and memory of
 * one of Fargate's sizes, and a cpu of 1, 2 or 4 vCPU for Windows containers (an operating system
 * family `WINDOWS_*`). A cpu or memory the check cannot read as units (a typo AWS may still parse)
 * is left to AWS.
 */
const fargateSize: CrossRule = {
  type: TASK,
  what: "a Fargate task's cpu and memory, one of the sizes Fargate offers",
  reads: ["requiresCompatibilities", "cpu", "memory", "runtimePlatform"],
  check: (inputs) => {
    const compat = inputs.requiresCompatibilities;
    if (!Array.isArray(compat) || !compat.includes("FARGATE")) return [];
    const missing = (["cpu", "memory"] as const).filter((p) => inputs[p] === undefined);
    if (missing.length > 0)
      return missing.map((prop) => ({
        prop,
        value: undefined,
        says: `a task definition that requires FARGATE needs a task-level ${prop}`,
      }));
    const cpu = cpuUnits(inputs.cpu);
    const memory = memoryMiB(inputs.memory);
    if (cpu === undefined || memory === undefined) return [];
    const family = inputs.runtimePlatform?.operatingSystemFamily;
    if (typeof family === "string" && family.startsWith("WINDOWS_") && !WINDOWS_CPUS.includes(cpu))
      return [
        {
          prop: "cpu",
          value: inputs.cpu,
          says: `Windows containers on Fargate run at 1, 2 or 4 vCPU (1024, 2048 or 4096), got ${cpu}`,
        },
      ];
    return fargateFits(cpu, memory)
      ? []
      : [
          {
            prop: "memory",
            value: inputs.memory,
            says: `Fargate offers no task of cpu ${cpu} with memory ${memory} MiB`,
          },
        ];
  },
  fix:
    "a Fargate size: cpu 256 with memory 512, 1024 or 2048; 512 with 1024–4096; 1024 with " +
    "2048–8192; 2048 with 4096–16384; 4096 with 8192–30720 (steps of 1024); 8192 with " +
    "16384–61440 (steps of 4096); 16384 with 32768–122880 (steps of 8192); Windows containers " +
    "at cpu 1024, 2048 or 4096 only",
  source: REGISTER_TASK,
  by: "aws",
};

/** API_LoggingConfiguration: "destinations … Required, if your log level is not set to OFF." */
const SFN_LOGGING =
  "https://docs.aws.amazon.com/step-functions/latest/apireference/API_LoggingConfiguration.html";

const machineLogDestination: CrossRule = {
  type: MACHINE,
  what: "a log destination when the state machine logs",
  reads: ["loggingConfiguration"],
  check: (inputs) => {
    const logging = inputs.loggingConfiguration;
    const level = logging?.level;
    // A level of no listed value is the provider's own refusal, at preview.
    if (!["ALL", "ERROR", "FATAL"].includes(level)) return [];
    const destination = logging.logDestination;
    return typeof destination === "string" && destination !== ""
      ? []
      : [
          {
            prop: "loggingConfiguration.logDestination",
            value: undefined,
            says: `logging level ${level} needs a log destination (a log group ARN ending in :*)`,
          },
        ];
  },
  fix: "set loggingConfiguration.logDestination to `${logGroup.arn}:*`, or level OFF",
  source: SFN_LOGGING,
  by: "aws",
};

/**
 * API_PutMetricAlarm, `Period`: "Period multiplied by EvaluationPeriods can't be more than 604,800
 * seconds. For alarms with a period of less than one hour (3,600 seconds), the total evaluation
 * period can't be longer than one day (86,400 seconds)."
 */
const PUT_ALARM =
  "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html";

const alarmEvaluationSpan: CrossRule = {
  type: ALARM,
  what: "period × evaluation periods at most 7 days (1 day under an hour's period)",
  reads: ["period", "evaluationPeriods"],
  check: (inputs) => {
    const { period, evaluationPeriods: n } = inputs;
    if (typeof period !== "number" || typeof n !== "number") return [];
    const max = period < 3600 ? 86_400 : 604_800;
    return period * n <= max
      ? []
      : [
          {
            prop: "evaluationPeriods",
            value: n,
            says: `${n} periods of ${period} s span ${period * n} s, over the ${max} s an alarm ${period < 3600 ? "with a period under an hour " : ""}may evaluate`,
          },
        ];
  },
  fix: "fewer evaluation periods or a shorter period: at most 86400 s in all for a period under 3600 s, 604800 s otherwise",
  source: PUT_ALARM,
  by: "aws",
};

const MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping";

/**
 * "Lambda parameters for Amazon SQS event source mappings": `BatchSize`, "For standard queues, the
 * maximum is 10,000. For FIFO queues, the maximum is 10."; `MaximumBatchingWindowInSeconds`,
 * "Batching window is not supported for FIFO queues".
 */
const SQS_MAPPING = "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html";
/**
 * API_CreateEventSourceMapping, `MaximumBatchingWindowInSeconds`: "For streams and Amazon SQS
 * event sources, when you set BatchSize to a value greater than 10, you must set
 * MaximumBatchingWindowInSeconds to at least 1." Judged on SQS queues only: a stream's default
 * batch size, 100, is taken without a window.
 */
const CREATE_MAPPING =
  "https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html";

/** The kind of SQS queue an event source ARN names; undefined for another source. */
function queueKind(arn: unknown): "fifo" | "standard" | undefined {
  if (typeof arn !== "string" || !/^arn:aws[a-z-]*:sqs:/.test(arn)) return undefined;
  return arn.endsWith(".fifo") ? "fifo" : "standard";
}

const sqsBatchSize: CrossRule = {
  type: MAPPING,
  what: "an SQS batch size of at most 10 000 (10 from a FIFO queue), no batching window on FIFO",
  reads: ["eventSourceArn", "batchSize", "maximumBatchingWindowInSeconds"],
  check: (inputs) => {
    const kind = queueKind(inputs.eventSourceArn);
    if (!kind) return [];
    const { batchSize: size, maximumBatchingWindowInSeconds: wait } = inputs;
    const max = kind === "fifo" ? 10 : 10_000;
    const out: CrossProblem[] = [];
    if (typeof size === "number" && size > max)
      out.push({
        prop: "batchSize",
        value: size,
        says: `batchSize ${size} is over the ${max} Lambda reads at once from a ${kind === "fifo" ? "FIFO" : "standard"} queue`,
      });
    if (kind === "fifo" && typeof wait === "number" && wait > 0)
      out.push({
        prop: "maximumBatchingWindowInSeconds",
        value: wait,
        says: `a FIFO queue takes no batching window, got ${wait} s`,
      });
    return out;
  },
  fix: "batchSize at most 10000 from a standard queue, at most 10 from a FIFO queue; no maximumBatchingWindowInSeconds on a FIFO queue",
  source: SQS_MAPPING,
  by: "aws",
};

const sqsBatchWindow: CrossRule = {
  type: MAPPING,
  what: "a batching window of at least 1 s for an SQS batch size over 10",
  reads: ["eventSourceArn", "batchSize", "maximumBatchingWindowInSeconds"],
  check: (inputs) => {
    if (queueKind(inputs.eventSourceArn) !== "standard") return [];
    const { batchSize: size, maximumBatchingWindowInSeconds: wait } = inputs;
    // Over 10 000 is the other rule's refusal.
    if (typeof size !== "number" || size <= 10 || size > 10_000) return [];
    if (typeof wait === "number" && wait >= 1) return [];
    return [
      {
        prop: "maximumBatchingWindowInSeconds",
        value: wait,
        says: `batchSize ${size} from an SQS queue needs a maximumBatchingWindowInSeconds of at least 1, got ${wait ?? "none"}`,
      },
    ];
  },
  fix: "maximumBatchingWindowInSeconds of 1 to 300 with a batchSize over 10, or a batchSize of at most 10",
  source: CREATE_MAPPING,
  by: "aws",
};

export const CREATE_COMPUTE_RULES: readonly InputRule[] = [];

export const CREATE_COMPUTE_CROSS_RULES: readonly CrossRule[] = [
  lambdaRuntimeBlocked(),
  sqsBatchSize,
  sqsBatchWindow,
  fargateSize,
  machineLogDestination,
  alarmEvaluationSpan,
];
