// S3 bucket policies: requests without TLS denied, and grants to other accounts only to those
// listed as trusted.
import { expect } from "chai";
import { IAM_ROLE, S3_BUCKET_V2 } from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violations } from "../fixture";
import { doc, passesCompliantBuckets, ROLE_ARN, stack, tlsStatement } from "../fixtures/s3";

describe("s3-bucket-tls-only", () => {
  const p = policy("s3-bucket-tls-only");
  const withPolicy = (s: object) => stack({ parts: { policy: { policy: doc(s) } } });
  const tls = tlsStatement("data-bucket");

  describe("Noncompliance", () => {
    it("reports a bucket without a policy", async () => {
      expect(await violations(p, stack({ parts: { policy: null } }))).to.deep.equal([
        'data: bucket "data" has no bucket policy, so nothing denies non-TLS requests.',
      ]);
    });
    for (const [what, s] of [
      ["an Allow instead of a Deny", { ...tls, Effect: "Allow" }],
      [
        '"true" instead of "false"',
        { ...tls, Condition: { Bool: { "aws:SecureTransport": "true" } } },
      ],
      ["objects only", { ...tls, Resource: "arn:aws:s3:::data-bucket/*" }],
      ["one action only", { ...tls, Action: "s3:GetObject" }],
      ["a named principal", { ...tls, Principal: { AWS: ROLE_ARN } }],
    ] as const) {
      it(`reports a TLS statement with ${what}`, async () => {
        expect(await violations(p, withPolicy(s))).to.deep.equal([
          'data: bucket "data": no bucket policy statement denies requests without TLS (aws:SecureTransport "false").',
        ]);
      });
    }
    it("gives a preview note for a policy document unknown at preview", async () => {
      const s = stack({ parts: { policy: { policy: UNKNOWN } } });
      expect(await violations(p, s)).to.deep.equal([]);
      expect(await previewNotes(p, s)).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("passes a policy that denies non-TLS requests (Bucket, BucketV2, literal name, IfExists)", async () => {
      expect(await violations(p, stack())).to.deep.equal([]);
      expect(await violations(p, stack({ type: S3_BUCKET_V2 }))).to.deep.equal([]);
      expect(await violations(p, stack({ literal: true }))).to.deep.equal([]);
      const ifExists = { ...tls, Condition: { BoolIfExists: { "aws:SecureTransport": false } } };
      expect(await violations(p, withPolicy(ifExists))).to.deep.equal([]);
    });
    it("passes an inline bucket policy", async () => {
      const s = stack({ parts: { policy: null }, bucket: { policy: doc(tls) } });
      expect(await violations(p, s)).to.deep.equal([]);
    });
    it(
      "a compliant Bucket and a compliant BucketV2 pass",
      passesCompliantBuckets("s3-bucket-tls-only"),
    );
  });
});

describe("s3-bucket-cross-account-restricted", () => {
  const p = policy("s3-bucket-cross-account-restricted");
  const role = res(IAM_ROLE, "api-role", {}, { outputs: { arn: ROLE_ARN } });
  const grant = (principal: string) =>
    stack({
      parts: {
        policy: {
          policy: doc(tlsStatement("data-bucket"), {
            Sid: "Writer",
            Effect: "Allow",
            Principal: { AWS: principal },
            Action: "s3:PutObject",
            Resource: "arn:aws:s3:::data-bucket/*",
          }),
        },
      },
    });

  describe("Noncompliance", () => {
    it("reports a grant to another account", async () => {
      expect(await violations(p, [role, ...grant("arn:aws:iam::999999999999:root")])).to.deep.equal(
        [
          'data: bucket policy "data-policy": statement Writer grants s3:PutObject to account(s) 999999999999.',
        ],
      );
      expect(await violations(p, [role, ...grant("999999999999")])).to.have.length(1);
    });
    it("says so when the stack's own account is not known (preview)", async () => {
      const found = await violations(p, grant(ROLE_ARN));
      expect(found[0]).to.contain("this stack's own account is not known yet");
    });
  });

  describe("Compliance", () => {
    it("passes grants to the stack's own account and to service principals", async () => {
      expect(await violations(p, [role, ...grant(ROLE_ARN)])).to.deep.equal([]);
      expect(await violations(p, [role, ...stack()])).to.deep.equal([]);
    });
    it("accepts accounts listed in trustedAccountIds", async () => {
      const config = {
        "s3-bucket-cross-account-restricted": { trustedAccountIds: ["999999999999"] },
      };
      expect(await violations(p, [role, ...grant("999999999999")], config)).to.deep.equal([]);
    });
    it(
      "a compliant Bucket and a compliant BucketV2 pass",
      passesCompliantBuckets("s3-bucket-cross-account-restricted"),
    );
  });
});
