// S3 block public access: a public-access block with four true flags on every bucket and no
// public ACLs; both bucket spellings, side resources linked by property dependency and by literal
// name (public bucket policies: ./bucket-policy-public.spec.ts; ownership controls and the account block:
// ./ownership-and-account.spec.ts).
import { expect } from "chai";
import {
  S3_ACCOUNT_PUBLIC_ACCESS_BLOCK,
  S3_BUCKET,
  S3_BUCKET_ACL,
  S3_BUCKET_ACL_V2,
  S3_BUCKET_OBJECTV2,
  S3_BUCKET_PUBLIC_ACCESS_BLOCK,
  S3_BUCKET_V2,
  S3_OBJECT_COPY,
} from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violations } from "../fixture";
import {
  ALL_FLAGS,
  compliantBucket,
  passesCompliantBuckets,
  stack,
  waivedOf,
} from "../fixtures/s3";

describe("s3-bucket-public-access-block", () => {
  const p = policy("s3-bucket-public-access-block");

  describe("Noncompliance", () => {
    it("reports a bucket without a block (Bucket and BucketV2)", async () => {
      for (const type of [S3_BUCKET, S3_BUCKET_V2]) {
        expect(await violations(p, stack({ type, parts: { pab: null } }))).to.deep.equal([
          'data: bucket "data" has no BucketPublicAccessBlock.',
        ]);
      }
    });
    for (const flag of Object.keys(ALL_FLAGS)) {
      it(`reports a block with ${flag} false, and with ${flag} unset`, async () => {
        const off = stack({ parts: { pab: { ...ALL_FLAGS, [flag]: false } } });
        expect(await violations(p, off)).to.deep.equal([
          `data: bucket "data": public-access block "data-pab" leaves ${flag} off.`,
        ]);
        const rest: Record<string, boolean> = { ...ALL_FLAGS };
        delete rest[flag];
        expect(await violations(p, stack({ parts: { pab: rest } }))).to.have.length(1);
      });
    }
    it("does not count a block of another bucket, nor one naming a bucket outside the stack", async () => {
      const a = compliantBucket("a");
      const b = compliantBucket("b", { parts: { pab: null } });
      const external = res(S3_BUCKET_PUBLIC_ACCESS_BLOCK, "external-pab", {
        bucket: "legacy-bucket",
        ...ALL_FLAGS,
      });
      expect(await violations(p, [...a.all, ...b.all, external])).to.deep.equal([
        'b: bucket "b" has no BucketPublicAccessBlock.',
      ]);
    });
    it("gives a preview note, not a pass, for an unknown flag", async () => {
      const resources = stack({ parts: { pab: { ...ALL_FLAGS, ignorePublicAcls: UNKNOWN } } });
      expect(await violations(p, resources)).to.deep.equal([]);
      const notes = await previewNotes(p, resources);
      expect(notes).to.have.length(1);
      expect(notes[0]).to.contain(
        "can't run policy 's3-bucket-public-access-block' from policy pack 'platform-guardrails@v0.1.0' during preview",
      );
    });
    it("gives a preview note when a block's bucket is unknown and not a property dependency", async () => {
      const { bucket } = compliantBucket();
      const orphan = res(S3_BUCKET_PUBLIC_ACCESS_BLOCK, "orphan", {
        bucket: UNKNOWN,
        ...ALL_FLAGS,
      });
      expect(await violations(p, [bucket, orphan])).to.deep.equal([]);
      const notes = await previewNotes(p, [bucket, orphan]);
      expect(notes[0]).to.contain("orphan");
    });
    it("lists a waived bucket as waived, not as a violation", async () => {
      const resources = stack({
        bucket: {
          tags: { "waiver:s3-bucket-public-access-block": "public website bucket, reviewed" },
        },
        parts: { pab: null },
      });
      expect(await violations(p, resources)).to.deep.equal([]);
      expect(await waivedOf(p, resources)).to.deep.equal([
        'data: bucket "data" has no BucketPublicAccessBlock. [public website bucket, reviewed]',
      ]);
    });
  });

  describe("Compliance", () => {
    it("passes a bucket whose block sets all four flags (Bucket and BucketV2)", async () => {
      expect(await violations(p, stack())).to.deep.equal([]);
      expect(await violations(p, stack({ type: S3_BUCKET_V2 }))).to.deep.equal([]);
      expect(await previewNotes(p, stack())).to.deep.equal([]);
    });
    it("correlates a block whose bucket id is unknown through its property dependency", async () => {
      const { bucket, sides } = compliantBucket();
      const block = sides.find((s) => s.type === S3_BUCKET_PUBLIC_ACCESS_BLOCK)!;
      expect(block.inputs.bucket).to.equal(UNKNOWN);
      expect(await violations(p, [bucket, block])).to.deep.equal([]);
    });
    it("correlates a block that names the bucket literally", async () => {
      expect(await violations(p, stack({ literal: true }))).to.deep.equal([]);
    });
    it(
      "a compliant Bucket and a compliant BucketV2 pass",
      passesCompliantBuckets("s3-bucket-public-access-block"),
    );
  });
});

