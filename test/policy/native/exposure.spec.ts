// No public access on @pulumi/aws-native resources: resource policies (bucket, queue, topic, key,
// repository, secret), Lambda permissions and function URLs, judged by the classic twins' rules
// (policy-pack/lib/native/twins.ts). Each compliant fixture passes; each is then opened to "*".
import { expect } from "chai";
import {
  NATIVE_ECR_REGISTRY_POLICY,
  NATIVE_KINESIS_RESOURCE_POLICY,
  NATIVE_LOGS_RESOURCE_POLICY,
  NATIVE_SNS_TOPIC_INLINE_POLICY,
  NATIVE_SQS_QUEUE_INLINE_POLICY,
  NATIVE_ECR_REPOSITORY,
  NATIVE_EFS_FILE_SYSTEM,
  NATIVE_KMS_KEY,
  NATIVE_LAMBDA_PERMISSION,
  NATIVE_LAMBDA_URL,
  NATIVE_S3_BUCKET_POLICY,
  NATIVE_SECRETSMANAGER_RESOURCE_POLICY,
  NATIVE_SNS_TOPIC_POLICY,
  NATIVE_SQS_QUEUE_POLICY,
} from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violationsOf } from "../fixture";

const ACCOUNT = "123456789012";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;
const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
/** One statement granting `Action` on `Resource` to a named role (compliant) or to `principal`. */
const grant = (Action: string, Resource: string, Principal: unknown = { AWS: ROLE }) =>
  doc({ Effect: "Allow", Principal, Action, Resource });

interface Case {
  readonly rule: string;
  readonly type: string;
  /** The resource's inputs with its document granting to `principal`. */
  readonly inputs: (principal?: unknown) => Record<string, unknown>;
}

