// sqs-queue-policy-not-public and sns-topic-policy-not-public, from Checkov's
// example_SQSQueuePolicyAnyPrincipal / example_SNSTopicPolicyAnyPrincipal fixtures (q1-q6,
// sns_tp1-sns_tp6) and KICS "SNS Topic is Publicly Accessible" / "SQS Policy With Public Access".
import { expect } from "chai";
import {
  SNS_TOPIC,
  SNS_TOPIC_POLICY,
  SQS_QUEUE,
  SQS_QUEUE_POLICY,
} from "../../../policy-pack/lib/types";
import { policy, policyJson as doc, previewNotes, res, UNKNOWN, violations } from "../fixture";
import { sqsFromIp } from "../fixtures/third-party/kics-resource.cases";

/** Checkov CKV_AWS_261 example_PublicResourceBasedPolicy: its statements (ECR reads, no Resource). */
const ckv261 = (extra: Record<string, unknown>) => ({
  Effect: "Allow",
  Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:ListImages"],
  ...extra,
});
const ORG_ANY = { "ForAnyValue:StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } };

describe("sqs-queue-policy-not-public", () => {
  const p = policy("sqs-queue-policy-not-public");
  /** Compliant: Checkov q6, a named role. */
  const statement = {
    Principal: { AWS: "arn:aws:iam::123456789101:role/sqs" },
    Effect: "Allow",
    Action: "sqs:SendMessage",
    Resource: "arn:aws:sqs:eu-west-1:123456789101:q",
  };
  const queuePolicy = (s: Record<string, unknown> = statement) =>
    res(SQS_QUEUE_POLICY, "q", { queueUrl: "https://sqs/q", policy: doc(s) });

  describe("Noncompliance", () => {
    it('CKV_AWS_168 q2: {AWS: [role, "*"]}', async () => {
      const found = await violations(p, [
        queuePolicy({
          ...statement,
          Principal: { AWS: ["arn:aws:iam::123456789101:role/sqs", "*"] },
        }),
      ]);
      expect(found).to.deep.equal([
        'q: statement #0 (sqs:SendMessage): Allow to Principal "*" without a narrowing condition.',
      ]);
    });
    it("CKV_AWS_168 q3: a principal ARN with a wildcard account", async () => {
      const s = { ...statement, Principal: { AWS: "arn:aws:iam::*:role/sqs" } };
      expect(await violations(p, [queuePolicy(s)])).to.have.length(1);
    });
    it('CKV_AWS_168 q4 / q5, KICS "SQS Policy With Public Access": {AWS: "*"} and "*"', async () => {
      for (const Principal of [{ AWS: "*" }, "*"]) {
        expect(await violations(p, [queuePolicy({ ...statement, Principal })])).to.have.length(1);
      }
    });
    it('KICS "SQS Queue Exposed": the queue\'s inline policy', async () => {
      const q = res(SQS_QUEUE, "inline", { policy: doc({ ...statement, Principal: "*" }) });
      expect(await violations(p, [q])).to.have.length(1);
    });
    it("a policy object (aws.iam.PolicyDocument) is read like a JSON string", async () => {
      const q = res(SQS_QUEUE_POLICY, "obj", {
        queueUrl: "u",
        policy: { Version: "2012-10-17", Statement: [{ ...statement, Principal: "*" }] },
      });
      expect(await violations(p, [q])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("the compliant fixture (CKV_AWS_168 q6) has no finding", async () => {
      expect(await violations(p, [queuePolicy()])).to.deep.equal([]);
    });
    it('CKV_AWS_261 sqs.tf pass3 (ForAnyValue:StringEquals aws:PrincipalOrgID) passes; fail / fail2 ("*", {AWS: "*"}) do not', async () => {
      expect(
        await violations(p, [queuePolicy(ckv261({ Principal: { AWS: "*" }, Condition: ORG_ANY }))]),
      ).to.deep.equal([]);
      for (const Principal of ["*", { AWS: "*" }]) {
        expect(await violations(p, [queuePolicy(ckv261({ Principal }))])).to.have.length(1);
      }
    });
    it("CKV_AWS_168 q1: Deny to *", async () => {
      const s = { ...statement, Effect: "Deny", Principal: "*" };
      expect(await violations(p, [queuePolicy(s)])).to.deep.equal([]);
    });
    it('"*" pinned by aws:SourceArn to one SNS topic (the SNS-to-SQS subscription pattern)', async () => {
      const s = {
        ...statement,
        Principal: "*",
        Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:sns:eu-west-1:123456789101:t" } },
      };
      expect(await violations(p, [queuePolicy(s)])).to.deep.equal([]);
    });
    it("a queue without a policy, and a policy unknown at preview (a note, not a pass)", async () => {
      expect(await violations(p, [res(SQS_QUEUE, "plain", {})])).to.deep.equal([]);
      const unknown = res(SQS_QUEUE_POLICY, "later", { queueUrl: "u", policy: UNKNOWN });
      expect(await violations(p, [unknown])).to.deep.equal([]);
      expect(await previewNotes(p, [unknown])).to.have.length(1);
    });
  });
});

describe("sns-topic-policy-not-public", () => {
  const p = policy("sns-topic-policy-not-public");
  const actions = ["SNS:Subscribe", "SNS:Publish", "SNS:GetTopicAttributes"];
  /** Compliant: Checkov sns_tp6, a named role. */
  const statement = {
    Principal: { AWS: "arn:aws:iam::123456789101:role/sns" },
    Effect: "Allow",
    Action: actions,
    Resource: "arn:aws:sns:eu-west-1:123456789101:t",
  };
  const topicPolicy = (s: Record<string, unknown> = statement) =>
    res(SNS_TOPIC_POLICY, "t", { arn: "arn:aws:sns:eu-west-1:123456789101:t", policy: doc(s) });

  describe("Noncompliance", () => {
    it('CKV_AWS_169 sns_tp2 / sns_tp4 / sns_tp5: [role, "*"], {AWS: "*"}, "*"', async () => {
      for (const Principal of [
        { AWS: ["arn:aws:iam::123456789101:role/sns", "*"] },
        { AWS: "*" },
        "*",
      ]) {
        expect(await violations(p, [topicPolicy({ ...statement, Principal })])).to.have.length(1);
      }
    });
    it("CKV_AWS_169 sns_tp3: arn:aws:iam::*:role/sns", async () => {
      const s = { ...statement, Principal: { AWS: "arn:aws:iam::*:role/sns" } };
      expect(await violations(p, [topicPolicy(s)])).to.have.length(1);
    });
    it('KICS "SNS Topic is Publicly Accessible" positive: the topic\'s inline policy', async () => {
      const t = res(SNS_TOPIC, "inline", {
        policy: doc({
          Sid: "AllowAllAccounts",
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: "sns:Publish",
          Resource: "*",
        }),
      });
      expect(await violations(p, [t])).to.deep.equal([
        'inline: statement AllowAllAccounts (sns:Publish): Allow to Principal "*" without a narrowing condition.',
      ]);
    });
  });

  describe("Compliance", () => {
    it("the compliant fixture (CKV_AWS_169 sns_tp6) has no finding", async () => {
      expect(await violations(p, [topicPolicy()])).to.deep.equal([]);
    });
    it('CKV_AWS_261 sns.tf pass3 (ForAnyValue:StringEquals aws:PrincipalOrgID) passes; fail / fail2 ("*", {AWS: "*"}) do not', async () => {
      expect(
        await violations(p, [topicPolicy(ckv261({ Principal: { AWS: "*" }, Condition: ORG_ANY }))]),
      ).to.deep.equal([]);
      for (const Principal of ["*", { AWS: "*" }]) {
        expect(await violations(p, [topicPolicy(ckv261({ Principal }))])).to.have.length(1);
      }
    });
    it("CKV_AWS_169 sns_tp1: Deny to *", async () => {
      expect(
        await violations(p, [topicPolicy({ ...statement, Effect: "Deny", Principal: "*" })]),
      ).to.deep.equal([]);
    });
    it('KICS negative3: {AWS: "*"} pinned by AWS:SourceAccount', async () => {
      const t = res(SNS_TOPIC, "default", {
        policy: doc({
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: ["*"],
          Condition: { StringEquals: { "AWS:SourceAccount": "123456789101" } },
        }),
      });
      expect(await violations(p, [t])).to.deep.equal([]);
    });
  });
});

describe("sqs-queue-policy-no-wildcard-actions", () => {
  const p = policy("sqs-queue-policy-no-wildcard-actions");
  const named = { AWS: "arn:aws:iam::123456789101:role/sqs" };
  const queuePolicy = (s: Record<string, unknown>) =>
    res(SQS_QUEUE_POLICY, "q", { queueUrl: "https://sqs/q", policy: doc(s) });

  describe("Noncompliance", () => {
    it('CKV_AWS_72 / Trivy AWS-0097 bad: Action "*", also to a named account', async () => {
      expect(
        await violations(p, [queuePolicy({ Effect: "Allow", Principal: "*", Action: "*" })]),
      ).to.deep.equal(["q: statement #0 (*): allows every SQS action."]);
      expect(
        await violations(p, [
          queuePolicy({
            Effect: "Allow",
            Principal: { AWS: ["111122223333"] },
            Action: ["*"],
            Resource: "arn:aws:sqs:us-east-2:444455556666:queue2",
          }),
        ]),
      ).to.have.length(1);
      expect(p.enforcementLevel).to.equal("mandatory");
    });
    it('KICS \'SQS Policy Allows All Actions\' positive: "*" to "*" pinned to a topic by aws:SourceArn; negative2\'s sqs:SendMessage passes', async () => {
      const first = (Action: string) => ({
        Sid: "First",
        Effect: "Allow",
        Principal: "*",
        Action,
        Resource: "arn:aws:sqs:us-east-1:123456789012:q",
        Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:example" } },
      });
      expect(await violations(p, [queuePolicy(first("*"))])).to.deep.equal([
        "q: statement First (*): allows every SQS action.",
      ]);
      expect(await violations(p, [queuePolicy(first("sqs:SendMessage"))])).to.deep.equal([]);
    });
    it('KICS "SQS Policy With Public Access" positives: "sqs:*" to "*", {AWS: "*"}, {AWS: ["*"]} behind an IP condition', async () => {
      for (const Principal of ["*", { AWS: "*" }, { AWS: ["*"] }]) {
        const statement = sqsFromIp(Principal);
        expect(await violations(p, [queuePolicy(statement)])).to.deep.equal([
          "q: statement Queue1_AnonymousAccess_AllActions_AllowlistIP (sqs:*): allows every SQS action.",
        ]);
      }
    });
    it("the queue's inline policy, SQS:* in any case, and Allow with NotAction", async () => {
      const inline = res(SQS_QUEUE, "inline", {
        policy: doc({ Effect: "Allow", Principal: named, Action: "SQS:*" }),
      });
      expect(await violations(p, [inline])).to.have.length(1);
      expect(
        await violations(p, [
          queuePolicy({ Effect: "Allow", Principal: named, NotAction: "sqs:DeleteQueue" }),
        ]),
      ).to.deep.equal([
        "q: statement #0 (all but sqs:DeleteQueue): Allow with NotAction grants every other SQS action.",
      ]);
    });
  });

  describe("Compliance", () => {
    it("CKV_AWS_72 / Trivy AWS-0097 good: listed actions; a Deny of everything; no policy", async () => {
      expect(
        await violations(p, [
          queuePolicy({
            Effect: "Allow",
            Principal: named,
            Action: ["SQS:SendMessage", "SQS:ReceiveMessage"],
            Resource: "arn:aws:sqs:us-east-2:444455556666:queue2",
          }),
        ]),
      ).to.deep.equal([]);
      expect(
        await violations(p, [queuePolicy({ Effect: "Deny", Principal: "*", Action: "sqs:*" })]),
      ).to.deep.equal([]);
      expect(await violations(p, [res(SQS_QUEUE, "plain", {})])).to.deep.equal([]);
    });
    it("a policy unknown at preview is a note, not a pass", async () => {
      const q = res(SQS_QUEUE_POLICY, "q", { queueUrl: "https://sqs/q", policy: UNKNOWN });
      expect(await violations(p, [q])).to.deep.equal([]);
      expect(await previewNotes(p, [q])).to.have.length(1);
    });
  });
});
