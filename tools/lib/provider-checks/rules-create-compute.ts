// Limits AWS enforces when the provider creates compute and workflow resources at `pulumi up`, which
// the provider's schema passes on (`by: "aws"`): Lambda runtimes AWS no longer lets a function be
// created with, Fargate task sizes, a Step Functions state machine's log destination, a CloudWatch
// alarm's total evaluation period. Each rule cites the AWS page that documents the limit; where AWS
// documents none, nothing is judged.
import type { CrossRule, InputRule } from "./rule";
import { awsRule } from "./rule";
import type { Validator } from "./validators";

const FUNCTION = "aws:lambda/function:Function";
const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const MACHINE = "aws:sfn/stateMachine:StateMachine";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

/**
 * The day from which Lambda refuses to create a function with the runtime (a function already
 * created keeps running), as the runtime support policy page states it: its deprecation table's
 * "Deprecation (Create)" column (nodejs to nodejs8.10); a later edition's "Deprecation completed
 * date" of nodejs10.x (creates and updates both blocked by then); and its sentence "End of support
 * (phase 1) for the Python 2.7 runtime started on July 15, 2021", phase 1 being when "you can no
 * longer create functions that use the runtime". Only dates the page states are listed; a runtime
 * AWS has announced for a later date, or whose date it has moved, is not judged here.
 */
export const RUNTIME_POLICY =
  "https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html";
export const RUNTIME_CREATE_BLOCKED: Readonly<Record<string, string>> = {
  nodejs: "2016-10-31",
  "nodejs4.3": "2018-12-15",
  "nodejs4.3-edge": "2018-12-15",
  "nodejs6.10": "2019-04-30",
  "dotnetcore2.0": "2019-04-30",
  "dotnetcore1.0": "2019-06-27",
  "nodejs8.10": "2020-01-06",
  "nodejs10.x": "2021-05-28",
  "python2.7": "2021-07-15",
};

/**
 * A runtime Lambda no longer creates functions with on `today` (the policy's days start at
 * midnight, Pacific time). `today` is the check's own clock unless a caller gives one.
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
 * Whether a day AWS names (`YYYY-MM-DD`) has begun by `today` everywhere: from midnight Pacific
 * time (08:00 UTC), the zone AWS's deprecation tables use, so no zone sees a refusal early.
 */
export function dayHasCome(day: string, today: Date): boolean {
  return today.getTime() >= Date.parse(`${day}T08:00:00Z`);
}

/** A Fargate task's cpu in CPU units: "256", "1024", "1 vCPU", ".25 vcpu"; undefined otherwise. */
export function cpuUnits(v: unknown): number | undefined {
  const s = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : undefined;
  if (s === undefined) return undefined;
  if (/^\d+$/.test(s)) return Number(s);
  const vcpu = /^(\d*\.?\d+)\s*vcpu$/i.exec(s);
  return vcpu ? Number(vcpu[1]) * 1024 : undefined;
}

/** A Fargate task's memory in MiB: "512", "1GB", "1 GB", "0.5 GB"; undefined otherwise. */
export function memoryMiB(v: unknown): number | undefined {
  const s = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : undefined;
  if (s === undefined) return undefined;
  if (/^\d+$/.test(s)) return Number(s);
  const gb = /^(\d*\.?\d+)\s*gb$/i.exec(s);
  return gb ? Number(gb[1]) * 1024 : undefined;
}

/**
 * The task sizes Fargate runs (RegisterTaskDefinition, `memory`): for each cpu, the memory values
 * in MiB, as a list or as [from, to, step].
 */
const FARGATE_SIZES: ReadonlyMap<number, readonly number[] | readonly [number, number, number]> =
  new Map<number, readonly number[] | readonly [number, number, number]>([
    [256, [512, 1024, 2048]],
    [512, [1024, 4096, 1024]],
    [1024, [2048, 8192, 1024]],
    [2048, [4096, 16384, 1024]],
    [4096, [8192, 30720, 1024]],
    [8192, [16384, 61440, 4096]],
    [16384, [32768, 122880, 8192]],
  ]);

function fargateFits(cpu: number, memory: number): boolean {
  const sizes = FARGATE_SIZES.get(cpu);
  if (!sizes) return false;
  if (cpu === 256) return sizes.includes(memory);
  const [from, to, step] = sizes;
  return memory >= from && memory <= to && (memory - from) % step === 0;
}

/** API_RegisterTaskDefinition: `cpu`, `memory` and the table of sizes Fargate offers. */
export const REGISTER_TASK =
  "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html";

/**
 * A task definition that requires FARGATE (even beside EC2) gives a task-level cpu and memory of
 * one of Fargate's sizes, and at least 1 vCPU for Windows containers. A cpu or memory the check
 * cannot read as units (a typo AWS may still parse) is left to AWS.
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
    if (typeof family === "string" && family.startsWith("WINDOWS") && cpu < 1024)
      return [
        {
          prop: "cpu",
          value: inputs.cpu,
          says: `Windows containers on Fargate need at least 1 vCPU (1024), got ${cpu}`,
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
    "16384–61440 (steps of 4096); 16384 with 32768–122880 (steps of 8192)",
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

export const CREATE_COMPUTE_RULES: readonly InputRule[] = [
  awsRule(
    FUNCTION,
    "runtime",
    "runtime",
    runtimeBlockedOn(),
    "a supported runtime, e.g. nodejs22.x or python3.13 (aws.lambda.Runtime)",
    RUNTIME_POLICY,
  ),
];

export const CREATE_COMPUTE_CROSS_RULES: readonly CrossRule[] = [
  fargateSize,
  machineLogDestination,
  alarmEvaluationSpan,
];