const BUCKET_ARN = "arn:aws:s3:::site-bucket";
const cases: Case[] = [
  {
    rule: "s3-bucket-policy-no-public-principal",
    type: NATIVE_S3_BUCKET_POLICY,
    inputs: (p) => ({
      bucket: "site-bucket",
      policyDocument: grant("s3:GetObject", `${BUCKET_ARN}/*`, p),
    }),
  },
  {
    rule: "sqs-queue-policy-not-public",
    type: NATIVE_SQS_QUEUE_POLICY,
    inputs: (p) => ({
      queues: ["https://sqs.eu-west-1.amazonaws.com/123456789012/q"],
      policyDocument: grant("sqs:SendMessage", `arn:aws:sqs:eu-west-1:${ACCOUNT}:q`, p),
    }),
  },
  {
    rule: "sqs-queue-policy-not-public",
    type: NATIVE_SQS_QUEUE_INLINE_POLICY,
    inputs: (p) => ({
      queue: "https://sqs.eu-west-1.amazonaws.com/123456789012/q",
      policyDocument: grant("sqs:SendMessage", `arn:aws:sqs:eu-west-1:${ACCOUNT}:q`, p),
    }),
  },
  {
    rule: "sns-topic-policy-not-public",
    type: NATIVE_SNS_TOPIC_INLINE_POLICY,
    inputs: (p) => ({
      topicArn: `arn:aws:sns:eu-west-1:${ACCOUNT}:t`,
      policyDocument: grant("sns:Publish", `arn:aws:sns:eu-west-1:${ACCOUNT}:t`, p),
    }),
  },
  {
    rule: "ecr-repository-policy-not-public",
    type: NATIVE_ECR_REGISTRY_POLICY,
    inputs: (p) => ({
      policyText: grant("ecr:ReplicateImage", `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/*`, p),
    }),
  },
  {
    rule: "resource-policy-not-public",
    type: NATIVE_LOGS_RESOURCE_POLICY,
    inputs: (p) => ({
      policyName: "delivery",
      policyDocument: JSON.stringify(
        grant("logs:PutLogEvents", `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:app:*`, p),
      ),
    }),
  },
  {
    rule: "resource-policy-not-public",
    type: NATIVE_KINESIS_RESOURCE_POLICY,
    inputs: (p) => ({
      resourceArn: `arn:aws:kinesis:eu-west-1:${ACCOUNT}:stream/s`,
      resourcePolicy: grant(
        "kinesis:GetRecords",
        `arn:aws:kinesis:eu-west-1:${ACCOUNT}:stream/s`,
        p,
      ),
    }),
  },
  {
    rule: "sns-topic-policy-not-public",
    type: NATIVE_SNS_TOPIC_POLICY,
    inputs: (p) => ({
      topics: [`arn:aws:sns:eu-west-1:${ACCOUNT}:t`],
      policyDocument: grant("sns:Publish", `arn:aws:sns:eu-west-1:${ACCOUNT}:t`, p),
    }),
  },
  {
    rule: "ecr-repository-policy-not-public",
    type: NATIVE_ECR_REPOSITORY,
    inputs: (p) => ({
      repositoryName: "app",
      repositoryPolicyText: doc({
        Effect: "Allow",
        Principal: p ?? { AWS: ROLE },
        Action: "ecr:BatchGetImage",
      }),
    }),
  },
  {
    rule: "secretsmanager-secret-policy-not-public",
    type: NATIVE_SECRETSMANAGER_RESOURCE_POLICY,
    inputs: (p) => ({
      secretId: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:db-AbCdEf`,
      blockPublicPolicy: true,
      resourcePolicy: grant("secretsmanager:GetSecretValue", "*", p),
    }),
  },
  {
    rule: "efs-file-system-policy-not-public",
    type: NATIVE_EFS_FILE_SYSTEM,
    inputs: (p) => ({
      encrypted: true,
      fileSystemPolicy: grant(
        "elasticfilesystem:ClientMount",
        `arn:aws:elasticfilesystem:eu-west-1:${ACCOUNT}:file-system/fs-0abc`,
        p,
      ),
    }),
  },
  {
    rule: "kms-key-policy-no-wildcard-principal",
    type: NATIVE_KMS_KEY,
    inputs: (p) => ({
      enableKeyRotation: true,
      keyPolicy: doc(
        {
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: "kms:*",
          Resource: "*",
        },
        { Effect: "Allow", Principal: p ?? { AWS: ROLE }, Action: "kms:Decrypt", Resource: "*" },
      ),
    }),
  },
];

describe("aws-native resource policies: not public", () => {
  for (const c of cases) {
    describe(`${c.type} (${c.rule})`, () => {
      it("a policy naming a role passes", async () => {
        await expectClean(policy(c.rule), [res(c.type, "r", c.inputs())]);
      });
      it('Principal "*" is reported', async () => {
        const found = await violationsOf(c.rule, [res(c.type, "r", c.inputs("*"))]);
        expect(found).to.have.length.greaterThan(0);
        expect(found[0]).to.match(/^r: /);
      });
      it('{ AWS: "*" } in a JSON-string document is reported', async () => {
        const inputs = c.inputs({ AWS: "*" });
        for (const k of Object.keys(inputs)) {
          if (/policy/i.test(k) && typeof inputs[k] === "object") {
            inputs[k] = JSON.stringify(inputs[k]);
          }
        }
        expect(await violationsOf(c.rule, [res(c.type, "r", inputs)])).to.have.length.greaterThan(
          0,
        );
      });
    });
  }

  it("a document unknown at preview is a preview note", async () => {
    const notes = await previewNotes(policy("s3-bucket-policy-no-public-principal"), [
      res(NATIVE_S3_BUCKET_POLICY, "r", { bucket: "site-bucket", policyDocument: UNKNOWN }),
    ]);
    expect(notes).to.have.length(1);
  });
});

describe("aws-native Lambda: not public", () => {
  const permission = (over: Record<string, unknown> = {}) =>
    res(NATIVE_LAMBDA_PERMISSION, "invoke", {
      action: "lambda:InvokeFunction",
      functionName: "fn",
      principal: "events.amazonaws.com",
      sourceArn: `arn:aws:events:eu-west-1:${ACCOUNT}:rule/nightly`,
      ...over,
    });
  it("a permission for a service with a sourceArn in the account passes", async () => {
    await expectClean(
      ["lambda-permission-not-public", "lambda-permission-invoke-only"].map(policy),
      [permission()],
    );
  });
  it('lambda-permission-not-public: principal "*" with nothing pinning it', async () => {
    expect(
      await violationsOf("lambda-permission-not-public", [
        permission({ principal: "*", sourceArn: undefined }),
      ]),
    ).to.deep.equal([
      'invoke: lambda:InvokeFunction is granted to Principal "*" with no sourceArn, sourceAccount or principalOrgId: anyone can invoke the function.',
    ]);
  });
  it("lambda-permission-not-public: principalOrgId pins it", async () => {
    await expectClean(policy("lambda-permission-not-public"), [
      permission({ principal: "*", sourceArn: undefined, principalOrgId: "o-a1b2c3d4e5" }),
    ]);
  });
  it("lambda-permission-invoke-only: lambda:* is reported", async () => {
    const found = await violationsOf("lambda-permission-invoke-only", [
      permission({ action: "lambda:*" }),
    ]);
    expect(found).to.have.length(1);
  });
  it('lambda-function-url-auth: authType "NONE" is reported, "AWS_IAM" passes', async () => {
    const url = (authType: string) =>
      res(NATIVE_LAMBDA_URL, "url", { authType, targetFunctionArn: "fn" });
    await expectClean(policy("lambda-function-url-auth"), [url("AWS_IAM")]);
    expect(await violationsOf("lambda-function-url-auth", [url("NONE")])).to.deep.equal([
      'url: authType is "NONE": the function URL is public.',
    ]);
  });
});
