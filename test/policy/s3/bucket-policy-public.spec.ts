// S3 bucket policies: no statement open to everyone (Principal "*", {AWS: "*"}, NotPrincipal)
// without a condition that pins the callers, a Deny (in any case) never counted as a grant; policy
// documents as JSON strings, as objects and inline on both bucket spellings.
import { expect } from "chai";
import { S3_BUCKET, S3_BUCKET_POLICY, S3_BUCKET_V2 } from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violations } from "../fixture";
import { doc, passesCompliantBuckets, ROLE_ARN, stack } from "../fixtures/s3";

describe("s3-bucket-policy-no-public-principal", () => {
  const p = policy("s3-bucket-policy-no-public-principal");
  const allowRole = {
    Effect: "Allow",
    Principal: { AWS: ROLE_ARN },
    Action: ["s3:PutObject"],
    Resource: "arn:aws:s3:::data-bucket/*",
  };
  const withStatement = (s: object) => [
    res(S3_BUCKET_POLICY, "pol", { bucket: "data-bucket", policy: doc(s) }),
  ];
  const publicRead = {
    Sid: "Public",
    Effect: "Allow",
    Principal: "*",
    Action: "s3:GetObject",
    Resource: "arn:aws:s3:::data-bucket/*",
  };

  describe("Noncompliance", () => {
    it('reports Allow to Principal "*"', async () => {
      expect(await violations(p, withStatement(publicRead))).to.deep.equal([
        'pol: statement Public (s3:GetObject): Allow to Principal "*" without a narrowing condition.',
      ]);
    });
    it('reports {"AWS": "*"} and a "*" among other principals', async () => {
      expect(
        await violations(p, withStatement({ ...publicRead, Principal: { AWS: "*" } })),
      ).to.have.length(1);
      expect(
        await violations(p, withStatement({ ...publicRead, Principal: { AWS: [ROLE_ARN, "*"] } })),
      ).to.have.length(1);
    });
    it("KICS 'S3 Bucket Allows Delete Action From All Principals' positive4-6: {AWS: \"*\"} with s3:Delete*, s3:* or *", async () => {
      for (const action of ["s3:Delete*", "s3:*", "*"]) {
        const s = { Effect: "Allow", Principal: { AWS: "*" }, Action: [action], Resource: "*" };
        expect(await violations(p, withStatement(s))).to.have.length(1);
      }
    });
    it("KICS 'S3 Bucket With All Permissions' positive: inline s3:* to \"*\"", async () => {
      const all = {
        Action: ["s3:*"],
        Effect: "Allow",
        Resource: "arn:aws:s3:::b/*",
        Principal: "*",
      };
      expect(
        await violations(p, [res(S3_BUCKET, "positive1", { policy: doc(all) })]),
      ).to.deep.equal([
        'positive1: statement #0 (s3:*): Allow to Principal "*" without a narrowing condition.',
      ]);
    });
    it("reports Allow with NotPrincipal", async () => {
      const s = { ...allowRole, Principal: undefined, NotPrincipal: { AWS: ROLE_ARN } };
      expect(await violations(p, withStatement(s))).to.deep.equal([
        "pol: statement #0 (s3:PutObject): Allow with NotPrincipal grants everyone not listed.",
      ]);
    });
    it("reports conditions that do not narrow: IfExists, wildcards, negations, /0, unlisted keys", async () => {
      for (const Condition of [
        { StringEqualsIfExists: { "aws:SourceAccount": "123456789012" } },
        { StringLike: { "aws:SourceAccount": "*" } },
        { ArnLike: { "aws:SourceArn": "arn:aws:iam::*:role/x" } },
        { StringNotEquals: { "aws:SourceAccount": "123456789012" } },
        { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } },
        { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
        { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
      ]) {
        expect(await violations(p, withStatement({ ...publicRead, Condition }))).to.have.length(1);
      }
    });
    it("reports a document that is not JSON", async () => {
      const found = await violations(p, [
        res(S3_BUCKET_POLICY, "pol", { bucket: "x", policy: "{not json" }),
      ]);
      expect(found[0]).to.match(/^pol: the policy document is not valid JSON/);
    });
    it("gives a preview note for a document unknown at preview", async () => {
      const unknown = [res(S3_BUCKET_POLICY, "pol", { bucket: UNKNOWN, policy: UNKNOWN })];
      expect(await violations(p, unknown)).to.deep.equal([]);
      expect(await previewNotes(p, unknown)).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("passes a policy naming its principals, with a TLS deny to *", async () => {
      expect(await violations(p, withStatement(allowRole))).to.deep.equal([]);
      expect(await violations(p, stack())).to.deep.equal([]);
    });
    it('passes a Deny-only policy, also with the Deny miscased "deny" (IAM User Guide, reference_policies_elements_effect: case sensitive, so AWS rejects it; never a grant)', async () => {
      const tlsDeny = (Effect: string) => ({
        Sid: "DenyInsecureTransport",
        Effect,
        Principal: "*",
        Action: "s3:*",
        Resource: ["arn:aws:s3:::data-bucket", "arn:aws:s3:::data-bucket/*"],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      });
      for (const effect of ["Deny", "deny", "DENY"])
        expect(await violations(p, withStatement(tlsDeny(effect))), effect).to.deep.equal([]);
    });
    it('CKV_AWS_261 s3.tf: pass3 ({AWS: "*"} behind ForAnyValue:StringEquals aws:PrincipalOrgID) passes; fail / fail2 ("*", {AWS: "*"}, no Resource) do not', async () => {
      const ecrReads = {
        Effect: "Allow",
        Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:ListImages"],
      };
      const org = { "ForAnyValue:StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } };
      expect(
        await violations(
          p,
          withStatement({ ...ecrReads, Principal: { AWS: "*" }, Condition: org }),
        ),
      ).to.deep.equal([]);
      for (const Principal of ["*", { AWS: "*" }]) {
        expect(await violations(p, withStatement({ ...ecrReads, Principal }))).to.have.length(1);
      }
    });
    it("passes a wildcard narrowed by fixed aws:SourceArn, aws:PrincipalOrgID or aws:SourceVpce", async () => {
      for (const Condition of [
        { ArnEquals: { "aws:SourceArn": "arn:aws:cloudfront::123456789012:distribution/E1" } },
        { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
        { StringEquals: { "aws:sourcevpce": ["vpce-1234"] } },
        { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/*" } },
        { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
      ]) {
        expect(await violations(p, withStatement({ ...publicRead, Condition }))).to.deep.equal([]);
      }
    });
    it("KICS 'S3 Bucket Allows Delete Action From All Principals' positive1/positive2 pass: aws:SourceIp 8.8.8.8/32 is a fixed CIDR, which S3 Block Public Access counts as non-public", async () => {
      // https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
      // ("The meaning of 'public'"): KICS flags these; AWS does not call them public.
      const Condition = { IpAddress: { "aws:SourceIp": "8.8.8.8/32" } };
      for (const Principal of ["*", { AWS: "*" }]) {
        const s = { ...publicRead, Principal, Action: "s3:DeleteObject", Condition };
        expect(await violations(p, withStatement(s))).to.deep.equal([]);
      }
    });
    it("accepts the condition keys AWS lists as pinning a public grant, with fixed values", async () => {
      for (const Condition of [
        { StringEquals: { "aws:SourceAccount": "123456789012" } },
        { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
        { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
      ]) {
        expect(await violations(p, withStatement({ ...publicRead, Condition }))).to.deep.equal([]);
      }
      // S3 accepts a fixed s3:x-amz-server-side-encryption-aws-kms-key-id; the pack does not (the
      // caller chooses the header: it limits the key, not who may call).
      const keyId = {
        StringEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:k" },
      };
      expect(
        await violations(p, withStatement({ ...publicRead, Condition: keyId })),
      ).to.have.length(1);
    });
    it("reads policy documents given as objects, and inline bucket policies (Bucket and BucketV2)", async () => {
      const object = { Version: "2012-10-17", Statement: [publicRead] };
      expect(
        await violations(p, [res(S3_BUCKET_POLICY, "pol", { bucket: "x", policy: object })]),
      ).to.have.length(1);
      expect(
        await violations(p, [res(S3_BUCKET, "b", { policy: doc(publicRead) })]),
      ).to.have.length(1);
      expect(
        await violations(p, [res(S3_BUCKET_V2, "b", { policy: doc(publicRead) })]),
      ).to.have.length(1);
    });
    it(
      "a compliant Bucket and a compliant BucketV2 pass",
      passesCompliantBuckets("s3-bucket-policy-no-public-principal"),
    );
  });
});
