// S3 bucket policies that lock the account out of its own bucket policy (Checkov CKV_AWS_93): an
// unconditional Deny of s3:PutBucketPolicy (or a wildcard over it) to everyone on the bucket.
import { expect } from "chai";
import { S3_BUCKET_POLICY } from "../../../policy-pack/lib/types";
import { expectClean, policy, previewNotes, res, UNKNOWN, violations } from "../fixture";
import { doc, ROLE_ARN, stack, tlsStatement } from "../fixtures/s3";

const BUCKET = "arn:aws:s3:::data-bucket";
const denyAll = {
  Sid: "DenyAll",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: [BUCKET, `${BUCKET}/*`],
};
const bucketPolicy = (...statements: object[]) =>
  res(S3_BUCKET_POLICY, "data-policy", { bucket: "data-bucket", policy: doc(...statements) });

describe("s3-bucket-policy-no-lockout", () => {
  const p = policy("s3-bucket-policy-no-lockout");

  describe("Noncompliance", () => {
    it("CKV_AWS_93: reports an unconditional Deny of s3:* to everyone on the bucket", async () => {
      expect(
        await violations(p, [bucketPolicy(tlsStatement("data-bucket"), denyAll)]),
      ).to.deep.equal([
        'data-policy: statement 2 (Sid "DenyAll") denies s3:* to everyone without a condition: ' +
          "no role or user of the account can change the bucket policy any more, only the root user.",
      ]);
    });
    for (const [what, s] of [
      ["Action *", { ...denyAll, Action: "*" }],
      ["s3:PutBucketPolicy", { ...denyAll, Action: ["s3:GetObject", "s3:PutBucketPolicy"] }],
      ["s3:*BucketPolicy", { ...denyAll, Action: "s3:*BucketPolicy" }],
      ["s3:Put*", { ...denyAll, Action: "s3:Put*" }],
      ['Principal {"AWS": "*"}', { ...denyAll, Principal: { AWS: "*" } }],
      [
        "a NotResource that spares only the objects",
        { ...denyAll, Resource: undefined, NotResource: `${BUCKET}/*` },
      ],
      [
        "a NotAction that spares only reads",
        { ...denyAll, Action: undefined, NotAction: "s3:Get*" },
      ],
    ] as const) {
      it(`reports a lockout written with ${what}`, async () => {
        expect(await violations(p, [bucketPolicy(s)])).to.have.length(1);
      });
    }
  });

  describe("Compliance", () => {
    it("passes the TLS-only deny (conditional) of the compliant bucket", async () => {
      await expectClean(p, stack());
    });
    for (const [what, s] of [
      [
        "a Condition",
        { ...denyAll, Condition: { StringNotEquals: { "aws:PrincipalArn": ROLE_ARN } } },
      ],
      ["a named principal", { ...denyAll, Principal: { AWS: ROLE_ARN } }],
      ["a NotPrincipal", { ...denyAll, Principal: undefined, NotPrincipal: { AWS: ROLE_ARN } }],
      ["objects only", { ...denyAll, Resource: `${BUCKET}/*` }],
      [
        "a NotResource that spares the bucket",
        { ...denyAll, Resource: undefined, NotResource: BUCKET },
      ],
      ["data actions only", { ...denyAll, Action: ["s3:GetObject", "s3:DeleteObject"] }],
      ["an Allow", { ...denyAll, Effect: "Allow", Principal: { AWS: ROLE_ARN } }],
    ] as const) {
      it(`passes a Deny-everything statement narrowed by ${what}`, async () => {
        await expectClean(p, [bucketPolicy(s)]);
      });
    }
    it("gives a preview note for a policy document unknown at preview", async () => {
      const unknown = res(S3_BUCKET_POLICY, "data-policy", { bucket: "b", policy: UNKNOWN });
      expect(await previewNotes(p, [unknown])).to.have.length(1);
    });
  });
});
