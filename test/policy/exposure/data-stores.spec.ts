// Secrets Manager, EFS and Glacier resource policies, from KICS "Secrets Manager With Vulnerable
// Policy" and "EFS With Vulnerable Policy" fixtures and Checkov CKV_AWS_167 (GlacierVaultAnyPrincipal).
import { expect } from "chai";
import {
  EFS_FILE_SYSTEM_POLICY,
  GLACIER_VAULT,
  GLACIER_VAULT_LOCK,
  SECRETSMANAGER_SECRET_POLICY,
} from "../../../policy-pack/lib/types";
import { policy, policyJson as doc, res, violations } from "../fixture";

const named = { AWS: "arn:aws:iam::111122223333:user/Carlos" };

describe("secretsmanager-secret-policy-not-public", () => {
  const p = policy("secretsmanager-secret-policy-not-public");
  const statement = {
    Sid: "EnableAllPermissions",
    Effect: "Allow",
    Principal: named,
    Action: "secretsmanager:GetSecretValue",
    Resource: "*",
  };
  const secretPolicy = (s = statement) =>
    res(SECRETSMANAGER_SECRET_POLICY, "sp", {
      secretArn: "arn:s",
      policy: doc(s),
      blockPublicPolicy: true,
    });
  describe("Noncompliance", () => {
    it('KICS "Secrets Manager With Vulnerable Policy" positive: {AWS: "*"}, secretsmanager:*', async () => {
      const s = { ...statement, Principal: { AWS: "*" }, Action: "secretsmanager:*" };
      expect(await violations(p, [secretPolicy(s)])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("a named principal has no finding", async () => {
      expect(await violations(p, [secretPolicy()])).to.deep.equal([]);
    });
  });
});

describe("secretsmanager-secret-policy-block-public", () => {
  const p = policy("secretsmanager-secret-policy-block-public");
  const sp = (blockPublicPolicy?: boolean) =>
    res(SECRETSMANAGER_SECRET_POLICY, "sp", {
      secretArn: "arn:s",
      policy: "{}",
      blockPublicPolicy,
    });
  describe("Noncompliance", () => {
    it("blockPublicPolicy unset or false", async () => {
      expect(await violations(p, [sp()])).to.have.length(1);
      expect(await violations(p, [sp(false)])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("blockPublicPolicy: true", async () => {
      expect(await violations(p, [sp(true)])).to.deep.equal([]);
    });
  });
});

describe("efs-file-system-policy-not-public", () => {
  const p = policy("efs-file-system-policy-not-public");
  /** KICS "EFS With Vulnerable Policy" negative: a named user, TLS required. */
  const statement = {
    Sid: "ExampleStatement01",
    Effect: "Allow",
    Principal: named,
    Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
    Condition: { Bool: { "aws:SecureTransport": "true" } },
  };
  const fsPolicy = (s: Record<string, unknown> = statement, extra = {}) =>
    res(EFS_FILE_SYSTEM_POLICY, "fsp", { fileSystemId: "fs-1", policy: doc(s), ...extra });
  describe("Noncompliance", () => {
    it('KICS "EFS With Vulnerable Policy" positive: Principal "*"', async () => {
      expect(
        await violations(p, [fsPolicy({ ...statement, Principal: { AWS: "*" } })]),
      ).to.have.length(1);
    });
    it("bypassPolicyLockoutSafetyCheck: true", async () => {
      expect(
        await violations(p, [fsPolicy(statement, { bypassPolicyLockoutSafetyCheck: true })]),
      ).to.deep.equal(["fsp: bypassPolicyLockoutSafetyCheck is true."]);
    });
  });
  describe("Compliance", () => {
    it("KICS negative: a named user has no finding", async () => {
      expect(await violations(p, [fsPolicy()])).to.deep.equal([]);
    });
    it('"*" pinned to a VPC endpoint', async () => {
      const s = {
        ...statement,
        Principal: "*",
        Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
      };
      expect(await violations(p, [fsPolicy(s)])).to.deep.equal([]);
    });
  });
});

describe("glacier-vault-policy-not-public", () => {
  const p = policy("glacier-vault-policy-not-public");
  const statement = {
    Sid: "add-read-only-perm",
    Effect: "Allow",
    Principal: { AWS: ["arn:aws:iam::123456789012:root"] },
    Action: ["glacier:InitiateJob", "glacier:GetJobOutput"],
    Resource: "arn:aws:glacier:eu-west-1:123456789012:vaults/v",
  };
  describe("Noncompliance", () => {
    it("CKV_AWS_167: the vault's access policy grants to *", async () => {
      const v = res(GLACIER_VAULT, "v", { accessPolicy: doc({ ...statement, Principal: "*" }) });
      expect(await violations(p, [v])).to.have.length(1);
    });
    it("a Vault Lock policy granting to *", async () => {
      const l = res(GLACIER_VAULT_LOCK, "lock", {
        vaultName: "v",
        completeLock: false,
        policy: doc({ ...statement, Principal: "*" }),
      });
      expect(await violations(p, [l])).to.have.length(1);
    });
  });
  describe("Compliance", () => {
    it("CKV_AWS_167 pass: the account root, and a vault without a policy", async () => {
      expect(
        await violations(p, [res(GLACIER_VAULT, "v", { accessPolicy: doc(statement) })]),
      ).to.deep.equal([]);
      expect(await violations(p, [res(GLACIER_VAULT, "w", {})])).to.deep.equal([]);
    });
  });
});
