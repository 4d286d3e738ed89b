// resource-policy-lists-actions, from KICS "SNS Topic Publicity Has Allow and NotAction
// Simultaneously" (sns_topic_publicity_has_allow_and_not_action_simultaneously positive2 /
// negative2) and the same shapes on the other resource-policy types.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/exposure";
import {
  BACKUP_VAULT_POLICY,
  CLOUDWATCH_LOG_DESTINATION_POLICY,
  ECR_REPOSITORY_POLICY,
  KMS_KEY,
  S3_BUCKET_POLICY,
  SECRETSMANAGER_SECRET,
  SNS_TOPIC,
  SNS_TOPIC_POLICY,
  SQS_QUEUE_POLICY,
  EC2_VPC_ENDPOINT,
  EC2_VPC_ENDPOINT_POLICY,
} from "../../../policy-pack/lib/types";
import { NATIVE_EC2_VPC_ENDPOINT } from "../../../policy-pack/lib/native/types";
import { policyJson as doc, previewNotes, res, UNKNOWN, violations } from "../fixture";

const p = policies.find((x) => x.name === "resource-policy-lists-actions")!;
const ACCOUNT = "123456789012";
const PARTNER = { AWS: "arn:aws:iam::987654321098:root" };
const TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:events`;
const topicPolicy = (policy: string) => res(SNS_TOPIC_POLICY, "topic", { arn: TOPIC, policy });

/** The statement of the KICS sns_topic_publicity_has_allow_and_not_action_simultaneously fixtures. */
const kicsStatement = (key: "Action" | "NotAction") => ({
  [key]: "s3:DeleteBucket",
  Resource: "arn:aws:s3:::*",
  Sid: "MyStatementId",
  Effect: "Allow",
});

describe("resource-policy-lists-actions", () => {
  describe("Noncompliance", () => {
    it("KICS sns_topic_publicity_has_allow_and_not_action_simultaneously positive2: Allow with NotAction", async () => {
      expect(await violations(p, [topicPolicy(doc(kicsStatement("NotAction")))])).to.deep.equal([
        "topic: statement MyStatementId (all but s3:DeleteBucket): Allow with NotAction grants every action but s3:DeleteBucket.",
      ]);
      // The same document inline on the topic, its statement an object rather than an array.
      const inline = res(SNS_TOPIC, "inline", {
        kmsMasterKeyId: "alias/platform",
        policy: JSON.stringify({ Version: "2012-10-17", Statement: kicsStatement("NotAction") }),
      });
      expect(await violations(p, [inline])).to.have.length(1);
      expect(p.enforcementLevel).to.equal("mandatory");
    });

    it('Action "*" or "*:*" to a named account, on key, repository, log destination, vault and bucket policies', async () => {
      const every = (Action: unknown) =>
        doc({ Effect: "Allow", Principal: PARTNER, Action, Resource: "*" });
      const found = await violations(p, [
        res(KMS_KEY, "key", { enableKeyRotation: true, policy: every("*") }),
        res(ECR_REPOSITORY_POLICY, "repo", {
          repository: "app",
          policy: every(["ecr:BatchGetImage", "*:*"]),
        }),
        res(CLOUDWATCH_LOG_DESTINATION_POLICY, "destination", {
          destinationName: "d",
          accessPolicy: every("*"),
        }),
        res(BACKUP_VAULT_POLICY, "vault", { backupVaultName: "v", policy: every("*") }),
        res(S3_BUCKET_POLICY, "bucket", { bucket: "b", policy: every("*") }),
      ]);
      expect(found.map((f) => f.split(":")[0])).to.deep.equal([
        "key",
        "repo",
        "destination",
        "vault",
        "bucket",
      ]);
      expect(found[1]).to.contain('Allow "*:*" grants every action of every service');
    });

    it('KICS cloudwatch_logs_destination_with_vulnerable_policy positive.tf: "logs:*" to the account on a destination policy', async () => {
      const destination = res(CLOUDWATCH_LOG_DESTINATION_POLICY, "destination", {
        destinationName: "test_destination",
        accessPolicy: doc({ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "logs:*" }),
      });
      expect(await violations(p, [destination])).to.deep.equal([
        'destination: statement #0 (logs:*): Allow "logs:*" on a log destination, whose policy grants only logs:PutSubscriptionFilter.',
      ]);
    });

    it("Allow with NotAction on a secret's inline policy, to the account itself", async () => {
      const secret = res(SECRETSMANAGER_SECRET, "secret", {
        kmsKeyId: "alias/platform",
        policy: doc({
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          NotAction: ["secretsmanager:DeleteSecret"],
          Resource: "*",
        }),
      });
      expect(await violations(p, [secret])).to.have.length(1);
    });

    it("an Action element unknown at preview is a preview note, not a pass", async () => {
      const policy = doc({ Effect: "Allow", Principal: PARTNER, Action: UNKNOWN, Resource: "*" });
      expect(await violations(p, [topicPolicy(policy)])).to.deep.equal([]);
      expect(await previewNotes(p, [topicPolicy(policy)])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("KICS sns_topic_publicity_has_allow_and_not_action_simultaneously negative2: Action instead of NotAction", async () => {
      expect(await violations(p, [topicPolicy(doc(kicsStatement("Action")))])).to.deep.equal([]);
    });

    it('the default key policy (the account root, "kms:*"), a service wildcard and a Deny with NotAction', async () => {
      // https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
      const key = res(KMS_KEY, "key", {
        enableKeyRotation: true,
        policy: doc(
          {
            Sid: "Enable IAM User Permissions",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: "kms:*",
            Resource: "*",
          },
          {
            Sid: "OnlyUseThroughS3",
            Effect: "Deny",
            Principal: "*",
            NotAction: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: "*",
            Condition: { StringNotEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
          },
        ),
      });
      expect(await violations(p, [key])).to.deep.equal([]);
    });

    it("KICS cloudwatch_logs_destination_with_vulnerable_policy negative.tf and the CloudWatch Logs User Guide's CreateDestination example: logs:PutSubscriptionFilter to a named account", async () => {
      const destination = res(CLOUDWATCH_LOG_DESTINATION_POLICY, "destination", {
        destinationName: "testDestination",
        accessPolicy: doc({
          Effect: "Allow",
          Principal: { AWS: "111111111111" },
          Action: "logs:PutSubscriptionFilter",
          Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:destination:testDestination`,
        }),
      });
      expect(await violations(p, [destination])).to.deep.equal([]);
    });

    it("SQS queue policies are left to sqs-queue-policy-no-wildcard-actions", async () => {
      const queue = res(SQS_QUEUE_POLICY, "q", {
        queueUrl: "https://sqs/q",
        policy: doc({ Effect: "Allow", Principal: PARTNER, Action: "*", Resource: "*" }),
      });
      expect(await violations(p, [queue])).to.deep.equal([]);
      const sqs = policies.find((x) => x.name === "sqs-queue-policy-no-wildcard-actions")!;
      expect(await violations(sqs, [queue])).to.have.length(1);
    });

    it("VPC endpoint policies are left to ec2-vpc-endpoint-policy: they grant nothing, and AWS's default is Allow * to *", async () => {
      // VPC User Guide, "Control access to VPC endpoints using endpoint policies": the default
      // endpoint policy, and the data-perimeter shape (every action to the organization's
      // principals) that the IAM User Guide's STS endpoint examples use.
      const fullAccess = doc({ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" });
      const perimeter = doc({
        Effect: "Allow",
        Principal: "*",
        Action: "*",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } },
      });
      const endpoint = res(EC2_VPC_ENDPOINT, "s3", {
        vpcId: "vpc-1",
        serviceName: "com.amazonaws.eu-west-1.s3",
        policy: fullAccess,
      });
      const attached = res(EC2_VPC_ENDPOINT_POLICY, "sts", {
        vpcEndpointId: "vpce-1",
        policy: perimeter,
      });
      const native = res(NATIVE_EC2_VPC_ENDPOINT, "native-s3", {
        vpcId: "vpc-1",
        serviceName: "com.amazonaws.eu-west-1.s3",
        policyDocument: JSON.parse(fullAccess),
      });
      expect(await violations(p, [endpoint, attached, native])).to.deep.equal([]);
      // The same statement on a bucket policy is this rule's finding.
      const bucket = res(S3_BUCKET_POLICY, "b", { bucket: "b", policy: fullAccess });
      expect(await violations(p, [bucket])).to.have.length(1);
    });
  });
});