describe("s3-public-access-block-all-flags", () => {
  const p = policy("s3-public-access-block-all-flags");

  describe("Noncompliance", () => {
    for (const flag of Object.keys(ALL_FLAGS)) {
      it(`reports ${flag} false`, async () => {
        const block = res(S3_BUCKET_PUBLIC_ACCESS_BLOCK, "b", {
          bucket: "x",
          ...ALL_FLAGS,
          [flag]: false,
        });
        expect(await violations(p, [block])).to.deep.equal([
          `b: ${flag} not true (an unset flag is false).`,
        ]);
      });
    }
    it("Security Hub FSBP S3.1: an AccountPublicAccessBlock with a flag off or left out", async () => {
      const off = res(S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, "account", {
        ...ALL_FLAGS,
        blockPublicPolicy: false,
      });
      const partial = res(S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, "partial", {
        blockPublicAcls: true,
        blockPublicPolicy: true,
      });
      expect(await violations(p, [off, partial])).to.deep.equal([
        "account: blockPublicPolicy not true (an unset flag is false).",
        "partial: ignorePublicAcls, restrictPublicBuckets not true (an unset flag is false).",
      ]);
    });
    it("KICS 'S3 Bucket Allows Public Policy' positive1: account and bucket blocks with blockPublicPolicy false", async () => {
      const off = { ...ALL_FLAGS, blockPublicPolicy: false };
      const found = await violations(p, [
        res(S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, "positive1", off),
        res(S3_BUCKET_PUBLIC_ACCESS_BLOCK, "positive1-bucket", { bucket: "positive1-id", ...off }),
      ]);
      expect(found).to.deep.equal([
        "positive1: blockPublicPolicy not true (an unset flag is false).",
        "positive1-bucket: blockPublicPolicy not true (an unset flag is false).",
      ]);
    });
    it("gives a preview note for an unknown flag", async () => {
      const block = res(S3_BUCKET_PUBLIC_ACCESS_BLOCK, "b", {
        bucket: "x",
        ...ALL_FLAGS,
        blockPublicPolicy: UNKNOWN,
      });
      expect(await violations(p, [block])).to.deep.equal([]);
      expect(await previewNotes(p, [block])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("passes an account block with four true flags", async () => {
      const block = res(S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, "account", ALL_FLAGS);
      expect(await violations(p, [block])).to.deep.equal([]);
    });
    it("passes a block with four true flags", async () => {
      expect(
        await violations(p, [
          res(S3_BUCKET_PUBLIC_ACCESS_BLOCK, "b", { bucket: "x", ...ALL_FLAGS }),
        ]),
      ).to.deep.equal([]);
    });
    it(
      "a compliant Bucket and a compliant BucketV2 pass",
      passesCompliantBuckets("s3-public-access-block-all-flags"),
    );
  });
});

describe("s3-bucket-no-public-acl", () => {
  const p = policy("s3-bucket-no-public-acl");

  describe("Noncompliance", () => {
    for (const acl of ["public-read", "public-read-write", "authenticated-read"]) {
      it(`reports canned ACL ${acl} on Bucket, BucketV2, BucketAcl, BucketAclV2 and objects`, async () => {
        const found = await violations(p, [
          res(S3_BUCKET, "a", { acl }),
          res(S3_BUCKET_V2, "b", { acl }),
          res(S3_BUCKET_ACL, "c", { bucket: "x", acl }),
          res(S3_BUCKET_ACL_V2, "d", { bucket: "x", acl }),
          res(S3_BUCKET_OBJECTV2, "e", { bucket: "x", key: "k", acl }),
        ]);
        expect(found).to.deep.equal(
          ["a", "b", "c", "d", "e"].map((n) => `${n}: canned ACL "${acl}" is public.`),
        );
      });
    }
    it("KICS 'S3 Bucket ACL Allows Read Or Write to All Users' positive1 and 'S3 Bucket ACL Allows Read to Any Authenticated User' positive3", async () => {
      const found = await violations(p, [
        res(S3_BUCKET, "positive1", { bucket: "my-tf-test-bucket", acl: "public-read" }),
        res(S3_BUCKET_ACL, "example_bucket_acl", { bucket: UNKNOWN, acl: "authenticated-read" }),
      ]);
      expect(found).to.deep.equal([
        'positive1: canned ACL "public-read" is public.',
        'example_bucket_acl: canned ACL "authenticated-read" is public.',
      ]);
    });
    it("reports inline grants to AllUsers", async () => {
      const b = res(S3_BUCKET, "a", {
        grants: [
          {
            type: "Group",
            uri: "http://acs.amazonaws.com/groups/global/AllUsers",
            permissions: ["READ"],
          },
        ],
      });
      expect(await violations(p, [b])).to.deep.equal([
        "a: grants READ to the public group http://acs.amazonaws.com/groups/global/AllUsers.",
      ]);
    });
    it("reports a public canned ACL and an AllUsers grant on a copied object (ObjectCopy)", async () => {
      const copy = (name: string, inputs: Record<string, unknown>) =>
        res(S3_OBJECT_COPY, name, { bucket: "x", key: "k", source: "src/k", ...inputs });
      expect(
        await violations(p, [
          copy("a", { acl: "public-read-write" }),
          copy("b", {
            grants: [
              {
                type: "Group",
                uri: "http://acs.amazonaws.com/groups/global/AllUsers",
                permissions: ["READ"],
              },
            ],
          }),
          copy("c", { acl: "private" }),
          copy("d", {}),
        ]),
      ).to.deep.equal([
        'a: canned ACL "public-read-write" is public.',
        "b: grants READ to the public group http://acs.amazonaws.com/groups/global/AllUsers.",
      ]);
    });
    it("reports BucketAclV2 access-control grants to AuthenticatedUsers", async () => {
      const acl = res(S3_BUCKET_ACL_V2, "a", {
        bucket: "x",
        accessControlPolicy: {
          owner: { id: "owner" },
          grants: [
            {
              permission: "WRITE",
              grantee: {
                type: "Group",
                uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
              },
            },
          ],
        },
      });
      expect(await violations(p, [acl])).to.deep.equal([
        "a: grants WRITE to the public group http://acs.amazonaws.com/groups/global/AuthenticatedUsers.",
      ]);
    });
  });

  describe("Compliance", () => {
    it("passes private and log-delivery ACLs", async () => {
      expect(
        await violations(p, [
          res(S3_BUCKET, "a", { acl: "private" }),
          res(S3_BUCKET_V2, "b", {}),
          res(S3_BUCKET_ACL_V2, "c", { bucket: "x", acl: "log-delivery-write" }),
          res(S3_BUCKET, "d", {
            grants: [
              {
                type: "Group",
                uri: "http://acs.amazonaws.com/groups/s3/LogDelivery",
                permissions: ["WRITE"],
              },
            ],
          }),
        ]),
      ).to.deep.equal([]);
    });
    it(
      "a compliant Bucket and a compliant BucketV2 pass",
      passesCompliantBuckets("s3-bucket-no-public-acl"),
    );
  });
});
