// Cases of the provider-input spec (provider-inputs.spec.ts), merged into those of
// provider-inputs-cases.ts: the create-time limits of rules-create-definitions.ts (a state
// machine's definition, WAFv2 rule priorities, an SSM parameter's value for its tier) and of
// rules-create-compute.ts for a Lambda event source mapping from SQS (batch size, batching
// window), and of rules-create-services.ts for a CodeBuild project's Lambda compute type. Each
// bound is met by the compliant resource and crossed by one broken case.
import type { Case } from "./provider-inputs-cases";

export const MACHINE = "aws:sfn/stateMachine:StateMachine";
export const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
export const RULE_GROUP = "aws:wafv2/ruleGroup:RuleGroup";
export const PARAMETER = "aws:ssm/parameter:Parameter";

/**
 * A definition that uses every transition the check reads: a Choice with rules and a default, a
 * catcher, a Parallel branch and a Map processor, each inner machine naming its own states.
 */
export const DEFINITION = {
  Comment: "orders",
  StartAt: "Route",
  States: {
    Route: {
      Type: "Choice",
      Choices: [{ Variable: "$.kind", StringEquals: "bulk", Next: "Fan" }],
      Default: "Work",
    },
    Work: {
      Type: "Task",
      Resource: "arn:aws:lambda:us-east-1:123456789012:function:work",
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "Failed" }],
      Next: "Done",
    },
    Fan: {
      Type: "Parallel",
      Branches: [
        { StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Succeed" } } },
      ],
      Next: "Each",
    },
    Each: {
      Type: "Map",
      ItemProcessor: { StartAt: "One", States: { One: { Type: "Pass", End: true } } },
      End: true,
    },
    Done: { Type: "Succeed" },
    Failed: { Type: "Fail" },
  },
};
const definition = (change: (d: typeof DEFINITION) => unknown) =>
  JSON.stringify(change(JSON.parse(JSON.stringify(DEFINITION)) as typeof DEFINITION));

const VISIBILITY = {
  cloudwatchMetricsEnabled: false,
  metricName: "rules",
  sampledRequestsEnabled: false,
};
/** A WAFv2 rule of `name` at `priority`. */
export const wafRule = (name: string, priority: number) => ({
  name,
  priority,
  action: { block: {} },
  statement: { geoMatchStatement: { countryCodes: ["KP"] } },
  visibilityConfig: { ...VISIBILITY, metricName: name },
});

/** The inputs added to the first files' compliant resources, each at a bound AWS accepts. */
export const DEFINITIONS_COMPLIANT: Record<string, Record<string, unknown>> = {
  [MACHINE]: { definition: JSON.stringify(DEFINITION) },
  [RULE_GROUP]: {
    name: "geo",
    scope: "REGIONAL",
    capacity: 10,
    visibilityConfig: VISIBILITY,
    rules: [wafRule("a", 0), wafRule("b", 1)],
  },
  [PARAMETER]: { value: "v".repeat(8192) },
};

