// resource-policy-no-service-wildcard: every action of one service in a resource policy, to
// another account or the owner's own (Terrascan AC_AWS_059 efsPolicyNotSecure.rego and AC_AWS_060
// esDomainInsecurePolicy.rego report `elasticfilesystem:*` and `es:*` to any principal), on the
// resource-policy types SQS's own rule (sqs-queue-policy-no-wildcard-actions) does not cover.
import { expect } from "chai";
import { policies } from "../../../policy-pack/policies/exposure";
import {
  APIGATEWAY_REST_API_POLICY,
  EFS_FILE_SYSTEM_POLICY,
  ELASTICSEARCH_DOMAIN_POLICY,
  ECR_REPOSITORY_POLICY,
  KMS_KEY,
  S3_BUCKET_POLICY,
  SNS_TOPIC_POLICY,
  SQS_QUEUE_POLICY,
} from "../../../policy-pack/lib/types";
import { policyJson as doc, previewNotes, res, UNKNOWN, violations } from "../fixture";

const p = policies.find((x) => x.name === "resource-policy-no-service-wildcard")!;
const ACCOUNT = "123456789012";
const OWN_ROOT = { AWS: `arn:aws:iam::${ACCOUNT}:root` };
const PARTNER = { AWS: "arn:aws:iam::987654321098:root" };

/** A bucket policy letting a partner account read the objects: the compliant fixture. */
const READ: Record<string, unknown> = {
  Sid: "PartnerReads",
  Effect: "Allow",
  Principal: PARTNER,
  Action: ["s3:GetObject"],
  Resource: "arn:aws:s3:::reports/*",
};
const bucketPolicy = (over: Record<string, unknown> = {}) =>
  res(S3_BUCKET_POLICY, "reports", { bucket: "reports", policy: doc({ ...READ, ...over }) });

describe("resource-policy-no-service-wildcard", () => {
  describe("Noncompliance", () => {
    it("s3:* to another account, and to the owner's own root", async () => {
      for (const Principal of [PARTNER, OWN_ROOT]) {
        const found = await violations(p, [bucketPolicy({ Principal, Action: "s3:*" })]);
        expect(found, JSON.stringify(Principal)).to.deep.equal([
          'reports: statement PartnerReads (s3:*): Allow "s3:*" grants every action of the service.',
        ]);
      }
      expect(p.enforcementLevel).to.equal("mandatory");
    });
    it("the same wildcard in any case, or written as ** or beside listed actions", async () => {
      for (const Action of ["S3:*", "s3:**", ["s3:GetObject", "s3:*"]]) {
        expect(
          await violations(p, [bucketPolicy({ Action })]),
          JSON.stringify(Action),
        ).to.have.length(1);
      }
    });
    it("Terrascan AC_AWS_059 / AC_AWS_060 and the other families: file system, domain, topic, repository policies", async () => {
      const grant = (Action: string, Resource?: string) =>
        doc({ Effect: "Allow", Principal: PARTNER, Action, ...(Resource ? { Resource } : {}) });
      const found = await violations(p, [
        res(EFS_FILE_SYSTEM_POLICY, "fs", {
          fileSystemId: "fs-1",
          policy: grant("elasticfilesystem:*", "*"),
        }),
        res(ELASTICSEARCH_DOMAIN_POLICY, "es", {
          domainName: "logs",
          accessPolicies: grant("es:*", `arn:aws:es:us-east-1:${ACCOUNT}:domain/logs/*`),
        }),
        res(SNS_TOPIC_POLICY, "topic", {
          arn: `arn:aws:sns:us-east-1:${ACCOUNT}:events`,
          policy: grant("sns:*", `arn:aws:sns:us-east-1:${ACCOUNT}:events`),
        }),
        res(ECR_REPOSITORY_POLICY, "repo", { repository: "app", policy: grant("ecr:*") }),
      ]);
      expect(found.map((f) => f.split(":")[0])).to.deep.equal(["fs", "es", "topic", "repo"]);
    });
    it("judges the known statements of a document whose Action is unknown at preview, and notes it", async () => {
      const policy = JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { ...READ, Action: "s3:*" },
          { ...READ, Sid: "Later", Action: UNKNOWN },
        ],
      });
      const r = res(S3_BUCKET_POLICY, "reports", { bucket: "reports", policy });
      expect(await violations(p, [r])).to.have.length(1);
      expect(await previewNotes(p, [r])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("the untouched fixture: the actions listed", async () => {
      expect(await violations(p, [bucketPolicy()])).to.deep.equal([]);
    });
    it('a Deny of every S3 action (the TLS-only statement), a partial wildcard, NotAction and Action "*" (other rules\' findings)', async () => {
      for (const over of [
        { Effect: "Deny", Action: "s3:*" },
        { Action: "s3:Get*" },
        { Action: undefined, NotAction: "s3:DeleteBucket" },
        { Action: "*" },
      ]) {
        expect(await violations(p, [bucketPolicy(over)]), JSON.stringify(over)).to.deep.equal([]);
      }
    });
    it("left to their own rules: kms:* in a key policy (AWS's default key policy), sqs:* in a queue policy, execute-api:* (invoke only)", async () => {
      const grant = (Action: string) =>
        doc({ Effect: "Allow", Principal: OWN_ROOT, Action, Resource: "*" });
      expect(
        await violations(p, [
          res(KMS_KEY, "key", { enableKeyRotation: true, policy: grant("kms:*") }),
          res(SQS_QUEUE_POLICY, "queue", { queueUrl: "https://sqs/q", policy: grant("sqs:*") }),
          res(APIGATEWAY_REST_API_POLICY, "api", {
            restApiId: "a1b2c3",
            policy: grant("execute-api:*"),
          }),
        ]),
      ).to.deep.equal([]);
    });
    it("a document unknown at preview is a note, not a pass", async () => {
      const r = res(S3_BUCKET_POLICY, "reports", { bucket: "reports", policy: UNKNOWN });
      expect(await violations(p, [r])).to.deep.equal([]);
      expect(await previewNotes(p, [r])).to.have.length(1);
    });
  });
});
