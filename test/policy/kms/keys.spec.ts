// KMS keys: rotation, an explicit key policy without wildcard principals, the deletion window and
// a description; a compliant key per policy and one test per way of breaking it.
import { expect } from "chai";
import { IAM_ROLE, KMS_KEY, KMS_KEY_POLICY } from "../../../policy-pack/lib/types";
import { policy, previewNotes, res, UNKNOWN, violations } from "../fixture";
import { ACCOUNT, key, keyInputs, keyPolicyDoc } from "../fixtures/kms";
import { CMK_USER_DENY } from "../fixtures/third-party/kics-resource.cases";

describe("kms-key-rotation-enabled", () => {
  const p = policy("kms-key-rotation-enabled");

  describe("Noncompliance", () => {
    it("reports rotation off and rotation unset", async () => {
      const msg = "key: automatic key rotation is off (enableKeyRotation is not true).";
      expect(await violations(p, [key({ enableKeyRotation: false })])).to.deep.equal([msg]);
      expect(await violations(p, [key({ enableKeyRotation: undefined })])).to.deep.equal([msg]);
    });
    it("reports a rotation period outside 90-2560", async () => {
      expect(await violations(p, [key({ rotationPeriodInDays: 30 })])).to.deep.equal([
        "key: rotationPeriodInDays 30 is outside 90-2560.",
      ]);
      expect(await violations(p, [key({ rotationPeriodInDays: 3000 })])).to.have.length(1);
    });
    it("KICS cmk_rotation_disabled positive5: rotation asked of a key KMS cannot rotate", async () => {
      expect(
        await violations(p, [key({ customerMasterKeySpec: "RSA_2048", enableKeyRotation: true })]),
      ).to.deep.equal([
        "key: enableKeyRotation is true on a RSA_2048 ENCRYPT_DECRYPT key, which KMS cannot rotate.",
      ]);
      const hmac = { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" };
      expect(await violations(p, [key({ ...hmac, enableKeyRotation: true })])).to.have.length(1);
      const store = key({ customKeyStoreId: "cks-1234", enableKeyRotation: true });
      expect(await violations(p, [store])).to.deep.equal([
        "key: enableKeyRotation is true on a key in a custom key store, which KMS cannot rotate.",
      ]);
      const unknown = key({ customerMasterKeySpec: "RSA_2048", enableKeyRotation: UNKNOWN });
      expect(await violations(p, [unknown])).to.deep.equal([]);
      expect(await previewNotes(p, [unknown])).to.have.length(1);
    });
    it("gives a preview note for an unknown rotation flag", async () => {
      const k = key({ enableKeyRotation: UNKNOWN });
      expect(await violations(p, [k])).to.deep.equal([]);
      expect(await previewNotes(p, [k])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("passes a symmetric key with rotation on (default and custom period)", async () => {
      expect(await violations(p, [key()])).to.deep.equal([]);
      expect(await violations(p, [key({ rotationPeriodInDays: 90 })])).to.deep.equal([]);
      expect(await violations(p, [key({ rotationPeriodInDays: 2560 })])).to.deep.equal([]);
    });
    it("skips keys that cannot rotate automatically (asymmetric, HMAC, custom key store)", async () => {
      for (const inputs of [
        { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" },
        { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" },
        { customKeyStoreId: "cks-1234" },
      ]) {
        expect(await violations(p, [key({ enableKeyRotation: false, ...inputs })])).to.deep.equal(
          [],
        );
      }
    });
  });
});

describe("kms-key-policy-no-wildcard-principal", () => {
  const p = policy("kms-key-policy-no-wildcard-principal");
  const wildcard = {
    Sid: "Everyone",
    Effect: "Allow",
    Principal: { AWS: "*" },
    Action: ["kms:Decrypt"],
    Resource: "*",
  };

  describe("Noncompliance", () => {
    it("reports a key without an explicit policy", async () => {
      expect(await violations(p, [key({ policy: undefined })])).to.deep.equal([
        'key: KMS key "key" has no explicit key policy: KMS applies the default policy, which hands every use of the key to IAM policies of the account.',
      ]);
    });
    it("KICS kms_key_with_full_permissions positive3/positive4 and kms_key_with_vulnerable_policy positive/positive2: no policy, or kms:* to {AWS: *} or * (on the key or a KeyPolicy)", async () => {
      const open = (principal: unknown) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "AddCannedAcl",
              Effect: "Allow",
              Principal: principal,
              Action: ["kms:*"],
              Resource: "*",
            },
          ],
        });
      const bare = { description: "KMS key 1", deletionWindowInDays: 10, enableKeyRotation: true };
      expect(await violations(p, [res(KMS_KEY, "positive3", bare)])).to.have.length(1);
      for (const principal of [{ AWS: "*" }, "*"]) {
        expect(
          await violations(p, [res(KMS_KEY, "positive", { ...bare, policy: open(principal) })]),
        ).to.deep.equal([
          'positive: key policy of "positive": statement AddCannedAcl (kms:*): Allow to Principal "*" without a narrowing condition.',
        ]);
      }
      const k = res(KMS_KEY, "positive4", bare);
      const kp = res(
        KMS_KEY_POLICY,
        "positive4-policy",
        { keyId: UNKNOWN, policy: open({ AWS: "*" }) },
        { refs: { keyId: [k] } },
      );
      expect(await violations(p, [k, kp])).to.have.length(1);
    });
    it("gives a preview note, not a finding, for a policy unknown without property dependency", async () => {
      // An invoke output (getPolicyDocumentOutput) over unknown ARNs carries no dependencies at
      // preview, and an unset policy (KMS default) is unknown too: neither may pass or fail.
      expect(await violations(p, [key({ policy: UNKNOWN })])).to.deep.equal([]);
      expect(await previewNotes(p, [key({ policy: UNKNOWN })])).to.have.length(1);
    });
    it("reports a wildcard principal on the key, on a KeyPolicy, and kms:ViaService alone", async () => {
      expect(await violations(p, [key({ policy: keyPolicyDoc(wildcard) })])).to.deep.equal([
        'key: key policy of "key": statement Everyone (kms:Decrypt): Allow to Principal "*" without a narrowing condition.',
      ]);
      const k = key({ policy: undefined });
      const kp = res(
        KMS_KEY_POLICY,
        "kp",
        { keyId: UNKNOWN, policy: keyPolicyDoc(wildcard) },
        { refs: { keyId: [k] } },
      );
      expect(await violations(p, [k, kp])).to.have.length(1);
      // The one evaluator decides for keys as for buckets: a fixed /24 pins the grant (S3's
      // definition of "public"), a range broader than /8 does not.
      const byIp = { ...wildcard, Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } };
      expect(await violations(p, [key({ policy: keyPolicyDoc(byIp) })])).to.deep.equal([]);
      const broad = { ...wildcard, Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/1" } } };
      expect(await violations(p, [key({ policy: keyPolicyDoc(broad) })])).to.have.length(1);
      const viaOnly = {
        ...wildcard,
        Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
      };
      expect(await violations(p, [key({ policy: keyPolicyDoc(viaOnly) })])).to.have.length(1);
    });
    it("reports a KeyPolicy for a key outside the stack", async () => {
      const kp = res(KMS_KEY_POLICY, "kp", { keyId: "1234abcd", policy: keyPolicyDoc(wildcard) });
      expect(await violations(p, [kp])).to.have.length(1);
    });
    it("reports bypassPolicyLockoutSafetyCheck on the key and on a KeyPolicy", async () => {
      expect(await violations(p, [key({ bypassPolicyLockoutSafetyCheck: true })])).to.deep.equal([
        'key: "key" sets bypassPolicyLockoutSafetyCheck: true.',
      ]);
      const k = key({ policy: undefined });
      const kp = res(
        KMS_KEY_POLICY,
        "kp",
        { keyId: UNKNOWN, policy: keyPolicyDoc(), bypassPolicyLockoutSafetyCheck: true },
        { refs: { keyId: [k] } },
      );
      expect(await violations(p, [k, kp])).to.deep.equal([
        'key: "kp" sets bypassPolicyLockoutSafetyCheck: true.',
      ]);
    });
    it("gives a preview note for a policy built from ARNs unknown at preview", async () => {
      const role = res(IAM_ROLE, "admin", {});
      const k = res(
        KMS_KEY,
        "key",
        { ...keyInputs, policy: UNKNOWN },
        { refs: { policy: [role] } },
      );
      expect(await violations(p, [role, k])).to.deep.equal([]);
      expect(await previewNotes(p, [role, k])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("KICS kms_key_with_full_permissions negative1: a policy of one Deny to a named user", async () => {
      const deny = JSON.stringify({ Version: "2012-10-17", Statement: [CMK_USER_DENY] });
      expect(await violations(p, [key({ policy: deny })])).to.deep.equal([]);
    });
    it("passes an explicit policy naming its principals, on the key or as a KeyPolicy", async () => {
      expect(await violations(p, [key()])).to.deep.equal([]);
      const k = key({ policy: undefined });
      const kp = res(
        KMS_KEY_POLICY,
        "key-policy",
        { keyId: UNKNOWN, policy: keyPolicyDoc() },
        { refs: { keyId: [k] } },
      );
      expect(await violations(p, [k, kp])).to.deep.equal([]);
    });
    it("passes a wildcard narrowed by kms:CallerAccount (the AWS-managed key pattern)", async () => {
      const narrowed = {
        ...wildcard,
        Condition: {
          StringEquals: {
            "kms:CallerAccount": ACCOUNT,
            "kms:ViaService": "s3.eu-west-1.amazonaws.com",
          },
        },
      };
      expect(await violations(p, [key({ policy: keyPolicyDoc(narrowed) })])).to.deep.equal([]);
    });
  });
});

describe("kms-key-deletion-window", () => {
  const p = policy("kms-key-deletion-window");

  describe("Noncompliance", () => {
    it("reports a shorter window, unless config allows it", async () => {
      expect(await violations(p, [key({ deletionWindowInDays: 7 })])).to.deep.equal([
        "key: deletionWindowInDays is 7; use at least 30 (30 recommended).",
      ]);
      const config = { "kms-key-deletion-window": { minDeletionWindowDays: 7 } };
      expect(await violations(p, [key({ deletionWindowInDays: 7 })], config)).to.deep.equal([]);
    });
  });

  describe("Compliance", () => {
    it("passes 30 days and the default", async () => {
      expect(await violations(p, [key()])).to.deep.equal([]);
      expect(await violations(p, [key({ deletionWindowInDays: undefined })])).to.deep.equal([]);
    });
  });
});

describe("kms-key-description", () => {
  const p = policy("kms-key-description");

  describe("Noncompliance", () => {
    it("reports a missing or blank description", async () => {
      expect(await violations(p, [key({ description: undefined })])).to.deep.equal([
        "key: the key has no description.",
      ]);
      expect(await violations(p, [key({ description: "  " })])).to.have.length(1);
    });
  });

  describe("Compliance", () => {
    it("passes a described key", async () => {
      expect(await violations(p, [key()])).to.deep.equal([]);
    });
  });
});
