// S3 bucket policies that grant the CloudFront service principal (origin access control) without
// pinning it to a distribution: the compliant grant names the distribution's ARN in aws:SourceArn,
// and each way of leaving the pin out is caught one field at a time.
import { expect } from "chai";
import { S3_BUCKET, S3_BUCKET_POLICY } from "../../../policy-pack/lib/types";
import { NATIVE_S3_BUCKET_POLICY } from "../../../policy-pack/lib/native/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violations } from "../fixture";
import { doc, stack, tlsStatement } from "../fixtures/s3";

const DISTRIBUTION = "arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE";
/** The pin the CloudFront Developer Guide gives for origin access control: the distribution. */
const PINNED = { StringEquals: { "AWS:SourceArn": DISTRIBUTION } };
/** The guide's statement, with `condition` as its Condition (none when undefined). */
const oacRead = (condition?: object) => ({
  Sid: "AllowCloudFrontServicePrincipalReadOnly",
  Effect: "Allow",
  Principal: { Service: "cloudfront.amazonaws.com" },
  Action: "s3:GetObject",
  Resource: "arn:aws:s3:::site-bucket/*",
  ...(condition ? { Condition: condition } : {}),
});
const bucketPolicy = (...statements: object[]) =>
  res(S3_BUCKET_POLICY, "site-policy", { bucket: "site-bucket", policy: doc(...statements) });

describe("s3-bucket-policy-cloudfront-source", () => {
  const p = policy("s3-bucket-policy-cloudfront-source");

  it("is mandatory", () => {
    expect(p.enforcementLevel).to.equal("mandatory");
  });

  describe("Noncompliance", () => {
    it("reports a grant to cloudfront.amazonaws.com with no Condition", async () => {
      expect(await violations(p, [bucketPolicy(oacRead())])).to.deep.equal([
        'site-policy: statement 1 (Sid "AllowCloudFrontServicePrincipalReadOnly") grants ' +
          "s3:GetObject to cloudfront.amazonaws.com without an aws:SourceArn or " +
          "aws:SourceAccount condition naming fixed values (a distribution's ARN, an account id): " +
          "any distribution of any AWS account can read through it.",
      ]);
    });
    for (const [what, condition] of [
      ["a condition on another key", { Bool: { "aws:SecureTransport": "true" } }],
      ["a SourceArn that is only a wildcard", { ArnLike: { "AWS:SourceArn": "*" } }],
      ["an IfExists operator", { StringEqualsIfExists: { "AWS:SourceArn": DISTRIBUTION } }],
      [
        "a SourceArn of every distribution of every account",
        { ArnLike: { "AWS:SourceArn": "arn:aws:cloudfront::*:distribution/*" } },
      ],
      ["a SourceArn pattern of every ARN", { StringLike: { "aws:SourceArn": "arn:*" } }],
      [
        "a SourceArn compared with itself (a policy variable: always true)",
        { StringEquals: { "aws:SourceArn": "${aws:SourceArn}" } },
      ],
      ["a SourceAccount pattern", { StringLike: { "aws:SourceAccount": "1*" } }],
    ] as const) {
      it(`reports the grant with ${what}`, async () => {
        expect(await violations(p, [bucketPolicy(oacRead(condition))])).to.have.length(1);
      });
    }
    it("says what the unpinned statement lets any distribution do: write", async () => {
      const write = { ...oacRead(), Action: "s3:PutObject" };
      const [message] = await violations(p, [bucketPolicy(write)]);
      expect(message).to.match(
        /grants s3:PutObject .*: any distribution of any AWS account can write/,
      );
    });
    it("reads an inline bucket policy (aws.s3.Bucket policy) as well", async () => {
      const bucket = res(S3_BUCKET, "site-bucket", {
        bucket: "site-bucket",
        policy: doc(oacRead()),
      });
      expect(await violations(p, [bucket])).to.have.length(1);
    });
    it("reads an aws-native BucketPolicy's policyDocument as the classic policy", async () => {
      const native = res(NATIVE_S3_BUCKET_POLICY, "site-policy", {
        bucket: "site-bucket",
        policyDocument: { Version: "2012-10-17", Statement: [oacRead()] },
      });
      expect(await violations(p, [native])).to.have.length(1);
    });
    it("a policy unknown at preview gives a preview note, not a pass", async () => {
      const unknown = res(S3_BUCKET_POLICY, "site-policy", {
        bucket: "site-bucket",
        policy: UNKNOWN,
      });
      expect(await violations(p, [unknown])).to.deep.equal([]);
      expect(await previewNotes(p, [unknown])).to.have.length(1);
    });
  });

  describe("Unknown at preview", () => {
    it("a SourceArn unknown until apply gives a preview note, not a pass", async () => {
      const native = res(NATIVE_S3_BUCKET_POLICY, "site-policy", {
        bucket: "site-bucket",
        policyDocument: {
          Version: "2012-10-17",
          Statement: [oacRead({ StringEquals: { "AWS:SourceArn": UNKNOWN } })],
        },
      });
      expect(await violations(p, [native])).to.deep.equal([]);
      expect(await previewNotes(p, [native])).to.have.length(1);
    });
    it("a SourceArn built from a value unknown until apply gives a preview note", async () => {
      const partly = `arn:aws:cloudfront::123456789012:distribution/${UNKNOWN}`;
      const built = bucketPolicy(oacRead({ StringEquals: { "AWS:SourceArn": partly } }));
      expect(await violations(p, [built])).to.deep.equal([]);
      const notes = await previewNotes(p, [built]);
      expect(notes).to.have.length(1);
      expect(notes[0]).to.include("StringEquals AWS:SourceArn is unknown until apply");
    });
    it("a wildcard beside an unknown value is a violation already at preview", async () => {
      const values = [
        "arn:aws:cloudfront::*:distribution/*",
        `arn:aws:cloudfront::123456789012:distribution/${UNKNOWN}`,
      ];
      const built = bucketPolicy(oacRead({ ArnLike: { "AWS:SourceArn": values } }));
      expect(await violations(p, [built])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("passes the grant pinned with AWS:SourceArn, and one pinned to an account", async () => {
      const account = { StringEquals: { "aws:SourceAccount": "123456789012" } };
      expect(await violations(p, [bucketPolicy(oacRead(PINNED))])).to.deep.equal([]);
      expect(await violations(p, [bucketPolicy(oacRead(account))])).to.deep.equal([]);
    });
    it("passes every distribution of one account (ArnLike with a 12-digit account)", async () => {
      const anyOfOne = {
        ArnLike: { "AWS:SourceArn": "arn:aws:cloudfront::123456789012:distribution/*" },
      };
      expect(await violations(p, [bucketPolicy(oacRead(anyOfOne))])).to.deep.equal([]);
    });
    it("leaves other principals and Deny statements to the other rules", async () => {
      const deny = { ...oacRead(), Effect: "Deny" };
      expect(await violations(p, [bucketPolicy(tlsStatement("site-bucket"), deny)])).to.deep.equal(
        [],
      );
    });
    it("the compliant bucket passes", async () => {
      await expectClean(p, stack());
    });
  });
});
