// resource-policy-anonymous-source-ip: an anonymous grant narrowed only by aws:SourceIp (KICS's S3
// "from all principals" and "SQS Policy With Public Access" fixtures), which S3 does not count as
// public. A compliant bucket policy, then one field broken at a time.
import { expect } from "chai";
import * as T from "../../../policy-pack/lib/types";
import { policy, policyJson as doc, previewNotes, res, UNKNOWN, violations } from "../fixture";

const p = policy("resource-policy-anonymous-source-ip");
const ACCOUNT = "123456789012";

/** KICS s3_bucket_allows_get_action_from_all_principals positive.tf b2, made compliant by an org pin. */
const statement = (extra: Record<string, unknown> = {}) => ({
  Sid: "IPAllow",
  Effect: "Allow",
  Principal: { AWS: "*" },
  Action: "s3:GetObject",
  Resource: "arn:aws:s3:::my_tf_test_bucket/*",
  Condition: {
    IpAddress: { "aws:SourceIp": "8.8.8.8/32" },
    StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" },
  },
  ...extra,
});
const bucketPolicy = (s = statement()) =>
  res(T.S3_BUCKET_POLICY, "bucket", { bucket: "my_tf_test_bucket", policy: doc(s) });
const ADDRESS_ONLY = { Condition: { IpAddress: { "aws:SourceIp": "8.8.8.8/32" } } };

describe("resource-policy-anonymous-source-ip", () => {
  it("the compliant fixture (the address and the organization) has no finding", async () => {
    expect(await violations(p, [bucketPolicy()])).to.deep.equal([]);
  });

  describe("Noncompliance", () => {
    it('KICS positive.tf b2: {AWS: "*"} narrowed only by one address', async () => {
      expect(await violations(p, [bucketPolicy(statement(ADDRESS_ONLY))])).to.deep.equal([
        'bucket: statement IPAllow (s3:GetObject): Principal "*" is narrowed only by aws:SourceIp (8.8.8.8/32): anyone sending from those addresses gets the grant without signing a request.',
      ]);
    });
    it('KICS positive.tf b1 and SQS test: Principal "*", on a bucket and on a queue', async () => {
      const anyone = statement({ ...ADDRESS_ONLY, Principal: "*" });
      const queue = res(T.SQS_QUEUE_POLICY, "queue", {
        queueUrl: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/q`,
        policy: doc({
          ...anyone,
          Action: "sqs:SendMessage",
          Resource: `arn:aws:sqs:eu-west-1:${ACCOUNT}:q`,
        }),
      });
      expect(await violations(p, [bucketPolicy(anyone), queue])).to.have.length(2);
    });
    it("a second address condition does not name a caller either", async () => {
      const both = statement({
        Condition: {
          IpAddress: { "aws:SourceIp": "8.8.8.8/32" },
          "ForAnyValue:IpAddress": { "aws:SourceIp": ["203.0.113.0/24"] },
        },
      });
      expect(await violations(p, [bucketPolicy(both)])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("a named principal needs no further pin", async () => {
      const named = statement({
        ...ADDRESS_ONLY,
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/reader` },
      });
      expect(await violations(p, [bucketPolicy(named)])).to.deep.equal([]);
    });
    it("a Deny from an address range grants nothing", async () => {
      expect(
        await violations(p, [bucketPolicy(statement({ ...ADDRESS_ONLY, Effect: "Deny" }))]),
      ).to.deep.equal([]);
    });
    it("a range too wide to pin (0.0.0.0/0) is the public rules' finding, not this one", async () => {
      const open = statement({ Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } } });
      expect(await violations(p, [bucketPolicy(open)])).to.deep.equal([]);
    });
    it("a VPC endpoint pin instead of the address", async () => {
      const vpce = statement({
        Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
      });
      expect(await violations(p, [bucketPolicy(vpce)])).to.deep.equal([]);
    });
  });

  it("a policy unknown at preview is a note, not a pass", async () => {
    const unknown = res(T.S3_BUCKET_POLICY, "bucket", { bucket: "b", policy: UNKNOWN });
    expect(await previewNotes(p, [unknown])).to.have.length(1);
  });
});
