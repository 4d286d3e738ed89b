// Step Functions state machines log their executions and trace them with X-Ray.
import { resourcePolicy } from "../../lib/define";
import { SFN_STATE_MACHINE } from "../../lib/types";
import { NATIVE_SFN_STATE_MACHINE } from "../../lib/native/types";
import { holdsValue, flagOn } from "../../lib/values";
import { checkov, fsbp } from "../../lib/controls";

interface ExecutionLoggingConfig {
  readonly requireExecutionData: boolean;
}

export const sfnExecutionLogging = resourcePolicy<ExecutionLoggingConfig>({
  name: "sfn-state-machine-logging",
  description:
    "Step Functions state machines log their execution history to CloudWatch Logs: " +
    "loggingConfiguration with a level other than OFF, a log destination, and " +
    "includeExecutionData (the input and output of each state) unless configured otherwise.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    'Set `loggingConfiguration: { level: "ALL" (or "ERROR"), includeExecutionData: true, ' +
    "logDestination: pulumi.interpolate`${logGroup.arn}:*` }` with a log group encrypted with " +
    "the stack's key. Where states carry data that must not reach the logs, set " +
    "`requireExecutionData: false` in this policy's config.",
  references: [checkov("CKV_AWS_285"), fsbp("StepFunctions.1")],
  config: {
    requireExecutionData: {
      type: "boolean",
      description:
        "Require includeExecutionData (Checkov CKV_AWS_285); false accepts logging without the states' input and output.",
      default: true,
    },
  },
  types: [SFN_STATE_MACHINE, NATIVE_SFN_STATE_MACHINE],
  check: (props, ctx) => {
    const logging = props.loggingConfiguration;
    // Step Functions API, LoggingConfiguration.level: "Defines which category of execution
    // history events are logged"; OFF is the default.
    const level = logging?.level;
    if (!logging || level === undefined || level === null || level === "OFF") {
      ctx.report("loggingConfiguration.level is OFF or not set: executions are not logged.");
      return;
    }
    if (!holdsValue(() => logging.logDestination)) {
      ctx.report("loggingConfiguration has no logDestination.");
    }
    if (ctx.config.requireExecutionData && !flagOn(logging.includeExecutionData)) {
      ctx.report("loggingConfiguration.includeExecutionData is not true.");
    }
  },
});

export const sfnTracing = resourcePolicy({
  name: "sfn-state-machine-tracing",
  description:
    "Step Functions state machines trace executions with AWS X-Ray (tracingConfiguration.enabled).",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Set `tracingConfiguration: { enabled: true }` and let the role write to X-Ray.",
  references: [checkov("CKV_AWS_284")],
  types: [SFN_STATE_MACHINE, NATIVE_SFN_STATE_MACHINE],
  check: (props, ctx) => {
    if (!flagOn(props.tracingConfiguration?.enabled)) {
      ctx.report("tracingConfiguration.enabled is not true.");
    }
  },
});
