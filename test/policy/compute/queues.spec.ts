// SQS queues with a dead-letter queue, or serving as one (cdk-nag AwsSolutions-SQS3), from the
// provider's aws.sqs.Queue and aws.sqs.RedrivePolicy examples and a queue with neither.
import { expect } from "chai";
import {
  CLOUDWATCH_EVENT_TARGET,
  LAMBDA_FUNCTION,
  SNS_TOPIC_SUBSCRIPTION,
  SQS_QUEUE,
  SQS_REDRIVE_POLICY,
} from "../../../policy-pack/lib/types";
import { expectClean, policy, res, UNKNOWN as U, violationsOf } from "../fixture";

const DLQ_ARN = "arn:aws:sqs:us-east-1:123456789012:example-dlq";

describe("sqs-queue-dead-letter-queue", () => {
  const p = policy("sqs-queue-dead-letter-queue");
  const dlq = () => res(SQS_QUEUE, "queue_deadletter", { name: "example-deadletter-queue" });

  it("SQS3 compliant: the provider's Queue example, its redrive policy built from the DLQ's ARN", async () => {
    const d = dlq();
    const queue = res(
      SQS_QUEUE,
      "queue",
      { name: "example-queue", delaySeconds: 90, redrivePolicy: U },
      { refs: { redrivePolicy: [d] } },
    );
    await expectClean(p, [d, queue]);
  });
  it("SQS3 compliant: the provider's RedrivePolicy example (a separate resource)", async () => {
    const q = res(SQS_QUEUE, "q", { name: "examplequeue" });
    const d = dlq();
    const redrive = res(
      SQS_REDRIVE_POLICY,
      "q",
      { queueUrl: U, redrivePolicy: U },
      { refs: { queueUrl: [q], redrivePolicy: [d] } },
    );
    await expectClean(p, [q, d, redrive]);
  });
  it("SQS3 compliant: a dead-letter target named by literal ARN, and a queue allowing redrive", async () => {
    const d = res(SQS_QUEUE, "dlq", { name: "example-dlq", arn: DLQ_ARN });
    const queue = res(SQS_QUEUE, "queue", {
      name: "example-queue",
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 4 }),
    });
    const allowing = res(SQS_QUEUE, "allowing", {
      name: "allowing",
      redriveAllowPolicy: JSON.stringify({ redrivePermission: "allowAll" }),
    });
    await expectClean(p, [d, queue, allowing]);
  });
  it("SQS3 compliant: the dead-letter queue of a Lambda function, an SNS subscription or an EventBridge target", async () => {
    // The provider's Function example sets deadLetterConfig.targetArn; SNS subscriptions take a
    // redrivePolicy with deadLetterTargetArn; EventBridge targets a deadLetterConfig.arn.
    const fnDlq = dlq();
    const fn = res(
      LAMBDA_FUNCTION,
      "fn",
      { name: "fn", deadLetterConfig: { targetArn: U } },
      { refs: { deadLetterConfig: [fnDlq] } },
    );
    await expectClean(p, [fnDlq, fn]);
    const subDlq = dlq();
    const sub = res(
      SNS_TOPIC_SUBSCRIPTION,
      "sub",
      { protocol: "lambda", redrivePolicy: U },
      { refs: { redrivePolicy: [subDlq] } },
    );
    await expectClean(p, [subDlq, sub]);
    const ruleDlq = res(SQS_QUEUE, "rule-dlq", { name: "rule-dlq", arn: DLQ_ARN });
    const target = res(CLOUDWATCH_EVENT_TARGET, "target", {
      rule: "nightly",
      arn: "arn:aws:lambda:us-east-1:123456789012:function:fn",
      deadLetterConfig: { arn: DLQ_ARN },
    });
    await expectClean(p, [ruleDlq, target]);
  });
  it("SQS3: an EventBridge target's queue (not its dead-letter queue) still needs one", async () => {
    const q = res(SQS_QUEUE, "events", { name: "events" });
    const target = res(
      CLOUDWATCH_EVENT_TARGET,
      "target",
      { rule: "nightly", arn: U },
      { refs: { arn: [q] } },
    );
    expect(await violationsOf(p.name, [q, target])).to.have.length(1);
  });
  it("SQS3: a queue with no dead-letter queue that is not one", async () => {
    expect(
      await violationsOf(p.name, [res(SQS_QUEUE, "queue", { name: "example-queue" })]),
    ).to.deep.equal([
      "queue: The queue has no dead-letter queue and is not one: failing messages are retried " +
        "until they expire.",
    ]);
  });
});
