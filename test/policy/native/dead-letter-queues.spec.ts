// sqs-queue-dead-letter-queue on aws-native queues: a queue passes when its redrivePolicy (a JSON
// object in aws-native) names a dead-letter queue, or when it is one (another queue's redrivePolicy
// or a native Lambda function's deadLetterConfig names it, or it carries a redriveAllowPolicy); a
// queue that is neither is reported. A redrivePolicy unknown at preview is set (its dead-letter
// queue's ARN is what is not known yet), so it passes, as the classic queue's does.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, res, UNKNOWN, violationsOf } from "../fixture";

const rule = "sqs-queue-dead-letter-queue";
const DLQ_ARN = "arn:aws:sqs:eu-west-1:123456789012:jobs-dlq";
const FINDING =
  "The queue has no dead-letter queue and is not one: failing messages are retried until they expire.";

/** The dead-letter queue, its ARN an output (known after the apply, as in the engine). */
const dlq = res(
  n.NATIVE_SQS_QUEUE,
  "jobs-dlq",
  { queueName: "jobs-dlq" },
  {
    outputs: { queueName: "jobs-dlq", arn: DLQ_ARN },
  },
);
/** A queue whose redrivePolicy sends to `dlq` (by reference), or with `over` instead. */
const queue = (over: Record<string, unknown> = {}) =>
  res(
    n.NATIVE_SQS_QUEUE,
    "jobs",
    {
      queueName: "jobs",
      redrivePolicy: { deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 5 },
      ...over,
    },
    { refs: { redrivePolicy: [dlq] } },
  );

describe("aws-native SQS queues and their dead-letter queues", () => {
  it("compliant: the queue redrives to the dead-letter queue, which is one", async () => {
    await expectClean(policy(rule), [dlq, queue()]);
  });
  it("the dead-letter queue found by the literal ARN in the redrivePolicy object", async () => {
    const literal = res(n.NATIVE_SQS_QUEUE, "jobs", {
      queueName: "jobs",
      redrivePolicy: { deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 5 },
    });
    await expectClean(policy(rule), [dlq, literal]);
  });
  it("no redrivePolicy: both queues reported", async () => {
    const alone = res(n.NATIVE_SQS_QUEUE, "jobs", { queueName: "jobs" });
    const found = await violationsOf(rule, [dlq, alone]);
    expect(found).to.deep.equal([`jobs-dlq: ${FINDING}`, `jobs: ${FINDING}`]);
  });
  it("a redriveAllowPolicy makes a queue a dead-letter queue", async () => {
    const allowing = res(n.NATIVE_SQS_QUEUE, "jobs-dlq", {
      queueName: "jobs-dlq",
      redriveAllowPolicy: { redrivePermission: "allowAll" },
    });
    await expectClean(policy(rule), [allowing]);
  });
  it("a native Lambda function's deadLetterConfig makes a queue a dead-letter queue", async () => {
    const fn = res(
      n.NATIVE_LAMBDA_FUNCTION,
      "worker",
      { functionName: "worker", deadLetterConfig: { targetArn: DLQ_ARN } },
      { refs: { deadLetterConfig: [dlq] } },
    );
    await expectClean(policy(rule), [dlq, fn]);
  });
  it("redrivePolicy unknown at preview: set (built from the dead-letter queue), so passes", async () => {
    await expectClean(policy(rule), [dlq, queue({ redrivePolicy: UNKNOWN })]);
  });
});
