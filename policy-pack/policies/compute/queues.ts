// SQS queues: a message that keeps failing goes to a dead-letter queue instead of being retried
// until it expires.
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../../lib/define";
import { literalId } from "../../lib/references";
import { SQS_QUEUE, SQS_REDRIVE_POLICY } from "../../lib/types";
import { get, holdsValue, jsonDocument } from "../../lib/values";
import { awsDocs, cdkNag } from "../../lib/controls";

/** The dead-letter target a redrive policy names by literal ARN, if any. */
function literalTarget(r: PolicyResource): string | undefined {
  const v = get(r.props, "redrivePolicy");
  if (!v.known || typeof v.value !== "string") return undefined;
  const target = jsonDocument(v.value)?.deadLetterTargetArn;
  return typeof target === "string" ? target : undefined;
}

export const sqsQueueDeadLetterQueue = stackPolicy({
  name: "sqs-queue-dead-letter-queue",
  description:
    "SQS queues either send messages that keep failing to a dead-letter queue (the queue's " +
    "redrivePolicy, or an aws.sqs.RedrivePolicy for it) or are themselves a dead-letter queue " +
    "(named by another queue's redrive policy, or carrying a redriveAllowPolicy). A queue has no " +
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
  types: [SQS_QUEUE, SQS_REDRIVE_POLICY],
  appliesTo: SQS_QUEUE,
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
    for (const queue of queues) {
      ctx.each(queue, () => {
        if (holdsValue(() => queue.props.redrivePolicy)) return;
        if (holdsValue(() => queue.props.redriveAllowPolicy)) return;
        if (ctx.index.referrers(queue, "queueUrl", SQS_REDRIVE_POLICY).length > 0) return;
        if (ctx.index.referrers(queue, "redrivePolicy", SQS_QUEUE, SQS_REDRIVE_POLICY).length > 0) {
          return;
        }
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
