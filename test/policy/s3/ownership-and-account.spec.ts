// S3 block public access, the bucket owner and the account: ACLs disabled by BucketOwnerEnforced
// ownership on every bucket, and an account-wide public-access block where the stack makes
// buckets (the per-bucket blocks, ACLs and policies: ./public-access.spec.ts).
import { expect } from "chai";
import {
  KMS_KEY,
  S3_ACCOUNT_PUBLIC_ACCESS_BLOCK,
  S3_BUCKET_OWNERSHIP_CONTROLS,
  S3_BUCKET_V2,
} from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violations } from "../fixture";
import { ALL_FLAGS, compliantBucket, passesCompliantBuckets, stack } from "../fixtures/s3";

describe("s3-bucket-ownership-enforced", () => {
  const p = policy("s3-bucket-ownership-enforced");

  describe("Noncompliance", () => {
    for (const owner of ["ObjectWriter", "BucketOwnerPreferred"]) {
      it(`reports ${owner}`, async () => {
        const s = stack({ parts: { ownership: { rule: { objectOwnership: owner } } } });
        expect(await violations(p, s)).to.deep.equal([
          `data: bucket "data": ownership controls "data-ownership" set ${owner}, not BucketOwnerEnforced (ACLs stay enabled).`,
        ]);
      });
    }
  });

  describe("controls of a bucket the stack does not create", () => {
    const controls = (objectOwnership: string, bucket: unknown = "shared-data") =>
      res(S3_BUCKET_OWNERSHIP_CONTROLS, "shared-own", { bucket, rule: { objectOwnership } });
    it("CKV2_AWS_65 failing (ObjectWriter on a bucket given by name) is a finding on the controls", async () => {
      expect(await violations(p, [...stack(), controls("ObjectWriter")])).to.deep.equal([
        'shared-own: ownership controls of bucket "shared-data" (not created by this stack) set ObjectWriter, not BucketOwnerEnforced (ACLs stay enabled).',
      ]);
    });
    it("CKV2_AWS_65 passing: BucketOwnerEnforced there draws none", async () => {
      expect(await violations(p, [...stack(), controls("BucketOwnerEnforced")])).to.deep.equal([]);
    });
    it("an unknown bucket that no property dependency names is a preview note", async () => {
      expect(await previewNotes(p, [...stack(), controls("ObjectWriter", UNKNOWN)])).to.have.length(
        1,
      );
    });
  });

  describe("Compliance", () => {
    it("CKV2_AWS_65 judges controls only: a bucket without any keeps S3's default, ACLs disabled", async () => {
      expect(await violations(p, stack({ parts: { ownership: null } }))).to.deep.equal([]);
    });
    it("passes BucketOwnerEnforced (Bucket, BucketV2, literal name)", async () => {
      expect(await violations(p, stack())).to.deep.equal([]);
      expect(await violations(p, stack({ type: S3_BUCKET_V2 }))).to.deep.equal([]);
      expect(await violations(p, stack({ literal: true }))).to.deep.equal([]);
    });
    it(
      "a compliant Bucket and a compliant BucketV2 pass",
      passesCompliantBuckets("s3-bucket-ownership-enforced"),
    );
  });
});

describe("s3-bucket-ownership-explicit", () => {
  const p = policy("s3-bucket-ownership-explicit");

  it("Noncompliance: a bucket without ownership controls (advisory)", async () => {
    expect(p.enforcementLevel).to.equal("advisory");
    expect(await violations(p, stack({ parts: { ownership: null } }))).to.deep.equal([
      'data: bucket "data" has no BucketOwnershipControls: ACLs are off only by S3\'s default.',
    ]);
  });

  describe("Compliance", () => {
    it("any explicit controls (the mandatory rule judges their setting)", async () => {
      expect(await violations(p, stack())).to.deep.equal([]);
      const writer = stack({ parts: { ownership: { rule: { objectOwnership: "ObjectWriter" } } } });
      expect(await violations(p, writer)).to.deep.equal([]);
    });
    it(
      "a compliant Bucket and a compliant BucketV2 pass",
      passesCompliantBuckets("s3-bucket-ownership-explicit"),
    );
  });
});

describe("s3-account-public-access-block", () => {
  const p = policy("s3-account-public-access-block");

  describe("Noncompliance", () => {
    it("notes a stack with buckets and no account block, once, for the stack", async () => {
      const found = await violations(p, [...stack(), ...compliantBucket("other").all]);
      expect(found).to.have.length(1);
      // Reported against the root stack (`<project>-<stack>`), as the engine attributes it.
      expect(found[0]).to.match(
        /^platform-test: this stack creates buckets but no AccountPublicAccessBlock/,
      );
    });
  });

  describe("Compliance", () => {
    it("leaves a managed block's flags to the mandatory s3-public-access-block-all-flags: one finding, not two", async () => {
      const block = res(S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, "account", {
        ...ALL_FLAGS,
        restrictPublicBuckets: false,
      });
      expect(await violations(p, [...stack(), block])).to.deep.equal([]);
      expect(
        await violations(policy("s3-public-access-block-all-flags"), [...stack(), block]),
      ).to.have.length(1);
    });
    it("passes a stack with an all-true account block, or without buckets", async () => {
      expect(
        await violations(p, [
          ...stack(),
          res(S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, "account", ALL_FLAGS),
        ]),
      ).to.deep.equal([]);
      expect(await violations(p, [res(KMS_KEY, "k", {})])).to.deep.equal([]);
    });
    it(
      "a compliant Bucket and a compliant BucketV2 pass",
      passesCompliantBuckets("s3-account-public-access-block"),
    );
  });
});
