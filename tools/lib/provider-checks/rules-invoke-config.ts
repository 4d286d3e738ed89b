// A Lambda function's asynchronous invocation settings (aws.lambda.FunctionEventInvokeConfig): the
// attribute validators of the provider's schema (internal/service/lambda/
// function_event_invoke_config.go), which its Check runs at `pulumi preview`: an event age of 60 to
// 21600 seconds and 0 to 2 retries (validation.IntBetween), and each destination, on failure and
// on success, an ARN (verify.ValidARN): a queue's, topic's, function's or event bus's `arn`
// output, not a queue URL or a function name.
import { arnInputs, inputRule, type InputRule } from "./rule";
import { intBetween } from "./validators";

const CONFIG = "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig";
const FILE = "internal/service/lambda/function_event_invoke_config.go";

const DESTINATION_FIX =
  "the ARN of an SQS queue, SNS topic, Lambda function or EventBridge event bus (its `arn` " +
  "output), not a queue URL or a function name";

export const INVOKE_CONFIG_RULES: readonly InputRule[] = [
  inputRule(
    CONFIG,
    "maximumEventAgeInSeconds",
    "maximum_event_age_in_seconds",
    intBetween(60, 21600),
    "an event age of 60 seconds to 21600 (6 hours)",
    FILE,
  ),
  inputRule(
    CONFIG,
    "maximumRetryAttempts",
    "maximum_retry_attempts",
    intBetween(0, 2),
    "0, 1 or 2 retries",
    FILE,
  ),
  ...arnInputs(CONFIG, FILE, [
    [
      "destinationConfig.onFailure.destination",
      "destination_config.0.on_failure.0.destination",
      DESTINATION_FIX,
    ],
    [
      "destinationConfig.onSuccess.destination",
      "destination_config.0.on_success.0.destination",
      DESTINATION_FIX,
    ],
  ]),
];
