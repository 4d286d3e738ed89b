// SNS topic subscriptions: the provider's own check when it plans one (a filter policy scope needs
// a filter policy, resourceTopicSubscriptionCustomizeDiff), refused at `pulumi preview`; and what
// AWS's Subscribe refuses at `pulumi up`, which the provider passes on (`by: "aws"`): an endpoint of
// the shape its protocol takes, and a Firehose subscription's role. An e-mail address or a phone
// number is not judged: the page names no format for either beyond "an email address" and "the
// phone number of an SMS-enabled device". And where an SQS queue's undelivered messages go: a
// dead-letter queue of the source queue's own type, FIFO for FIFO, standard for standard.
import type { CrossProblem, CrossRule } from "./rule";
import { parsedJson } from "./validators";
import { isTrue } from "./bool-input";

const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const SNS_GO = "internal/service/sns/topic_subscription.go";

/**
 * API_Subscribe, `Endpoint`: "For the http protocol, the (public) endpoint is a URL beginning with
 * http://. For the https protocol, the (public) endpoint is a URL beginning with https://. … For
 * the sqs protocol, the endpoint is the ARN of an Amazon SQS queue. For the application protocol,
 * the endpoint is the EndpointArn of a mobile app and device. For the lambda protocol, the endpoint
 * is the ARN of an Lambda function. For the firehose protocol, the endpoint is the ARN of an Amazon
 * Data Firehose delivery stream." `Attributes`, `SubscriptionRoleArn`: "Specifying a valid ARN for
 * this attribute is required for Firehose delivery stream subscriptions." (AWS refuses a mismatch
 * with "Invalid parameter: Endpoint must match the specified protocol".)
 */
const SUBSCRIBE = "https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html";

/** An ARN's service and resource; undefined for a text that is not an ARN. */
function arnParts(text: string): { service: string; resource: string } | undefined {
  const parts = text.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return { service: parts[2], resource: parts.slice(5).join(":") };
}

/** An ARN of `service` whose resource starts with `prefix`. */
const arnOf =
  (service: string, prefix = "") =>
  (text: string): boolean => {
    const arn = arnParts(text);
    return arn !== undefined && arn.service === service && arn.resource.startsWith(prefix);
  };

