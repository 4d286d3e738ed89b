// A bucket that grants S3 server access log delivery itself (canned ACL log-delivery-write, an ACL
// grant to the Log Delivery group, a bucket policy for logging.s3.amazonaws.com) while the logging is
// configured in another stack: s3-bucket-sse-kms-cmk accepts its SSE-S3 as for a BucketLogging
// target of the stack (Trivy AVD-AWS-0132's log-bucket exemption), noted by
// s3-bucket-documented-exceptions. Each test breaks one field of the compliant declaration.
import { expect } from "chai";
import {
  S3_BUCKET,
  S3_BUCKET_ACL_V2,
  S3_BUCKET_POLICY,
  S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
  SSM_PARAMETER,
} from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violations } from "../fixture";
import type { RecordedResource } from "../../../tools/lib/recorder";

const LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";

/** The log bucket `logs` with `inputs`, SSE-S3 by its own configuration, and `sides` of it. */
/** The bucket's default encryption (`AES256` is SSE-S3), as its own resource. */
function defaultEncryption(b: RecordedResource, sseAlgorithm: string): RecordedResource {
  return res(
    S3_BUCKET_SERVER_SIDE_ENCRYPTION_CONFIGURATION,
    "logs-sse",
    { bucket: "logs-bucket", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm } }] },
    { refs: { bucket: [b] } },
  );
}

function logBucket(
  inputs: Record<string, unknown>,
  ...sides: ((b: RecordedResource) => RecordedResource)[]
): RecordedResource[] {
  const b = res(S3_BUCKET, "logs", { bucket: "logs-bucket", ...inputs });
  return [b, defaultEncryption(b, "AES256"), ...sides.map((side) => side(b))];
}
const aclOf = (inputs: Record<string, unknown>) => (b: RecordedResource) =>
  res(
    S3_BUCKET_ACL_V2,
    "logs-acl",
    { bucket: "logs-bucket", ...inputs },
    { refs: { bucket: [b] } },
  );
const policyOf = (statement: Record<string, unknown>) => (b: RecordedResource) =>
  res(
    S3_BUCKET_POLICY,
    "logs-policy",
    {
      bucket: "logs-bucket",
      policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }),
    },
    { refs: { bucket: [b] } },
  );
/** The statement of the S3 User Guide's bucket policy for server access log delivery. */
const DELIVERY = {
  Sid: "S3ServerAccessLogsPolicy",
  Effect: "Allow",
  Principal: { Service: "logging.s3.amazonaws.com" },
  Action: ["s3:PutObject"],
  Resource: "arn:aws:s3:::logs-bucket/*",
};
const grant = (permission: string, uri = LOG_DELIVERY) => ({
  accessControlPolicy: {
    owner: { id: "owner-canonical-id" },
    grants: [{ grantee: { type: "Group", uri }, permission }],
  },
});
const SSE_S3 = 'logs: bucket "logs" uses SSE-S3 (AES256), not SSE-KMS.';

describe("s3-bucket-sse-kms-cmk: a bucket that grants server access log delivery itself", () => {
  const p = policy("s3-bucket-sse-kms-cmk");
  const notes = policy("s3-bucket-documented-exceptions");

  describe("Compliance", () => {
    it("Trivy AVD-AWS-0132 good[1]: canned ACL log-delivery-write with AES256, noted", async () => {
      const resources = logBucket({ acl: "log-delivery-write" });
      expect(await violations(p, resources)).to.deep.equal([]);
      const found = await violations(notes, resources);
      expect(found).to.have.length(1);
      expect(found[0]).to.contain("(the bucket grants log delivery itself)");
    });
    it("the canned ACL or a WRITE grant on an aws.s3.BucketAcl of the bucket", async () => {
      expect(
        await violations(p, logBucket({}, aclOf({ acl: "log-delivery-write" }))),
      ).to.deep.equal([]);
      expect(await violations(p, logBucket({}, aclOf(grant("WRITE"))))).to.deep.equal([]);
      expect(await violations(p, logBucket({}, aclOf(grant("FULL_CONTROL"))))).to.deep.equal([]);
    });
    it("a bucket policy that lets logging.s3.amazonaws.com put objects, side or inline", async () => {
      expect(await violations(p, logBucket({}, policyOf(DELIVERY)))).to.deep.equal([]);
      const inline = logBucket({
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [DELIVERY] }),
      });
      expect(await violations(p, inline)).to.deep.equal([]);
    });
  });

  describe("Noncompliance (one field of the declaration broken)", () => {
    it("a private canned ACL", async () => {
      expect(await violations(p, logBucket({ acl: "private" }))).to.deep.equal([SSE_S3]);
    });
    it("a grant of READ_ACP only, or of WRITE to another group", async () => {
      expect(await violations(p, logBucket({}, aclOf(grant("READ_ACP"))))).to.deep.equal([SSE_S3]);
      const other = grant("WRITE", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers");
      expect(await violations(p, logBucket({}, aclOf(other)))).to.include(SSE_S3);
    });
    it("a policy for another service, a Deny, or another action", async () => {
      const service = { ...DELIVERY, Principal: { Service: "delivery.logs.amazonaws.com" } };
      expect(await violations(p, logBucket({}, policyOf(service)))).to.deep.equal([SSE_S3]);
      const deny = { ...DELIVERY, Effect: "Deny" };
      expect(await violations(p, logBucket({}, policyOf(deny)))).to.deep.equal([SSE_S3]);
      const read = { ...DELIVERY, Action: ["s3:GetObject"] };
      expect(await violations(p, logBucket({}, policyOf(read)))).to.deep.equal([SSE_S3]);
    });
    it("still reports the AWS-managed key on a declared log bucket (only SSE-S3 is accepted)", async () => {
      const b = res(S3_BUCKET, "logs", { bucket: "logs-bucket", acl: "log-delivery-write" });
      const kms = defaultEncryption(b, "aws:kms");
      expect(await violations(p, [b, kms])).to.have.length(1);
    });
    it("an ACL unknown at preview is a preview note, not a pass", async () => {
      // The canned ACL comes from a setting of another resource, unknown until apply.
      const setting = res(SSM_PARAMETER, "acl-setting", { name: "/logs/acl" });
      const b = res(
        S3_BUCKET,
        "logs",
        { bucket: "logs-bucket", acl: UNKNOWN },
        { refs: { acl: [setting] } },
      );
      const sse = defaultEncryption(b, "AES256");
      expect(await violations(p, [setting, b, sse])).to.deep.equal([]);
      expect(await previewNotes(p, [setting, b, sse])).to.have.length(1);
    });
  });
});
