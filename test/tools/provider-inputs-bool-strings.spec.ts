// Boolean inputs given as strings (tools/lib/provider-checks/bool-input.ts): the provider reads
// "true", "1", "t", "T", "TRUE", "True" as true and "false", "0", "f", "F", "FALSE", "False" as
// false (strconv.ParseBool), so every rule that reads a boolean input judges the string as the
// boolean it stands for, refusing what the boolean is refused for and taking what it is taken for.
import { expect } from "chai";
import { refusalsWith } from "./provider-inputs-refusals";

const DB = "aws:rds/instance:Instance";
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const QUEUE = "aws:sqs/queue:Queue";
const TOPIC = "aws:sns/topic:Topic";
const DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const TABLE = "aws:dynamodb/table:Table";
const RECORD = "aws:route53/record:Record";

const TRUE = ["true", "1", "t", "T", "TRUE", "True"];
const FALSE = ["false", "0", "f", "F", "FALSE", "False"];

/** What is refused of `type` with `change(v)`, as [input, wording] pairs. */
const refused = (type: string, change: Record<string, unknown>) =>
  refusalsWith(type, change).map((r) => [r.prop, r.says.join("\n")]);

/** `change(s)` is refused exactly as `change(b)` is, for each string `s` standing for `b`. */
function readsAsBoolean(type: string, change: (v: unknown) => Record<string, unknown>) {
  const asTrue = refused(type, change(true)).map(([p]) => p);
  const asFalse = refused(type, change(false)).map(([p]) => p);
  // The pair judged here is one the boolean's value decides.
  expect(asTrue, `${type}: true and false judged alike`).to.not.deep.equal(asFalse);
  for (const s of TRUE)
    expect(
      refused(type, change(s)).map(([p]) => p),
      s,
    ).to.deep.equal(asTrue);
  for (const s of FALSE)
    expect(
      refused(type, change(s)).map(([p]) => p),
      s,
    ).to.deep.equal(asFalse);
}

describe("provider inputs: booleans given as strings", () => {
  it("RDS: a KMS key with storage encryption, Performance Insights' retention", () => {
    readsAsBoolean(DB, (storageEncrypted) => ({ storageEncrypted }));
    // The refusal shows the string and what it is read as, not "storageEncrypted is true".
    expect(refused(DB, { storageEncrypted: "False" })).to.deep.equal([
      [
        "storageEncrypted",
        'kmsKeyId is set but storageEncrypted is "False" (false): RDS refuses a key for unencrypted storage',
      ],
    ]);
    // A string that is no boolean is the provider's own refusal, not this rule's.
    expect(refused(DB, { storageEncrypted: "yes" })).to.deep.equal([]);
    readsAsBoolean(DB, (performanceInsightsEnabled) => ({
      performanceInsightsEnabled,
      performanceInsightsRetentionPeriod: 8,
    }));
  });

  it("ElastiCache: Multi-AZ with automatic failover, an AUTH token with encryption in transit", () => {
    readsAsBoolean(GROUP, (multiAzEnabled) => ({
      multiAzEnabled,
      automaticFailoverEnabled: false,
    }));
    readsAsBoolean(GROUP, (automaticFailoverEnabled) => ({ automaticFailoverEnabled }));
    readsAsBoolean(GROUP, (transitEncryptionEnabled) => ({ transitEncryptionEnabled }));
  });

  it("SQS and SNS: a FIFO name, content-based deduplication, the dead-letter queue's type", () => {
    readsAsBoolean(QUEUE, (fifoQueue) => ({ fifoQueue }));
    readsAsBoolean(QUEUE, (contentBasedDeduplication) => ({
      name: "orders",
      fifoQueue: false,
      deduplicationScope: undefined,
      fifoThroughputLimit: undefined,
      contentBasedDeduplication,
    }));
    const toStandard = JSON.stringify({
      deadLetterTargetArn: "arn:aws:sqs:us-east-1:123456789012:orders-dlq",
      maxReceiveCount: 5,
    });
    readsAsBoolean(QUEUE, (fifoQueue) => ({
      name: "orders",
      fifoQueue,
      contentBasedDeduplication: undefined,
      deduplicationScope: undefined,
      fifoThroughputLimit: undefined,
      redrivePolicy: toStandard,
    }));
    readsAsBoolean(TOPIC, (fifoTopic) => ({ name: "alerts.fifo", fifoTopic }));
  });

  it("CloudFront, security groups, DynamoDB and Route 53: booleans inside blocks and policies", () => {
    readsAsBoolean(DISTRIBUTION, (cloudfrontDefaultCertificate) => ({
      viewerCertificate: { cloudfrontDefaultCertificate },
      aliases: ["www.example.com"],
    }));
    const selfRule = (self: unknown) => ({ protocol: "tcp", fromPort: 443, toPort: 443, self });
    const described = { ...selfRule(true), description: "from itself" };
    readsAsBoolean(SECURITY_GROUP, (self) => ({ ingress: [selfRule(self), described] }));
    // The same block with "true" and with true is one block of the provider's set, whatever the
    // order its keys are written in: no permission given twice.
    const reordered = { self: "true", toPort: 443, fromPort: 443, protocol: "tcp" };
    expect(refused(SECURITY_GROUP, { ingress: [reordered, selfRule(true)] })).to.deep.equal([]);
    readsAsBoolean(TABLE, (enabled) => ({ ttl: { enabled } }));
    // Multivalue answers off, as a string too, is no second routing policy.
    readsAsBoolean(RECORD, (multivalueAnswerRoutingPolicy) => ({ multivalueAnswerRoutingPolicy }));
  });
});