/** What each protocol's endpoint is, and how to tell one. */
const ENDPOINTS: Readonly<Record<string, { is: (text: string) => boolean; what: string }>> = {
  http: { is: (t) => /^http:\/\//i.test(t), what: "a URL beginning with http://" },
  https: { is: (t) => /^https:\/\//i.test(t), what: "a URL beginning with https://" },
  sqs: { is: arnOf("sqs"), what: "the ARN of an SQS queue" },
  lambda: { is: arnOf("lambda", "function:"), what: "the ARN of a Lambda function" },
  firehose: {
    is: arnOf("firehose", "deliverystream/"),
    what: "the ARN of a Firehose delivery stream",
  },
  application: {
    is: arnOf("sns", "endpoint/"),
    what: "the EndpointArn of a mobile app and device",
  },
};

/** A filter policy scope only with a filter policy: the provider's check when it plans the create. */
const scopeNeedsPolicy: CrossRule = {
  type: SUBSCRIPTION,
  what: "a filter policy scope only with a filter policy",
  reads: ["filterPolicy", "filterPolicyScope"],
  check: (inputs) => {
    const scope = inputs.filterPolicyScope;
    const policy = inputs.filterPolicy;
    // `""` read leniently (./rule.ts): a policy given as "" counts as given, a scope as absent.
    const hasPolicy = policy !== undefined && policy !== null;
    if (scope === undefined || scope === null || scope === "" || hasPolicy) return [];
    return [
      {
        prop: "filterPolicyScope",
        value: scope,
        says: "filter_policy is required when filter_policy_scope is set",
      },
    ];
  },
  fix: "give filterPolicy (the JSON filter policy the scope applies to), or leave filterPolicyScope out",
  source: SNS_GO,
};

/** The endpoint of the protocol's shape. */
const endpointShape: CrossRule = {
  type: SUBSCRIPTION,
  what: "an endpoint of the shape its protocol takes",
  reads: ["protocol", "endpoint"],
  check: (inputs): CrossProblem[] => {
    const { protocol, endpoint } = inputs;
    const shape = typeof protocol === "string" ? ENDPOINTS[protocol] : undefined;
    if (!shape || typeof endpoint !== "string" || endpoint === "" || shape.is(endpoint)) return [];
    return [
      {
        prop: "endpoint",
        value: endpoint,
        says: `a ${protocol} subscription's endpoint is ${shape.what}, not ${JSON.stringify(endpoint)}`,
      },
    ];
  },
  fix:
    "the endpoint its protocol takes: the queue's, function's or delivery stream's `arn` output " +
    "(not its name or URL) for sqs, lambda and firehose; a URL of the protocol's own scheme for http and https",
  source: SUBSCRIBE,
  by: "aws",
};

/** A Firehose subscription names the role SNS writes to the stream with. */
const firehoseRole: CrossRule = {
  type: SUBSCRIPTION,
  what: "a subscription role for a firehose subscription",
  reads: ["protocol", "subscriptionRoleArn"],
  check: (inputs) =>
    // A role given as "" counts as given (the lenient reading of ./rule.ts).
    inputs.protocol === "firehose" &&
    (inputs.subscriptionRoleArn === undefined || inputs.subscriptionRoleArn === null)
      ? [
          {
            prop: "subscriptionRoleArn",
            value: undefined,
            says: "a firehose subscription needs subscriptionRoleArn, the role SNS assumes to write to the delivery stream",
          },
        ]
      : [],
  fix: "subscriptionRoleArn: the `arn` of a role that trusts sns.amazonaws.com and may firehose:PutRecord and PutRecordBatch on the stream",
  source: SUBSCRIBE,
  by: "aws",
};

/**
 * SQS Developer Guide, "Using dead-letter queues in Amazon SQS": "The dead-letter queue of a FIFO
 * queue must also be a FIFO queue. Similarly, the dead-letter queue of a standard queue must also
 * be a standard queue." SQS refuses the redrive policy otherwise ("Value {…} for parameter
 * RedrivePolicy is invalid. Reason: Dead-letter queue must be same type of queue as the source.",
 * awslabs/aws-solutions-constructs#342). A queue's type is in its name: a FIFO queue's ends in
 * `.fifo`, and an ARN or URL ends in the name. A policy that is not JSON is the provider's refusal
 * (./rules-data.ts); one whose target is unknown is judged once it is known.
 */
const DEAD_LETTER_QUEUES =
  "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html";

const QUEUE = "aws:sqs/queue:Queue";

/** The dead-letter queue's name in a redrive policy, from its ARN's last part. */
function deadLetterName(policy: unknown): string | undefined {
  const doc = parsedJson(policy) as { deadLetterTargetArn?: unknown } | undefined;
  const arn = doc && typeof doc === "object" ? doc.deadLetterTargetArn : undefined;
  return typeof arn === "string" && /^arn:[^:]+:sqs:/.test(arn) ? arn.split(":").pop() : undefined;
}

function sameQueueType(
  type: string,
  source: (inputs: Record<string, any>) => boolean | undefined,
): CrossRule {
  const reads = type === QUEUE ? ["fifoQueue", "redrivePolicy"] : ["queueUrl", "redrivePolicy"];
  return {
    type,
    what: "a dead-letter queue of the source queue's type",
    reads,
    check: (inputs) => {
      const dlq = deadLetterName(inputs.redrivePolicy);
      const fifo = source(inputs);
      if (dlq === undefined || dlq === "" || fifo === undefined || dlq.endsWith(".fifo") === fifo)
        return [];
      const [it, other] = fifo ? ["FIFO", "standard"] : ["standard", "FIFO"];
      return [
        {
          prop: "redrivePolicy",
          value: inputs.redrivePolicy,
          says: `the dead-letter queue ${dlq} is a ${other} queue: a ${it} queue's dead-letter queue is a ${it} queue too`,
        },
      ];
    },
    fix: "a dead-letter queue of the same type: fifoQueue: true (a name ending .fifo) for a FIFO queue, a standard one otherwise",
    source: DEAD_LETTER_QUEUES,
    by: "aws",
  };
}

export const CREATE_SUBSCRIPTION_CROSS_RULES: readonly CrossRule[] = [
  scopeNeedsPolicy,
  endpointShape,
  firehoseRole,
  // The queue's type is its fifoQueue flag (false, the default, when left out).
  sameQueueType(QUEUE, (i) => isTrue(i.fifoQueue)),
  // A redrive policy of a queue named by URL: the URL's last part is the queue's name.
  sameQueueType("aws:sqs/redrivePolicy:RedrivePolicy", (i) =>
    typeof i.queueUrl === "string" && /^https?:\/\/.+\/[^/]+$/.test(i.queueUrl)
      ? i.queueUrl.endsWith(".fifo")
      : undefined,
  ),
];
