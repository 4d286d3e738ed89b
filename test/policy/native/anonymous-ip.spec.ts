// resource-policy-anonymous-source-ip on aws-native resource policies: a grant to Principal "*"
// narrowed only by aws:SourceIp is reported on the native queue, bucket and topic policies and
// key policies (their documents read as the classic twins' policy); a grant that a VPC endpoint
// also pins passes, and a document unknown at preview is a preview note.
import { expect } from "chai";
import * as n from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const rule = "resource-policy-anonymous-source-ip";

/** A document granting `action` on `resource` to everyone, under `condition`. */
const document = (action: string, resource: string, condition: Record<string, unknown>) => ({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "Office",
      Effect: "Allow",
      Principal: "*",
      Action: action,
      Resource: resource,
      Condition: condition,
    },
  ],
});

const ADDRESS_ONLY = { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } };
const ENDPOINT_TOO = { ...ADDRESS_ONLY, StringEquals: { "aws:SourceVpce": "vpce-0abc1234" } };

interface PolicyCase {
  readonly type: string;
  /** The document's property, and the rest of the compliant inputs. */
  readonly prop: string;
  readonly inputs: Record<string, unknown>;
  readonly action: string;
  readonly resource: string;
}

const cases: PolicyCase[] = [
  {
    type: n.NATIVE_SQS_QUEUE_POLICY,
    prop: "policyDocument",
    inputs: { queues: ["https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"] },
    action: "sqs:SendMessage",
    resource: "arn:aws:sqs:eu-west-1:123456789012:jobs",
  },
  {
    type: n.NATIVE_S3_BUCKET_POLICY,
    prop: "policyDocument",
    inputs: { bucket: "site" },
    action: "s3:GetObject",
    resource: "arn:aws:s3:::site/*",
  },
  {
    type: n.NATIVE_SNS_TOPIC_INLINE_POLICY,
    prop: "policyDocument",
    inputs: { topicArn: "arn:aws:sns:eu-west-1:123456789012:alerts" },
    action: "sns:Publish",
    resource: "arn:aws:sns:eu-west-1:123456789012:alerts",
  },
  {
    type: n.NATIVE_KMS_KEY,
    prop: "keyPolicy",
    inputs: { enableKeyRotation: true },
    action: "kms:Decrypt",
    resource: "*",
  },
];

describe("aws-native resource policies: anonymous grants narrowed only by address", () => {
  for (const c of cases) {
    const make = (doc: unknown, refs = {}) =>
      res(c.type, "p", { ...c.inputs, [c.prop]: doc }, { refs });
    describe(c.type, () => {
      it("a VPC endpoint condition beside the address: passes", async () => {
        await expectClean(policy(rule), [make(document(c.action, c.resource, ENDPOINT_TOO))]);
      });
      it("aws:SourceIp the only condition: reported", async () => {
        const found = await violationsOf(rule, [
          make(document(c.action, c.resource, ADDRESS_ONLY)),
        ]);
        expect(found).to.have.length(1);
        expect(found[0]).to.contain("is narrowed only by aws:SourceIp (203.0.113.0/24)");
      });
      it(`${c.prop} unknown at preview: a preview note`, async () => {
        const other = res(n.NATIVE_SQS_QUEUE, "other", {});
        const p = make(UNKNOWN, { [c.prop]: [other] });
        expect(await violationsOf(rule, [other, p])).to.deep.equal([]);
        expect(await previewNotes(policy(rule), [other, p])).to.have.length(1);
      });
    });
  }
});
