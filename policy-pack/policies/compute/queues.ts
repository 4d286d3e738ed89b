// SQS queues: a message that keeps failing goes to a dead-letter queue instead of being retried
// until it expires.
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { literalId } from "../../lib/references";
import {
  CLOUDWATCH_EVENT_TARGET,
  LAMBDA_FUNCTION,
  SNS_TOPIC_SUBSCRIPTION,
  SQS_QUEUE,
  SQS_REDRIVE_POLICY,
} from "../../lib/types";
import { get, holdsValue, jsonDocument, peek } from "../../lib/values";
import { awsDocs, cdkNag } from "../../lib/controls";
import { NATIVE_SQS_QUEUE } from "../../lib/native/types";
import { withNativeTwins } from "../../lib/native/twins";

/**
 * The dead-letter target a redrive policy names by literal ARN, if any: JSON text in the classic
 * providers, a JSON object in aws-native (AWS::SQS::Queue and AWS::SNS::Subscription RedrivePolicy
 * are JSON, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html),
 * whose target ARN may be unknown at preview (the dead-letter queue's own output).
 */
function literalTarget(r: PolicyResource): string | undefined {
  const v = get(r.props, "redrivePolicy");
  if (!v.known) return undefined;
  const value = v.value;
  const doc = jsonDocument(value);
  const target = peek(() => doc?.deadLetterTargetArn);
  return target.known && typeof target.value === "string" ? target.value : undefined;
}

/**
 * The dead-letter queues other services send to: the input that names the queue, and the queue's
 * ARN in it. A Lambda function's `deadLetterConfig.targetArn` (asynchronous invocations that
 * fail), an SNS subscription's `redrivePolicy` (undeliverable messages, JSON with
 * `deadLetterTargetArn`), an EventBridge target's `deadLetterConfig.arn` (events it cannot
 * deliver): the Lambda, SNS and EventBridge guides each call the queue a dead-letter queue.
 */
const OTHER_DEAD_LETTER_SETTINGS: readonly {
  readonly type: string;
  readonly prop: string;
  readonly arn: (r: PolicyResource) => unknown;
}[] = [
  {
    type: LAMBDA_FUNCTION,
    prop: "deadLetterConfig",
    arn: (r) => r.props.deadLetterConfig?.targetArn,
  },
  { type: SNS_TOPIC_SUBSCRIPTION, prop: "redrivePolicy", arn: literalTarget },
  {
    type: CLOUDWATCH_EVENT_TARGET,
    prop: "deadLetterConfig",
    arn: (r) => r.props.deadLetterConfig?.arn,
  },
];

export const sqsQueueDeadLetterQueue = stackPolicy({
  name: "sqs-queue-dead-letter-queue",
  description:
    "SQS queues either send messages that keep failing to a dead-letter queue (the queue's " +
    "redrivePolicy, or an aws.sqs.RedrivePolicy for it) or are themselves a dead-letter queue " +
    "(named by another queue's redrive policy, by a Lambda function's or EventBridge target's " +
    "deadLetterConfig or by an SNS subscription's redrivePolicy, or carrying a " +
    "redriveAllowPolicy). A queue has no " +
    "dead-letter queue unless one is set. Advisory.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Create a dead-letter queue and set `redrivePolicy: pulumi.jsonStringify({ " +
    "deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 })` on the queue.",
  references: [
    cdkNag("AwsSolutions-SQS3"),
    awsDocs("AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues"),
  ],
  // An aws-native Queue (redrivePolicy and redriveAllowPolicy as JSON objects) and Function
  // (deadLetterConfig { targetArn }) read as their classic twins.
  types: withNativeTwins([
    SQS_QUEUE,
    SQS_REDRIVE_POLICY,
    ...OTHER_DEAD_LETTER_SETTINGS.map((s) => s.type),
  ]),
  appliesTo: [SQS_QUEUE, NATIVE_SQS_QUEUE],
  check: (ctx) => {
    const queues = ctx.index.ofType(SQS_QUEUE);
    if (queues.length === 0) return;
    const policies = ctx.index.ofType(SQS_REDRIVE_POLICY);
    // Dead-letter targets named by literal ARN, and queues a RedrivePolicy names by literal URL.
    const targets = new Set<string>();
    const urls = new Set<string>();
    for (const r of [...queues, ...policies]) {
      const t = literalTarget(r);
      if (t) targets.add(t);
    }
    for (const p of policies) {
      const url = get(p.props, "queueUrl");
      if (url.known && typeof url.value === "string") urls.add(url.value);
    }
    for (const { type, arn } of OTHER_DEAD_LETTER_SETTINGS) {
      for (const r of ctx.index.ofType(type)) {
        // An ARN unknown at preview is the queue's own output: its reference is followed below.
        const t = peek(() => arn(r));
        if (t.known && typeof t.value === "string") targets.add(t.value);
      }
    }
    for (const queue of queues) {
      ctx.each(queue, () => {
        if (holdsValue(() => queue.props.redrivePolicy)) return;
        if (holdsValue(() => queue.props.redriveAllowPolicy)) return;
        if (ctx.index.referrers(queue, "queueUrl", SQS_REDRIVE_POLICY).length > 0) return;
        if (ctx.index.referrers(queue, "redrivePolicy", SQS_QUEUE, SQS_REDRIVE_POLICY).length > 0) {
          return;
        }
        const servedBy = OTHER_DEAD_LETTER_SETTINGS.some(
          ({ type, prop }) => ctx.index.referrers(queue, prop, type).length > 0,
        );
        if (servedBy) return;
        const keys = [literalId(queue), get(queue.props, "url"), get(queue.props, "arn")];
        for (const k of keys) {
          const value = typeof k === "object" ? (k.known ? k.value : undefined) : k;
          if (typeof value === "string" && (urls.has(value) || targets.has(value))) return;
        }
        ctx.report(
          queue,
          "The queue has no dead-letter queue and is not one: failing messages are retried " +
            "until they expire.",
        );
      });
    }
  },
});