export const DEFINITIONS_BROKEN: Case[] = [
  [MACHINE, "definition", "StartAt: Work", "the definition is not JSON"],
  [MACHINE, "definition", "[]", "the definition is not a JSON object"],
  [
    MACHINE,
    "definition",
    definition((d) => ({ ...d, States: {} })),
    "the definition has no States (an object of at least one state)",
  ],
  [
    MACHINE,
    "definition",
    definition((d) => ({ ...d, StartAt: undefined })),
    "the definition has no StartAt naming its first state",
  ],
  [
    MACHINE,
    "definition",
    definition((d) => ({ ...d, StartAt: "route" })),
    'the definition: StartAt "route" names no state of its States',
  ],
  [
    MACHINE,
    "definition",
    definition((d) => ((d.States.Work.Next = "Finish"), d)),
    'the definition: state "Work" Next "Finish" names no state of its States',
  ],
  [
    MACHINE,
    "definition",
    definition((d) => ((d.States.Route.Default = "work"), d)),
    'state "Route" Default "work" names no state',
  ],
  [
    MACHINE,
    "definition",
    definition((d) => ((d.States.Route.Choices[0].Next = "Fanout"), d)),
    'state "Route" Choices[0].Next "Fanout" names no state',
  ],
  [
    MACHINE,
    "definition",
    definition((d) => ((d.States.Work.Catch[0].Next = "Fail"), d)),
    'state "Work" Catch[0].Next "Fail" names no state',
  ],
  // A branch names its own states only: the top block's Done is not one of them.
  [
    MACHINE,
    "definition",
    definition((d) => ((d.States.Fan.Branches[0].States.A.Next = "Done"), d)),
    'state "Fan" Branches[0]: state "A" Next "Done" names no state of its States',
  ],
  [
    MACHINE,
    "definition",
    definition((d) => ((d.States.Each.ItemProcessor.StartAt = "Route"), d)),
    'state "Each" ItemProcessor: StartAt "Route" names no state',
  ],
  // A Map's Iterator, the older name of ItemProcessor, is a block of its own too.
  [
    MACHINE,
    "definition",
    definition((d) => {
      const { ItemProcessor, ...each } = d.States.Each;
      return {
        ...d,
        States: {
          ...d.States,
          Each: { ...each, Iterator: { ...ItemProcessor, StartAt: "Route" } },
        },
      };
    }),
    'state "Each" Iterator: StartAt "Route" names no state',
  ],
  // Names Object.prototype holds are no states of a definition's own.
  [
    MACHINE,
    "definition",
    definition((d) => ({ ...d, StartAt: "toString" })),
    'the definition: StartAt "toString" names no state of its States',
  ],
  [
    MACHINE,
    "definition",
    definition((d) => ((d.States.Work.Next = "constructor"), d)),
    'the definition: state "Work" Next "constructor" names no state of its States',
  ],
  [
    WEB_ACL,
    "rules",
    [wafRule("geo", 1), wafRule("rate", 2), wafRule("ip", 1)],
    "priority 1 is given to 2 rules (geo, ip): each rule needs its own",
  ],
  [
    WEB_ACL,
    "ruleJson",
    JSON.stringify([
      { Name: "a", Priority: 5 },
      { Name: "b", Priority: 5 },
    ]),
    "priority 5 is given to 2 rules (a, b)",
    { rules: undefined },
  ],
  [
    RULE_GROUP,
    "rules",
    [wafRule("a", 0), wafRule("b", 0)],
    "priority 0 is given to 2 rules (a, b)",
  ],
  [
    PARAMETER,
    "value",
    "v".repeat(8193),
    "the value is 8193 characters, over the 8192 an Intelligent-Tiering parameter holds",
  ],
  [
    PARAMETER,
    "value",
    "v".repeat(4097),
    "the value is 4097 characters, over the 4096 a Standard parameter holds",
    { tier: "Standard", value: "v".repeat(4096) },
  ],
  [
    PARAMETER,
    "insecureValue",
    "€".repeat(8193),
    "the insecureValue is 8193 characters, over the 8192 an Advanced parameter holds",
    { tier: "Advanced", type: "String", value: undefined, insecureValue: "€".repeat(8192) },
  ],
];

export const MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping";
export const QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:orders";

/** The Lambda event source mapping's compliant inputs: a standard queue at its largest batch. */
export const MAPPING_COMPLIANT: Record<string, Record<string, unknown>> = {
  [MAPPING]: {
    eventSourceArn: QUEUE_ARN,
    functionName: "worker",
    batchSize: 10_000,
    maximumBatchingWindowInSeconds: 1,
  },
};

export const MAPPING_BROKEN: Case[] = [
  [
    MAPPING,
    "batchSize",
    10_001,
    "batchSize 10001 is over the 10000 Lambda reads at once from a standard queue",
  ],
  [
    MAPPING,
    "batchSize",
    11,
    "batchSize 11 is over the 10 Lambda reads at once from a FIFO queue",
    {
      eventSourceArn: `${QUEUE_ARN}.fifo`,
      batchSize: 10,
      maximumBatchingWindowInSeconds: undefined,
    },
  ],
  [
    MAPPING,
    "maximumBatchingWindowInSeconds",
    5,
    "a FIFO queue takes no batching window, got 5 s",
    { eventSourceArn: `${QUEUE_ARN}.fifo`, batchSize: 10, maximumBatchingWindowInSeconds: 0 },
  ],
  [
    MAPPING,
    "maximumBatchingWindowInSeconds",
    0,
    "batchSize 10000 from an SQS queue needs a maximumBatchingWindowInSeconds of at least 1, got 0",
  ],
  [
    MAPPING,
    "maximumBatchingWindowInSeconds",
    undefined,
    "batchSize 11 from an SQS queue needs a maximumBatchingWindowInSeconds of at least 1, got none",
    { batchSize: 11 },
  ],
];

export const PROJECT = "aws:codebuild/project:Project";
/** A CodeBuild environment of `computeType` on environment `type`. */
export const buildEnvironment = (computeType: string, type: string) => ({
  computeType,
  image: "aws/codebuild/amazonlinux-x86_64-lambda-standard:nodejs20",
  type,
});

export const PROJECT_BROKEN: Case[] = [
  [
    PROJECT,
    "environment",
    buildEnvironment("BUILD_LAMBDA_2GB", "LINUX_CONTAINER"),
    "compute type BUILD_LAMBDA_2GB runs only on environment type LINUX_LAMBDA_CONTAINER or ARM_LAMBDA_CONTAINER, not LINUX_CONTAINER",
  ],
];
